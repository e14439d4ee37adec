"""First-appearance timeline: when each formulation was first used.

>>> import pandas as pd, matplotlib.pyplot as plt
>>> table = pd.DataFrame({"term": ["高质量发展", "四个意识"], "first_year": [2017, 2016]})
>>> ax = plot_first_appearance(table)
>>> [t.get_text() for t in ax.get_yticklabels()]
['四个意识', '高质量发展']
>>> plt.close("all")
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from tifa.errors import check_option
from tifa.plots._common import (
    get_axes,
    label_for,
    legend_outside,
    line_width,
    marker_size,
    require_columns,
    with_fonts,
)
from tifa.plots.style import NEUTRAL, OKABE_ITO

SortBy = Literal["year", "given"]


@with_fonts
def plot_first_appearance(
    data: pd.DataFrame,
    *,
    term: str = "term",
    year: str = "first_year",
    local_year: str | None = None,
    sort: SortBy = "year",
    labels: Sequence[str] = ("first national use", "first local use"),
    show_lag: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Plot the first year each formulation appears, one row per formulation.

    Optionally pair the national first year with the first year a local
    corpus uses the formulation: a segment joins the two and the lag in years
    is written at its end.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per formulation.
    term : str
        Column of formulations (y-axis labels).
    year : str
        Column of first years (national, or the only corpus).
    local_year : str or None
        Column of the first local year; NaN where a formulation is not used
        locally (then only the national point is drawn).
    sort : {"year", "given"}
        ``"year"`` lists formulations from earliest (top) to latest, ties by
        name; ``"given"`` keeps the table's order, top to bottom.
    labels : sequence of two str
        Legend labels of the national and the local points.
    show_lag : bool
        With ``local_year``, write ``+N`` (years of lag) after each pair.
    ax : matplotlib.axes.Axes or None
        Axes to draw on; ``None`` creates a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The axes; points are ``ax.lines`` (national, then local), the lag
        segments a ``LineCollection`` in ``ax.collections``, lag labels
        ``ax.texts``.

    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"term": ["四个意识", "新质生产力"], "first_year": [2016, 2024],
    ...                       "local": [2017, float("nan")]})
    >>> ax = plot_first_appearance(table, local_year="local")
    >>> [t.get_text() for t in ax.texts]
    ['+1']
    >>> plt.close("all")
    """
    check_option("sort", sort, ("year", "given"))
    require_columns(data, term=term, year=year, local_year=local_year)
    table = data.reset_index(drop=True)
    if sort == "year":
        table = table.assign(_term=table[term].astype(str)).sort_values(
            [year, "_term"], kind="stable"
        )
    terms = table[term].astype(str).tolist()
    rows = -np.arange(len(terms), dtype=float)
    national = table[year].to_numpy(dtype=float)
    ax = get_axes(ax)

    ax.plot(national, rows, linestyle="none", marker="o", color=OKABE_ITO[0],
            label=labels[0], zorder=3)
    if local_year is not None:
        local = table[local_year].to_numpy(dtype=float)
        both = np.isfinite(local) & np.isfinite(national)
        ax.hlines(rows[both], national[both], local[both], color=NEUTRAL, linewidth=line_width(0.8), zorder=2)
        ax.plot(local, rows, linestyle="none", marker="D", color=OKABE_ITO[1],
                label=labels[1], zorder=3)
        if show_lag:
            for row, start, end in zip(rows[both], national[both], local[both]):
                lag = int(round(end - start))
                ax.annotate(
                    f"{lag:+d}",
                    xy=(max(start, end), row),
                    xytext=(marker_size(0.7) + 4, 0),
                    textcoords="offset points",
                    va="center",
                    ha="left",
                    color=NEUTRAL,
                    fontsize="small",
                )
        legend_outside(ax)
    ax.set_yticks(rows, terms)
    ax.set_ylim(-len(terms) + 0.4, 0.6)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(x=0.06)
    ax.yaxis.grid(True, color="#EEEEEE")
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(label_for(year) if local_year is None else "year")
    ax.set_ylabel("")
    return ax
