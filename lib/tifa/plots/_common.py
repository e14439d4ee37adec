"""Helpers shared by the figure modules of :mod:`tifa.plots` (not public API).

>>> category_positions(3, n_hue=2)[0]
[-0.2, 0.8, 1.8]
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.text import Text

from tifa.errors import TifaError, check_option
from tifa.plots.style import FONT_FAMILIES, FONT_FAMILY, font_rc

F = TypeVar("F", bound=Callable[..., Any])

#: Default axis labels for column names that recur across tifa tables.
LABELS: dict[str, str] = {
    "rate": "per 10,000 characters",
    "count": "count",
    "share": "share",
    "first_year": "first year",
    "year": "year",
    "keyness": "keyness",
    "g2": "keyness (signed log-likelihood G²)",
    "log_ratio": "log ratio (binary log of the rate ratio)",
    "target": "target (%)",
    "n_targets": "targets per report",
    "shared_characters": "shared characters",
    "similarity": "similarity",
}


def label_for(column: str | None) -> str:
    """Human label of a column: the known wording or the name with spaces."""
    if column is None:
        return ""
    return LABELS.get(column, str(column).replace("_", " "))


def with_fonts(function: F) -> F:
    """Run a plot function with the Chinese-capable font families in force.

    Text created inside (tick labels, legends, titles) then renders Chinese
    even when the caller has not entered a :func:`tifa.plots.style` block.
    Texts that existed before (the labels of an ``ax`` the caller made
    outside a style) are switched to those families too.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with mpl.rc_context(font_rc()):
            ax = function(*args, **kwargs)
            for text in ax.figure.findobj(Text):
                if FONT_FAMILY not in text.get_fontfamily():
                    text.set_fontfamily(FONT_FAMILIES)
        return ax

    return wrapper  # type: ignore[return-value]


def get_axes(ax: Axes | None, *, figsize: tuple[float, float] | None = None) -> Axes:
    """Return ``ax`` or the axes of a new figure."""
    if ax is not None:
        return ax
    _, new_ax = plt.subplots(figsize=figsize)
    return new_ax


def require_columns(data: pd.DataFrame, **columns: str | None) -> None:
    """Check that every named column (skipping ``None``) exists in ``data``.

    The error names the parameter and lists the table's columns.
    """
    if not isinstance(data, pd.DataFrame):
        raise TifaError(
            f"expected a pandas DataFrame (a tidy table), got {type(data).__name__}"
        )
    valid = [str(c) for c in data.columns]
    for parameter, column in columns.items():
        if column is not None:
            check_option(parameter, column, valid)


def levels(values: Iterable[Hashable], order: Sequence[Hashable] | None = None) -> list[Any]:
    """Category levels: ``order`` if given, else order of first appearance."""
    if order is not None:
        return list(order)
    seen: dict[Any, None] = {}
    for value in values:
        if not (isinstance(value, float) and np.isnan(value)) and value not in seen:
            seen[value] = None
    return list(seen)


def category_positions(
    n_categories: int, *, n_hue: int = 1, width: float = 0.8
) -> list[list[float]]:
    """Centre positions of each hue level within each category (dodging)."""
    step = width / n_hue
    offsets = [-width / 2 + step * (j + 0.5) for j in range(n_hue)]
    return [[round(i + offset, 10) for i in range(n_categories)] for offset in offsets]


def text_width_em(text: str) -> float:
    """Approximate width of ``text`` in ems (CJK characters count 1, Latin 0.55)."""
    width = 0.0
    for character in str(text):
        wide = unicodedata.east_asian_width(character) in {"W", "F"}
        width += 1.0 if wide else 0.55
    return width


