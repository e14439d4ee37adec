"""Numeric targets: which numbers are commitments, which are results, and what they measure.

Every numeric expression found by :mod:`tifa.numbers` gets one ``kind``:

``target``
    a quantified commitment about the future (地区生产总值增长6%以上 in a plan
    section, 力争新增市场主体3300户, 到2025年 …);
``masked_target``
    the same with the number masked (完成*个小区改造, X亿元);
``achievement``
    a result already reached (同比增长0.6%, 完成投资17.84亿元 in a review
    section, 去年 …); thresholds inside a result or a target share its kind
    (3亿元以上项目4个: both achievement);
``other``
    dates and years, ages, ordinals in digits (第163名), durations and
    deadlines, plan names (十四五), codes (G323, 5G, 1+1+N), specifications
    (110千伏, 300兆瓦级, 年产2.1万吨), numbers inside short quoted names
    (“10个行动方案”), bare numbers without a unit, glossary entries (名词解释),
    the starting level of a planned change (从8.7万元提高到12万元: 8.7万元),
    rate denominators (每10万人), policy packages (22条措施), counts in Chinese
    numerals that name a programme (十件民生实事), the setting of a speech
    (刚才，5个县区作了表态发言) and masked numbers that are not commitments
    (比全省低*个百分点).

The decision is made from, in this order: the form of the expression and its
immediate neighbours; strong cue words in the same clause, then the same
sentence; time words (去年, 今年, 过去五年, a year before or after the
document's) in the 120 characters before the sentence within its paragraph;
the section label of the document (``review`` → achievement, ``plan`` →
target); time words earlier in the paragraph; weak cue words of the sentence
(完成, 比上年 …; 将, 推进 …); and finally the default ``target``. Every row
records the ``rule`` that decided it and the ``cue`` (the word, or
``section:plan``), with ``cue_start`` (its position, -1 when it is not a word
of the text), so that every decision can be audited against the text. The cue
words are :data:`CUE_WORDS`.

Year cues need the document year (``docvars["year"]``): a year before it is a
past cue, the year itself or a later one (到2025年) a future cue. Plain texts
given without sections are split with :func:`tifa.structure.find_sections`.

Indicators come from the lexicon ``data/indicators.csv`` (``indicator, family,
label, terms, source``): the term nearest before the number in its clause (or
just after it, for counts written before their noun: 22个百亿级项目).

>>> table = find_targets_in_text("全年完成地区生产总值180.39亿元，同比增长0.6%。今年预期目标是：地区生产总值增长6%以上。", year=2023)
>>> table[["text", "kind", "indicator", "bound", "cue"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['180.39亿元', 'achievement', 'gdp', 'point', '完成'],
 ['0.6%', 'achievement', 'gdp', 'point', '同比'],
 ['6%以上', 'target', 'gdp', 'at_least', '预期目标']]
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from tifa.corpus import iter_documents
from tifa.errors import TifaError, check_option
from tifa.numbers import _scan
from tifa.paths import PACKAGE_DATA

__all__ = [
    "KINDS",
    "PRECISIONS",
    "TARGET_COLUMNS",
    "count_target_precision",
    "count_targets",
    "count_targets_by_family",
    "evaluate_against_gold",
    "find_headline_target",
    "find_headline_targets",
    "find_targets",
    "find_targets_in_text",
    "rate_targets",
    "read_indicators",
]

KINDS = ("target", "masked_target", "achievement", "other")
"""The values of the ``kind`` column."""

PRECISIONS = ("point", "bound", "range", "hedge")
"""The values of the ``precision`` column."""

TARGET_COLUMNS = [
    "doc_id", "start", "end", "text", "left", "value", "value_high", "unit", "bound",
    "hedged", "precision", "masked", "value_base", "unit_base", "form", "kind",
    "rule", "cue", "cue_start", "indicator", "family", "section",
]  # fmt: skip
"""Columns of the span table returned by :func:`find_targets_in_text`."""

INDICATORS_CSV = PACKAGE_DATA / "indicators.csv"

# --------------------------------------------------------------------------
# Cue words. Each branch is one class of cue; the branch name is the class.
# --------------------------------------------------------------------------

def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, longest first, factored as a trie.

    Python's engine tries the alternatives of ``a|b|c`` one after the other;
    sharing prefixes (``同(?:比|步)``) makes lexicon matching several times
    faster on long word lists.

    >>> trie_pattern(["同比", "同步", "去年"])
    '(?:去年|同(?:步|比))'
    >>> re.findall(trie_pattern(["目标", "目标是", "预期目标"]), "预期目标是增长")
    ['预期目标']
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return ("(?:" + body + ")" if len(branches) == 1 and len(body) > 1 else body) + "?"
        return body

    return "(?:" + "|".join(
        re.escape(char) + build(child) for char, child in sorted(trie.items())
    ) + ")"


CUE_WORDS: dict[str, tuple[str, ...]] = {
    # comparisons with the past and verbs of completion: weak (plans use them too)
    "past_weak": (
        "比上年", "比上年末", "比去年", "较上年", "较去年", "与上年", "比上一年", "完成", "实现",
        "达到", "建成", "增长了", "提高了", "下降了",
    ),
    # things already done; the time words among them also count from earlier sentences
    "past_time": (
        "今年以来", "一年来", "五年来", "多年来", "近年来", "过去", "去年", "上年", "初步核算",
        "初步统计", "预计全年", "成绩单", "成绩",
    ),
    "past": (
        "年初确定的目标", "年初确定的主要目标", "年初确定的预期目标", "年初确定的主要预期目标",
        "确定的目标", "确定的主要目标", "确定的预期目标", "确定的主要预期目标",
        "同比", "环比", "已经", "已", "累计", "实现了", "完成了", "达到了", "取得了",
        "要清醒", "清醒地看到", "清醒认识到", "清醒地认识到",
    ),
    # the setting of a speech: numbers there are neither results nor commitments
    "background": ("刚才",),
    # firm signs of the future; the time words among them also count from earlier sentences
    "future_time": (
        "主要预期目标", "预期目标", "调控目标", "主要目标", "今年", "明年", "今后", "未来",
    ),
    "future": (
        "目标是", "目标为", "目标定为", "预期为", "预期", "力争", "力求", "年内", "年底前",
        "月底前", "年底", "拟", "确保", "计划要求", "务必", "必须", "要",
    ),
    # weaker signs of the future
    "future_weak": (
        "目标", "争取", "将", "计划", "安排", "继续", "新建", "启动", "推动", "推进", "加快", "实施",
        "开展", "培育", "引进", "打造", "改造", "建设",
    ),
    # words that contain a cue but are none: matched so that the cue inside is skipped
    "none": (
        "全力争取", "重要", "主要", "需要", "首要", "纲要", "摘要", "提要", "只要", "不要", "必要",
        "紧要", "要求", "要素", "要闻", "要点", "要害", "要件", "扼要", "将近", "建议", "上年度",
    ),
}  # fmt: skip
"""Cue words by class: past_time, past, past_weak (achievement); future_time, future,
future_weak (target); none. Time words (``*_time``) count from earlier sentences of the
paragraph too, other strong cues only in the sentence of the number."""

CUE_CLASS: dict[str, str] = {word: cls for cls, words in CUE_WORDS.items() for word in words}
RE_CUE: re.Pattern[str] = re.compile(trie_pattern(CUE_CLASS))
"""All cue words in one pattern (longest match first); :data:`CUE_CLASS` gives the class."""

RE_HEDGE: re.Pattern[str] = re.compile(r"力争|争取|努力|力求|尽力|尽可能|尽量")
"""Hedges that soften a target (the ``hedged`` column)."""

RE_SENTENCE_END: re.Pattern[str] = re.compile(r"[。；;！？!?\n]")
_SENTENCE_END_CODES = np.array([ord(c) for c in "。；;！？!?\n"], dtype=np.uint32)
_CLAUSE_END_CODES = np.array([ord(c) for c in "，,。；;：:！？!?\n"], dtype=np.uint32)
RE_CLAUSE_END: re.Pattern[str] = re.compile(r"[，,。；;：:！？!?\n]")
RE_QUOTED: re.Pattern[str] = re.compile(r"“[^“”\n]{0,20}”")
"""Short quoted names: numbers inside them are names, not quantities."""

RE_SPEC_PREFIX: re.Pattern[str] = re.compile(r"年产|日产|年处理|日处理|年吞吐|年加工|日供水|年发电")
RE_GROWTH: re.Pattern[str] = re.compile(r"增长|增速|速度|增幅|增长率|涨幅")
RE_SHARE: re.Pattern[str] = re.compile(r"比重|比例|占|赤字率|率")
RE_MULTI_YEAR: re.Pattern[str] = re.compile(
    r"年均|平均每年|五年|十年|今后|期间|时期|规划|计划期|十[一二三四五]五|[六七八九]五|到\d{4}年|本世纪末"
)
RE_TWO_DIGIT_YEAR: re.Pattern[str] = re.compile(r"(?:^|[，。；：\n（])(\d{2})年")

_COUNT_UNITS = frozenset(
    "个 家 所 座 项 件 条 辆 台 套 架 艘 列 处 间 张 床 栋 幢 宗 批 场 次 期 种 类 部 篇 册 片 "
    "棵 株 头 只 剂 枚 根 块 支 名 位 户 人 人次 笔 单".split()
)
_MEASURE_UNITS = frozenset(
    "亩 公顷 平方公里 平方千米 平方米 立方米 公里 千米 米 吨 公斤 千克 斤 元 美元 欧元 港元 "
    "港币 日元 千瓦时 千瓦 兆瓦 吉瓦 瓦 标准箱 标箱 km kW MW GW TEU 吨标准煤 吨标煤".split()
)
_POWER_UNITS = frozenset("千瓦 兆瓦 吉瓦 瓦 kW MW GW".split())
_SPEC_UNITS = frozenset("千伏 伏 kV 级".split())
_SERVICE_UNITS = frozenset(("小时", "分钟", "天", "日", "个工作日"))
_PACKAGE_NOUNS = ("举措", "措施", "意见", "政策", "规定", "硬措施", "条款")
RE_GLOSSARY: re.Pattern[str] = re.compile(r"(?m)^(?:附件[0-9一二三]?[：:]?\n?)?(?:名词解释|名词注释|注释|注解)[：:]?$")
"""The heading of a glossary (名词解释): numbers after it define names, they commit to nothing."""
RE_BASELINE_START: re.Pattern[str] = re.compile(r"[从由]\S{0,4}$")
RE_BASELINE_END: re.Pattern[str] = re.compile(
    r"(?:提高|增加|增长|扩大|缩小|降低|下降|减少|压减|提升|调整|上调|下调)?[到至]"
)
_STRUCTURE_NOUNS = ("方面", "部分", "句话", "大类", "个字", "大任务", "大行动", "大工程")
_OTHER_FORMS = frozenset(("date", "duration", "age", "ordinal", "code", "plan_name", "footnote", "time"))

Kind = Literal["target", "masked_target", "achievement", "other"]
By = Literal["document", "section"]


# --------------------------------------------------------------------------
# Indicator lexicon
# --------------------------------------------------------------------------


def read_indicators() -> pd.DataFrame:
    """The indicator lexicon shipped with tifa.

    Returns
    -------
    pandas.DataFrame
        One row per indicator: ``indicator, family, label, terms, source``;
        ``terms`` are the surface forms, separated by ``|``.

    Examples
    --------
    >>> lexicon = read_indicators()
    >>> lexicon.set_index("indicator").loc["gdp", "family"]
    'output'
    >>> bool(lexicon["source"].str.len().gt(0).all())
    True
    """
    with open(INDICATORS_CSV, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return pd.DataFrame(rows, columns=["indicator", "family", "label", "terms", "source"])


@lru_cache(maxsize=1)
def _indicator_index() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    lexicon = read_indicators()
    term_to_indicator: dict[str, tuple[str, str]] = {}
    for row in lexicon.itertuples(index=False):
        for term in row.terms.split("|"):
            term_to_indicator.setdefault(term, (row.indicator, row.family))
    return re.compile(trie_pattern(term_to_indicator)), term_to_indicator


# --------------------------------------------------------------------------
# Classification
# --------------------------------------------------------------------------


def _boundaries(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.end() for m in pattern.finditer(text)]


def _start_of(boundaries: list[int], position: int) -> int:
    """Start of the unit (sentence, clause, paragraph) holding ``position``."""
    index = bisect_right(boundaries, position) - 1
    return boundaries[index] if index >= 0 else 0


def _end_of(boundaries: list[int], position: int) -> int:
    index = bisect_right(boundaries, position)
    return boundaries[index] - 1 if index < len(boundaries) else 1 << 62


def _nearest_cue(
    cue_starts: list[int], cue_rows: list[tuple[int, int, str, str]], low: int, high: int, classes: tuple[str, ...]
) -> tuple[int, int, str, str] | None:
    """Nearest cue of one of ``classes`` wholly inside ``[low, high)``, searching backwards."""
    index = bisect_left(cue_starts, high) - 1
    while index >= 0:
        cue = cue_rows[index]
        if cue[0] < low:
            return None
        if cue[1] <= high and cue[3] in classes:
            return cue
        index -= 1
    return None


def _section_lookup(sections: pd.DataFrame) -> tuple[list[int], list[str]]:
    if len(sections) == 0:
        return [0], ["body"]
    pairs = sorted(zip(sections["start"].tolist(), sections["label"].tolist()))
    return [int(start) for start, _ in pairs], [str(label) for _, label in pairs]


def find_targets_in_text(
    text: str,
    doc_id: str = "",
    sections: pd.DataFrame | None = None,
    *,
    year: int | None = None,
    genre: str | None = None,
) -> pd.DataFrame:
    """Classify every numeric expression of one normalized text.

    Parameters
    ----------
    text : str
        Normalized text.
    doc_id : str, default ""
        Written into the ``doc_id`` column.
    sections : pandas.DataFrame, optional
        The document's sections (``start, end, label``), as
        ``Document.sections``. Without them the review/plan split of a
        government work report is looked for in the headings with
        :func:`tifa.structure.find_sections` (and reported in ``section``).
    year : int, optional
        Year of the document, for year cues (2022年 in a 2023 report is past).
    genre : str, optional
        Genre of the document (unused for now but recorded for symmetry with
        the corpus: speeches and reports are classified by the same rules).

    Returns
    -------
    pandas.DataFrame
        One row per numeric expression, sorted by ``start``, with columns
        :data:`TARGET_COLUMNS`:

        - ``doc_id, start, end, text``: the span in the normalized text;
          ``left``: up to 8 characters before it, whitespace removed;
        - ``value, value_high, unit, bound, masked, value_base, unit_base,
          form``: as in :func:`tifa.numbers.find_numbers_in_text`;
        - ``hedged``: a hedge (力争, 争取, 努力 …) in the clause before it;
        - ``precision``: ``range`` (a range), ``bound`` (at_least/at_most),
          ``hedge`` (about, or hedged), ``point`` otherwise;
        - ``kind``: target, masked_target, achievement, other;
        - ``rule``: what decided the kind: for targets and achievements
          ``clause cue``, ``sentence cue``, ``context cue``, ``section``
          (``inferred section`` for plain texts), ``paragraph cue``,
          ``weak cue`` or ``default``; for other ``form``, ``quoted name``,
          ``no unit``, ``specification``, ``structure``, ``denominator``,
          ``policy package``, ``named count``, ``glossary``, ``baseline`` or
          ``masked, not a commitment``;
        - ``cue``: the cue word (or ``section:plan`` …); ``cue_start``: its
          position in ``text`` (-1 when it is not a word of the text);
        - ``indicator, family``: from the lexicon ("" when none is found);
        - ``section``: the label of ``sections`` at ``start`` (``body`` when
          no sections are given).

    Examples
    --------
    >>> table = find_targets_in_text("今年确保引进博士**人，年底前完成*个小区改造。")
    >>> table[["text", "kind", "cue", "masked"]].values.tolist()
    [['**人', 'masked_target', '确保', True], ['*个', 'masked_target', '年底前', True]]
    """
    del genre
    return _to_frame(_classify_text(text, sections, year), doc_id)


def _windows(rows: list[tuple], unit_ends: list[int], length: int, after: int) -> list[tuple[int, int]]:
    """Merged stretches of text from the start of each quantity's unit (paragraph,
    sentence) to ``after`` characters past it: where cue words and terms are looked for."""
    merged: list[list[int]] = []
    for row in rows:
        if row[10] not in ("quantity", "masked"):
            continue
        low, high = _start_of(unit_ends, row[0]), min(length, row[1] + after)
        if merged and low <= merged[-1][1]:
            if high > merged[-1][1]:
                merged[-1][1] = high
        else:
            merged.append([low, high])
    return [(low, high) for low, high in merged]


def _classify_text(text: str, sections: pd.DataFrame | None, year: int | None) -> list[tuple]:
    """Rows of :data:`TARGET_COLUMNS` (without ``doc_id``) for one text."""
    rows = _scan(text)
    inferred_flag = False
    if sections is None:
        from tifa.structure import find_sections

        sections = find_sections(text, genre="government_work_report")
        inferred_flag = True
    section_starts, section_labels = _section_lookup(sections)

    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    sentence_ends = (np.flatnonzero(np.isin(codes, _SENTENCE_END_CODES)) + 1).tolist()
    clause_ends = (np.flatnonzero(np.isin(codes, _CLAUSE_END_CODES)) + 1).tolist()
    paragraph_ends = (np.flatnonzero(codes == 10) + 1).tolist()
    cue_class = CUE_CLASS
    cue_rows: list[tuple[int, int, str, str]] = []
    for low, high in _windows(rows, paragraph_ends, len(text), 0):
        for m in RE_CUE.finditer(text, low, high):
            word = m.group()
            cls = cue_class[word]
            if cls != "none":
                cue_rows.append((m.start(), m.end(), word, cls))
    indicator_pattern, term_to_indicator = _indicator_index()
    terms: list[tuple[int, int, str]] = []
    for low, high in _windows(rows, sentence_ends, len(text), 16):
        terms.extend((m.start(), m.end(), m.group()) for m in indicator_pattern.finditer(text, low, high))
    term_starts = [t[0] for t in terms]
    glossary = RE_GLOSSARY.search(text)
    glossary_heading = glossary.group().strip().split("\n")[-1] if glossary else ""
    glossary_start = glossary.end() - len(glossary_heading) if glossary else len(text) + 1
    quote_spans = [m.span() for m in RE_QUOTED.finditer(text)]
    quote_starts = [q[0] for q in quote_spans]
    # years named in the text are cues too: before the document's year past, else future
    if year:
        year_rows = [
            (row[0], row[1], row[2], "past_time" if row[3] < year else "future_time")
            for row in rows
            if row[10] == "date" and row[5] == "年" and row[3]
        ]
        for m in RE_TWO_DIGIT_YEAR.finditer(text):
            value = 2000 + int(m.group(1))
            if year - 10 <= value <= year + 5:
                year_rows.append((m.start(1), m.end(), m.group()[-3:], "past_time" if value < year else "future_time"))
        if year_rows:
            cue_rows = sorted(cue_rows + year_rows)
    cue_starts = [c[0] for c in cue_rows]

    out = []
    append = out.append
    previous_indicator = ("", "", -1)  # indicator, family, end of the number it belongs to
    hedge_search = RE_HEDGE.search
    for row in rows:
        start, end, span_text, value, value_high, unit, bound, masked, value_base, unit_base, form = row
        index = bisect_right(section_starts, start) - 1
        section = section_labels[index if index > 0 else 0]
        hedged = False
        indicator = family = ""
        if form == "duration" and unit_base in _SERVICE_UNITS and text.startswith("内", end):
            # a response time inside a commitment (2小时内现场核查) is a quantity, not a deadline
            form, bound, end = "quantity", "at_most", end + 1
            span_text = text[start:end]
        if start >= glossary_start:
            kind, rule, cue, cue_start = "other", "glossary", glossary_heading, glossary_start
        elif form in _OTHER_FORMS:
            kind, rule, cue, cue_start = "other", "form", form, -1
        else:
            clause_start = _start_of(clause_ends, start)
            kind, rule, cue, cue_start = _classify_form(
                text, start, end, unit, unit_base, clause_start, quote_starts, quote_spans
            )
            if kind is None:
                sentence_start = _start_of(sentence_ends, start)
                hedge = hedge_search(text, sentence_start, start)
                hedged = hedge is not None and (hedge.end() > clause_start or hedge.group() == "力争")
                orientation, rule, cue, cue_start = _orientation(
                    start, clause_start, sentence_start, section, inferred_flag,
                    cue_starts, cue_rows, paragraph_ends,
                )  # fmt: skip
                if orientation == "background":
                    kind = "other"
                elif masked and orientation == "past":
                    kind, rule = "other", "masked, not a commitment"
                elif orientation == "past":
                    kind = "achievement"
                elif masked:
                    kind = "masked_target"
                else:
                    kind = "target"
                    baseline = _baseline(text, start, end, clause_start)
                    if baseline is not None:
                        kind, rule, cue, cue_start = "other", "baseline", baseline.group(), baseline.start()
                indicator, family = _link_indicator(
                    text, start, end, unit_base, clause_start, sentence_start, terms, term_starts,
                    term_to_indicator, previous_indicator,
                )  # fmt: skip
                if indicator:
                    previous_indicator = (indicator, family, end)
        if bound == "range":
            precision = "range"
        elif bound == "at_least" or bound == "at_most":
            precision = "bound"
        elif bound == "about" or hedged:
            precision = "hedge"
        else:
            precision = "point"
        left = text[max(0, start - 10) : start]
        if "\n" in left or " " in left:
            left = "".join(left.split())
        append(
            (start, end, span_text, left[-8:], value, value_high, unit, bound, hedged, precision,
             masked, value_base, unit_base, form, kind, rule, cue, cue_start, indicator, family,
             section)
        )  # fmt: skip
    return out


def _classify_form(
    text: str,
    start: int,
    end: int,
    unit: str,
    unit_base: str,
    clause_start: int,
    quote_starts: list[int],
    quote_spans: list[tuple[int, int]],
) -> tuple[str | None, str, str, int]:
    """Decide ``other`` from the expression and its immediate neighbours; None if not other."""
    index = bisect_right(quote_starts, start) - 1
    if index >= 0 and quote_spans[index][0] < start and end < quote_spans[index][1]:
        quote_start, quote_end = quote_spans[index]
        return "other", "quoted name", text[quote_start:quote_end], quote_start
    if not unit:
        return "other", "no unit", "", -1
    if unit_base in _SPEC_UNITS:
        return "other", "specification", unit, text.rfind(unit, start, end)
    after = text[end : end + 4]
    if unit_base in _POWER_UNITS and after[:1] not in ("", "，", "。", "、", "；", "）", "的", "以", "左"):
        unit_start = text.rfind(unit, start, end)
        return "other", "specification", text[unit_start : end + 1], unit_start
    if after[:1] == "级":
        return "other", "specification", "级", end
    if after.startswith(_STRUCTURE_NOUNS):
        return "other", "structure", after[:2], end
    if start and text[start - 1] == "每":
        return "other", "denominator", "每", start - 1
    if unit_base == "条" and after.startswith(_PACKAGE_NOUNS):
        return "other", "policy package", after[:2], end
    first = text[start]
    if (
        unit_base in _COUNT_UNITS
        and not ("0" <= first <= "9" or first in "X×*x")
        and len(text[start:end]) <= 3  # 十件, 十二项: small counts that name a programme
        and "\u4e00" <= after[:1] <= "\u9fff"
        and not after.startswith(("以上", "以下", "以内", "左右"))
    ):
        return "other", "named count", text[start:end] + after[:2], start
    spec = RE_SPEC_PREFIX.search(text, clause_start, start)
    if spec and unit_base in _MEASURE_UNITS:
        return "other", "specification", spec.group(), spec.start()
    return None, "", "", -1


_STRONG = ("past", "past_time", "future", "future_time", "background")
_CONTEXT = ("past_time", "future_time")
CONTEXT_WINDOW = 120
"""How far back (characters, within the paragraph) a strong cue of an earlier sentence counts."""
_WEAK = ("past_weak", "future_weak")


def _orientation(
    start: int,
    clause_start: int,
    sentence_start: int,
    section: str,
    inferred: bool,
    cue_starts: list[int],
    cue_rows: list[tuple[int, int, str, str]],
    paragraph_ends: list[int],
) -> tuple[str, str, str, int]:
    """('past' or 'future', rule, cue, cue_start) for one quantity."""
    cue = _nearest_cue(cue_starts, cue_rows, clause_start, start, _STRONG)
    if cue is not None:
        return _direction(cue[3]), "clause cue", cue[2], cue[0]
    cue = _nearest_cue(cue_starts, cue_rows, sentence_start, clause_start, _STRONG)
    if cue is not None:
        return _direction(cue[3]), "sentence cue", cue[2], cue[0]
    paragraph_start = _start_of(paragraph_ends, start)
    cue = _nearest_cue(
        cue_starts, cue_rows, max(paragraph_start, sentence_start - CONTEXT_WINDOW), sentence_start, _CONTEXT
    )
    if cue is not None:
        return _direction(cue[3]), "context cue", cue[2], cue[0]
    if section in ("review", "plan"):
        rule = "inferred section" if inferred else "section"
        return ("past" if section == "review" else "future"), rule, f"section:{section}", -1
    cue = _nearest_cue(cue_starts, cue_rows, paragraph_start, sentence_start, _CONTEXT)
    if cue is not None:
        return _direction(cue[3]), "paragraph cue", cue[2], cue[0]
    cue = _nearest_cue(cue_starts, cue_rows, sentence_start, start, _WEAK)
    if cue is not None:
        return _direction(cue[3]), "weak cue", cue[2], cue[0]
    return "future", "default", "", -1


def _direction(cue_class: str) -> str:
    if cue_class == "background":
        return "background"
    return "past" if cue_class.startswith("past") else "future"


def _baseline(text: str, start: int, end: int, clause_start: int) -> re.Match[str] | None:
    """The 从/由 that makes a number the starting level of a change (从8.7万元提高到12万元)."""
    opening = RE_BASELINE_START.search(text, max(clause_start, start - 5), start)
    if opening is None:
        return None
    closing = RE_BASELINE_END.match(text, end) or RE_BASELINE_END.match(text, end + 1)
    return opening if closing is not None else None


def _link_indicator(
    text: str,
    start: int,
    end: int,
    unit_base: str,
    clause_start: int,
    sentence_start: int,
    terms: list[tuple[int, int, str]],
    term_starts: list[int],
    term_to_indicator: Mapping[str, tuple[str, str]],
    previous: tuple[str, str, int],
) -> tuple[str, str]:
    """The indicator a number measures: nearest lexicon term in its clause."""
    next_char = text[end : end + 1]
    if unit_base in _COUNT_UNITS and next_char and "\u4e00" <= next_char <= "\u9fff":
        # counts written before their noun: 22个百亿级项目, 10家基层卫生院
        index = bisect_left(term_starts, end)
        clause_end = RE_CLAUSE_END.search(text, end)
        limit = min(end + 12, clause_end.start() if clause_end else len(text))
        if index < len(terms) and terms[index][0] < limit:
            return term_to_indicator[terms[index][2]]
    index = bisect_left(term_starts, start) - 1
    while index >= 0 and terms[index][1] > start:
        index -= 1
    if index >= 0 and terms[index][0] >= clause_start:
        return term_to_indicator[terms[index][2]]
    # nothing in the clause: a growth clause continues the previous number
    # (地区生产总值180.39亿元，同比增长0.6%) or a term just before the comma
    # (今年经济增长速度的宏观调控目标，定为百分之八至九)
    indicator, family, previous_end = previous
    if previous_end >= sentence_start and RE_GROWTH.search(text, clause_start, start):
        return indicator, family
    if (
        index >= 0
        and terms[index][0] >= sentence_start
        and start - terms[index][1] <= 12
        and previous_end < terms[index][0]
    ):
        return term_to_indicator[terms[index][2]]
    return "", ""


def _to_frame(rows: list[tuple], doc_id: str | list[str]) -> pd.DataFrame:
    names = TARGET_COLUMNS[1:]
    columns = list(zip(*rows)) if rows else [[] for _ in names]
    data: dict[str, object] = {"doc_id": [doc_id] * len(rows) if isinstance(doc_id, str) else doc_id}
    dtypes = {
        "start": "int64", "end": "int64", "value": "float64", "value_high": "float64",
        "hedged": "bool", "masked": "bool", "value_base": "float64", "cue_start": "int64",
    }  # fmt: skip
    for name, column in zip(names, columns):
        data[name] = pd.array(column, dtype=dtypes.get(name, object))
    return pd.DataFrame(data, columns=TARGET_COLUMNS)


def _iter_documents(documents: object):
    """(doc_id, text, sections, year, genre) of :func:`tifa.corpus.iter_documents`; mappings in id order."""
    if isinstance(documents, Mapping):
        documents = dict(sorted(documents.items()))
    for document in iter_documents(documents):
        docvars = getattr(document, "docvars", {}) or {}
        year = docvars.get("year")
        try:
            year = int(year) if year is not None and year == year else None
        except (TypeError, ValueError):
            year = None
        yield document.doc_id, document.text, getattr(document, "sections", None), year, docvars.get("genre")


def find_targets(documents: object, *, kinds: Iterable[Kind] | None = None) -> pd.DataFrame:
    """Classify the numeric expressions of every document.

    Parameters
    ----------
    documents : Corpus, iterable of Document, or mapping of doc_id to text
        Documents supply their sections and ``docvars["year"]``.
    kinds : iterable of {"target", "masked_target", "achievement", "other"}, optional
        Keep only these kinds (default: every numeric expression).

    Returns
    -------
    pandas.DataFrame
        The span table of :func:`find_targets_in_text` for all documents,
        sorted by ``doc_id`` and ``start``.

    Examples
    --------
    >>> texts = {"a": "城镇新增就业1100万人以上。", "b": "同比增长8.2%"}
    >>> find_targets(texts, kinds=["target"])[["doc_id", "text", "indicator"]].values.tolist()
    [['a', '1100万人以上', 'new_urban_jobs']]
    """
    rows: list[tuple] = []
    doc_ids: list[str] = []
    for doc_id, text, sections, year, _genre in sorted(_iter_documents(documents), key=lambda d: d[0]):
        found = _classify_text(text, sections, year)
        rows.extend(found)
        doc_ids.extend([doc_id] * len(found))
    table = _to_frame(rows, doc_ids)
    if kinds is not None:
        kinds = list(kinds)
        for kind in kinds:
            check_option("kinds", kind, KINDS)
        table = table[table["kind"].isin(kinds)]
    return table.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------
# The headline growth target
# --------------------------------------------------------------------------

HEADLINE_COLUMNS = [
    "doc_id", "start", "end", "text", "value", "value_high", "unit", "bound", "hedged",
    "indicator", "cue", "multi_year", "sentence",
]  # fmt: skip


def find_headline_target(spans: pd.DataFrame, text: str, *, annual_only: bool = True) -> pd.Series | None:
    """The headline GDP growth target of one government work report.

    Parameters
    ----------
    spans : pandas.DataFrame
        :func:`find_targets_in_text` output for the document.
    text : str
        The document's normalized text.
    annual_only : bool, default True
        Ignore multi-year targets (年均, “十五”期间 …). With ``False`` such a
        target is returned when the report states no annual one, flagged in
        the ``multi_year`` column.

    Returns
    -------
    pandas.Series or None
        The row (columns :data:`HEADLINE_COLUMNS`) of the first growth target
        of GDP (国内生产总值, 地区生产总值, 经济增长) or, before GDP was the
        headline, GNP (国民生产总值), in percent, that is for one year (not a
        five-year average); ``None`` when the report states none.

    Examples
    --------
    >>> text = "去年增长6.6%。今年主要预期目标是：国内生产总值增长6%-6.5%；城镇新增就业1100万人以上。"
    >>> row = find_headline_target(find_targets_in_text(text, year=2019), text)
    >>> row["value"], row["value_high"], row["bound"]
    (6.0, 6.5, 'range')
    """
    candidates = spans[
        spans["kind"].eq("target")
        & spans["indicator"].isin(["gdp", "gnp"])
        & spans["unit"].eq("%")
    ]
    sentence_ends = _boundaries(RE_SENTENCE_END, text)
    best = None
    best_score = None
    for order, row in enumerate(candidates.itertuples(index=False)):
        sentence_start = _start_of(sentence_ends, row.start)
        clause_start = _start_of(_boundaries(RE_CLAUSE_END, text[: row.start]), row.start)
        before = text[max(sentence_start, row.start - 40) : row.start]
        if RE_SHARE.search(text, clause_start, row.start) and not RE_GROWTH.search(text, clause_start, row.start):
            continue  # a share of GDP, not its growth
        if not RE_GROWTH.search(before):
            continue
        sentence = text[sentence_start : _end_of(sentence_ends, row.start) + 1]
        multi_year = RE_MULTI_YEAR.search(text, sentence_start, row.start) is not None
        if multi_year and annual_only:
            continue
        score = (multi_year, "目标" not in sentence and "预期" not in sentence and "计划" not in sentence, order)
        if best_score is None or score < best_score:
            best_score = score
            best = (row, sentence)
    if best is None:
        return None
    row, sentence = best
    return pd.Series(
        {
            "doc_id": row.doc_id, "start": row.start, "end": row.end, "text": row.text,
            "value": row.value, "value_high": row.value_high, "unit": row.unit,
            "bound": row.bound, "hedged": row.hedged, "indicator": row.indicator,
            "cue": row.cue, "multi_year": best_score[0], "sentence": sentence.strip(),
        }  # fmt: skip
    )


def find_headline_targets(documents: object, *, annual_only: bool = True) -> pd.DataFrame:
    """One row per document: its headline GDP growth target (NaN value when none).

    Parameters
    ----------
    documents : Corpus, iterable of Document, or mapping of doc_id to text
    annual_only : bool, default True
        As in :func:`find_headline_target`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`HEADLINE_COLUMNS`, one row per document, sorted by
        ``doc_id``; documents that state no growth target have NaN ``value``
        and an empty ``text``.

    Examples
    --------
    >>> texts = {"cn-2017": "今年发展的主要预期目标是：国内生产总值增长6.5%左右，在实际工作中争取更好结果。"}
    >>> find_headline_targets(texts)[["doc_id", "value", "bound"]].values.tolist()
    [['cn-2017', 6.5, 'about']]
    """
    rows = []
    for doc_id, text, sections, year, genre in _iter_documents(documents):
        spans = find_targets_in_text(text, doc_id, sections, year=year, genre=genre)
        row = find_headline_target(spans, text, annual_only=annual_only)
        if row is None:
            row = pd.Series(
                {
                    "doc_id": doc_id, "start": -1, "end": -1, "text": "", "value": np.nan,
                    "value_high": np.nan, "unit": "", "bound": "", "hedged": False, "indicator": "",
                    "cue": "", "multi_year": False, "sentence": "",
                }  # fmt: skip
            )
        rows.append(row)
    table = pd.DataFrame(rows, columns=HEADLINE_COLUMNS)
    return table.sort_values("doc_id", kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------


def _characters(documents: object, by: By) -> pd.DataFrame:
    from tifa.measures import count_characters

    rows = []
    for doc_id, text, sections, _year, _genre in _iter_documents(documents):
        if by == "document" or sections is None or len(sections) == 0:
            rows.append((doc_id, "all" if by == "document" else "body", count_characters(text)))
        else:
            counts: dict[str, int] = {}
            for section in sections.itertuples(index=False):
                counts[section.label] = counts.get(section.label, 0) + count_characters(
                    text[section.start : section.end]
                )
            rows.extend((doc_id, label, count) for label, count in sorted(counts.items()))
    return pd.DataFrame(rows, columns=["doc_id", "section", "characters"])


def rate_targets(spans: pd.DataFrame, documents: object, *, by: By = "document") -> pd.DataFrame:
    """Numeric-target density per 10,000 characters, per document or per section.

    Parameters
    ----------
    spans : pandas.DataFrame
        :func:`find_targets` output for ``documents``.
    documents : Corpus, iterable of Document, or mapping of doc_id to text
        The same documents (for character counts, sections and docvars).
    by : {"document", "section"}
        One row per document, or per document and section label.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, section`` (``all`` when ``by="document"``),
        ``characters`` (counted as in :func:`tifa.measures.count_characters`),
        ``n_numbers`` (every numeric expression), ``n_target``,
        ``n_masked_target``, ``n_achievement``, ``n_other``, ``n_targets``
        (target + masked_target), ``target_rate`` and ``achievement_rate``
        (per 10,000 characters), ``masked_share`` (masked targets / all
        targets, NaN without targets), then the docvars of the documents when
        they have any (joinable for group comparisons).

    Examples
    --------
    >>> texts = {"a": "今年地区生产总值增长6%以上，完成*个小区改造。去年增长5%。"}
    >>> table = rate_targets(find_targets(texts), texts)
    >>> row = table.iloc[0]
    >>> int(row["n_targets"]), int(row["n_achievement"]), float(row["masked_share"])
    (2, 1, 0.5)
    """
    check_option("by", by, ("document", "section"))
    from tifa.measures import rate_per_10k

    base = _characters(documents, by)
    spans = spans[spans["doc_id"].isin(base["doc_id"])]
    keys = ["doc_id"] if by == "document" else ["doc_id", "section"]
    counts = pd.crosstab([spans[k] for k in keys], spans["kind"]) if len(spans) else pd.DataFrame()
    counts = counts.reindex(columns=list(KINDS), fill_value=0)
    counts.columns = [f"n_{kind}" for kind in KINDS]
    counts = counts.reset_index()
    table = base.merge(counts, on=keys, how="left") if len(counts) else base.copy()
    for kind in KINDS:
        column = f"n_{kind}"
        if column not in table:
            table[column] = 0
        table[column] = table[column].fillna(0).astype("int64")
    table["n_numbers"] = table[[f"n_{kind}" for kind in KINDS]].sum(axis=1)
    table["n_targets"] = table["n_target"] + table["n_masked_target"]
    table["target_rate"] = [rate_per_10k(n, c) for n, c in zip(table["n_targets"], table["characters"])]
    table["achievement_rate"] = [
        rate_per_10k(n, c) for n, c in zip(table["n_achievement"], table["characters"])
    ]
    table["masked_share"] = np.where(
        table["n_targets"] > 0, table["n_masked_target"] / table["n_targets"].where(table["n_targets"] > 0), np.nan
    )
    columns = ["doc_id", "section", "characters", "n_numbers", "n_target", "n_masked_target",
               "n_achievement", "n_other", "n_targets", "target_rate", "achievement_rate",
               "masked_share"]  # fmt: skip
    table = table[columns]
    return _join_docvars(table, documents).sort_values(keys, kind="stable").reset_index(drop=True)


def count_targets(documents: object, *, spans: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per-document target measures, for a profile of each document.

    Parameters
    ----------
    documents : Corpus, iterable of Document, or mapping of doc_id to text
    spans : pandas.DataFrame, optional
        :func:`find_targets` output, when it was computed already.

    Returns
    -------
    pandas.DataFrame
        One row per document: ``doc_id, n_targets`` (targets and masked
        targets), ``n_masked_targets``, ``n_achievements``, ``target_rate``,
        ``achievement_rate`` (per 10,000 characters) and ``masked_share``.
        :func:`rate_targets` gives the same with docvars, or per section.

    Examples
    --------
    >>> row = count_targets({"a": "今年新增学位630个，完成*个小区改造。"}).iloc[0]
    >>> int(row["n_targets"]), int(row["n_masked_targets"]), float(row["masked_share"])
    (2, 1, 0.5)
    """
    if spans is None:
        spans = find_targets(documents)
    table = rate_targets(spans, documents, by="document")
    table = table.rename(
        columns={"n_masked_target": "n_masked_targets", "n_achievement": "n_achievements"}
    )
    columns = ["doc_id", "n_targets", "n_masked_targets", "n_achievements", "target_rate",
               "achievement_rate", "masked_share"]  # fmt: skip
    return table[columns]


