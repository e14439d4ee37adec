"""The kind of a quoted formulation, learned from the annotated reports.

The rules of :func:`tifa.slogans.classify_quoted` read an item's form and the
words around its quotes. Whether “…” is a slogan, a term, a programme or a
quotation is in the end the annotators' judgment, and the rules miss part of
it. A multinomial logistic regression, trained on the quoted items of the
annotated reports (``tests/gold/slogans_gold.csv``), settles the kind of every
quoted item. It reads:

- the kind the rules gave, and whether the item is in the lexicon;
- the item's characters: 1-, 2- and 3-grams (of its first and last twelve
  characters when it is longer than 24), first and last characters, last two,
  length (capped at 12), sentence punctuation, numerals;
- the one and two characters outside the quotes on either side (实施“…”工程).

Annotated items are labelled with their gold kind; quoted items the annotators
did not mark (titles, names of places…) with ``none``, which is used in
training only. The decision (:meth:`KindModel.decide`):

1. An item is a slogan or a numbered formula when P(slogan) + P(numbered_formula)
   reaches :attr:`KindModel.threshold`; a numbered formula when P(numbered_formula)
   ≥ P(slogan) and the rules read a number in it, else a slogan.
2. Otherwise it is the likeliest of programme, term and quotation.

Unquoted spans (numbered formulas, lexicon terms) and the numbered formulas the
rules build around or inside quotes (五个“必须统筹好”, “七个三百米、一个五百米”) keep
the rules' kind. The threshold (0.25) and the regularization (C = 1) were chosen
by leaving one annotation round out at a time (:func:`cross_validate`); see
``docs/validation.md``. The model ships as ``lib/tifa/data/kind_model.json``
and is rebuilt from the gold with ``make kind-model``.

>>> model = load_kind_model()
>>> model.classes
('none', 'numbered_formula', 'programme', 'quotation', 'slogan', 'term')
>>> text = "坚持“绿水青山就是金山银山”理念，实施“粤菜师傅”工程"
>>> model.kinds(text, [(3, 13, "slogan", False, False), (20, 24, "programme", False, False)])
['slogan', 'programme']
"""

from __future__ import annotations

import argparse
import functools
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import csr_array

from tifa.io import write_bytes_atomic
from tifa.paths import GOLD, PACKAGE_DATA

#: Where the shipped model lives.
KIND_MODEL_PATH: Path = PACKAGE_DATA / "kind_model.json"
#: The label of quoted items the annotators did not mark (training only).
UNMARKED = "none"
#: The kinds a quoted item may take when it is not a slogan or numbered formula.
OTHER_KINDS: tuple[str, ...] = ("programme", "term", "quotation")
#: P(slogan) + P(numbered_formula) from which an item counts as one of them.
THRESHOLD = 0.25
#: Inverse regularization strength of the logistic regression.
C = 1.0
#: Features seen in fewer training items are left out.
MIN_COUNT = 2
#: Items longer than this are read by their first and last :data:`EDGE` characters.
LONG_ITEM = 24
EDGE = 12
#: Sentence punctuation inside an item.
PUNCTUATION = frozenset("，。；！？：、")
#: Numerals, Chinese or Arabic.
NUMERALS = frozenset("一二三四五六七八九十两百千万0123456789")


#: Features that hold or not, without a value (``punct``, ``numeral``).
FLAGS = ("punct", "numeral")


def _item_parts(item: str) -> Iterator[tuple[str, str]]:
    """The features of an item's characters as (family, value) pairs; n-grams of every length
    are the family ``g``, flags have the value ``""``. Named by :func:`_item_features`, looked up
    by :meth:`KindModel.kinds_of`."""
    grams = item if len(item) <= LONG_ITEM else item[:EDGE] + "…" + item[-EDGE:]
    for n in (1, 2, 3):
        for i in range(len(grams) - n + 1):
            yield "g", grams[i : i + n]
    yield "len", str(min(len(item), 12))
    yield "first", item[:1]
    yield "last", item[-1:]
    yield "last2", item[-2:]
    if not PUNCTUATION.isdisjoint(item):
        yield "punct", ""
    if not NUMERALS.isdisjoint(item):
        yield "numeral", ""


def _feature_name(family: str, value: str) -> str:
    """``g2=粤菜`` for an n-gram, ``punct`` for a flag, ``first=粤`` otherwise."""
    if family == "g":
        return f"g{len(value)}={value}"
    return family if family in FLAGS else f"{family}={value}"


