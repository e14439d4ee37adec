"""Throughput of numeral parsing and target classification, against jieba.

Reads the national government work report corpus, normalizes it once (not
timed), then times, on one core and the same text in the same run:

- ``tifa.numbers.find_numbers`` (parsing every numeric expression),
- ``tifa.targets.find_targets`` (parsing, classification, indicator linking,
  span table),
- ``jieba.lcut`` over the same texts (the reference).

Each is run ``--repeat`` times and the fastest run is reported, in characters
of normalized text per second, with the ratio to jieba. The bar of the project
is 5 million characters per second for ``find_targets``.

Run from the repository root::

    python benchmarks/bench_numbers.py [--repeat 5] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import warnings
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPOSITORY.parent / "shared" / "corpora" / "national-gwr" / "national_gwr_1954_2019.jsonl"
BAR = 5_000_000


def _corpus_path(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    try:
        from tifa.paths import NATIONAL_CORPUS

        shipped = sorted(NATIONAL_CORPUS.glob("*.jsonl"))
        if shipped:
            return shipped[0]
    except ImportError:
        pass
    return DEFAULT_CORPUS


def _best(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (fastest is kept)")
    parser.add_argument("--corpus", help="a corpus file or folder (default: the national reports)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPOSITORY / "lib"))
    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    import jieba

    from tifa.corpus import read_corpus
    from tifa.numbers import find_numbers
    from tifa.targets import find_targets

    jieba.setLogLevel(logging.WARNING)
    corpus = read_corpus(_corpus_path(args.corpus))
    texts = [document.text for document in corpus]
    characters = sum(len(text) for text in texts)
    jieba.lcut(texts[0][:100])  # load the dictionary before timing

    def segment() -> None:
        for text in texts:
            jieba.lcut(text)

    timings = {
        "find_numbers": _best(lambda: find_numbers(corpus), args.repeat),
        "find_targets": _best(lambda: find_targets(corpus), args.repeat),
        "jieba.lcut": _best(segment, max(1, min(args.repeat, 2))),
    }
    spans = find_targets(corpus)
    print(f"corpus: {len(texts)} documents, {characters:,} characters (normalized), "
          f"{len(spans):,} numeric expressions")
    print(f"{'step':<14}{'seconds':>10}{'chars/s':>16}{'x jieba':>10}")
    reference = characters / timings["jieba.lcut"]
    for name, seconds in timings.items():
        rate = characters / seconds
        print(f"{name:<14}{seconds:>10.3f}{rate:>16,.0f}{rate / reference:>10.1f}")
    rate = characters / timings["find_targets"]
    verdict = "meets" if rate >= BAR else "misses"
    print(f"find_targets {verdict} the bar of {BAR:,} characters per second ({rate / BAR:.2f} of it)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
