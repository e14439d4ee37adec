"""Formulas against the blind hand annotation in tests/gold/formulas_gold.csv.

The bar: announced structures and their items found with recall >= 0.95;
enumerations and parallel runs with F1 >= 0.85, on held-out documents (rules
not tuned on them). Round 1 (three reports with every layer) holds the bar for
announced structures and enumerations; parallel runs, which missed it there and
in rounds 2 to 20 (each scored once, then tuned on), are held to it on the judged rounds
(``judged_rounds`` in conftest.py): round 21, the five national reports of 1978 on that no
earlier round held, with round 22, the nine reports before 1978, scored with the same rules;
annotated for parallel runs only and each scored once (``tests/gold/rounds.csv``,
docs/validation.md).
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
#: The tuning reports drawn with round 2, annotated for parallel runs only.
ROUND_2_TUNING = ("cn-national-gwr-2003", "cn-ningxia-gwr-2025")
#: Layers held to the bar on round 1 (annotated for every layer); parallel runs are held on the judged rounds
#: (the latest, with the round it confirms: ``judged_rounds`` in conftest.py).
ROUND_1_LAYERS = ("announced_structure", "announced_item", "enumeration")
RECALL_BAR = {"announced_structure": 0.95, "announced_item": 0.95}
F1_BAR = {"enumeration": 0.85, "parallelism": 0.85}

pytestmark = pytest.mark.skipif(
    not GOLD_FILE.exists(),
    reason=f"no hand annotation yet: {GOLD_FILE} does not exist (it is written blind, by someone other than the rule author)",
)


@pytest.fixture(scope="module")
def scored(held_out_rounds):
    from tifa.corpus import read_corpus
    from tifa.paths import NATIONAL_CORPUS, PROVINCIAL_CORPUS, SEEDS

    gold = pd.read_csv(GOLD_FILE, dtype={"doc_id": str, "left": str, "text": str})
    wanted = set(gold["doc_id"])
    documents = [d for folder in (SEEDS, NATIONAL_CORPUS, PROVINCIAL_CORPUS) for d in read_corpus(folder) if d.doc_id in wanted]
    missing = wanted - {d.doc_id for d in documents}
    assert not missing, f"gold names documents that the shipped corpora do not have: {sorted(missing)}"
    texts = {d.doc_id: d.text for d in documents}
    # the reports of rounds 2 on are annotated for parallel runs only
    parallel_only = [d for n, docs in held_out_rounds.items() if n > 1 for d in docs] + list(ROUND_2_TUNING)
    layers = {doc_id: ["parallelism"] for doc_id in parallel_only}
    return evaluate_against_gold(find_formulas(documents), gold, texts, layers=layers), gold, texts


def _f1(totals: pd.DataFrame, kind: str) -> tuple[float, float, float]:
    recall = totals.loc[kind, "matched"] / totals.loc[kind, "gold"]
    precision = totals.loc[kind, "matched"] / max(totals.loc[kind, "predicted"], 1)
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


@pytest.mark.slow
@pytest.mark.xfail(
    reason=(
        "bar not met on rounds 21 and 22 for parallel runs: F1 0.672 (P 0.738, R 0.618; 565 gold runs) < 0.85 "
        "(round 21 alone 0.735, round 22 alone 0.635); "
        "announced structures (recall 1.00) and enumerations (F1 1.00) meet it on round 1; "
        "strict, so it fails once every bar is met"
    ),
    strict=True,
)
def test_bar_on_held_out_documents(scored, held_out_rounds, judged_rounds, judged_documents):
    table, gold, _texts = scored
    latest = max(held_out_rounds)
    judged = [d for d in judged_documents if d in set(gold["doc_id"])]
    if not judged:
        pytest.skip(f"round {latest} is drawn and awaits its annotation")
    print("\n" + table.to_string(index=False))
    for number, docs in held_out_rounds.items():
        name = f"round {number}" + (" (tuned on since)" if 1 < number < latest and number not in judged_rounds else "")
        part = table[table["doc_id"].isin(docs)].groupby("kind")[["gold", "predicted", "matched"]].sum()
        if "parallelism" in part.index:
            print(f"{name}: parallelism P %.3f R %.3f F1 %.3f" % _f1(part, "parallelism"), part.loc["parallelism"].to_dict())
    judged_table = table[table["doc_id"].isin(judged)].groupby("kind")[["gold", "predicted", "matched"]].sum()
    rounds = ("rounds " if len(judged_rounds) > 1 else "round ") + " and ".join(str(n) for n in judged_rounds)
    print(f"{rounds} (judged): parallelism P %.3f R %.3f F1 %.3f" % _f1(judged_table, "parallelism"))
    held_out = {kind: held_out_rounds[1] for kind in ROUND_1_LAYERS} | {"parallelism": judged}
    failures = []
    for kind, docs in held_out.items():
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
