"""Rates, intervals and tests, checked against textbook values, scipy and statsmodels."""

from __future__ import annotations

import itertools
import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.rates import confint_poisson

from tifa.errors import OptionError, TifaError
from tifa.stats import (
    adjust_pvalues,
    compare_rates,
    estimate_trend,
    permutation_test,
    rate_documents,
    rate_groups,
)

# --- exact Poisson (Garwood) intervals ---------------------------------------------


def test_garwood_interval_textbook_values():
    # Exact 95% limits for a Poisson count (Garwood 1936; the table in e.g.
    # Ulm 1990): k = 0 → (0, 3.689), k = 1 → (0.0253, 5.572), k = 10 → (4.795, 18.39)
    data = pd.DataFrame({"count": [0, 1, 10], "characters": [10_000] * 3})
    out = rate_documents(data)
    assert out["rate_low"].round(4).tolist() == [0.0, 0.0253, 4.7954]
    assert out["rate_high"].round(3).tolist() == [3.689, 5.572, 18.390]
    assert out["rate"].tolist() == [0.0, 1.0, 10.0]


def test_garwood_interval_matches_statsmodels_and_scales_with_length():
    counts = np.array([0, 2, 7, 31, 250])
    chars = np.array([3_000, 12_345, 50_000, 80_000, 1_000_000])
    out = rate_documents(pd.DataFrame({"count": counts, "characters": chars}), confidence=0.9)
    for (_, row), k, n in zip(out.iterrows(), counts, chars):
        low, high = confint_poisson(k, n / 10_000, method="exact-c", alpha=0.1)
        assert row["rate_low"] == pytest.approx(low) and row["rate_high"] == pytest.approx(high)
        assert row["rate"] == pytest.approx(k / n * 10_000)


def test_rate_documents_validates_input():
    with pytest.raises(TifaError, match="characters"):
        rate_documents(pd.DataFrame({"count": [1], "characters": [0]}))
    with pytest.raises(TifaError, match="whole counts"):
        rate_documents(pd.DataFrame({"count": [1.5], "characters": [10]}))
    with pytest.raises(TifaError, match="columns"):
        rate_documents(pd.DataFrame({"n": [1], "characters": [10]}))


# --- group rates with document bootstrap ------------------------------------------------


def overdispersed_documents(rng, groups: dict[str, float], n_docs: int = 30, shape: float = 2.0) -> pd.DataFrame:
    """Documents whose rates vary around each group's true rate (gamma-Poisson)."""
    rows = []
    for group, true_rate in groups.items():
        chars = rng.integers(5_000, 40_000, size=n_docs)
        doc_rates = rng.gamma(shape, true_rate / shape, size=n_docs)
        counts = rng.poisson(doc_rates * chars / 10_000)
        rows += [{"group": group, "count": c, "characters": n} for c, n in zip(counts, chars)]
    return pd.DataFrame(rows)


def test_rate_groups_pooled_rate_and_reproducible_interval():
    data = overdispersed_documents(np.random.default_rng(3), {"a": 5.0, "b": 2.0})
    out = rate_groups(data, by="group", seed=11)
    for _, row in out.iterrows():
        part = data[data["group"] == row["group"]]
        assert row["rate"] == pytest.approx(part["count"].sum() / part["characters"].sum() * 10_000)
        assert row["rate_low"] < row["rate"] < row["rate_high"]
        assert row["documents"] == 30 and row["count"] == part["count"].sum()
    pd.testing.assert_frame_equal(out, rate_groups(data, by="group", seed=11))
    assert not out.equals(rate_groups(data, by="group", seed=12))


def test_bootstrap_interval_is_wider_than_poisson_for_overdispersed_documents():
    # Pooling all characters and using a Poisson interval ignores that documents
    # differ; the document bootstrap does not.
    data = overdispersed_documents(np.random.default_rng(5), {"a": 5.0}, shape=1.0)
    boot = rate_groups(data, seed=1).iloc[0]
    pooled = rate_documents(pd.DataFrame({"count": [data["count"].sum()], "characters": [data["characters"].sum()]}))
    assert boot["rate_high"] - boot["rate_low"] > 1.5 * (pooled["rate_high"] - pooled["rate_low"]).item()


