"""Formulas against the blind hand annotation in tests/gold/formulas_gold.csv.

The bar: announced structures and their items found with recall >= 0.95;
enumerations and parallel runs with F1 >= 0.85, on held-out documents (rules
not tuned on them). Round 1 (three reports with every layer) holds the bar for
announced structures and enumerations; parallel runs, which missed it there and
in rounds 2 to 8 (each scored once, then tuned on), are held to it on round 9,
three reports annotated for parallel runs only and scored once (docs/validation.md).
The seeds and the other annotated reports are reported but not held to the bar. Gold ``announced_item`` rows match predicted
``announced_item`` or ``enumeration_item`` spans (see
:func:`tifa.formulas.evaluate_against_gold`).
"""

from __future__ import annotations

import pandas as pd
import pytest

from tifa.formulas import evaluate_against_gold, find_formulas
from tifa.paths import GOLD

GOLD_FILE = GOLD / "formulas_gold.csv"
ROUND_1 = ("cn-national-gwr-1994", "cn-national-gwr-2016", "cn-zhejiang-gwr-2025")
ROUND_2 = ("cn-national-gwr-1978", "cn-jiangxi-gwr-2025", "cn-hainan-gwr-2025")
ROUND_3 = ("cn-national-gwr-1981", "cn-fujian-gwr-2025", "cn-shandong-gwr-2025")
ROUND_4 = ("cn-national-gwr-2015", "cn-beijing-gwr-2025", "cn-heilongjiang-gwr-2025")
ROUND_5 = ("cn-national-gwr-1979", "cn-hubei-gwr-2025", "cn-qinghai-gwr-2025")
ROUND_6 = ("cn-national-gwr-2011", "cn-sichuan-gwr-2025", "cn-chongqing-gwr-2025")
ROUND_7 = ("cn-national-gwr-2013", "cn-gansu-gwr-2025", "cn-guizhou-gwr-2025")
ROUND_8 = ("cn-national-gwr-1985", "cn-guangxi-gwr-2025", "cn-neimenggu-gwr-2025")
ROUND_9 = ("cn-national-gwr-1987", "cn-henan-gwr-2025", "cn-anhui-gwr-2025")
#: Where each bar is held: announced structures and enumerations on round 1, parallel runs on round 9.
HELD_OUT = {"announced_structure": ROUND_1, "announced_item": ROUND_1, "enumeration": ROUND_1, "parallelism": ROUND_9}
#: Reports annotated for parallel runs only.
PARALLEL_ONLY = ROUND_2 + ROUND_3 + ROUND_4 + ROUND_5 + ROUND_6 + ROUND_7 + ROUND_8 + ROUND_9 + ("cn-national-gwr-2003", "cn-ningxia-gwr-2025")
RECALL_BAR = {"announced_structure": 0.95, "announced_item": 0.95}
F1_BAR = {"enumeration": 0.85, "parallelism": 0.85}

pytestmark = pytest.mark.skipif(
    not GOLD_FILE.exists(),
    reason=f"no hand annotation yet: {GOLD_FILE} does not exist (it is written blind, by someone other than the rule author)",
)


@pytest.fixture(scope="module")
def scored():
    from tifa.corpus import read_corpus
    from tifa.paths import NATIONAL_CORPUS, PROVINCIAL_CORPUS, SEEDS

    gold = pd.read_csv(GOLD_FILE, dtype={"doc_id": str, "left": str, "text": str})
    wanted = set(gold["doc_id"])
    documents = [d for folder in (SEEDS, NATIONAL_CORPUS, PROVINCIAL_CORPUS) for d in read_corpus(folder) if d.doc_id in wanted]
    missing = wanted - {d.doc_id for d in documents}
    assert not missing, f"gold names documents that the shipped corpora do not have: {sorted(missing)}"
    texts = {d.doc_id: d.text for d in documents}
    layers = {doc_id: ["parallelism"] for doc_id in PARALLEL_ONLY}
    return evaluate_against_gold(find_formulas(documents), gold, texts, layers=layers), gold, texts


def _f1(totals: pd.DataFrame, kind: str) -> tuple[float, float, float]:
    recall = totals.loc[kind, "matched"] / totals.loc[kind, "gold"]
    precision = totals.loc[kind, "matched"] / max(totals.loc[kind, "predicted"], 1)
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


@pytest.mark.slow
@pytest.mark.xfail(
    reason=(
        "bar not met on round 9 for parallel runs: F1 0.776 (P 0.912, R 0.675; 123 gold runs) < 0.85; "
        "announced structures (recall 1.00) and enumerations (F1 1.00) meet it on round 1; "
        "strict, so it fails once every bar is met"
    ),
    strict=True,
)
def test_bar_on_held_out_documents(scored):
    table, _gold, _texts = scored
    print("\n" + table.to_string(index=False))
    rounds = (
        ("round 1", ROUND_1), ("round 2 (tuned on since)", ROUND_2), ("round 3 (tuned on since)", ROUND_3),
        ("round 4 (tuned on since)", ROUND_4), ("round 5 (tuned on since)", ROUND_5),
        ("round 6 (tuned on since)", ROUND_6),
        ("round 7 (tuned on since)", ROUND_7),
        ("round 8 (tuned on since)", ROUND_8), ("round 9", ROUND_9),
    )
    for name, docs in rounds:
        part = table[table["doc_id"].isin(docs)].groupby("kind")[["gold", "predicted", "matched"]].sum()
        if "parallelism" in part.index:
            print(f"{name}: parallelism P %.3f R %.3f F1 %.3f" % _f1(part, "parallelism"), part.loc["parallelism"].to_dict())
    failures = []
    for kind, docs in HELD_OUT.items():
        totals = table[table["doc_id"].isin(docs)].groupby("kind")[["gold", "predicted", "matched"]].sum()
        assert kind in totals.index and totals.loc[kind, "gold"], f"no gold {kind} rows in {docs}"
        precision, recall, f1 = _f1(totals, kind)
        if kind in RECALL_BAR and recall < RECALL_BAR[kind]:
            failures.append(f"{kind}: recall {recall:.3f} < {RECALL_BAR[kind]}")
        if kind in F1_BAR and f1 < F1_BAR[kind]:
            failures.append(f"{kind}: F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}) < {F1_BAR[kind]}")
    assert not failures, "; ".join(failures)


@pytest.mark.slow
def test_every_gold_row_is_located(scored):
    """Rows that cannot be found in the text would silently count as misses."""
    from tifa.formulas import locate_gold

    _table, gold, texts = scored
    located = locate_gold(gold, texts)
    lost = located[located["start"] < 0]
    assert lost.empty, f"gold rows not found in the normalized text:\n{lost.to_string()}"