def _join_docvars(table: pd.DataFrame, documents: object) -> pd.DataFrame:
    docvars = getattr(documents, "docvars", None)
    if isinstance(docvars, pd.DataFrame) and len(docvars):
        extra = docvars.drop(columns=[c for c in docvars.columns if c in table.columns], errors="ignore")
        return table.merge(extra, left_on="doc_id", right_index=True, how="left")
    return table


def count_target_precision(spans: pd.DataFrame) -> pd.DataFrame:
    """How precise each document's targets are: counts and shares by precision.

    Parameters
    ----------
    spans : pandas.DataFrame
        :func:`find_targets` output.

    Returns
    -------
    pandas.DataFrame
        One row per document and precision (point, bound, range, hedge) for
        targets and masked targets: ``doc_id, precision, n, share`` (share of
        the document's targets).

    Examples
    --------
    >>> spans = find_targets({"a": "今年增长6%以上，增长5%左右，增长6.5%-7%，新增学位630个。"})
    >>> count_target_precision(spans)[["precision", "n"]].values.tolist()
    [['point', 1], ['bound', 1], ['range', 1], ['hedge', 1]]
    """
    targets = spans[spans["kind"].isin(["target", "masked_target"])]
    doc_ids = sorted(targets["doc_id"].unique())
    index = pd.MultiIndex.from_product([doc_ids, list(PRECISIONS)], names=["doc_id", "precision"])
    counts = targets.groupby(["doc_id", "precision"]).size().reindex(index, fill_value=0)
    table = counts.rename("n").reset_index()
    totals = table.groupby("doc_id")["n"].transform("sum")
    table["share"] = table["n"] / totals
    return table