def set_category_ticks(
    axis: Axis, labels: Sequence[object], *, rotate: bool | None = None
) -> None:
    """Put one tick per category and rotate the labels when they would collide."""
    texts = [str(label) for label in labels]
    axis.set_ticks(range(len(texts)), texts)
    if axis.axis_name != "x":
        return
    if rotate is None:
        figure = axis.axes.figure
        width_inches = figure.get_figwidth() * axis.axes.get_position().width
        size = mpl.font_manager.FontProperties(
            size=mpl.rcParams["xtick.labelsize"]
        ).get_size_in_points()
        widest = max((text_width_em(t) for t in texts), default=0.0)
        needed = len(texts) * (widest + 1.0) * size / 72
        rotate = needed > width_inches
        # at 45° neighbours overlap when ticks are closer than ~2 font sizes
        vertical = rotate and width_inches / max(len(texts), 1) < 2.0 * size / 72
    else:
        vertical = False
    if vertical:
        axis.set_tick_params(which="major", labelrotation=90)
        for label in axis.get_ticklabels():
            label.set_horizontalalignment("center")
    elif rotate:
        axis.set_tick_params(which="major", labelrotation=45)
        for label in axis.get_ticklabels():
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")


def legend_outside(ax: Axes, *, title: str | None = None, **kwargs: Any) -> Any:
    """Legend to the right of the axes, outside the data area."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return None
    return ax.legend(
        handles,
        labels,
        title=title,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0.0,
        **kwargs,
    )


def line_width(factor: float = 1.0) -> float:
    """A line width relative to the current style's ``lines.linewidth``."""
    return float(mpl.rcParams["lines.linewidth"]) * factor


def marker_size(factor: float = 1.0) -> float:
    """A marker size relative to the current style's ``lines.markersize``."""
    return float(mpl.rcParams["lines.markersize"]) * factor


def luminance(color: Any) -> float:
    """Relative luminance (WCAG) of a matplotlib colour, 0 (black) to 1."""
    red, green, blue = mpl.colors.to_rgb(color)

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def draw_matrix(
    ax: Axes,
    matrix: pd.DataFrame,
    *,
    cmap: Any,
    annotate: bool | None,
    value_format: str,
    colorbar_label: str,
    vmin: float | None = None,
    vmax: float | None = None,
    missing_label: str = "",
) -> Any:
    """Draw a labelled heatmap of ``matrix`` (rows × columns) with a colorbar.

    NaN cells are drawn in light grey and, when annotating, labelled with
    ``missing_label``. Returns the image.
    """
    values = matrix.to_numpy(dtype=float)
    colormap = mpl.colormaps[cmap] if isinstance(cmap, str) else cmap
    colormap = colormap.with_extremes(bad="#E6E6E6")
    finite = values[np.isfinite(values)]
    low = vmin if vmin is not None else (min(0.0, float(finite.min())) if finite.size else 0.0)
    high = vmax if vmax is not None else (float(finite.max()) if finite.size else 1.0)
    if high <= low:
        high = low + 1.0
    image = ax.imshow(
        np.ma.masked_invalid(values),
        cmap=colormap,
        vmin=low,
        vmax=high,
        aspect="auto",
        interpolation="nearest",
    )
    n_rows, n_columns = values.shape
    set_category_ticks(ax.xaxis, list(matrix.columns))
    set_category_ticks(ax.yaxis, list(matrix.index))
    ax.set_xticks(np.arange(n_columns + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(n_rows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=line_width(0.8))
    ax.grid(which="major", visible=False)
    ax.tick_params(which="minor", length=0)
    ax.tick_params(which="major", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if annotate is None:
        annotate = values.size <= 300
    if annotate:
        size = mpl.rcParams["font.size"] * (0.85 if values.size <= 60 else 0.7)
        for i in range(n_rows):
            for j in range(n_columns):
                value = values[i, j]
                if np.isfinite(value):
                    text = value_format.format(value)
                    rgba = colormap((value - low) / (high - low))
                    color = "white" if luminance(rgba) < 0.35 else "#1A1A1A"
                else:
                    if not missing_label:
                        continue
                    text, color = missing_label, "#7F7F7F"
                ax.text(j, i, text, ha="center", va="center", color=color, fontsize=size)
    colorbar = ax.figure.colorbar(image, ax=ax, fraction=0.05, pad=0.02)
    colorbar.set_label(colorbar_label)
    colorbar.outline.set_visible(False)
    return image