def test_bootstrap_interval_coverage_by_simulation():
    # 200 simulated groups of 30 documents with true rate 4 per 10k: the 90%
    # interval should cover the true rate roughly 90% of the time.
    rng = np.random.default_rng(2024)
    covered = 0
    for replicate in range(200):
        chars = np.full(30, 20_000)
        counts = rng.poisson(rng.gamma(3.0, 4.0 / 3.0, size=30) * 2)
        data = pd.DataFrame({"count": counts, "characters": chars})
        row = rate_groups(data, confidence=0.9, n_boot=500, seed=replicate).iloc[0]
        covered += row["rate_low"] <= 4.0 <= row["rate_high"]
    assert 0.82 <= covered / 200 <= 0.96


def test_single_document_group_has_no_interval():
    data = pd.DataFrame({"g": ["a", "b", "b"], "count": [3, 1, 2], "characters": [10_000] * 3})
    out = rate_groups(data, by="g", seed=0)
    assert np.isnan(out.loc[0, "rate_low"]) and out.loc[0, "rate"] == 3.0
    assert out.loc[1, "rate_low"] <= out.loc[1, "rate"]


# --- permutation tests and rate ratios ------------------------------------------------------


def enumerate_permutation_p(counts, chars, labels, first, second, alternative):
    """p-value by listing every relabelling of the documents (the definition)."""
    counts, chars, labels = map(np.asarray, (counts, chars, labels))
    idx = np.flatnonzero((labels == first) | (labels == second))
    n1 = int((labels == first).sum())

    def diff(group1):
        group2 = [i for i in idx if i not in group1]
        return (counts[list(group1)].sum() / chars[list(group1)].sum()
                - counts[group2].sum() / chars[group2].sum()) * 10_000

    observed = diff(tuple(np.flatnonzero(labels == first)))
    null = np.array([diff(c) for c in itertools.combinations(idx, n1)])
    greater = np.mean(null >= observed - 1e-12)
    less = np.mean(null <= observed + 1e-12)
    return {"greater": greater, "less": less, "two-sided": min(1.0, 2 * min(greater, less))}[alternative]


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_exact_permutation_p_value_by_enumeration(alternative):
    data = pd.DataFrame({
        "region": ["east"] * 4 + ["west"] * 4,
        "count": [12, 9, 15, 7, 4, 8, 3, 6],
        "characters": [20_000, 18_000, 25_000, 16_000, 21_000, 30_000, 15_000, 19_000],
    })
    out = permutation_test(data, by="region", alternative=alternative, seed=0).iloc[0]
    assert out["exact"] and out["permutations"] == 70  # C(8, 4)
    expected = enumerate_permutation_p(data["count"], data["characters"], data["region"], "east", "west", alternative)
    assert out["p_value"] == pytest.approx(expected)
    east = data[data["region"] == "east"]
    west = data[data["region"] == "west"]
    assert out["difference"] == pytest.approx(
        (east["count"].sum() / east["characters"].sum() - west["count"].sum() / west["characters"].sum()) * 10_000
    )


def test_random_permutation_p_value_close_to_exact():
    rng = np.random.default_rng(8)
    data = overdispersed_documents(rng, {"a": 3.0, "b": 3.5}, n_docs=7)
    exact = permutation_test(data, by="group", n_permutations=5000, seed=1).iloc[0]
    assert exact["exact"]  # C(14, 7) = 3432 ≤ 5000
    sampled = permutation_test(data, by="group", n_permutations=3000, seed=1).iloc[0]
    assert not sampled["exact"]
    assert sampled["p_value"] == pytest.approx(exact["p_value"], abs=0.04)


def test_permutation_test_needs_two_groups():
    data = pd.DataFrame({"g": list("abc"), "count": [1, 2, 3], "characters": [10] * 3})
    with pytest.raises(TifaError, match="groups="):
        permutation_test(data, by="g")
    with pytest.raises(TifaError, match="fewer than two documents"):
        permutation_test(data, by="g", groups=("c", "a"))
    data = pd.DataFrame({"g": list("aabbcc"), "count": [1, 2, 3, 4, 5, 6], "characters": [10] * 6})
    assert permutation_test(data, by="g", groups=("c", "a"), seed=0).iloc[0]["group"] == "c"
    with pytest.raises(OptionError):
        permutation_test(data, by="g", groups=("c", "a"), alternative="bigger")
    # compare_rates reports no p-value for a one-document group instead of failing
    data = pd.DataFrame({"g": list("abb"), "count": [1, 2, 3], "characters": [10] * 3})
    assert np.isnan(compare_rates(data, by="g", seed=0)["p_value"].item())


