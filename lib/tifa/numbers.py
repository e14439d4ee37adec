"""Numeral parsing for normalized Chinese political text.

This module finds every numeric expression in a text and parses it: Arabic
numbers (``1,200``, ``17.84``), Chinese numerals (``一千二百``, ``两千五百``,
``百分之三十六点九``, ``四点二倍``, ``十几``, ``数十``, ``上百``), mixed forms
(``1.4万亿``, ``5000万元``, ``8万亩``; a number written in 亿 and 万 is one number given
in 亿: ``十三亿五千万人`` is 13.5 亿人), ranges (``5-6个``, ``6.5%-7%``,
``百分之八至九``, ``8—9%``), bounds and hedges (``以上``, ``以内``, ``不低于``,
``左右``, ``约`` …), units and masked numbers (``X亿元``, ``*个``, ``**人``).
It is usable on its own: it knows nothing of targets, sections or indicators
(see :mod:`tifa.targets` for those).

The whole text is scanned by one compiled regular expression, :data:`RE_NUMBER`;
each match is then parsed by a few dictionary look-ups, so the cost grows with
the number of expressions, not with the number of characters.

Every expression gets a ``form``, a grammatical category that says what sort
of number it is, before any reading of its context:

=============  =============================================================
form           examples
=============  =============================================================
quantity       ``6%以上``, ``630个``, ``17.84亿元``, ``两千五百万元``, ``6.5%-7%``
masked         ``*个``, ``X亿元``, ``**人``, ``*万亩``
date           ``2023年``, ``2023年2月22日``, ``6月底``, ``二〇二三年``
duration       ``3个月``, ``5年``, ``2小时``
age            ``60岁``
ordinal        ``第163名``, ``第3`` (ordinals in Arabic digits)
code           ``G323``, ``PM2.5``, ``5G``, ``1+1+N``
plan_name      ``十四五``, ``九五``
fraction       ``三分之一``, ``一半``
time           ``9:00``
=============  =============================================================

Numerals that are words rather than numbers are not reported: bare Chinese
numerals without a unit (党的二十大), Chinese ordinals and sessions (第十六届,
十三届), footnote marks (〔1〕) and idioms (十分, 千方百计).

Bounds use one vocabulary everywhere: ``point``, ``at_least`` (以上, 不低于,
不少于, 超过, 多, 余), ``at_most`` (以下, 以内, 不超过, 低于), ``about``
(左右, 约, 近, 上下) and ``range`` (``value`` to ``value_high``).

Units keep the multiplier as written (``亿元``, ``万亩``, ``万人``); ``value``
is the number as written (``17.84`` for ``17.84亿元``) and ``value_base`` the
number in the base unit (``1.784e9`` 元), so that figures written in different
multipliers can be compared.

>>> expr = parse_expression("增长6.5%-7%")
>>> expr.value, expr.value_high, expr.unit, expr.bound
(6.5, 7.0, '%', 'range')
>>> parse_chinese_numeral("两千五百")
2500.0
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

__all__ = [
    "BOUNDS",
    "FORMS",
    "NumericExpression",
    "RE_NUMBER",
    "find_numbers",
    "find_numbers_in_text",
    "format_number",
    "iter_matches",
    "parse_chinese_numeral",
    "parse_expression",
    "parse_number",
]

BOUNDS = ("point", "at_least", "at_most", "about", "range")
"""The values of the ``bound`` column."""

FORMS = (
    "quantity",
    "masked",
    "date",
    "duration",
    "age",
    "ordinal",
    "code",
    "plan_name",
    "fraction",
    "time",
)
"""The values of the ``form`` column (the ``kind`` of :func:`find_numbers`)."""

NUMBER_COLUMNS = [
    "doc_id",
    "start",
    "end",
    "text",
    "value",
    "value_high",
    "unit",
    "bound",
    "masked",
    "value_base",
    "unit_base",
    "kind",
]
"""Columns of the table returned by :func:`find_numbers_in_text`."""

# --------------------------------------------------------------------------
# Building blocks of the pattern
# --------------------------------------------------------------------------

_CN_DIGITS = "〇零一二两三四五六七八九"
_CN_DIGIT_VALUE = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_SMALL_PLACE = {"十": 10, "百": 100, "千": 1000}

_MULTIPLIERS = {
    "万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8,
    "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3,
}  # fmt: skip

# Units, longest first inside each alternation. The multiplier (万, 亿 …) is
# matched separately and glued back to the unit in the output.
_UNITS_PERCENT = ["个百分点", "百分点", "个千分点", "千分点", "%", "‰"]
_UNITS_MONEY = ["美元", "欧元", "港元", "港币", "日元", "元"]
_UNITS_TIME = ["个多月", "个月", "周年", "小时", "分钟", "年度", "年", "月", "天", "日", "周", "秒"]
_UNITS_MEASURE = [
    "平方公里", "平方千米", "平方米", "立方米", "公顷", "亩", "公里", "千米", "米",
    "吨标准煤", "吨标煤", "吨", "公斤", "千克", "斤",
    "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦", "千伏", "伏", "标准箱", "标箱",
    "km", "kV", "kW", "MW", "GW", "TEU",
]  # fmt: skip
_UNITS_COUNT = [
    "人次", "个", "人", "名", "位", "户", "家", "所", "座", "项", "件", "条", "辆", "台",
    "套", "架", "艘", "列", "处", "间", "张", "床", "栋", "幢", "宗", "批", "场", "次",
    "期", "种", "类", "部", "篇", "册", "片", "棵", "株", "头", "只", "剂", "枚", "根",
    "块", "支", "所", "级", "届", "号", "倍", "番", "岁", "周岁", "度", "笔", "单",
    "金牌", "银牌", "铜牌", "金",
]  # fmt: skip

_ALL_UNITS = sorted(
    set(_UNITS_PERCENT + _UNITS_MONEY + _UNITS_TIME + _UNITS_MEASURE + _UNITS_COUNT),
    key=lambda u: (-len(u), u),
)
_PER_UNITS = ["亩", "人", "户", "吨", "千瓦时", "立方米", "平方米", "年", "月", "天", "公斤", "辆", "台"]

# a unit, optionally per another one: 万元/亩, 分/千瓦时
_UNIT_PATTERN = (
    "(?:" + "|".join(re.escape(u) for u in _ALL_UNITS) + "|分(?=/))"
    + "(?:/(?:" + "|".join(re.escape(u) for u in sorted(_PER_UNITS, key=len, reverse=True)) + "))?"
)
_MULT_PATTERN = "万亿|亿|千万|百万|十万|万|千"
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_D = f"[{_CN_DIGITS}]"
_CN_FULL = (
    # starts with a digit (or 数/几/上/近) then a place: 一千二百, 两千五百, 数十, 上百
    rf"(?:(?:[数几上]|{_D}{{1,2}})[十百千万亿](?:[{_CN_DIGITS}十百千万亿几])*"
    # or with 十: 十, 十五, 十几, 十五万
    rf"|十(?:[{_CN_DIGITS}十百千万亿几])*)"
    rf"(?:点{_D}+)?"
    # or a decimal without a place: 四点二, 三点五
    rf"|{_D}+点{_D}+"
)
_CN_SINGLE = rf"{_D}(?:点{_D}+)?"
_MASK = r"(?:[X×*]{1,3}|x{1,3}(?=[%个万亿元]))"
_LOW = (
    rf"(?:(?P<pct>百分之)(?:{_ARABIC}|{_CN_FULL}|{_CN_SINGLE})"
    rf"|{_ARABIC}|{_CN_FULL}"
    rf"|{_CN_SINGLE}(?=个百分点|百分点|倍|番)"
    # durations in single Chinese digits: 两年, 五年, 三个月 (not 一年, a word of its own)
    rf"|[两二三四五六七八九](?=年(?![级代])|个月|周年)"
    rf"|(?P<mask>{_MASK}))"
)
_HIGH = rf"(?:(?:百分之)?(?:{_ARABIC}|{_CN_FULL}|{_CN_SINGLE})|{_MASK})"
_APPROX = "多|余"
_SUFFIX = "以上|以下|以内|之内|左右|上下|有余|多|余|强"
_SEP = r"[-~—至到]"

_EXPRESSION = (
    rf"(?P<low>{_LOW})(?P<low_approx>{_APPROX})?(?P<low_mult>{_MULT_PATTERN})?"
    rf"(?P<low_approx2>{_APPROX})?(?P<low_unit>{_UNIT_PATTERN})?"
    rf"(?:(?P<sep>{_SEP})(?P<high>{_HIGH})(?P<high_mult>{_MULT_PATTERN})?"
    rf"(?P<high_approx>{_APPROX})?(?P<high_unit>{_UNIT_PATTERN})?)?"
    rf"(?P<suffix>{_SUFFIX})?"
)

RE_NUMBER: re.Pattern[str] = re.compile(
    # full dates before anything else: 2023年2月22日, 2023年, 二〇二三年, 6月底
    r"(?P<date>(?:\d{4}|[〇零一二三四五六七八九]{4})年(?:\d{1,2}月(?:\d{1,2}日)?)?"
    r"(?:[-~—至到](?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?)?"
    r"|\d{1,2}月(?:\d{1,2}日|底|初|中旬|上旬|下旬|份)?(?:[-~—至到]\d{1,2}月(?:\d{1,2}日)?)?"
    r"|\d{4}(?:[-~—至到]\d{4})年)"
    # five-year plans: 十四五, 九五
    r"|(?P<plan>(?:十[一二三四五]|[六七八九])五(?=规划|计划|时期|期间|”|末|初|以来|前|后|开局|收官))"
    # fractions: 三分之一, 一半
    rf"|(?P<fraction>(?:[{_CN_DIGITS}十]+|\d+)分之(?:{_CN_FULL}|{_CN_SINGLE}|\d+(?:\.\d+)?)|一半)"
    # ordinals: 第十六届, 第3
    r"|(?P<ordinal>第(?:\d+|[〇零一二两三四五六七八九十百千]+))"
    # footnote marks 〔1〕
    r"|(?P<footnote>[〔﹝【\[]\d{1,3}[〕﹞】\]])"
    # clock times 9:00
    r"|(?P<time>\d{1,2}:\d{2})"
    # codes: G323, PM2.5, 5G, 1+1+N, COVID-19
    r"|(?P<code>[A-Za-z]+-?\d[\dA-Za-z.]*(?:-\d+)?"
    r"|\d+(?:\+(?:\d+|[A-Za-z]))+"
    r"|\d+(?:\.\d+)?(?!km|kV|kW|MW|GW|TEU)[A-Za-z][A-Za-z\d]*)"
    rf"|(?P<expr>{_EXPRESSION})"
)
"""The one pattern that finds numeric expressions; ``m.lastgroup`` names the branch."""

RE_CODE_PARTS: re.Pattern[str] = re.compile(r"([A-Za-z]+)-?(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)([A-Za-z]+)")
"""Letters and number of a simple code: G323 → (G, 323), 5G → (5, G)."""

RE_CANDIDATE: re.Pattern[str] = re.compile(
    r"[0-9Xx×*〔﹝【\[A-Za-z〇零一二两三四五六七八九十百千万亿数几上第]+"
)
"""Runs of characters that can start a numeric expression.

