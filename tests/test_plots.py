"""Tests of tifa.plots: style, fonts, every figure family, savefig.

Figures are built from tables computed on the shipped corpora (national
reports 2005–2019, provincial reports of 2025, the seeds: the session
fixtures ``national``, ``provincial`` and ``seeds`` of ``conftest.py``). Tests assert on
what was drawn (patches, lines, collections, tick labels), never on pixels,
and render every family with Chinese labels to make sure no glyph is missing.
"""

from __future__ import annotations

import importlib
import io
import re
import warnings
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.font_manager import FontProperties, findfont  # noqa: E402
from PIL import Image  # noqa: E402
from scipy import stats  # noqa: E402

import tifa.plots as tp  # noqa: E402
from tifa.errors import OptionError, TifaError  # noqa: E402
from tifa.keyness import keyness  # noqa: E402
from tifa.measures import count_characters  # noqa: E402
from tifa.numbers import find_numbers  # noqa: E402

# the module tifa.plots.style is shadowed by the function tifa.plots.style
style_module = importlib.import_module("tifa.plots.style")

# Formulations counted in the fixtures (real 提法 of national and provincial reports).
FORMULATIONS = [
    "四个意识",
    "两个维护",
    "两个确立",
    "高质量发展",
    "新质生产力",
    "地区生产总值",
    "供给侧结构性改革",
    "新发展理念",
    "乡村振兴",
    "全面从严治党",
]
TIMELINE_TERMS = [
    "科学发展观",
    "新常态",
    "供给侧结构性改革",
    "四个意识",
    "高质量发展",
    "新发展理念",
    "乡村振兴",
    "全面从严治党",
    "放管服",
]
KEY_TERMS = [
    "阶级斗争",
    "计划经济",
    "人民公社",
    "社会主义建设",
    "四个现代化",
    "国营企业",
    "阶级",
    "革命",
    "高质量发展",
    "创新驱动",
    "供给侧结构性改革",
    "新常态",
    "互联网",
    "生态文明",
    "新动能",
    "营商环境",
]
RE_GROWTH_TARGET = re.compile(
    r"(?:今年|\d{4}年)[^。]{0,30}预期目标[^。]{0,200}?国内生产总值增长"
)
RE_NUMBERED_FORMULA = re.compile(r"[一二三四五六七八九十两]个[\u4e00-\u9fff]{2}")
RE_ENUMERATION = re.compile(r"[一二三四五六七八九十]是")
RE_QUOTED = re.compile(r"“[\u4e00-\u9fff]{2,12}”")
RE_MISSING_GLYPH = re.compile(r"Glyph \d+ .* missing from font")


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure a test opened."""
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def recent_national(national):
    return [d for d in national if 2005 <= int(d.docvars["year"]) <= 2019]


@pytest.fixture(scope="module")
def rates_table(provincial) -> pd.DataFrame:
    """高质量发展 and 新质生产力 per 10,000 characters by region, exact Poisson CI."""
    docvars = provincial.docvars
    rows = []
    for term in ["高质量发展", "新质生产力"]:
        for region in ["东部", "中部", "西部", "东北"]:
            docs = [provincial[i] for i in docvars.index[docvars["region"] == region]]
            count = sum(d.text.count(term) for d in docs)
            chars = sum(count_characters(d.text) for d in docs)
            low = stats.chi2.ppf(0.025, 2 * count) / 2 if count else 0.0
            high = stats.chi2.ppf(0.975, 2 * count + 2) / 2
            rows.append(
                {
                    "group": region,
                    "formulation": term,
                    "rate": count * 1e4 / chars,
                    "lower": low * 1e4 / chars,
                    "upper": high * 1e4 / chars,
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def heatmap_table(provincial) -> pd.DataFrame:
    rows = [
        {"formulation": term, "province": doc.docvars["province"], "count": doc.text.count(term)}
        for term in FORMULATIONS[:6]
        for doc in provincial
    ]
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def timeline_table(national, seeds) -> pd.DataFrame:
    """First year of each term in the national reports, and in the local seeds."""
    rows = []
    for term in TIMELINE_TERMS:
        years = [int(d.docvars["year"]) for d in national if term in d.text]
        local = [int(d.docvars["year"]) for d in seeds if term in d.text]
        rows.append(
            {
                "term": term,
                "first_year": min(years) if years else np.nan,
                "local_year": min(local) if local else np.nan,
            }
        )
    return pd.DataFrame(rows).dropna(subset=["first_year"])


@pytest.fixture(scope="module")
def density_table(provincial) -> pd.DataFrame:
    """Percent figures per 10,000 characters, by region and report section."""
    numbers = find_numbers(provincial)
    numbers = numbers[numbers["unit"] == "%"]
    rows = []
    for doc in provincial:
        spans = numbers[numbers["doc_id"] == doc.doc_id]
        for section in doc.sections.itertuples():
            if section.label not in {"review", "plan"}:
                continue
            inside = spans[(spans["start"] >= section.start) & (spans["start"] < section.end)]
            rows.append(
                {
                    "group": doc.docvars["region"],
                    "section": {"review": "回顾", "plan": "部署"}[section.label],
                    "count": len(inside),
                    "characters": count_characters(doc.text[section.start : section.end]),
                }
            )
    table = pd.DataFrame(rows).groupby(["group", "section"], sort=False).sum().reset_index()
    table["rate"] = table["count"] * 1e4 / table["characters"]
    return table


@pytest.fixture(scope="module")
def growth_table(recent_national) -> pd.DataFrame:
    """Headline GDP growth target of each national report, 2005–2019."""
    numbers = find_numbers(recent_national)
    rows = []
    for doc in recent_national:
        mine = numbers[numbers["doc_id"] == doc.doc_id]
        match = RE_GROWTH_TARGET.search(doc.text)
        found = mine[(mine["start"] == match.end()) & (mine["unit"] == "%")] if match else mine[:0]
        row = {"year": int(doc.docvars["year"]), "n_targets": int((mine["unit"] == "%").sum())}
        if len(found):
            first = found.iloc[0]
            row.update(value=first["value"], value_high=first["value_high"], bound=first["bound"])
        rows.append(row)
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def composition_table(recent_national) -> pd.DataFrame:
    rows = []
    for doc in recent_national[-5:]:
        chars = count_characters(doc.text)
        for part, pattern in [
            ("数字概括", RE_NUMBERED_FORMULA),
            ("分项列举", RE_ENUMERATION),
            ("引号提法", RE_QUOTED),
        ]:
            rows.append(
                {
                    "doc_id": f"{doc.docvars['year']}年报告",
                    "kind": part,
                    "rate": len(pattern.findall(doc.text)) * 1e4 / chars,
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def keyness_table(national) -> pd.DataFrame:
    """Keyness of political vocabulary, reports 2013–2019 against 1954–1988."""
    rows = []
    for doc in national:
        year = int(doc.docvars["year"])
        period = "new" if year >= 2013 else "old" if year <= 1988 else None
        if period is None:
            continue
        for term in KEY_TERMS:
            rows.extend({"period": period, "token": term} for _ in range(doc.text.count(term)))
    tokens = pd.DataFrame(rows)
    return keyness(tokens, "new", by="period", reference="old")


@pytest.fixture(scope="module")
def dispersion_table(provincial) -> pd.DataFrame:
    rows = []
    for doc_id in ["cn-guangdong-gwr-2025", "cn-jiangsu-gwr-2025", "cn-gansu-gwr-2025",
                   "cn-neimenggu-gwr-2025"]:
        doc = provincial[doc_id]
        for term in ["高质量发展", "新质生产力", "地区生产总值"]:
            for match in re.finditer(term, doc.text):
                rows.append(
                    {
                        "doc_id": doc.docvars["province"],
                        "term": term,
                        "start": match.start(),
                        "length": len(doc.text),
                    }
                )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def cloud_frequencies(provincial) -> dict[str, int]:
    text = provincial["cn-guangdong-gwr-2025"].text
    terms = FORMULATIONS + TIMELINE_TERMS + ["粤港澳大湾区", "百县千镇万村高质量发展工程", "制造业"]
    return {t: text.count(t) for t in dict.fromkeys(terms) if text.count(t)}


@pytest.fixture(scope="module")
def reuse_table(recent_national) -> pd.DataFrame:
    """Jaccard similarity of 10-character shingles between national reports."""
    docs = recent_national[-6:]
    shingles = {
        f"{d.docvars['year']}年": {d.text[i : i + 10] for i in range(len(d.text) - 9)} for d in docs
    }
    names = list(shingles)
    rows = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            shared = len(shingles[a] & shingles[b])
            rows.append(
                {
                    "doc_id": a,
                    "other_doc_id": b,
                    "similarity": shared / len(shingles[a] | shingles[b]),
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def families(
    rates_table,
    heatmap_table,
    timeline_table,
    density_table,
    growth_table,
    composition_table,
    keyness_table,
    dispersion_table,
    cloud_frequencies,
    reuse_table,
) -> dict[str, Callable[[], Axes]]:
    """One call per figure family, each drawing real data with Chinese labels."""
    return {
        "rates": lambda: tp.plot_rates(rates_table, hue="formulation"),
        "heatmap": lambda: tp.plot_heatmap(heatmap_table, column="province"),
        "timeline": lambda: tp.plot_first_appearance(
            timeline_table, local_year="local_year", labels=("全国首次使用", "地方首次使用")
        ),
        "density": lambda: tp.plot_target_density(density_table, values=True),
        "growth": lambda: tp.plot_growth_targets(
            growth_table, value="value", lower="value", upper="value_high",
            value_label="国内生产总值增长目标（%）", count_label="百分比数字个数",
        ),
        "composition": lambda: tp.plot_formula_composition(composition_table, value="rate"),
        "keyness": lambda: tp.plot_keyness(
            keyness_table, n=8, target_label="2013–2019年报告", reference_label="1954–1988年报告"
        ),
        "dispersion": lambda: tp.plot_dispersion(dispersion_table),
        "wordcloud": lambda: tp.plot_wordcloud(
            cloud_frequencies, width=500, height=280, scale=1
        ),
        "reuse": lambda: tp.plot_reuse_matrix(reuse_table, value="similarity"),
    }


def tick_texts(labels) -> list[str]:
    return [label.get_text() for label in labels]


# --------------------------------------------------------------------------- style


def test_presets_scale_text_and_restore_rcparams():
    before = dict(mpl.rcParams)
    sizes = {}
    for preset in tp.PRESETS:
        with tp.style(preset):
            assert mpl.rcParams["font.family"] == ["Noto Sans SC", "DejaVu Sans"]
            assert mpl.rcParams["pdf.fonttype"] == 42
            sizes[preset] = mpl.rcParams["font.size"]
    assert sizes["paper"] < sizes["slides"] < sizes["classroom"]
    assert dict(mpl.rcParams) == before


def test_style_restores_rcparams_after_an_error():
    size = mpl.rcParams["font.size"]
    with pytest.raises(RuntimeError):
        with tp.style("classroom"):
            raise RuntimeError("boom")
    assert mpl.rcParams["font.size"] == size


def test_invalid_preset_names_the_valid_ones():
    with pytest.raises(OptionError, match="'classroom', 'paper', 'slides'"):
        tp.style("poster")


def test_font_is_the_packaged_noto_sans_sc_regular():
    import justmytype_intl_cjk
    from fontTools.ttLib import TTFont

    source = style_module.packaged_font_path()
    package = Path(justmytype_intl_cjk.__file__).parent
    assert package in source.parents
    path = tp.register_fonts()
    assert path == tp.font_path()
    # matplotlib resolves the family to that very file, not to a system font
    assert Path(findfont(FontProperties(family="Noto Sans SC"))) == path
    with TTFont(str(path), lazy=True) as font:
        assert "fvar" not in font  # a static instance ...
        assert font["OS/2"].usWeightClass == 400  # ... of Regular weight, not Thin
        assert font["name"].getDebugName(1) == "Noto Sans SC"
        cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "四个意识高质量发展地区生产总值０%−")
    fallback = style_module.fallback_font_path()
    assert Path(mpl.get_data_path()) in fallback.parents


def test_missing_glyphs_reports_characters_no_font_has():
    assert tp.missing_glyphs("“两个确立”、《政府工作报告》，增长5%左右") == []
    assert tp.missing_glyphs("𠀀𓀀") == ["𓀀", "𠀀"]


def test_palettes_are_colour_blind_safe():
    assert tp.palette("okabe_ito") == tp.OKABE_ITO
    assert len(set(tp.OKABE_ITO)) == 8
    from tifa.plots._common import luminance

    steps = tp.palette("sequential", 9)
    lightness = [luminance(c) for c in steps]
    assert all(a > b for a, b in zip(lightness, lightness[1:]))  # readable in greyscale
    with pytest.raises(OptionError):
        tp.palette("rainbow")


# --------------------------------------------------------------------------- families


def test_rates_draw_one_dot_and_whisker_per_group(rates_table):
    ax = tp.plot_rates(rates_table, hue="formulation")
    assert isinstance(ax, Axes)
    assert tick_texts(ax.get_xticklabels()) == ["东部", "中部", "西部", "东北"]
    assert len(ax.lines) == 2  # one marker line per formulation
    assert [len(line.get_xdata()) for line in ax.lines] == [4, 4]
    whiskers = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert [len(c.get_segments()) for c in whiskers] == [4, 4]
    # each whisker spans its interval and contains its dot
    segment = whiskers[0].get_segments()[0]
    row = rates_table.iloc[0]
    assert segment[:, 1] == pytest.approx([row["lower"], row["upper"]])
    assert row["lower"] <= ax.lines[0].get_ydata()[0] <= row["upper"]
    assert tick_texts(ax.get_legend().get_texts()) == ["高质量发展", "新质生产力"]


def test_rates_as_horizontal_bars(rates_table):
    table = rates_table[rates_table["formulation"] == "高质量发展"]
    ax = tp.plot_rates(table, kind="bar", orient="h")
    assert len(ax.patches) == 4
    widths = [p.get_width() for p in ax.patches]
    assert widths == pytest.approx(table["rate"].tolist())
    assert tick_texts(ax.get_yticklabels()) == ["东部", "中部", "西部", "东北"]


def test_rates_report_a_missing_column(rates_table):
    with pytest.raises(OptionError, match="`y` got 'per_10k'"):
        tp.plot_rates(rates_table, y="per_10k")
    with pytest.raises(OptionError):
        tp.plot_rates(rates_table, kind="violin")


def test_heatmap_of_formulations_in_31_provinces(heatmap_table):
    ax = tp.plot_heatmap(heatmap_table, column="province")
    matrix = ax.images[0].get_array()
    assert matrix.shape == (6, 31)
    assert tick_texts(ax.get_yticklabels()) == FORMULATIONS[:6]
    columns = tick_texts(ax.get_xticklabels())
    assert "广东省" in columns and "内蒙古自治区" in columns
    guangdong = columns.index("广东省")
    assert matrix[FORMULATIONS.index("高质量发展"), guangdong] == 30
    assert len(ax.figure.axes) == 2  # the colorbar
    assert ax.get_xticklabels()[0].get_rotation() == 90  # 31 long names, dense: vertical
    assert ax.texts and ax.texts[0].get_text().isdigit()


def test_heatmap_refuses_duplicated_pairs(heatmap_table):
    doubled = pd.concat([heatmap_table, heatmap_table.head(1)])
    with pytest.raises(TifaError, match="more than once"):
        tp.plot_heatmap(doubled, column="province")


def test_first_appearance_timeline(timeline_table):
    ax = tp.plot_first_appearance(timeline_table, local_year="local_year")
    labels = tick_texts(ax.get_yticklabels())
    ordered = timeline_table.sort_values(["first_year", "term"])["term"].tolist()
    assert labels == ordered
    national_points = ax.lines[0]
    assert sorted(national_points.get_xdata()) == sorted(timeline_table["first_year"])
    both = timeline_table.dropna(subset=["local_year"])
    assert len(both) >= 2  # the seeds use several national formulations
    lags = sorted(int(t.get_text()) for t in ax.texts)
    assert lags == sorted((both["local_year"] - both["first_year"]).astype(int))
    (segments,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(segments.get_segments()) == len(both)


def test_target_density_grouped_bars(density_table):
    ax = tp.plot_target_density(density_table, values=True)
    assert len(ax.patches) == len(density_table) == 8
    assert tick_texts(ax.get_legend().get_texts()) == ["回顾", "部署"]
    heights = {round(p.get_height(), 6) for p in ax.patches}
    assert heights == {round(v, 6) for v in density_table["rate"]}
    assert len(ax.texts) == 8
    assert ax.get_ylabel() == "targets per 10,000 characters"


def test_growth_targets_show_ranges_bounds_and_counts(growth_table):
    ax = tp.plot_growth_targets(growth_table, value="value", lower="value", upper="value_high")
    ranges = growth_table[growth_table["bound"] == "range"]
    assert set(ranges["year"]) == {2016, 2019}
    (segments,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    drawn = sorted((s[0, 0], s[0, 1], s[1, 1]) for s in segments.get_segments())
    assert drawn == [(2016, 6.5, 7.0), (2019, 6.0, 6.5)]
    line = ax.lines[0]
    y = dict(zip(line.get_xdata(), line.get_ydata()))
    assert y[2016] == pytest.approx(6.75)  # the line runs through a range's midpoint
    assert y[2010] == 8.0
    assert np.isnan(y[2007])  # no headline target found: the line breaks
    legend = tick_texts(ax.get_legend().get_texts())
    assert "about (左右)" in legend and "range (bounds marked)" in legend
    (twin,) = [a for a in ax.figure.axes if a is not ax]
    assert [p.get_height() for p in twin.patches] == growth_table["n_targets"].tolist()


def test_formula_composition_stacks_parts(composition_table):
    ax = tp.plot_formula_composition(composition_table, value="rate")
    assert len(ax.containers) == 3
    assert len(ax.patches) == 15
    first_doc = [c[0] for c in ax.containers]
    lefts = [p.get_x() for p in first_doc]
    assert lefts[0] == 0 and lefts[1] == pytest.approx(first_doc[0].get_width())
    total = sum(p.get_width() for p in first_doc)
    expected = composition_table[composition_table["doc_id"] == "2015年报告"]["rate"].sum()
    assert total == pytest.approx(expected)
    normalized = tp.plot_formula_composition(composition_table, value="rate", normalize=True)
    assert sum(c[0].get_width() for c in normalized.containers) == pytest.approx(1.0)


def test_keyness_diverges_between_periods(keyness_table):
    ax = tp.plot_keyness(keyness_table, n=5)
    labels = tick_texts(ax.get_yticklabels())
    widths = [p.get_width() for p in ax.patches]
    assert widths == sorted(widths, reverse=True)
    assert widths[0] > 0 > widths[-1]
    ranked = keyness_table.sort_values("g2", ascending=False)["token"].tolist()
    assert labels == ranked[:5] + ranked[-5:]
    assert "互联网" in labels[:5]  # key to the 2013–2019 reports
    assert "阶级斗争" in labels[-5:]  # key to the 1954–1988 reports
    colours = {tuple(p.get_facecolor()) for p in ax.patches}
    assert len(colours) == 2


def test_dispersion_ticks_at_relative_positions(dispersion_table):
    ax = tp.plot_dispersion(dispersion_table)
    lines = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(lines) == 3  # one per term
    counts = dispersion_table.groupby("term", sort=False).size().tolist()
    assert [len(c.get_segments()) for c in lines] == counts
    xs = np.concatenate([c.get_segments() for c in lines])[:, 0, 0]
    assert ((xs >= 0) & (xs <= 1)).all()
    assert tick_texts(ax.get_yticklabels()) == ["广东省", "江苏省", "甘肃省", "内蒙古自治区"]
    bad = dispersion_table.assign(length=10)
    with pytest.raises(TifaError, match="outside"):
        tp.plot_dispersion(bad)


def test_wordcloud_is_seeded(cloud_frequencies):
    first = tp.plot_wordcloud(cloud_frequencies, seed=3, width=300, height=160, scale=1)
    again = tp.plot_wordcloud(cloud_frequencies, seed=3, width=300, height=160, scale=1)
    other = tp.plot_wordcloud(cloud_frequencies, seed=4, width=300, height=160, scale=1)
    a, b, c = (ax.images[0].get_array() for ax in (first, again, other))
    assert a.shape == (160, 300, 3)
    assert (a == b).all()
    assert not (a == c).all()
    assert (a < 200).any()  # words were drawn on the white background
    assert not first.axison


def test_wordcloud_warns_about_characters_the_font_lacks():
    with pytest.warns(UserWarning, match="cannot draw"):
        tp.plot_wordcloud({"𓀀𓀁": 2, "高质量发展": 5}, width=200, height=100, scale=1)


def test_reuse_matrix_is_symmetric_with_masked_diagonal(reuse_table):
    ax = tp.plot_reuse_matrix(reuse_table, value="similarity")
    matrix = ax.images[0].get_array()
    assert matrix.shape == (6, 6)
    assert matrix.mask.diagonal().all()
    filled = matrix.filled(np.nan)
    assert np.allclose(filled, filled.T, equal_nan=True)
    labels = tick_texts(ax.get_xticklabels())
    assert labels == ["2014年", "2015年", "2016年", "2017年", "2018年", "2019年"]
    # consecutive reports share more wording than reports five years apart
    assert filled[labels.index("2018年"), labels.index("2019年")] > filled[0, 5]


def test_plot_functions_draw_on_a_given_axes(rates_table):
    fig, (left, right) = plt.subplots(1, 2)
    assert tp.plot_rates(rates_table, ax=right) is right
    assert not left.lines and right.lines


# --------------------------------------------------------------------------- glyphs


def _render(ax: Axes) -> None:
    """Draw the whole figure and write a PNG, with warnings as errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax.figure.canvas.draw()
        ax.figure.savefig(io.BytesIO(), format="png", dpi=72)


