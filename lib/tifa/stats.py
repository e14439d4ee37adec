"""Rates, intervals and tests for counts of spans in documents.

Every function reads a tidy table with **one row per document**: a ``count``
column (occurrences of whatever is measured: slogans, numeric targets, one
term), a ``characters`` column (the rate denominator,
``tifa.measures.count_characters``) and grouping columns (region, level, year,
genre, ...). Rates are per 10,000 characters (每万字).

Documents are the sampling unit throughout. Occurrences inside one document are
not independent (a speaker who likes a slogan repeats it), so intervals and
tests for groups resample or permute whole documents, never characters.

>>> data = pd.DataFrame({"doc_id": ["a", "b"], "count": [3, 0], "characters": [20_000, 5_000]})
>>> rate_documents(data)[["doc_id", "rate", "rate_low", "rate_high"]].round(3)
  doc_id  rate  rate_low  rate_high
0      a   1.5     0.309      4.384
1      b   0.0     0.000      7.378
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Sequence
from typing import Final, Literal, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import stats

from tifa.errors import TifaError, check_option

__all__ = [
    "PER",
    "rate_documents",
    "rate_groups",
    "compare_rates",
    "permutation_test",
    "adjust_pvalues",
    "estimate_trend",
]

PER: Final = 10_000
Alternative = Literal["two-sided", "greater", "less"]
AdjustMethod = Literal["bh", "holm", "bonferroni"]
TrendModel = Literal["poisson", "quasipoisson", "negative_binomial"]


def _check_columns(data: pd.DataFrame, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise TifaError(
            f"columns {missing} not in the table (columns: {', '.join(map(str, data.columns))}); "
            "pass the names with count=..., characters=..., by=..."
        )


def _counts_and_exposure(data: pd.DataFrame, count: str, characters: str) -> tuple[np.ndarray, np.ndarray]:
    _check_columns(data, [count, characters])
    k = data[count].to_numpy(dtype=float)
    n = data[characters].to_numpy(dtype=float)
    if np.any(~np.isfinite(k)) or np.any(k < 0) or np.any(k != np.round(k)):
        raise TifaError(f"column {count!r} must hold non-negative whole counts")
    if np.any(~np.isfinite(n)) or np.any(n <= 0):
        raise TifaError(f"column {characters!r} must be positive for every document")
    return k, n


def _as_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def rate_documents(
    data: pd.DataFrame,
    *,
    count: str = "count",
    characters: str = "characters",
    confidence: float = 0.95,
    per: int = PER,
) -> pd.DataFrame:
    """Rate per 10,000 characters of each document, with an exact Poisson interval.

    Assumptions: within one document, occurrences are treated as a Poisson
    process over its characters, so the interval reflects only the chance
    variation of a count given the document's length (Garwood's exact
    interval: ``[χ²(α/2; 2k) / 2, χ²(1 - α/2; 2k + 2) / 2]`` for the count
    ``k``, divided by the characters). It is conservative (coverage at least the
    nominal level) and valid for small counts, including zero. It says nothing
    about how the document stands for others of its kind; for groups use
    :func:`rate_groups`.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per document.
    count, characters : str
        Names of the count and character columns.
    confidence : float
        Confidence level of the interval.
    per : int
        Rate base (10,000 characters).

    Returns
    -------
    pandas.DataFrame
        ``data`` with three columns added: ``rate`` (count per ``per``
        characters), ``rate_low`` and ``rate_high`` (the interval).

    >>> rate_documents(pd.DataFrame({"count": [10], "characters": [10_000]})).round(2)
       count  characters  rate  rate_low  rate_high
    0     10       10000  10.0       4.8      18.39
    """
    k, n = _counts_and_exposure(data, count, characters)
    alpha = 1 - confidence
    low = np.where(k > 0, stats.chi2.ppf(alpha / 2, 2 * np.maximum(k, 1)) / 2, 0.0)
    high = stats.chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2
    out = data.copy()
    out["rate"] = k * per / n
    out["rate_low"] = low * per / n
    out["rate_high"] = high * per / n
    return out


def _bootstrap_rates(k: np.ndarray, n: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Pooled rates of ``n_boot`` resamples of the documents (with replacement)."""
    index = rng.integers(0, len(k), size=(n_boot, len(k)))
    return k[index].sum(axis=1) / n[index].sum(axis=1)


