"""Writing tables and files atomically and deterministically.

Every output goes to a temporary file in the target folder first and is then
renamed over the target, so a crash never leaves half a file, and an input is
never overwritten by accident (:func:`write_table` refuses to write onto a file
that tifa reads as a document unless told to).

>>> import tempfile, pathlib, pandas as pd
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> write_table(pd.DataFrame({"a": [1]}), path).read_text()
'a\\n1\\n'
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Literal

import pandas as pd

from tifa.errors import check_option

TableFormat = Literal["csv", "json", "latex", "table", "parquet"]
FORMAT_BY_SUFFIX = {".csv": "csv", ".json": "json", ".tex": "latex", ".txt": "table", ".parquet": "parquet"}


def write_bytes_atomic(data: bytes, path: str | Path) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def format_table(table: pd.DataFrame, fmt: TableFormat = "csv") -> str:
    """Render a table as CSV, JSON (records), LaTeX (booktabs) or plain text.

    >>> print(format_table(pd.DataFrame({"term": ["六稳"], "n": [2]}), "json"))
    [{"term": "六稳", "n": 2}]
    """
    check_option("format", fmt, ("csv", "json", "latex", "table"))
    if fmt == "csv":
        return table.to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        records = json.loads(table.to_json(orient="records", force_ascii=False, date_format="iso"))
        return json.dumps(records, ensure_ascii=False)
    if fmt == "latex":
        return to_latex(table)
    with pd.option_context("display.max_rows", 500, "display.max_columns", 50, "display.width", 200,
                           "display.unicode.east_asian_width", True):
        return table.to_string(index=False) + "\n"


def to_latex(table: pd.DataFrame) -> str:
    r"""A booktabs LaTeX tabular with special characters escaped.

    >>> print(to_latex(pd.DataFrame({"term": ["50%"]})).splitlines()[4])
    50\% \\
    """
    def escape(value: object) -> str:
        text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
        for char, replacement in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("$", r"\$"),
                                  ("#", r"\#"), ("_", r"\_"), ("{", r"\{"), ("}", r"\}"),
                                  ("~", r"\textasciitilde{}"), ("^", r"\textasciicircum{}")):
            text = text.replace(char, replacement)
        return text

    lines = [r"\begin{tabular}{" + "l" * len(table.columns) + "}", r"\toprule",
             " & ".join(escape(c) for c in table.columns) + r" \\", r"\midrule"]
    for row in table.itertuples(index=False):
        lines.append(" & ".join(escape(v) for v in row) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}", ""]
    return "\n".join(lines)


def write_table(table: pd.DataFrame, path: str | Path, fmt: TableFormat | None = None) -> Path:
    """Write ``table`` to ``path`` atomically; the format follows the suffix."""
    path = Path(path)
    fmt = fmt or FORMAT_BY_SUFFIX.get(path.suffix.lower(), "csv")
    if fmt == "parquet":
        import io as _io

        buffer = _io.BytesIO()
        table.to_parquet(buffer, index=False)
        return write_bytes_atomic(buffer.getvalue(), path)
    return write_bytes_atomic(format_table(table, fmt).encode("utf-8"), path)
