"""Formulaic phrasing: announced structures, enumerations, parallelism, set patterns.

Chinese official speech is built from formulas. A speaker announces a count
(``我讲三句话``) and then delivers the items (``第一句话…第二句话…``); lists are
numbered (``一是…二是…``, ``（一）…（二）…``); clauses march in parallel
(``强化…感，强化…感，强化…感``); set phrases repeat (``抓实抓好``, ``稳中求进``,
``一镇一业、一村一品``). This module finds them in normalized text and measures
how much of a document they cover.

Span kinds (the ``kind`` column)
--------------------------------
``announced_structure``
    An announcement with a count (``讲三句话``, ``提几点意见``, ``关键在“五个聚焦”``)
    or a ``以下…：`` announcement, linked to the items that follow it. The span
    runs from the start of the clause holding the announcement to the end of
    its last item; ``core_start, core_end`` is the announcement phrase itself.
    ``announced`` is the announced count (NaN for ``几``/``以下``), ``found`` and
    ``n_items`` the number of items delivered, ``agree`` whether the two are
    equal, ``level`` how the items are delivered: ``list`` (a numbered list,
    whose ``id`` is in ``linked``), ``run`` (a parallel run), ``lone`` (a single
    marked item: the source stops after it), ``paragraph`` (unmarked paragraphs
    opened by a short lead sentence, ``加强农业的基础地位。…``), ``dash``
    (paragraphs opened by ``——``), ``semicolon`` (clauses separated by ``；``
    after ``：``), ``label`` (lines opened by the counted label:
    ``八大关键词`` … ``关键词：疫情防控``) or ``series`` (quoted key words that
    then open clauses one by one: ``“巩固、增强、提升、畅通”八个字`` …
    ``巩固…，增强…``).
``announced_item``
    One delivered item of an announced structure (``parent`` is the
    structure's ``id``, ``item`` its number, ``level`` as for the structure).
    Items of a numbered list are also ``enumeration_item`` rows; for them
    ``core_end`` is the end of the marker, for unmarked items the end of the
    dash or label (or ``core_start``: nothing is formulaic about them).
``enumeration``
    One numbered list (``一是/二是``, ``一要/二要``, ``第一/第二``, ``首先/其次/此外``,
    ``一、二、``, ``（一）（二）``, ``1、2、``, ``（1）（2）``, ``①②③``), from its first marker
    to the end of its last item, with ``n_items``, ``depth`` (1 for a list that
    no other list contains) and ``flag`` (``skip``/``repeat``/``start`` when the
    numbers skip, repeat, or do not start at one).
``enumeration_item``
    One item of a list: ``parent`` is the list's ``id``, ``item`` its number,
    ``core_end`` the end of its marker.
``parallelism``
    A run of three or more units that share an opening, an ending or a frame;
    ``shared`` shows the shared part (``强化…``, ``…以更加务实的举措…``, ``…民…``)
    and ``n_items`` the run length. ``level`` names the unit:

    - ``sentence``: sentences in a row (要…。要…。要…。), or sentences of one
      paragraph that open alike with other sentences between them
      (``pattern`` ``leads``: 我们面对的是…。…。我们面对的是…), or whose short
      first clauses share a key word between different verbs and heads
      (树牢实干导向，…。增强实干劲头，…。凝聚实干合力，…);
    - ``clause``: clauses of one sentence that share an opening, an ending
      (…监督，…监督，…监督) or a frame at the same place (``pattern`` ``frame``:
      完善国防动员体系，强化国防动员观念，提升国防动员能力; 在促开工上下功夫，
      在快建设上出实招，在见成效上求突破; a negation alone in clauses of one
      length: 困难不容低估，信心不可动摇，干劲不能松懈; quoted terms defined one
      after another: “一线”是指…；“两带”是指…；“三园”是指…);
    - ``phrase``: word-level members of a ``、`` series or of short clauses set off
      by commas (科学化、精细化、智能化; 惠民生、暖民心、顺民意; 保重点，保竣工，保投产),
      members written together with a repeated character (``pattern`` ``repeat``:
      共商共建共享, 获得感幸福感安全感) and series of three or more templates
      (``pattern`` ``template``: 零前置、零干扰、零跑腿);
    - ``paragraph``: the leads of consecutive paragraphs (加快…。⏎加快…。⏎加快…。;
      ——面对…，⏎——面对…，);
    - ``item``: headings of the items of one list (（一）聚焦…（二）聚焦…; around a
      slot: 1、经济发展要实力推进 … 8、社会治理要着力强化, shared ``…要…力…``).

    Plain lists of concrete or named things (桃花节、水晶梨节、菜心节; 粤东粤西粤北;
    国际金融城、国际人才港; 行政区、开发区; titles in 《》; 全党全军全国), counts
    (三中、四中、五中), target lists whose members all hold numbers (in digits or
    in Chinese numerals), and sentences that share no more than a short opening
    are left out, as the annotation rules do. A run of 要/把/让 sentences whose
    first member puts a subject first (政府班子要在…；要在…；要在…) starts at the
    shared opening. See :data:`PARALLEL_MIN_SHARED` for the threshold.
``reduplication``
    V-X-V-Y phrases (``抓实抓好``, ``聚精聚神``, ``做优做强``).
``template``
    Templated set phrases, named in ``pattern``: ``X中求Y`` (``稳中求进``),
    ``一X一Y`` (``一镇一业、一村一品``), ``X论英雄``, ``零X`` (``零前置、零干扰``),
    ``四字格排比`` (three or more four-character phrases in a row). Series of the
    same template separated by ``、``/``，`` form one span with ``n_items``.

Formulaicity (:func:`rate_formulaicity`) is the share of counted characters
that lie inside the union of the formulaic *cores*: announcement phrases,
enumeration markers, parallel runs of sentences, clauses and words,
reduplications and templates. List contents are not formulaic by being listed
(nor by their headings sharing a frame); their markers are. Its parts are
disjoint (a character counts for one part only), so they add up to the whole.

The detectors live in modules of their own: :mod:`tifa.enumerations` (numerals,
list markers and lists), :mod:`tifa.announcements` (announced structures and
their deliveries), :mod:`tifa.parallelism` (parallel runs) and
:mod:`tifa.set_patterns` (reduplication and templates). This module joins what
they find into one span table, measures formulaicity, counts four-character
phrases and scores spans against hand annotation; it also re-exports
:func:`parse_chinese_numeral`, :func:`parallel_similarity`,
:data:`PARALLEL_MIN_SHARED` and :data:`RE_CLAUSE`.

>>> text = "我讲三句话：\\n第一句话，要抓实抓好。\\n第二句话，要稳中求进。\\n第三句话，要强化责任感，强化紧迫感，强化危机感。"
>>> spans = find_formulas_in_text(text, doc_id="demo")
>>> spans.loc[spans["kind"] == "announced_structure", ["announced", "found", "agree"]].values.tolist()
[[3.0, 3, True]]
>>> sorted(set(spans["kind"]))
['announced_item', 'announced_structure', 'enumeration', 'enumeration_item', 'parallelism', 'reduplication', 'template']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd

from tifa.announcements import (
    _Announcement,
    _announcement_before,
    _clause_start,
    _Delivery,
    _label_announcements,
    _link,
    _quoted_series_announcements,
    _scan_announcements,
)
from tifa.corpus import iter_documents
from tifa.enumerations import HAN, HEADING_FAMILIES, RE_BARE_HEADING, _enumeration_lists, _List, parse_chinese_numeral
from tifa.errors import TifaError, check_option
from tifa.parallelism import PARALLEL_MIN_SHARED, RE_CLAUSE, _parallel_runs, _Run, parallel_similarity
from tifa.set_patterns import _set_patterns

__all__ = [
    "FORMULA_COLUMNS",
    "FORMULA_KINDS",
    "PARALLEL_MIN_SHARED",
    "RE_CLAUSE",
    "count_four_character_phrases",
    "evaluate_against_gold",
    "find_announced_structures",
    "find_enumerations",
    "find_formulas",
    "find_formulas_in_text",
    "find_parallelism",
    "find_set_patterns",
    "parallel_similarity",
    "parse_chinese_numeral",
    "rate_formulaicity",
]

FormulaKind = Literal[
    "announced_structure", "announced_item", "enumeration", "enumeration_item", "parallelism", "reduplication", "template"
]
FORMULA_KINDS: tuple[str, ...] = (
    "announced_structure", "announced_item", "enumeration", "enumeration_item", "parallelism", "reduplication", "template"
)
#: Columns of every span table this module returns, in order.
FORMULA_COLUMNS: list[str] = [
    "doc_id", "start", "end", "text", "kind", "id", "parent", "linked", "depth", "item", "n_items",
    "announced", "found", "agree", "shared", "pattern", "level", "flag", "core_start", "core_end",
]
#: Parts of formulaicity, one column each in :func:`rate_formulaicity`. The parts
#: are disjoint: a character inside the cores of several parts (a template inside
#: a parallel run) belongs to the first of them in this order, so the parts add
#: up to the whole.
FORMULAICITY_PARTS: tuple[str, ...] = ("announced_structure", "enumeration", "reduplication", "template", "parallelism")
_PART_OF_KIND = {
    "announced_structure": "announced_structure", "announced_item": "announced_structure", "enumeration": "enumeration",
    "enumeration_item": "enumeration", "reduplication": "reduplication", "template": "template", "parallelism": "parallelism",
}

RE_COUNTED = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9A-Za-z]")

# ---------------------------------------------------------------------------
# one text
# ---------------------------------------------------------------------------
def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in FORMULA_COLUMNS})
    return _typed(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(
        {
            "doc_id": object, "start": "int64", "end": "int64", "text": object, "kind": object, "id": object,
            "parent": object, "linked": object, "depth": "Int64", "item": "Int64", "n_items": "Int64", "announced": "float64",
            "found": "Int64", "agree": "boolean", "shared": object, "pattern": object, "level": object,
            "flag": object, "core_start": "int64", "core_end": "int64",
        }
    )


def find_formulas_in_text(text: str, doc_id: str = "", headings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Formulaic spans of one normalized text (see the module docs for the kinds).

    Parameters
    ----------
    text : str
        Normalized text (``doc.text``).
    doc_id : str
        Identifier written into the ``doc_id`` column and into the ``id`` values.
    headings : DataFrame, optional
        ``doc.headings`` (``start, end, text, level, marker``). A list marker
        at the start of a heading opens a block (it stops the last item of a
        list nested under the previous heading), even where the source ran
        its paragraphs together.

    Returns
    -------
    DataFrame
        Columns :data:`FORMULA_COLUMNS`, one row per span, sorted by ``start``,
        then longer spans first.

    Examples
    --------
    >>> spans = find_formulas_in_text("要求做到三点：一是抓实抓好，二是稳中求进，三是一镇一业、一村一品。", doc_id="d")
    >>> spans[["kind", "text"]].head(4).values.tolist()
    [['announced_structure', '要求做到三点：一是抓实抓好，二是稳中求进，三是一镇一业、一村一品。'], ['enumeration', '一是抓实抓好，二是稳中求进，三是一镇一业、一村一品。'], ['announced_item', '一是抓实抓好，'], ['enumeration_item', '一是抓实抓好，']]
    """
    return _frame(_formula_rows(text, doc_id, headings))


