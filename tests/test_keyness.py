"""Keyness and dispersion, checked against hand computations from the published formulas."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from tifa.errors import OptionError, TifaError
from tifa.keyness import dispersion, gries_dp, keyness, keyness_statistics
from tifa.paths import SEEDS
from tifa.segment import find_tokens

# --- worked example -------------------------------------------------------------
# A term occurs a = 30 times in a target of c = 1000 tokens and b = 10 times in a
# reference of d = 2000 tokens.  N = 3000.
#
#                  target   reference   row sum
#   the term         30         10        R1 = 40
#   other tokens    970       1990        R2 = 2960
#   column sum     1000       2000        N = 3000
#
# Expected counts E = row sum × column sum / N:
#   E11 = 40·1000/3000 = 13.3333    E12 = 40·2000/3000 = 26.6667
#   E21 = 2960·1000/3000 = 986.667  E22 = 2960·2000/3000 = 1973.333
A, B, C, D = 30, 10, 1000, 2000
N = C + D


@pytest.fixture(scope="module")
def worked():
    return keyness_statistics([A], [B], [C], [D]).iloc[0]


def test_log_likelihood_g2(worked):
    # G² = 2 Σ O ln(O/E)
    #    = 2 (30 ln(30/13.3333) + 10 ln(10/26.6667) + 970 ln(970/986.667) + 1990 ln(1990/1973.333))
    #    = 2 (30·0.8109302 + 10·(−0.9808293) + 970·(−0.0170362) + 1990·0.0084105)
    #    = 2 (24.327906 − 9.808293 − 16.525102 + 16.736852) = 2 · 14.731365 = 29.4627
    by_hand = 2 * (
        30 * math.log(30 / (40 * 1000 / 3000))
        + 10 * math.log(10 / (40 * 2000 / 3000))
        + 970 * math.log(970 / (2960 * 1000 / 3000))
        + 1990 * math.log(1990 / (2960 * 2000 / 3000))
    )
    assert by_hand == pytest.approx(29.4627, abs=5e-5)
    assert worked["g2"] == pytest.approx(by_hand, rel=1e-12)
    # positive: the term is relatively more frequent in the target (3% vs 0.5%)
    assert worked["g2"] > 0
    # p from χ²(1): P(X > 29.46) ≈ 5.7e-8 (scipy's survival function, not by hand)
    assert worked["g2_p"] == pytest.approx(stats.chi2.sf(by_hand, 1))
    assert 5e-8 < worked["g2_p"] < 6e-8


def test_g2_agrees_with_scipy_likelihood_ratio():
    table = np.array([[A, B], [C - A, D - B]])
    g2, p, _, _ = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
    row = keyness_statistics([A], [B], [C], [D]).iloc[0]
    assert row["g2"] == pytest.approx(g2) and row["g2_p"] == pytest.approx(p)


def test_pearson_chi2_with_and_without_yates(worked):
    # χ² = N (ad' − bc')² / (R1 R2 c d), with a·(d−b) − b·(c−a) = 30·1990 − 10·970 = 59700 − 9700 = 50000
    #    = 3000 · 50000² / (40 · 2960 · 1000 · 2000) = 7.5e12 / 2.368e11 = 31.6723
    assert worked["chi2"] == pytest.approx(3000 * 50000**2 / (40 * 2960 * 1000 * 2000))
    assert worked["chi2"] == pytest.approx(31.6723, abs=5e-5)
    # Yates: (|50000| − N/2)² = (50000 − 1500)² = 48500²;  3000 · 48500² / 2.368e11 = 29.8005
    assert worked["chi2_yates"] == pytest.approx(3000 * 48500**2 / 2.368e11)
    assert worked["chi2_yates"] == pytest.approx(29.8005, abs=5e-5)
    # scipy agrees (correction=True is Yates' continuity correction)
    table = np.array([[A, B], [C - A, D - B]])
    assert worked["chi2"] == pytest.approx(stats.chi2_contingency(table, correction=False)[0])
    assert worked["chi2_yates"] == pytest.approx(stats.chi2_contingency(table, correction=True)[0])
    assert worked["chi2_yates_p"] == pytest.approx(stats.chi2_contingency(table, correction=True)[1])


def test_log_ratio_hardie(worked):
    # log2((30/1000) / (10/2000)) = log2(0.03 / 0.005) = log2(6) = 2.5850
    assert worked["log_ratio"] == pytest.approx(math.log2(6))
    assert worked["log_ratio"] == pytest.approx(2.5850, abs=5e-5)


def test_pct_diff_gabrielatos_marchi(worked):
    # normalized frequencies per million: 30/1000·1e6 = 30000, 10/2000·1e6 = 5000
    # %DIFF = (30000 − 5000) · 100 / 5000 = 500
    assert worked["pct_diff"] == pytest.approx(500.0)


def test_bayes_factor_bic_wilson(worked):
    # BIC = G² − df · ln N = 29.4627 − 1 · ln 3000 = 29.4627 − 8.0064 = 21.4563: "very strong" (> 10)
    assert worked["bic"] == pytest.approx(worked["g2"] - math.log(3000))
    assert worked["bic"] == pytest.approx(21.4563, abs=5e-4)
    # Bayes factor ≈ exp(BIC / 2) = exp(10.7282) ≈ 45,600
    assert worked["bayes_factor"] == pytest.approx(math.exp(worked["bic"] / 2))
    assert 45_000 < worked["bayes_factor"] < 46_000


def test_underused_term_has_negative_signed_statistics():
    # swap the groups: the term is now relatively rarer in the target
    row = keyness_statistics([B], [A], [D], [C]).iloc[0]
    assert row["g2"] == pytest.approx(-29.4627, abs=5e-4)
    assert row["chi2"] < 0 and row["chi2_yates"] < 0
    assert row["log_ratio"] == pytest.approx(-math.log2(6))
    # (5000 − 30000) · 100 / 30000 = −83.33
    assert row["pct_diff"] == pytest.approx(-250 / 3)
    assert row["bic"] == pytest.approx(21.4563, abs=5e-4)  # evidence of a difference, either way


def test_zero_counts():
    # Absent from the reference: Hardie's log ratio replaces 0 by 0.5,
    # log2((4/1000) / (0.5/2000)) = log2(0.004 / 0.00025) = log2(16) = 4
    row = keyness_statistics([4], [0], [1000], [2000]).iloc[0]
    assert row["log_ratio"] == pytest.approx(4.0)
    assert row["pct_diff"] == np.inf
    assert row["g2"] > 0 and np.isfinite(row["g2"])
    # Same rate in both groups: every statistic says "no difference"
    row = keyness_statistics([10], [20], [1000], [2000]).iloc[0]
    assert row["g2"] == pytest.approx(0.0, abs=1e-12) and row["chi2"] == 0 and row["log_ratio"] == 0
    assert row["g2_p"] == pytest.approx(1.0) and row["bic"] < 0


def test_counts_are_validated():
    with pytest.raises(TifaError):
        keyness_statistics([11], [0], [10], [10])


def test_small_expected_counts_yates_is_conservative():
    # 3 vs 0 occurrences: Yates' correction shrinks χ² substantially
    row = keyness_statistics([3], [0], [500], [500]).iloc[0]
    assert 0 < row["chi2_yates"] < row["chi2"]
    assert row["chi2_yates_p"] > row["chi2_p"]


# --- keyness over token tables ------------------------------------------------------


def seed_tokens():
    texts = {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("00[0234]_*.txt"))}
    return find_tokens(texts, tokenizer="jieba", user_terms=())


@pytest.fixture(scope="module")
def tokens():
    return seed_tokens()


def test_keyness_of_a_speech_against_the_other_seeds(tokens):
    table = keyness(tokens, "004")
    assert table.columns.tolist()[:5] == ["token", "n_target", "n_reference", "target_total", "reference_total"]
    assert (table["target_total"] == (tokens["doc_id"] == "004").sum()).all()
    assert (table["reference_total"] == (tokens["doc_id"] != "004").sum()).all()
    assert table["n_target"].sum() == (tokens["doc_id"] == "004").sum()
    assert table["n_reference"].sum() == (tokens["doc_id"] != "004").sum()
    assert table["g2"].is_monotonic_decreasing
    # signs agree with the direction of the relative frequencies wherever both
    # counts are positive (with a zero count, log ratio's 0.5 adjustment can flip
    # it: 0 of 901 tokens against 1 of 8223 gives +2.19, as documented)
    both = table[(table["n_target"] > 0) & (table["n_reference"] > 0)]
    assert len(both) > 50
    assert (np.sign(both["g2"]) == np.sign(both["log_ratio"].where(both["g2"] != 0, 0))).all()
    flipped = table[(table["n_target"] == 0) & (table["n_reference"] == 1)].iloc[0]
    assert flipped["g2"] < 0 < flipped["log_ratio"]
    assert flipped["log_ratio"] == pytest.approx(math.log2((0.5 / flipped["target_total"]) / (1 / flipped["reference_total"])))
    # 连州 is the city of seeds 000 and 001: a key term of the reference, absent from 004
    row = table[table["token"] == "连州"].iloc[0]
    assert row["n_target"] == 0 and row["g2"] < 0
    assert table.index[table["token"] == "连州"][0] > len(table) // 2


def test_keyness_between_two_explicit_groups(tokens):
    tokens = tokens.assign(genre=tokens["doc_id"].map({"000": "news", "002": "news", "003": "speech", "004": "speech"}))
    table = keyness(tokens, "speech", by="genre", reference="news", min_count=5, sort="log_ratio")
    assert (table["n_target"] + table["n_reference"] >= 5).all()
    assert table["log_ratio"].is_monotonic_decreasing
    only_one = keyness(tokens, "004", reference="003")
    assert only_one["reference_total"].iloc[0] == (tokens["doc_id"] == "003").sum()
    with pytest.raises(TifaError, match="both"):
        keyness(tokens, ["003", "004"], reference="004")
    with pytest.raises(TifaError, match="no rows"):
        keyness(tokens, "999")
    with pytest.raises(OptionError):
        keyness(tokens, "004", sort="p")


# --- dispersion ------------------------------------------------------------------------


def test_gries_2008_worked_example():
    # Parts of sizes 9, 10, 10, 10, 11 (S = 50) → expected proportions .18 .20 .20 .20 .22
    # Counts 1, 2, 3, 4, 5 (V = 15)          → observed proportions .0667 .1333 .2000 .2667 .3333
    # |differences|: .1133 .0667 0 .0667 .1133, sum .36, DP = .36 / 2 = .18
    expected = [9 / 50, 10 / 50, 10 / 50, 10 / 50, 11 / 50]
    observed = [1 / 15, 2 / 15, 3 / 15, 4 / 15, 5 / 15]
    by_hand = 0.5 * sum(abs(o - e) for o, e in zip(observed, expected))
    assert by_hand == pytest.approx(0.18)
    assert gries_dp([1, 2, 3, 4, 5], [9, 10, 10, 10, 11]) == pytest.approx(0.18)
    # normalized: maximum DP = 1 − min(expected) = 1 − .18 = .82; .18 / .82 = .2195
    assert gries_dp([1, 2, 3, 4, 5], [9, 10, 10, 10, 11], normalized=True) == pytest.approx(0.18 / 0.82)


def test_dp_extremes():
    sizes = [9, 10, 10, 10, 11]
    # proportional to the sizes: DP = 0
    assert gries_dp([9, 10, 10, 10, 11], sizes) == 0
    # all in the smallest part: DP = 1 − .18 = .82, normalized 1
    assert gries_dp([7, 0, 0, 0, 0], sizes) == pytest.approx(0.82)
    assert gries_dp([7, 0, 0, 0, 0], sizes, normalized=True) == pytest.approx(1.0)
    assert math.isnan(gries_dp([0, 0, 0, 0, 0], sizes))
    with pytest.raises(TifaError):
        gries_dp([1, 2], [1, 0])


def test_dispersion_table_matches_gries_dp(tokens):
    table = dispersion(tokens)
    sizes = tokens.groupby("doc_id").size()
    for term in ["的", "连州", "发展"]:
        counts = tokens[tokens["token"] == term].groupby("doc_id").size().reindex(sizes.index, fill_value=0)
        row = table[table["token"] == term].iloc[0]
        assert row["dp"] == pytest.approx(gries_dp(counts, sizes))
        assert row["dp_norm"] == pytest.approx(gries_dp(counts, sizes, normalized=True))
        assert row["range"] == (counts > 0).sum()
    # a function word is spread evenly, a place name is confined to its documents
    dp = table.set_index("token")["dp"]
    assert dp["的"] < 0.15 < 0.5 < dp["连州"]
    assert table["frequency"].is_monotonic_decreasing


def test_dispersion_with_character_sizes_and_selected_terms(tokens):
    characters = {doc_id: float(len(text)) for doc_id, text in tokens.groupby("doc_id")["text"].sum().items()}
    characters["005"] = 1000.0  # a part where nothing was tokenized
    table = dispersion(tokens, sizes=characters, terms=["的", "不存在的词"])
    assert table["token"].tolist() == ["的", "不存在的词"]
    assert table["parts"].eq(5).all()
    assert np.isnan(table.loc[1, "dp"]) and table.loc[1, "frequency"] == 0
    with pytest.raises(TifaError, match="sizes lack"):
        dispersion(tokens, sizes={"000": 1.0})


def test_dispersion_by_docvar_parts():
    tokens = pd.DataFrame({"year": [2001, 2001, 2002, 2003], "token": ["稳", "进", "稳", "稳"], "doc_id": list("abcd")})
    table = dispersion(tokens, parts="year")
    # sizes 2,1,1 → expected .5 .25 .25; 稳 counts 1,1,1 → .333 each; DP = ½(.1667+.0833+.0833) = .1667
    assert table.set_index("token").loc["稳", "dp"] == pytest.approx(1 / 6)
