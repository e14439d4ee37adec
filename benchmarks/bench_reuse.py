"""Wall time of text reuse over every shipped document, against jieba.

Run: ``python benchmarks/bench_reuse.py``. Reads the five seeds, the 47
national and the 31 provincial reports (not timed), then times
``tifa.reuse.find_reuse`` (verbatim and near passes, lexicon formulations
ignored) over all of them, and ``jieba.lcut`` over the same normalized texts in
the same run. The target is under 30 seconds for the reuse pass.
"""

from __future__ import annotations

import logging
import time

from tifa.corpus import read_corpus
from tifa.paths import NATIONAL_CORPUS, PROVINCIAL_CORPUS, SEEDS
from tifa.reuse import find_reuse


def main() -> dict:
    documents = [d for folder in (SEEDS, NATIONAL_CORPUS, PROVINCIAL_CORPUS) for d in read_corpus(folder)]
    characters = sum(len(d.text) for d in documents)
    find_reuse(documents[:5])  # warm-up (lexicon, imports)
    start = time.perf_counter()
    table = find_reuse(documents)
    reuse = time.perf_counter() - start

    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.lcut("预热")
    start = time.perf_counter()
    for d in documents:
        jieba.lcut(d.text)
    segment = time.perf_counter() - start
    result = {
        "documents": len(documents),
        "characters": characters,
        "passages": len(table),
        "near_passages": int((table["match"] == "near").sum()),
        "reuse_seconds": round(reuse, 2),
        "reuse_chars_per_second": round(characters / reuse),
        "jieba_seconds": round(segment, 2),
        "reuse_vs_jieba": round(segment / reuse, 2),
        "target_met": reuse < 30,
    }
    for key, value in result.items():
        print(f"{key:26s} {value}")
    return result


if __name__ == "__main__":
    main()
