"""The held-out rounds in ``tests/gold/rounds.csv`` are the reports the seeded draw picks."""

from __future__ import annotations

import runpy

import pandas as pd

from tifa.paths import GOLD


def test_rounds_are_the_seeded_draws(held_out_rounds):
    draw = runpy.run_path(str(GOLD / "draw_held_out.py"))["draw"]
    drawn, tuning = draw()
    assert {n: list(docs) for n, docs in held_out_rounds.items() if n > 1} == drawn
    assert tuning == ["cn-national-gwr-2003", "cn-ningxia-gwr-2025"]


def test_every_round_is_annotated(held_out_rounds, parallel_only_rounds):
    """Every round is annotated in both gold files (only in the formulas file for the rounds of
    parallel runs only), except that the latest may be drawn and still await its annotation
    (then no document of it is in either file)."""
    annotated = {
        name: set(pd.read_csv(GOLD / name, usecols=["doc_id"])["doc_id"])
        for name in ("slogans_gold.csv", "formulas_gold.csv")
    }
    latest = max(held_out_rounds)
    for number, docs in held_out_rounds.items():
        if number == latest and not any(set(docs) & doc_ids for doc_ids in annotated.values()):
            continue  # drawn and registered, annotation pending
        for name, doc_ids in annotated.items():
            if number in parallel_only_rounds and name == "slogans_gold.csv":
                continue
            assert set(docs) <= doc_ids, (name, docs)
