"""Formulation × document heatmap with a colorbar.

>>> import pandas as pd, matplotlib.pyplot as plt
>>> table = pd.DataFrame({"formulation": ["四个意识", "四个意识", "高质量发展", "高质量发展"],
...                       "doc_id": ["a", "b", "a", "b"], "count": [1, 0, 5, 7]})
>>> ax = plot_heatmap(table)
>>> [t.get_text() for t in ax.get_yticklabels()]
['四个意识', '高质量发展']
>>> plt.close("all")
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from matplotlib.axes import Axes

from tifa.errors import TifaError
from tifa.plots._common import draw_matrix, get_axes, label_for, require_columns, with_fonts
from tifa.plots.style import SEQUENTIAL_CMAP


@with_fonts
def plot_heatmap(
    data: pd.DataFrame,
    *,
    row: str = "formulation",
    column: str = "doc_id",
    value: str = "count",
    row_order: Sequence[object] | None = None,
    column_order: Sequence[object] | None = None,
    annotate: bool | None = None,
    value_format: str = "{:g}",
    cmap: Any = None,
    colorbar_label: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Plot a value (count, rate) for each formulation in each document.

    Parameters
    ----------
    data : pandas.DataFrame
        Tidy table with one row per formulation × document.
    row : str
        Column whose values become rows (formulations, in Chinese).
    column : str
        Column whose values become columns (documents, regions, years).
    value : str
        Column of numbers to colour by.
    row_order, column_order : sequence or None
        Order of rows and columns; default is order of appearance. Levels
        listed here but absent from ``data`` show as empty (grey) cells.
    annotate : bool or None
        Write each value in its cell; ``None`` does so when there are at most
        300 cells.
    value_format : str
        ``str.format`` pattern of the cell values.
    cmap : str, Colormap or None
        Colormap; ``None`` is tifa's colour-blind-safe sequential blue.
    colorbar_label : str or None
        Label of the colorbar; ``None`` derives it from ``value``.
    ax : matplotlib.axes.Axes or None
        Axes to draw on; ``None`` creates a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The axes; the heatmap is ``ax.images[0]``, cell labels ``ax.texts``.
        Cells without a row in ``data`` are NaN (grey).

    Raises
    ------
    tifa.errors.TifaError
        If a row × column pair occurs twice in ``data``.

    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"formulation": ["新质生产力"], "doc_id": ["cn-zhejiang-gwr-2025"],
    ...                       "count": [9]})
    >>> ax = plot_heatmap(table)
    >>> ax.images[0].get_array().shape, ax.texts[0].get_text()
    ((1, 1), '9')
    >>> plt.close("all")
    """
    require_columns(data, row=row, column=column, value=value)
    duplicated = data.duplicated(subset=[row, column])
    if duplicated.any():
        first = data.loc[duplicated, [row, column]].iloc[0].tolist()
        raise TifaError(
            f"plot_heatmap: {row!r} × {column!r} pair {first} occurs more than once; "
            "aggregate the table to one row per pair first"
        )
    matrix = data.pivot(index=row, columns=column, values=value)
    rows = list(row_order) if row_order is not None else list(dict.fromkeys(data[row]))
    columns = (
        list(column_order) if column_order is not None else list(dict.fromkeys(data[column]))
    )
    matrix = matrix.reindex(index=rows, columns=columns)
    ax = get_axes(ax)
    draw_matrix(
        ax,
        matrix,
        cmap=cmap if cmap is not None else SEQUENTIAL_CMAP,
        annotate=annotate,
        value_format=value_format,
        colorbar_label=colorbar_label if colorbar_label is not None else label_for(value),
    )
    ax.set_xlabel("")
    ax.set_ylabel("")
    return ax
