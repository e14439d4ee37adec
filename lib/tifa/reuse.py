"""Text reuse: passages that travel between documents, verbatim or paraphrased.

Two passes over a corpus.

1. **Verbatim.** Each document is reduced to its counted characters (Han
   characters, ASCII digits and letters: punctuation and spacing never break a
   match). Every window of ``n`` characters (a shingle) is hashed; sorting all
   hashes of the corpus puts the documents that share a shingle side by side,
   so candidate pairs come out in ``O(N log N)`` for ``N`` characters, with no
   comparison of document pairs that share nothing (the sort-based equivalent
   of a MinHash index, exact rather than sampled). Shingles found in more than
   ``max_df`` of the documents are boilerplate and ignored, and so are shingles
   that lie wholly inside a formulation of the lexicon
   (:func:`tifa.lexicon.lexicon_terms`, or ``ignore_terms``). Shared shingles of
   one document pair that lie on one diagonal (same offset between the two
   documents) are chained into passages.
2. **Near.** Clauses of different documents that share at least two rare
   character bigrams (found in few documents) and lie outside the verbatim
   passages are aligned (longest common subsequence); an alignment with at
   least ``fuzzy_min_matched`` matched characters, a span of at least
   :data:`NEAR_MIN_SPAN` characters, some difference (exact shared strings are
   names and terms, or verbatim reuse) and a Dice similarity of at least
   ``fuzzy_threshold`` is reported as a near match, once per pair of phrases (``标兵渐行渐远，追兵越来越近``
   and ``标兵渐远、追兵已至``).

The result is one row per pair of spans: ``doc_id_a, start_a, end_a, text_a,
doc_id_b, start_b, end_b, text_b, length, similarity, match`` where ``length``
counts the characters of the passage in document A (counted characters) and
``match`` is ``"verbatim"`` or ``"near"``.

>>> a = "会议要求，坚持把发展经济的着力点放在实体经济上，推进新型工业化，加快建设制造强国。"
>>> b = "我们将坚持把发展经济的着力点放在实体经济上，推进新型工业化，并且扩大内需。"
>>> table = find_reuse({"a": a, "b": b}, ignore_terms=[])
>>> table[["doc_id_a", "doc_id_b", "text_a", "match"]].values.tolist()
[['a', 'b', '坚持把发展经济的着力点放在实体经济上，推进新型工业化', 'verbatim']]
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz.distance import LCSseq

from tifa.corpus import iter_documents
from tifa.parallelism import RE_CLAUSE

logger = logging.getLogger(__name__)

__all__ = ["REUSE_COLUMNS", "find_reuse", "summarize_reuse"]

#: Columns of :func:`find_reuse`, in order.
REUSE_COLUMNS = [
    "doc_id_a", "start_a", "end_a", "text_a", "doc_id_b", "start_b", "end_b", "text_b",
    "length", "similarity", "match",
]
_BASE = np.uint64(1_000_003)
RE_PHRASE_END = re.compile(r"[，；。！？：、”’）\n]")


@dataclass
class _Doc:
    doc_id: str
    text: str
    index: np.ndarray  # positions in text of the counted characters
    codes: np.ndarray  # their code points
    in_term: np.ndarray  # counted character lies inside an ignored term


def _counted_mask(codes: np.ndarray) -> np.ndarray:
    return (
        ((codes >= 0x3400) & (codes <= 0x4DBF))
        | ((codes >= 0x4E00) & (codes <= 0x9FFF))
        | ((codes >= 0xF900) & (codes <= 0xFAFF))
        | ((codes >= 0x30) & (codes <= 0x39))
        | ((codes >= 0x41) & (codes <= 0x5A))
        | ((codes >= 0x61) & (codes <= 0x7A))
    )


def _term_matcher(terms: Iterable[str]) -> Any:
    terms = sorted({t for t in terms if t and len(t) >= 2})
    if not terms:
        return None
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, len(term))
    automaton.make_automaton()
    return automaton


def _prepare(doc_id: str, text: str, matcher: Any) -> _Doc:
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    mask = _counted_mask(codes)
    index = np.flatnonzero(mask)
    covered = np.zeros(len(text) + 1, dtype=np.int32)
    if matcher is not None and len(text):
        for end, length in matcher.iter(text):
            covered[end + 1 - length] += 1
            covered[end + 1] -= 1
    in_term = (np.cumsum(covered)[:-1] > 0)[index] if len(text) else np.zeros(0, dtype=bool)
    return _Doc(doc_id, text, index, codes[index].astype(np.uint64), in_term)


def _shingles(doc: _Doc, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of every window of ``n`` counted characters and their positions."""
    m = len(doc.codes) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    h = np.zeros(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(n):
            h = h * _BASE + doc.codes[j : j + m]
    inside = np.concatenate([[0], np.cumsum(doc.in_term, dtype=np.int64)])
    keep = (inside[n : n + m] - inside[:m]) < n  # not wholly inside a formulation
    positions = np.flatnonzero(keep)
    return h[keep], positions.astype(np.int64)


def _documents(corpus: Any) -> Iterator[tuple[str, str]]:
    return ((str(d.doc_id), d.text) for d in iter_documents(corpus))


def _default_terms() -> list[str]:
    try:
        from tifa.lexicon import lexicon_terms
    except ImportError:
        return []
    try:
        return lexicon_terms()
    except Exception as error:  # noqa: BLE001 - a broken lexicon must not stop reuse detection
        logger.warning("lexicon not loaded (%s); formulations are not ignored", error)
        return []


def find_reuse(
    corpus: Any,
    *,
    n: int = 8,
    min_length: int = 12,
    max_df: float = 0.2,
    ignore_terms: Iterable[str] | None = None,
    gap: int = 12,
    fuzzy: bool = True,
    fuzzy_threshold: float = 0.7,
    fuzzy_min_matched: int = 6,
) -> pd.DataFrame:
    """Passages shared between documents of a corpus.

    Parameters
    ----------
    corpus : Corpus, iterable of documents, or mapping
        Documents with ``doc_id`` and ``text``, or ``{doc_id: text}``.
    n : int
        Shingle length in counted characters.
    min_length : int
        Shortest verbatim passage reported (counted characters outside ignored
        formulations).
    max_df : float
        A shingle found in more than ``max(2, ceil(max_df * documents))``
        documents is boilerplate and ignored.
    ignore_terms : iterable of str, optional
        Formulations that do not count as reuse; by default the lexicon's terms
        when :mod:`tifa.lexicon` is available. Pass ``[]`` to keep everything.
    gap : int
        Largest run of unshared shingles inside one passage: one changed
        character removes ``n`` shingles, so with ``n = 8`` and ``gap = 12`` a
        change of up to five characters (or an ignored formulation) does not
        split a passage; ``similarity`` then drops below 1.
    fuzzy : bool
        Run the second pass for near matches.
    fuzzy_threshold : float
        Smallest Dice similarity (``2 * matched / (len_a + len_b)``) of the
        aligned core of a near match.
    fuzzy_min_matched : int
        Fewest matched characters in a near match.

    Returns
    -------
    DataFrame
        Columns :data:`REUSE_COLUMNS`, sorted by ``doc_id_a, doc_id_b,
        start_a``; ``doc_id_a`` sorts before ``doc_id_b``. ``similarity`` is
        the share of matched characters (Dice over counted characters: 1.0 for
        a verbatim passage).

    Examples
    --------
    >>> a = "心焦的是标兵渐远、追兵已至，我们的步伐能不能再快些？"
    >>> b = "强化“标兵渐行渐远，追兵越来越近”的危机感，强化紧迫感。"
    >>> table = find_reuse({"a": a, "b": b}, ignore_terms=[])
    >>> table[["text_a", "text_b", "match"]].values.tolist()
    [['标兵渐远、追兵已至', '标兵渐行渐远，追兵越来越近', 'near']]
    """
    documents = [
        _prepare(doc_id, text, None) for doc_id, text in _documents(corpus)
    ]
    terms = _default_terms() if ignore_terms is None else list(ignore_terms)
    matcher = _term_matcher(terms)
    if matcher is not None:
        documents = [_prepare(d.doc_id, d.text, matcher) for d in documents]
    order = sorted(range(len(documents)), key=lambda i: documents[i].doc_id)
    documents = [documents[i] for i in order]
    max_docs = max(2, math.ceil(max_df * len(documents)))
    verbatim = _verbatim(documents, n, min_length, max_docs, gap)
    rows = verbatim
    if fuzzy:
        rows = rows + _near(documents, verbatim, max_docs, fuzzy_threshold, fuzzy_min_matched)
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in REUSE_COLUMNS}).astype(
            {"start_a": "int64", "end_a": "int64", "start_b": "int64", "end_b": "int64", "length": "int64", "similarity": "float64"}
        )
    table = pd.DataFrame(rows, columns=REUSE_COLUMNS)
    table = table.sort_values(["doc_id_a", "doc_id_b", "start_a", "start_b"], kind="mergesort").reset_index(drop=True)
    return table