@functools.lru_cache(maxsize=65536)
def _item_features(item: str) -> tuple[str, ...]:
    """Features of an item's characters (cached: items repeat across a corpus)."""
    return tuple(sorted({_feature_name(family, value) for family, value in _item_parts(item)}))


def kind_features(text: str, start: int, end: int, rule_kind: str, in_lexicon: bool) -> list[str]:
    """The features of the quoted item ``text[start:end]`` (its quote marks just outside).

    >>> kind_features("实施“粤菜师傅”工程", 3, 7, "programme", False)[:6]
    ['rule=programme', 'L1=施', 'L2=实施', 'R1=工', 'R2=工程', 'first=粤']
    """
    left = text[max(0, start - 3) : max(0, start - 1)]
    right = text[end + 1 : end + 3]
    features = [f"rule={rule_kind}", f"L1={left[-1:]}", f"L2={left}", f"R1={right[:1]}", f"R2={right}"]
    if in_lexicon:
        features.append("lexicon")
    features.extend(_item_features(text[start:end]))
    return features


@dataclass(frozen=True)
class KindModel:
    """A trained kind model: one weight per feature and class, an intercept per class.

    Attributes
    ----------
    classes : tuple of str
        The labels, sorted (``none`` and the five kinds).
    index : dict of str to int
        Row of each feature in ``weights``.
    weights : numpy.ndarray
        ``(n_features, n_classes)``.
    intercept : numpy.ndarray
        ``(n_classes,)``.
    threshold : float
        See :meth:`decide`.
    trained_on : tuple of str
        The documents whose annotated items trained the model.
    """

    classes: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray
    intercept: np.ndarray
    threshold: float = THRESHOLD
    trained_on: tuple[str, ...] = ()
    _item_rows_cache: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)
    _families: dict[str, dict[str, int]] = field(default_factory=dict, compare=False, repr=False)

    def probabilities(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities, one row per feature list (unknown features are ignored)."""
        indices: list[int] = []
        indptr = [0]
        for features in rows:
            indices.extend(self.index[f] for f in features if f in self.index)
            indptr.append(len(indices))
        return self._softmax(indices, indptr)

    def _softmax(self, indices: list[int], indptr: list[int]) -> np.ndarray:
        """Class probabilities of rows given as the feature rows they hold (CSR ``indices``, ``indptr``)."""
        matrix = csr_array(
            (np.ones(len(indices)), np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
            shape=(len(indptr) - 1, len(self.weights)),
        )
        scores = matrix @ self.weights + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def decide(self, probabilities: np.ndarray, has_value: Sequence[bool]) -> list[str]:
        """Kinds from class probabilities; ``has_value`` tells where the rules read a number.

        >>> model = KindModel(("numbered_formula", "programme", "quotation", "slogan", "term"), {},
        ...                   np.zeros((0, 5)), np.zeros(5))
        >>> model.decide(np.array([[0.1, 0.5, 0.1, 0.2, 0.1], [0.05, 0.6, 0.1, 0.1, 0.15]]), [False, False])
        ['slogan', 'programme']
        """
        column = {label: i for i, label in enumerate(self.classes)}
        numbered, slogan = probabilities[:, column["numbered_formula"]], probabilities[:, column["slogan"]]
        others = probabilities[:, [column[k] for k in OTHER_KINDS]].argmax(axis=1)
        kinds = []
        for row, value in enumerate(has_value):
            if numbered[row] + slogan[row] >= self.threshold:
                kinds.append("numbered_formula" if value and numbered[row] >= slogan[row] else "slogan")
            else:
                kinds.append(OTHER_KINDS[others[row]])
        return kinds

    def kinds(self, text: str, items: Iterable[tuple[int, int, str, bool, bool]]) -> list[str]:
        """Kinds of quoted items of ``text``: (start, end, rule kind, in lexicon, has a number)."""
        return self.kinds_of([(text, *item) for item in items])

    def kinds_of(self, items: Sequence[tuple[str, int, int, str, bool, bool]]) -> list[str]:
        """:meth:`kinds` for items of several texts: (text, start, end, rule kind, in lexicon, has a number).

        Same result as :meth:`probabilities` of :func:`kind_features` and :meth:`decide`, faster:
        features are looked up by family (:meth:`families`) without being spelled out, and the
        weights of an item's own characters are summed once per distinct item.
        """
        if not items:
            return []
        family = self.families()
        rule, l1, l2, r1, r2 = (family[name] for name in ("rule", "L1", "L2", "R1", "R2"))
        lexicon_row = self.index.get("lexicon")
        cache = self._item_rows_cache
        indices: list[int] = []
        indptr = [0]
        for text, start, end, kind, lexicon, _ in items:
            item = text[start:end]
            rows = cache.get(item)
            if rows is None:
                rows = cache[item] = self._item_rows(item, family)
            indices.extend(rows)
            left = text[max(0, start - 3) : max(0, start - 1)]
            right = text[end + 1 : end + 3]
            for position in (rule.get(kind), l1.get(left[-1:]), l2.get(left), r1.get(right[:1]), r2.get(right)):
                if position is not None:
                    indices.append(position)
            if lexicon and lexicon_row is not None:
                indices.append(lexicon_row)
            indptr.append(len(indices))
        return self.decide(self._softmax(indices, indptr), [item[-1] for item in items])

    def clear_cache(self) -> None:
        """Forget the features found for each distinct item (:meth:`kinds_of` finds them again)."""
        self._item_rows_cache.clear()

    def families(self) -> dict[str, dict[str, int]]:
        """Feature rows by family and value: ``{"L1": {"施": 12, …}, "g": {"粤菜": 40, …}, …}``
        (the n-grams of every length share the family ``g``)."""
        if not self._families:
            for name, position in self.index.items():
                family, _, value = name.partition("=")
                family = "g" if family in ("g1", "g2", "g3") else family
                self._families.setdefault(family, {})[value] = position
            for family in ("rule", "L1", "L2", "R1", "R2"):
                self._families.setdefault(family, {})
        return self._families

    def _item_rows(self, item: str, family: dict[str, dict[str, int]]) -> list[int]:
        """Rows of the features of :func:`_item_features` the model knows."""
        rows = {row for name, value in _item_parts(item) if (row := family.get(name, {}).get(value)) is not None}
        return sorted(rows)


def read_kind_model(path: str | Path = KIND_MODEL_PATH) -> KindModel:
    """Read a model written by :func:`write_kind_model`."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    names = list(data["weights"])
    weights = np.array([data["weights"][name] for name in names], dtype=float).reshape(len(names), len(data["classes"]))
    return KindModel(
        classes=tuple(data["classes"]),
        index={name: i for i, name in enumerate(names)},
        weights=weights,
        intercept=np.array(data["intercept"], dtype=float),
        threshold=float(data["threshold"]),
        trained_on=tuple(data["trained_on"]),
    )


@functools.lru_cache(maxsize=1)
def load_kind_model() -> KindModel:
    """The shipped model (read once)."""
    return read_kind_model(KIND_MODEL_PATH)


def write_kind_model(model: KindModel, path: str | Path = KIND_MODEL_PATH) -> Path:
    """Write ``model`` as JSON, atomically; weights rounded to six decimals, features sorted."""
    names = sorted(model.index)
    data: dict[str, Any] = {
        "classes": list(model.classes),
        "threshold": model.threshold,
        "trained_on": list(model.trained_on),
        "intercept": [round(float(x), 6) for x in model.intercept],
        "weights": {name: [round(float(x), 6) for x in model.weights[model.index[name]]] for name in names},
    }
    body = json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False).replace("\n", "")
    body = body.replace('], "', '],\n"')
    return write_bytes_atomic((body + "\n").encode("utf-8"), path)


