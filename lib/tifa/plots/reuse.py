"""Reuse matrix: document × document shared-passage characters or similarity.

>>> import pandas as pd, matplotlib.pyplot as plt
>>> pairs = pd.DataFrame({"doc_id": ["连州2022"], "other_doc_id": ["连州2023"],
...                       "shared_characters": [420]})
>>> ax = plot_reuse_matrix(pairs)
>>> ax.images[0].get_array().shape
(2, 2)
>>> plt.close("all")
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from tifa.errors import TifaError
from tifa.plots._common import draw_matrix, get_axes, label_for, require_columns, with_fonts
from tifa.plots.style import SEQUENTIAL_CMAP


def _default_format(values: np.ndarray) -> str:
    """Counts with thousands separators; shares with two significant digits.

    >>> _default_format(np.array([0.012, 0.04])), _default_format(np.array([0.3]))
    ('{:.3f}', '{:.2f}')
    """
    if not values.size or values.max() > 1:
        return "{:,.0f}"
    largest = float(np.abs(values).max())
    decimals = 2 if largest == 0 else max(2, 1 - int(np.floor(np.log10(largest))))
    return "{:.%df}" % decimals


@with_fonts
def plot_reuse_matrix(
    data: pd.DataFrame,
    *,
    source: str = "doc_id",
    target: str = "other_doc_id",
    value: str = "shared_characters",
    symmetric: bool = True,
    order: Sequence[object] | None = None,
    annotate: bool | None = None,
    value_format: str | None = None,
    cmap: Any = None,
    ax: Axes | None = None,
) -> Axes:
    """Plot how much text each pair of documents shares.

    Parameters
    ----------
    data : pandas.DataFrame
        Tidy table with one row per document pair.
    source, target : str
        Columns of the two documents of a pair (rows and columns).
    value : str
        Column of the amount shared: characters in shared passages, or a
        similarity between 0 and 1.
    symmetric : bool
        Mirror each pair (a, b) into (b, a) where the table lacks that cell,
        as for shared characters or Jaccard similarity. Use ``False`` for
        directed measures (share of a's text found in b).
    order : sequence or None
        Order of documents on both axes; default is order of appearance
        across ``source`` then ``target``.
    annotate : bool or None
        Write values in cells; ``None`` does so for at most 300 cells.
    value_format : str or None
        ``str.format`` pattern; ``None`` gives counts with thousands
        separators, and values up to 1 (similarities) with enough decimals
        for two significant digits of the largest.
    cmap : str, Colormap or None
        Colormap; ``None`` is tifa's sequential blue.
    ax : matplotlib.axes.Axes or None
        Axes to draw on; ``None`` creates a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The axes; ``ax.images[0]`` holds the square matrix, the diagonal
        and pairs absent from ``data`` are masked (grey).

    Raises
    ------
    tifa.errors.TifaError
        If a pair occurs twice.

    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> pairs = pd.DataFrame({"doc_id": ["甲", "甲"], "other_doc_id": ["乙", "丙"],
    ...                       "similarity": [0.30, 0.05]})
    >>> ax = plot_reuse_matrix(pairs, value="similarity")
    >>> sorted(t.get_text() for t in ax.texts)
    ['0.05', '0.05', '0.30', '0.30']
    >>> plt.close("all")
    """
    require_columns(data, source=source, target=target, value=value)
    if data.duplicated(subset=[source, target]).any():
        raise TifaError(
            f"plot_reuse_matrix: a ({source!r}, {target!r}) pair occurs more than once; "
            "aggregate the table to one row per pair first"
        )
    documents = (
        list(order)
        if order is not None
        else list(dict.fromkeys([*data[source].tolist(), *data[target].tolist()]))
    )
    position = {doc: i for i, doc in enumerate(documents)}
    values = np.full((len(documents), len(documents)), np.nan)
    for a, b, amount in zip(data[source], data[target], data[value].astype(float)):
        if a in position and b in position and a != b:
            values[position[a], position[b]] = amount
    if symmetric:
        mirror = values.T.copy()
        empty = np.isnan(values)
        values[empty] = mirror[empty]
    np.fill_diagonal(values, np.nan)
    matrix = pd.DataFrame(values, index=documents, columns=documents)
    finite = values[np.isfinite(values)]
    if value_format is None:
        value_format = _default_format(finite)
    ax = get_axes(ax)
    draw_matrix(
        ax,
        matrix,
        cmap=cmap if cmap is not None else SEQUENTIAL_CMAP,
        annotate=annotate,
        value_format=value_format,
        colorbar_label=label_for(value),
        missing_label="",
    )
    ax.set_aspect("equal")
    return ax
