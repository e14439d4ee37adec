"""How far two annotators applying the same written rules agree.

``tests/gold/agreement/`` holds a second, independent annotation of
``cn-jiangxi-gwr-2025`` (formulations and parallel runs), scored here, and second
annotations of the parallel runs of two round-10 and two round-22 reports, reported in
docs/validation.md but not scored here (the first annotation was readable when they were made). Scoring one annotation
against the other with the extractors' own scorers gives the agreement a bar can
be read against: an extractor cannot be shown to be more accurate than the
reference it is compared with. The figures are reported in docs/validation.md.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tifa.formulas import evaluate_against_gold as evaluate_formulas
from tifa.formulas import locate_gold
from tifa.paths import GOLD
from tifa.slogans import locate_gold
from tifa.slogans import evaluate_against_gold as evaluate_slogans
from tifa.slogans import read_gold

DOC = "cn-jiangxi-gwr-2025"
SECOND = GOLD / "agreement"


@pytest.fixture(scope="module")
def text(provincial) -> dict[str, str]:
    return {DOC: provincial[DOC].text}


def test_formulations_two_annotators(text):
    first = read_gold(GOLD / "slogans_gold.csv")
    first = first[first["doc_id"] == DOC]
    second = read_gold(SECOND / f"slogans_{DOC}_second.csv")
    assert len(first) and len(second)
    # the second annotation, located in the text, plays the part of predictions
    table = evaluate_slogans(locate_gold(second, text), first, texts=text).set_index("group")
    print("\n" + table.round(3).to_string())
    both = table.loc["slogan+numbered_formula"]
    # every quoted item and numbered formula is found by both (span agreement)
    assert table.loc["any", "recall"] == 1.0 and table.loc["any", "precision"] == 1.0
    # the kind line is where annotators can differ; it must leave room for the bar (0.95 / 0.90)
    assert both["recall"] >= 0.95 and both["precision"] >= 0.95, both.to_dict()


def test_parallel_runs_two_annotators(text):
    gold = pd.read_csv(GOLD / "formulas_gold.csv", dtype=str)
    first = gold[(gold["doc_id"] == DOC) & (gold["kind"] == "parallelism")]
    second = pd.read_csv(SECOND / f"parallel_{DOC}_second.csv", dtype=str)
    assert len(first) and len(second)
    located = locate_gold(second, text)
    assert (located["start"] >= 0).all(), "rows of the second annotation not found in the text"
    # a row records the run's first 20 characters only: that stretch is its span
    located["end"] = located["start"] + located["text"].str.len()
    table = evaluate_formulas(located, first, text)
    row = table[table["doc_id"] == "all"].iloc[0]
    print("\n" + table.round(3).to_string(index=False))
    assert row["f1"] >= 0.85, row.to_dict()