def _verbatim(documents: list[_Doc], n: int, min_length: int, max_docs: int, gap: int) -> list[dict]:
    hashes, docs, positions = [], [], []
    for i, doc in enumerate(documents):
        h, p = _shingles(doc, n)
        hashes.append(h)
        positions.append(p)
        docs.append(np.full(len(h), i, dtype=np.int64))
    if not hashes:
        return []
    h = np.concatenate(hashes)
    d = np.concatenate(docs)
    p = np.concatenate(positions)
    order = np.lexsort((p, d, h))
    h, d, p = h[order], d[order], p[order]
    # groups of equal hashes; documents per group
    starts = np.flatnonzero(np.concatenate([[True], h[1:] != h[:-1]]))
    sizes = np.diff(np.concatenate([starts, [len(h)]]))
    new_doc = np.concatenate([[True], (h[1:] != h[:-1]) | (d[1:] != d[:-1])])
    docs_per_group = np.add.reduceat(new_doc.astype(np.int64), starts)
    good = (docs_per_group >= 2) & (docs_per_group <= max_docs) & (sizes <= 3 * max_docs)
    pairs = []
    for size in np.unique(sizes[good]):
        group_starts = starts[good & (sizes == size)]
        ii, jj = np.triu_indices(int(size), 1)
        a = (group_starts[:, None] + ii[None, :]).ravel()
        b = (group_starts[:, None] + jj[None, :]).ravel()
        different = d[a] != d[b]
        pairs.append(np.stack([d[a][different], p[a][different], d[b][different], p[b][different]], axis=1))
    if not pairs:
        return []
    seeds = np.concatenate(pairs)
    # documents are sorted, so d[a] <= d[b] already; drop pairs that map a doc to itself
    da, pa, db, pb = seeds.T
    diagonal = pb - pa
    order = np.lexsort((pa, diagonal, db, da))
    da, pa, db, pb, diagonal = da[order], pa[order], db[order], pb[order], diagonal[order]
    same_chain = np.concatenate(
        [[False], (da[1:] == da[:-1]) & (db[1:] == db[:-1]) & (diagonal[1:] == diagonal[:-1]) & (pa[1:] - pa[:-1] <= gap + 1)]
    )
    chain_starts = np.flatnonzero(~same_chain)
    chain_ends = np.concatenate([chain_starts[1:], [len(da)]]) - 1
    rows = []
    kept: dict[tuple[int, int], list[tuple[int, int, int, int]]] = defaultdict(list)
    candidates = []
    for s, e in zip(chain_starts.tolist(), chain_ends.tolist(), strict=True):
        a0, a1 = int(pa[s]), int(pa[e]) + n
        b0 = int(pb[s])
        length = a1 - a0
        candidates.append((length, int(da[s]), int(db[s]), a0, a1, b0, b0 + length))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2], c[3]))
    for length, ia, ib, a0, a1, b0, b1 in candidates:
        doc_a, doc_b = documents[ia], documents[ib]
        outside = int(length - doc_a.in_term[a0:a1].sum())
        if outside < min_length:
            continue
        if any(a0 < x1 and x0 < a1 or b0 < y1 and y0 < b1 for x0, x1, y0, y1 in kept[(ia, ib)]):
            continue  # overlaps a longer passage of the same pair (repeated text)
        kept[(ia, ib)].append((a0, a1, b0, b1))
        similarity = float(LCSseq.normalized_similarity(_stream(doc_a, a0, a1), _stream(doc_b, b0, b1)))
        rows.append(_pair_row(doc_a, a0, a1, doc_b, b0, b1, length, similarity, "verbatim"))
    return rows


