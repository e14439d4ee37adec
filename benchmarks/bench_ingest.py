"""Ingestion throughput on the national corpus (one core).

Run: ``python benchmarks/bench_ingest.py``. Prints characters per second of raw
text for the whole pipeline (decode, clean, repair, normalize, structure) and,
measured in the same run on the same text, jieba's segmentation speed, with the
ratio between them (the machine is noisy: quote ratios, not absolute times).
"""

from __future__ import annotations

import json
import time

from tifa.corpus import read_corpus
from tifa.paths import NATIONAL_CORPUS


def main(repeats: int = 3) -> dict:
    path = NATIONAL_CORPUS / "national_gwr_1954_2019.jsonl"
    raw_chars = sum(len(json.loads(line)["text"]) for line in path.read_text(encoding="utf-8").splitlines())
    timings = []
    corpus = None
    for _ in range(repeats):
        start = time.perf_counter()
        corpus = read_corpus(path)
        timings.append(time.perf_counter() - start)
    ingest = min(timings)
    import jieba

    jieba.setLogLevel(60)
    text = "\n".join(d.text for d in corpus)
    jieba.lcut("预热")
    start = time.perf_counter()
    jieba.lcut(text)
    segment = time.perf_counter() - start
    result = {
        "documents": len(corpus),
        "raw_characters": raw_chars,
        "ingest_seconds": round(ingest, 3),
        "ingest_chars_per_second": round(raw_chars / ingest),
        "jieba_chars_per_second": round(len(text) / segment),
        "ingest_vs_jieba": round((raw_chars / ingest) / (len(text) / segment), 2),
    }
    for key, value in result.items():
        print(f"{key:26s} {value}")
    return result


if __name__ == "__main__":
    main()