def _interval(samples: np.ndarray, confidence: float) -> tuple[float, float]:
    alpha = 1 - confidence
    with np.errstate(invalid="ignore"):
        low, high = np.quantile(samples, [alpha / 2, 1 - alpha / 2])
    return float(low), float(high)


def rate_groups(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    count: str = "count",
    characters: str = "characters",
    confidence: float = 0.95,
    n_boot: int = 2000,
    seed: int | None = None,
    per: int = PER,
) -> pd.DataFrame:
    """Pooled rate of each group of documents, with a document bootstrap interval.

    Assumptions: the documents of a group are a sample from a larger population
    of such documents (the reports a province could have given, other years'
    speeches) and are independent of each other. The group's rate is the pooled
    ratio ``Σ count / Σ characters`` (long documents weigh more, as every
    character counts once). Its interval is the percentile interval of that
    ratio over ``n_boot`` resamples of whole documents with replacement, so it
    includes the between-document variation that a Poisson interval ignores.
    Percentile intervals are too narrow for very small groups (under about 10
    documents); a group of one document gets no interval (NaN).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per document.
    by : str or list of str, optional
        Grouping columns; ``None`` treats all documents as one group.
    count, characters : str
        Names of the count and character columns.
    confidence : float
        Confidence level of the interval.
    n_boot : int
        Number of bootstrap resamples.
    seed : int, optional
        Seed of the random generator (``None``: not reproducible).
    per : int
        Rate base.

    Returns
    -------
    pandas.DataFrame
        One row per group (sorted): the ``by`` columns, ``documents``, ``count``
        (summed), ``characters`` (summed), ``rate`` (pooled, per ``per``
        characters), ``rate_low``, ``rate_high``.

    >>> data = pd.DataFrame({"level": ["city"] * 3 + ["county"] * 3,
    ...                      "count": [4, 6, 5, 1, 0, 2], "characters": [10_000] * 6})
    >>> rate_groups(data, by="level", seed=1)[["level", "documents", "rate"]]
        level  documents  rate
    0    city          3   5.0
    1  county          3   1.0
    """
    groups = _as_list(by)
    _check_columns(data, groups)
    _counts_and_exposure(data, count, characters)
    rng = np.random.default_rng(seed)
    rows = []
    grouped = data.groupby(groups, sort=True, observed=True, dropna=False) if groups else [((), data)]
    for key, part in grouped:
        k, n = _counts_and_exposure(part, count, characters)
        rate = k.sum() * per / n.sum()
        if len(k) > 1:
            low, high = _interval(_bootstrap_rates(k, n, n_boot, rng), confidence)
        else:
            low = high = float("nan")
        key = key if isinstance(key, tuple) else (key,)
        rows.append(
            {
                **dict(zip(groups, key)),
                "documents": len(k),
                count: int(k.sum()),
                characters: n.sum(),
                "rate": rate,
                "rate_low": low * per,
                "rate_high": high * per,
            }
        )
    out = pd.DataFrame(rows, columns=[*groups, "documents", count, characters, "rate", "rate_low", "rate_high"])
    if out[characters].eq(out[characters].round()).all():
        out[characters] = out[characters].astype("int64")
    return out