def _stream(doc: _Doc, start: int, end: int) -> str:
    return "".join(map(chr, doc.codes[start:end].tolist()))


def _pair_row(doc_a: _Doc, a0: int, a1: int, doc_b: _Doc, b0: int, b1: int, length: int, similarity: float, match: str) -> dict:
    sa, ea = int(doc_a.index[a0]), int(doc_a.index[a1 - 1]) + 1
    sb, eb = int(doc_b.index[b0]), int(doc_b.index[b1 - 1]) + 1
    return {
        "doc_id_a": doc_a.doc_id, "start_a": sa, "end_a": ea, "text_a": doc_a.text[sa:ea],
        "doc_id_b": doc_b.doc_id, "start_b": sb, "end_b": eb, "text_b": doc_b.text[sb:eb],
        "length": int(length), "similarity": round(similarity, 4), "match": match,
    }


#: Clauses shorter or longer than this (counted characters) are not compared in the near pass.
CLAUSE_RANGE = (6, 60)
#: A bigram is rare when it occurs in at most this many documents (and at least two).
RARE_BIGRAM_DOCS = 3
#: Largest number of clauses a rare bigram may index (more: it is not rare enough).
RARE_BIGRAM_POSTINGS = 8
#: The aligned core of a near match spans at least this many characters in one document.
NEAR_MIN_SPAN = 8
#: A near match may extend to the end of its phrase when that end is this close.
PHRASE_TAIL = 6


