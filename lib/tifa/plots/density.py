"""Numeric-target density by group and by section (grouped bars).

>>> import pandas as pd, matplotlib.pyplot as plt
>>> table = pd.DataFrame({"group": ["广东", "广东", "浙江", "浙江"],
...                       "section": ["review", "plan", "review", "plan"],
...                       "rate": [12.0, 20.5, 10.2, 18.0]})
>>> ax = plot_target_density(table)
>>> len(ax.patches), [t.get_text() for t in ax.get_legend().get_texts()]
(4, ['review', 'plan'])
>>> plt.close("all")
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.axes import Axes

from tifa.plots._common import with_fonts
from tifa.plots.rates import plot_rates


@with_fonts
def plot_target_density(
    data: pd.DataFrame,
    *,
    x: str = "group",
    y: str = "rate",
    hue: str | None = "section",
    lower: str | None = None,
    upper: str | None = None,
    order: Sequence[object] | None = None,
    hue_order: Sequence[object] | None = None,
    values: bool = False,
    value_format: str = "{:.1f}",
    ax: Axes | None = None,
) -> Axes:
    """Plot numeric targets per 10,000 characters as grouped bars.

    Groups (regions, levels, years) run along x; within each group one bar
    per section (e.g. ``review`` = past-year review, ``plan`` = coming-year
    plan of a government work report), so the contrast between reporting
    achievements and setting targets is visible at a glance.

    Parameters
    ----------
    data : pandas.DataFrame
        Tidy table with one row per group × section.
    x : str
        Column of group names.
    y : str
        Column of densities (targets per 10,000 characters).
    hue : str or None
        Column of sections (bars side by side); ``None`` for one bar per group.
    lower, upper : str or None
        Optional interval columns, drawn as grey whiskers.
    order, hue_order : sequence or None
        Order of groups and sections; default is order of appearance.
    values : bool
        Write each bar's value above it.
    value_format : str
        ``str.format`` pattern of those values.
    ax : matplotlib.axes.Axes or None
        Axes to draw on; ``None`` creates a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The axes; one ``Rectangle`` per bar in ``ax.patches``.

    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"group": ["省级", "市级"], "rate": [15.0, 9.0]})
    >>> ax = plot_target_density(table, hue=None, values=True)
    >>> [t.get_text() for t in ax.texts]
    ['15.0', '9.0']
    >>> plt.close("all")
    """
    ax = plot_rates(
        data,
        x=x,
        y=y,
        lower=lower,
        upper=upper,
        hue=hue,
        kind="bar",
        order=order,
        hue_order=hue_order,
        ax=ax,
    )
    if y == "rate":
        ax.set_ylabel("targets per 10,000 characters")
    if values:
        for container in ax.containers:
            ax.bar_label(container, fmt=value_format.format, padding=2)
    return ax
