"""Word cloud of formulations or words, in Chinese, reproducible by seed.

Word clouds show little that a bar chart would not, and sizes are hard to
compare; use them for teaching and overviews, with a frequency table beside.

>>> import matplotlib.pyplot as plt
>>> ax = plot_wordcloud({"高质量发展": 30, "新质生产力": 12, "四个意识": 5},
...                     width=300, height=150, scale=1)
>>> ax.images[0].get_array().shape
(150, 300, 3)
>>> plt.close("all")
"""

from __future__ import annotations

import random
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from tifa.errors import TifaError
from tifa.plots._common import get_axes, require_columns, with_fonts
from tifa.plots.style import OKABE_ITO, font_path, missing_glyphs

#: Okabe–Ito colours that read well as text on white (no yellow, no sky blue).
WORD_COLOURS: tuple[str, ...] = (
    OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2], OKABE_ITO[3], OKABE_ITO[4], OKABE_ITO[7]
)


def _frequencies(
    frequencies: Mapping[str, float] | pd.Series | pd.DataFrame, term: str, count: str
) -> dict[str, float]:
    if isinstance(frequencies, pd.DataFrame):
        require_columns(frequencies, term=term, count=count)
        grouped = frequencies.groupby(term, sort=True)[count].sum()
        pairs = grouped.items()
    elif isinstance(frequencies, pd.Series):
        pairs = frequencies.items()
    elif isinstance(frequencies, Mapping):
        pairs = frequencies.items()
    else:
        raise TifaError(
            "plot_wordcloud: give a mapping term → frequency, a Series, or a "
            f"DataFrame with {term!r} and {count!r} columns"
        )
    result = {str(k): float(v) for k, v in sorted(pairs, key=lambda kv: str(kv[0]))
              if np.isfinite(float(v)) and float(v) > 0}
    if not result:
        raise TifaError("plot_wordcloud: no term has a positive frequency")
    return result


def _colour_function(
    word: str, font_size: int, position: Any, orientation: Any,
    random_state: random.Random | None = None, **kwargs: Any,
) -> str:
    chooser = random_state if random_state is not None else random.Random()
    return chooser.choice(WORD_COLOURS)


@with_fonts
def plot_wordcloud(
    frequencies: Mapping[str, float] | pd.Series | pd.DataFrame,
    *,
    seed: int | None = 0,
    term: str = "term",
    count: str = "count",
    max_words: int = 150,
    width: int = 1000,
    height: int = 560,
    scale: float = 2,
    prefer_horizontal: float = 1.0,
    ax: Axes | None = None,
) -> Axes:
    """Draw a word cloud whose word sizes follow the given frequencies.

    Words are set in the packaged Noto Sans SC (Regular); characters that
    font cannot draw trigger a ``UserWarning`` naming the words.

    Parameters
    ----------
    frequencies : mapping, pandas.Series or pandas.DataFrame
        Term → frequency, a Series indexed by term, or a tidy table with
        ``term`` and ``count`` columns (summed per term). Non-positive and
        NaN frequencies are dropped.
    seed : int or None
        Seed of the layout and colours; the same seed and data give the same
        image. ``None`` draws a different layout each time.
    term, count : str
        Columns used when ``frequencies`` is a DataFrame.
    max_words : int
        Largest number of words placed (the most frequent).
    width, height : int
        Size in pixels of the layout canvas.
    scale : float
        Rendering scale of the final image (``scale=2`` doubles the pixels
        without changing the layout), for print resolution.
    prefer_horizontal : float
        Share of words tried horizontally first; 1.0 keeps all Chinese words
        horizontal, which reads best.
    ax : matplotlib.axes.Axes or None
        Axes to draw on; ``None`` creates a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        The axes (axis hidden) with the cloud as ``ax.images[0]``, an RGB
        array of ``height * scale`` × ``width * scale`` pixels.

    >>> import matplotlib.pyplot as plt
    >>> words = {"地区生产总值": 8, "高质量发展": 20}
    >>> a = plot_wordcloud(words, seed=1, width=200, height=100, scale=1).images[0].get_array()
    >>> b = plot_wordcloud(words, seed=1, width=200, height=100, scale=1).images[0].get_array()
    >>> bool((a == b).all())
    True
    >>> plt.close("all")
    """
    from wordcloud import WordCloud

    weights = _frequencies(frequencies, term, count)
    unsupported = sorted(w for w in weights if missing_glyphs(w, fallback=False))
    if unsupported:
        warnings.warn(
            f"plot_wordcloud: the font cannot draw some characters of {unsupported}; "
            "they will show as boxes",
            UserWarning,
            stacklevel=2,
        )
    cloud = WordCloud(
        font_path=str(font_path()),
        width=width,
        height=height,
        scale=scale,
        max_words=max_words,
        prefer_horizontal=prefer_horizontal,
        background_color="white",
        color_func=_colour_function,
        random_state=seed,
        relative_scaling=0.5,
        margin=4,
        min_font_size=6,
        collocations=False,
    )
    cloud.generate_from_frequencies(weights)
    ax = get_axes(ax)
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    return ax