FAMILY_NAMES = [
    "rates", "heatmap", "timeline", "density", "growth",
    "composition", "keyness", "dispersion", "wordcloud", "reuse",
]  # fmt: skip


@pytest.mark.parametrize("family", FAMILY_NAMES)
@pytest.mark.parametrize("preset", ["paper", None])
def test_every_family_renders_chinese_without_missing_glyphs(families, family, preset):
    if preset is None:  # plot functions set their fonts even outside a style block
        ax = families[family]()
    else:
        with tp.style(preset):
            ax = families[family]()
    _render(ax)
    texts = [t.get_text() for t in ax.figure.findobj(mpl.text.Text)]
    assert family == "wordcloud" or any(re.search(r"[\u4e00-\u9fff]", t) for t in texts)


def test_missing_glyph_check_can_fail():
    """The renderer warns for a glyph no font has, so the test above is real."""
    fig, ax = plt.subplots()
    with tp.style("paper"):
        ax.set_title("𓀀 高质量发展")
    with pytest.warns(UserWarning, match=RE_MISSING_GLYPH):
        fig.canvas.draw()


# --------------------------------------------------------------------------- savefig


def test_savefig_is_deterministic_and_embeds_fonts(tmp_path, rates_table):
    with tp.style("paper"):
        ax = tp.plot_rates(rates_table, hue="formulation")
        ax.set_title("高质量发展、新质生产力：每万字频次")
        first = [p.read_bytes() for p in tp.savefig(ax.figure, "rates", directory=tmp_path)]
        paths = tp.savefig(ax.figure, "rates", directory=tmp_path)
    second = [p.read_bytes() for p in paths]
    assert [p.name for p in paths] == ["rates.pdf", "rates.svg", "rates.png"]
    assert first == second  # PDF, SVG and PNG byte for byte
    pdf, svg, png = second
    assert b"/FontFile2" in pdf  # TrueType font program embedded
    assert b"NotoSansSC-Regular" in pdf
    assert b"CreationDate" not in pdf and b"Producer" not in pdf
    assert b"<dc:date>" not in svg and b"Matplotlib" not in svg
    image = Image.open(io.BytesIO(png))
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.5)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rates.pdf", "rates.png", "rates.svg"]