def _formula_rows(text: str, doc_id: str = "", headings: pd.DataFrame | None = None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    heading_starts: frozenset[int] = frozenset()
    if headings is not None and len(headings) and "start" in headings:
        heading_starts = frozenset(int(s) for s in headings["start"])
    lists = _enumeration_lists(text, heading_starts)
    patterns = _set_patterns(text)
    runs = _parallel_runs(text, lists, patterns)
    prefix = f"{doc_id}/" if doc_id else ""

    list_ids = [f"{prefix}E{i + 1}" for i in range(len(lists))]
    for i, lst in enumerate(lists):
        parent = None
        if lst.parent is not None:
            parent = f"{list_ids[lst.parent[0]]}.{lst.parent[1] + 1}"
        rows.append(_row(text, doc_id, lst.start, lst.end, "enumeration", id=list_ids[i], parent=parent,
                         depth=lst.depth, n_items=len(lst.markers), pattern=lst.style,
                         flag=",".join(sorted(lst.flags)) or None, core_start=lst.start, core_end=lst.start))
        for j, (k, end) in enumerate(zip(lst.markers, lst.ends, strict=True)):
            rows.append(_row(text, doc_id, k.start, end, "enumeration_item", id=f"{list_ids[i]}.{j + 1}",
                             parent=list_ids[i], depth=lst.depth, item=lst.numbers[j], pattern=k.style,
                             core_start=k.start, core_end=k.end))

    run_ids = [f"{prefix}P{i + 1}" for i in range(len(runs))]
    for i, run in enumerate(runs):
        s, e = run.units[0][0], run.units[-1][1]
        # runs of whole list items or paragraphs are not formulaic text in full:
        # their markers (enumerations) are counted instead; nor are the sentences
        # that stand between the members of a run of sentence leads
        core_end = s if run.level in ("item", "paragraph") or run.mode == "leads" else e
        rows.append(_row(text, doc_id, s, e, "parallelism", id=run_ids[i], n_items=len(run.units),
                         shared=run.shared, pattern=run.mode, level=run.level, core_start=s, core_end=core_end))

    rows.extend(_announcement_rows(text, doc_id, prefix, lists, list_ids, runs, run_ids, sorted(heading_starts)))

    template_counts: dict[str, int] = {}
    for s, e, kind, pattern, n_items, _members in patterns:
        letter = "R" if kind == "reduplication" else "T"
        template_counts[letter] = template_counts.get(letter, 0) + 1
        shared = {"X中求Y": "中", "一X一Y": "一…一", "X论英雄": "论英雄", "零X": "零"}.get(pattern)
        rows.append(_row(text, doc_id, s, e, kind, id=f"{prefix}{letter}{template_counts[letter]}", n_items=n_items,
                         shared=shared, pattern=pattern, core_start=s, core_end=e))

    for row in rows:
        row["text"] = text[row["start"] : row["end"]]
    order = {k: i for i, k in enumerate(FORMULA_KINDS)}
    rows.sort(key=lambda r: (r["start"], -r["end"], order[r["kind"]]))
    return rows


def _announcement_rows(
    text: str, doc_id: str, prefix: str, lists: list[_List], list_ids: list[str], runs: list[_Run],
    run_ids: list[str], heading_starts: list[int],
) -> list[dict[str, Any]]:
    """Rows of announced structures and of the items each one delivers."""
    stops = sorted(
        set(heading_starts)
        | {m.start() for m in RE_BARE_HEADING.finditer(text)}
        | {k.start for lst in lists if lst.family in HEADING_FAMILIES for k in lst.markers if k.block}
    )
    run_spans = [(r.units[0][0], r.units[-1][1], len(r.units)) for r in runs]
    found: list[tuple[_Announcement, _Delivery | None]] = []
    for a in _scan_announcements(text):
        delivery = _link(text, a, lists, run_spans, stops)
        if delivery is not None and delivery.mode == "run":
            delivery.items = [(us, ue, us) for us, ue in runs[delivery.index].units]
        found.append((a, delivery))
    found += _label_announcements(text) + _quoted_series_announcements(text)
    found.sort(key=lambda pair: pair[0].core_start)

    out: list[tuple[dict[str, Any], _Delivery | None]] = []
    by_target: dict[tuple[str, int], dict[str, Any]] = {}

    def target_key(delivery: _Delivery) -> tuple[str, int]:
        return (delivery.mode, delivery.index if delivery.index >= 0 else delivery.items[0][0])

    def add(a: _Announcement, delivery: _Delivery | None, pattern: str) -> None:
        n_found = 0 if delivery is None else len(delivery.items)
        end = a.core_end if delivery is None else max(delivery.end, a.core_end)
        target = None
        if delivery is not None and delivery.mode == "list":
            target = list_ids[delivery.index]
        elif delivery is not None and delivery.mode == "run":
            target = run_ids[delivery.index]
        row = _row(text, doc_id, a.start, end, "announced_structure", linked=target, announced=a.announced,
                   found=n_found, n_items=n_found, agree=None if np.isnan(a.announced) else bool(a.announced == n_found),
                   pattern=pattern, level=None if delivery is None else delivery.mode,
                   core_start=a.core_start, core_end=a.core_end)
        out.append((row, delivery))
        if delivery is not None:
            by_target[target_key(delivery)] = row

    for a, delivery in found:
        if delivery is None:
            if a.strong:
                add(a, None, a.unit)
            continue
        if a.mode == "quoted" and a.announced != len(delivery.items):
            continue
        previous = by_target.get(target_key(delivery))
        if previous is not None:
            # two announcements of one list (提几点意见。讲三句话。): one structure
            if np.isnan(previous["announced"]) and not np.isnan(a.announced):
                previous["announced"] = a.announced
                previous["pattern"] = a.unit
                previous["agree"] = bool(a.announced == previous["found"])
            continue
        add(a, delivery, a.unit)

    # lists introduced by the sentence right before them (以下…： / 两个方面考虑： / 作如下说明。)
    for index, lst in enumerate(lists):
        if ("list", index) in by_target:
            continue
        before = _announcement_before(text, lst.start)
        if before is None:
            continue
        core_start, core_end, announced, quoted = before
        if quoted and announced != len(lst.markers):
            continue
        a = _Announcement(_clause_start(text, core_start), core_start, core_end, announced, "", "before")
        add(a, _Delivery("list", index, [(k.start, e, k.end) for k, e in zip(lst.markers, lst.ends, strict=True)]), "before")

    out.sort(key=lambda pair: (pair[0]["start"], pair[0]["core_start"]))
    rows: list[dict[str, Any]] = []
    for n, (row, delivery) in enumerate(out, start=1):
        row["id"] = f"{prefix}A{n}"
        rows.append(row)
        if delivery is None:
            continue
        for j, (s, e, core_end) in enumerate(delivery.items, start=1):
            rows.append(_row(text, doc_id, s, e, "announced_item", id=f"{row['id']}.{j}", parent=row["id"],
                             item=j, linked=row["linked"], level=delivery.mode, core_start=s, core_end=core_end))
    return rows


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    if not rows:
        return _empty()
    return _typed(pd.DataFrame(rows, columns=FORMULA_COLUMNS))


def _row(text: str, doc_id: str, start: int, end: int, kind: str, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(FORMULA_COLUMNS)
    row.update(doc_id=doc_id, start=int(start), end=int(end), text=None, kind=kind)
    row.update(values)
    return row


# ---------------------------------------------------------------------------
# corpus level
# ---------------------------------------------------------------------------
def find_formulas(corpus: Any, *, kinds: Iterable[str] | None = None, use_headings: bool = True) -> pd.DataFrame:
    """Formulaic spans of every document of a corpus.

    Parameters
    ----------
    corpus : Corpus, Document, iterable of documents, or mapping
        Anything with ``doc_id`` and ``text`` (a :class:`tifa.corpus.Corpus`, a
        list of documents) or a ``{doc_id: text}`` mapping.
    kinds : iterable of str, optional
        Keep only these kinds (see :data:`FORMULA_KINDS`); all by default.
    use_headings : bool
        Use ``doc.headings`` when documents carry them.

    Returns
    -------
    DataFrame
        Span table with columns :data:`FORMULA_COLUMNS`: ``doc_id, start, end,
        text, kind`` plus ``id``, ``parent`` (the list of an item, the item a
        nested list sits in), ``linked`` (the list or parallel run an
        announcement introduces), ``depth``, ``item``, ``n_items``, ``announced`` (count
        announced), ``found`` (items found), ``agree``, ``shared`` (the shared
        part of a parallel run or template), ``pattern`` (marker style, template
        name, or how a run is parallel), ``level`` (clause or sentence),
        ``flag`` (skip, repeat, start), ``core_start, core_end`` (the
        characters counted by :func:`rate_formulaicity`).

    Examples
    --------
    >>> spans = find_formulas({"a": "要稳中求进，要抓实抓好，要一镇一业。", "b": "亩均论英雄、低碳论英雄。"})
    >>> spans[["doc_id", "kind", "text"]].values.tolist()
    [['a', 'parallelism', '要稳中求进，要抓实抓好，要一镇一业'], ['a', 'template', '稳中求进'], ['a', 'reduplication', '抓实抓好'], ['a', 'template', '一镇一业'], ['b', 'template', '亩均论英雄、低碳论英雄']]
    """
    wanted = None
    if kinds is not None:
        wanted = list(kinds)
        for kind in wanted:
            check_option("kinds", kind, FORMULA_KINDS)
    rows: list[dict[str, Any]] = []
    for document in iter_documents(corpus):
        headings = getattr(document, "headings", None) if use_headings else None
        found = _formula_rows(document.text, str(document.doc_id), headings)
        if wanted is not None:
            found = [r for r in found if r["kind"] in wanted]
        rows.extend(found)
    return _frame(rows)


def _union_length(intervals: Iterable[tuple[int, int]]) -> tuple[int, list[tuple[int, int]]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(intervals):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return sum(e - s for s, e in merged), merged


def _counted_prefix(text: str) -> np.ndarray:
    """Cumulative count of counted characters: ``c[i]`` = counted chars in ``text[:i]``."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    counted = (
        ((codes >= 0x3400) & (codes <= 0x4DBF))
        | ((codes >= 0x4E00) & (codes <= 0x9FFF))
        | ((codes >= 0xF900) & (codes <= 0xFAFF))
        | ((codes >= 0x30) & (codes <= 0x39))
        | ((codes >= 0x41) & (codes <= 0x5A))
        | ((codes >= 0x61) & (codes <= 0x7A))
    )
    return np.concatenate([[0], np.cumsum(counted, dtype=np.int64)])


def rate_formulaicity(corpus: Any, spans: pd.DataFrame | None = None) -> pd.DataFrame:
    """Share of each document's counted characters inside formulaic cores.

    Formulaicity is defined once, here: the number of counted characters (Han
    characters, ASCII digits and letters, as in :mod:`tifa.measures`) that lie
    inside the union of the cores of all formulaic spans, divided by the counted
    characters of the document. The cores are the announcement phrases
    (``讲三句话``) and the dashes or labels of unmarked announced items, the
    enumeration markers (``一是``, ``（三）``, ``第二句话``), whole parallel runs of
    sentences in a row, clauses and words (runs of whole list items, of
    paragraphs or of sentence leads with other sentences between them count
    through their markers only), reduplications and templates.

    Parameters
    ----------
    corpus : Corpus or mapping
        The documents the spans were found in (the denominator needs the text).
    spans : DataFrame, optional
        Output of :func:`find_formulas`; computed when not given.

    Returns
    -------
    DataFrame
        One row per document: ``doc_id``, ``characters`` (counted characters),
        ``formulaic_characters``, ``formulaicity`` (their ratio), and for each
        part in :data:`FORMULAICITY_PARTS` the counted characters of that part
        (``characters_<part>``) and its share (``share_<part>``). The parts are
        disjoint: a character covered by the cores of several kinds (a template
        inside a parallel run, a list marker inside an announced item) counts
        once, for the first of them in :data:`FORMULAICITY_PARTS` order, so the
        ``characters_<part>`` add up to ``formulaic_characters`` and the
        ``share_<part>`` to ``formulaicity``.

    Examples
    --------
    >>> table = rate_formulaicity({"a": "要抓实抓好，要稳中求进，要一镇一业、一村一品。"})
    >>> table[["characters", "formulaic_characters", "characters_reduplication", "characters_template", "characters_parallelism"]].values.tolist()
    [[19, 19, 4, 12, 3]]
    """
    documents = list(iter_documents(corpus))
    if spans is None:
        spans = find_formulas(documents)
    by_doc = {k: g for k, g in spans.groupby("doc_id", sort=False)} if len(spans) else {}
    rows = []
    for document in documents:
        doc_id = str(document.doc_id)
        cum = _counted_prefix(document.text)
        total = int(cum[-1])
        group = by_doc.get(doc_id)
        row: dict[str, Any] = {"doc_id": doc_id, "characters": total}
        parts: dict[str, list[tuple[int, int]]] = {p: [] for p in FORMULAICITY_PARTS}
        if group is not None:
            for kind, s, e in zip(group["kind"], group["core_start"], group["core_end"], strict=True):
                part = _PART_OF_KIND.get(kind)
                if part is not None and e > s:
                    parts[part].append((int(s), int(e)))
        # each character belongs to the first part (in FORMULAICITY_PARTS order) whose cores cover it
        owner = np.full(len(document.text), -1, dtype=np.int8)
        for number in range(len(FORMULAICITY_PARTS) - 1, -1, -1):
            for s, e in _union_length(parts[FORMULAICITY_PARTS[number]])[1]:
                owner[s:e] = number
        counted = np.diff(cum).astype(bool)
        owners = owner[counted]
        for number, part in enumerate(FORMULAICITY_PARTS):
            row[f"characters_{part}"] = int(np.count_nonzero(owners == number))
        formulaic = int(np.count_nonzero(owners >= 0))
        row["formulaic_characters"] = formulaic
        row["formulaicity"] = formulaic / total if total else np.nan
        for part in FORMULAICITY_PARTS:
            row[f"share_{part}"] = row[f"characters_{part}"] / total if total else np.nan
        rows.append(row)
    columns = ["doc_id", "characters", "formulaic_characters", "formulaicity"]
    columns += [f"characters_{p}" for p in FORMULAICITY_PARTS] + [f"share_{p}" for p in FORMULAICITY_PARTS]
    return pd.DataFrame(rows, columns=columns).sort_values("doc_id", kind="mergesort").reset_index(drop=True)


# ---------------------------------------------------------------------------
# four-character phrases (四字格)
# ---------------------------------------------------------------------------
RE_FOUR_HAN = re.compile(f"[{HAN}]{{4}}")


def count_four_character_phrases(
    corpus: Any, *, tokenizer: Literal["jieba"] | Callable[[str], list[str]] = "jieba"
) -> pd.DataFrame:
    """Density of four-character tokens (四字格) per document.

    Tokens come from ``tokenizer`` (``"jieba"`` uses :func:`tifa.segment.make_tokenizer`
    when available, else ``jieba.lcut``); a four-character phrase is a token of
    exactly four Han characters (``凝心聚力``, ``稳中求进``, ``实事求是``).

    Returns
    -------
    DataFrame
        ``doc_id, characters, four_character_tokens, four_character_characters,
        rate_per_10k`` (tokens per 10,000 counted characters) and ``share``
        (counted characters inside four-character tokens / counted characters).

    Examples
    --------
    >>> table = count_four_character_phrases({"a": "凝心聚力，实事求是"}, tokenizer=lambda t: ["凝心聚力", "，", "实事求是"])
    >>> int(table.loc[0, "four_character_tokens"]), float(table.loc[0, "share"])
    (2, 1.0)
    """
    if isinstance(tokenizer, str):
        check_option("tokenizer", tokenizer, ("jieba",))
        tokenize = _jieba_tokenizer()
    else:
        tokenize = tokenizer
    rows = []
    for document in iter_documents(corpus):
        text = document.text
        total = int(_counted_prefix(text)[-1])
        tokens = [t for t in tokenize(text) if len(t) == 4 and RE_FOUR_HAN.fullmatch(t)]
        count = len(tokens)
        rows.append({
            "doc_id": str(document.doc_id), "characters": total, "four_character_tokens": count,
            "four_character_characters": 4 * count,
            "rate_per_10k": count * 10_000 / total if total else np.nan,
            "share": 4 * count / total if total else np.nan,
        })
    return pd.DataFrame(rows).sort_values("doc_id", kind="mergesort").reset_index(drop=True)


def _jieba_tokenizer() -> Callable[[str], list[str]]:
    try:
        from tifa.segment import make_tokenizer

        return make_tokenizer("jieba")
    except Exception:  # noqa: BLE001 - segment module missing or without that backend
        import jieba

        return lambda text: jieba.lcut(text)


# ---------------------------------------------------------------------------
# evaluation against hand annotation
# ---------------------------------------------------------------------------
RE_WHITESPACE = re.compile(r"\s+")
#: A predicted span matches a gold start inside it or this close to its start.
GOLD_TOLERANCE = 8
_GOLD_TO_PRED = {
    "announced_structure": ("announced_structure",),
    "announced_item": ("announced_item", "enumeration_item"),
    "enumeration": ("enumeration",),
    "parallelism": ("parallelism",),
}


_QUOTES = str.maketrans({c: '"' for c in "“”„‟＂「」"} | {c: "'" for c in "‘’‛『』"})


def _canonical_char(ch: str) -> str:
    """One character in a form that ignores width and quote style (（ and (, “ and ")."""
    folded = unicodedata.normalize("NFKC", ch)
    return (folded if len(folded) == 1 else ch).translate(_QUOTES)


def locate_gold(gold: pd.DataFrame, texts: Mapping[str, str]) -> pd.DataFrame:
    """Add ``start`` to gold rows: where ``left + text`` occurs in the document.

    Matching ignores whitespace, character width and quote style on both
    sides (the annotation copy and ``doc.text`` differ there); when ``left +
    text`` is not found, ``text`` alone and then shorter stretches are tried.
    Rows that cannot be located get
    ``start = -1``. When ``left + text`` occurs more than once, the first
    occurrence after the previous row of the same document and kind is taken.

    >>> gold = pd.DataFrame({"doc_id": ["a"], "kind": ["enumeration"], "left": ["指出："], "text": ["一是抓实"]})
    >>> locate_gold(gold, {"a": "他指出：\\n一是抓实抓好"})["start"].tolist()
    [5]
    """
    starts = []
    compact_cache: dict[str, tuple[str, list[int]]] = {}
    last: dict[tuple[str, str], int] = {}
    for doc_id, kind, left, text in zip(gold["doc_id"], gold["kind"], gold["left"].fillna(""), gold["text"].fillna(""), strict=True):
        doc_id = str(doc_id)
        if doc_id not in texts:
            starts.append(-1)
            continue
        if doc_id not in compact_cache:
            full = texts[doc_id]
            index = [i for i, ch in enumerate(full) if not ch.isspace()]
            compact_cache[doc_id] = ("".join(_canonical_char(full[i]) for i in index), index)
        compact, index = compact_cache[doc_id]
        left = "".join(_canonical_char(c) for c in RE_WHITESPACE.sub("", str(left)))
        body = "".join(_canonical_char(c) for c in RE_WHITESPACE.sub("", str(text)))
        after = last.get((doc_id, str(kind)), 0)
        at = -1
        # left + text, then text alone, then shorter stretches (sources differ in odd characters)
        for needle, offset in ((left + body, len(left)), (body, 0), (left[-4:] + body[:8], len(left[-4:])), (body[:8], 0)):
            if not needle:
                continue
            pos = compact.find(needle, after)
            if pos < 0:
                pos = compact.find(needle)
            if pos >= 0:
                at = pos + offset
                break
        starts.append(index[at] if 0 <= at < len(index) else -1)
        if at >= 0:
            last[(doc_id, str(kind))] = at
    located = gold.copy()
    located["start"] = pd.Series(starts, index=gold.index, dtype="int64")
    return located


def _match(gold_starts: list[int], pred: list[tuple[int, int]]) -> int:
    """Greedy one-to-one matching by distance between starts; returns matches."""
    pairs = []
    for gi, g in enumerate(gold_starts):
        if g < 0:
            continue
        for pi, (s, e) in enumerate(pred):
            if abs(g - s) <= GOLD_TOLERANCE or s <= g < e:
                pairs.append((abs(g - s), gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
    return len(used_g)


def evaluate_against_gold(
    pred: pd.DataFrame,
    gold: pd.DataFrame,
    texts: Mapping[str, str] | None = None,
    *,
    layers: Mapping[str, Iterable[str]] | None = None,
) -> pd.DataFrame:
    """Precision, recall and F1 of predicted spans against hand annotation.

    Gold rows are located by ``left + text`` in the document text (whitespace
    ignored). A gold row matches a predicted span of the corresponding kind when
    its start falls inside the span or within :data:`GOLD_TOLERANCE` characters
    of the span's start; matching is one to one, nearest starts first.
    ``announced_item`` gold rows are matched against ``announced_item`` and
    ``enumeration_item`` spans.

    Parameters
    ----------
    pred : DataFrame
        Output of :func:`find_formulas` for the annotated documents.
    gold : DataFrame
        Columns ``doc_id, kind, left, text`` (and optionally ``start``, used when
        ``texts`` is not given).
    texts : mapping, optional
        ``{doc_id: text}`` used to locate gold rows.
    layers : mapping, optional
        ``{doc_id: gold kinds}`` for documents annotated for some layers only
        (``{"cn-hainan-gwr-2025": ["parallelism"]}``): other kinds are not scored
        there. By default every document is scored on every kind the gold has.

    Returns
    -------
    DataFrame
        One row per document and gold kind, plus ``doc_id == "all"`` totals:
        ``doc_id, kind, gold, predicted, matched, precision, recall, f1``
        (``precision`` is NaN for announced items, whose predictions include
        every list item).

    Examples
    --------
    >>> text = "讲两点：一是抓实抓好；二是稳中求进。"
    >>> pred = find_formulas({"d": text})
    >>> gold = pd.DataFrame({"doc_id": ["d"], "kind": ["enumeration"], "left": ["讲两点："], "text": ["一是抓实抓好；二是稳中求进。"]})
    >>> evaluate_against_gold(pred, gold, {"d": text})[["doc_id", "kind", "recall", "precision"]].values.tolist()
    [['d', 'enumeration', 1.0, 1.0], ['all', 'enumeration', 1.0, 1.0]]
    """
    if texts is not None:
        gold = locate_gold(gold, texts)
    elif "start" not in gold:
        raise TifaError("gold rows need a `start` column or `texts` to locate them")
    rows = []
    totals: dict[str, list[int]] = {}
    docs = sorted(set(map(str, gold["doc_id"])))
    annotated = set(gold["kind"])
    for doc_id in docs:
        g_doc = gold[gold["doc_id"].astype(str) == doc_id]
        p_doc = pred[pred["doc_id"].astype(str) == doc_id]
        scored = annotated if layers is None or doc_id not in layers else annotated & set(layers[doc_id])
        for gold_kind, pred_kinds in _GOLD_TO_PRED.items():
            if gold_kind not in scored:
                continue
            g = g_doc[g_doc["kind"] == gold_kind]
            p = p_doc[p_doc["kind"].isin(pred_kinds)]
            if not len(g) and not len(p):
                continue
            matched = _match(list(map(int, g["start"])), list(zip(map(int, p["start"]), map(int, p["end"]), strict=True)))
            counts = totals.setdefault(gold_kind, [0, 0, 0])
            counts[0] += len(g)
            counts[1] += len(p)
            counts[2] += matched
            rows.append(_scores(doc_id, gold_kind, len(g), len(p), matched))
    for gold_kind, (n_gold, n_pred, matched) in totals.items():
        rows.append(_scores("all", gold_kind, n_gold, n_pred, matched))
    return pd.DataFrame(rows, columns=["doc_id", "kind", "gold", "predicted", "matched", "precision", "recall", "f1"])


def _scores(doc_id: str, kind: str, n_gold: int, n_pred: int, matched: int) -> dict[str, Any]:
    recall = matched / n_gold if n_gold else np.nan
    precision = matched / n_pred if n_pred else np.nan
    if kind in ("announced_item", "announced_structure"):
        precision = np.nan if kind == "announced_item" else precision
    f1 = (2 * precision * recall / (precision + recall)) if precision and recall and precision + recall else np.nan
    return {"doc_id": doc_id, "kind": kind, "gold": n_gold, "predicted": n_pred, "matched": matched,
            "precision": precision, "recall": recall, "f1": f1}


# convenience wrappers, one per detector ------------------------------------
def find_enumerations(corpus: Any) -> pd.DataFrame:
    """Enumeration lists and their items (kinds ``enumeration``, ``enumeration_item``).

    >>> find_enumerations({"d": "一是抓落实；二是强作风。"})["kind"].tolist()
    ['enumeration', 'enumeration_item', 'enumeration_item']
    """
    return find_formulas(corpus, kinds=["enumeration", "enumeration_item"])


def find_announced_structures(corpus: Any) -> pd.DataFrame:
    """Announcements with a count, and the items they deliver (kinds ``announced_structure``, ``announced_item``).

    >>> found = find_announced_structures({"d": "我讲三句话：第一句话，抓落实。第二句话，强作风。"})
    >>> found[["kind", "announced", "found", "agree"]].values.tolist()[0]
    ['announced_structure', 3.0, 2, False]
    >>> found.loc[found["kind"] == "announced_item", "text"].tolist()
    ['第一句话，抓落实。', '第二句话，强作风。']
    """
    return find_formulas(corpus, kinds=["announced_structure", "announced_item"])


def find_parallelism(corpus: Any) -> pd.DataFrame:
    """Runs of parallel clauses or sentences (排比).

    >>> find_parallelism({"d": "强化危机感，强化紧迫感，强化责任感。"})[["shared", "n_items"]].values.tolist()
    [['强化…感', 3]]
    """
    return find_formulas(corpus, kinds=["parallelism"])


def find_set_patterns(corpus: Any) -> pd.DataFrame:
    """Reduplications and templates (抓实抓好, 稳中求进, 一X一Y, X论英雄, 零X, 四字格排比).

    >>> find_set_patterns({"d": "实行零前置、零干扰、零跑腿。"})[["pattern", "n_items"]].values.tolist()
    [['零X', 3]]
    """
    return find_formulas(corpus, kinds=["reduplication", "template"])
