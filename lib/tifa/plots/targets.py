"""Headline growth target by year, with ranges, bounds and targets per report.

>>> import pandas as pd, matplotlib.pyplot as plt
>>> table = pd.DataFrame({"year": [2019, 2020, 2021], "target": [6.25, float("nan"), 6.0],
...                       "lower": [6.0, float("nan"), float("nan")],
...                       "upper": [6.5, float("nan"), float("nan")],
...                       "bound": ["range", None, "at_least"], "n_targets": [31, 20, 28]})
>>> ax = plot_growth_targets(table)
>>> len(ax.collections[0].get_segments())  # one vertical segment: the 2019 range
1
>>> plt.close("all")
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from tifa.plots._common import (
    get_axes,
    label_for,
    line_width,
    marker_size,
    require_columns,
    with_fonts,
)
from tifa.plots.style import OKABE_ITO

#: Marker and legend wording of each kind of bound a target can carry
#: (左右 about, 以上 at least, 以内/以下 at most, a range 6–6.5%).
BOUND_MARKERS: dict[str, tuple[str, str]] = {
    "point": ("o", "point"),
    "about": ("s", "about (左右)"),
    "at_least": ("^", "at least (以上)"),
    "at_most": ("v", "at most (以内)"),
    "range": ("_", "range (bounds marked)"),
}


def _break_gaps(
    x: np.ndarray, y: np.ndarray, max_gap: float | None
) -> tuple[np.ndarray, np.ndarray]:
    """Insert a NaN point between neighbours more than ``max_gap`` apart.

    >>> _break_gaps(np.array([1.0, 2.0, 5.0]), np.array([7.0, 7.0, 6.0]), 1)[1].tolist()
    [7.0, 7.0, nan, 6.0]
    """
    if max_gap is None or len(x) < 2:
        return x, y
    cuts = np.flatnonzero(np.diff(x) > max_gap) + 1
    return np.insert(x, cuts, np.nan), np.insert(y, cuts, np.nan)


@with_fonts
def plot_growth_targets(
    data: pd.DataFrame,
    *,
    year: str = "year",
    value: str = "target",
    lower: str | None = "lower",
    upper: str | None = "upper",
    bound: str | None = "bound",
    count: str | None = "n_targets",
    markers: Mapping[str, tuple[str, str]] | None = None,
    value_label: str | None = None,
    count_label: str | None = None,
    max_gap: float | None = 1,
    ax: Axes | None = None,
) -> Axes:
    """Plot the headline (GDP) growth target of each year's report.

    The target is a line through the years with a marker showing its kind
    of bound; a range target (e.g. 6–6.5%) is a vertical segment whose two
    bounds are marked with ticks, its midpoint carrying the line. Behind it,
    on a second y-axis at the right, grey bars give the number of numeric
    targets in each report.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per year (report).
    year : str
        Column of years.
    value : str
        Column of the point target in percent; NaN for a year with no
        headline target (the line breaks). Where a range is given the line
        runs through its midpoint instead.
    lower, upper : str or None
        Columns of the range bounds; NaN (or equal bounds) where the target
        is not a range. For a :func:`tifa.numbers.find_numbers` table pass
        ``value="value", lower="value", upper="value_high"``.
    bound : str or None
        Column naming the kind of bound, one of the keys of ``markers``
        (default ``point``, ``about``, ``at_least``, ``at_most``, ``range``:
        the ``bound`` values of :func:`tifa.numbers.find_numbers`);
        other values are drawn as diamonds labelled with the value.
    count : str or None
        Column of the number of targets in the report; ``None`` draws no bars.
    markers : mapping or None
        Bound kind → (matplotlib marker, legend label); updates the default
        :data:`BOUND_MARKERS`.
    value_label, count_label : str or None
        Labels of the left and right y-axes.
    max_gap : float or None
        Consecutive rows further apart than this many years (a report
        missing from the corpus) are not joined by the line; ``None`` joins
        all.
    ax : matplotlib.axes.Axes or None
        Axes to draw on; ``None`` creates a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The primary axes (targets). ``ax.lines[0]`` is the target line, then
        one ``Line2D`` of markers per bound kind present; ranges are the
        ``LineCollection`` ``ax.collections[0]``. The count bars are the
        ``ax.patches`` of the twin axes, ``ax.figure.axes`` after ``ax``.

    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"year": [2023, 2024, 2025], "target": [5.0, 5.0, 5.0],
    ...                       "n_targets": [30, 35, 33]})
    >>> ax = plot_growth_targets(table, lower=None, upper=None, bound=None)
    >>> twin = [a for a in ax.figure.axes if a is not ax][0]
    >>> len(twin.patches)
    3
    >>> plt.close("all")
    """
    require_columns(data, year=year, value=value, lower=lower, upper=upper, bound=bound,
                    count=count)
    kinds = dict(BOUND_MARKERS)
    if markers:
        kinds.update(markers)
    table = data.sort_values(year, kind="stable").reset_index(drop=True)
    years = table[year].to_numpy(dtype=float)
    point = table[value].to_numpy(dtype=float)
    low = table[lower].to_numpy(dtype=float) if lower else np.full(len(table), np.nan)
    high = table[upper].to_numpy(dtype=float) if upper else np.full(len(table), np.nan)
    is_range = np.isfinite(low) & np.isfinite(high) & (high > low)
    centre = np.where(is_range, (low + high) / 2, point)
    ax = get_axes(ax)

    if count is not None:
        twin = ax.twinx()
        twin.bar(years, table[count].to_numpy(dtype=float), width=0.7, color="#D9D9D9",
                 zorder=1, label=count_label or label_for(count))
        twin.set_ylabel(count_label or label_for(count), color="#7F7F7F")
        twin.tick_params(axis="y", colors="#7F7F7F")
        twin.spines["right"].set_visible(True)
        twin.spines["right"].set_color("#BFBFBF")
        twin.spines["top"].set_visible(False)
        twin.yaxis.set_major_locator(MaxNLocator(integer=True))
        twin.set_ylim(0, max(1.0, float(np.nanmax(table[count].to_numpy(dtype=float)))) * 1.9)
        ax.set_zorder(twin.get_zorder() + 1)
        ax.patch.set_visible(False)

    line_x, line_y = _break_gaps(years, centre, max_gap)
    ax.plot(line_x, line_y, color=OKABE_ITO[0], linewidth=line_width(), zorder=3,
            label="_target line")
    ax.vlines(years[is_range], low[is_range], high[is_range], color=OKABE_ITO[0],
              linewidth=line_width(1.8), zorder=3)
    if bound is not None:
        kind_of = [None if pd.isna(k) else str(k) for k in table[bound]]
    else:
        kind_of = [None] * len(table)
    kind_of = ["range" if r and k is None else k for k, r in zip(kind_of, is_range)]
    present = [k for k in dict.fromkeys(kind_of) if k is not None]
    for kind in present:
        rows = np.array([k == kind for k in kind_of])
        marker, legend_label = kinds.get(kind, ("D", str(kind)))
        if kind == "range" or marker == "_":
            rows_range = rows & is_range
            xs = np.concatenate([years[rows_range], years[rows_range]])
            ys = np.concatenate([low[rows_range], high[rows_range]])
            ax.plot(xs, ys, linestyle="none", marker="_", markersize=marker_size(2.2),
                    markeredgewidth=line_width(1.2),
                    color=OKABE_ITO[0], label=legend_label, zorder=4)
        else:
            ax.plot(years[rows], centre[rows], linestyle="none", marker=marker,
                    markerfacecolor="white", markeredgewidth=line_width(),
                    markersize=marker_size(1.2), color=OKABE_ITO[0],
                    label=legend_label, zorder=4)
    unmarked = np.array([k is None for k in kind_of]) & np.isfinite(centre)
    if unmarked.any():
        ax.plot(years[unmarked], centre[unmarked], linestyle="none", marker="o",
                color=OKABE_ITO[0], zorder=4, label="_unmarked")

    ax.set_xlabel(label_for(year))
    ax.set_ylabel(value_label or label_for(value))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.grid(True)
    finite = np.concatenate([centre[np.isfinite(centre)], low[is_range], high[is_range]])
    if finite.size:
        span = max(float(finite.max() - finite.min()), 1.0)
        ax.set_ylim(max(0.0, float(finite.min()) - 0.35 * span), float(finite.max()) + 0.25 * span)
    handles, labels = ax.get_legend_handles_labels()
    if count is not None:
        bar_handles, bar_labels = twin.get_legend_handles_labels()
        handles, labels = handles + bar_handles, labels + bar_labels
    if handles:
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.08, 1.0),
                  borderaxespad=0.0)
    return ax