@pytest.mark.parametrize("family", ["heatmap", "growth", "composition"])
def test_savefig_settles_layouts_with_colorbars_twins_and_outer_legends(
    families, family, tmp_path
):
    with tp.style("paper"):
        ax = families[family]()
    engine = ax.figure.get_layout_engine()
    first = [p.read_bytes() for p in tp.savefig(ax.figure, family, directory=tmp_path,
                                                 formats=("pdf", "svg"))]
    second = [p.read_bytes() for p in tp.savefig(ax.figure, family, directory=tmp_path,
                                                  formats=("pdf", "svg"))]
    assert first == second
    assert ax.figure.get_layout_engine() is engine  # restored after saving


def test_savefig_replaces_files_and_checks_its_arguments(tmp_path):
    with tp.style("paper"):
        fig, ax = plt.subplots()
    ax.plot([2013, 2019], [1, 8])
    (target,) = tp.savefig(fig, "line.svg", directory=tmp_path, formats=("svg",))
    assert target.name == "line.svg"
    before = target.read_bytes()
    ax.set_title("两个确立")
    tp.savefig(fig, "line", directory=tmp_path, formats=("svg",))
    assert target.read_bytes() != before
    assert [p.name for p in tmp_path.iterdir()] == ["line.svg"]  # no temporary left
    with pytest.raises(OptionError, match="'pdf', 'png', 'svg'"):
        tp.savefig(fig, "line", directory=tmp_path, formats=("jpg",))
    with pytest.raises(TifaError, match="bare file name"):
        tp.savefig(fig, "sub/line", directory=tmp_path)
