"""Figure style: presets, colour-blind-safe palettes and fonts.

Three presets tune sizes for where a figure is shown: ``"paper"`` (journal
column, 8 pt text), ``"slides"`` (16:9 projector, 14 pt) and ``"classroom"``
(large room, 18 pt). A preset is a dictionary of matplotlib ``rcParams`` that
also works as a context manager, as seaborn's ``axes_style`` does::

    with tifa.plots.style("paper"):
        ax = tifa.plots.plot_rates(table)

Fonts never come from the operating system. Chinese text is set in Noto Sans
SC from the installed PyPI package ``justmytype-intl-cjk``; that package ships
a variable font whose default instance is the Thin weight, so the Regular
(400) instance is derived once with fontTools and cached on disk (see
:func:`font_cache_directory`). DejaVu Sans, which ships with matplotlib, is
the fallback for any glyph the Noto font lacks; math text uses it too.

>>> with style("paper") as params:
...     params["font.size"]
8.0
>>> palette("okabe_ito", 3)
['#0072B2', '#D55E00', '#009E73']
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import warnings
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.colors import LinearSegmentedColormap

from tifa.errors import TifaError, check_option

logger = logging.getLogger(__name__)

Preset = Literal["paper", "slides", "classroom"]
PaletteName = Literal["okabe_ito", "sequential"]

PRESETS: tuple[str, ...] = ("paper", "slides", "classroom")

#: Family name of the Chinese font, as matplotlib knows it once registered.
FONT_FAMILY = "Noto Sans SC"
#: Fallback for glyphs the Chinese font lacks; ships with matplotlib.
FALLBACK_FAMILY = "DejaVu Sans"
#: The families, in fallback order, every tifa figure uses for text.
FONT_FAMILIES: list[str] = [FONT_FAMILY, FALLBACK_FAMILY]
#: Weight of the static instance derived from the variable font.
FONT_WEIGHT = 400

FONT_PACKAGE = "justmytype_intl_cjk"
FONT_PACKAGE_DIRECTORY = ("fonts", "ofl", "notosanssc")

#: Okabe & Ito (2008) colour-blind-safe qualitative palette, ordered so that
#: the first colours are the most distinct under every colour-vision
#: deficiency and yellow (weak on white) comes late.
OKABE_ITO: list[str] = [
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
]

#: Stops of the sequential colormap: one hue (Okabe–Ito blue) whose
#: lightness falls monotonically, so order is readable without colour vision.
SEQUENTIAL_STOPS: list[str] = ["#F7FBFF", "#C6DBEF", "#6BAED6", "#0072B2", "#08306B"]

SEQUENTIAL_CMAP = LinearSegmentedColormap.from_list(
    "tifa_sequential", SEQUENTIAL_STOPS
).with_extremes(bad="#E6E6E6")

#: Colours of the two sides of diverging plots (keyness): target, reference.
DIVERGING: tuple[str, str] = (OKABE_ITO[0], OKABE_ITO[1])
#: Neutral grey for reference lines, grids and de-emphasized marks.
NEUTRAL = "#6E6E6E"


def palette(name: PaletteName = "okabe_ito", n: int | None = None) -> list[str]:
    """Return colours of a colour-blind-safe palette as hex strings.

    Parameters
    ----------
    name : {"okabe_ito", "sequential"}
        ``"okabe_ito"`` is the eight-colour qualitative palette of Okabe and
        Ito; ``"sequential"`` samples the single-hue blue colormap from light
        to dark.
    n : int or None
        Number of colours. ``None`` gives the whole qualitative palette (8) or
        5 sequential steps. The qualitative palette repeats after 8 colours.

    Returns
    -------
    list of str
        Hex colours such as ``"#0072B2"``.

    >>> palette("sequential", 2)
    ['#F7FBFF', '#08306B']
    >>> len(palette(n=10)), palette(n=10)[8]
    (10, '#0072B2')
    """
    check_option("name", name, ("okabe_ito", "sequential"))
    if name == "okabe_ito":
        count = len(OKABE_ITO) if n is None else n
        return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(count)]
    count = len(SEQUENTIAL_STOPS) if n is None else n
    if count == 1:
        return [mpl.colors.to_hex(SEQUENTIAL_CMAP(1.0)).upper()]
    return [
        mpl.colors.to_hex(SEQUENTIAL_CMAP(i / (count - 1))).upper() for i in range(count)
    ]


# --------------------------------------------------------------------------- fonts


def packaged_font_path() -> Path:
    """Return the Noto Sans SC file shipped inside ``justmytype-intl-cjk``.

    Raises
    ------
    TifaError
        If the package is not installed or holds no Noto Sans SC TrueType file.

    >>> packaged_font_path().suffix
    '.ttf'
    """
    try:
        root = files(FONT_PACKAGE).joinpath(*FONT_PACKAGE_DIRECTORY)
    except ModuleNotFoundError as error:
        raise TifaError(
            f"the font package {FONT_PACKAGE!r} is not installed; "
            "install it with `pip install justmytype-intl-cjk`"
        ) from error
    directory = Path(str(root))
    candidates = sorted(directory.glob("NotoSansSC*.ttf")) if directory.is_dir() else []
    if not candidates:
        raise TifaError(
            f"{directory}: no NotoSansSC*.ttf found; reinstall `justmytype-intl-cjk`"
        )
    return candidates[0]


def font_cache_directory() -> Path:
    """Return the directory where the derived static font is cached.

    ``$TIFA_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/tifa``, else
    ``~/.cache/tifa``. The directory is not created here.

    >>> font_cache_directory().name != ""
    True
    """
    explicit = os.environ.get("TIFA_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "tifa"


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _set_font_names(font: Any, family: str, style_name: str) -> None:
    """Name a derived static instance as a plain family + style."""
    postscript = f"{family.replace(' ', '')}-{style_name}"
    names = {
        1: family,
        2: style_name,
        4: f"{family} {style_name}",
        6: postscript,
        16: family,
        17: style_name,
    }
    table = font["name"]
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)


def _derive_static_instance(source: Path, target: Path, weight: int) -> None:
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    logger.info("deriving the weight-%d instance of %s into %s", weight, source, target)
    variable = TTFont(str(source), recalcTimestamp=False)
    static = instancer.instantiateVariableFont(variable, {"wght": weight})
    _set_font_names(static, FONT_FAMILY, "Regular" if weight == 400 else str(weight))
    static["OS/2"].usWeightClass = weight
    static.recalcTimestamp = False  # keep head.modified: identical bytes on every machine
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.stem}-", suffix=".ttf.part"
    )
    os.close(handle)
    try:
        static.save(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=1)
def font_path() -> Path:
    """Return the Noto Sans SC Regular file tifa renders Chinese with.

    If the packaged font is variable (it is: its default instance is Thin),
    the Regular instance is derived with fontTools on first use (about 15 s)
    and cached in :func:`font_cache_directory` under a name that carries the
    source file's SHA-256, so a new package version derives a new file.

    >>> font_path().exists()
    True
    """
    source = packaged_font_path()
    from fontTools.ttLib import TTFont

    with TTFont(str(source), lazy=True) as font:
        variable = "fvar" in font
    if not variable:
        return source
    digest = _file_digest(source)[:16]
    name = f"NotoSansSC-{FONT_WEIGHT}-{digest}.ttf"
    target = font_cache_directory() / "fonts" / name
    if not target.exists():
        try:
            _derive_static_instance(source, target, FONT_WEIGHT)
        except OSError:
            fallback = Path(tempfile.gettempdir()) / "tifa-cache" / "fonts" / name
            if not fallback.exists():
                _derive_static_instance(source, fallback, FONT_WEIGHT)
            target = fallback
    return target


def fallback_font_path() -> Path:
    """Return DejaVu Sans as shipped with matplotlib.

    >>> fallback_font_path().name
    'DejaVuSans.ttf'
    """
    return Path(mpl.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


@lru_cache(maxsize=1)
def register_fonts() -> Path:
    """Make Noto Sans SC (and matplotlib's DejaVu Sans) known to matplotlib.

    Safe to call many times; the work is done once per process.

    Returns
    -------
    pathlib.Path
        The registered Noto Sans SC file.

    >>> register_fonts() == font_path()
    True
    """
    path = font_path()
    font_manager.fontManager.addfont(str(path))
    font_manager.fontManager.addfont(str(fallback_font_path()))
    found = font_manager.findfont(
        font_manager.FontProperties(family=FONT_FAMILY), fallback_to_default=False
    )
    if Path(found).resolve() != path.resolve():
        warnings.warn(
            f"matplotlib resolves {FONT_FAMILY!r} to {found}, not to the packaged "
            f"font {path}; uninstall the system copy for reproducible figures",
            UserWarning,
            stacklevel=2,
        )
    return path


@lru_cache(maxsize=4)
def _cmap_codepoints(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def missing_glyphs(text: str, *, fallback: bool = True) -> list[str]:
    """List the characters of ``text`` that no tifa font can draw.

    Parameters
    ----------
    text : str
        Any text; whitespace and control characters are ignored.
    fallback : bool
        Also accept glyphs found only in the fallback font (DejaVu Sans).
        Drawing outside matplotlib (the word cloud) has no fallback.

    Returns
    -------
    list of str
        The missing characters, sorted, each once.

    >>> missing_glyphs("高质量发展 GDP 5.0% −")
    []
    >>> missing_glyphs("𠀀 (CJK Extension B)")
    ['𠀀']
    >>> missing_glyphs("😀"), missing_glyphs("😀", fallback=False)
    ([], ['😀'])
    """
    available = _cmap_codepoints(str(font_path()))
    if fallback:
        available = available | _cmap_codepoints(str(fallback_font_path()))
    missing = {c for c in text if not c.isspace() and c.isprintable() and ord(c) not in available}
    return sorted(missing)


# --------------------------------------------------------------------------- presets

_COMMON: dict[str, Any] = {
    "font.family": FONT_FAMILIES,
    "mathtext.fontset": "dejavusans",
    "axes.unicode_minus": True,
    "axes.prop_cycle": mpl.cycler(color=OKABE_ITO),
    "image.cmap": "tifa_sequential",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#333333",
    "axes.labelcolor": "#1A1A1A",
    "axes.titleweight": "normal",
    "axes.titlelocation": "left",
    "axes.axisbelow": True,
    "axes.grid": False,
    "grid.color": "#DDDDDD",
    "grid.linestyle": "-",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "text.color": "#1A1A1A",
    "legend.frameon": False,
    "figure.facecolor": "white",
    "figure.constrained_layout.use": True,
    "savefig.facecolor": "white",
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.05,
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "path",
    "svg.hashsalt": "tifa",
    "patch.linewidth": 0.5,
    "errorbar.capsize": 0,
}

_SIZES: dict[str, dict[str, Any]] = {
    "paper": {
        "font.size": 8.0,
        "axes.titlesize": 9.0,
        "axes.labelsize": 8.0,
        "xtick.labelsize": 7.0,
        "ytick.labelsize": 7.0,
        "legend.fontsize": 7.0,
        "legend.title_fontsize": 7.5,
        "figure.titlesize": 10.0,
        "figure.figsize": (6.3, 3.6),
        "figure.dpi": 150,
        "savefig.dpi": 300,
        "lines.linewidth": 1.2,
        "lines.markersize": 4.0,
        "axes.linewidth": 0.6,
        "grid.linewidth": 0.4,
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "xtick.major.size": 3.0,
        "ytick.major.size": 3.0,
    },
    "slides": {
        "font.size": 14.0,
        "axes.titlesize": 16.0,
        "axes.labelsize": 14.0,
        "xtick.labelsize": 12.0,
        "ytick.labelsize": 12.0,
        "legend.fontsize": 12.0,
        "legend.title_fontsize": 13.0,
        "figure.titlesize": 18.0,
        "figure.figsize": (10.0, 5.6),
        "figure.dpi": 100,
        "savefig.dpi": 300,
        "lines.linewidth": 2.0,
        "lines.markersize": 7.0,
        "axes.linewidth": 1.0,
        "grid.linewidth": 0.7,
        "xtick.major.width": 1.0,
        "ytick.major.width": 1.0,
        "xtick.major.size": 5.0,
        "ytick.major.size": 5.0,
    },
    "classroom": {
        "font.size": 18.0,
        "axes.titlesize": 21.0,
        "axes.labelsize": 18.0,
        "xtick.labelsize": 16.0,
        "ytick.labelsize": 16.0,
        "legend.fontsize": 16.0,
        "legend.title_fontsize": 17.0,
        "figure.titlesize": 24.0,
        "figure.figsize": (12.0, 6.75),
        "figure.dpi": 100,
        "savefig.dpi": 300,
        "lines.linewidth": 2.8,
        "lines.markersize": 9.0,
        "axes.linewidth": 1.4,
        "grid.linewidth": 1.0,
        "xtick.major.width": 1.4,
        "ytick.major.width": 1.4,
        "xtick.major.size": 6.0,
        "ytick.major.size": 6.0,
    },
}


def _ensure_colormap_registered() -> None:
    if "tifa_sequential" not in mpl.colormaps:
        mpl.colormaps.register(SEQUENTIAL_CMAP)


class Style(dict):
    """rcParams of one preset; use as a context manager or apply globally.

    Entering the context registers the fonts, saves the current rcParams,
    applies these; leaving restores the saved ones (exceptions propagate).
    Obtain one from :func:`style`.
    """

    def __init__(self, preset: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        self.preset = preset
        self._contexts: list[Any] = []

    def __enter__(self) -> Style:
        register_fonts()
        _ensure_colormap_registered()
        context = mpl.rc_context(self)
        context.__enter__()
        self._contexts.append(context)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._contexts.pop().__exit__(exc_type, exc, traceback)

    def apply(self) -> None:
        """Apply the preset globally (for a whole notebook or script)."""
        register_fonts()
        _ensure_colormap_registered()
        mpl.rcParams.update(self)


def style(preset: Preset = "paper", *, rc: dict[str, Any] | None = None) -> Style:
    """Return the rcParams of a preset, usable as a context manager.

    Parameters
    ----------
    preset : {"paper", "slides", "classroom"}
        ``"paper"``: 6.3 × 3.6 in, 8 pt text, thin lines, for a journal page;
        ``"slides"``: 10 × 5.6 in, 14 pt; ``"classroom"``: 12 × 6.75 in,
        18 pt and heavy lines, readable from the back of a lecture hall.
    rc : dict or None
        Extra rcParams that override the preset.

    Returns
    -------
    Style
        A ``dict`` of rcParams. ``with style(...):`` applies it for the block;
        ``style(...).apply()`` applies it for the rest of the session.

    Raises
    ------
    tifa.errors.OptionError
        If ``preset`` is not one of the three names.

    >>> with style("slides"):
    ...     mpl.rcParams["font.family"]
    ['Noto Sans SC', 'DejaVu Sans']
    >>> style("poster")
    Traceback (most recent call last):
    ...
    tifa.errors.OptionError: `preset` got 'poster'; valid values are: 'classroom', 'paper', 'slides'
    """
    check_option("preset", preset, PRESETS)
    params = dict(_COMMON)
    params.update(_SIZES[preset])
    if rc:
        params.update(rc)
    return Style(preset, params)


def set_style(preset: Preset = "paper", *, rc: dict[str, Any] | None = None) -> Style:
    """Apply a preset for the rest of the session and return it.

    >>> import matplotlib as mpl
    >>> with mpl.rc_context():
    ...     _ = set_style("classroom")
    ...     mpl.rcParams["font.size"]
    18.0
    """
    chosen = style(preset, rc=rc)
    chosen.apply()
    return chosen


def font_rc() -> dict[str, Any]:
    """rcParams that plot functions apply while creating text, so that
    Chinese labels render even outside a :func:`style` block.

    The current sizes are kept; only the font families (and the fonts'
    registration) are ensured.

    >>> font_rc()["font.family"]
    ['Noto Sans SC', 'DejaVu Sans']
    """
    register_fonts()
    _ensure_colormap_registered()
    family = list(mpl.rcParams["font.family"])
    if FONT_FAMILY in family:
        return {"font.family": family}
    return {"font.family": FONT_FAMILIES}
