"""Throughput of slogan detection on the national corpus, against jieba's segmentation.

Run from the repository root::

    .venv/bin/python benchmarks/bench_slogans.py [--repeat 5]

Texts are normalized (read with :func:`tifa.datasets.load_national`) before any
timing. Slogan detection is timed warm (the lexicon automaton, the
dictionary used to classify quoted items and the kind model are loaded by a first
call; the kind model's per-item caches are emptied before each run), as the best
of ``--repeat`` runs; jieba's ``lcut`` is timed on the same texts in the same
run, warm as well. Prints characters per second for both and their ratio.
"""

from __future__ import annotations

import argparse
import logging
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of slogan detection (best is kept)")
    args = parser.parse_args()

    import jieba

    from tifa.datasets import load_national
    from tifa.kind_model import load_kind_model
    from tifa.lexicon import ahocorasick_rs
    from tifa.slogans import find_slogans

    corpus = load_national()
    texts = {document.doc_id: document.text for document in corpus}
    characters = sum(len(text) for text in texts.values())

    find_slogans(texts)  # warm: automaton, dictionary
    best = float("inf")
    for _ in range(args.repeat):
        load_kind_model().clear_cache()  # no item is scored in advance
        start = time.perf_counter()
        spans = find_slogans(texts)
        best = min(best, time.perf_counter() - start)

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.lcut("预热")
    start = time.perf_counter()
    for text in texts.values():
        tokenizer.lcut(text)
    jieba_seconds = time.perf_counter() - start

    ours = characters / best
    theirs = characters / jieba_seconds
    engine = "ahocorasick_rs" if ahocorasick_rs is not None else "pyahocorasick"
    print(f"national corpus: {len(texts)} documents, {characters:,} characters, {len(spans):,} spans")
    print(f"find_slogans ({engine}): {best * 1000:8.1f} ms  {ours / 1e6:6.2f} M chars/s (best of {args.repeat})")
    print(f"jieba.lcut:              {jieba_seconds * 1000:8.1f} ms  {theirs / 1e6:6.2f} M chars/s")
    print(f"ratio: slogan detection is {ours / theirs:.1f}x faster than jieba segmentation")


if __name__ == "__main__":
    main()
