"""Dispersion ("x-ray") plot: where in each document a term occurs.

>>> import pandas as pd, matplotlib.pyplot as plt
>>> spans = pd.DataFrame({"doc_id": ["甲", "甲", "乙"], "term": ["高质量发展"] * 3,
...                       "start": [10, 900, 50], "length": [1000, 1000, 200]})
>>> ax = plot_dispersion(spans)
>>> [round(float(x), 2) for x in ax.collections[0].get_segments()[1][:, 0]]
[0.9, 0.9]
>>> plt.close("all")
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from tifa.errors import TifaError
from tifa.plots._common import (
    get_axes,
    label_for,
    legend_outside,
    levels,
    line_width,
    require_columns,
    with_fonts,
)
from tifa.plots.style import palette


@with_fonts
def plot_dispersion(
    data: pd.DataFrame,
    *,
    document: str = "doc_id",
    term: str | None = "term",
    position: str = "start",
    length: str | None = "length",
    order: Sequence[object] | None = None,
    term_order: Sequence[object] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Plot each occurrence of a term as a tick along its document's length.

    One row per document, the x-axis running from the start (0%) to the end
    (100%) of the document, so clustering (a slogan used only in the plan
    section) and spread are visible. With several terms, each gets its own
    colour and its own lane within the row.

    Parameters
    ----------
    data : pandas.DataFrame
        A span table (one row per occurrence), e.g. ``find_slogans`` output
        joined with document lengths.
    document : str
        Column of documents (rows, top to bottom).
    term : str or None
        Column of terms (colours and lanes); ``None`` treats all rows as one
        term.
    position : str
        Column of occurrence positions (character offsets).
    length : str or None
        Column of the document length, positions being divided by it;
        ``None`` if ``position`` already holds relative positions in [0, 1].
    order : sequence or None
        Documents to show, top to bottom; documents listed here without any
        occurrence get an empty row. Default: order of appearance.
    term_order : sequence or None
        Order of terms (lanes, legend).
    ax : matplotlib.axes.Axes or None
        Axes to draw on; ``None`` creates a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The axes; one ``LineCollection`` per term in ``ax.collections``, one
        vertical segment per occurrence (x = relative position).

    Raises
    ------
    tifa.errors.TifaError
        If a relative position falls outside [0, 1].

    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> spans = pd.DataFrame({"doc_id": ["甲"], "term": ["四个意识"], "position": [0.5]})
    >>> ax = plot_dispersion(spans, position="position", length=None, order=["甲", "乙"])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['甲', '乙']
    >>> plt.close("all")
    """
    require_columns(data, document=document, term=term, position=position, length=length)
    relative = data[position].to_numpy(dtype=float)
    if length is not None:
        relative = relative / data[length].to_numpy(dtype=float)
    outside = ~((relative >= 0) & (relative <= 1))
    if outside.any():
        raise TifaError(
            f"plot_dispersion: {int(outside.sum())} positions fall outside their "
            f"document (relative position not in [0, 1]); check {position!r}"
            + (f" and {length!r}" if length else "")
        )
    documents = levels(data[document], order)
    terms = levels(data[term], term_order) if term is not None else [None]
    row_of = {doc: i for i, doc in enumerate(documents)}
    lane = 0.8 / len(terms)
    ax = get_axes(ax)
    for j, (colour, name) in enumerate(zip(palette("okabe_ito", len(terms)), terms)):
        chosen = np.ones(len(data), dtype=bool) if name is None else (data[term] == name).to_numpy()
        chosen = chosen & data[document].isin(row_of).to_numpy()
        rows = np.array([row_of[d] for d in data.loc[chosen, document]], dtype=float)
        top = -rows + 0.4 - j * lane
        ax.vlines(relative[chosen], top - lane * 0.92, top, color=colour, linewidth=line_width(0.75),
                  label=None if name is None else str(name))
    for i in range(len(documents)):
        ax.axhspan(-i - 0.45, -i + 0.45, color="#F2F2F2", zorder=0, linewidth=0)
    ax.set_yticks(-np.arange(len(documents), dtype=float), [str(d) for d in documents])
    ax.set_ylim(-len(documents) + 0.5, 0.5)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    ax.set_xlabel("position in document")
    ax.set_ylabel(label_for(document) if document != "doc_id" else "")
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    if term is not None and len(terms) > 1:
        legend_outside(ax, title=label_for(term))
    elif term is not None and terms:
        ax.set_title(str(terms[0]))
    return ax
