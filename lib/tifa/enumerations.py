"""Enumerations: the numerals of list markers, the markers, and the lists they make.

Official texts number their points in many styles: in-line markers (``一是…二是…``,
``一要…二要…``, ``第一…第二…``, ``首先…其次…此外…``, ``①②③``) and headings (``一、``,
``（一）``, ``1、``, ``（1）``, ``第一句话``, ``第一部分``). :func:`parse_chinese_numeral`
reads the small numbers the markers carry; markers of one family are assembled into
numbered lists of two or more items (flagged when the numbers skip, repeat or do not
start at one); each list gets the item it sits in (``parent``) and its ``depth``, and
each item its end. :mod:`tifa.announcements` and :mod:`tifa.parallelism` read these
lists; the span table of lists and items is :func:`tifa.formulas.find_enumerations`.

>>> parse_chinese_numeral("二十一")
21
>>> text = "（一）聚焦项目建设\\n（二）聚焦产业升级\\n1、发展制造业。2、发展服务业。\\n（三）聚焦民生\\n"
>>> [(lst.style, lst.numbers, lst.depth, lst.parent) for lst in _enumeration_lists(text)]
[('（一）', [1, 2, 3], 1, None), ('1、', [1, 2], 2, (0, 1))]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy as np

__all__ = ["parse_chinese_numeral"]

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
NUMERAL = "一二三四五六七八九十"
RE_HAN_CHAR = re.compile(f"[{HAN}]")

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
