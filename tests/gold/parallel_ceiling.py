"""How far parallel runs can go beyond the rules, measured on the annotated rounds.

Most parallel runs the rules miss are held together by a word repeated inside three or more
consecutive clauses of one sentence (推进职工医保…，加强医保基金…，建立医保支付…). Annotators mark
some of these and leave others, by the paragraph's topic. This script asks how much F1 could
gain if such runs were added:

* **candidates** — three or more consecutive clauses of one sentence (split at ，；、：) that share
  a dictionary word or a Han character, overlapping no run the rules report;
* **perfect choice** — every candidate an annotated run starts in is added, no other: a bound
  no method choosing among these candidates can pass;
* **learned choice** — a gradient-boosted classifier (the word, its place in each clause, the
  clause lengths, whether the word appears in the paragraph before the sentence or right after
  it, …) trained with one round left out at a time, the left-out round scored at the threshold
  best for the rounds reported (an optimistic estimate: the threshold is chosen on them).

Rounds 1 to 21 are used unless another last round is given (``tests/gold/rounds.csv``; the
seeds and tuning reports form one more group for the leave-one-out training). Scores use
:func:`tifa.formulas.evaluate_against_gold`, as the tests do.

    .venv/bin/python tests/gold/parallel_ceiling.py [LAST_ROUND]
"""

from __future__ import annotations

import math
import re
import sys

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier

from tifa.corpus import read_corpus
from tifa.formulas import GOLD_TOLERANCE, evaluate_against_gold, find_formulas, locate_gold
from tifa.parallelism import _free
from tifa.paths import GOLD, NATIONAL_CORPUS, PROVINCIAL_CORPUS, SEEDS
from tifa.set_patterns import _word_frequency

LAST_ROUND = 21
#: Clauses and list members, split at every comma (unlike :data:`tifa.parallelism.RE_CLAUSE`).
RE_PLAIN_CLAUSE = re.compile(r"[^，；。！？\n：、]+")
RE_SENTENCE = re.compile(r"[^。！？\n]+")
RE_HAN = re.compile(r"[\u4e00-\u9fff]+")
MAX_CLAUSE = 40
THRESHOLDS = np.arange(0.05, 0.95, 0.05)