def _near(documents: list[_Doc], verbatim: list[dict], max_docs: int, threshold: float, min_matched: int) -> list[dict]:
    """Near matches between clauses that share rare bigrams."""
    clauses: list[tuple[int, int, int, str]] = []  # doc, stream start, stream end, stream text
    for i, doc in enumerate(documents):
        stream_pos = np.searchsorted(doc.index, np.arange(len(doc.text) + 1))
        for m in RE_CLAUSE.finditer(doc.text):
            s, e = int(stream_pos[m.start()]), int(stream_pos[m.end()])
            if CLAUSE_RANGE[0] <= e - s <= CLAUSE_RANGE[1] and not doc.in_term[s:e].all():
                clauses.append((i, s, e, _stream(doc, s, e)))
    postings: dict[str, list[int]] = defaultdict(list)
    for c, (_i, _s, _e, string) in enumerate(clauses):
        for bigram in {string[k : k + 2] for k in range(len(string) - 1)}:
            postings[bigram].append(c)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    rare_docs = min(RARE_BIGRAM_DOCS, max_docs)
    for bigram, ids in postings.items():
        if len(ids) < 2 or len(ids) > RARE_BIGRAM_POSTINGS or not all("\u3400" <= ch for ch in bigram):
            continue
        doc_set = {clauses[c][0] for c in ids}
        if not 2 <= len(doc_set) <= rare_docs:
            continue
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                a, b = ids[x], ids[y]
                if clauses[a][0] != clauses[b][0]:
                    shared[(a, b)] += 1
    covered: dict[tuple[str, str], list[tuple[int, int, int, int]]] = defaultdict(list)
    for row in verbatim:
        covered[(row["doc_id_a"], row["doc_id_b"])].append((row["start_a"], row["end_a"], row["start_b"], row["end_b"]))
    rows = []
    seen: set[tuple[int, int, str, str]] = set()
    for (a, b), count in sorted(shared.items()):
        if count < 2:
            continue
        ia, sa, ea, text_a = clauses[a]
        ib, sb, eb, text_b = clauses[b]
        if ia > ib:
            ia, sa, ea, text_a, ib, sb, eb, text_b = ib, sb, eb, text_b, ia, sa, ea, text_a
        core = _aligned_core(text_a, text_b, min_matched)
        if core is None:
            continue
        a0, a1, b0, b1, matched = core
        if 2 * matched / ((a1 - a0) + (b1 - b0)) < threshold:
            continue
        if a1 - a0 == b1 - b0 == matched:
            continue  # an exact shared string (a name, a term): the first pass owns verbatim text
        if max(a1 - a0, b1 - b0) < NEAR_MIN_SPAN:
            continue
        doc_a, doc_b = documents[ia], documents[ib]
        a0, a1 = sa + a0, _phrase_tail(doc_a, sa + a1)
        b0, b1 = sb + b0, _phrase_tail(doc_b, sb + b1)
        start_a, start_b = int(doc_a.index[a0]), int(doc_b.index[b0])
        if any(x0 <= start_a < x1 and y0 <= start_b < y1 for x0, x1, y0, y1 in covered[(doc_a.doc_id, doc_b.doc_id)]):
            continue
        key = (ia, ib, _stream(doc_a, a0, a1), _stream(doc_b, b0, b1))
        if key in seen:
            continue  # the same pair of phrases again: reported once, at its first place
        seen.add(key)
        similarity = float(LCSseq.normalized_similarity(_stream(doc_a, a0, a1), _stream(doc_b, b0, b1)))
        rows.append(_pair_row(doc_a, a0, a1, doc_b, b0, b1, a1 - a0, similarity, "near"))
    return rows