# --------------------------------------------------------------------------
# Training and validation
# --------------------------------------------------------------------------
def training_table(gold_path: str | Path | None = None, doc_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """The quoted items the rules find in the annotated documents, with their gold label.

    Returns
    -------
    pandas.DataFrame
        One row per quoted item: ``doc_id, start, end, text, kind`` (the rules'),
        ``value``, ``in_lexicon``, ``label`` (the gold kind of the annotated item
        it overlaps, the same span preferred; :data:`UNMARKED` when none),
        ``round`` (its annotation round in ``rounds.csv``; 0 for the seeds and
        the tuning documents) and ``features``.
    """
    from tifa.datasets import load_all
    from tifa.slogans import fills_quotes, find_slogans, locate_gold, read_gold

    gold = read_gold(Path(gold_path) if gold_path is not None else GOLD / "slogans_gold.csv")
    wanted = set(gold["doc_id"]) if doc_ids is None else set(doc_ids)
    corpus = load_all()
    documents = corpus.subset([d for d in corpus.doc_ids if d in wanted])
    texts = {d.doc_id: d.text for d in documents}
    spans = find_slogans(documents, kinds="rules")
    # the items the model settles (as in tifa.slogans)
    settled = [fills_quotes(texts[d], s) for d, s in zip(spans["doc_id"], spans["start"], strict=True)]
    spans = spans[spans["quoted"] & pd.Series(settled, index=spans.index)].reset_index(drop=True)
    located = locate_gold(gold[gold["doc_id"].isin(wanted)], texts)
    by_doc = {doc_id: group for doc_id, group in located.groupby("doc_id")}
    labels = []
    for row in spans.itertuples(index=False):
        candidates = by_doc.get(row.doc_id)
        if candidates is None:
            labels.append(UNMARKED)
            continue
        overlap = candidates[(candidates["start"] < row.end) & (candidates["end"] > row.start)]
        same = overlap[(overlap["start"] == row.start) & (overlap["end"] == row.end)]
        labels.append((same if len(same) else overlap)["kind"].iloc[0] if len(overlap) else UNMARKED)
    rounds = pd.read_csv(GOLD / "rounds.csv", dtype={"doc_id": str})
    round_of = dict(zip(rounds["doc_id"], rounds["round"], strict=True))
    spans["label"] = labels
    spans["round"] = [int(round_of.get(d, 0)) for d in spans["doc_id"]]
    spans["features"] = [
        kind_features(texts[r.doc_id], r.start, r.end, r.kind, r.in_lexicon) for r in spans.itertuples(index=False)
    ]
    return spans


def train_kind_model(
    table: pd.DataFrame, *, c: float = C, threshold: float = THRESHOLD, min_count: int = MIN_COUNT
) -> KindModel:
    """Fit the model on a :func:`training_table` (scikit-learn's ``LogisticRegression``).

    Features seen in fewer than ``min_count`` items are left out.
    """
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(f for features in table["features"] for f in set(features))
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([{f: 1 for f in fs if seen[f] >= min_count} for fs in table["features"]])
    fitted = LogisticRegression(C=c, max_iter=5000).fit(matrix, table["label"].to_numpy())
    names = vectorizer.get_feature_names_out()
    return KindModel(
        classes=tuple(str(k) for k in fitted.classes_),
        index={str(name): i for i, name in enumerate(names)},
        weights=np.asarray(fitted.coef_.T),
        intercept=np.asarray(fitted.intercept_),
        threshold=threshold,
        trained_on=tuple(sorted(set(table["doc_id"]))),
    )


def cross_validate(
    table: pd.DataFrame, *, c: float = C, threshold: float = THRESHOLD, min_count: int = MIN_COUNT
) -> pd.Series:
    """Kinds predicted for each item by a model trained without the item's round.

    Rounds are the groups of :func:`training_table` (round 0: seeds and tuning
    documents). Returns a Series aligned with ``table``.
    """
    predicted = pd.Series("", index=table.index, dtype=object)
    for held_out in sorted(set(table["round"])):
        test = table["round"] == held_out
        model = train_kind_model(table[~test], c=c, threshold=threshold, min_count=min_count)
        rows = table.loc[test]
        probabilities = model.probabilities(list(rows["features"]))
        predicted[test] = model.decide(probabilities, [not math.isnan(v) for v in rows["value"]])
    return predicted


def main(argv: Sequence[str] | None = None) -> None:
    """Train on the annotated documents up to a round and write the model."""
    parser = argparse.ArgumentParser(description="Train the kind model of quoted formulations.")
    parser.add_argument("--through-round", type=int, required=True, help="last annotation round trained on")
    parser.add_argument("--output", default=str(KIND_MODEL_PATH))
    args = parser.parse_args(argv)
    rounds = pd.read_csv(GOLD / "rounds.csv")
    later = set(rounds.loc[rounds["round"] > args.through_round, "doc_id"])
    table = training_table()
    table = table[~table["doc_id"].isin(later)]
    model = train_kind_model(table)
    write_kind_model(model, args.output)
    print(f"{args.output}: {len(table)} quoted items of {len(model.trained_on)} documents, {len(model.index)} features")


if __name__ == "__main__":
    main()
