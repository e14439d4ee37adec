"""Write a figure as PDF, SVG and PNG, deterministically and atomically.

Determinism: no dates or tool versions in the files (``metadata`` with
``None`` values), a fixed ``svg.hashsalt`` so SVG element ids do not vary, and
TrueType (Type 42) fonts in the PDF whose subsets fontTools builds without
touching the font's timestamp. Saving the same figure twice gives
byte-identical PDF, SVG and PNG files.

Layout engines (the presets use constrained layout) move axes a little on
every draw until they settle, so :func:`savefig` first draws until the
positions stop changing, then freezes them while it writes every format
(the figure's engine is restored afterwards).

Atomicity: each file is written to a temporary file in the target directory
and moved into place with :func:`os.replace`, so a reader never sees half a
figure and an interrupted run leaves the previous version intact.

>>> import tempfile, matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.plot([0, 1], [0, 1])
>>> with tempfile.TemporaryDirectory() as tmp:
...     [p.name for p in savefig(fig, "line", directory=tmp)]
['line.pdf', 'line.svg', 'line.png']
>>> plt.close(fig)
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

from tifa.errors import TifaError, check_option
from tifa.plots.style import register_fonts

Format = Literal["pdf", "svg", "png"]
FORMATS: tuple[str, ...] = ("pdf", "svg", "png")

#: Resolution of PNG files (dots per inch).
PNG_DPI = 300

#: Metadata written into each format: keys set to None are left out.
METADATA: dict[str, dict[str, Any]] = {
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
    "svg": {"Date": None, "Creator": None},
    "png": {"Software": None},
}

#: rcParams in force while saving, whatever the session's style.
SAVE_RC: dict[str, Any] = {
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "path",
    "svg.hashsalt": "tifa",
    "pdf.compression": 6,
}


def _default_directory() -> Path:
    from tifa.paths import FIGURES

    return FIGURES


def savefig(
    fig: Figure,
    name: str,
    *,
    directory: str | os.PathLike[str] | None = None,
    formats: Sequence[Format] = ("pdf", "svg", "png"),
) -> list[Path]:
    """Save ``fig`` as ``<directory>/<name>.<format>`` for each format.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to write; it is not closed or otherwise changed.
    name : str
        File name without extension (a trailing ``.pdf``/``.svg``/``.png``
        is dropped). Must not contain a directory part.
    directory : str, path-like or None
        Target directory, created if missing; ``None`` means the project's
        ``figures/`` directory (:data:`tifa.paths.FIGURES`).
    formats : sequence of {"pdf", "svg", "png"}
        Formats to write, in this order. PDF embeds its fonts as TrueType
        (``pdf.fonttype`` 42), SVG draws text as paths, PNG is 300 dpi.

    Returns
    -------
    list of pathlib.Path
        The written files, in the order of ``formats``.

    Raises
    ------
    tifa.errors.OptionError
        If a format is not one of the three.
    tifa.errors.TifaError
        If ``name`` is empty or contains a directory separator.

    >>> import matplotlib.pyplot as plt, tempfile
    >>> fig, ax = plt.subplots()
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     first = savefig(fig, "empty", directory=tmp, formats=("svg",))[0].read_bytes()
    ...     second = savefig(fig, "empty", directory=tmp, formats=("svg",))[0].read_bytes()
    >>> first == second
    True
    >>> plt.close(fig)
    """
    if isinstance(formats, str):
        formats = (formats,)  # type: ignore[assignment]
    for fmt in formats:
        check_option("formats", fmt, FORMATS)
    stem = str(name)
    for fmt in FORMATS:
        if stem.lower().endswith("." + fmt):
            stem = stem[: -len(fmt) - 1]
    if not stem or os.sep in stem or (os.altsep and os.altsep in stem) or stem in {".", ".."}:
        raise TifaError(
            f"savefig: invalid figure name {name!r}; give a bare file name and "
            "pass the folder as `directory=`"
        )
    target_directory = Path(directory) if directory is not None else _default_directory()
    target_directory.mkdir(parents=True, exist_ok=True)
    register_fonts()

    written: list[Path] = []
    with mpl.rc_context(SAVE_RC), _settled_layout(fig):
        for fmt in formats:
            target = target_directory / f"{stem}.{fmt}"
            _write_atomically(fig, target, fmt)
            written.append(target)
    return written


#: Upper limit of draws spent letting a layout engine settle.
MAX_LAYOUT_DRAWS = 30
#: Axes positions (figure fraction) moving less than this count as settled.
LAYOUT_TOLERANCE = 1e-12
#: Decimals the settled positions are rounded to: the engine's fixed point
#: wobbles in the last bits of a float from draw to draw.
LAYOUT_DECIMALS = 9


@contextmanager
def _settled_layout(fig: Figure) -> Iterator[None]:
    """Run the layout engine to its fixed point, then hold the axes still."""
    engine = fig.get_layout_engine()
    if engine is None:
        yield
        return
    previous: np.ndarray | None = None
    for _ in range(MAX_LAYOUT_DRAWS):
        fig.draw_without_rendering()
        current = np.array([ax.get_position(original=True).bounds for ax in fig.axes])
        if previous is not None and np.abs(current - previous).max(initial=0.0) <= LAYOUT_TOLERANCE:
            break
        previous = current
    fig.set_layout_engine("none")
    for ax in fig.axes:
        in_layout = ax.get_in_layout()
        bounds = [round(float(v), LAYOUT_DECIMALS) for v in ax.get_position(original=True).bounds]
        ax.set_position(bounds, which="original")
        ax.set_in_layout(in_layout)  # set_position takes the axes out of the layout
    try:
        yield
    finally:
        fig.set_layout_engine(engine)


def _write_atomically(fig: Figure, target: Path, fmt: str) -> None:
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}-", suffix=".part"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            options: dict[str, Any] = {"format": fmt, "metadata": METADATA[fmt]}
            if fmt == "png":
                options["dpi"] = PNG_DPI
            fig.savefig(stream, **options)
        _make_readable(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _make_readable(path: str) -> None:
    """Give the temporary file the permissions a plain ``open`` would."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)