def _aligned_core(a: str, b: str, min_matched: int) -> tuple[int, int, int, int, int] | None:
    """The densest aligned stretch of two strings: (a0, a1, b0, b1, matched)."""
    blocks = [blk for blk in LCSseq.editops(a, b).as_matching_blocks() if blk.size]
    if not blocks:
        return None
    best = None
    start = 0
    for k in range(1, len(blocks) + 1):
        if k == len(blocks) or blocks[k].a - (blocks[k - 1].a + blocks[k - 1].size) > 3 or blocks[k].b - (
            blocks[k - 1].b + blocks[k - 1].size
        ) > 3:
            group = blocks[start:k]
            matched = sum(blk.size for blk in group)
            if matched >= min_matched and (best is None or matched > best[4]):
                last = group[-1]
                best = (group[0].a, last.a + last.size, group[0].b, last.b + last.size, matched)
            start = k
    return best


def _phrase_tail(doc: _Doc, stream_end: int) -> int:
    """Extend a stream end to the end of its phrase when that end is near."""
    if stream_end >= len(doc.index):
        return stream_end
    text_pos = int(doc.index[stream_end - 1]) + 1
    m = RE_PHRASE_END.search(doc.text, text_pos, text_pos + PHRASE_TAIL + 4)
    if m is None:
        return stream_end
    extended = int(np.searchsorted(doc.index, m.start()))
    return extended if extended - stream_end <= PHRASE_TAIL else stream_end


def summarize_reuse(reuse: pd.DataFrame, corpus: Any) -> pd.DataFrame:
    """Per document pair: passages, characters reused, and their share of each document.

    Parameters
    ----------
    reuse : DataFrame
        Output of :func:`find_reuse`.
    corpus : Corpus or mapping
        The documents (for their counted characters).

    Returns
    -------
    DataFrame
        ``doc_id_a, doc_id_b, passages, near, characters`` (counted characters of
        A in reused passages) and ``share_a`` (of A's counted characters).

    Examples
    --------
    >>> a = "坚持把发展经济的着力点放在实体经济上，推进新型工业化。"
    >>> table = find_reuse({"a": a, "b": "我们" + a}, ignore_terms=[], min_length=12)
    >>> row = summarize_reuse(table, {"a": a, "b": "我们" + a}).iloc[0]
    >>> int(row["passages"]), float(row["share_a"])
    (1, 1.0)
    """
    sizes = {doc_id: int(_counted_mask(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)).sum()) for doc_id, text in _documents(corpus)}
    columns = ["doc_id_a", "doc_id_b", "passages", "near", "characters", "share_a"]
    if not len(reuse):
        return pd.DataFrame(columns=columns)
    grouped = reuse.groupby(["doc_id_a", "doc_id_b"], sort=True)
    table = grouped.agg(
        passages=("match", "size"), near=("match", lambda m: int((m == "near").sum())), characters=("length", "sum")
    ).reset_index()
    table["share_a"] = [c / sizes[a] if sizes.get(a) else np.nan for a, c in zip(table["doc_id_a"], table["characters"], strict=True)]
    return table[columns]
