"""Throughput of formula detection on the national corpus, against jieba.

Run: ``python benchmarks/bench_formulas.py``. Reads the national government
work reports, normalizes them once (not timed), then times on one core, on the
same normalized text in the same run:

- ``tifa.formulas.find_formulas`` (announced structures, enumerations, parallel
  runs, reduplications and templates, span table included);
- ``jieba.lcut`` over the same texts (the reference).

Each is timed ``repeats`` times and the fastest run kept (the machine is shared:
quote the ratio, not the absolute speed). The target is at least two million
characters per second for formula detection.
"""

from __future__ import annotations

import logging
import time

from tifa.corpus import read_corpus
from tifa.formulas import find_formulas
from tifa.paths import NATIONAL_CORPUS


def best_of(repeats: int, function, *args) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main(repeats: int = 5) -> dict:
    corpus = read_corpus(NATIONAL_CORPUS)
    documents = list(corpus)
    characters = sum(len(d.text) for d in documents)
    find_formulas(documents)  # warm-up (loads jieba's dictionary once, not timed)
    formulas = best_of(repeats, find_formulas, documents)

    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.lcut("预热")
    texts = [d.text for d in documents]
    segment = best_of(max(1, repeats // 2), lambda: [jieba.lcut(t) for t in texts])
    result = {
        "documents": len(documents),
        "characters": characters,
        "formulas_seconds": round(formulas, 3),
        "formulas_chars_per_second": round(characters / formulas),
        "jieba_chars_per_second": round(characters / segment),
        "formulas_vs_jieba": round(segment / formulas, 2),
        "target_met": characters / formulas >= 2_000_000,
    }
    for key, value in result.items():
        print(f"{key:26s} {value}")
    return result


if __name__ == "__main__":
    main()
