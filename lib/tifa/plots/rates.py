"""Formulation frequency by group, with intervals (dot or bar chart).

>>> import pandas as pd, matplotlib.pyplot as plt
>>> table = pd.DataFrame({"group": ["广东", "浙江"], "rate": [3.1, 2.4],
...                       "lower": [2.5, 1.9], "upper": [3.8, 3.0]})
>>> ax = plot_rates(table)
>>> [t.get_text() for t in ax.get_xticklabels()]
['广东', '浙江']
>>> plt.close("all")
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from tifa.errors import check_option
from tifa.plots._common import (
    category_positions,
    get_axes,
    label_for,
    legend_outside,
    levels,
    line_width,
    require_columns,
    set_category_ticks,
    with_fonts,
)
from tifa.plots.style import NEUTRAL, palette

Kind = Literal["dot", "bar"]
Orient = Literal["v", "h"]


@with_fonts
def plot_rates(
    data: pd.DataFrame,
    *,
    x: str = "group",
    y: str = "rate",
    lower: str | None = "lower",
    upper: str | None = "upper",
    hue: str | None = None,
    kind: Kind = "dot",
    orient: Orient = "v",
    order: Sequence[object] | None = None,
    hue_order: Sequence[object] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Plot a rate (e.g. formulation frequency per 10,000 characters) by group.

    Each row of ``data`` is one group (and hue level) with its estimate and,
    optionally, the bounds of its interval, which are drawn as whiskers.

    Parameters
    ----------
    data : pandas.DataFrame
        Tidy table, one row per group (× hue level).
    x : str
        Column of group names (categories along the axis).
    y : str
        Column of estimates.
    lower, upper : str or None
        Columns of interval bounds; ``None`` (or a missing column passed as
        ``None``) draws no intervals. NaN bounds draw no whisker for that row.
    hue : str or None
        Column splitting each group into side-by-side coloured levels.
    kind : {"dot", "bar"}
        Dots with whiskers (the default; best for rates with intervals) or
        bars with whiskers.
    orient : {"v", "h"}
        ``"v"``: groups along x; ``"h"``: groups along y (for long names or
        many groups), listed top to bottom.
    order, hue_order : sequence or None
        Order of groups and hue levels; default is order of appearance.
    ax : matplotlib.axes.Axes or None
        Axes to draw on; ``None`` creates a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on. Dots are ``Line2D`` objects in ``ax.lines`` (one per
        hue level), bars are ``ax.patches``, whiskers a ``LineCollection`` per
        hue level in ``ax.collections``.

    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"group": ["省级", "省级", "市级", "市级"],
    ...                       "section": ["回顾", "计划", "回顾", "计划"],
    ...                       "rate": [2.0, 3.0, 1.5, 2.5]})
    >>> ax = plot_rates(table, hue="section", kind="bar", lower=None, upper=None)
    >>> len(ax.patches)
    4
    >>> plt.close("all")
    """
    check_option("kind", kind, ("dot", "bar"))
    check_option("orient", orient, ("v", "h"))
    require_columns(data, x=x, y=y, lower=lower, upper=upper, hue=hue)
    ax = get_axes(ax)
    groups = levels(data[x], order)
    hues = levels(data[hue], hue_order) if hue is not None else [None]
    colours = palette("okabe_ito", len(hues))
    positions = category_positions(len(groups), n_hue=len(hues))
    bar_width = 0.8 / len(hues) * 0.9
    index = {group: i for i, group in enumerate(groups)}
    vertical = orient == "v"

    for j, level in enumerate(hues):
        subset = data if level is None else data[data[hue] == level]
        subset = subset[subset[x].isin(index)]
        where = np.array([positions[j][index[g]] for g in subset[x]], dtype=float)
        if not vertical:
            where = -where
        estimates = subset[y].to_numpy(dtype=float)
        label = None if level is None else str(level)
        colour = colours[j] if hue is not None or kind == "dot" else colours[0]
        if kind == "bar":
            if vertical:
                ax.bar(where, estimates, width=bar_width, color=colour, label=label, zorder=2)
            else:
                ax.barh(where, estimates, height=bar_width, color=colour, label=label, zorder=2)
        if lower is not None and upper is not None:
            low = subset[lower].to_numpy(dtype=float)
            high = subset[upper].to_numpy(dtype=float)
            keep = np.isfinite(low) & np.isfinite(high)
            whisker = NEUTRAL if kind == "bar" else colour
            if vertical:
                ax.vlines(where[keep], low[keep], high[keep], color=whisker, linewidth=line_width(), zorder=3)
            else:
                ax.hlines(where[keep], low[keep], high[keep], color=whisker, linewidth=line_width(), zorder=3)
        if kind == "dot":
            xs, ys = (where, estimates) if vertical else (estimates, where)
            ax.plot(xs, ys, linestyle="none", marker="o", color=colour, label=label, zorder=4)

    if vertical:
        set_category_ticks(ax.xaxis, groups)
        ax.set_xlim(-0.6, len(groups) - 0.4)
        ax.set_xlabel(label_for(x))
        ax.set_ylabel(label_for(y))
        ax.yaxis.grid(True)
        if kind == "bar":
            ax.set_ylim(bottom=min(0.0, ax.get_ylim()[0]))
    else:
        ax.set_yticks([-i for i in range(len(groups))], [str(g) for g in groups])
        ax.set_ylim(-(len(groups) - 0.4), 0.6)
        ax.set_ylabel(label_for(x))
        ax.set_xlabel(label_for(y))
        ax.xaxis.grid(True)
        if kind == "bar":
            ax.set_xlim(left=min(0.0, ax.get_xlim()[0]))
    if hue is not None:
        legend_outside(ax, title=label_for(hue))
    return ax
