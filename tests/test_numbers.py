"""Numeral parsing: Arabic, Chinese and mixed numbers, ranges, bounds, units, masks."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tifa.errors import OptionError
from tifa.numbers import (
    RE_NUMBER,
    find_numbers,
    find_numbers_in_text,
    format_number,
    iter_matches,
    parse_chinese_numeral,
    parse_expression,
    parse_number,
)


def only(text: str):
    """The single expression found in ``text`` (fails when there are more or none)."""
    table = find_numbers_in_text(text)
    assert len(table) == 1, table[["text", "kind"]].values.tolist()
    return table.iloc[0]


# --------------------------------------------------------------------------
# The examples of the issue
# --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value", "unit", "bound"),
    [
        ("地区生产总值增长6%以上", 6.0, "%", "at_least"),
        ("新增学位630个", 630.0, "个", "point"),
        ("完成墾造水田2500畝以上".replace("墾", "垦").replace("畝", "亩"), 2500.0, "亩", "at_least"),
        ("同比增长0.6%", 0.6, "%", "point"),
        ("完成投资17.84亿元", 17.84, "亿元", "point"),
        ("城镇登记失业率控制在3%以内", 3.0, "%", "at_most"),
        ("增长5%左右", 5.0, "%", "about"),
        ("技能培训不少于2000人次", 2000.0, "人次", "at_least"),
        ("绩效占比不低于60%", 60.0, "%", "at_least"),
        ("税收低于5万元", 5.0, "万元", "at_most"),
        ("挣取用地指标约400亩", 400.0, "亩", "about"),
        ("港口吞吐能力近2600万吨", 2600.0, "万吨", "about"),
        ("企业超过830万户", 830.0, "万户", "at_least"),
        ("实际金额达到330多亿美元", 330.0, "亿美元", "at_least"),
        ("取得重要科技成果26000多项", 26000.0, "项", "at_least"),
        ("1.4万亿元", 1.4, "万亿元", "point"),
        ("5000万元", 5000.0, "万元", "point"),
        ("8万亩", 8.0, "万亩", "point"),
        ("新能源装机300兆瓦", 300.0, "兆瓦", "point"),
        ("新增电源装机3000万千瓦", 3000.0, "万千瓦", "point"),
        ("新建燃气管网22.9公里", 22.9, "公里", "point"),
        ("产量10.97万吨", 10.97, "万吨", "point"),
        ("外汇储备增长1.4倍", 1.4, "倍", "point"),
        ("提高0.2个百分点", 0.2, "个百分点", "point"),
        ("总额1,200亿元", 1200.0, "亿元", "point"),
    ],
)
def test_issue_examples(text, value, unit, bound):
    row = only(text)
    assert (row["value"], row["unit"], row["bound"]) == (value, unit, bound)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("一千二百人", 1200.0, "人"),
        ("两千五百万元", 2500.0, "万元"),
        ("百分之三十六点九", 36.9, "%"),
        ("增长四点二倍", 4.2, "倍"),
        ("百分之十一点八", 11.8, "%"),
        ("减产一百二十亿公斤", 120.0, "亿公斤"),
        ("三个百分点", 3.0, "个百分点"),
        ("翻两番", 2.0, "番"),
        ("十件民生实事", 10.0, "件"),
    ],
)
def test_chinese_numerals(text, value, unit):
    row = only(text)
    assert (row["value"], row["unit"]) == (value, unit)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("十几个", 11.0, 19.0),
        ("数十个国家", 20.0, 90.0),
        ("三四十个", 30.0, 40.0),
    ],
)
def test_vague_chinese_numerals_are_ranges(text, low, high):
    row = only(text)
    assert (row["value"], row["value_high"], row["bound"]) == (low, high, "range")


def test_upper_hundreds():
    row = only("上百家企业")
    assert (row["value"], row["unit"]) == (100.0, "家")


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("5-6个", 5.0, 6.0, "个"),
        ("6.5%-7%", 6.5, 7.0, "%"),
        ("6.5%－7%".replace("－", "-"), 6.5, 7.0, "%"),
        ("百分之八至九", 8.0, 9.0, "%"),
        ("8—9%", 8.0, 9.0, "%"),
        ("增长8%到9%", 8.0, 9.0, "%"),
        ("百分之四至百分之五", 4.0, 5.0, "%"),
        ("1000万-1200万人", 1000.0, 1200.0, "万人"),
    ],
)
def test_ranges(text, low, high, unit):
    row = only(text)
    assert (row["value"], row["value_high"], row["unit"], row["bound"]) == (low, high, unit, "range")


@pytest.mark.parametrize(
    ("text", "unit"),
    [("完成*个小区改造", "个"), ("投资X亿元", "亿元"), ("引进博士**人", "人"),
     ("整治*万亩", "万亩"), ("比全省低*个百分点", "个百分点"), ("新增XX家", "家"), ("增长×%", "%")],
)  # fmt: skip
def test_masked_numbers(text, unit):
    row = only(text)
    assert row["masked"] and row["kind"] == "masked" and row["unit"] == unit
    assert math.isnan(row["value"])


@pytest.mark.parametrize("text", ["*市正处在关键期", "XX同志指出", "×××同志"])
def test_masks_without_unit_are_names(text):
    assert find_numbers_in_text(text).empty


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("2023年2月22日", "date"),
        ("2022年工作回顾", "date"),
        ("二〇二三年", "date"),
        ("6月底前", "date"),
        ("连续3年", "duration"),
        ("3个月", "duration"),
        ("60岁以上人群", "age"),
        ("排名第163名", "ordinal"),
        ("G323线", "code"),
        ("PM2.5", "code"),
        ("5G基站", "code"),
        ("“1+1+N”工作体系", "code"),
        ("“十四五”规划", "plan_name"),
        ("“九五”计划", "plan_name"),
        ("三分之一", "fraction"),
        ("连续四年", "duration"),
        ("9:00", "time"),
    ],
)
def test_forms_that_are_not_quantities(text, kind):
    assert find_numbers_in_text(text)["kind"].iloc[0] == kind


@pytest.mark.parametrize(
    "text",
    ["十分重要", "千方百计", "千家万户", "万一", "百姓", "十百千计划", "一点一滴", "党的二十大",
     "第十六届", "市委十四届三次全会", "〔1〕", "﹝11﹞", "一是", "两个维护", "三年级"],
)  # fmt: skip
def test_words_that_look_like_numbers(text):
    assert find_numbers_in_text(text).empty


@pytest.mark.parametrize(
    ("text", "value", "unit"), [("三分之一", 0.3333, ""), ("超过一半", 0.5, ""), ("百分之一", 1.0, "%")]
)
def test_fractions(text, value, unit):
    row = only(text)
    assert (row["value"], row["unit"]) == (value, unit)


@pytest.mark.parametrize(
    ("text", "span", "bound"),
    [
        ("村集体收入全部突破*万元", "*万元", "at_least"),
        ("必须招引过10亿元项目", "10亿元", "at_least"),
        ("税收低于5万元/亩的企业", "5万元/亩", "at_most"),
        ("企业超过830万户", "超过830万户", "at_least"),
        ("通过3年努力", "3年", "point"),
    ],
)
def test_comparative_verbs_bound_but_stay_outside(text, span, bound):
    row = only(text)
    assert (row["text"], row["bound"]) == (span, bound)


def test_units_per_unit():
    row = only("水价3-5分/立方米")
    assert (row["value"], row["value_high"], row["unit"]) == (3.0, 5.0, "分/立方米")
    assert only("税收5万元/亩")["unit_base"] == "元/亩"


def test_codes_carry_letters_as_unit():
    assert find_numbers_in_text("G323线")[["value", "unit"]].values.tolist() == [[323.0, "G"]]
    assert find_numbers_in_text("PM2.5浓度")[["value", "unit"]].values.tolist() == [[2.5, "PM"]]


def test_multiplier_goes_into_unit_and_base_value():
    row = only("实际使用外资1383亿美元")
    assert (row["unit"], row["unit_base"], row["value_base"]) == ("亿美元", "美元", 1383e8)
    row = only("两千五百万元")
    assert (row["unit_base"], row["value_base"]) == ("元", 25e6)


def test_prefix_bound_is_part_of_the_span():
    text = "技能培训不少于2000人次。"
    row = only(text)
    assert text[row["start"] : row["end"]] == row["text"] == "不少于2000人次"


def test_parse_expression_and_number():
    assert parse_expression("增长5%左右")[:4] == (5.0, None, "%", "about")
    assert parse_number("1.4万亿") == (1.4e12, None)
    assert parse_number("X万") == (None, None)
    with pytest.raises(ValueError):
        parse_expression("没有数字")


def test_format_number_rejects_unknown_style():
    with pytest.raises(OptionError):
        format_number(3, style="roman")


# --------------------------------------------------------------------------
# Round trips of generated numbers
# --------------------------------------------------------------------------

UNITS = ["个", "人", "亩", "万亩", "亿元", "万元", "公里", "家", "%", "吨", "户", "辆", "所"]


def test_a_number_written_in_yi_and_wan_is_one_number_in_yi():
    """二十三亿一千四百零七万个 is 23.1407 亿个 (2,314,070,000), not 2,300,001,407 万个."""
    row = only("新增二十三亿一千四百零七万个。")
    assert (row["value"], row["unit"], row["value_base"]) == (23.1407, "亿个", 2314070000)
    row = only("总人口十三亿五千万人。")
    assert (row["value_base"], row["unit"]) == (1.35e9, "亿人")
    row = only("投资两千五百万元。")  # a number of 万 alone keeps 万 in its unit
    assert (row["value"], row["unit"]) == (2500, "万元")
    # national report 1954: 多 and 余 between the part after 亿 and its 万
    row = only("收入二十五亿七千多万元。")
    assert (row["value_base"], row["unit"], row["bound"]) == (2.57e9, "亿元", "at_least")
    row = only("耕地一亿六千余万亩。")
    assert (row["value_base"], row["unit"]) == (1.6e8, "亿亩")
    # national report 1964: no unit the extractor knows follows, and the number is still one
    rows = find_numbers_in_text("借款和应付利息共计十四亿零六百万新卢布")
    assert rows[["text", "value_base"]].values.tolist() == [["十四亿零六百万", 1.406e9]]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=10, max_value=10**12 - 1), st.sampled_from(UNITS))
def test_round_trip_chinese_integers(number, unit):
    # single Chinese digits (一个, 两项) are words, not quantities: numbers start at 十
    numeral = format_number(number, style="chinese")
    assert parse_chinese_numeral(numeral) == number
    # "…亿万亩" reads as the word 亿万 (hundreds of millions), not 亿 + 万亩, and "一亿零一万亩" as
    # 一亿零一万 + 亩, not 一亿零一 + 万亩: no text writes a number of 亿 before a unit of 万
    assume(not ("亿" in numeral and unit.startswith("万")))
    row = only(f"新增{numeral}{unit}。")
    written_factor = {"万": 1e4, "亿": 1e8}.get(unit[:1], 1)
    assert row["value_base"] == pytest.approx(number * written_factor)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=99),
    st.booleans(),
    st.sampled_from(UNITS),
)
def test_round_trip_arabic_numbers(whole, hundredths, separators, unit):
    value = whole + hundredths / 100
    written = f"{whole:,}" if separators else str(whole)
    if hundredths:
        written += f".{hundredths:02d}"
    row = only(f"完成{written}{unit}，")
    assert row["value"] == pytest.approx(value)
    assert row["unit"] == unit and row["bound"] == "point"


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["-", "~", "—", "至", "到"]),
    st.sampled_from(["以上", "以内", "左右", ""]),
)
def test_round_trip_percent_ranges(low, width, separator, suffix):
    a, b = low / 10, (low + width) / 10
    row = only(f"增长{format_number(a)}%{separator}{format_number(b)}%")
    assert (row["value"], row["value_high"], row["unit"], row["bound"]) == (a, b, "%", "range")
    if suffix:
        bound = {"以上": "at_least", "以内": "at_most", "左右": "about"}[suffix]
        assert only(f"增长{format_number(a)}%{suffix}")["bound"] == bound


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿", "万亿"]), st.sampled_from(["元", "人", "亩", "吨"]))
def test_round_trip_multipliers(number, multiplier, unit):
    row = only(f"总计{number}{multiplier}{unit}。")
    factor = {"万": 1e4, "亿": 1e8, "万亿": 1e12}[multiplier]
    assert row["unit"] == multiplier + unit and row["unit_base"] == unit
    assert row["value_base"] == pytest.approx(number * factor)


# --------------------------------------------------------------------------
# Real text
# --------------------------------------------------------------------------

def test_candidate_scan_equals_plain_finditer_on_seeds(seeds):
    for document in seeds:
        fast = [m.span() for m in iter_matches(document.text)]
        plain = [m.span() for m in RE_NUMBER.finditer(document.text)]
        assert fast == plain, document.doc_id


def test_find_numbers_on_seeds(seeds):
    table = find_numbers(seeds)
    assert list(table["doc_id"].unique()) == sorted(d.doc_id for d in seeds)
    assert table.groupby("doc_id")["start"].apply(lambda s: s.is_monotonic_increasing).all()
    by_doc = {doc.doc_id: doc.text for doc in seeds}
    assert all(by_doc[d][s:e] == t for d, s, e, t in table[["doc_id", "start", "end", "text"]].values)
    lianzhou = table[table["doc_id"].str.startswith("001")]
    assert {"180.39亿元", "6%以上", "630个", "2500亩以上", "17.84亿元"} <= set(lianzhou["text"])
    template = table[table["doc_id"].str.startswith("004")]
    assert template["masked"].sum() >= 15
    assert set(template.loc[template["masked"], "text"]) >= {"*个", "**人", "*万亩", "**部以上"}