def test_compare_rates_ratio_interval_and_adjusted_p():
    data = overdispersed_documents(np.random.default_rng(21), {"city": 6.0, "county": 3.0, "province": 3.2})
    out = compare_rates(data, by="group", reference="county", seed=4, n_permutations=999)
    assert out["group"].tolist() == ["city", "province"]
    groups = rate_groups(data, by="group").set_index("group")["rate"]
    city = out.iloc[0]
    assert city["rate_ratio"] == pytest.approx(groups["city"] / groups["county"])
    assert city["ratio_low"] < city["rate_ratio"] < city["ratio_high"]
    assert city["ratio_low"] > 1.2 and city["p_value"] < 0.01  # a real twofold difference
    province = out.iloc[1]  # true ratio 3.2 / 3: a smaller difference, less sure than the city's
    assert province["ratio_low"] < province["rate_ratio"] < province["ratio_high"]
    assert province["rate_ratio"] < city["rate_ratio"] and province["p_value"] > city["p_value"]
    assert out["p_adjusted"].tolist() == pytest.approx(adjust_pvalues(out["p_value"]).tolist())
    pairs = compare_rates(data, by="group", seed=4, n_boot=200, n_permutations=199)
    assert list(zip(pairs["group"], pairs["reference"])) == [("county", "city"), ("province", "city"), ("province", "county")]
    pd.testing.assert_frame_equal(out, compare_rates(data, by="group", reference="county", seed=4, n_permutations=999))


# --- multiple comparisons ---------------------------------------------------------------------


def test_benjamini_hochberg_textbook_example():
    # Benjamini & Hochberg (1995), 15 p-values: at q = 0.05 the first four are rejected.
    p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0]
    adjusted = adjust_pvalues(p)
    assert (adjusted <= 0.05).sum() == 4
    # by hand for the 4th: min over j ≥ 4 of p_(j) · 15 / j → 0.0095 · 15 / 4 = 0.035625
    assert adjusted[3] == pytest.approx(0.0095 * 15 / 4)
    assert adjusted == pytest.approx(multipletests(p, method="fdr_bh")[1])
    assert adjusted == pytest.approx(stats.false_discovery_control(p, method="bh"))


def test_holm_bonferroni_and_nan():
    rng = np.random.default_rng(0)
    p = rng.uniform(0, 0.2, size=12)
    assert adjust_pvalues(p, method="holm") == pytest.approx(multipletests(p, method="holm")[1])
    assert adjust_pvalues(p, method="bonferroni") == pytest.approx(multipletests(p, method="bonferroni")[1])
    with_nan = np.array([0.01, np.nan, 0.02])
    out = adjust_pvalues(with_nan)
    assert np.isnan(out[1]) and out[[0, 2]] == pytest.approx([0.02, 0.02])
    with pytest.raises(OptionError):
        adjust_pvalues(p, method="fdr")  # type: ignore[arg-type]


# --- trends over years ----------------------------------------------------------------------------


def trend_data(rng, irr_per_year: float, years=range(1980, 2020), overdispersion: float | None = None):
    years = np.repeat(np.array(list(years)), 2)
    chars = rng.integers(10_000, 60_000, size=len(years))
    rate = 2.0 * irr_per_year ** (years - years.min())
    if overdispersion is not None:
        rate = rng.gamma(1 / overdispersion, rate * overdispersion)
    return pd.DataFrame({"year": years, "count": rng.poisson(rate * chars / 10_000), "characters": chars})


def test_poisson_trend_matches_statsmodels_glm_with_offset():
    data = trend_data(np.random.default_rng(1), 1.04)
    out = estimate_trend(data, model="poisson").iloc[0]
    glm = sm.GLM(data["count"], sm.add_constant(data["year"].astype(float)), family=sm.families.Poisson(),
                 offset=np.log(data["characters"])).fit()
    assert out["coefficient"] == pytest.approx(glm.params["year"], rel=1e-6)
    assert out["std_error"] == pytest.approx(glm.bse["year"], rel=1e-6)
    assert out["p_value"] == pytest.approx(glm.pvalues["year"], rel=1e-4, abs=1e-300)
    assert out["irr_year"] == pytest.approx(np.exp(glm.params["year"]))
    assert out["irr_decade"] == pytest.approx(np.exp(10 * glm.params["year"]))
    assert out["irr_decade_low"] == pytest.approx(np.exp(10 * glm.conf_int().loc["year", 0]))
    assert out["irr_year_low"] < 1.04 < out["irr_year_high"]
    assert 0.7 < out["pearson_dispersion"] < 1.4  # simulated without overdispersion
    rates = data["count"] / data["characters"]
    assert out["spearman_rho"] == pytest.approx(stats.spearmanr(data["year"], rates).statistic)
    assert out["kendall_tau"] == pytest.approx(stats.kendalltau(data["year"], rates).statistic)


