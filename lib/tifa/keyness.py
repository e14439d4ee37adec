"""Keyness and dispersion of terms in token tables.

Keyness compares how often each term occurs in a *target* group of texts and in a
*reference* group (any two groups: a region against the rest, the 2010s against
the 1980s, one speaker against another). Every statistic is computed from the
same four numbers per term:

==========  ===========================================================
``a``       occurrences of the term in the target
``b``       occurrences of the term in the reference
``c``       tokens in the target (all terms)
``d``       tokens in the reference
==========  ===========================================================

arranged as the 2×2 contingency table ``[[a, b], [c - a, d - b]]`` with
``N = c + d``. Dispersion measures how evenly a term is spread over the parts of
a corpus (Gries' DP).

>>> stats = keyness_statistics([30], [10], [1000], [2000])
>>> round(float(stats["log_ratio"].iloc[0]), 4)
2.585
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import special, stats

from tifa.errors import TifaError, check_option

__all__ = ["keyness_statistics", "keyness", "gries_dp", "dispersion", "KEYNESS_SORT"]

KEYNESS_SORT: Final = ("g2", "chi2", "chi2_yates", "log_ratio", "pct_diff", "bic", "feature")
_STATISTIC_COLUMNS: Final = [
    "g2",
    "g2_p",
    "chi2",
    "chi2_p",
    "chi2_yates",
    "chi2_yates_p",
    "log_ratio",
    "pct_diff",
    "bic",
    "bayes_factor",
]


def keyness_statistics(
    n_target: npt.ArrayLike,
    n_reference: npt.ArrayLike,
    target_total: npt.ArrayLike,
    reference_total: npt.ArrayLike,
) -> pd.DataFrame:
    """Keyness statistics for arrays of term counts (vectorised).

    With ``a, b, c, d`` as in the module documentation, ``N = c + d``, row sums
    ``R1 = a + b``, ``R2 = N - R1`` and expected counts ``E = row × column / N``:

    - **G²** (log-likelihood, Dunning 1993): ``2 Σ O ln(O / E)`` over the four
      cells of the 2×2 table (``0 ln 0 = 0``). This is the likelihood-ratio
      test of the contingency table (scipy's
      ``chi2_contingency(..., lambda_="log-likelihood", correction=False)``). The
      UCREL log-likelihood calculator (Rayson & Garside 2000) sums the first row
      only, ``2 (a ln(a/E11) + b ln(b/E12))``; the two agree closely for terms
      that are rare compared with the corpus size.
    - **χ²** (Pearson): ``N (a(d-b) - b(c-a))² / (R1 R2 c d)``, no continuity
      correction. **χ² with Yates' correction**: ``|a(d-b) - b(c-a)|`` is
      reduced by ``N/2`` (not below 0) before squaring, as in scipy's
      ``correction=True`` and quanteda's default for ``chi2``. Yates'
      correction is conservative; it matters only when an expected count is
      small (below about 5).
    - **log ratio** (Hardie 2014): ``log2((a/c) / (b/d))``: 1 means twice as
      frequent in the target; a zero count is replaced by 0.5 (Hardie's
      adjustment), so the value stays finite. With a zero count the value
      reflects the adjustment more than the data, and when the groups differ
      much in size it can even take the wrong sign (0 of 900 tokens against 1
      of 8200 gives +2.2); read log ratio only for terms that pass a
      significance filter (e.g. on ``g2_p`` or ``bic``), as Hardie advises.
    - **%DIFF** (Gabrielatos & Marchi 2012): ``100 (a/c - b/d) / (b/d)``, the
      percentage by which the target's relative frequency exceeds the
      reference's; ``inf`` when ``b = 0 < a`` (no adjustment).
    - **BIC** (Wilson 2013): ``|G²| - ln N`` (one degree of freedom), an
      approximation of ``2 ln`` of the Bayes factor in favour of a difference;
      Wilson reads 0–2 as not worth more than a bare mention, 2–6 positive,
      6–10 strong and above 10 very strong evidence; negative values favour no
      difference. **bayes_factor** is ``exp(BIC / 2)``.

    G², χ² and χ² (Yates) are *signed* as in quanteda's ``textstat_keyness``:
    positive when the term is relatively more frequent in the target
    (``a/c > b/d``), negative when less. Their p-values come from the χ²
    distribution with one degree of freedom.

    Parameters
    ----------
    n_target, n_reference : array-like of int
        ``a`` and ``b`` for each term.
    target_total, reference_total : array-like of int
        ``c`` and ``d`` (broadcast against the counts).

    Returns
    -------
    pandas.DataFrame
        Columns ``n_target, n_reference, target_total, reference_total, g2,
        g2_p, chi2, chi2_p, chi2_yates, chi2_yates_p, log_ratio, pct_diff, bic,
        bayes_factor``, one row per term, in input order.

    >>> row = keyness_statistics([30], [10], [1000], [2000]).iloc[0]
    >>> [round(float(row[name]), 3) for name in ["g2", "chi2", "chi2_yates", "log_ratio", "pct_diff"]]
    [29.463, 31.672, 29.8, 2.585, 500.0]
    """
    a, b, c, d = np.broadcast_arrays(
        *(np.asarray(x, dtype=float) for x in (n_target, n_reference, target_total, reference_total))
    )
    a, b, c, d = (np.atleast_1d(x) for x in (a, b, c, d))
    if np.any(a > c) or np.any(b > d) or np.any(np.minimum.reduce([a, b, c, d]) < 0):
        raise TifaError("term counts must be non-negative and at most the group's token total")
    n = c + d
    row1 = a + b
    row2 = n - row1
    observed = np.stack([a, b, c - a, d - b])
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        expected = np.stack([row1 * c, row1 * d, row2 * c, row2 * d]) / n
        g2 = 2 * special.xlogy(observed, observed / expected).sum(axis=0)
        g2 = np.where(np.isfinite(g2), np.maximum(g2, 0.0), np.nan)
        denominator = row1 * row2 * c * d
        cross = a * (d - b) - b * (c - a)
        chi2 = n * cross**2 / denominator
        chi2_yates = n * np.maximum(np.abs(cross) - n / 2, 0.0) ** 2 / denominator
        rate_target = a / c
        rate_reference = b / d
        sign = np.sign(rate_target - rate_reference)
        log_ratio = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
        pct_diff = np.where(
            b > 0, 100 * (rate_target - rate_reference) / rate_reference, np.where(a > 0, np.inf, np.nan)
        )
        bic = g2 - np.log(n)
        bayes_factor = np.exp(bic / 2)
    return pd.DataFrame(
        {
            "n_target": a.astype("int64"),
            "n_reference": b.astype("int64"),
            "target_total": c.astype("int64"),
            "reference_total": d.astype("int64"),
            "g2": sign * g2,
            "g2_p": stats.chi2.sf(g2, 1),
            "chi2": sign * chi2,
            "chi2_p": stats.chi2.sf(chi2, 1),
            "chi2_yates": sign * chi2_yates,
            "chi2_yates_p": stats.chi2.sf(chi2_yates, 1),
            "log_ratio": log_ratio,
            "pct_diff": pct_diff,
            "bic": bic,
            "bayes_factor": bayes_factor,
        }
    )


def _as_values(values: object) -> list[object]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        return [values]
    return list(values)


def keyness(
    tokens: pd.DataFrame,
    target: object,
    *,
    by: str = "doc_id",
    reference: object | None = None,
    feature: str = "token",
    min_count: int = 1,
    sort: str = "g2",
) -> pd.DataFrame:
    """Keyness of every term in a target group against a reference group.

    Parameters
    ----------
    tokens : pandas.DataFrame
        A token table (:func:`tifa.segment.find_tokens`), possibly joined to
        docvars so that ``by`` can be any document variable.
    target : value or list of values
        The value(s) of column ``by`` that make up the target group.
    by : str
        The grouping column (default ``"doc_id"``: target documents).
    reference : value or list of values, optional
        The value(s) of ``by`` that make up the reference group. By default
        every row not in the target.
    feature : str
        The column holding the counted form.
    min_count : int
        Keep terms occurring at least this often in target and reference
        together.
    sort : {"g2", "chi2", "chi2_yates", "log_ratio", "pct_diff", "bic", "feature"}
        Sort by this column, descending (so the target's key terms come
        first and the reference's last), ties broken by feature; ``"feature"``
        sorts alphabetically.

    Returns
    -------
    pandas.DataFrame
        One row per term: ``feature`` (named after the ``feature`` argument),
        ``n_target``, ``n_reference`` (its counts ``a`` and ``b``),
        ``target_total``, ``reference_total`` (tokens ``c`` and ``d`` of the
        groups), ``g2``, ``g2_p``, ``chi2``, ``chi2_p``, ``chi2_yates``,
        ``chi2_yates_p`` (signed statistics and their p-values), ``log_ratio``,
        ``pct_diff``, ``bic`` and ``bayes_factor``; see
        :func:`keyness_statistics` for the formulas. p-values are not corrected
        for the number of terms tested (see :func:`tifa.stats.adjust_pvalues`).

    >>> tokens = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "b", "b"],
    ...                        "token": ["发展", "发展", "改革", "改革", "改革", "安全"]})
    >>> keyness(tokens, "a")[["token", "n_target", "n_reference", "log_ratio"]]
      token  n_target  n_reference  log_ratio
    0    发展         2            0        2.0
    1    改革         1            2       -1.0
    2    安全         0            1       -1.0
    """
    check_option("sort", sort, KEYNESS_SORT)
    for column in (by, feature):
        if column not in tokens.columns:
            raise TifaError(f"column {column!r} not in the token table (columns: {', '.join(map(str, tokens.columns))})")
    target_values = _as_values(target)
    in_target = tokens[by].isin(target_values)
    if reference is None:
        in_reference = ~in_target
    else:
        reference_values = _as_values(reference)
        overlap = set(target_values) & set(reference_values)
        if overlap:
            raise TifaError(f"values {sorted(map(str, overlap))} are in both target and reference")
        in_reference = tokens[by].isin(reference_values)
    if not in_target.any():
        raise TifaError(f"no rows of the token table have {by} in {target_values!r}")
    if not in_reference.any():
        raise TifaError("the reference group is empty")
    counts_target = tokens.loc[in_target, feature].value_counts()
    counts_reference = tokens.loc[in_reference, feature].value_counts()
    counts = pd.concat([counts_target.rename("a"), counts_reference.rename("b")], axis=1).fillna(0)
    counts = counts[counts["a"] + counts["b"] >= min_count]
    table = keyness_statistics(counts["a"], counts["b"], int(in_target.sum()), int(in_reference.sum()))
    table.insert(0, feature, counts.index.to_numpy())
    if sort == "feature":
        table = table.sort_values(feature, kind="mergesort")
    else:
        table = table.sort_values([sort, feature], ascending=[False, True], kind="mergesort")
    return table.reset_index(drop=True)


def gries_dp(counts: npt.ArrayLike, sizes: npt.ArrayLike, *, normalized: bool = False) -> float:
    """Gries' deviation of proportions (DP) of one term.

    ``DP = ½ Σ |v_i / V - s_i / S|`` where ``v_i`` are the term's counts in the
    corpus parts (``V`` their sum) and ``s_i`` the parts' sizes (``S`` their
    sum) (Gries 2008). DP is 0 when the term is spread exactly in proportion to
    the parts' sizes, and approaches 1 when it is confined to one small part.
    Its largest possible value is ``1 - min(s_i / S)`` (all occurrences in the
    smallest part); the normalized DP divides by it so that it ranges over
    [0, 1] whatever the parts (Lijffijt & Gries 2012).

    Parameters
    ----------
    counts : array-like
        Occurrences of the term in each part.
    sizes : array-like
        Sizes of the parts (tokens, or characters), same order.
    normalized : bool
        Return the normalized DP.

    Returns
    -------
    float
        NaN when the term never occurs.

    The worked example of Gries (2008): five parts of sizes 9, 10, 10, 10, 11
    and a term occurring 1, 2, 3, 4, 5 times.

    >>> gries_dp([1, 2, 3, 4, 5], [9, 10, 10, 10, 11])
    0.18
    """
    v = np.asarray(counts, dtype=float)
    s = np.asarray(sizes, dtype=float)
    if v.shape != s.shape or v.ndim != 1:
        raise TifaError("counts and sizes must be one-dimensional and of equal length")
    if np.any(s <= 0):
        raise TifaError("every part must have a positive size")
    total = v.sum()
    if total == 0:
        return float("nan")
    expected = s / s.sum()
    dp = 0.5 * float(np.abs(v / total - expected).sum())
    if normalized:
        dp /= 1 - float(expected.min())
    return round(dp, 12)


def dispersion(
    tokens: pd.DataFrame,
    *,
    parts: str = "doc_id",
    feature: str = "token",
    sizes: Mapping[object, float] | pd.Series | None = None,
    terms: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Dispersion (Gries' DP) of every term across the parts of a corpus.

    Parameters
    ----------
    tokens : pandas.DataFrame
        A token table, possibly joined to docvars.
    parts : str
        The column whose values are the parts (documents by default, or e.g.
        ``"year"``).
    feature : str
        The column holding the counted form.
    sizes : mapping or Series, optional
        Size of each part. By default the number of rows (tokens) of each part
        in ``tokens``; pass e.g. character counts to measure against text length.
        Parts absent from ``tokens`` but present here count as parts where no
        term occurs.
    terms : iterable of str, optional
        Only these terms (a term absent from ``tokens`` gets frequency 0 and
        NaN dispersion).

    Returns
    -------
    pandas.DataFrame
        One row per term, sorted by descending frequency then feature: the
        ``feature`` column, ``frequency`` (total occurrences), ``range`` (number
        of parts where it occurs), ``parts`` (number of parts), ``dp`` and
        ``dp_norm`` (see :func:`gries_dp`).

    >>> tokens = pd.DataFrame({"doc_id": list("aabbc"), "token": ["稳", "进", "稳", "进", "进"]})
    >>> dispersion(tokens)
      token  frequency  range  parts        dp   dp_norm
    0     进          3      3      3  0.133333  0.166667
    1     稳          2      2      3  0.200000  0.250000
    """
    for column in (parts, feature):
        if column not in tokens.columns:
            raise TifaError(f"column {column!r} not in the token table")
    if sizes is None:
        size_series = tokens.groupby(parts, sort=True, observed=True).size().astype(float)
    else:
        size_series = pd.Series(sizes, dtype=float).sort_index()
        missing = set(tokens[parts].unique()) - set(size_series.index)
        if missing:
            raise TifaError(f"sizes lack parts {sorted(map(str, missing))[:5]}")
    matrix = pd.crosstab(tokens[feature], tokens[parts]).reindex(columns=size_series.index, fill_value=0)
    if terms is not None:
        matrix = matrix.reindex(sorted(set(terms)), fill_value=0)
    values = matrix.to_numpy(dtype=float)
    expected = (size_series / size_series.sum()).to_numpy()
    frequency = values.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        dp = 0.5 * np.abs(values / frequency[:, None] - expected[None, :]).sum(axis=1)
    dp = np.where(frequency > 0, np.round(dp, 12), np.nan)
    table = pd.DataFrame(
        {
            feature: matrix.index.to_numpy(),
            "frequency": frequency.astype("int64"),
            "range": (values > 0).sum(axis=1).astype("int64"),
            "parts": np.full(len(matrix), len(size_series), dtype="int64"),
            "dp": dp,
            "dp_norm": dp / (1 - expected.min()),
        }
    )
    table = table.sort_values(["frequency", feature], ascending=[False, True], kind="mergesort")
    return table.reset_index(drop=True)