:data:`RE_NUMBER` starts with an alternation, which Python's regular
expression engine tries at every position of the text. Searching first for
these runs (a single character class, which the engine skips through quickly)
and trying :data:`RE_NUMBER` only inside them gives the same matches about
five times faster.
"""

RE_PREFIX_BOUND: re.Pattern[str] = re.compile(
    r"(?:不低于|不少于|不小于|不超过|不高于|不多于|不足|超过|逾|超|约|大约|将近|接近|近"
    r"|高于|低于|多于|少于|大于|小于|突破|(?<![通经超不])过)$"
)
"""Bound words written just before a number (checked on the 3 characters before it).

Bound words proper (约, 超过, 不低于 …) become part of the span; comparative verbs
(突破, 过, 高于, 低于 …) only set the bound and stay outside it."""

_VERB_BOUNDS = frozenset(("高于", "低于", "多于", "少于", "大于", "小于", "突破", "过"))

_PREFIX_BOUND = {
    "不低于": "at_least", "不少于": "at_least", "不小于": "at_least", "超过": "at_least",
    "高于": "at_least", "多于": "at_least", "大于": "at_least", "逾": "at_least",
    "超": "at_least",
    "突破": "at_least", "过": "at_least",
    "不超过": "at_most", "不高于": "at_most", "不多于": "at_most", "低于": "at_most",
    "少于": "at_most", "小于": "at_most", "不足": "at_most",
    "约": "about", "大约": "about", "将近": "about", "接近": "about", "近": "about",
}  # fmt: skip
_SUFFIX_BOUND = {
    "以上": "at_least", "多": "at_least", "余": "at_least", "有余": "at_least",
    "强": "at_least",
    "以下": "at_most", "以内": "at_most", "之内": "at_most",
    "左右": "about", "上下": "about",
}  # fmt: skip

_DATE_UNITS = {"年", "月", "日"}
_ORDINAL_UNITS = {"届", "号"}
_DURATION_UNITS = {"个月", "个多月", "周年", "小时", "分钟", "天", "周", "秒", "年度"}
_AGE_UNITS = {"岁", "周岁"}

# Chinese words that contain numeral characters but are not numbers.
_NOT_NUMBERS = ("十分", "十足", "十全", "一点一滴", "一五一十", "十之八九")


class NumericExpression(NamedTuple):
    """One parsed numeric expression (see the module documentation)."""

    value: float | None
    value_high: float | None
    unit: str
    bound: str
    masked: bool
    value_base: float | None
    unit_base: str
    form: str


# --------------------------------------------------------------------------
# Parsing single numerals
# --------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _parse_cn_integer(text: str) -> float:
    if text and all(c in _CN_DIGIT_VALUE for c in text):
        # digit strings: 二〇二三 → 2023
        return float("".join(str(_CN_DIGIT_VALUE[c]) for c in text))
    above_yi = 0.0  # everything already multiplied by 亿
    above_wan = 0.0  # everything already multiplied by 万 (below 亿)
    section = 0.0  # the part below 万 being read
    digit: int | None = None
    for char in text:
        if char in _CN_DIGIT_VALUE:
            digit = _CN_DIGIT_VALUE[char]
        elif char == "几":
            digit = 0
        elif char in _CN_SMALL_PLACE:
            section += (1 if digit is None else digit) * _CN_SMALL_PLACE[char]
            digit = None
        elif char == "万":
            section += digit or 0
            above_wan += (section or (0 if above_wan or above_yi else 1)) * 10_000
            section, digit = 0.0, None
        elif char == "亿":
            section += digit or 0
            above_yi = (above_yi + above_wan + section or 1) * 100_000_000
            above_wan, section, digit = 0.0, 0.0, None
    if digit is not None:
        # 一万五 is 15000: a last digit right after a place is one place lower
        place_before = text[-2:-1] if len(text) > 1 else ""
        below = {"万": 1000, "千": 100, "百": 10}.get(place_before, 1)
        section += digit * below
    return above_yi + above_wan + section


@lru_cache(maxsize=4096)
def _parse_cn_range(text: str) -> tuple[float, float | None]:
    """Value (and high value for vague numerals like 十几, 数十, 三四十)."""
    text = text.replace("两", "二") if text.startswith("两") and len(text) == 1 else text
    if "点" in text:
        whole, _, fraction = text.partition("点")
        digits = "".join(str(_CN_DIGIT_VALUE[c]) for c in fraction if c in _CN_DIGIT_VALUE)
        value = _parse_cn_integer(whole) if whole else 0.0
        return value + float("0." + digits) if digits else value, None
    if text[0] in "数几":
        low = _parse_cn_integer("二" + text[1:])
        return low, _parse_cn_integer("九" + text[1:])
    if text[0] == "上":
        return _parse_cn_integer("一" + text[1:]), None
    if "几" in text:
        return _parse_cn_integer(text.replace("几", "一")), _parse_cn_integer(
            text.replace("几", "九")
        )
    if len(text) >= 3 and text[0] in _CN_DIGIT_VALUE and text[1] in _CN_DIGIT_VALUE:
        first, second = _CN_DIGIT_VALUE[text[0]], _CN_DIGIT_VALUE[text[1]]
        if second == first + 1 and text[2] in "十百千万亿":
            # 三四十 → 30..40, 七八万 → 70000..80000
            return _parse_cn_integer(text[0] + text[2:]), _parse_cn_integer(text[1:])
    return _parse_cn_integer(text), None


def parse_chinese_numeral(text: str) -> float:
    """Parse a Chinese numeral to a number.

    Parameters
    ----------
    text : str
        A Chinese numeral such as ``一千二百``, ``两千五百``, ``三十六点九``,
        ``一百二十万`` or ``二〇二三``. Vague numerals (``十几``, ``数十``) return
        their lower end (see :func:`parse_number` for both ends).

    Returns
    -------
    float
        The value.

    Examples
    --------
    >>> parse_chinese_numeral("一千二百")
    1200.0
    >>> parse_chinese_numeral("三十六点九")
    36.9
    >>> parse_chinese_numeral("一亿三千万")
    130000000.0
    """
    return _parse_cn_range(text)[0]


def _parse_numeral(text: str) -> tuple[float | None, float | None]:
    """(value, high) of one numeral, Arabic or Chinese; masks give (None, None)."""
    if not text:
        return None, None
    if text.startswith("百分之"):
        text = text[3:]
    first = text[0]
    if "0" <= first <= "9":
        return float(text.replace(",", "")), None
    if first in "X×*x":
        return None, None
    return _parse_cn_range(text)


def parse_number(text: str) -> tuple[float | None, float | None]:
    """Parse a numeral with an optional multiplier: ``1.4万亿``, ``两千五百``, ``十几``.

    Parameters
    ----------
    text : str
        An Arabic or Chinese numeral, optionally followed by 万/亿/千万/万亿.

    Returns
    -------
    tuple of (float or None, float or None)
        ``(value, value_high)``; ``value_high`` is ``None`` except for vague
        numerals (``十几`` → 11, 19). Masked numbers give ``(None, None)``.

    Examples
    --------
    >>> parse_number("1.4万亿")
    (1400000000000.0, None)
    >>> parse_number("十几")
    (11.0, 19.0)
    >>> parse_number("1,200")
    (1200.0, None)
    """
    text = text.strip()
    for mult in sorted(_MULTIPLIERS, key=len, reverse=True):
        if text.endswith(mult) and len(text) > len(mult) and text[0].isascii():
            value, high = _parse_numeral(text[: -len(mult)])
            factor = _MULTIPLIERS[mult]
            return (
                None if value is None else _round(value * factor),
                None if high is None else _round(high * factor),
            )
    return _parse_numeral(text)


def _round(value: float) -> float:
    return float(f"{value:.12g}")


# --------------------------------------------------------------------------
# Parsing whole expressions
# --------------------------------------------------------------------------


#: A Chinese numeral of 亿 with a part after it (二十五亿七千): a 万 after it is that part's.
_CN_YI = re.compile(f"[{_CN_DIGITS}十百千]+亿[{_CN_DIGITS}十百千]+")


def _split_cn_multiplier(numeral: str) -> tuple[str, str]:
    """Move a trailing 万/亿 of a Chinese numeral into the unit: 两千五百万 → (两千五百, 万);
    the 万 of a number written in 亿 and 万 stays in it (二十三亿一千四百万), which is then
    given in 亿.

    >>> _split_cn_multiplier("两千五百万"), _split_cn_multiplier("二十三亿一千四百万")
    (('两千五百', '万'), ('二十三亿一千四百万', ''))
    """
    if numeral[0] in "0123456789X×*x" or numeral.startswith("百分之"):
        return numeral, ""
    for mult in ("万亿", "亿", "万"):
        head = numeral[: -len(mult)]
        if mult == "万" and "亿" in head:
            continue
        if numeral.endswith(mult) and head and head[-1] != "亿" and not (mult == "万亿" and head[-1] == "万"):
            if head in ("数", "几", "上"):
                return numeral, ""
            return head, mult
    return numeral, ""


def _expression_from_match(match: re.Match[str]) -> tuple[NumericExpression, str]:
    """Parse one match of :data:`RE_NUMBER`; also return the form."""
    branch = match.lastgroup
    if branch != "expr":
        text = match.group()
        value: float | None = None
        unit = ""
        if branch == "date":
            head = re.match(r"\d+", text)
            if head:
                value = float(head.group())
            unit = "年" if "年" in text else ("月" if "月" in text else "")
        elif branch == "ordinal":
            value, _ = _parse_numeral(text[1:])
        elif branch == "footnote":
            value = float(text[1:-1])
        elif branch == "fraction":
            if text == "一半":
                value = 0.5
            else:
                below, _, above = text.partition("分之")
                denominator, numerator = _parse_numeral(below)[0], _parse_numeral(above)[0]
                value = round(numerator / denominator, 4) if numerator is not None and denominator else None
        elif branch == "code":
            letters_first = RE_CODE_PARTS.fullmatch(text)
            if letters_first:
                unit, value = letters_first.group(1) or letters_first.group(4), float(
                    letters_first.group(2) or letters_first.group(3)
                )
        form = {"date": "date", "plan": "plan_name", "ordinal": "ordinal", "fraction": "fraction",
                "footnote": "footnote", "time": "time", "code": "code"}[branch]  # fmt: skip
        return NumericExpression(value, None, unit, "point", False, value, unit, form), form

    low_text = match.group("low")
    masked = match.group("mask") is not None
    percent_prefix = match.group("pct") is not None
    low_mult = match.group("low_mult") or ""
    low_unit = match.group("low_unit") or ""
    high_text = match.group("high")
    high_mult = match.group("high_mult") or ""
    high_unit = match.group("high_unit") or ""
    approx = match.group("low_approx") or match.group("low_approx2") or match.group("high_approx")
    suffix = match.group("suffix")

    low_numeral, cn_mult = _split_cn_multiplier(low_text) if not low_mult else (low_text, "")
    value, value_high = _parse_numeral(low_numeral)
    if value is not None and low_mult in ("", "万") and not cn_mult and _CN_YI.fullmatch(low_numeral.removesuffix("万")):
        # a number written in 亿 and 万 is given in 亿: 十四亿零六百万 → 14.06 亿; 二十五亿七千多万元 →
        # 25.7 亿元 (the 万 after 多 counts only what follows 亿)
        if low_mult:
            head, _, tail = low_numeral.rpartition("亿")
            value = _parse_numeral(head + "亿")[0] + _parse_numeral(tail)[0] * _MULTIPLIERS["万"]
        value = _round(value / _MULTIPLIERS["亿"])
        low_mult = "亿"
    mult = cn_mult + low_mult
    unit_base = low_unit or high_unit
    if percent_prefix:
        unit_base = "%"
    bound = "point"
    if value_high is not None:
        bound = "range"
    if high_text is not None:
        high_numeral, high_cn_mult = _split_cn_multiplier(high_text)
        high_value, _ = _parse_numeral(high_numeral)
        masked = masked or high_value is None
        mult = mult or high_cn_mult or high_mult
        value_high = high_value
        bound = "range"
        if high_text.startswith("百分之"):
            unit_base = "%"
    if approx and bound == "point":
        bound = "at_least"
    if suffix and bound == "point":
        bound = _SUFFIX_BOUND[suffix]
    unit = mult + unit_base
    factor = _MULTIPLIERS.get(mult, 1.0)
    base_value = None if value is None else _round(value * factor)
    form = "masked" if masked else "quantity"
    if unit_base in _DATE_UNITS:
        form = "duration" if unit_base == "年" and not re.fullmatch(r"\d{4}", low_text) else "date"
        if unit_base == "年" and value is not None and value < 1000:
            form = "duration"
    elif unit_base in _DURATION_UNITS:
        form = "duration"
    elif unit_base in _AGE_UNITS:
        form = "age"
    elif unit_base in _ORDINAL_UNITS:
        form = "ordinal"
    expression = NumericExpression(
        value,
        value_high,
        unit,
        bound,
        masked,
        base_value,
        unit_base,
        form,
    )
    return expression, form


def parse_expression(text: str) -> NumericExpression:
    """Parse the first numeric expression in ``text``.

    Parameters
    ----------
    text : str
        Normalized text holding a numeric expression, e.g. ``"增长5%左右"``.

    Returns
    -------
    NumericExpression
        value, value_high, unit, bound, masked, value_base, unit_base, form.
        Bound words written before the number (不低于, 约 …) are read too.

    Raises
    ------
    ValueError
        If ``text`` holds no numeric expression.

    Examples
    --------
    >>> parse_expression("增长5%左右")[:4]
    (5.0, None, '%', 'about')
    >>> parse_expression("百分之八至九")[:4]
    (8.0, 9.0, '%', 'range')
    >>> parse_expression("完成*个小区改造").masked
    True
    """
    table = find_numbers_in_text(text)
    if table.empty:
        raise ValueError(f"no numeric expression in {text!r}")
    row = table.iloc[0]
    return NumericExpression(
        _none(row["value"]),
        _none(row["value_high"]),
        row["unit"],
        row["bound"],
        bool(row["masked"]),
        _none(row["value_base"]),
        row["unit_base"],
        row["kind"],
    )


def _none(value: object) -> float | None:
    return None if value is None or value != value else float(value)  # NaN check


def iter_matches(text: str):
    """Matches of :data:`RE_NUMBER` in ``text``, as ``RE_NUMBER.finditer`` gives them.

    >>> [m.group() for m in iter_matches("增长6%以上，新增学位630个")]
    ['6%以上', '630个']
    """
    match = RE_NUMBER.match
    position = 0
    for run in RE_CANDIDATE.finditer(text):
        start, end = run.span()
        if start < position:
            start = position
        while start < end:
            found = match(text, start)
            if found is None:
                start += 1
                continue
            yield found
            position = found.end()
            if position <= start:  # an empty match cannot happen, but never loop
                position = start + 1
            start = position


RE_NOT_A_NUMERAL: re.Pattern[str] = re.compile(r"[十百千][十百千]")
"""Two small places in a row (十百千) make a name, not a numeral."""

_PARSED: dict[tuple[str | None, str], tuple] = {}
_PARSED_LIMIT = 50_000


def _parsed(match: re.Match[str]) -> tuple:
    """(value, high, unit, bound, masked, base, unit_base, form, low, low_unit, low_mult), cached."""
    key = (match.lastgroup, match.group())
    cached = _PARSED.get(key)
    if cached is None:
        expression, form = _expression_from_match(match)
        if match.lastgroup == "expr":
            extra = (match.group("low"), match.group("low_unit"), match.group("low_mult"))
        else:
            extra = ("", "", "")
        cached = (
            expression.value, expression.value_high, expression.unit, expression.bound,
            expression.masked, expression.value_base, expression.unit_base, form,
        ) + extra  # fmt: skip
        if len(_PARSED) < _PARSED_LIMIT:
            _PARSED[key] = cached
    return cached


def _scan(text: str) -> list[tuple]:
    """Rows (start, end, text, value, high, unit, bound, masked, base, unit_base, form)."""
    rows = []
    append = rows.append
    prefix_search = RE_PREFIX_BOUND.search
    for match in iter_matches(text):
        start, end = match.span()
        value, high, unit, bound, masked, base, unit_base, form, low, low_unit, low_mult = _parsed(match)
        if match.lastgroup == "expr":
            first = text[start]
            if not ("0" <= first <= "9" or first in "X×*x"):
                # Chinese numerals: drop words that only look like numbers
                if text.startswith(_NOT_NUMBERS, start) and not text.startswith("十分钟", start):
                    continue
                if (low == "十" and not low_unit) or RE_NOT_A_NUMERAL.search(low):
                    continue
                if not unit or form == "ordinal":
                    continue  # bare Chinese numerals (十九大) and sessions (十三届) are names
            elif first in "X×*x":
                # masks count as numbers only with a unit or a multiplier
                if not (low_unit or low_mult):
                    continue
                if start and text[start - 1].isascii() and text[start - 1].isalnum():
                    continue
            if start:
                found = prefix_search(text, max(0, start - 3), start)
                if found:
                    word = found.group()
                    if bound == "point":
                        bound = _PREFIX_BOUND[word]
                    if word not in _VERB_BOUNDS:
                        start = found.start()
            append((start, end, text[start:end], value, high, unit, bound, masked, base, unit_base, form))
        elif form == "footnote" or (form == "ordinal" and not text[start + 1 : start + 2].isdigit()):
            continue  # footnote marks and Chinese ordinals (第十六届) are not numeric expressions
        else:
            append((start, end, match.group(), value, None, unit, "point", False, base, unit_base, form))
    return rows


def find_numbers_in_text(text: str, doc_id: str = "") -> pd.DataFrame:
    """Find and parse every numeric expression in one normalized text.

    Parameters
    ----------
    text : str
        Normalized text (see the corpus conventions: simplified characters,
        ASCII digits and ``%``).
    doc_id : str, default ""
        Written into the ``doc_id`` column.

    Returns
    -------
    pandas.DataFrame
        One row per expression, sorted by ``start``, with columns
        ``doc_id, start, end, text`` (the span in ``text``), ``value`` and
        ``value_high`` (floats, NaN when masked or not a range), ``unit`` (as
        written, with its multiplier: ``亿元``), ``bound`` (point, at_least,
        at_most, about, range), ``masked`` (bool), ``value_base`` and
        ``unit_base`` (value in the unit without multiplier) and ``kind``
        (the form: quantity, masked, date, duration, age, ordinal, code,
        plan_name, footnote, time).

    Examples
    --------
    >>> table = find_numbers_in_text("全年完成地区生产总值180.39亿元，同比增长0.6%")
    >>> table[["text", "value", "unit", "kind"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'text': '180.39亿元', 'value': 180.39, 'unit': '亿元', 'kind': 'quantity'},
     {'text': '0.6%', 'value': 0.6, 'unit': '%', 'kind': 'quantity'}]
    """
    rows = _scan(text)
    return _to_frame(rows, doc_id)


def _to_frame(rows: list[tuple], doc_id: str) -> pd.DataFrame:
    columns = list(zip(*rows)) if rows else [[] for _ in range(11)]
    data = {
        "doc_id": [doc_id] * len(rows),
        "start": pd.array(columns[0], dtype="int64"),
        "end": pd.array(columns[1], dtype="int64"),
        "text": pd.array(columns[2], dtype=object),
        "value": pd.array(columns[3], dtype="float64"),
        "value_high": pd.array(columns[4], dtype="float64"),
        "unit": pd.array(columns[5], dtype=object),
        "bound": pd.array(columns[6], dtype=object),
        "masked": pd.array(columns[7], dtype="bool"),
        "value_base": pd.array(columns[8], dtype="float64"),
        "unit_base": pd.array(columns[9], dtype=object),
        "kind": pd.array(columns[10], dtype=object),
    }
    return pd.DataFrame(data, columns=NUMBER_COLUMNS)


def find_numbers(documents: object) -> pd.DataFrame:
    """Find and parse numeric expressions in every document of a corpus.

    Parameters
    ----------
    documents : Corpus or iterable of Document, or mapping of doc_id to text
        Anything that yields objects with ``doc_id`` and ``text`` attributes;
        a ``dict`` of ``doc_id → text`` works too.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`find_numbers_in_text`, sorted by ``doc_id`` and
        ``start``.

    Examples
    --------
    >>> table = find_numbers({"a": "新增学位630个", "b": "增长5%左右"})
    >>> table[["doc_id", "text", "bound"]].values.tolist()
    [['a', '630个', 'point'], ['b', '5%左右', 'about']]
    """
    frames = [find_numbers_in_text(text, doc_id) for doc_id, text in _iter_texts(documents)]
    if not frames:
        return _to_frame([], "")
    table = pd.concat(frames, ignore_index=True)
    return table.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)


def _iter_texts(documents: object):
    """(doc_id, text) of :func:`tifa.corpus.iter_documents`; mappings in id order."""
    from tifa.corpus import iter_documents

    if isinstance(documents, dict):
        documents = dict(sorted(documents.items()))
    for document in iter_documents(documents):
        yield document.doc_id, document.text


def format_number(value: float, *, style: str = "arabic") -> str:
    """Write a number as it appears in reports; the inverse of :func:`parse_number`.

    Parameters
    ----------
    value : float
        A non-negative number.
    style : {"arabic", "chinese"}
        ``arabic`` writes ``1200`` or ``17.84``; ``chinese`` writes integers
        below 10^12 as Chinese numerals (一千二百).

    Returns
    -------
    str

    Examples
    --------
    >>> format_number(2500, style="chinese")
    '二千五百'
    >>> format_number(100005, style="chinese")
    '十万零五'
    >>> parse_chinese_numeral(format_number(120034, style="chinese"))
    120034.0
    """
    from tifa.errors import check_option

    check_option("style", style, ("arabic", "chinese"))
    if style == "arabic":
        return f"{value:.10g}" if value != int(value) else str(int(value))
    number = int(value)
    if number == 0:
        return "零"
    digits = "零一二三四五六七八九"

    def below_10000(n: int, leading: bool) -> str:
        out = ""
        zero = False
        for place, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = n // place % 10
            if d:
                if zero:
                    out += "零"
                    zero = False
                if not (place == 10 and d == 1 and leading and not out):
                    out += digits[d]
                out += name
            elif out:
                zero = True
        return out

    parts = []
    for place, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = number // place % 10000 if place < 10**8 else number // place
        if chunk:
            if parts and chunk < 1000 and parts[-1] != "零":
                parts.append("零")
            parts.append(below_10000(chunk, leading=not parts) + name)
        elif parts and parts[-1] != "零":
            parts.append("零")
    text = "".join(parts).rstrip("零")
    return text
