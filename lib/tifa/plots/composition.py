"""Formula composition per document: stacked horizontal bars of its parts.

>>> import pandas as pd, matplotlib.pyplot as plt
>>> table = pd.DataFrame({"doc_id": ["甲", "甲", "乙"], "kind": ["排比", "对偶", "排比"],
...                       "share": [0.02, 0.01, 0.03]})
>>> ax = plot_formula_composition(table)
>>> len(ax.patches)  # 2 documents × 2 parts (a missing part is a zero-width bar)
4
>>> plt.close("all")
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from tifa.errors import TifaError
from tifa.plots._common import get_axes, label_for, legend_outside, levels, require_columns, with_fonts
from tifa.plots.style import palette


@with_fonts
def plot_formula_composition(
    data: pd.DataFrame,
    *,
    document: str = "doc_id",
    part: str = "kind",
    value: str = "share",
    order: Sequence[object] | None = None,
    part_order: Sequence[object] | None = None,
    normalize: bool = False,
    ax: Axes | None = None,
) -> Axes:
    """Plot what each document's formulaic phrasing is made of.

    One horizontal bar per document, split into segments for the parts of
    formulaicity (announced structures, enumerations, parallelism,
    reduplication, templates, …), so documents compare both in total and in
    mix.

    Parameters
    ----------
    data : pandas.DataFrame
        Tidy table with one row per document × part.
    document : str
        Column of documents (bars, listed top to bottom).
    part : str
        Column of parts (stacked segments, legend entries).
    value : str
        Column of each part's amount (share of text, rate, count).
    order, part_order : sequence or None
        Order of documents and of parts; default is order of appearance.
    normalize : bool
        Scale each bar to sum to 1, showing only the mix.
    ax : matplotlib.axes.Axes or None
        Axes to draw on; ``None`` creates a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The axes; one ``Rectangle`` per document × part in ``ax.patches``
        (parts first), one bar container per part in ``ax.containers``.

    Raises
    ------
    tifa.errors.TifaError
        If a document × part pair occurs twice.

    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"doc_id": ["甲", "甲"], "kind": ["排比", "对偶"], "share": [3, 1]})
    >>> ax = plot_formula_composition(table, normalize=True)
    >>> [round(float(p.get_width()), 2) for p in ax.patches]
    [0.75, 0.25]
    >>> plt.close("all")
    """
    require_columns(data, document=document, part=part, value=value)
    if data.duplicated(subset=[document, part]).any():
        raise TifaError(
            f"plot_formula_composition: a ({document!r}, {part!r}) pair occurs more than "
            "once; aggregate the table to one row per pair first"
        )
    documents = levels(data[document], order)
    parts = levels(data[part], part_order)
    matrix = (
        data.pivot(index=document, columns=part, values=value)
        .reindex(index=documents, columns=parts)
        .astype(float)
        .fillna(0.0)
    )
    if normalize:
        totals = matrix.sum(axis=1).replace(0.0, np.nan)
        matrix = matrix.div(totals, axis=0).fillna(0.0)
    ax = get_axes(ax)
    rows = -np.arange(len(documents), dtype=float)
    left = np.zeros(len(documents))
    for colour, name in zip(palette("okabe_ito", len(parts)), parts):
        widths = matrix[name].to_numpy()
        ax.barh(rows, widths, left=left, height=0.7, color=colour, label=str(name),
                edgecolor="white", linewidth=0.5)
        left = left + widths
    ax.set_yticks(rows, [str(d) for d in documents])
    ax.set_ylim(-len(documents) + 0.4, 0.6)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.xaxis.grid(True)
    ax.set_xlabel("share of the document" if normalize else label_for(value))
    if normalize:
        ax.set_xlim(0, 1)
    legend_outside(ax, title=label_for(part))
    return ax
