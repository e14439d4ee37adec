"""tifa (提法): slogans, numeric targets and formulaic phrasing in Chinese political texts.

The main entry points, importable from the package itself (each loads its module on
first use, so ``import tifa`` stays fast):

>>> import tifa
>>> corpus = tifa.read_corpus(tifa.paths.SEEDS)
>>> sorted(set(tifa.find_slogans(corpus)["kind"]))[:2]
['numbered_formula', 'programme']
"""

from __future__ import annotations

import importlib

from tifa import paths

__version__ = "0.1.0"

_EXPORTS = {
    "read_corpus": "tifa.corpus",
    "Corpus": "tifa.corpus",
    "Document": "tifa.corpus",
    "find_slogans": "tifa.slogans",
    "count_slogans": "tifa.slogans",
    "find_numbers": "tifa.numbers",
    "find_targets": "tifa.targets",
    "find_headline_targets": "tifa.targets",
    "rate_targets": "tifa.targets",
    "find_formulas": "tifa.formulas",
    "rate_formulaicity": "tifa.formulas",
    "find_reuse": "tifa.reuse",
    "find_tokens": "tifa.segment",
    "keyness": "tifa.keyness",
    "kwic": "tifa.kwic",
    "TifaError": "tifa.errors",
}
__all__ = sorted(_EXPORTS) + ["paths", "__version__"]


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'tifa' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