def count_targets_by_family(spans: pd.DataFrame) -> pd.DataFrame:
    """Targets per indicator family and document.

    Parameters
    ----------
    spans : pandas.DataFrame
        :func:`find_targets` output.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, family, n, share``: targets (masked or not) per family
        (``""`` when no indicator was linked), sorted by document and family.

    Examples
    --------
    >>> spans = find_targets({"a": "今年地区生产总值增长6%以上，城镇新增就业1500人以上。"})
    >>> count_targets_by_family(spans)[["family", "n"]].values.tolist()
    [['employment', 1], ['output', 1]]
    """
    targets = spans[spans["kind"].isin(["target", "masked_target"])]
    table = targets.groupby(["doc_id", "family"]).size().rename("n").reset_index()
    table["share"] = table["n"] / table.groupby("doc_id")["n"].transform("sum")
    return table.sort_values(["doc_id", "family"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------
# Evaluation against hand annotation
# --------------------------------------------------------------------------


def _locate_gold(gold: pd.DataFrame, text: str) -> list[tuple[int, int] | None]:
    """Spans of gold rows (left + text) in ``text``, ignoring whitespace."""
    kept = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    positions = [i for i, _ in kept]
    squeezed = "".join(c for _, c in kept)
    used: set[int] = set()
    spans: list[tuple[int, int] | None] = []
    for row in gold.itertuples(index=False):
        left = re.sub(r"\s+", "", str(row.left) if row.left == row.left else "")
        body = re.sub(r"\s+", "", str(row.text))
        needle = left + body
        found = None
        search_from = 0
        while True:
            at = squeezed.find(needle, search_from)
            if at < 0:
                break
            begin = at + len(left)
            if begin not in used:
                found = begin
                break
            search_from = at + 1
        if found is None or not body:
            spans.append(None)
            continue
        used.add(found)
        spans.append((positions[found], positions[found + len(body) - 1] + 1))
    return spans


def evaluate_against_gold(
    pred: pd.DataFrame, gold: pd.DataFrame, documents: object | None = None
) -> pd.DataFrame:
    """Precision, recall and F1 per kind of a span table against hand annotation.

    Parameters
    ----------
    pred : pandas.DataFrame
        :func:`find_targets` output (``doc_id, start, end, text, left, kind``).
    gold : pandas.DataFrame
        Hand annotation: ``doc_id, left, text, kind`` (and ``value, value_high,
        unit, bound``); ``left`` is up to 8 characters before ``text``,
        whitespace removed.
    documents : Corpus, iterable of Document, or mapping of doc_id to text, optional
        The documents, to locate gold rows in their text. Without them the
        gold rows are located in the text around each prediction
        (``left + text`` of the prediction), which finds the same matches
        unless two expressions share their context.

    Returns
    -------
    pandas.DataFrame
        One row per kind (and ``all``): ``kind, n_gold, n_pred, n_matched,
        precision, recall, f1``, plus ``value_agreement`` and
        ``bound_agreement`` (share of matched pairs whose gold ``value`` /
        ``bound`` equal the prediction's, where the gold has them) and
        ``unlocated`` (gold rows whose text was not found). Only documents
        present in ``gold`` are scored. A prediction matches a gold row of
        the same document and kind when their spans overlap; each row is
        matched at most once.

    Examples
    --------
    >>> texts = {"d": "去年增长0.6%。今年增长6%以上。"}
    >>> gold = pd.DataFrame({"doc_id": ["d", "d"], "left": ["去年增长", "今年增长"],
    ...     "text": ["0.6%", "6%以上"], "kind": ["achievement", "target"]})
    >>> result = evaluate_against_gold(find_targets(texts), gold, texts)
    >>> result.set_index("kind").loc["target", ["precision", "recall", "f1"]].tolist()
    [1.0, 1.0, 1.0]
    """
    doc_ids = sorted(set(gold["doc_id"]))
    pred = pred[pred["doc_id"].isin(doc_ids)]
    texts = _texts_of(documents, doc_ids) if documents is not None else None
    matched_pairs: list[tuple[int, int]] = []
    gold_spans: dict[int, tuple[int, int] | None] = {}
    for doc_id in doc_ids:
        gold_doc = gold[gold["doc_id"] == doc_id]
        pred_doc = pred[pred["doc_id"] == doc_id]
        if texts is not None:
            if doc_id not in texts:
                raise TifaError(f"gold names document {doc_id!r}, which is not among the documents given")
            located = _locate_gold(gold_doc, texts[doc_id])
        else:
            located = _locate_from_predictions(gold_doc, pred_doc)
        for gold_index, span in zip(gold_doc.index, located):
            gold_spans[gold_index] = span
        used_pred: set[int] = set()
        for gold_index, span in zip(gold_doc.index, located):
            if span is None:
                continue
            kind = gold.at[gold_index, "kind"]
            candidates = pred_doc[
                (pred_doc["start"] < span[1]) & (pred_doc["end"] > span[0]) & (pred_doc["kind"] == kind)
            ]
            for pred_index in candidates.index:
                if pred_index not in used_pred:
                    used_pred.add(pred_index)
                    matched_pairs.append((gold_index, pred_index))
                    break
    rows = []
    for kind in list(KINDS) + ["all"]:
        gold_kind = gold if kind == "all" else gold[gold["kind"] == kind]
        pred_kind = pred if kind == "all" else pred[pred["kind"] == kind]
        pairs = [(g, p) for g, p in matched_pairs if kind == "all" or gold.at[g, "kind"] == kind]
        n_gold, n_pred, n_matched = len(gold_kind), len(pred_kind), len(pairs)
        precision = n_matched / n_pred if n_pred else np.nan
        recall = n_matched / n_gold if n_gold else np.nan
        f1 = 2 * precision * recall / (precision + recall) if n_matched else (0.0 if n_gold or n_pred else np.nan)
        rows.append(
            {
                "kind": kind, "n_gold": n_gold, "n_pred": n_pred, "n_matched": n_matched,
                "precision": precision, "recall": recall, "f1": f1,
                "value_agreement": _agreement(gold, pred, pairs, "value"),
                "bound_agreement": _agreement(gold, pred, pairs, "bound"),
                "unlocated": sum(1 for g in gold_kind.index if gold_spans.get(g) is None),
            }  # fmt: skip
        )
    return pd.DataFrame(rows)


def _agreement(gold: pd.DataFrame, pred: pd.DataFrame, pairs: list[tuple[int, int]], column: str) -> float:
    if column not in gold.columns:
        return np.nan
    agree = total = 0
    for g, p in pairs:
        expected = gold.at[g, column]
        if expected is None or expected != expected or expected == "":
            continue
        total += 1
        got = pred.at[p, column]
        if column == "value":
            try:
                agree += got == got and abs(float(expected) - float(got)) < 1e-9
            except (TypeError, ValueError):
                pass
        else:
            agree += str(expected) == str(got)
    return agree / total if total else np.nan


def _texts_of(documents: object, doc_ids: list[str]) -> dict[str, str]:
    return {doc_id: text for doc_id, text, *_ in _iter_documents(documents) if doc_id in set(doc_ids)}


def _locate_from_predictions(gold_doc: pd.DataFrame, pred_doc: pd.DataFrame) -> list[tuple[int, int] | None]:
    """Locate gold rows using the ``left`` context that predictions carry."""
    if "left" not in pred_doc.columns:
        raise TifaError("pass `documents` (or predictions with a `left` column) to locate gold spans")
    windows = []
    for row in pred_doc.itertuples(index=False):
        windows.append((row.start - len(row.left), row.left + row.text, row.start))
    spans: list[tuple[int, int] | None] = []
    for row in gold_doc.itertuples(index=False):
        left = re.sub(r"\s+", "", str(row.left) if row.left == row.left else "")
        body = re.sub(r"\s+", "", str(row.text))
        found = None
        for window_start, window, _ in windows:
            # align the gold string on the prediction's string
            for shift in range(-len(left + body) + 1, len(window)):
                a_from, b_from = max(0, shift), max(0, -shift)
                length = min(len(window) - a_from, len(left + body) - b_from)
                if length >= min(4, len(body)) and window[a_from : a_from + length] == (left + body)[
                    b_from : b_from + length
                ]:
                    begin = window_start + shift + len(left)
                    if b_from <= len(left) + len(body) - 1:
                        found = (begin, begin + len(body))
                        break
            if found:
                break
        spans.append(found)
    return spans

