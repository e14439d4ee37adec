"""Targets, achievements and the rest: classification, indicators, headline targets, measures."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tifa.datasets import load_national, load_seeds
from tifa.errors import OptionError, TifaError
from tifa.numbers import BOUNDS
from tifa.targets import (
    KINDS,
    PRECISIONS,
    TARGET_COLUMNS,
    count_target_precision,
    count_targets_by_family,
    evaluate_against_gold,
    find_headline_targets,
    find_targets,
    find_targets_in_text,
    rate_targets,
    read_indicators,
)

LIANZHOU = "001_ab862bf384cb27d5"
TEMPLATE = "004_887235e958cf192e"


@pytest.fixture(scope="module")
def seeds():
    return load_seeds()


@pytest.fixture(scope="module")
def seed_spans(seeds):
    return find_targets(seeds)


@pytest.fixture(scope="module")
def national():
    return load_national()


def row_of(spans: pd.DataFrame, doc_id: str, left: str, text: str) -> pd.Series:
    """The span of ``doc_id`` whose text is ``text`` and whose left context ends with ``left``."""
    hits = spans[(spans["doc_id"] == doc_id) & (spans["text"] == text) & spans["left"].str.endswith(left)]
    assert len(hits) == 1, (left, text, hits[["left", "text", "kind"]].values.tolist())
    return hits.iloc[0]


# --------------------------------------------------------------------------
# The 2023 Lianzhou report (seed 001): review and plan sections
# --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("left", "text", "kind", "indicator", "bound"),
    [
        ("生产总值", "180.39亿元", "achievement", "gdp", "point"),
        ("同比增长", "0.6%", "achievement", "gdp", "point"),
        ("总额同比增长", "8.2%", "achievement", "foreign_trade", "point"),
        ("分别同比增长", "4.0%", "achievement", "disposable_income", "point"),
        ("完成投资", "17.84亿元", "achievement", "project_investment", "point"),
        ("其中", "3亿元以上", "achievement", "", "at_least"),
        ("其中投资", "5000万元以上", "target", "project_investment", "at_least"),
        ("新增就业", "1738人", "achievement", "new_urban_jobs", "point"),
        ("失业率控制在", "3.0%以内", "achievement", "unemployment_registered", "at_most"),
        ("生产总值增长", "6%以上", "target", "gdp", "at_least"),
        ("资产投资增长", "8%", "target", "fixed_asset_investment", "point"),
        ("价格涨幅控制在", "3%以内", "target", "cpi", "at_most"),
        ("垦造水田", "2500亩以上", "target", "farmland_creation", "at_least"),
        ("高标准农田", "2.31万亩", "target", "high_standard_farmland", "point"),
        ("新增学位", "630个", "target", "school_places", "point"),
        ("新增就业", "1500人以上", "target", "new_urban_jobs", "at_least"),
        ("新增市场主体", "3300户", "target", "market_entities", "point"),
    ],
)  # fmt: skip
def test_lianzhou_targets_and_achievements(seed_spans, left, text, kind, indicator, bound):
    row = row_of(seed_spans, LIANZHOU, left, text)
    assert (row["kind"], row["indicator"], row["bound"]) == (kind, indicator, bound)
    assert row["cue"], "every decision names its cue"


@pytest.mark.parametrize(
    ("left", "text", "rule"),
    [
        ("", "2023年2月22日", "form"),
        ("加快推动", "G323", "form"),
        ("加快推进", "110千伏", "specification"),
        ("成功引进", "300兆瓦", "specification"),
        ("产，东强三期年产", "2.1万吨", "specification"),
        ("部署和连州市委“", "10个", "quoted name"),
        ("连州实施“", "十四五", "form"),
        ("考核连续", "3年", "form"),
        ("排名上升至", "第163", "form"),
    ],
)
def test_lianzhou_other(seed_spans, left, text, rule):
    row = row_of(seed_spans, LIANZHOU, left, text)
    assert (row["kind"], row["rule"]) == ("other", rule)


def test_lianzhou_glossary_and_footnotes(seed_spans):
    lianzhou = seed_spans[seed_spans["doc_id"] == LIANZHOU]
    glossary = lianzhou[lianzhou["rule"] == "glossary"]
    assert set(glossary["text"]) >= {"100%", "1个", "300米", "2025年"}
    assert (glossary["kind"] == "other").all() and (glossary["cue"] == "名词解释").all()
    assert not lianzhou["text"].str.contains("〔").any(), "footnote marks are not numbers"


def test_lianzhou_hedged_targets(seed_spans):
    row = row_of(seed_spans, LIANZHOU, "产业项目", "20个以上")
    assert row["kind"] == "target" and row["hedged"] and row["cue"] == "力争"
    assert row["precision"] == "bound"


def test_lianzhou_sections_drive_the_default(seed_spans):
    lianzhou = seed_spans[(seed_spans["doc_id"] == LIANZHOU) & (seed_spans["kind"] != "other")]
    review = lianzhou[lianzhou["section"] == "review"]
    plan = lianzhou[lianzhou["section"] == "plan"]
    assert (review["kind"] == "achievement").mean() > 0.9
    assert (plan["kind"] == "target").mean() > 0.9


# --------------------------------------------------------------------------
# The template speech (seed 004): masked targets in a speech without sections
# --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("left", "text", "kind", "cue"),
    [
        ("年底前完成", "*个", "masked_target", "年底前"),
        ("以上人才", "**人", "masked_target", "确保"),
        ("建成高标准农田", "*万亩", "masked_target", "要"),
        ("加装电梯", "**部以上", "masked_target", "年底前"),
        ("24年GDP增长", "5%", "achievement", "24年"),
        ("绩效占比", "不低于60%", "target", "月底前"),
    ],
)
def test_template_speech(seed_spans, left, text, kind, cue):
    row = row_of(seed_spans, TEMPLATE, left, text)
    assert (row["kind"], row["cue"]) == (kind, cue)


def test_template_speech_masked_share(seed_spans, seeds):
    rates = rate_targets(seed_spans, seeds).set_index("doc_id")
    assert rates.loc[TEMPLATE, "masked_share"] > 0.6
    assert rates.loc[LIANZHOU, "masked_share"] == 0
    assert rates.loc[TEMPLATE, "target_rate"] > rates.loc[LIANZHOU, "target_rate"]
    # docvars are joined for group comparisons
    assert {"year", "level", "genre"} <= set(rates.columns)


# --------------------------------------------------------------------------
# The span table
# --------------------------------------------------------------------------

def test_span_table_is_tidy_and_auditable(seed_spans, seeds):
    assert list(seed_spans.columns) == TARGET_COLUMNS
    assert set(seed_spans["kind"]) <= set(KINDS)
    assert set(seed_spans["bound"]) <= set(BOUNDS)
    assert set(seed_spans["precision"]) <= set(PRECISIONS)
    texts = {doc.doc_id: doc.text for doc in seeds}
    for row in seed_spans.itertuples(index=False):
        assert texts[row.doc_id][row.start : row.end] == row.text
        if row.cue_start >= 0:
            assert texts[row.doc_id][row.cue_start :].startswith(row.cue)
    assert seed_spans.equals(find_targets(seeds)), "deterministic"


def test_kinds_option(seeds):
    only_targets = find_targets(seeds, kinds=["target", "masked_target"])
    assert set(only_targets["kind"]) == {"target", "masked_target"}
    with pytest.raises(OptionError):
        find_targets(seeds, kinds=["goal"])


def test_plain_text_is_split_into_sections():
    text = "各位代表：\n一、2022年工作回顾\n新增学位1530个。\n二、2023年工作安排\n新增学位630个。"
    spans = find_targets_in_text(text, year=2023)
    assert spans[["text", "section", "kind"]].values.tolist() == [
        ["2022年", "review", "other"],
        ["1530个", "review", "achievement"],
        ["2023年", "plan", "other"],
        ["630个", "plan", "target"],
    ]


def test_cue_words_override_sections():
    text = "一、2022年工作回顾\n今年的预期目标是增长6%以上。\n二、2023年工作安排\n去年新增学位1530个。"
    spans = find_targets_in_text(text, year=2023).set_index("text")
    assert spans.loc["6%以上", "kind"] == "target" and spans.loc["6%以上", "rule"] == "clause cue"
    assert spans.loc["1530个", "kind"] == "achievement" and spans.loc["1530个", "cue"] == "去年"


# --------------------------------------------------------------------------
# Headline growth targets of the national reports, 1990 on
# --------------------------------------------------------------------------

# Read off each report: the growth target of GDP (国内生产总值, 经济增长) or, in
# 1992-1993, GNP (国民生产总值), for that year. None: the report (as shipped)
# states no annual growth target (2001 states only the five-year average).
HEADLINES = {
    1992: (6.0, None, "point"), 1993: (8.0, None, "point"), 1994: (9.0, None, "point"),
    1995: (8.0, 9.0, "range"), 1997: (8.0, None, "point"), 1998: (8.0, None, "point"),
    1999: (7.0, None, "about"), 2000: None, 2001: None, 2002: None,
    2003: (7.0, None, "about"), 2004: (7.0, None, "about"), 2005: (8.0, None, "about"),
    2006: (8.0, None, "about"), 2007: (8.0, None, "about"), 2008: (8.0, None, "about"),
    2009: (8.0, None, "about"), 2010: (8.0, None, "about"), 2011: (8.0, None, "about"),
    2012: (7.5, None, "point"), 2013: (7.5, None, "about"), 2014: (7.5, None, "about"),
    2015: (7.0, None, "about"), 2016: (6.5, 7.0, "range"), 2017: (6.5, None, "about"),
    2018: (6.5, None, "about"), 2019: (6.0, 6.5, "range"),
}  # fmt: skip


def test_headline_targets_of_national_reports(national):
    table = find_headline_targets(national).set_index("doc_id")
    recent = [doc_id for doc_id in table.index if int(doc_id[-4:]) >= 1990]
    assert len(recent) == len(HEADLINES)
    for doc_id in recent:
        expected = HEADLINES[int(doc_id[-4:])]
        row = table.loc[doc_id]
        if expected is None:
            assert math.isnan(row["value"]), (doc_id, row["sentence"])
            continue
        value, high, bound = expected
        got_high = None if math.isnan(row["value_high"]) else row["value_high"]
        assert (row["value"], got_high, row["bound"], row["unit"]) == (value, high, bound, "%"), (
            doc_id, row["sentence"])  # fmt: skip
        assert row["text"] in row["sentence"]


def test_headline_multi_year_targets_on_request(national):
    report = national.subset(["cn-national-gwr-2001"])
    assert math.isnan(find_headline_targets(report)["value"].iloc[0])
    row = find_headline_targets(report, annual_only=False).iloc[0]
    assert (row["value"], row["bound"], bool(row["multi_year"])) == (7.0, "about", True)


# --------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------

def test_rates_by_section(seed_spans, seeds):
    by_section = rate_targets(seed_spans, seeds, by="section")
    lianzhou = by_section[by_section["doc_id"] == LIANZHOU].set_index("section")
    assert set(lianzhou.index) == {"front", "review", "plan"}
    assert lianzhou.loc["plan", "target_rate"] > lianzhou.loc["review", "target_rate"]
    assert lianzhou.loc["review", "achievement_rate"] > lianzhou.loc["plan", "achievement_rate"]
    whole = rate_targets(seed_spans, seeds).set_index("doc_id")
    assert lianzhou["characters"].sum() == whole.loc[LIANZHOU, "characters"]
    assert lianzhou["n_targets"].sum() == whole.loc[LIANZHOU, "n_targets"]
    with pytest.raises(OptionError):
        rate_targets(seed_spans, seeds, by="paragraph")


def test_precision_and_families(seed_spans):
    precision = count_target_precision(seed_spans)
    lianzhou = precision[precision["doc_id"] == LIANZHOU].set_index("precision")
    assert list(lianzhou.index) == list(PRECISIONS)
    assert lianzhou["share"].sum() == pytest.approx(1.0)
    assert lianzhou.loc["bound", "n"] > 10
    families = count_targets_by_family(seed_spans)
    lianzhou_families = set(families.loc[families["doc_id"] == LIANZHOU, "family"])
    assert {"output", "employment", "agriculture", "education", "investment"} <= lianzhou_families


def test_indicator_lexicon_has_sources():
    lexicon = read_indicators()
    assert lexicon["indicator"].is_unique
    assert (lexicon["source"].str.len() > 0).all() and (lexicon["terms"].str.len() > 0).all()
    needed = {"gdp", "fixed_asset_investment", "industrial_value_added", "retail_sales", "foreign_trade",
              "budget_revenue", "unemployment_surveyed", "unemployment_registered", "new_urban_jobs",
              "cpi", "disposable_income", "energy_intensity", "grain_output", "high_standard_farmland",
              "school_places"}  # fmt: skip
    assert needed <= set(lexicon["indicator"])


# --------------------------------------------------------------------------
# Evaluation against hand annotation
# --------------------------------------------------------------------------

def test_evaluate_against_gold_matching(seed_spans, seeds):
    gold = pd.DataFrame(
        [
            (LIANZHOU, "总值增长", "6%以上", "target", 6.0, None, "%", "at_least"),
            (LIANZHOU, "，同比增长", "0.6%", "achievement", 0.6, None, "%", "point"),
            (LIANZHOU, "，新增学位", "630个", "target", 630.0, None, "个", "point"),
            (LIANZHOU, "完成投资", "17.84亿元", "target", 17.84, None, "亿元", "point"),  # kind disagrees
            (LIANZHOU, "不存在的", "99个", "target", 99.0, None, "个", "point"),  # not in the text
            (TEMPLATE, "年底前完成", "*个", "masked_target", None, None, "个", "point"),
        ],
        columns=["doc_id", "left", "text", "kind", "value", "value_high", "unit", "bound"],
    )
    result = evaluate_against_gold(seed_spans, gold, seeds).set_index("kind")
    assert result.loc["target", "n_gold"] == 4 and result.loc["target", "n_matched"] == 2
    assert result.loc["target", "recall"] == pytest.approx(0.5)
    assert result.loc["target", "unlocated"] == 1
    assert result.loc["achievement", "n_matched"] == 1
    assert result.loc["masked_target", "recall"] == 1.0
    assert result.loc["all", "value_agreement"] == 1.0 and result.loc["all", "bound_agreement"] == 1.0
    # precision counts every prediction of the gold documents
    assert result.loc["target", "n_pred"] == (
        seed_spans["doc_id"].isin([LIANZHOU, TEMPLATE]) & (seed_spans["kind"] == "target")
    ).sum()
    # without the documents, gold rows are located through the predictions' context
    without = evaluate_against_gold(seed_spans, gold).set_index("kind")
    assert without.loc["all", "n_matched"] == result.loc["all", "n_matched"]
    with pytest.raises(TifaError):
        evaluate_against_gold(seed_spans, gold.assign(doc_id="missing"), seeds)
