"""The corpora shipped with tifa, one loader each.

>>> national = load_national()
>>> len(national), int(national.docvars["year"].min()), int(national.docvars["year"].max())
(47, 1954, 2019)
"""

from __future__ import annotations

from tifa.corpus import Corpus, read_corpus
from tifa.paths import NATIONAL_CORPUS, PROVINCIAL_CORPUS, SEEDS


def load_seeds() -> Corpus:
    """The five source documents (``seeds/``) with their curated manifest."""
    return read_corpus(SEEDS)


def load_national() -> Corpus:
    """47 national government work reports, 1954–2019 (``data/corpora/national-gwr``)."""
    return read_corpus(NATIONAL_CORPUS)


def load_provincial() -> Corpus:
    """31 provincial government work reports of 2025 (``data/corpora/provincial-gwr-2025``)."""
    return read_corpus(PROVINCIAL_CORPUS)


def load_all() -> Corpus:
    """Seeds, national and provincial reports in one corpus (83 documents)."""
    return read_corpus(SEEDS, NATIONAL_CORPUS, PROVINCIAL_CORPUS)
