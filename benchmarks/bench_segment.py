"""Throughput of the segmentation backends on the national corpus.

Reads the national government work reports, normalizes them once (not timed),
then times on one core, over the same texts in the same run:

- ``segment.find_tokens`` with each backend: ``"char"``, ``"bigram"``,
  ``"jieba"`` with the tifa lexicon as user dictionary, and ``"jieba"`` with
  jieba's dictionary only (the token table with offsets, number protection
  included);
- plain ``jieba.lcut`` on the same texts (the reference: no offsets, no table).

The jieba tokenizers are built (dictionary loaded) before timing. Each step is
run ``--repeat`` times and the fastest run is reported in characters of
normalized text per second, with its ratio to plain jieba (the machine is
shared and noisy: quote ratios rather than absolute speeds).

Run from the repository root::

    python benchmarks/bench_segment.py [--repeat 3] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPOSITORY.parent / "shared" / "corpora" / "national-gwr" / "national_gwr_1954_2019.jsonl"


def _corpus_path(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    from tifa.paths import NATIONAL_CORPUS

    shipped = sorted(NATIONAL_CORPUS.glob("*.jsonl"))
    return shipped[0] if shipped else DEFAULT_CORPUS


def _best(function: Callable[[], object], repeat: int) -> tuple[float, object]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (fastest is kept)")
    parser.add_argument("--corpus", help="a corpus file or folder (default: the national reports)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPOSITORY / "lib"))
    warnings.simplefilter("ignore")
    import jieba

    from tifa.corpus import read_corpus
    from tifa.segment import find_tokens, make_tokenizer

    jieba.setLogLevel(logging.WARNING)
    corpus = read_corpus(_corpus_path(args.corpus))
    texts = [document.text for document in corpus]
    characters = sum(len(text) for text in texts)

    backends = {
        "char": make_tokenizer("char"),
        "bigram": make_tokenizer("bigram"),
        "jieba+lexicon": make_tokenizer("jieba"),
        "jieba": make_tokenizer("jieba", user_terms=()),
    }
    for tokenizer in backends.values():
        tokenizer("预热")  # build the jieba dictionaries before timing
    jieba.lcut("预热")

    rows: dict[str, tuple[float, int]] = {}
    for name, tokenizer in backends.items():
        seconds, table = _best(lambda tokenizer=tokenizer: find_tokens(corpus, tokenizer=tokenizer), args.repeat)
        rows[f"find_tokens {name}"] = (seconds, len(table))  # type: ignore[arg-type]
    seconds, tokens = _best(lambda: sum(len(jieba.lcut(text)) for text in texts), args.repeat)
    rows["jieba.lcut"] = (seconds, int(tokens))  # type: ignore[arg-type]

    reference = characters / rows["jieba.lcut"][0]
    print(f"corpus: {len(texts)} documents, {characters:,} characters (normalized)")
    print(f"{'step':<28}{'seconds':>9}{'tokens':>11}{'chars/s':>14}{'x jieba':>9}")
    result = {}
    for name, (seconds, count) in rows.items():
        rate = characters / seconds
        result[name] = rate
        print(f"{name:<28}{seconds:>9.3f}{count:>11,}{rate:>14,.0f}{rate / reference:>9.2f}")
    return result


if __name__ == "__main__":
    main()