def test_overdispersed_trend_negative_binomial_and_quasipoisson():
    data = trend_data(np.random.default_rng(7), 0.97, overdispersion=0.5)
    poisson = estimate_trend(data, model="poisson").iloc[0]
    quasi = estimate_trend(data, model="quasipoisson").iloc[0]
    nb = estimate_trend(data, model="negative_binomial").iloc[0]
    assert poisson["pearson_dispersion"] > 2
    assert quasi["coefficient"] == pytest.approx(poisson["coefficient"])
    assert quasi["std_error"] == pytest.approx(poisson["std_error"] * np.sqrt(poisson["pearson_dispersion"]), rel=1e-6)
    assert nb["alpha"] == pytest.approx(0.5, abs=0.3)
    assert nb["std_error"] > 1.3 * poisson["std_error"]
    assert nb["irr_year_low"] < 0.97 < nb["irr_year_high"]
    assert np.isnan(poisson["alpha"])


def test_trend_by_group_and_degenerate_groups():
    rng = np.random.default_rng(2)
    data = pd.concat([
        trend_data(rng, 1.05).assign(level="national"),
        trend_data(rng, 0.95).assign(level="provincial"),
        pd.DataFrame({"year": [2000, 2001, 2002], "count": [0, 0, 0], "characters": [9_000] * 3, "level": "silent"}),
    ])
    out = estimate_trend(data, by="level", model="quasipoisson").set_index("level")
    assert out.loc["national", "irr_decade"] > 1.3 and out.loc["provincial", "irr_decade"] < 0.8
    assert out.loc["national", "spearman_rho"] > 0 > out.loc["provincial", "spearman_rho"]
    assert np.isnan(out.loc["silent", "coefficient"]) and out.loc["silent", "documents"] == 3
    assert out.loc["national", "first_year"] == 1980 and out.loc["national", "last_year"] == 2019


@pytest.fixture(scope="module")
def national():
    """The national reports (normalized), one row per report: year, text, characters."""
    from tifa.datasets import load_national
    from tifa.measures import count_characters

    corpus = load_national()
    return pd.DataFrame({
        "year": [d.docvars["year"] for d in corpus],
        "text": [d.text for d in corpus],
        "characters": [count_characters(d.text) for d in corpus],
    })


def test_trend_of_a_real_term_in_the_national_reports(national):
    # 创新 (innovation) rises steeply in the national reports after 1978.
    data = national.assign(count=national["text"].str.count("创新"))
    data = data[data["year"] >= 1978]
    out = estimate_trend(data, model="negative_binomial").iloc[0]
    assert out["irr_decade_low"] > 1.5
    assert out["spearman_rho"] > 0.7 and out["spearman_p"] < 1e-6


def test_terms_coined_late_are_flagged_as_separated(national):
    # 高质量发展 enters the national reports in 2018: zero before, present after
    data = pd.concat([
        national.assign(term="高质量发展", count=national["text"].str.count("高质量发展")),
        national.assign(term="创新", count=national["text"].str.count("创新")),
    ])
    out = estimate_trend(data, by="term", model="quasipoisson").set_index("term")
    assert out.loc["高质量发展", "separated"] and not out.loc["创新", "separated"]
    assert out.loc["高质量发展", "irr_decade"] > 1000  # the meaningless estimate the flag warns about
    with pytest.warns(RuntimeWarning, match="did not fit cleanly"):
        estimate_trend(data[data["term"] == "高质量发展"], model="negative_binomial")


def test_invalid_model_is_reported():
    data = pd.DataFrame({"year": [1, 2, 3], "count": [1, 2, 3], "characters": [10, 10, 10]})
    with pytest.raises(OptionError, match="negative_binomial"):
        estimate_trend(data, model="ols")  # type: ignore[arg-type]
