"""Publication-quality figures for tifa: style, one function per family, savefig.

Every ``plot_*`` function takes a tidy DataFrame first, everything else by
keyword, draws on ``ax`` (or a new figure) and returns the Axes; none shows
or saves. Apply a preset with ``with tifa.plots.style("paper"):`` and write
the figure with :func:`savefig` (PDF with embedded fonts, SVG, PNG).

>>> import pandas as pd, matplotlib.pyplot as plt
>>> from matplotlib.axes import Axes
>>> table = pd.DataFrame({"group": ["省级", "市级"], "rate": [4.2, 3.1],
...                       "lower": [3.5, 2.2], "upper": [5.0, 4.1]})
>>> with style("paper"):
...     ax = plot_rates(table)
>>> isinstance(ax, Axes)
True
>>> plt.close("all")
"""

from tifa.plots.cloud import plot_wordcloud
from tifa.plots.composition import plot_formula_composition
from tifa.plots.density import plot_target_density
from tifa.plots.dispersion import plot_dispersion
from tifa.plots.heatmap import plot_heatmap
from tifa.plots.keyness import plot_keyness
from tifa.plots.rates import plot_rates
from tifa.plots.reuse import plot_reuse_matrix
from tifa.plots.save import savefig
from tifa.plots.style import (
    DIVERGING,
    FONT_FAMILIES,
    OKABE_ITO,
    PRESETS,
    SEQUENTIAL_CMAP,
    Style,
    font_path,
    missing_glyphs,
    palette,
    register_fonts,
    set_style,
    style,
)
from tifa.plots.targets import plot_growth_targets
from tifa.plots.timeline import plot_first_appearance

__all__ = [
    "DIVERGING",
    "FONT_FAMILIES",
    "OKABE_ITO",
    "PRESETS",
    "SEQUENTIAL_CMAP",
    "Style",
    "font_path",
    "missing_glyphs",
    "palette",
    "plot_dispersion",
    "plot_first_appearance",
    "plot_formula_composition",
    "plot_growth_targets",
    "plot_heatmap",
    "plot_keyness",
    "plot_rates",
    "plot_reuse_matrix",
    "plot_target_density",
    "plot_wordcloud",
    "register_fonts",
    "savefig",
    "set_style",
    "style",
]
