"""Keyness bars: diverging horizontal bars, target against reference corpus.

>>> import pandas as pd, matplotlib.pyplot as plt
>>> table = pd.DataFrame({"token": ["高质量发展", "阶级斗争"], "g2": [45.2, -30.1]})
>>> ax = plot_keyness(table)
>>> [t.get_text() for t in ax.get_yticklabels()]
['高质量发展', '阶级斗争']
>>> plt.close("all")
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from tifa.plots._common import get_axes, label_for, line_width, require_columns, with_fonts
from tifa.plots.style import DIVERGING, NEUTRAL


@with_fonts
def plot_keyness(
    data: pd.DataFrame,
    *,
    term: str = "token",
    score: str = "g2",
    n: int | None = 20,
    target_label: str = "target",
    reference_label: str = "reference",
    ax: Axes | None = None,
) -> Axes:
    """Plot keyness scores as bars diverging from zero.

    Terms key to the target corpus (positive score) point right in one
    colour, terms key to the reference (negative score) point left in the
    other; the strongest terms are at the top and bottom.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per term with a signed keyness score, such as the output of
        :func:`tifa.keyness.keyness` (positive = over-used in the target).
    term : str
        Column of terms (y tick labels); ``keyness`` names it after its
        ``feature`` argument, ``"token"`` by default.
    score : str
        Column of signed scores: ``"g2"`` (signed log-likelihood), or
        ``"log_ratio"``, ``"chi2"``, … of the keyness table.
    n : int or None
        Show at most ``n`` terms on each side (strongest first); ``None``
        shows all rows.
    target_label, reference_label : str
        Legend labels of the two sides (e.g. corpus names).
    ax : matplotlib.axes.Axes or None
        Axes to draw on; ``None`` creates a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The axes; one ``Rectangle`` per term in ``ax.patches``, top to
        bottom in order of decreasing score.

    >>> import pandas as pd, matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"token": list("甲乙丙丁"), "log_ratio": [5.0, 3.0, -1.0, -4.0]})
    >>> ax = plot_keyness(table, score="log_ratio", n=1)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['甲', '丁']
    >>> plt.close("all")
    """
    require_columns(data, term=term, score=score)
    table = data[[term, score]].dropna(subset=[score])
    table = table.assign(_term=table[term].astype(str))
    positive = table[table[score] > 0].sort_values([score, "_term"], ascending=[False, True])
    negative = table[table[score] <= 0].sort_values([score, "_term"], ascending=[False, True])
    if n is not None:
        positive = positive.head(n)
        negative = negative.tail(n)
    shown = pd.concat([positive, negative])
    scores = shown[score].to_numpy(dtype=float)
    rows = -np.arange(len(shown), dtype=float)
    colours = [DIVERGING[0] if s > 0 else DIVERGING[1] for s in scores]
    ax = get_axes(ax)
    ax.barh(rows, scores, height=0.72, color=colours)
    ax.axvline(0.0, color=NEUTRAL, linewidth=line_width(0.6))
    ax.set_yticks(rows, shown["_term"].tolist())
    ax.set_ylim(-len(shown) + 0.4, 0.6)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.xaxis.grid(True)
    ax.set_xlabel(label_for(score))
    ax.legend(
        handles=[Patch(color=DIVERGING[0], label=target_label),
                 Patch(color=DIVERGING[1], label=reference_label)],
        loc="lower right" if len(negative) <= len(positive) else "upper left",
    )
    return ax