def keyword_candidates(text: str, taken: list[tuple[int, int]], frequency: dict[str, int]) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of clause runs of one sentence that share a word, outside ``taken``."""
    found = []
    for sentence in RE_SENTENCE.finditer(text):
        clauses = [(m.start(), m.end(), m.group()) for m in RE_PLAIN_CLAUSE.finditer(text, sentence.start(), sentence.end())]
        i = 0
        while i < len(clauses) - 2:
            first = clauses[i][2]
            best = None
            for length in (4, 3, 2, 1):
                for k in range(len(first) - length + 1):
                    word = first[k : k + length]
                    if not RE_HAN.fullmatch(word) or (length > 1 and not frequency.get(word)):
                        continue
                    j = i + 1
                    while j < len(clauses) and word in clauses[j][2] and len(clauses[j][2]) <= MAX_CLAUSE:
                        j += 1
                    if j - i >= 3 and (best is None or j > best[1]):
                        best = (word, j)
                if best:
                    break
            if best and len(first) <= MAX_CLAUSE:
                word, j = best
                start, end = clauses[i][0], clauses[j - 1][1]
                if _free(taken, [(start, end)]):
                    found.append((start, end, word))
                i = j
                continue
            i += 1
    return found


def candidate_features(text: str, start: int, end: int, word: str, frequency: dict[str, int]) -> dict[str, float]:
    """What the learned choice reads of one candidate."""
    clauses = RE_PLAIN_CLAUSE.findall(text[start:end])
    places = [c.find(word) / max(1, len(c)) for c in clauses]
    lengths = [len(c) for c in clauses]
    paragraph_start = text.rfind("\n", 0, start) + 1
    sentence_start = max(text.rfind(ch, 0, start) for ch in "。！？\n") + 1
    paragraph_end = text.find("\n", end)
    paragraph = text[paragraph_start : len(text) if paragraph_end < 0 else paragraph_end]
    return {
        "word_length": len(word),
        "word_frequency": math.log1p(frequency.get(word, 0)),
        "members": len(clauses),
        "place_mean": float(np.mean(places)),
        "place_spread": float(np.std(places)),
        "opens": sum(c.startswith(word) for c in clauses) / len(clauses),
        "closes": sum(c.endswith(word) for c in clauses) / len(clauses),
        "length_mean": float(np.mean(lengths)),
        "length_spread": float(np.std(lengths) / max(1.0, np.mean(lengths))),
        "in_paragraph_before": int(word in text[paragraph_start:sentence_start]),
        "in_text_before": int(word in text[max(0, sentence_start - 80) : sentence_start]),
        "in_text_after": int(word in text[end : end + 60]),
        "in_paragraph": paragraph.count(word),
        "in_document": math.log1p(text.count(word)),
        "list_commas": text[start:end].count("、"),
        "same_first_character": int(len({c[:1] for c in clauses}) == 1),
        "place_in_sentence": (start - sentence_start) / max(1, end - sentence_start),
    }


def _scores(pred: pd.DataFrame, located: pd.DataFrame) -> tuple[int, int, int]:
    """Gold runs, predicted runs and matches, for gold already located in the text."""
    totals = evaluate_against_gold(pred, located)
    row = totals[(totals["doc_id"] == "all") & (totals["kind"] == "parallelism")].iloc[0]
    return int(row["gold"]), int(row["predicted"]), int(row["matched"])


def candidate_table(texts: dict[str, str], rules: pd.DataFrame, located: pd.DataFrame, round_of: dict[str, int]) -> pd.DataFrame:
    """Every candidate with its features, whether an annotated run (``located`` by
    :func:`tifa.formulas.locate_gold`) starts in it, and its score from a classifier trained
    on the other rounds."""
    frequency = _word_frequency()
    rows = []
    for doc_id, text in texts.items():
        mine = rules[rules["doc_id"] == doc_id]
        starts = located.loc[located["doc_id"] == doc_id, "start"].to_numpy()
        for start, end, word in keyword_candidates(text, list(zip(mine["start"], mine["end"], strict=True)), frequency):
            annotated = bool(((np.abs(starts - start) <= GOLD_TOLERANCE) | ((starts >= start) & (starts < end))).any())
            rows.append({"doc_id": doc_id, "start": start, "end": end, "text": text[start:end], "kind": "parallelism",
                         "round": round_of.get(doc_id, 0), "annotated": annotated,
                         **candidate_features(text, start, end, word, frequency)})
    candidates = pd.DataFrame(rows)
    features = candidates.drop(columns=["doc_id", "start", "end", "text", "kind", "round", "annotated"])
    candidates["score"] = np.nan
    for number in sorted(candidates["round"].unique()):
        left_out = candidates["round"] == number
        model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, random_state=0)
        model.fit(features[~left_out], candidates.loc[~left_out, "annotated"])
        candidates.loc[left_out, "score"] = model.predict_proba(features[left_out])[:, 1]
    return candidates


def ceiling_row(name: str, rules: pd.DataFrame, candidates: pd.DataFrame, located: pd.DataFrame) -> dict:
    """F1 of the rules, of the rules with a perfect choice and with the learned choice of candidates."""
    columns = ["doc_id", "start", "end", "text", "kind"]
    n_gold, n_pred, n_found = _scores(rules[columns], located)
    g, p, m = _scores(pd.concat([rules[columns], candidates[candidates["annotated"]][columns]]), located)
    learned = []
    for threshold in THRESHOLDS:
        chosen = candidates[candidates["score"] >= threshold][columns]
        g2, p2, m2 = _scores(pd.concat([rules[columns], chosen]), located)
        learned.append((2 * m2 / (g2 + p2), threshold, m2 - n_found, p2 - n_pred))
    f1, threshold, more_found, more_predicted = max(learned)
    return {
        "documents": name, "gold runs": n_gold, "candidates": len(candidates),
        "annotated candidates": int(candidates["annotated"].sum()),
        "rules F1": round(2 * n_found / (n_gold + n_pred), 3),
        "perfect choice F1": round(2 * m / (g + p), 3),
        "learned choice F1": round(f1, 3), "threshold": round(threshold, 2),
        "learned adds": f"{more_found} found of {more_predicted}",
    }


def main(last_round: int = LAST_ROUND) -> pd.DataFrame:
    """The table for rounds 1 to ``last_round``."""
    rounds = pd.read_csv(GOLD / "rounds.csv")
    later = set(rounds.loc[rounds["round"] > last_round, "doc_id"])
    rounds = rounds[rounds["round"] <= last_round]
    gold = pd.read_csv(GOLD / "formulas_gold.csv", dtype=str, keep_default_na=False)
    gold = gold[(gold["kind"] == "parallelism") & ~gold["doc_id"].isin(later)]
    documents = [d for folder in (SEEDS, NATIONAL_CORPUS, PROVINCIAL_CORPUS) for d in read_corpus(folder) if d.doc_id in set(gold["doc_id"])]
    texts = {d.doc_id: d.text for d in documents}
    rules = find_formulas(documents, kinds=["parallelism"])
    located = locate_gold(gold, texts)
    candidates = candidate_table(texts, rules, located, dict(zip(rounds["doc_id"], rounds["round"], strict=True)))
    report = []
    for first in (1, 11, 16, last_round):
        docs = set(rounds.loc[rounds["round"] >= first, "doc_id"]) if first > 1 else set(rounds["doc_id"])
        name = f"round {first}" if first == last_round else f"rounds {first}-{last_round}"
        report.append(ceiling_row(name, rules[rules["doc_id"].isin(docs)], candidates[candidates["doc_id"].isin(docs)],
                                  located[located["doc_id"].isin(docs)]))
    return pd.DataFrame(report)


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else LAST_ROUND).to_string(index=False))
