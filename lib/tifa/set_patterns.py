"""Set patterns: reduplication (抓实抓好) and templates (稳中求进, 一镇一业, 零跑腿).

Reduplications are V-X-V-Y phrases (``抓实抓好``, ``聚精聚神``, ``做优做强``), found by
array comparisons and checked against jieba's dictionary so that two words side by side
(农业|产业) do not count. Templates are ``X中求Y`` (``稳中求进``), ``一X一Y``
(``一镇一业``), ``X论英雄``, ``零X`` (``零前置``) and ``四字格排比`` (three or more
four-character phrases in a row); members of one template separated by ``、``/``，`` form
one series. Series of three or more templates are also parallel runs
(:mod:`tifa.parallelism`); the span table is :func:`tifa.formulas.find_set_patterns`.

>>> text = "坚持稳中求进，抓实抓好一镇一业、一村一品，实行零前置、零干扰、零跑腿。"
>>> for start, end, kind, pattern, _n_items, _members in _set_patterns(text):
...     print(text[start:end], kind, pattern)
稳中求进 template X中求Y
抓实抓好 reduplication ABAC
一镇一业、一村一品 template 一X一Y
零前置、零干扰、零跑腿 template 零X
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

import numpy as np

from tifa.enumerations import HAN, RE_HAN_CHAR

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