def _pooled_difference(k: np.ndarray, n: np.ndarray, per: int) -> object:
    """Statistic for scipy: difference of pooled rates of two samples of document indices."""

    def statistic(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
        x = np.asarray(x, dtype=np.int64)
        y = np.asarray(y, dtype=np.int64)
        rate_x = k[x].sum(axis=axis) * per / n[x].sum(axis=axis)
        rate_y = k[y].sum(axis=axis) * per / n[y].sum(axis=axis)
        return rate_x - rate_y

    return statistic


def _permutation_p(
    k: np.ndarray,
    n: np.ndarray,
    first: np.ndarray,
    second: np.ndarray,
    *,
    n_permutations: int,
    alternative: str,
    rng: np.random.Generator,
    per: int,
) -> tuple[float, float, bool]:
    statistic = _pooled_difference(k, n, per)
    observed = float(statistic(first, second))
    exact = _n_assignments(len(first), len(second)) <= n_permutations
    result = stats.permutation_test(
        (first.astype(float), second.astype(float)),
        statistic,
        permutation_type="independent",
        vectorized=True,
        n_resamples=n_permutations,
        alternative=alternative,
        rng=rng,
    )
    return observed, float(result.pvalue), exact


def _n_assignments(n1: int, n2: int) -> int:
    """Number of distinct ways to relabel ``n1 + n2`` documents into groups of those sizes."""
    return math.comb(n1 + n2, n1)


def permutation_test(
    data: pd.DataFrame,
    *,
    by: str,
    groups: tuple[object, object] | None = None,
    count: str = "count",
    characters: str = "characters",
    n_permutations: int = 9999,
    alternative: Alternative = "two-sided",
    seed: int | None = None,
    per: int = PER,
) -> pd.DataFrame:
    """Permutation test of the difference in pooled rates between two groups.

    Assumptions: under the null hypothesis the group labels are exchangeable
    between documents, i.e. each document's count and length would be the same
    whichever group it belonged to. Documents, not characters, are permuted, so
    the test respects the clustering of occurrences within documents; it makes
    no distributional assumption. The statistic is the difference of pooled
    rates (per 10,000 characters), first group minus second. When the number
    of distinct relabellings does not exceed ``n_permutations`` all of them are
    enumerated and the p-value is exact; otherwise ``n_permutations`` random
    relabellings are drawn (scipy's ``permutation_test``, whose two-sided
    p-value is twice the smaller one-sided p-value, at most 1).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per document.
    by : str
        The grouping column.
    groups : pair of values, optional
        The two groups to compare (first minus second). Required when ``by``
        has more than two values; by default its two values in sorted order.
    count, characters : str
        Names of the count and character columns.
    n_permutations : int
        Number of random relabellings (or the limit for exact enumeration).
    alternative : {"two-sided", "greater", "less"}
        ``"greater"``: the first group's rate is higher.
    seed : int, optional
        Seed of the random generator.
    per : int
        Rate base.

    Returns
    -------
    pandas.DataFrame
        One row: ``group``, ``reference`` (the two groups), ``difference``
        (observed statistic), ``p_value``, ``alternative``, ``permutations``
        (number used, or of all relabellings when exact) and ``exact`` (bool).

    >>> data = pd.DataFrame({"level": ["city"] * 3 + ["county"] * 3,
    ...                      "count": [4, 6, 5, 1, 0, 2], "characters": [10_000] * 6})
    >>> permutation_test(data, by="level", alternative="greater")[["difference", "p_value", "exact"]]
       difference  p_value  exact
    0         4.0     0.05   True
    """
    check_option("alternative", alternative, get_args(Alternative))
    _check_columns(data, [by])
    k, n = _counts_and_exposure(data, count, characters)
    labels = data[by].to_numpy()
    if groups is None:
        values = sorted(pd.unique(labels), key=str)
        if len(values) != 2:
            raise TifaError(f"column {by!r} has {len(values)} values; name the two to compare with groups=(a, b)")
        groups = (values[0], values[1])
    first = np.flatnonzero(labels == groups[0])
    second = np.flatnonzero(labels == groups[1])
    if len(first) < 2 or len(second) < 2:
        small = groups[0] if len(first) < 2 else groups[1]
        raise TifaError(f"group {by} == {small!r} has fewer than two documents; a permutation test needs two or more")
    rng = np.random.default_rng(seed)
    observed, p_value, exact = _permutation_p(
        k, n, first, second, n_permutations=n_permutations, alternative=alternative, rng=rng, per=per
    )
    total = _n_assignments(len(first), len(second)) if exact else n_permutations
    return pd.DataFrame(
        [
            {
                "group": groups[0],
                "reference": groups[1],
                "difference": observed,
                "p_value": p_value,
                "alternative": alternative,
                "permutations": total,
                "exact": exact,
            }
        ]
    )


def compare_rates(
    data: pd.DataFrame,
    *,
    by: str,
    reference: object | None = None,
    count: str = "count",
    characters: str = "characters",
    confidence: float = 0.95,
    n_boot: int = 2000,
    n_permutations: int = 9999,
    seed: int | None = None,
    per: int = PER,
) -> pd.DataFrame:
    """Rate ratios between groups, with bootstrap intervals and permutation p-values.

    Assumptions: as in :func:`rate_groups` and :func:`permutation_test`:
    documents are independent draws from their group's population and the unit
    of resampling. The rate ratio is the ratio of pooled rates; its interval is
    the percentile interval of the ratio over ``n_boot`` pairs of independent
    document resamples of the two groups (infinite when a resampled reference
    has no occurrence, which then shows as ``inf`` in ``ratio_high``). The
    p-value of each comparison tests the difference in pooled rates by
    permuting documents between the two groups; ``p_adjusted`` applies the
    Benjamini–Hochberg correction across the comparisons of the table.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per document.
    by : str
        The grouping column.
    reference : value, optional
        Compare every other group with this one. By default every pair of
        groups (in sorted order, the later against the earlier).
    count, characters : str
        Names of the count and character columns.
    confidence : float
        Confidence level of the intervals.
    n_boot, n_permutations : int
        Bootstrap resamples and permutations per comparison.
    seed : int, optional
        Seed of the random generator.
    per : int
        Rate base.

    Returns
    -------
    pandas.DataFrame
        One row per comparison: ``group``, ``reference``, ``rate``,
        ``reference_rate`` (pooled, per ``per`` characters), ``difference``
        (``rate - reference_rate``), ``rate_ratio`` (``rate / reference_rate``),
        ``ratio_low``, ``ratio_high``, ``p_value`` (two-sided permutation test)
        and ``p_adjusted`` (NaN when a group has a single document).

    >>> data = pd.DataFrame({"level": ["city"] * 3 + ["county"] * 3,
    ...                      "count": [4, 6, 5, 1, 0, 2], "characters": [10_000] * 6})
    >>> compare_rates(data, by="level", reference="county", seed=0)[["group", "rate_ratio", "p_value"]]
      group  rate_ratio  p_value
    0  city         5.0      0.1
    """
    _check_columns(data, [by])
    k, n = _counts_and_exposure(data, count, characters)
    labels = data[by].to_numpy()
    values = sorted(pd.unique(labels), key=str)
    if reference is not None:
        if reference not in values:
            raise TifaError(f"reference {reference!r} is not a value of {by!r}")
        pairs = [(value, reference) for value in values if value != reference]
    else:
        pairs = [(later, earlier) for earlier, later in itertools.combinations(values, 2)]
    rng = np.random.default_rng(seed)
    rows = []
    for group, ref in pairs:
        first = np.flatnonzero(labels == group)
        second = np.flatnonzero(labels == ref)
        rate = k[first].sum() * per / n[first].sum()
        reference_rate = k[second].sum() * per / n[second].sum()
        boot_first = _bootstrap_rates(k[first], n[first], n_boot, rng)
        boot_second = _bootstrap_rates(k[second], n[second], n_boot, rng)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = rate / reference_rate if reference_rate > 0 else (np.inf if rate > 0 else np.nan)
            low, high = _interval(boot_first / boot_second, confidence)
        p_value = float("nan")
        if len(first) > 1 and len(second) > 1:
            _, p_value, _ = _permutation_p(
                k, n, first, second, n_permutations=n_permutations, alternative="two-sided", rng=rng, per=per
            )
        rows.append(
            {
                "group": group,
                "reference": ref,
                "rate": rate,
                "reference_rate": reference_rate,
                "difference": rate - reference_rate,
                "rate_ratio": ratio,
                "ratio_low": low,
                "ratio_high": high,
                "p_value": p_value,
            }
        )
    columns = ["group", "reference", "rate", "reference_rate", "difference", "rate_ratio", "ratio_low",
               "ratio_high", "p_value"]
    out = pd.DataFrame(rows, columns=columns)
    out["p_adjusted"] = adjust_pvalues(out["p_value"].to_numpy(dtype=float))
    return out


def adjust_pvalues(pvalues: npt.ArrayLike, *, method: AdjustMethod = "bh") -> np.ndarray:
    """Adjust p-values for multiple comparisons.

    Assumptions: ``"bh"`` (Benjamini & Hochberg 1995) controls the false
    discovery rate when the tests are independent or positively dependent (the
    usual situation for terms or groups compared on the same corpus); ``"holm"``
    and ``"bonferroni"`` control the family-wise error rate under any
    dependence, at a cost in power. NaN p-values are left as NaN and not counted
    as tests.

    Parameters
    ----------
    pvalues : array-like of float
        Unadjusted p-values.
    method : {"bh", "holm", "bonferroni"}
        Correction.

    Returns
    -------
    numpy.ndarray
        Adjusted p-values, same shape and order, capped at 1.

    >>> adjust_pvalues([0.01, 0.04, 0.03, 0.5])
    array([0.04      , 0.05333333, 0.05333333, 0.5       ])
    """
    check_option("method", method, get_args(AdjustMethod))
    p = np.asarray(pvalues, dtype=float)
    out = np.full(p.shape, np.nan)
    flat = p.ravel()
    valid = np.flatnonzero(~np.isnan(flat))
    if np.any((flat[valid] < 0) | (flat[valid] > 1)):
        raise TifaError("p-values must lie in [0, 1]")
    m = len(valid)
    if m == 0:
        return out
    values = flat[valid]
    if method == "bonferroni":
        adjusted = np.minimum(values * m, 1.0)
    elif method == "holm":
        order = np.argsort(values, kind="mergesort")
        stepped = np.maximum.accumulate(values[order] * (m - np.arange(m)))
        adjusted = np.empty(m)
        adjusted[order] = np.minimum(stepped, 1.0)
    else:
        order = np.argsort(values, kind="mergesort")[::-1]  # largest first
        ranks = m - np.arange(m)  # rank of each, from m down to 1
        stepped = np.minimum.accumulate(values[order] * m / ranks)
        adjusted = np.empty(m)
        adjusted[order] = np.minimum(stepped, 1.0)
    flat_out = out.ravel()
    flat_out[valid] = adjusted
    return flat_out.reshape(p.shape)


def _fit_trend(
    k: np.ndarray, n: np.ndarray, years: np.ndarray, model: str, confidence: float
) -> dict[str, float]:
    import statsmodels.api as sm
    from statsmodels.discrete.discrete_model import NegativeBinomial
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, HessianInversionWarning

    centre = years.mean()
    exog = sm.add_constant(years - centre, has_constant="add")
    offset = np.log(n)
    alpha_level = 1 - confidence
    nb_alpha = float("nan")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if model == "negative_binomial":
            result = NegativeBinomial(k, exog, loglike_method="nb2", offset=offset).fit(
                disp=0, maxiter=200, method="bfgs"
            )
            nb_alpha = float(result.params[-1])
        else:
            glm = sm.GLM(k, exog, family=sm.families.Poisson(), offset=offset)
            result = glm.fit(scale="X2") if model == "quasipoisson" else glm.fit()
    problems = [w for w in caught if issubclass(w.category, (ConvergenceWarning, HessianInversionWarning, RuntimeWarning))]
    converged = bool(getattr(result, "mle_retvals", {}).get("converged", True)) if model == "negative_binomial" else True
    if problems or not converged:
        warnings.warn(
            f"the {model} trend model did not fit cleanly ({problems[0].message if problems else 'no convergence'}); "
            "its estimates may be unreliable: try model='quasipoisson'",
            RuntimeWarning,
            stacklevel=3,
        )
    params = np.asarray(result.params)
    bse = np.asarray(result.bse)
    ci = np.asarray(result.conf_int(alpha=alpha_level))
    mu = np.exp(exog @ params[:2] + offset)
    pearson = float(((k - mu) ** 2 / mu).sum() / max(len(k) - 2, 1))
    beta, low, high = float(params[1]), float(ci[1, 0]), float(ci[1, 1])
    return {
        "coefficient": beta,
        "std_error": float(bse[1]),
        "ci_low": low,
        "ci_high": high,
        "p_value": float(np.asarray(result.pvalues)[1]),
        "irr_year": np.exp(beta),
        "irr_year_low": np.exp(low),
        "irr_year_high": np.exp(high),
        "irr_decade": np.exp(10 * beta),
        "irr_decade_low": np.exp(10 * low),
        "irr_decade_high": np.exp(10 * high),
        "alpha": nb_alpha,
        "pearson_dispersion": pearson,
    }


TREND_COLUMNS: Final = [
    "documents", "first_year", "last_year", "spearman_rho", "spearman_p", "kendall_tau", "kendall_p",
    "model", "coefficient", "std_error", "ci_low", "ci_high", "p_value", "irr_year", "irr_year_low",
    "irr_year_high", "irr_decade", "irr_decade_low", "irr_decade_high", "alpha", "pearson_dispersion",
    "separated",
]


def estimate_trend(
    data: pd.DataFrame,
    *,
    year: str = "year",
    by: str | Sequence[str] | None = None,
    count: str = "count",
    characters: str = "characters",
    model: TrendModel = "negative_binomial",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Trend of a rate over years: rank correlations and a count regression.

    Assumptions: documents are independent given the year. The rank
    correlations (Spearman's ρ, Kendall's τ-b) of document rates with year
    assume only a monotone trend, and weigh every document alike whatever its
    length. The regression models the count of document ``i`` as
    ``log E[count_i] = log(characters_i) + β0 + β1 (year_i - mean year)``, i.e.
    a rate that changes by the factor ``exp(β1)`` per year (the incidence-rate
    ratio, ``exp(10 β1)`` per decade), log-linear in time. ``"poisson"``
    assumes the variance equals the mean; political texts are nearly always
    overdispersed (see ``pearson_dispersion``, which should be near 1 for a
    Poisson fit), making Poisson intervals too narrow. ``"quasipoisson"``
    keeps the Poisson estimates and scales the standard errors by the Pearson
    dispersion; ``"negative_binomial"`` (NB2, variance ``μ + α μ²``, fitted by
    maximum likelihood with statsmodels) models the extra variance. Intervals
    are Wald intervals. Groups whose counts are all zero, or that span fewer
    than three documents or two distinct years, get NaN estimates. A term that
    is absent from every document before (or after) some year, such as a
    slogan coined in 2017, is *separated* in time: the likelihood keeps
    growing as the slope grows, so the estimated ratio per decade is huge and
    its interval meaningless. Such groups are flagged in ``separated``; fit
    them on the years in which the term is in use instead.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per document.
    year : str
        The column holding the year (numeric).
    by : str or list of str, optional
        Fit one trend per group.
    count, characters : str
        Names of the count and character columns.
    model : {"negative_binomial", "quasipoisson", "poisson"}
        The count regression.
    confidence : float
        Confidence level of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per group (sorted): the ``by`` columns, ``documents``,
        ``first_year``, ``last_year``, ``spearman_rho``, ``spearman_p``,
        ``kendall_tau``, ``kendall_p``, ``model``, ``coefficient`` (β1, log rate
        change per year), ``std_error``, ``ci_low``, ``ci_high`` (interval of
        β1), ``p_value`` (Wald test of β1 = 0), ``irr_year``, ``irr_year_low``,
        ``irr_year_high`` (``exp`` of the above), ``irr_decade``,
        ``irr_decade_low``, ``irr_decade_high`` (``exp(10 ·)``), ``alpha`` (NB2
        dispersion; NaN for the Poisson models), ``pearson_dispersion``
        (Pearson χ² / residual degrees of freedom) and ``separated`` (bool: the
        years with occurrences and the years without do not overlap).

    >>> data = pd.DataFrame({"year": [2000, 2005, 2010, 2015, 2020],
    ...                      "count": [10, 14, 21, 30, 41], "characters": [10_000] * 5})
    >>> trend = estimate_trend(data, model="poisson")
    >>> round(float(trend["irr_decade"].iloc[0]), 2), round(float(trend["spearman_rho"].iloc[0]), 2)
    (2.03, 1.0)
    """
    check_option("model", model, get_args(TrendModel))
    groups = _as_list(by)
    _check_columns(data, [year, *groups])
    _counts_and_exposure(data, count, characters)
    rows = []
    grouped = data.groupby(groups, sort=True, observed=True, dropna=False) if groups else [((), data)]
    for key, part in grouped:
        k, n = _counts_and_exposure(part, count, characters)
        years = part[year].to_numpy(dtype=float)
        row: dict[str, object] = dict(zip(groups, key if isinstance(key, tuple) else (key,)))
        row.update(documents=len(k), first_year=years.min(), last_year=years.max(), model=model)
        present, absent = years[k > 0], years[k == 0]
        row["separated"] = bool(
            len(present) and len(absent) and (absent.max() < present.min() or present.max() < absent.min())
        )
        estimable = len(k) >= 3 and len(np.unique(years)) >= 2
        rates = k / n
        if estimable and np.ptp(rates) > 0:
            rho = stats.spearmanr(years, rates)
            tau = stats.kendalltau(years, rates)
            row.update(spearman_rho=rho.statistic, spearman_p=rho.pvalue, kendall_tau=tau.statistic,
                       kendall_p=tau.pvalue)
        if estimable and k.sum() > 0:
            row.update(_fit_trend(k, n, years, model, confidence))
        rows.append(row)
    out = pd.DataFrame(rows, columns=[*groups, *TREND_COLUMNS])
    for column in ("first_year", "last_year"):
        if out[column].notna().all() and out[column].eq(out[column].round()).all():
            out[column] = out[column].astype("int64")
    return out
