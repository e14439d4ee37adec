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

>>> text = "我讲三句话：\\n第一句话，要抓实抓好。\\n第二句话，要稳中求进。\\n第三句话，要强化责任感，强化紧迫感，强化危机感。"
>>> spans = find_formulas_in_text(text, doc_id="demo")
>>> spans.loc[spans["kind"] == "announced_structure", ["announced", "found", "agree"]].values.tolist()
[[3.0, 3, True]]
>>> sorted(set(spans["kind"]))
['announced_item', 'announced_structure', 'enumeration', 'enumeration_item', 'parallelism', 'reduplication', 'template']
"""

from __future__ import annotations

import bisect
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import numpy as np
import pandas as pd

from tifa.corpus import iter_documents
from tifa.errors import TifaError, check_option

__all__ = [
    "FORMULA_COLUMNS",
    "FORMULA_KINDS",
    "PARALLEL_MIN_SHARED",
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

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
NUMERAL = "一二三四五六七八九十"
RE_HAN_CHAR = re.compile(f"[{HAN}]")
RE_COUNTED = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9A-Za-z]")

# ---------------------------------------------------------------------------
# numerals
# ---------------------------------------------------------------------------
_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def parse_chinese_numeral(token: str) -> int | None:
    """Value of a small numeral (``三``, ``十二``, ``二十一``, ``两``, ``12``, ``③``).

    Returns ``None`` for ``几`` and anything that is not a numeral below 100.

    >>> [parse_chinese_numeral(t) for t in ["三", "十", "十二", "二十一", "两", "12", "③", "几"]]
    [3, 10, 12, 21, 2, 12, 3, None]
    """
    if not token:
        return None
    if token.isascii() and token.isdigit():
        return int(token)
    if len(token) == 1 and token in _CIRCLED:
        return _CIRCLED.index(token) + 1
    if "十" in token:
        head, _, tail = token.partition("十")
        if len(token) > 3 or (head and head not in _DIGITS) or (tail and tail not in _DIGITS):
            return None
        return (_DIGITS[head] if head else 1) * 10 + (_DIGITS[tail] if tail else 0)
    if len(token) == 1 and token in _DIGITS:
        return _DIGITS[token]
    return None


# ---------------------------------------------------------------------------
# enumeration markers
# ---------------------------------------------------------------------------
#: ``1、`` glued to the end of a heading whose line break was lost (``发展1、经济``):
#: kept only as the first item of a list whose next item is a regular marker.
RE_WEAK_NUMBER = re.compile(rf"(1)、(?=[{HAN}“])")
#: A list marker must open a line, a sentence or a clause (the delimiter is
#: consumed, which lets the regex engine skip to candidate positions quickly;
#: the text is scanned with a line break before it).
RE_MARKER = re.compile(
    r"[\n。！？；：，]"
    + rf"""(?P<marker>
      (?P<cnh>[{NUMERAL}]{{1,3}})、
     |（(?P<cnp>[{NUMERAL}]{{1,3}})）
     |(?P<num>\d{{1,2}})(?:、|．|\.(?!\d))
     |（(?P<nump>\d{{1,2}})）
     |(?P<shi>[{NUMERAL}]{{1,2}})(?P<shiv>是|要|则|来)(?![是要])
     |第(?P<di>[{NUMERAL}]{{1,3}})(?P<diu>句话|个方面|方面|部分|点|条|)(?=[，、：。是要]|$)
     |(?P<seq>首先|其次|再次|其三|最后|此外|另外|另一方面|一方面)(?=[，、：]|要|是)
    )""",
    re.M | re.X,
)
_MARKER_GROUPS = ("cnh", "cnp", "num", "nump", "shi", "di", "seq")
#: ``首先`` opens a list even inside a clause (``他首先提出，…``).
RE_FIRST_INLINE = re.compile(r"首先(?=[，、：]|要|是|提出|强调)")
RE_CIRCLED = re.compile(f"[{_CIRCLED}]")
_SEQ_NUMBER = {"首先": 1, "一方面": 1, "其次": 2, "另一方面": 2, "再次": 3, "其三": 3}
_SEQ_NEXT = {"最后", "此外", "另外"}
#: Families of markers: a list holds markers of one family.
HEADING_FAMILIES = frozenset({"cnh", "cnp", "num", "nump", "di句话", "di部分", "di个方面", "di方面"})
_STYLE = {"cnh": "一、", "cnp": "（一）", "num": "1、", "nump": "（1）", "circ": "①", "ordinal": "第一", "shi": "一是"}
#: Longest gap (characters) between two items of an in-line list.
MAX_INLINE_GAP = 1500
#: Longest gap between two items that both open a paragraph or sentence (第一，…第二，…).
MAX_BLOCK_GAP = 5000


@dataclass
class _Marker:
    start: int
    end: int
    family: str
    number: int | None  # None: "next" (此外, 最后)
    style: str
    block: bool  # opens a line or a sentence
    weak: bool = False  # found without its usual context: only opens a list


@dataclass
class _List:
    family: str
    style: str
    markers: list[_Marker] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    ends: list[int] = field(default_factory=list)
    depth: int = 1
    parent: tuple[int, int] | None = None  # (list index, item index)

    @property
    def start(self) -> int:
        return self.markers[0].start

    @property
    def end(self) -> int:
        return self.ends[-1]


def _scan_markers(text: str, heading_starts: frozenset[int] = frozenset()) -> list[_Marker]:
    markers: list[_Marker] = []
    seen: set[int] = set()
    # a line break before the text lets a marker open it (the delimiter is consumed)
    for m in RE_MARKER.finditer("\n" + text):
        start = m.start("marker") - 1
        block = start == 0 or text[start - 1] in "\n。！？：" or start in heading_starts
        g = next(name for name in _MARKER_GROUPS if m.group(name) is not None)
        if g in ("cnh", "cnp", "nump", "num"):
            family, number = g, parse_chinese_numeral(m.group(g))
            style = _STYLE[g]
        elif g in ("shi", "shiv"):
            family, number = "shi", parse_chinese_numeral(m.group("shi"))
            style = "一" + m.group("shiv")
        elif g in ("di", "diu"):
            unit = m.group("diu") or ""
            family, number = ("di" + unit if unit else "ordinal"), parse_chinese_numeral(m.group("di"))
            style = "第一" + unit
        else:
            word = m.group("seq")
            family, number, style = "ordinal", _SEQ_NUMBER.get(word), word
        if number is None and not (family == "ordinal" and style in _SEQ_NEXT):
            continue
        markers.append(_Marker(start, m.end() - 1, family, number, style, block))
        seen.add(start)
    for m in RE_FIRST_INLINE.finditer(text):
        if m.start() not in seen and m.start() > 0 and RE_HAN_CHAR.match(text, m.start() - 1):
            markers.append(_Marker(m.start(), m.end(), "ordinal", 1, "首先", False))
    for m in RE_CIRCLED.finditer(text):
        markers.append(_Marker(m.start(), m.end(), "circ", parse_chinese_numeral(m.group()), "①", False))
    for m in RE_WEAK_NUMBER.finditer(text):
        if m.start() not in seen and m.start() > 0 and RE_HAN_CHAR.match(text, m.start() - 1):
            markers.append(_Marker(m.start(), m.end(), "num", int(m.group(1)), "1、", True, weak=True))
    markers.sort(key=lambda k: k.start)
    return markers


def _style_kind(k: _Marker) -> str:
    """The style of a marker within its family: 第一/第二 and 首先/其次 are both ordinals but
    of different styles, so a 首先…其次… list can sit inside the item of a 第一…第二… list."""
    if k.family == "ordinal":
        return "第" if k.style.startswith("第") else "seq"
    return k.style


def _assemble_lists(markers: list[_Marker], bare_headings: list[int] | None = None) -> list[_List]:
    """Group markers of one family into numbered lists (at least two items)."""
    heading_blocks = sorted([k.start for k in markers if k.block and k.family in HEADING_FAMILIES] + (bare_headings or []))
    by_family: dict[str, list[_Marker]] = {}
    for k in markers:
        by_family.setdefault(k.family, []).append(k)
    lists: list[_List] = []
    for family, items in by_family.items():
        inline = family not in HEADING_FAMILIES
        current: _List | None = None

        def close() -> None:
            if current is not None and len(current.markers) >= 2:
                lists.append(current)

        if not inline:
            lists.extend(_assemble_headings(items))
            continue
        outer: list[_List] = []  # lists whose item holds the current list (第一、…首先…其次…第二、)

        def near(last: _Marker, k: _Marker) -> bool:
            longest = MAX_BLOCK_GAP if (k.block and last.block) else MAX_INLINE_GAP
            lo = bisect.bisect_right(heading_blocks, last.start)
            return k.start - last.start <= longest and not (lo < len(heading_blocks) and heading_blocks[lo] < k.start)

        for k in items:
            if k.weak and current is not None and current.numbers[-1] + 1 == k.number:
                continue  # a weak marker never continues a list
            if outer and k.number is not None and current is not None and _style_kind(k) != _style_kind(current.markers[0]):
                top = outer[-1]
                if k.number == top.numbers[-1] + 1 and _style_kind(k) == _style_kind(top.markers[0]) and near(top.markers[-1], k):
                    close()  # the nested list ends, the outer one goes on
                    current = outer.pop()
                    current.markers.append(k)
                    current.numbers.append(k.number)
                    continue
            if current is not None:
                last = current.markers[-1]
                n = current.numbers[-1]
                gap_ok = near(last, k)
                if gap_ok and k.number is None:
                    if len(current.markers) >= 2 and k.start - last.start <= 800:
                        current.markers.append(k)
                        current.numbers.append(n + 1)
                    continue
                if gap_ok and k.number == n + 1:
                    current.markers.append(k)
                    current.numbers.append(k.number)
                    continue
                if gap_ok and k.number == n and k.number != 1:
                    current.markers.append(k)
                    current.numbers.append(k.number)
                    current.flags.add("repeat")
                    continue
                if gap_ok and k.number is not None and n + 1 < k.number <= n + 3 and k.number != 1:
                    current.markers.append(k)
                    current.numbers.append(k.number)
                    current.flags.add("skip")
                    continue
            if k.number is None:
                continue
            if current is not None and k.number == 1 and _style_kind(k) != _style_kind(current.markers[0]) and near(current.markers[-1], k):
                outer.append(current)  # a list of another style opens inside the current item
                current = _List(family, k.style, [k], [k.number])
                continue
            close()
            while outer:
                current = outer.pop()
                close()
            current = _List(family, k.style, [k], [k.number])
            if k.number != 1:
                current.flags.add("start")
        close()
        while outer:
            current = outer.pop()
            close()
    lists = [lst for lst in lists if not all(k.weak for k in lst.markers[1:2])]
    lists.sort(key=lambda lst: (lst.start, -len(lst.markers)))
    return lists


def _assemble_headings(items: list[_Marker]) -> list[_List]:
    """Lists of one heading family, which may nest in itself (一、…一、二、…三、).

    Open lists form a stack; a marker continues the innermost open list whose
    next number it carries, closing the lists opened inside it; a ``1`` opens a
    new list on top; other numbers continue the innermost list with a ``skip``
    or ``repeat`` flag when close enough, else open a list flagged ``start``.
    """
    stack: list[_List] = []
    done: list[_List] = []
    for k in items:
        if k.number is None:
            continue
        if k.weak:
            if k.number == 1:
                stack.append(_List(k.family, k.style, [k], [k.number]))
            continue
        placed = False
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth].numbers[-1] + 1 == k.number:
                done.extend(stack[depth + 1 :])
                del stack[depth + 1 :]
                stack[depth].markers.append(k)
                stack[depth].numbers.append(k.number)
                placed = True
                break
        if placed:
            continue
        top = stack[-1] if stack else None
        if k.number != 1 and top is not None and top.numbers[-1] == k.number:
            top.markers.append(k)
            top.numbers.append(k.number)
            top.flags.add("repeat")
        elif k.number != 1 and top is not None and top.numbers[-1] + 1 < k.number <= top.numbers[-1] + 3:
            top.markers.append(k)
            top.numbers.append(k.number)
            top.flags.add("skip")
        else:
            new = _List(k.family, k.style, [k], [k.number])
            if k.number != 1:
                new.flags.add("start")
            stack.append(new)
    done.extend(stack)
    return [lst for lst in done if len(lst.markers) >= 2]


RE_SENTENCE_END = re.compile(r"[。！？]|\n")


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return end


def _resolve_lists(text: str, lists: list[_List], headings: list[int] | None = None) -> None:
    """Item ends, parents and depths, processing lists in order of their start.

    An item ends where the next item begins. The last item of a list ends at
    the first later block marker (one opening a line or a sentence) of a list
    that started earlier (an ancestor's next item) or that restarts the same
    family (``一、`` of the next part), at a heading for in-line lists, and
    never after the end of its parent item. In-line lists (``一是``, ``一要``,
    ``①``) also end with their paragraph, and their last item is cut at the
    sentence end nearest to the median length of the other items (unless a
    list nested in it starts there).
    """
    n = len(text)
    headings = sorted(headings or [])
    # every marker of a list: (position, start of its list, block, family, opens its list)
    owned = sorted(
        (k.start, lst.start, k.block, lst.family, i == 0) for lst in lists for i, k in enumerate(lst.markers)
    )
    owned_pos = [o[0] for o in owned]
    done: list[_List] = []
    for lst in lists:
        parent, limit, depth = None, n, 1
        for li, other in enumerate(done):
            if other.start <= lst.start < other.end:
                for ii, k in enumerate(other.markers):
                    if k.start < lst.start < other.ends[ii] and other.depth + 1 > depth:
                        parent, limit, depth = (li, ii), other.ends[ii], other.depth + 1
        lst.parent, lst.depth = parent, depth
        ends = [_strip_end(text, a.start, b.start) for a, b in zip(lst.markers, lst.markers[1:], strict=False)]
        last = lst.markers[-1]
        stop = limit
        i = bisect.bisect_right(owned_pos, last.start)
        while i < len(owned) and owned[i][0] < stop:
            pos, list_start, block, family, opens = owned[i]
            if block and (list_start < lst.start or (family == lst.family and opens)):
                stop = pos
                break
            i += 1
        inline = lst.family not in HEADING_FAMILIES and not (lst.family == "ordinal" and _all_block(lst))
        if inline:
            h = bisect.bisect_right(headings, last.start)
            if h < len(headings):
                stop = min(stop, headings[h])
            para = text.find("\n", last.end, stop)
            if para >= 0:
                stop = para
            # a list nested in the last item keeps it whole to the paragraph end
            j = bisect.bisect_right(owned_pos, last.start)
            nested = j < len(owned) and owned[j][0] < stop and owned[j][1] > last.start
            if not nested:
                lengths = [e - k.start for k, e in zip(lst.markers, ends, strict=False)]
                target = last.start + int(np.median(lengths))
                stop = _sentence_end_near(text, last.end, target, stop)
        ends.append(_strip_end(text, last.start, max(stop, last.end)))
        lst.ends = [min(e, limit) for e in ends]
        done.append(lst)
    lists[:] = done


def _sentence_end_near(text: str, begin: int, target: int, stop: int) -> int:
    """The sentence end between ``begin`` and ``stop`` nearest to ``target``."""
    best = stop
    for m in RE_SENTENCE_END.finditer(text, begin, stop):
        end = m.end() if m.group() != "\n" else m.start()
        if best == stop or abs(end - target) < abs(best - target):
            best = end
        if end > target:
            break
    return best


def _all_block(lst: _List) -> bool:
    return all(k.block for k in lst.markers)


#: A heading without a marker: a short line with no sentence punctuation.
RE_BARE_HEADING = re.compile(r"^[^\n。；！？，：]{2,30}$", re.M)


def _enumeration_lists(text: str, heading_starts: frozenset[int] = frozenset()) -> list[_List]:
    headings = sorted(set(heading_starts) | {m.start() for m in RE_BARE_HEADING.finditer(text)})
    lists = _assemble_lists(_scan_markers(text, heading_starts), headings)
    _resolve_lists(text, lists, headings)
    return lists


# ---------------------------------------------------------------------------
# announcements
# ---------------------------------------------------------------------------
_COUNT = rf"(?P<count>几|两|[{NUMERAL}]{{1,3}}|\d{{1,2}})"
_UNIT = (
    r"(?P<unit>大?(?:句话|点|条|项|类|件事|个方面|方面|个问题|个字|个环节|个“[^”\n]{1,10}”|个[^\s，。；：！？、“”]{1,4}?)"
    r"(?:的?(?:意见|要求|建议|看法|体会|想法|认识|希望|思考|工作|重点工作|任务|措施|内容|问题|原则|举措))?)"
    r"(?=[：:，。；\n])"
)
#: Verbs that announce a count on their own (``讲三句话``, ``提几点意见``, ``强调三个方面``).
RE_ANNOUNCE_VERB = re.compile(
    r"(?P<verb>讲|谈|说说|谈谈|提|提出|强调|汇报|报告|分为|归纳为|概括为|总结为)"
    r"(?:以下|如下|这么|这样|下面)?" + _COUNT + _UNIT
)
#: Verbs whose count announces only when the list follows at once (``抓好三件事：一是…``).
RE_ANNOUNCE_WEAK = re.compile(
    r"(?P<verb>突出|抓好|抓住|做好|做到|把握好?|处理好|注意|明确|包括|聚焦|关键在于?|重点是|拿出|落实好?|"
    r"采取|实施|推进|实现|坚持|体现在|表现在|有)(?:以下|如下|这么|这样|好)?" + _COUNT + _UNIT
)
#: A weak verb before a quoted count (``拿出“三个超常规”举措``).
RE_ANNOUNCE_WEAK_QUOTED = re.compile(
    rf"(?P<verb>拿出|实施|推进|落实|做到|突出|坚持|聚焦|抓好|开展|打好|实现)“(?P<count>两|[{NUMERAL}]{{1,3}})个(?P<unit>[^”\n]{{1,8}})”"
)
#: A quoted numbered formula (``“五个聚焦”``): an announcement only when its list follows at once.
RE_ANNOUNCE_QUOTED = re.compile(rf"“(?P<count>两|[{NUMERAL}]{{1,3}})个(?P<unit>[^”\n]{{1,8}})”")
#: ``以下…：`` announcements (``主要做了以下工作：``), count unknown unless stated.
RE_ANNOUNCE_FOLLOWING = re.compile(
    rf"(?:以下|如下|下列)的?(?:一些|各|(?P<count>几|两|[{NUMERAL}]{{1,3}}))?(?:个|点|项|条|类|件|种)?"
    r"(?P<unit>(?:主要|重点|重要)?(?:方面的?(?:工作|问题|要求|意见|措施)?|工作|任务|建议|意见|要求|措施|问题|内容|重点|事|"
    r"说明|规定|原则|方针|要点|体会|认识|关系|政策|情况|报告|特点|目标))?"
    r"(?=[^，。；！？：\n]{0,12}[。：:\n])"
)
RE_FOLLOWING_WORD = re.compile("以下|如下|下列")
#: Characters before a count that make it no count of parts.
COUNT_BLOCKERS = frozenset(f"第0123456789{NUMERAL}之点零〇")
#: Any count of parts at the end of a sentence (着重解决六个问题。): an announcement
#: only when exactly that many items follow at once.
RE_ANNOUNCE_COUNTED = re.compile(
    rf"(?P<count>两|十[一二三四五]?|[二三四五六七八九])"
    rf"(?P<unit>(?:个|项|点|条|类|件|大|种)(?![{NUMERAL}零〇\d])[{HAN}]{{0,6}}?|方面[{HAN}]{{0,4}}?)(?=[：。])"
)
#: Announced counts outside this range are not announcements (一个中国原则, 三十八个项目).
ANNOUNCED_RANGE = (2, 15)
RE_CLAUSE_START = re.compile(r"[，。；：！？\n]")
#: Sentence ends between an announcement and its list (``。`` and a line break count once).
RE_GAP_BREAK = re.compile(r"[。！？；]?\n|[。！？]")
#: The first item of a list right after an announcement (≤ 20 characters, one sentence end).
RE_LONE_ITEM = re.compile(r"[^。！？\n]{0,20}[。！？]?\n?(?P<marker>（一）|一、|第一|一是|一要|1、)")
#: Largest gap (characters) between an announcement and the first marker of its list.
ANNOUNCE_WINDOW = 80


@dataclass
class _Announcement:
    start: int  # clause start
    core_start: int
    core_end: int
    announced: float
    unit: str
    mode: str  # "verb" (讲三句话), "weak" (抓好三件事), "quoted" (“五个聚焦”), "following" (以下工作)

    @property
    def strong(self) -> bool:
        return self.mode == "verb"


def _clause_start(text: str, pos: int) -> int:
    for i in range(pos - 1, max(-1, pos - 60), -1):
        if text[i] in "，。；：！？\n":
            return i + 1
    return max(0, pos - 60) if pos > 60 else 0


def _scan_announcements(text: str) -> list[_Announcement]:
    found: dict[int, _Announcement] = {}

    def covered(pos: int) -> bool:
        return any(a.core_start <= pos < a.core_end for a in found.values())

    patterns = (
        (RE_ANNOUNCE_VERB, "verb"), (RE_ANNOUNCE_WEAK, "weak"), (RE_ANNOUNCE_WEAK_QUOTED, "weak"),
        (RE_ANNOUNCE_QUOTED, "quoted"), (RE_ANNOUNCE_COUNTED, "counted"),
    )
    for pattern, mode in patterns:
        for m in pattern.finditer(text):
            value = parse_chinese_numeral(m.group("count"))
            if value is not None and not ANNOUNCED_RANGE[0] <= value <= ANNOUNCED_RANGE[1]:
                continue
            if covered(m.start()):
                continue
            if mode == "counted" and m.start() and text[m.start() - 1] in COUNT_BLOCKERS:
                continue  # part of a longer number, an ordinal or a decimal (第三个, 百分之三点二)
            # a weak verb with 以下 (把握好以下几点) announces like 以下 alone
            kind = "following" if mode == "weak" and RE_FOLLOWING_WORD.search(m.group()) else mode
            found[m.start()] = _Announcement(
                _clause_start(text, m.start()), m.start(), m.end(),
                float(value) if value is not None else np.nan, m.group("unit"), kind,
            )
    for m in RE_ANNOUNCE_FOLLOWING.finditer(text):
        if covered(m.start()) or any(a.core_start <= m.start() <= a.core_end + 2 for a in found.values()):
            continue
        if not (m.group("unit") or m.group("count")) and text[m.end() : m.end() + 1] != "：":
            continue  # 降到百分之二以下。 is no announcement
        value = parse_chinese_numeral(m.group("count") or "")
        found[m.start()] = _Announcement(
            _clause_start(text, m.start()), m.start(), m.end(),
            float(value) if value is not None else np.nan, m.group("unit") or "", "following",
        )
    return sorted(found.values(), key=lambda a: a.core_start)


#: A counted or ``以下`` phrase in the sentence that ends right before a list.
RE_COUNT_BEFORE = re.compile(
    rf"(?P<following>以下|如下|下列)|(?<![第\d{NUMERAL}])(?P<count>几|两|[{NUMERAL}]{{1,3}}|\d{{1,2}})(?:个|项|点|条|类|件|大|种|部分|句话|方面)"
)


def _announcement_before(text: str, list_start: int) -> tuple[int, int, float, bool] | None:
    """The announcement in the sentence that ends right before ``list_start``.

    The sentence must end with ``：`` or ``。`` (and maybe a line break) at most
    two characters before the list, or be a title line of its own
    (``2025年省十件民生实事``). When the same counted phrase stands earlier in
    the paragraph (``办好十件民生实事。…推动省十件民生实事…：``), the
    announcement is its first occurrence. Returns (core start, core end,
    announced count or NaN, whether the count must agree with the list: it
    sits inside quotes or in a title line), or None.
    """
    j = list_start
    while j > 0 and text[j - 1] in "\n ":
        j -= 1
    if j == 0 or list_start - j > 2:
        return None
    title = text[j - 1] not in "：:。"
    if title and (list_start == j or RE_CLAUSE_START.search(text, text.rfind("\n", 0, j) + 1, j)):
        return None  # a title line: no punctuation at all
    end = j - 1 if not title else j
    floor = max(0, end - 80)
    begin = max(floor, max(text.rfind(c, floor, end) for c in "。！？\n") + 1)
    if title and end - begin > 30:
        return None
    sentence = text[begin:end]
    found = None
    for m in RE_COUNT_BEFORE.finditer(sentence):
        if m.group("count") is not None:
            value = parse_chinese_numeral(m.group("count"))
            if value is not None and not ANNOUNCED_RANGE[0] <= value <= ANNOUNCED_RANGE[1]:
                continue
            before = sentence[: m.start()]
            quoted = before.count("“") > before.count("”")
            found = (begin + m.start(), begin + m.end(), float(value) if value is not None else np.nan, quoted or title)
        elif not title:
            found = (begin + m.start(), begin + m.end(), np.nan, False)
    if found is not None and not np.isnan(found[2]):
        # the first statement of the same count in the paragraph
        phrase = RE_COUNTED_NOUN.match(text, found[0])
        paragraph = text.rfind("\n", 0, begin) + 1
        for size in range(len(phrase.group()) if phrase else 0, 3, -1):
            earlier = text.find(phrase.group()[:size], paragraph, begin)
            if earlier >= 0:
                found = (earlier, earlier + size, found[2], found[3])
                break
    return found


#: A count with its noun (十件民生实事), to find where a count was first stated.
RE_COUNTED_NOUN = re.compile(rf"(?:几|两|[{NUMERAL}]{{1,3}}|\d{{1,2}})(?:个|项|点|条|类|件|大|种|部分|句话|方面)[{HAN}]{{0,6}}")


@dataclass
class _Delivery:
    """How an announcement delivers its items: a list, a parallel run, or unmarked items."""

    mode: str  # "list", "run", "lone", "label", "dash", "paragraph", "semicolon"
    index: int  # list or run index (-1 for unmarked items)
    items: list[tuple[int, int, int]]  # (start, end, end of the item's marker or label)

    @property
    def end(self) -> int:
        return self.items[-1][1]


def _link(
    text: str, announcement: _Announcement, lists: list[_List], runs: list[tuple[int, int, int]], stops: list[int]
) -> _Delivery | None:
    """What an announcement introduces: a list, a parallel run, or unmarked items."""
    window_end = announcement.core_end + ANNOUNCE_WINDOW
    counted = announcement.mode == "counted"
    for i, lst in enumerate(lists):
        if lst.start < announcement.core_end:
            continue
        if lst.start > window_end:
            break
        gap = text[announcement.core_end : lst.start]
        if len(RE_GAP_BREAK.findall(gap)) > (2 if announcement.strong else 1):
            continue
        if not announcement.strong and len(gap) > 20:
            continue
        if counted and len(lst.markers) != announcement.announced:
            break
        return _Delivery("list", i, [(k.start, e, k.end) for k, e in zip(lst.markers, lst.ends, strict=True)])
    if announcement.mode in ("verb", "weak"):
        # a single delivered item (the source stops after it): (一) right after the announcement
        after = RE_LONE_ITEM.match(text, announcement.core_end)
        if after is not None:
            s = after.start("marker")
            line_end = text.find("\n", s)
            return _Delivery("lone", -1, [(s, line_end if line_end >= 0 else len(text), after.end("marker"))])
    if announcement.strong:
        for i, (start, end, _n_items) in enumerate(runs):
            if announcement.core_end <= start <= announcement.core_end + 12:
                return _Delivery("run", i, [(start, end, start)])
    return _unmarked_delivery(text, announcement, stops, lists)


#: The rest of an announcing sentence: a short tail, then ``：`` or ``。``.
RE_ANNOUNCE_TAIL = re.compile(r"[^，。；：！？\n]{0,16}?(?P<punct>[：。])(?P<newline>\n)?")
#: The lead of an unmarked item paragraph: a first sentence of at most 30
#: characters (``加强农业的基础地位。``), or a dash paragraph (``——保持经济中高速增长``).
RE_ITEM_LEAD = re.compile(r"(?P<dash>——)|[^\n。！？；]{2,30}[。；]")
#: A line that opens with a list marker or a heading number.
RE_MARKED_LINE = re.compile(rf"(?:[{NUMERAL}]{{1,3}}、|（[{NUMERAL}\d]{{1,3}}）|\d{{1,2}}[、.．]|第[{NUMERAL}]{{1,3}}[，、：部章节]|[{NUMERAL}]{{1,2}}是)")
#: Longest stretch (characters) that unmarked paragraph items may cover.
MAX_UNMARKED_SPAN = 12000


def _unmarked_delivery(text: str, announcement: _Announcement, stops: list[int], lists: list[_List]) -> _Delivery | None:
    """Items delivered without list markers, right after an announcement.

    - ``：`` then clauses separated by ``；`` up to the sentence end
      (``做了以下工作：稳防控；强产业；抓项目。``), or paragraphs that end with
      ``；``, the last one with ``。``;
    - the announcement ends its paragraph, and the next paragraphs open with a
      dash (``——``) or with a short lead sentence (``加强农业的基础地位。``):
      or the first two paragraphs open alike (``必须坚持…`` / ``必须坚持…``) and
      the items are the paragraphs that open so;
      each such paragraph opens an item, other paragraphs (also those that open
      with a list marker: lists nested in an item) belong to the item before
      them; the items stop at a heading, at the next item of a list that
      started before the announcement, after the announced count, or after
      :data:`MAX_UNMARKED_SPAN` characters.

    Announcements by a weak verb or in quotes need the announced count of items.
    """
    tail = RE_ANNOUNCE_TAIL.match(text, announcement.core_end)
    if tail is None:
        return None
    count = None if np.isnan(announcement.announced) else int(announcement.announced)
    exact = announcement.mode in ("weak", "quoted", "counted")
    if exact and count is None:
        return None
    begin = tail.end()
    if tail.group("punct") == "：" and tail.group("newline") is None:
        stop = len(text)
        for m in RE_SENTENCE_END.finditer(text, begin):
            stop = m.start()
            break
        pieces = text[begin:stop].split("；")
        if len(pieces) < 2 or any(len(x) < 2 for x in pieces):
            return None
        if count is not None and len(pieces) != count and exact:
            return None
        items, pos = [], begin
        for piece in pieces:
            items.append((pos, pos + len(piece), pos))
            pos += len(piece) + 1
        return _Delivery("semicolon", -1, items)
    if tail.group("newline") is None:
        return None
    # paragraphs that end with ；, the last with 。 (以下工作：⏎A；⏎B；⏎C。)
    pieces: list[tuple[int, int, int]] = []
    pos = begin
    while pos < len(text):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        if line_end - pos < 2:
            break
        pieces.append((pos, line_end, pos))
        if text[line_end - 1] != "；" or (count is not None and len(pieces) == count):
            break
        pos = line_end + 1
    if len(pieces) >= 2 and text[pieces[-1][1] - 1] in "。；" and not (exact and len(pieces) != count):
        return _Delivery("semicolon", -1, pieces)
    items: list[list[int]] = []
    mode = ""
    pos = begin
    limit = min(len(text), begin + MAX_UNMARKED_SPAN)
    s = bisect.bisect_right(stops, begin - 1)
    next_stop = stops[s] if s < len(stops) else len(text)
    for lst in lists:
        if lst.start < begin < lst.end:
            later = [k.start for k in lst.markers if k.start >= begin]
            if later:
                next_stop = min(next_stop, later[0])
    # paragraphs that open alike (必须坚持…，…。 / 必须坚持…，…。) are items even with long first sentences
    opening = ""
    second = text.find("\n", begin) + 1
    if second and not RE_MARKED_LINE.match(text, begin):
        opening = text[begin : begin + _common_prefix(text[begin : begin + 12], text[second : second + 12])]
        opening = opening if len(opening) >= PARALLEL_MIN_SHARED and RE_TWO_HAN.match(opening) else ""
    while pos < limit and pos < next_stop:
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        lead = None if RE_MARKED_LINE.match(text, pos) else RE_ITEM_LEAD.match(text, pos)
        kind = "" if lead is None else ("dash" if lead.group("dash") else "paragraph")
        if opening:
            kind = "paragraph" if text.startswith(opening, pos) else ""
        if not items:
            if not kind:
                return None
            mode = kind
        if kind == mode:
            if count is not None and len(items) == count:
                break
            items.append([pos, line_end, pos + 2 if kind == "dash" else pos])
            first_end = line_end
        else:
            items[-1][1] = line_end  # a paragraph of the item before
        pos = line_end + 1
    if len(items) < 2 or (exact and len(items) != count):
        return None
    if mode == "dash":
        items[-1][1] = first_end  # the last dash item is its own paragraph
    return _Delivery(mode, -1, [(a, _strip_end(text, a, b), c) for a, b, c in items])


#: A line label (``关键词：疫情防控``) repeated on several lines.
RE_LINE_LABEL = re.compile(rf"^(?P<label>[{HAN}]{{2,6}})：", re.M)


def _label_announcements(text: str) -> list[tuple[_Announcement, _Delivery]]:
    """Counted labels delivered as labelled lines (``梳理出八大关键词`` … ``关键词：疫情防控``).

    A label that opens two or more lines announces them when a count of that
    label (``八大关键词``, ``三个关键词``) stands at most 200 characters before
    its first line.
    """
    by_label: dict[str, list[int]] = {}
    for m in RE_LINE_LABEL.finditer(text):
        by_label.setdefault(m.group("label"), []).append(m.start())
    out = []
    for label, starts in by_label.items():
        if len(starts) < 2:
            continue
        window = text[max(0, starts[0] - 200) : starts[0]]
        found = None
        for m in re.finditer(rf"(?P<count>几|两|[{NUMERAL}]{{1,3}}|\d{{1,2}})(?:个|大|项|组)?“?{re.escape(label)}", window):
            found = m
        if found is None:
            continue
        value = parse_chinese_numeral(found.group("count"))
        offset = max(0, starts[0] - 200)
        core_start, core_end = offset + found.start(), offset + found.end()
        ends = starts[1:] + [_label_end(text, starts[-1])]
        items = [(a, _strip_end(text, a, b), a + len(label) + 1) for a, b in zip(starts, ends, strict=True)]
        announced = float(value) if value is not None else np.nan
        out.append((_Announcement(_clause_start(text, core_start), core_start, core_end, announced, label, "label"),
                    _Delivery("label", -1, items)))
    return out


#: A quoted series of key words with its count (``“巩固、增强、提升、畅通”八个字``).
RE_QUOTED_SERIES = re.compile(
    rf"“(?P<members>[{HAN}]{{1,6}}(?:、[{HAN}]{{1,6}}){{1,9}})”(?P<count>两|[{NUMERAL}]{{1,3}})(?:个|大|项|条)?[{HAN}]{{1,4}}"
)
#: How far after a quoted series its key words may open clauses.
QUOTED_SERIES_WINDOW = 200


def _quoted_series_announcements(text: str) -> list[tuple[_Announcement, _Delivery]]:
    """Quoted key words with a count, then delivered one by one.

    ``在“巩固、增强、提升、畅通”八个字上下功夫。…巩固…成果，增强…活力，提升…水平，
    畅通…循环``: every key word of the quoted series opens a clause, in order,
    at most :data:`QUOTED_SERIES_WINDOW` characters after the series. Each item
    runs from its key word to the next one (the last to its clause end).
    """
    out = []
    for m in RE_QUOTED_SERIES.finditer(text):
        members = m.group("members").split("、")
        pos, limit, starts = m.end(), m.end() + QUOTED_SERIES_WINDOW, []
        for word in members:
            at = text.find(word, pos, limit)
            while at >= 0 and text[at - 1] not in "，。；：\n":
                at = text.find(word, at + 1, limit)
            if at < 0:
                break
            starts.append(at)
            pos = at + len(word)
        if len(starts) != len(members):
            continue
        last = RE_CLAUSE_START.search(text, starts[-1])
        ends = [_strip_end(text, a, b - 1) for a, b in zip(starts, starts[1:], strict=False)]
        ends.append(last.start() if last is not None else len(text))
        items = [(a, e, a + len(w)) for a, e, w in zip(starts, ends, members, strict=True)]
        value = parse_chinese_numeral(m.group("count"))
        core_start = m.start()
        announced = float(value) if value is not None else np.nan
        out.append((_Announcement(_clause_start(text, core_start), core_start, m.end(), announced, "quoted series", "label"),
                    _Delivery("series", -1, items)))
    return out


def _label_end(text: str, start: int) -> int:
    """End of the last labelled item: the next blank-free stretch of paragraphs up to a heading-like line."""
    pos = text.find("\n", start)
    if pos < 0:
        return len(text)
    # the item runs over the paragraphs that follow until a marked line or the text end
    nxt = RE_MARKED_LINE_ANYWHERE.search(text, pos)
    return nxt.start() if nxt is not None else len(text)


RE_MARKED_LINE_ANYWHERE = re.compile(rf"(?<=\n)(?:[{NUMERAL}]{{1,3}}、|（[{NUMERAL}]{{1,3}}）)")


# ---------------------------------------------------------------------------
# parallelism
# ---------------------------------------------------------------------------
#: Quoted and bracketed stretches are never split into units.
RE_CLAUSE = re.compile(r"(?:“[^“”\n]{0,80}”|（[^（）\n]{0,60}）|[^，；。！？：\n“（]+|[“（])+")
#: Minimum number of shared characters (opening + ending) for two consecutive
#: units to be parallel. An opening of one character is enough when it is one of
#: :data:`ANAPHORA` and the two units also share an inner stretch of at least
#: :data:`PARALLEL_MIN_INNER` characters (``要…以更加务实的举措…``), or when the
#: run has at least four units (``要…，要…，要…，要…``).
PARALLEL_MIN_SHARED = 2
PARALLEL_MIN_INNER = 4
#: Units of a run that shares only an ending differ in length by at most this factor.
ENDING_MAX_RATIO = 2.5
#: Runs need at least this many units.
PARALLEL_MIN_RUN = 3
#: One-character openings that carry a parallel run of four units, or of three
#: units with a shared inner frame.
ANAPHORA = frozenset("要把以让同在用向从对为不更既又使靠抓促推强保建重严优做敢善勇真是才各有")
#: One-character openings strong enough for a run of three (要…，要…，要…; 同主要大国…，
#: 同周边国家…，同发展中国家…; 是…，是…，也是…; 有…，有…，有…; 不搞…，不参加…，不谋求…;
#: 使…，使…，使…): verbs of obligation, prepositions, the copula and 有, 才, 各, the
#: negation 不 and the causative 使.
STRONG_ANAPHORA = frozenset("要把让同在以有对从向用为是才各使不")
#: Connectives stripped before a second comparison of openings (要强化…，强化…); longer
#: words stand before their prefixes (更要 before 要).
LEADING_WORDS = ("同时", "进一步", "更要", "还要", "也要", "必须", "要", "并", "还", "也", "又", "都")
#: Adverbs also stripped before comparing the openings of clauses (适当提高…，提高…，提高…;
#: 深入贯彻…，坚决贯彻…).
LEADING_ADVERBS = (
    "适当", "切实", "认真", "积极", "稳步", "不断", "着力", "继续",
    "全面", "深入", "坚决", "大力", "加快", "扎实", "持续", "协同", "高水平",
)
RE_LEADING = re.compile(f"^(?:{'|'.join(LEADING_WORDS)})")
RE_CLAUSE_LEADING = re.compile(f"^(?:{'|'.join(LEADING_WORDS + LEADING_ADVERBS)})")
#: Units shorter than this (characters) are not compared.
MIN_UNIT = 3
_STRIP_OPEN = "“‘（"


def _common_prefix(a: str, b: str) -> int:
    if not a or not b or a[0] != b[0]:
        return 0
    n = min(len(a), len(b))
    i = 1
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str) -> int:
    if not a or not b or a[-1] != b[-1]:
        return 0
    n = min(len(a), len(b))
    i = 1
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


def _shared_opening(strings: Sequence[str]) -> str:
    """The opening every string shares (``""`` when none): 强化危机感, 强化紧迫感 → 强化."""
    opening = strings[0] if strings else ""
    for x in strings[1:]:
        opening = opening[: _common_prefix(opening, x)]
    return opening


def _shared_ending(strings: Sequence[str]) -> str:
    """The ending every string shares (``""`` when none): 责任意识, 规矩意识 → 意识."""
    ending = strings[0] if strings else ""
    for x in strings[1:]:
        k = _common_suffix(ending, x)
        ending = ending[len(ending) - k :] if k else ""
    return ending


def _grams(s: str, k: int = PARALLEL_MIN_INNER) -> set[str]:
    return {s[i : i + k] for i in range(1, len(s) - k + 1) if "“" not in s[i : i + k] and "”" not in s[i : i + k]}


def parallel_similarity(a: str, b: str) -> tuple[int, int, int]:
    """Shared opening, ending and inner stretch (in characters) of two units.

    Two units are parallel when ``opening + ending >= PARALLEL_MIN_SHARED``, or
    when they share a one-character opening from :data:`ANAPHORA` and an inner
    stretch of at least :data:`PARALLEL_MIN_INNER` characters.

    >>> parallel_similarity("强化危机感", "强化紧迫感")
    (2, 1, 0)
    >>> parallel_similarity("要严守耕地红线，以更加务实的举措确保粮食安全", "要注重特色化布局，以更加务实的举措打造现代农业")
    (1, 0, 9)
    """
    p = _common_prefix(a, b)
    s = _common_suffix(a, b) if p < min(len(a), len(b)) else 0
    inner = 0
    if p >= 1 and len(a) > PARALLEL_MIN_INNER + 1 and len(b) > PARALLEL_MIN_INNER + 1:
        shared = _grams(a) & _grams(b)
        if shared:
            inner = _longest_shared(a, b, shared)
    return p, s, inner


def _longest_shared(a: str, b: str, seeds: set[str]) -> int:
    best = 0
    for g in seeds:
        i = a.find(g, 1)
        while i > 0:
            j = b.find(g, 1)
            while j > 0:
                k = PARALLEL_MIN_INNER
                while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                    k += 1
                best = max(best, k)
                j = b.find(g, j + 1)
            i = a.find(g, i + 1)
    return best


@dataclass
class _Run:
    level: str
    units: list[tuple[int, int]]
    shared: str
    mode: str
    score: int


def _units(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def _opening_runs(units: list[tuple[int, int, str]], strings: list[str], connected: list[bool]) -> list[_Run]:
    runs: list[_Run] = []
    n = len(units)
    level = ""
    next_free = 0
    pairs = zip(connected[: n - 2], strings[: n - 2], strings[1 : n - 1], strict=True)
    candidates = [i for i, (c, a, b) in enumerate(pairs) if c and a[:1] == b[:1] and len(a) >= MIN_UNIT]
    for i in candidates:
        if i < next_free:
            continue
        a = strings[i]
        opening = a
        j = i + 1
        inner_set: set[str] | None = None
        while j < n and connected[j - 1] and len(strings[j]) >= MIN_UNIT:
            p = _common_prefix(opening, strings[j])
            if p >= PARALLEL_MIN_SHARED:
                opening = opening[:p]
                j += 1
                continue
            if p == 1 and (len(opening) == 1 or j == i + 1) and opening[0] in ANAPHORA:
                opening = opening[:1]
                j += 1
                continue
            if (
                j > i + 1 and j + 1 < n and connected[j] and len(strings[j + 1]) >= MIN_UNIT
                and _common_prefix(strings[j - 1][len(opening) :], strings[j]) >= PARALLEL_MIN_SHARED
                and _common_prefix(opening, strings[j + 1]) == len(opening)
            ):
                # a member that elides the opening but keeps the previous member's verb
                # (要强攻…；强攻…；要把…) does not break the run
                j += 1
                continue
            break
        count = j - i
        if count >= PARALLEL_MIN_RUN:
            shared = opening
            mode = "opening"
            ok = len(opening) >= PARALLEL_MIN_SHARED
            if not ok:
                # one-character anaphora: needs a longer run or a shared inner frame
                inner_set = None
                for s in strings[i:j]:
                    g = _grams(s)
                    inner_set = g if inner_set is None else inner_set & g
                    if not inner_set:
                        break
                if inner_set:
                    inner = max(inner_set)
                    # grow the inner stretch as far as every unit agrees
                    inner = _grow_inner(strings[i:j], inner)
                    shared, mode, ok = f"{opening}…{inner}…", "frame", True
                elif count >= PARALLEL_MIN_RUN + 1 or opening in STRONG_ANAPHORA:
                    shared, ok = opening, True
            if ok:
                ending = strings[i]
                for s in strings[i + 1 : j]:
                    ending = ending[len(ending) - _common_suffix(ending, s) :] if _common_suffix(ending, s) else ""
                if ending and mode == "opening" and len(ending) < len(strings[i]) - len(opening):
                    shared = f"{opening}…{ending}"
                elif mode == "opening":
                    shared = f"{opening}…"
                runs.append(_Run(level, [(units[k][0], units[k][1]) for k in range(i, j)], shared, mode, count))
                next_free = j
    return runs


def _connected(text: str, units: list[tuple[int, int, str]], breaks: str) -> list[bool]:
    """Whether each unit and the next are separated by one or two delimiters, none in ``breaks``."""
    out = []
    append = out.append
    for k in range(len(units) - 1):
        e0 = units[k][1]
        gap = units[k + 1][0] - e0
        if gap == 1:
            append(text[e0] not in breaks)
        elif gap == 2:
            append(text[e0] not in breaks and text[e0 + 1] not in breaks)
        else:
            append(False)
    return out


def _sentences_from_clauses(text: str, clauses: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join clauses separated by ``，`` or ``：`` into sentences (split at ``；。！？`` and line breaks)."""
    out = []
    start = None
    for k, (s, e, _u) in enumerate(clauses):
        if start is None:
            start = s
        nxt = clauses[k + 1][0] if k + 1 < len(clauses) else -1
        if nxt == e + 1 and text[e] in "，：":
            continue
        out.append((start, e, text[start:e]))
        start = None
    return out


#: First characters of the words :data:`RE_CLAUSE_LEADING` strips: units opening otherwise keep their text.
_LEADING_FIRST = frozenset(word[0] for word in LEADING_WORDS + LEADING_ADVERBS)


def _extend_back(
    run: _Run, units: list[tuple[int, int, str]], starts: list[int], strings: list[str], connected: list[bool]
) -> None:
    """Let a run of units that share an opening begin in the unit before it when that unit
    holds the opening behind a short subject or connective, or right after a comma:
    否则就不能坚持…，不能促进…，不能扫除… starts at the first 不能."""
    opening = run.shared.split("…", 1)[0]
    first = bisect.bisect_right(starts, run.units[0][0]) - 1  # the unit that holds the run's start
    if first <= 0 or not connected[first - 1] or not opening:
        return
    before = strings[first - 1]
    if len(opening) < PARALLEL_MIN_SHARED:
        # a one-character anaphora behind a short adverbial (更好地为…服务，为…服务，为…服务)
        if opening not in ANAPHORA or not RE_ADVERBIAL.fullmatch(before[: before.find(opening)] if opening in before else ""):
            return
    cut = before.find(opening)
    # behind a short subject, or after the comma that ends an introductory clause
    # (要根据…的需要，发挥我国资源丰富的优势，…；发挥我国…的优势，…)
    if cut >= 1 and (RE_SUBJECT_SHORT.fullmatch(before, 0, cut) or before[cut - 1] == "，") and len(before) - cut >= MIN_UNIT:
        run.units.insert(0, (units[first - 1][0] + cut, units[first - 1][1]))
        run.score += 1


#: A short adverbial before a one-character anaphora in :func:`_extend_back` (更好地, 同时).
RE_ADVERBIAL = re.compile(f"[{HAN}]{{1,3}}地|同时|并且|还要|也要|更要")
#: The short subject or connective before an opening in :func:`_extend_back`.
RE_SUBJECT_SHORT = re.compile(f"[{HAN}]{{1,8}}")


def _runs_at_level(text: str, units: list[tuple[int, int, str]], level: str) -> list[_Run]:
    runs: list[_Run] = []
    n = len(units)
    if n < PARALLEL_MIN_RUN:
        return runs
    # consecutive: the gap between two units is one delimiter, not a line
    # break; clauses of a run also stay inside one sentence
    connected = _connected(text, units, "\n。！？" if level == "clause" else "\n")
    strings = [u[2] for u in units]
    stripped = [RE_CLAUSE_LEADING.sub("", u, count=1) if u[:1] in _LEADING_FIRST else u for u in strings]
    for variant in (strings, stripped):
        runs.extend(_opening_runs(units, variant, connected))
    starts = [u[0] for u in units]
    for run in runs:
        run.level = level
        _extend_back(run, units, starts, strings, connected)
    # endings: only where a unit ends as the next one does (one pass in C over the units)
    next_free = 0
    pairs = zip(connected[: n - 2], strings[: n - 2], strings[1 : n - 1], strict=True)
    for i in [k for k, (c, a, b) in enumerate(pairs) if c and a[-2:] == b[-2:] and len(a) >= MIN_UNIT]:
        if i < next_free:
            continue
        ending = strings[i]
        j = i + 1
        while j < n and connected[j - 1] and len(strings[j]) >= MIN_UNIT:
            s = _common_suffix(ending, strings[j])
            if s >= PARALLEL_MIN_SHARED and s < len(strings[j]):
                ending = ending[len(ending) - s :]
                j += 1
                continue
            break
        if j - i < PARALLEL_MIN_RUN:
            continue
        lengths = [len(x) for x in strings[i:j]]
        if RE_HAN_CHAR.search(ending) and max(lengths) <= ENDING_MAX_RATIO * min(lengths) and (
            len(ending) > PARALLEL_MIN_SHARED or _shared_pair(strings[i:j], len(ending))
        ):
            runs.append(_Run(level, [(units[k][0], units[k][1]) for k in range(i, j)], f"…{ending}", "ending", j - i))
            next_free = j
    if level == "clause":
        runs += _frame_runs(text, units, strings, connected)
    runs += _subject_led_runs(units, strings, connected, level)
    return [run for run in runs if _run_holds(text, run)]


#: The subject before the shared opening of a run's first sentence (政府班子要在…；要在…；要在…;
#: 政府系统的每一名干部，要心怀…；要牢记…；要恪守…; 它包括…，包括…，包括…): Han characters,
#: maybe closed by a comma.
RE_SUBJECT = re.compile(f"[{HAN}]{{1,12}}，?")


def _subject_led_runs(
    units: list[tuple[int, int, str]], strings: list[str], connected: list[bool], level: str = "sentence"
) -> list[_Run]:
    """Runs of sentences or clauses whose first member puts a short subject before the
    opening the others share: two or more units in a row that open alike, with two
    characters or with one of :data:`STRONG_ANAPHORA` (要在…；要在…; 同发展中国家…，
    同发达国家…), after a unit that holds the same opening behind a subject
    (:data:`RE_SUBJECT`: 我国同周边国家…; 最根本的是坚持…，坚持…，坚持…). The first
    member starts at the opening, so the run starts where its parallel part does."""
    runs: list[_Run] = []
    n = len(strings)
    candidates = [
        i for i in range(n - 2)
        if strings[i + 2][:1] == strings[i + 1][:1]
        and (strings[i + 1][:1] in STRONG_ANAPHORA or _common_prefix(strings[i + 1], strings[i + 2]) >= PARALLEL_MIN_SHARED)
    ]
    next_free = 0
    for i in candidates:
        a, b = strings[i + 1], strings[i + 2]
        if i < next_free or not (connected[i] and connected[i + 1]) or len(a) < MIN_UNIT or len(b) < MIN_UNIT:
            continue
        p = _common_prefix(a, b)
        # the longest shared opening the first member holds behind its subject (我国同周边国家…，
        # 同发展中国家…，同发达国家…: 同, not 同发)
        choices = [a[:k] for k in range(p, PARALLEL_MIN_SHARED - 1, -1)]  # 妨碍经济…，妨碍经济… after …妨碍我国…
        for opening in dict.fromkeys(choices + ([a[:1]] if a[:1] in STRONG_ANAPHORA else [])):
            cut = strings[i].find(opening)
            if not strings[i].startswith(opening) and cut >= 1 and RE_SUBJECT.fullmatch(strings[i], 0, cut):
                break
        else:
            continue
        j = i + 3
        while j < n and connected[j - 1] and strings[j].startswith(opening) and len(strings[j]) >= MIN_UNIT:
            j += 1
        members = [(units[i][0] + cut, units[i][1])] + [(units[k][0], units[k][1]) for k in range(i + 1, j)]
        runs.append(_Run(level, members, f"{opening}…", "opening", len(members)))
        next_free = j
    return runs


#: Function words, one of which a run of sentence leads must share (我们面对的是…, 信心来自于…).
FUNCTION_WORDS = frozenset("的之等是都要把被在对与和及同而则就也又还更最再已将于为以向从由给让使")
#: Negations that make a frame on their own in clauses of one length (困难不容低估，信心不可动摇，干劲不能松懈).
NEGATION = frozenset("不无非未没")
#: Characters that make a two-character stretch grammatical (X的重Y, X等多Y), not a shared topic word.
GRAMMATICAL = frozenset("的之等是都要把被在对与和及而则就也又还更最再已将")


def _clause_frame(strings: list[str]) -> str | None:
    """A frame shared by clauses that do not share their opening or ending.

    - four or more characters at the same position, counted from the start or
      from the end (完善国防动员体系，强化国防动员观念，提升国防动员能力;
      对一切违法违规的行为都要坚决查处，…都要坚决整治，…都要坚决追责);
    - two characters, one of them grammatical (:data:`GRAMMATICAL`), at the same
      position from the end, not at the end (…的重大举措，…的重要改革，…的重大抉择);
    - clauses of one length sharing two or more characters at the same
      positions (在促开工上下功夫，在快建设上出实招，在见成效上求突破), or a
      negation inside (困难不容低估，信心不可动摇，干劲不能松懈), or of
      nearly one length sharing two or more characters at the same positions
      from the end, before any shared ending (我们在风雨洗礼中强健体魄、壮实筋骨，
      在艰难险阻中披荆斩棘、踏平坎坷，在千帆竞渡中奋楫争先、勇立潮头).
    """
    first = strings[0]
    # positions where every clause has the same character, from the start and from the end
    same = [i for i, chars in enumerate(zip(*strings)) if chars.count(chars[0]) == len(chars)]
    n = min(len(x) for x in strings)
    for k in range(len(same) - 3):
        i = same[k]
        if i >= 1 and same[k + 3] == i + 3 and RE_HAN_RUN4.fullmatch(first, i, i + 4):
            return f"…{first[i : i + 4]}…"
    back = [i for i, chars in enumerate(zip(*(x[::-1] for x in strings))) if chars.count(chars[0]) == len(chars)]
    if not same and not back:
        return None
    for k in range(len(back) - 3):
        i = back[k]  # characters i .. i+3 from the end (0 = last)
        if i >= 1 and back[k + 3] == i + 3:
            part = first[len(first) - i - 4 : len(first) - i]
            if RE_HAN_RUN4.fullmatch(part):
                return f"…{part}…"
    for k in range(len(back) - 1):
        i = back[k]
        if i >= 1 and back[k + 1] == i + 1:
            part = first[len(first) - i - 2 : len(first) - i]
            if RE_TWO_HAN.fullmatch(part) and (part[0] in GRAMMATICAL or part[1] in GRAMMATICAL):
                return f"…{part}…"
    for k in range(len(same) - 1):
        i = same[k]
        if i >= 1 and same[k + 1] == i + 1:
            part = first[i : i + 2]
            if RE_TWO_HAN.fullmatch(part) and (part[0] in GRAMMATICAL or part[1] in GRAMMATICAL):
                return f"…{part}…"
    if len({len(x) for x in strings}) == 1:
        shared = [i for i in same if RE_HAN_CHAR.match(first, i)]
        if len(shared) == 1 and first[shared[0]] in NEGATION and 0 < shared[0] < n - 1:
            return f"…{first[shared[0]]}…"
        if 2 <= len(shared) < n - 1:
            return re.sub("…+", "…", "".join(first[i] if i in shared else "…" for i in range(n)))
    # counted from the end, past a shared ending (我们在风雨洗礼中…、…，在艰难险阻中…、…)
    ending = 0
    while ending < len(back) and back[ending] == ending:
        ending += 1
    inner = [i for i in back[ending:] if RE_HAN_CHAR.match(first, len(first) - 1 - i)]
    if len(inner) >= 2 and max(map(len, strings)) - n <= 2:
        last = len(first) - 1
        return re.sub("…+", "…", "".join(first[last - i] if i in inner else "…" for i in range(max(inner), -1, -1)))
    return None


RE_HAN_RUN4 = re.compile(f"[{HAN}]{{4}}")
_NEGATION_CODES = np.array([ord(c) for c in sorted(NEGATION)], dtype=np.uint32)


#: Frames are looked for within this many characters of either end of a clause.
FRAME_REACH = 16


def _frame_candidates(text: str, units: list[tuple[int, int, str]]) -> np.ndarray:
    """Whether clauses ``i, i+1, i+2`` agree on two or more Han characters at the same
    positions, counted from the start or from the end (a vectorized filter for
    :func:`_clause_frame`, which needs at least that)."""
    n = len(units)
    if n < 3:
        return np.zeros(0, dtype=bool)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    starts = np.fromiter((u[0] for u in units), dtype=np.int64, count=n)[:, None]
    ends = np.fromiter((u[1] for u in units), dtype=np.int64, count=n)[:, None]
    steps = np.arange(FRAME_REACH)
    agree = np.zeros(n - 2, dtype=bool)
    for from_start, index in ((True, starts + steps), (False, ends - 1 - steps)):
        valid = (index >= starts) & (index < ends)
        chars = codes[np.clip(index, 0, len(codes) - 1)]
        usable = valid & (chars >= 0x4E00) & (chars <= 0x9FFF)
        same = (chars[:-2] == chars[1:-1]) & (chars[:-2] == chars[2:]) & usable[:-2] & usable[1:-1] & usable[2:]
        agree |= same.sum(axis=1) >= 2
        if from_start:
            # one shared negation is a frame of its own (困难不容低估，信心不可动摇，干劲不能松懈)
            rows = np.flatnonzero(same.any(axis=1) & ~agree)
            if len(rows):
                shared = np.where(same[rows], chars[:-2][rows], 0)
                agree[rows] |= (shared[..., None] == _NEGATION_CODES).any(axis=(1, 2))
    return agree


def _frame_runs(text: str, units: list[tuple[int, int, str]], strings: list[str], connected: list[bool]) -> list[_Run]:
    """Runs of three or more clauses of similar length that share a frame (see :func:`_clause_frame`)."""
    runs: list[_Run] = []
    n = len(strings)
    candidates = _frame_candidates(text, units)
    i = 0
    while i < n - 2:
        if not candidates[i]:
            i += 1
            continue
        window = strings[i : i + 3]
        lengths = [len(x) for x in window]
        if not (connected[i] and connected[i + 1]) or min(lengths) < 4 or max(lengths) > ENDING_MAX_RATIO * min(lengths):
            i += 1
            continue
        shared = _clause_frame(window)
        if shared is None:
            i += 1
            continue
        j = i + 3
        while j < n and connected[j - 1] and len(strings[j]) >= 4:
            longer = strings[i : j + 1]
            if max(map(len, longer)) > ENDING_MAX_RATIO * min(map(len, longer)):
                break
            wider = _clause_frame(longer)
            if wider is None:
                break
            shared, j = wider, j + 1
        runs.append(_Run("clause", [(units[k][0], units[k][1]) for k in range(i, j)], shared, "frame", j - i))
        i = j
    return runs


#: Members of a target list are short; sentences longer than this (characters) that
#: happen to hold a number (持续提升空气质量，…清洁取暖率达到75%以上。持续加强…) are not one.
TARGET_LIST_MAX_MEMBER = 30
#: Sentences that share only a short opening (加快…。加快…。) need this many members.
SENTENCE_MIN_RUN = 4


def _run_holds(text: str, run: _Run) -> bool:
    """Runs of clauses or sentences that are not parallelism in the annotation's sense.

    Target lists, where every member holds a number (城镇新增就业1100万人以上，
    城镇调查失业率5.5%左右…; sentences longer than :data:`TARGET_LIST_MAX_MEMBER`
    characters are no list members), and runs of sentences that share no more than an
    opening of two characters (完成…。完成…。完成…。, a report's list of tasks)
    unless they have at least :data:`SENTENCE_MIN_RUN` members or open with one
    of :data:`STRONG_ANAPHORA` (要…。要…。要…。).
    """
    long_members = run.level in ("sentence", "paragraph") and min(b - a for a, b in run.units) > TARGET_LIST_MAX_MEMBER
    if not long_members and all(RE_QUANTITY.search(text, a, b) for a, b in run.units):
        return False
    if run.level == "sentence" and run.mode == "opening":
        opening, _, ending = run.shared.partition("…")
        if len(opening) <= 2 and opening[:1] not in STRONG_ANAPHORA and not ending and len(run.units) < SENTENCE_MIN_RUN:
            return False
    return True


def _shared_pair(strings: list[str], ending: int) -> bool:
    """Whether units that share a two-character ending also share two characters before it.

    ``听取人大代表、政协委员意见，听取民主党派…意见，听取社会公众和企业意见``
    (听取) is a frame; ``清理规范政府性基金，取消城市公用事业附加等基金，…减免部分基金``
    only repeats a topic.
    """
    common: set[str] | None = None
    for x in strings:
        body = x[: len(x) - ending]
        pairs = {body[k : k + 2] for k in range(len(body) - 1) if RE_TWO_HAN.fullmatch(body, k, k + 2)}
        common = pairs if common is None else common & pairs
        if not common:
            return False
    return bool(common)


def _grow_inner(strings: list[str], seed: str) -> str:
    a = strings[0]
    pos = a.find(seed, 1)
    if pos < 0:
        return seed
    lo, hi = pos, pos + len(seed)
    while lo > 1 and all(a[lo - 1 : hi] in s[1:] for s in strings[1:]):
        lo -= 1
    while hi < len(a) and all(a[lo : hi + 1] in s[1:] for s in strings[1:]):
        hi += 1
    return a[lo:hi]


#: Longest member (characters) of a word-level series (科学化、精细化、智能化).
MAX_MEMBER = 12
RE_LAST_JOIN = re.compile("[和及与]")
#: Final characters of a shared ending that make a series a plain list of
#: concrete or named things (桃花节、水晶梨节、菜心节; 大路边镇、星子镇), which
#: the annotation rules do not count as parallelism; also named bodies (省纺织集团、省农发集团),
#: trains, schools, hospitals, plants and awards (黔粤班列、中欧班列; 北京友谊医院; 水城电厂; 飞天奖、
#: 金鹰奖), continents (亚洲、非洲、拉丁美洲), government departments (省教育厅、省民政厅) and
#: universities or disciplines (北京大学、清华大学、复旦大学; 哲学、政治经济学).
CONCRETE_HEADS = frozenset("村镇乡县路街道桥港站园城馆会议坛节胞率江河湖山品业能游球铁团列院厂奖洲厅学")
#: Final characters of places: a series of them with a common qualifier is a list of named
#: places (国际金融城、国际人才港、国际法务区), not a frame (重点行业、重点企业、重点产品).
PLACE_HEADS = frozenset("村镇乡县路街道桥港站园城馆区市省州岛湾")
#: Heads that name things only when they are all the members share (行政区、开发区、自贸试验区;
#: but 革命老区、民族地区、边疆地区 share the category 地区).
CONCRETE_SINGLE_HEADS = frozenset("区")
#: Shared endings that name a category whose kinds the members list, although they end with a
#: concrete head (绿色农业、生态农业、有机农业; 出口创汇企业、进口替代企业、技术先进的企业;
#: 传统产业、新兴产业、未来产业), unlike lists of sectors (林业、牧业、渔业).
CATEGORY_ENDINGS = frozenset({"农业", "企业", "产业", "旅游", "游", "地区"})
#: Qualities that rank counties and towns: members made of a sector, one of these and the head
#: are a frame (农业强县、工业大县、旅游名县), not a list of named places (连山县、连南县).
RANKING_QUALITIES = frozenset("强大名美旺重")
#: Openings of series that are fixed forms of address or administrative levels of
#: named bodies, not parallelism (各民主党派、各人民团体和各界人士; 区委副书记、区政府党组书记、区长).
SERIES_OPENING_STOP = frozenset("各省市区县镇乡村第")
#: Characters that cannot be the only shared character of a frame (…的…).
FRAME_FUNCTION = frozenset("的了和与及或等至个两一二三四五六七八九十百千万亿")
RE_DIGIT = re.compile(r"[0-9]")
#: A number in digits or in Chinese numerals (增长百分之十二点三, 三百八十四万吨, 一九八一年):
#: members that all hold one make a target list.
RE_QUANTITY = re.compile("[0-9]|百分之|[一二三四五六七八九两][〇零一二三四五六七八九十百千万亿点]")
#: Members holding a title or a bracketed qualifier name things (《…行动方案》; 市委常委会（扩大）会议).
RE_NAMED_MEMBER = re.compile("[《（]")
_QUOTE_CHARS = "“”‘’"
QUOTE_SET = frozenset(_QUOTE_CHARS)


def _unquote(clause: str, members: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Members without their quotes, when every middle member is quoted whole.

    ``“拿地即开工”、“完工即投产”、“验收即发证”`` → ``拿地即开工``, … (the first
    member keeps what follows its last ``“``, the last what precedes its first
    ``”``). Quotes inside members (``“闯”的精神、“创”的劲头``) stay.
    """
    middle = members[1:-1]
    if not all(b - a >= 3 and clause[a] in "“‘" and clause[b - 1] in "”’" for a, b in middle):
        return members
    out = []
    for k, (a, b) in enumerate(members):
        if k == 0:
            if clause[b - 1] in "”’":
                a = max(a, clause.rfind("“", a, b - 1) + 1, clause.rfind("‘", a, b - 1) + 1)
                b -= 1
        elif k == len(members) - 1:
            if clause[a] in "“‘":
                closing = [c for c in (clause.find("”", a + 1, b), clause.find("’", a + 1, b)) if c >= 0]
                a, b = a + 1, (min(closing) if closing else b)
        else:
            a, b = a + 1, b - 1
        out.append((a, b))
    return out


def _series_shared(strings: list[str], least: int = 1) -> tuple[str, str] | None:
    """The shared part of a series' members, or None.

    ``opening`` (有思路、有措施、有劲头), ``ending`` (责任意识、规矩意识、敬畏意识) or
    ``frame``: members of one length sharing characters at the same positions
    (目标同向、责任同担、行动同步; 扩能增量、提质增品、降本增利), the first member
    read from its end and the last from its start. The shared part has at
    least ``least`` characters.
    """
    middle = strings[1:-1]
    size = max(len(m) for m in middle)
    opening = _shared_opening(strings[1:])
    if opening and RE_HAN_CHAR.match(opening) and opening not in SERIES_OPENING_STOP:
        # the first member may share less of the opening (稳字当头、稳中求进、稳中快进)
        for size_open in range(len(opening), 0, -1):
            where = strings[0].rfind(opening[:size_open])
            if where >= 0:
                if len(strings[0]) - where <= 2 * size + 2 and opening[:size_open] not in SERIES_OPENING_STOP and size_open >= least:
                    return "opening", opening[:size_open]
                break
    ending = _shared_ending(strings[:-1])
    if ending and RE_HAN_CHAR.search(ending) and least <= len(ending) < min(len(m) for m in middle) + 1:
        if ending[-1] in CONCRETE_HEADS or ending in CONCRETE_SINGLE_HEADS or ending == "的":
            if _ranked_places(strings, ending[-1]):
                ending = ending[-1]  # 农业强县、工业强县、旅游名县 share 县
            elif not _category_series(strings, ending):
                return None  # named things; or modifiers that share only 的 (经济的、行政的、法律的)
        if ending in strings[-1] or len(strings) > PARALLEL_MIN_RUN:
            return "ending", ending
    n = len(middle[0])
    if not 3 <= n <= 8 or any(len(m) != n for m in middle) or len(strings[0]) < n or len(strings[-1]) < n:
        return None
    aligned = [strings[0][-n:], *middle, strings[-1][:n]]
    frame = [i for i in range(n) if all(x[i] == aligned[0][i] for x in aligned[1:])]
    if len(frame) < least or len(frame) == n or all(aligned[0][i] in FRAME_FUNCTION for i in frame):
        return None
    # one shared character and a position shared by all members but one (推广智能建造、
    # 模块化建筑、装配式建筑): an irregular list, not a frame; the last member may end
    # differently (愿干事、敢干事、能干成事)
    if len(frame) == 1:
        for i in range(n):
            if i in frame:
                continue
            odd = [k for k, x in enumerate(aligned) if sum(x[i] == y[i] for y in aligned) == 1]
            if len(odd) == 1 and len(aligned) > 2 and not (odd[0] == len(aligned) - 1 and i == n - 1):
                return None
    if not all(RE_HAN_CHAR.match(aligned[0][i]) or aligned[0][i] in QUOTE_SET for i in frame):
        return None
    han = [aligned[0][i] for i in frame if RE_HAN_CHAR.match(aligned[0][i])]
    if not han or (len(han) < len(frame) and set(han) & COUNTERS):
        # quotes alone are no frame; quotes and a word are (“闯”的精神、“创”的劲头、“干”的作风),
        # but not quoted counts (增强“四个意识”、坚定“四个自信”、做到“两个维护”)
        return None
    shared = "".join(aligned[0][i] if i in frame else "…" for i in range(n))
    return "frame", re.sub("…+", "…", shared)


def _category_series(strings: list[str], ending: str) -> bool:
    """Whether members sharing a concrete ending list the kinds of a category (:data:`CATEGORY_ENDINGS`;
    regions: 革命老区、民族地区、边疆地区, most members ending with 地区).

    >>> _category_series(["绿色农业", "生态农业", "有机农业"], "农业"), _category_series(["林业", "牧业", "渔业"], "业")
    (True, False)
    >>> _category_series(["革命老区", "民族地区", "边疆地区"], "区"), _category_series(["行政区", "开发区", "自贸区"], "区")
    (True, False)
    """
    if ending in CATEGORY_ENDINGS:
        return True
    return ending == "区" and 2 * sum(m.endswith("地区") for m in strings[:-1]) >= len(strings) - 1


def _ranked_places(strings: list[str], head: str) -> bool:
    """Whether members rank counties or towns by a sector and a quality (:data:`RANKING_QUALITIES`).

    >>> _ranked_places(["培育一批农业强县", "工业大县", "旅游名县"], "县"), _ranked_places(["连山县", "连南县", "阳山县"], "县")
    (True, False)
    """
    if head not in ("县", "镇"):
        return False
    members = [strings[0][-4:], *strings[1:-1], strings[-1][:4]]
    return all(len(m) == 4 and m[-2] in RANKING_QUALITIES and m[-1] == head for m in members)


def _named_head(ending: str) -> bool:
    """Whether a shared ending of two or more characters is the head of named things (医院, 班列)."""
    return len(ending) >= 2 and ending[-1] in CONCRETE_HEADS


def _phrase_runs(text: str, clauses: list[tuple[int, int, str]]) -> list[_Run]:
    """Word-level series inside one clause: members joined by ``、`` (the last
    maybe by ``和/及/与``) that share an opening, an ending or a frame (``有思路、
    有措施、有劲头``; ``责任意识、规矩意识、敬畏意识``; ``冲劲、闯劲和拼劲``;
    ``惠民生、暖民心、顺民意``), see :func:`_series_shared`. Quotes around members
    are ignored; members with digits (target lists) and series of concrete
    things (:data:`CONCRETE_HEADS`) are left out."""
    runs: list[_Run] = []
    for start, _end, clause in [unit for unit in clauses if "、" in unit[2]]:
        # three members need two 、, or one and a 和/及/与 after it
        marks = clause.count("、")
        if not marks or (marks == 1 and RE_LAST_JOIN.search(clause, clause.index("、")) is None):
            continue
        segments: list[tuple[int, int]] = []
        pos = 0
        for piece in clause.split("、"):
            segments.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        last_s, last_e = segments[-1]
        readings = []
        join = RE_LAST_JOIN.search(clause, last_s, last_e)
        if join is not None and join.start() > last_s and join.start() - last_s <= MAX_MEMBER:
            readings.append(segments[:-1] + [(last_s, join.start()), (join.end(), last_e)])
        # neighbours that share no character: a series without any pair that does
        # is no parallel run, however it is cut
        pieces = [set(clause[a:b]) - QUOTE_SET for a, b in segments]
        link = [not x.isdisjoint(y) for x, y in zip(pieces, pieces[1:], strict=False)]
        if any(link):
            readings.append(segments)
        whole = len(readings)
        # a series may end before the clause does (对人民尽责、受人民监督、让人民满意的学习型、服务型政府)
        readings += [segments[:k] for k in range(len(segments) - 1, PARALLEL_MIN_RUN - 1, -1) if any(link[: k - 1])]
        # …or begin after it (党政同责、…、失职追责”和“管行业必须管安全、管业务必须管安全、…)
        readings += [segments[k:] for k in range(1, len(segments) - PARALLEL_MIN_RUN + 1) if any(link[k:])]
        for number, members in enumerate(readings):
            if len(members) < PARALLEL_MIN_RUN:
                continue
            members = _unquote(clause, members)
            strings = [clause[a:b] for a, b in members]
            middle = strings[1:-1]
            if any(RE_NAMED_MEMBER.search(m) for m in middle):
                continue  # named things: titles (《…方案》、《…方案》) and bodies (常委会（扩大）会议精神)
            if any(len(m) > MAX_MEMBER for m in middle) and number < whole:
                # members as long as clauses (…实践的新示范、推动…建设的新高地、实现…开放的新平台)
                lengths = [len(m) for m in strings[1:]]
                frame = None
                if max(lengths) <= ENDING_MAX_RATIO * min(lengths):
                    ending = strings[0][len(strings[0]) - min(_common_suffix(strings[0], x) for x in strings[1:]) :]
                    frame = f"…{ending}" if len(ending) >= PARALLEL_MIN_SHARED else _clause_frame(strings)
                if frame is not None and not frame.startswith(strings[1][:1]) and frame[-1] not in CONCRETE_HEADS:
                    units = [(start + a, start + b) for a, b in members]
                    runs.append(_Run("phrase", units, frame, "frame", len(units)))
                    break
            if any(len(m) > MAX_MEMBER or len(m) < 1 or not RE_HAN_CHAR.search(m) for m in middle):
                continue
            if any(RE_QUANTITY.search(m) for m in middle):
                continue  # target lists
            # a series that begins inside the clause needs two shared characters, unless its
            # members are short words (严厉整治乱收费、乱罚款、乱检查: 乱…)
            short = number >= whole and members[0][0] > 0 and all(len(m) <= 3 for m in strings[1:])
            found = _series_shared(strings, 1 if number < whole or short else PARALLEL_MIN_SHARED)
            if found is None:
                continue
            mode, part = found
            if mode == "opening" and (
                all(m[-1:] in PLACE_HEADS for m in strings[:-1]) or _named_head(_shared_ending(strings[:-1]))
            ):
                continue  # named places or things with a common qualifier (国际金融城、国际人才港、国际法务区; 北京友谊医院、北京宣武医院)
            if mode != "frame" and len(part) == 1 and all(set(m.replace(part, "", 1)) <= NUMERAL_CHARS for m in middle):
                continue  # counted things (十八届三中、四中、五中、六中全会; 七次、八次、九次)
            if mode != "frame" and (set(part) <= COMPASS or all(set(m.replace(part, "", 1)) <= DIRECTIONS for m in middle)):
                continue  # places by direction (豫北、豫南和豫西南; 东部、中部、西部地区; 西北、华北、东北)
            size = max(len(m) for m in middle)
            (first_s, first_e), (last_s, last_e) = members[0], members[-1]
            if mode == "opening":
                first_s += strings[0].rfind(part)
                shared = f"{part}…"
            elif mode == "ending":
                if len(strings[0]) > size + 4 or _ranked_places(strings, part):
                    first_s = first_e - size  # 培育一批农业强县: the member is 农业强县
                cut = strings[-1].find(part)
                if cut < 0:
                    if len(members) - 1 < PARALLEL_MIN_RUN:
                        continue
                    members = members[:-1]
                    last_s, last_e = members[-1]
                else:
                    last_e = last_s + cut + len(part)
                shared = f"…{part}"
            else:
                n = len(middle[0])
                first_s, last_e = first_e - n, last_s + n
                shared = part
            units = [(start + first_s, start + members[0][1])] + [(start + a, start + b) for a, b in members[1:-1]]
            units.append((start + last_s, start + last_e))
            runs.append(_Run("phrase", units, shared, mode, len(units)))
            break
    return runs


#: Characters that do not make a run when repeated (的…的…的, 一…一…一).
REPEAT_STOP = frozenset("的地得了和与及或等是在对为于以把被将而也就都又所之其这那个年月日万亿元第一二三四五六七八九十两")
#: Characters that cannot stand in the variable part of such members.
VARIABLE_STOP = REPEAT_STOP - frozenset("地得")
#: A fixed form of address, not parallelism (全党全军全国各族人民).
ADDRESS_FORM = "全党全军全国"
#: Characters that close words when the dictionary cannot tell (保护好运用好传承好; 思想上政治上).
CLOSING_CHARS = frozenset("好上下化性感力度者型式率中")
#: Counters and numerals: quoted counts (“四个意识”、“四个自信”) share them, no frame.
COUNTERS = frozenset(NUMERAL + "个两百千万亿项条大")
#: Variable parts made only of these, with one shared character, count things (三中、四中、五中).
NUMERAL_CHARS = frozenset(NUMERAL + "两百千万亿")
#: A shared part made only of these names regions (西北、华北、东北).
COMPASS = frozenset("东西南北")
#: Variable parts made only of these are places, not parallelism (粤东粤西粤北, 城西城北城南).
DIRECTIONS = frozenset("东西南北中上下左右前后内外")


#: Clauses of at most this many characters are words set off by commas (保重点，保竣工，保投产).
SHORT_CLAUSE = 5


def _short_clause_runs(text: str, clauses: list[tuple[int, int, str]]) -> list[_Run]:
    """Word-level series set off by commas: clauses of at most :data:`SHORT_CLAUSE`
    characters in a row, with the clause before and after them as first and last
    members (集中资金保重点，保竣工，保投产), read like a ``、`` series."""
    runs: list[_Run] = []
    n = len(clauses)
    i = 0
    while i < n - 2:
        j = i + 1
        while j < n - 1 and len(clauses[j][2]) <= SHORT_CLAUSE and clauses[j][0] == clauses[j - 1][1] + 1 and text[clauses[j - 1][1]] == "，":
            j += 1
        if j - i < 2 or clauses[j][0] != clauses[j - 1][1] + 1 or text[clauses[j - 1][1]] != "，":
            i += 1
            continue
        found = None
        for window in (clauses[i : j + 1], clauses[i:j]):  # the series may end with the last short clause
            if len(window) < PARALLEL_MIN_RUN:
                continue
            strings = [c[2] for c in window]
            found = _series_shared(strings)
            if found is not None and len(window) == PARALLEL_MIN_RUN and len(found[1]) < PARALLEL_MIN_SHARED:
                # three members sharing one character: only an opening from ANAPHORA
                found = found if found[0] == "opening" and found[1] in ANAPHORA else None
            if found is not None and found[0] != "frame":
                break
        if found is not None and found[0] != "frame":
            mode, part = found
            size = max(len(x) for x in strings[1:-1])
            first_s, first_e = window[0][0], window[0][1]
            last_s, last_e = window[-1][0], window[-1][1]
            if mode == "opening":
                first_s += strings[0].rfind(part)
                last_e = min(last_e, last_s + size + 2)
                shared = f"{part}…"
            else:
                cut = strings[-1].find(part)
                if cut < 0:
                    i += 1
                    continue
                first_s = max(first_s, first_e - size - 2)
                last_e = last_s + cut + len(part)
                shared = f"…{part}"
            units = [(first_s, first_e)] + [(c[0], c[1]) for c in window[1:-1]] + [(last_s, last_e)]
            runs.append(_Run("phrase", units, shared, mode, len(units)))
            i = j + 1
            continue
        i += 1
    return runs


def _periodic_runs(text: str) -> list[_Run]:
    """Members written together, one character repeated at a fixed step of 2 or 3.

    ``共商共建共享``, ``多跑多谈多联系``, ``首店首发首秀首展`` (repeated opening);
    ``难点堵点痛点``, ``获得感幸福感安全感``, ``思想上政治上行动上`` (repeated
    ending). Three or more members, all Han characters with no punctuation in
    between. Whether the repeated character opens or ends the members is read
    from the dictionary: the reading whose members (counted twice) and members
    without the repeated character are more often words wins; on a tie, the
    segmenter decides whether the repeated character opens or closes words,
    then :data:`CLOSING_CHARS`; openings win what is left open.
    """
    if len(text) < 6:
        return []
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    han = ((codes >= 0x4E00) & (codes <= 0x9FFF)) | ((codes >= 0x3400) & (codes <= 0x4DBF))
    frequency = None
    runs: list[_Run] = []
    taken_until = -1
    candidates = []
    for step in (2, 3):
        m = len(codes) - 2 * step
        if m <= 0:
            continue
        hit = (codes[:m] == codes[step : m + step]) & (codes[:m] == codes[2 * step : m + 2 * step]) & han[:m]
        candidates += [(i, step) for i in np.flatnonzero(hit).tolist()]
    for i, step in sorted(candidates):
        if i < taken_until or text[i] in REPEAT_STOP or (i >= step and text[i - step] == text[i]):
            continue
        if text.startswith(ADDRESS_FORM, i):
            continue
        positions = [i, i + step, i + 2 * step]
        while positions[-1] + step < len(text) and text[positions[-1] + step] == text[i]:
            positions.append(positions[-1] + step)
        readings = []
        places = False
        for opening in (True, False):
            spans = [(q, q + step) if opening else (q - step + 1, q + 1) for q in positions]
            if spans[0][0] < 0 or spans[-1][1] > len(text) or not han[spans[0][0] : spans[-1][1]].all():
                continue
            variable = [text[a + 1 : b] if opening else text[a : b - 1] for a, b in spans]
            places = places or all(set(v) <= DIRECTIONS for v in variable) or (not opening and text[i] in CONCRETE_HEADS)
            if any(ch in VARIABLE_STOP for v in variable for ch in v):
                continue
            readings.append((opening, spans, variable))
        if not readings or places:
            continue  # places (粤东粤西粤北, 韩江榕江练江) in either reading
        if len(readings) == 2:
            frequency = frequency or _word_frequency()

            def score(reading: tuple[bool, list[tuple[int, int]], list[str]]) -> int:
                _opening, spans, variable = reading
                words = sum(1 for a, b in spans if (frequency.get(text[a:b]) or 0) > 0)
                return 2 * words + sum(1 for v in variable if len(v) > 1 and (frequency.get(v) or 0) > 0)

            readings.sort(key=lambda r: (-score(r), not r[0]))
            if score(readings[0]) == score(readings[1]):
                # a tie: ask the segmenter, then the character (保护好运用好传承好 closes with 好)
                lo, hi = readings[1][1][0][0], readings[0][1][-1][1]
                opens = _opens_words(text, max(0, lo - 2), min(len(text), hi + 2), positions)
                if opens is False or (opens is None and text[i] in CLOSING_CHARS):
                    readings.reverse()
        opening, spans, _variable = readings[0]
        shared = f"{text[i]}…" if opening else f"…{text[i]}"
        runs.append(_Run("phrase", spans, shared, "repeat", len(spans)))
        taken_until = spans[-1][1]
    return runs


def _paragraph_runs(text: str) -> list[_Run]:
    """Consecutive paragraphs whose leading clauses are parallel.

    The leads (without a leading dash ``——``) share an opening of two or more
    characters (加快…。加快…。加快…。), a one-character opening from
    :data:`ANAPHORA` (以简审批…。以公正监管…。以改革…。), or an inner stretch of
    three characters with a grammatical one (:data:`GRAMMATICAL`: 积极的财政政策要…。
    稳健的货币政策要…。就业优先政策要…。).
    Identical leads (各位代表！) are not a run. Paragraphs in a row whose first
    clauses share an opening of :data:`LEAD_MIN_SHARED` or more characters are a
    run too, however long their first sentences.
    """
    leads: list[tuple[int, int, str]] = []
    for m in RE_PARAGRAPH_LEAD.finditer(text):
        lead = m.group()
        dash = len(lead) - len(lead.lstrip("—"))
        leads.append((m.start() + dash, m.end(), lead[dash:]))
    runs: list[_Run] = []
    n = len(leads)
    strings = [u[2] for u in leads]
    trigrams = [_trigrams(x) for x in strings]
    i = 0
    while i < n - 2:
        found = None
        # shared opening of two or more characters
        opening, j = strings[i], i + 1
        while j < n and _common_prefix(opening, strings[j]) >= PARALLEL_MIN_SHARED:
            opening = opening[: _common_prefix(opening, strings[j])]
            j += 1
        if j - i >= PARALLEL_MIN_RUN:
            found = (j, f"{opening}…")
        if found is None and strings[i][:1] in ANAPHORA:
            j = i + 1
            while j < n and strings[j][:1] == strings[i][:1]:
                j += 1
            if j - i >= PARALLEL_MIN_RUN:
                found = (j, f"{strings[i][0]}…")
        if found is None:
            # an inner stretch with a grammatical word (…政策要…), not a shared topic (…体制改革…)
            shared, j = {g for g in trigrams[i] if GRAMMATICAL & set(g)}, i + 1
            while j < n and shared & trigrams[j]:
                shared &= trigrams[j]
                j += 1
            if j - i >= PARALLEL_MIN_RUN:
                found = (j, f"…{_grow_inner([' ' + x for x in strings[i:j]], min(shared))}…")
        if found is None or len(set(strings[i : found[0]])) < found[0] - i:
            i += 1
            continue
        j, shared_part = found
        runs.append(_Run("paragraph", [(leads[k][0], leads[k][1]) for k in range(i, j)], shared_part, "opening", j - i))
        i = j
    # paragraphs in a row whose first clauses share three or more characters
    # (我们要坚持和完善…，…。⏎我们要全面贯彻…，…。⏎我们要认真落实…，…。)
    taken = [(r.units[0][0], r.units[-1][1]) for r in runs]
    starts = [0] + [m.end() for m in RE_NEWLINE.finditer(text)]
    keys = [text[a : a + LEAD_MIN_SHARED] for a in starts]
    i = 0
    while i < len(starts) - 2:
        if not keys[i] == keys[i + 1] == keys[i + 2] or len(keys[i]) < LEAD_MIN_SHARED:
            i += 1
            continue
        firsts = []
        j = i
        while j < len(starts) and keys[j] == keys[i]:
            m = RE_PARAGRAPH_CLAUSE.match(text, starts[j])
            if m is None:
                break
            firsts.append((m.start(), m.end(), m.group()))
            j += 1
        opening = _shared_opening([first for _a, _b, first in firsts])
        if len(firsts) >= PARALLEL_MIN_RUN and RE_HAN_CHAR.match(opening):
            start, end = firsts[0][0], firsts[-1][1]
            if not any(a < end and start < b for a, b in taken):
                runs.append(_Run("paragraph", [(a, b) for a, b, _x in firsts], f"{opening}…", "opening", len(firsts)))
        i = max(j, i + 1)
    return runs


#: The first clause of a paragraph.
RE_PARAGRAPH_CLAUSE = re.compile(r"[^\n，。；：！？]{3,30}")
RE_NEWLINE = re.compile("\n")


#: Most sentences that may stand between two members of a run of sentence leads.
LEAD_GAP = 8
#: Shortest opening (characters) shared by the leads of such a run.
LEAD_MIN_SHARED = 3
RE_PARAGRAPH = re.compile(r"[^\n]+")
RE_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
RE_LEAD_CLAUSE = re.compile(r"[^，：。！？；\n]*")


#: Longest first clause (characters) of a sentence lead framed by a function word (在工作谋划方面).
FRAMED_LEAD = 14


def _framed_leads(text: str, sentences: list[tuple[int, int]], leads: list[str]) -> list[_Run]:
    """Sentences of one paragraph whose short first clauses share a frame: the same
    function word before and the same two or more characters after (在工作谋划方面，…。
    …在任务落实方面，…。…在工作作风方面，…), with other sentences between them."""
    runs: list[_Run] = []
    used: set[int] = set()
    for i, first in enumerate(leads):
        if i in used or not 4 <= len(first) <= FRAMED_LEAD or first[0] not in FUNCTION_WORDS:
            continue
        members, ending, last = [i], first, i
        for j in range(i + 1, len(leads)):
            if j - last > LEAD_GAP + 1:
                break
            other = leads[j]
            if not 4 <= len(other) <= FRAMED_LEAD or other[0] != first[0]:
                continue
            k = _common_suffix(ending, other)
            if k >= PARALLEL_MIN_SHARED and k + 1 < len(other):
                ending, last = ending[len(ending) - k :], j
                members.append(j)
        if len(members) < PARALLEL_MIN_RUN or not RE_TWO_HAN.fullmatch(ending[-2:]):
            continue
        used.update(members)
        units = [(sentences[k][0], _strip_end(text, *sentences[k])) for k in members]
        runs.append(_Run("sentence", units, f"{first[0]}…{ending}", "leads", len(units)))
    return runs


#: Lengths (characters) of the short lead clauses that share a key word (树牢实干导向).
KEYWORD_LEAD = (5, 8)


def _keyword_leads(text: str, sentences: list[tuple[int, int]]) -> list[_Run]:
    """Sentences of one paragraph whose short first clauses (:data:`KEYWORD_LEAD`
    characters, all of one length) share a key word of two or more characters at the
    same place after different verbs and before different heads (树牢实干导向，…。…增强实干劲头，…。
    …凝聚实干合力，…), at most :data:`LEAD_GAP` sentences apart or in a row. Leads that share
    only their head (巩固升级支柱产业，…。培育壮大新兴产业，…) name topics, not a frame."""
    low, high = KEYWORD_LEAD
    # a comma right after a lead of that length (a quick test before finding the leads)
    if sum(1 for a, _b in sentences if "，" in text[a + low : a + high + 1]) < PARALLEL_MIN_RUN:
        return []
    leads = [RE_LEAD_CLAUSE.match(text, a, b).group() for a, b in sentences]
    short = [i for i, lead in enumerate(leads) if low <= len(lead) <= high and len(lead) < sentences[i][1] - sentences[i][0] - 1]
    if len(short) < PARALLEL_MIN_RUN:
        return []
    runs: list[_Run] = []
    used: set[int] = set()
    for at, i in enumerate(short):
        first = leads[i]
        if i in used or not RE_HAN_RUN4.fullmatch(first, 0, 4):
            continue
        members, same, last = [i], list(range(1, len(first))), i
        for j in short[at + 1 :]:
            if j - last > LEAD_GAP + 1:
                break
            other = leads[j]
            if len(other) != len(first) or j in used or other[0] == first[0]:
                continue
            agree = [k for k in same if other[k] == first[k]]
            if len(agree) >= PARALLEL_MIN_SHARED and any(b == a + 1 for a, b in zip(agree, agree[1:], strict=False)):
                same, last = agree, j
                members.append(j)
        if len(members) < PARALLEL_MIN_RUN:
            continue
        if len(same) >= len(first) - 1 or same[-1] == len(first) - 1 or not all(RE_HAN_CHAR.match(first[k]) and first[k] not in GRAMMATICAL and first[k] not in FRAME_FUNCTION for k in same):
            continue
        used.update(members)
        units = [(sentences[k][0], _strip_end(text, *sentences[k])) for k in members]
        shared = re.sub("…+", "…", "".join(first[k] if k in same else "…" for k in range(len(first))))
        runs.append(_Run("sentence", units, shared, "leads", len(units)))
    return runs


#: Shortest ending (characters) that verbal leads with a two-character opening share (…专项行动).
LEAD_MIN_ENDING = 4
#: Adverbs of the official register that jieba's dictionary tags as nouns.
VERBAL_LEAD_WORDS = ("全面", "着力", "大力", "深入", "切实", "积极", "进一步", "坚决", "统筹")
#: Jieba tags of the first word of a verbal lead (verbs, adverbs, verbal nouns).
VERBAL_LEAD_TAGS = ("v", "d", "vn", "vd", "ad")


@lru_cache(maxsize=4096)
def _verbal_opening(opening: str) -> bool:
    """Whether ``opening`` starts with a verb or an adverb of the dictionary (开展, 持续, 深入实施),
    not with a noun (a subject named again: 黄河…，黄河…)."""
    from tifa.segment import dictionary_tags

    if any(opening.startswith(w) for w in VERBAL_LEAD_WORDS):
        return True
    tags = dictionary_tags()
    for length in range(min(4, len(opening)), 1, -1):
        tag = tags.get(opening[:length])
        if tag is not None:
            return tag in VERBAL_LEAD_TAGS
    return False


def _verbal_leads(
    text: str, sentences: list[tuple[int, int]], leads: list[str], openings: Counter[str]
) -> list[_Run]:
    """Sentences of one paragraph whose first clauses open with the same verb or adverb,
    with other sentences between them: 开展住房改善专项行动，…。…开展城中村改造专项行动，…。
    开展住房安全专项行动，…; 加力推动基础设施硬联通。…加力拓展对外开放大平台。…

    The leads share a verbal opening (:func:`_verbal_opening`) of three characters or
    more, or of two when they also share an ending of :data:`LEAD_MIN_ENDING` characters
    (…专项行动) or are :data:`SENTENCE_MIN_RUN` or more sentences of their own (short
    headings run into the paragraph), at most
    :data:`LEAD_GAP` sentences apart, not all in a row (runs in a row are found at the
    sentence level). ``openings`` counts the sentences' two-character openings."""
    runs: list[_Run] = []
    used: set[int] = set()
    whole = [len(lead) >= (b - a) - 1 for lead, (a, b) in zip(leads, sentences, strict=True)]
    for i, first in enumerate(leads):
        if i in used or len(first) < 4 or openings[first[:2]] < PARALLEL_MIN_RUN or not _verbal_opening(first[:4]):
            continue
        members, opening, ending, last = [i], first, first, i
        for j in range(i + 1, len(leads)):
            if j - last > LEAD_GAP + 1:
                break
            other = leads[j]
            p = _common_prefix(opening, other)
            if p < 2 or p >= len(other) or j in used:
                continue
            k = _common_suffix(ending, other)
            if p >= LEAD_MIN_SHARED or k >= LEAD_MIN_ENDING or (whole[i] and whole[j]):
                opening, last = opening[:p], j
                if k >= LEAD_MIN_ENDING or not members[1:]:
                    ending = ending[len(ending) - k :] if k else ""
                members.append(j)
        if len(members) < PARALLEL_MIN_RUN or members[-1] - members[0] < len(members) or not _verbal_opening(opening):
            continue
        if len(opening) < LEAD_MIN_SHARED and len(ending) < LEAD_MIN_ENDING and not (
            all(whole[m] for m in members) and len(members) >= SENTENCE_MIN_RUN
        ):
            continue
        used.update(members)
        units = [(sentences[m][0], _strip_end(text, *sentences[m])) for m in members]
        shared = f"{opening}…{ending}" if len(ending) >= LEAD_MIN_ENDING else f"{opening}…"
        runs.append(_Run("sentence", units, shared, "leads", len(units)))
    return runs


def _some_thrice(keys: list[str]) -> bool:
    """Whether some key occurs :data:`PARALLEL_MIN_RUN` times or more (a set test first: most lists have none)."""
    if len(set(keys)) > len(keys) - PARALLEL_MIN_RUN + 1:
        return False
    return max(Counter(keys).values()) >= PARALLEL_MIN_RUN


def _lead_runs(text: str) -> list[_Run]:
    """Sentences of one paragraph that open alike, with other sentences between them.

    ``我们面对的是深刻变化的外部环境。…。我们面对的是经济转型阵痛凸显的严峻挑战。…
    我们面对的是两难多难问题增多的复杂局面。``: three or more sentences whose
    first clauses share an opening of at least :data:`LEAD_MIN_SHARED`
    characters, one of them a function word (:data:`FUNCTION_WORDS`: a subject
    named again is no frame), at most :data:`LEAD_GAP` sentences apart, not all in a
    row (runs in a row are found at the sentence level). Each member is its
    sentence.
    """
    runs: list[_Run] = []
    for para in RE_PARAGRAPH.finditer(text):
        if para.end() - para.start() < 40:
            continue
        sentences = [(m.start(), m.end()) for m in RE_SENTENCE.finditer(text, para.start(), para.end())]
        if len(sentences) < PARALLEL_MIN_RUN:
            continue
        runs += _keyword_leads(text, sentences)
        leads: list[str] | None = None
        openings = [text[a : a + 2] for a, _b in sentences]
        if _some_thrice(openings):
            leads = [RE_LEAD_CLAUSE.match(text, a, b).group() for a, b in sentences]
            runs += _verbal_leads(text, sentences, leads, Counter(openings))
        shared_keys = _some_thrice([text[a : a + LEAD_MIN_SHARED] for a, _b in sentences])
        if not shared_keys and not _some_thrice([text[a] for a, _b in sentences if text[a] in FUNCTION_WORDS]):
            continue  # no three sentences open alike
        if leads is None:
            leads = [RE_LEAD_CLAUSE.match(text, a, b).group() for a, b in sentences]
        runs += _framed_leads(text, sentences, leads)
        if not shared_keys:
            continue
        used: set[int] = set()
        for i, first in enumerate(leads):
            if i in used or len(first) <= LEAD_MIN_SHARED:
                continue
            members, opening, last = [i], first, i
            for j in range(i + 1, min(len(leads), i + 2 + LEAD_GAP * PARALLEL_MIN_RUN)):
                if j - last > LEAD_GAP + 1:
                    break
                p = _common_prefix(opening, leads[j])
                if LEAD_MIN_SHARED <= p < len(leads[j]):
                    opening, last = opening[:p], j
                    members.append(j)
            if len(members) < PARALLEL_MIN_RUN or members[-1] - members[0] < len(members) or not RE_HAN_CHAR.match(opening):
                continue
            if not FUNCTION_WORDS & set(opening):
                continue  # a subject named again (澳门特别行政区…。…澳门特别行政区…), not a frame
            used.update(members)
            units = [(sentences[k][0], _strip_end(text, *sentences[k])) for k in members]
            runs.append(_Run("sentence", units, f"{opening}…", "leads", len(units)))
    return runs


def _trigrams(s: str) -> set[str]:
    return {s[k : k + 3] for k in range(len(s) - 2) if RE_HAN_CHAR.match(s, k) and RE_HAN_CHAR.match(s, k + 2)}


#: The first sentence of a paragraph (without its final punctuation), or the
#: first clause of a paragraph that opens with a dash (——面对…，我们…).
RE_PARAGRAPH_LEAD = re.compile(
    r"^(?:——[^\n。！？；，：]{2,30}(?=[，。！？；：]|\n)"
    r"|(?![一二三四五六七八九十]+、|（|第[一二三四五六七八九十]|\d)[^\n。！？；，：]{2,30}(?=[。！？；]|\n))",
    re.M,
)


def _item_runs(text: str, lists: list[_List]) -> list[_Run]:
    """Items of a list whose headings share a frame beyond the marker (（一）聚焦…（二）聚焦…)."""
    runs: list[_Run] = []
    for lst in lists:
        if len(lst.markers) < PARALLEL_MIN_RUN:
            continue
        heads = []
        for k, end in zip(lst.markers, lst.ends, strict=True):
            m = RE_ITEM_HEAD.match(text, k.end, end)
            heads.append(RE_LEADING.sub("", m.group(), count=1) if m else "")
        if any(len(h) < 2 for h in heads):
            continue
        opening, ending = _shared_opening(heads), _shared_ending(heads)
        if opening and RE_HAN_CHAR.match(opening):
            shared = f"{opening}…"
        elif len(ending) >= 1 and RE_HAN_CHAR.search(ending):
            shared = f"…{ending}"
        else:
            slot = _slot_frame(heads)
            if slot is None:
                continue
            shared = f"…{slot[0]}…{slot[1]}…"
        units = [(k.start, e) for k, e in zip(lst.markers, lst.ends, strict=True)]
        runs.append(_Run("item", units, shared, "items", len(units)))
    return runs


#: Widest slot (characters) between the two shared characters of a heading frame.
SLOT_WIDTH = 3


def _slot_frame(heads: list[str]) -> tuple[str, str] | None:
    """Two characters around a slot that every heading fills differently, after different
    openings (经济发展要实力推进 / 城市更新要借力成势 / 城市管理要“精”力十足: 要…力).
    A slot filled alike in every heading is a shared word (中小企业), not a frame; headings
    with numbers (2024年工作回顾) are left out."""
    if any(RE_DIGIT.search(h) for h in heads):
        return None
    first, rest = heads[0], heads[1:]
    for i in range(1, len(first) - 2):
        a = first[i]
        if a in FRAME_FUNCTION or not all(a in h for h in rest) or not RE_HAN_CHAR.match(a):
            continue
        for b in {first[k] for k in range(i + 2, min(len(first), i + 2 + SLOT_WIDTH))}:
            if b in FRAME_FUNCTION or b == a or not all(b in h for h in rest) or not RE_HAN_CHAR.match(b):
                continue
            slots = []
            for h in heads:
                filled = [h[j + 1 : k] for j in range(1, len(h)) if h[j] == a
                          for k in range(j + 2, min(len(h), j + 2 + SLOT_WIDTH)) if h[k] == b]
                if not filled:
                    break
                slots.append(filled[0])
            if len(slots) == len(heads) and len(set(slots)) >= len(heads) - 1:
                return a, b
    return None


#: The heading clause of an item, after its marker.
RE_ITEM_HEAD = re.compile(r"[，、：]?([^，。；！？：\n]{1,30})")


#: Quoted words written one after another (“米袋子”“肉盘子”“菜篮子”).
RE_QUOTED_RUN = re.compile(r"(?:“[^“”\n、，。；]{1,8}”){3,}")


def _quoted_runs(text: str) -> list[_Run]:
    """Three or more quoted words in a row, with no separator, that share an
    opening or an ending (“米袋子”“肉盘子”“菜篮子”: …子)."""
    runs: list[_Run] = []
    for m in RE_QUOTED_RUN.finditer(text):
        members, pos = [], m.start()
        while pos < m.end():
            close = text.index("”", pos)
            members.append((pos + 1, close))
            pos = close + 1
        strings = [text[a:b] for a, b in members]
        opening, ending = _shared_opening(strings), _shared_ending(strings)
        if opening and RE_HAN_CHAR.match(opening) and opening not in SERIES_OPENING_STOP:
            shared = f"{opening}…"
        elif ending and RE_HAN_CHAR.search(ending) and ending[-1] not in CONCRETE_HEADS:
            shared = f"…{ending}"
        else:
            continue
        runs.append(_Run("phrase", members, shared, "quoted", len(members)))
    return runs


#: A quoted term defined by 是/是指 at the start of a clause (“一线”是指…；“两带”是指…).
RE_DEFINITION = re.compile(r"(?<=[\n，；。：])“[^“”\n，。；]{1,8}”(是指|是)")
#: Longest definition (characters) between two defined terms of one run.
DEFINITION_REACH = 160


def _definition_runs(text: str) -> list[_Run]:
    """Quoted terms defined one after another in one paragraph, as glossaries spell out
    the parts of a counted slogan (“一线”是指…；“两带”是指…；“三园”是指…): three or more
    clauses opening with a quoted term and the same 是 or 是指."""
    if "”是" not in text:
        return []
    runs: list[_Run] = []
    found = list(RE_DEFINITION.finditer(text))
    i = 0
    while i < len(found):
        j = i + 1
        while (
            j < len(found) and found[j].group(1) == found[i].group(1)
            and found[j].start() - found[j - 1].end() <= DEFINITION_REACH and "\n" not in text[found[j - 1].end() : found[j].start()]
        ):
            j += 1
        if j - i >= PARALLEL_MIN_RUN:
            members = found[i:j]
            units = [(m.start(), n.start() - 1) for m, n in zip(members, members[1:], strict=False)]
            end = RE_DEFINITION_END.search(text, members[-1].end())
            units.append((members[-1].start(), end.start() if end else len(text)))
            runs.append(_Run("clause", units, f"“…”{members[0].group(1)}", "frame", len(units)))
        i = j
    return runs


RE_DEFINITION_END = re.compile("[。；\n]")


def _template_runs(patterns: list[tuple[int, int, str, str, int, list[tuple[int, int]]]]) -> list[_Run]:
    """Series of three or more templates with a literal shared part (零前置、零干扰、零跑腿;
    一镇一业、一村一品、一县一特) are parallel runs too; 四字格排比 shares no word."""
    shared = {"X中求Y": "…中求…", "一X一Y": "一…一…", "X论英雄": "…论英雄", "零X": "零…"}
    return [
        _Run("phrase", members, shared[pattern], "template", len(members))
        for _s, _e, kind, pattern, n_items, members in patterns
        if kind == "template" and pattern in shared and n_items >= PARALLEL_MIN_RUN
    ]


def _parallel_runs(
    text: str, lists: list[_List] | None = None,
    patterns: list[tuple[int, int, str, str, int, list[tuple[int, int]]]] | None = None,
) -> list[_Run]:
    clauses = _units(text, RE_CLAUSE)
    sentences = _sentences_from_clauses(text, clauses)
    runs = _runs_at_level(text, sentences, "sentence") + _runs_at_level(text, clauses, "clause")
    runs += _paragraph_runs(text)
    runs += _item_runs(text, lists or [])
    # keep one run per stretch: the coarser level, then the one with more units
    rank = {"item": 0, "paragraph": 1, "sentence": 2, "clause": 3, "phrase": 4}
    runs.sort(key=lambda r: (rank[r.level], -len(r.units), r.units[0][0]))
    kept: list[_Run] = []
    for run in runs:
        s, e = run.units[0][0], run.units[-1][1]
        clash = False
        for other in kept:
            os_, oe = other.units[0][0], other.units[-1][1]
            if s < oe and os_ < e:
                # a run inside one unit of the other (either way round) is kept
                inside_one_unit = any(us <= s and e <= ue for us, ue in other.units) or any(
                    us <= os_ and oe <= ue for us, ue in run.units
                )
                if not inside_one_unit:
                    clash = True
                    break
        if not clash:
            kept.append(run)
    # word-level series and runs of sentence leads never clash with the others
    words = _phrase_runs(text, clauses) + _periodic_runs(text) + _quoted_runs(text) + _definition_runs(text)
    taken = [(r.units[0][0], r.units[-1][1]) for r in kept + words]
    words += [r for r in _short_clause_runs(text, clauses) if not any(a < r.units[-1][1] and r.units[0][0] < b for a, b in taken)]
    taken = [(r.units[0][0], r.units[-1][1]) for r in words]
    words += [r for r in _template_runs(patterns or []) if not any(a < r.units[-1][1] and r.units[0][0] < b for a, b in taken)]
    # a run of sentence leads that overlaps a run of sentences in a row would count it twice
    # unless it holds all of that run's sentences and more (开展…专项行动。…。开展…。开展…。)
    leads = []
    for lead in _lead_runs(text):
        s, e = lead.units[0][0], lead.units[-1][1]
        clashing = [r for r in kept if r.level == "sentence" and r.units[0][0] < e and s < r.units[-1][1]]
        starts = {u[0] for u in lead.units}
        if clashing and all(len(r.units) < len(lead.units) and {u[0] for u in r.units} <= starts for r in clashing):
            kept = [r for r in kept if not any(r is c for c in clashing)]
            clashing = []
        if not clashing:
            leads.append(lead)
    kept += words + leads
    kept.sort(key=lambda r: (r.units[0][0], -r.units[-1][1]))
    return kept


# ---------------------------------------------------------------------------
# set patterns: reduplication and templates
# ---------------------------------------------------------------------------
#: V-X-V-Y (抓实抓好): the same Han character at positions one and three, different
#: second and fourth (found with array comparisons, see ``_abac_candidates``).
#: First characters of V-X-V-Y phrases that are almost always accidental.
REDUPLICATION_STOP = frozenset(
    "的了是和与及或在中对为于以把被将而并也就都还又所之其这那各每该本此个等年月日万亿元人国市省区县镇村党"
    "一二三四五六七八九十第上下来去到出过里内外前后新老大小高低长多少第"
)
#: Second-or-fourth characters that break a V-X-V-Y reading (function words).
REDUPLICATION_BAD_FILL = frozenset("的了是和与及或在之其这那个等")
#: X中求Y with any X (not inside a longer word); X中有Y and X中向Y only with these X.
RE_MIDDLE_TEMPLATE = re.compile("中([求有向])")
MIDDLE_LOOSE_X = frozenset("稳进变危乱忙")
RE_TWO_HAN = re.compile(f"[{HAN}]{{2}}")
RE_ONE_ONE = re.compile(rf"一([{HAN}])一([{HAN}])")
RE_HERO = re.compile("论英雄")
RE_ZERO = re.compile(rf"零([{HAN}]{{1,3}}?)(?=[”、，。；：（）\n]|$)")
RE_FOUR_SERIES = re.compile(
    rf"[{HAN}]{{4}}(?:[、，][{HAN}]{{4}}){{2,}}(?=[、，；：。！？”）\n]|$)", re.M
)
#: Where a series of four-character phrases may begin: a delimiter after four Han
#: characters and before two more phrases (found first: delimiters are rare).
RE_FOUR_SERIES_START = re.compile(
    rf"(?<=[{HAN}]{{4}})[、，](?=[{HAN}]{{4}}[、，][{HAN}]{{4}}(?:[、，；：。！？”）\n]|$))", re.M
)
#: 零X words that are ordinary vocabulary, not the 零X template.
ZERO_WORDS = frozenset({"售", "部件", "件", "星", "散", "碎", "食", "钱", "工", "点", "下", "用", "头", "花", "担", "配件", "售额", "售业", "售总额", "时"})
#: 零X set phrases that count on their own, outside a series or quotes.
ZERO_SET_PHRASES = frozenset({"容忍", "距离", "增长", "突破", "事故", "风险", "障碍", "门槛", "收费", "排放", "跑腿", "投诉", "死角", "盲区"})
#: 一X一Y with these X are counting phrases, not the template (一个一个, 一次一次).
ONE_ONE_STOP = frozenset("个次年天月日是些种位名件批张")
#: Separators allowed between members of a series (with quotes and short glosses).
RE_SERIES_GAP = re.compile(r"”?(?:（[^（）\n]{0,12}）)?[、，和及]?“?")


def _series(text: str, matches: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group template matches that follow each other separated by 、，, quotes or glosses."""
    groups: list[list[tuple[int, int]]] = []
    for s, e in matches:
        if groups:
            ps, pe = groups[-1][-1]
            gap = RE_SERIES_GAP.fullmatch(text, pe, s)
            if gap is not None and s - pe <= 16:
                groups[-1].append((s, e))
                continue
        groups.append([(s, e)])
    return groups


RE_SERIES_SPLIT = re.compile("[、，]")


def _abac_candidates(text: str) -> list[int]:
    """Starts of four Han characters A B A C with B != C (vectorized)."""
    if len(text) < 4:
        return []
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    han = ((codes >= 0x4E00) & (codes <= 0x9FFF)) | ((codes >= 0x3400) & (codes <= 0x4DBF))
    m = len(codes) - 3
    hit = (codes[:m] == codes[2 : m + 2]) & (codes[1 : m + 1] != codes[3 : m + 3])
    hit &= han[:m] & han[1 : m + 1] & han[3 : m + 3]
    return np.flatnonzero(hit).tolist()
#: A word of the dictionary at least this frequent counts as a word (jieba's counts).
WORD_FREQUENCY = 100


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """A jieba tokenizer with its dictionary, loaded once and quietly."""
    import jieba

    tokenizer = jieba.Tokenizer()
    jieba_logger = logging.getLogger("jieba")
    level = jieba_logger.level
    jieba_logger.setLevel(logging.WARNING)
    try:
        tokenizer.initialize()
    finally:
        jieba_logger.setLevel(level)
    return tokenizer


def _word_frequency() -> dict[str, int]:
    """jieba's dictionary frequencies."""
    return _tokenizer().FREQ


def _opens_words(text: str, start: int, end: int, positions: list[int]) -> bool | None:
    """Whether the characters at ``positions`` open words (True) or close them (False)
    when jieba segments ``text[start:end]``; None when it cannot tell."""
    bounds_start, bounds_end, pos = set(), set(), start
    for token in _tokenizer().lcut(text[start:end], HMM=False):
        bounds_start.add(pos)
        pos += len(token)
        bounds_end.add(pos)
    opens = sum(1 for q in positions if q in bounds_start)
    closes = sum(1 for q in positions if q + 1 in bounds_end)
    return None if opens == closes else opens > closes


def _straddles_words(text: str, start: int, v: str, x: str) -> bool:
    """An accidental V-X-V-Y across two words (农业|产业|布局 gives 业产业布)."""
    frequency = _word_frequency()
    joined = frequency.get(x + v) or 0
    if joined >= WORD_FREQUENCY:
        return True
    before = text[start - 1 : start]
    return joined > 0 and (frequency.get(before + v) or 0) >= WORD_FREQUENCY


def _parallel_phrases(phrases: list[str]) -> bool:
    """Four-character phrases in a row read as parallel (not a list of nouns).

    Every neighbouring pair shares a character at the same position
    (``敢于担当、勇于担当``, ``一个链长、一个专班``), or at least half of them are
    set phrases of the dictionary (``同心同德``, ``埋头苦干``) or reduplicative.
    """
    if all(any(a[i] == b[i] for i in range(4)) for a, b in zip(phrases, phrases[1:], strict=False)):
        return True
    frequency = _word_frequency()
    set_like = sum(
        1 for p in phrases if (frequency.get(p) or 0) > 0 or p[0] == p[2] or (p[0] == p[1] and p[2] == p[3])
    )
    return 2 * set_like >= len(phrases)


def _set_patterns(text: str) -> list[tuple[int, int, str, str, int, list[tuple[int, int]]]]:
    """(start, end, kind, pattern, n_items, members) of reduplications and templates."""
    out: list[tuple[int, int, str, str, int, list[tuple[int, int]]]] = []
    last_end = -1
    for start in _abac_candidates(text):
        if start < last_end:
            continue  # non-overlapping, left to right
        v, x, y = text[start], text[start + 1], text[start + 3]
        if v in REDUPLICATION_STOP or x == y or x == v or y == v:
            continue
        if x in REDUPLICATION_BAD_FILL or y in REDUPLICATION_BAD_FILL or x in "不没":
            continue
        if _straddles_words(text, start, v, x):
            continue
        out.append((start, start + 4, "reduplication", "ABAC", 1, [(start, start + 4)]))
        last_end = start + 4
    spans = []
    for m in RE_MIDDLE_TEMPLATE.finditer(text):
        i = m.start()
        if i < 1 or m.end() >= len(text):
            continue
        x, y = text[i - 1], text[m.end()]
        if not (RE_HAN_CHAR.match(x) and RE_HAN_CHAR.match(y)) or x == y:
            continue
        loose = x in MIDDLE_LOOSE_X
        if m.group(1) != "求" and not loose:
            continue
        if not loose and (i >= 2 and RE_HAN_CHAR.match(text, i - 2) or text[m.end() + 1 : m.end() + 2] == "中"):
            continue
        spans.append((i - 1, m.end() + 1))
    for group in _series(text, spans):
        out.append((group[0][0], group[-1][1], "template", "X中求Y", len(group), group))
    ones = [(m.start(), m.end()) for m in RE_ONE_ONE.finditer(text) if m.group(1) not in ONE_ONE_STOP and m.group(1) != m.group(2) and m.group(2) != "一"]
    for group in _series(text, ones):
        out.append((group[0][0], group[-1][1], "template", "一X一Y", len(group), group))
    heroes = [
        (m.start() - 2, m.end()) for m in RE_HERO.finditer(text) if m.start() >= 2 and RE_TWO_HAN.fullmatch(text, m.start() - 2, m.start())
    ]
    for group in _series(text, heroes):
        out.append((group[0][0], group[-1][1], "template", "X论英雄", len(group), group))
    zeros = []
    for m in RE_ZERO.finditer(text):
        word = m.group(1)
        if word in ZERO_WORDS or word[0] in "售部件星散碎食钱的和与点时分":
            continue
        zeros.append((m.start(), m.end()))
    for group in _series(text, zeros):
        quoted = text[group[0][0] - 1 : group[0][0]] == "“"
        if len(group) >= 2 or quoted or text[group[0][0] + 1 : group[0][1]] in ZERO_SET_PHRASES:
            out.append((group[0][0], group[-1][1], "template", "零X", len(group), group))
    series_end = -1
    for start in RE_FOUR_SERIES_START.finditer(text):
        if start.start() - 4 < series_end:
            continue
        m = RE_FOUR_SERIES.match(text, start.start() - 4)
        if m is None:
            continue
        series_end = m.end()
        phrases = RE_SERIES_SPLIT.split(m.group())
        if not _parallel_phrases(phrases):
            continue
        n_items = len(phrases)
        out.append((m.start(), m.end(), "template", "四字格排比", n_items, [(m.start(), m.end())]))
    out.sort()
    return out


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
