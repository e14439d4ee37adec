"""Accuracy of target classification against hand annotation (tests/gold/numbers_gold.csv).

The gold file is annotated blind, by hand, for seeds 001 and 004 and three
held-out documents (cn-national-gwr-1994, cn-national-gwr-2016,
cn-zhejiang-gwr-2025) whose text the rules were not tuned on. The bar: F1 of at
least 0.90 for ``target`` and for ``achievement`` on the held-out documents.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tifa.datasets import load_all
from tifa.paths import GOLD
from tifa.targets import evaluate_against_gold, find_targets

GOLD_FILE = GOLD / "numbers_gold.csv"
HELD_OUT = ["cn-national-gwr-1994", "cn-national-gwr-2016", "cn-zhejiang-gwr-2025"]
BAR = 0.90

pytestmark = pytest.mark.skipif(
    not GOLD_FILE.exists(), reason=f"no hand annotation yet: {GOLD_FILE} does not exist"
)


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return pd.read_csv(GOLD_FILE, dtype={"left": str, "text": str}, keep_default_na=False,
                       na_values={"value": [""], "value_high": [""]})  # fmt: skip


@pytest.fixture(scope="module")
def scored(gold):
    corpus = load_all()
    documents = corpus.subset(sorted(set(gold["doc_id"])))
    return documents, find_targets(documents)


def _report(title: str, table: pd.DataFrame) -> None:
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(f"\n{title}\n{table.round(3).to_string(index=False)}")


def test_gold_names_known_documents(gold, scored):
    documents, _ = scored
    assert set(gold["doc_id"]) <= set(documents.doc_ids)
    assert set(gold["kind"]) <= {"target", "achievement", "masked_target", "other"}


def test_all_gold_documents(gold, scored):
    documents, predictions = scored
    table = evaluate_against_gold(predictions, gold, documents)
    _report("all gold documents", table)
    assert table.set_index("kind").loc["all", "unlocated"] <= 0.02 * len(gold)


def test_held_out_documents_meet_the_bar(gold, scored):
    documents, predictions = scored
    held_out = gold[gold["doc_id"].isin(HELD_OUT)]
    if held_out.empty:
        pytest.skip("the gold file has no held-out document yet")
    table = evaluate_against_gold(predictions, held_out, documents)
    _report("held-out documents", table)
    for doc_id in sorted(set(held_out["doc_id"])):
        _report(doc_id, evaluate_against_gold(predictions, held_out[held_out["doc_id"] == doc_id], documents))
    scores = table.set_index("kind")["f1"]
    assert scores["target"] >= BAR
    assert scores["achievement"] >= BAR
