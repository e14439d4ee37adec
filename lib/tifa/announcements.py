"""Announced structures: a count announced, then the items that deliver it.

A speaker announces how many points follow (``我讲三句话``, ``提几点意见``, ``抓好三件事``,
``关键在“五个聚焦”``, ``主要做了以下工作：``) and then delivers them: as a numbered list
(:mod:`tifa.enumerations`), as a parallel run (:mod:`tifa.parallelism`), or as unmarked
items (paragraphs opened by a short lead sentence or by ``——``, clauses separated by
``；``, labelled lines, quoted key words taken up one by one). :func:`_scan_announcements`
finds the announcements and :func:`_link` what each one delivers; the span table (kinds
``announced_structure`` and ``announced_item``) is
:func:`tifa.formulas.find_announced_structures`.

>>> text = "我讲三句话：\\n第一句话，抓落实。\\n第二句话，强作风。\\n第三句话，优服务。"
>>> [(a.announced, a.unit, a.mode) for a in _scan_announcements(text)]
[(3.0, '句话', 'verb')]
>>> from tifa.enumerations import _enumeration_lists
>>> delivery = _link(text, _scan_announcements(text)[0], _enumeration_lists(text), [], [])
>>> delivery.mode, [text[start:end] for start, end, _core_end in delivery.items]
('list', ['第一句话，抓落实。', '第二句话，强作风。', '第三句话，优服务。'])
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np

from tifa.enumerations import HAN, NUMERAL, RE_SENTENCE_END, _List, _strip_end, parse_chinese_numeral
from tifa.parallelism import PARALLEL_MIN_SHARED, _common_prefix
from tifa.set_patterns import RE_TWO_HAN

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
