"""Accuracy of slogan detection against the hand-annotated gold standard.

The gold (``tests/gold/slogans_gold.csv``: doc_id, left, text, kind, quoted) is
annotated blind by someone who does not write the rules. Held-out reports came in
twenty-one rounds (``tests/gold/rounds.csv``, docs/validation.md): round 1 was consulted in
aggregate during early tuning, rounds 2 to 20 were each scored once and then tuned on (rounds
18 and 20 testing again the rules of rounds 17 and 19, which neither confirmed), and round 21,
the five national reports of 1978 on that no earlier round held, was scored once with no rule
tuned on it and the kind model (:mod:`tifa.kind_model`) trained without it. The bar — recall
≥ 0.95 and precision ≥ 0.90 for slogans and numbered formulas together — is asserted on the
judged rounds (``judged_rounds`` in conftest.py: the latest, with the round it confirms,
leaving out the rounds annotated for parallel runs only), round 21, which meets it at its edge (134 of 141 found); the earlier rounds are reported.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tifa.datasets import load_all
from tifa.paths import GOLD
from tifa.slogans import evaluate_against_gold, find_slogans, read_gold

GOLD_FILE = GOLD / "slogans_gold.csv"

pytestmark = pytest.mark.skipif(
    not GOLD_FILE.exists(),
    reason=f"no gold annotation yet ({GOLD_FILE.relative_to(GOLD.parent.parent)} does not exist)",
)


@pytest.fixture(scope="module")
def evaluation():
    gold = read_gold(GOLD_FILE)
    corpus = load_all()
    documents = corpus.subset([d for d in corpus.doc_ids if d in set(gold["doc_id"])])
    pred = find_slogans(documents)
    texts = {d.doc_id: d.text for d in documents}
    return gold, pred, texts


def test_gold_documents_exist(evaluation):
    gold, _, texts = evaluation
    missing = sorted(set(gold["doc_id"]) - set(texts))
    assert not missing, f"gold names documents that tifa cannot read: {missing}"


def test_bar_on_held_out_documents(evaluation, held_out_rounds, judged_rounds, judged_documents, parallel_only_rounds):
    gold, pred, texts = evaluation
    judged_rounds = [n for n in judged_rounds if n not in parallel_only_rounds]
    held_out = [d for d in judged_documents if d in set(gold["doc_id"])]
    if not held_out:
        pytest.skip("the gold file has no held-out document yet")
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        for number in held_out_rounds:
            if number in parallel_only_rounds:
                continue
            docs = held_out_rounds[number]
            name = "held out, consulted in aggregate" if number == 1 else "scored once, then tuned on"
            if number in judged_rounds:
                name = "held out, judged"
            part = evaluate_against_gold(pred, gold, texts=texts, doc_ids=docs)
            print(f"\nround {number} ({name}): {', '.join(docs)}\n{part.round(3).to_string(index=False)}")
        table = evaluate_against_gold(pred, gold, texts=texts, doc_ids=held_out)
        rounds = " and ".join(str(n) for n in judged_rounds)
        print(f"\nround {rounds}, held out: {', '.join(held_out)}\n{table.round(3).to_string(index=False)}")
    combined = table.set_index("group").loc["slogan+numbered_formula"]
    assert combined["recall"] >= 0.95, combined.to_dict()
    assert combined["precision"] >= 0.90, combined.to_dict()


def test_report_on_tuning_documents(evaluation, held_out_rounds, judged_documents):
    """Seeds and tuning reports: reported, not asserted against the bar (the rules were tuned on them)."""
    gold, pred, texts = evaluation
    tuned = sorted(set(gold["doc_id"]) - set(judged_documents) - set(held_out_rounds[1]))
    if not tuned:
        pytest.skip("the gold file has no tuning document")
    table = evaluate_against_gold(pred, gold, texts=texts, doc_ids=tuned)
    print(f"\ntuning documents: {', '.join(tuned)}\n{table.round(3).to_string(index=False)}")
    assert table["gold"].iloc[-1] > 0
    # a regression guard, not evidence of accuracy: the rules were written on these documents
    by_group = table.set_index("group")
    assert by_group.loc["slogan+numbered_formula", "precision"] >= 0.90, by_group.loc["slogan+numbered_formula"]
    assert by_group.loc["slogan+numbered_formula", "recall"] >= 0.91, by_group.loc["slogan+numbered_formula"]
    assert by_group.loc["any", "recall"] >= 0.97
