"""Keyword in context: every occurrence of a term with the text around it.

A KWIC table is how a reader audits a count: each row is one occurrence, with
its offsets in ``doc.text`` and, when the document carries an offset map, in
``doc.raw`` (the source as it was read), so that a quotation can be checked
against the original file.

>>> table = kwic({"d1": "坚持稳中求进工作总基调，稳中求进。"}, "稳中求进", window=3)
>>> table[["doc_id", "start", "left", "match", "right"]]
  doc_id  start left match right
0     d1      2   坚持  稳中求进   工作总
1     d1     12  基调，  稳中求进     。
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import pandas as pd

from tifa.errors import TifaError
from tifa.segment import iter_documents

__all__ = ["KWIC_COLUMNS", "RE_LATEX_SPECIAL", "kwic", "escape_latex", "to_latex", "to_csv"]

KWIC_COLUMNS: Final = ["doc_id", "start", "end", "left", "match", "right", "raw_start", "raw_end"]

_LATEX_REPLACEMENTS: Final = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}
RE_LATEX_SPECIAL: Final[re.Pattern[str]] = re.compile("|".join(re.escape(c) for c in _LATEX_REPLACEMENTS))
RE_WHITESPACE_RUN: Final[re.Pattern[str]] = re.compile(r"\s+")


def _compile(pattern: str | Sequence[str], regex: bool) -> re.Pattern[str]:
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    patterns = [p for p in patterns if p]
    if not patterns:
        raise TifaError("kwic needs a non-empty pattern")
    if regex:
        source = "|".join(f"(?:{p})" for p in patterns)
    else:
        # longest first, so that 放管服改革 is preferred to 放管服 at the same place
        source = "|".join(re.escape(p) for p in sorted(set(patterns), key=lambda p: (-len(p), p)))
    try:
        return re.compile(source)
    except re.error as error:
        raise TifaError(f"invalid regular expression {source!r}: {error}") from error


def kwic(
    corpus_or_documents: Any,
    pattern: str | Sequence[str],
    *,
    window: int = 20,
    regex: bool = False,
) -> pd.DataFrame:
    """Find every occurrence of a pattern, with ``window`` characters on each side.

    Parameters
    ----------
    corpus_or_documents : Corpus, Document, iterable of documents or mapping
        Documents with ``doc_id`` and ``text`` (and ``offsets``, optional), or
        a mapping ``{doc_id: text}``; see :func:`tifa.segment.iter_documents`.
    pattern : str or sequence of str
        A term (or several: any of them matches; the longest wins where two
        start at the same place).
    window : int
        Characters of context on each side (fewer at the edges of a text).
    regex : bool
        Treat ``pattern`` as regular expression(s). Empty matches are skipped.

    Returns
    -------
    pandas.DataFrame
        One row per occurrence (documents in the order given, then by
        position; occurrences do not overlap): ``doc_id``, ``start``, ``end``
        (offsets of the match in ``doc.text``), ``left``, ``match``, ``right``
        (the exact characters, newlines included), ``raw_start``, ``raw_end``
        (the match's span in ``doc.raw`` through ``doc.offsets``; missing,
        ``<NA>``, for documents without an offset map).

    >>> kwic({"d": "增长6.5%左右，增长5%"}, r"增长[0-9.]+%", regex=True, window=2)["match"].tolist()
    ['增长6.5%', '增长5%']
    """
    if window < 0:
        raise TifaError(f"window must be 0 or more, got {window}")
    compiled = _compile(pattern, regex)
    rows: list[tuple[Any, ...]] = []
    for document in iter_documents(corpus_or_documents):
        text = document.text
        matches = [m for m in compiled.finditer(text) if m.end() > m.start()]
        if not matches:
            continue
        starts = [m.start() for m in matches]
        ends = [m.end() for m in matches]
        offsets = getattr(document, "offsets", None)
        if offsets is not None:
            raw_starts, raw_ends = offsets.to_source_many(starts, ends)
            raw = list(zip(raw_starts.tolist(), raw_ends.tolist()))
        else:
            raw = [(None, None)] * len(matches)
        for start, end, (raw_start, raw_end) in zip(starts, ends, raw):
            rows.append(
                (
                    document.doc_id,
                    start,
                    end,
                    text[max(0, start - window) : start],
                    text[start:end],
                    text[end : end + window],
                    raw_start,
                    raw_end,
                )
            )
    table = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    table = table.astype({"doc_id": object, "start": "int64", "end": "int64", "raw_start": "Int64", "raw_end": "Int64"})
    return table


def escape_latex(text: str) -> str:
    r"""Escape the characters that LaTeX treats specially; runs of white space become one space.

    >>> escape_latex("增长6.5% & 100$_{x}~^\\")
    '增长6.5\\% \\& 100\\$\\_\\{x\\}\\textasciitilde{}\\textasciicircum{}\\textbackslash{}'
    """
    text = RE_WHITESPACE_RUN.sub(" ", text)
    return RE_LATEX_SPECIAL.sub(lambda m: _LATEX_REPLACEMENTS[m.group(0)], text)


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    escaped = escape_latex(str(value))
    # a cell that starts with "[" after "\\" would be read as \\[length]
    return "{}" + escaped if escaped.startswith("[") else escaped


def to_latex(
    kwic_table: pd.DataFrame,
    *,
    caption: str | None = None,
    label: str | None = None,
    headers: Iterable[str] = ("Document", "Left context", "Keyword", "Right context"),
) -> str:
    r"""Write a KWIC table as a LaTeX ``tabular`` (booktabs rules).

    The left context is right-aligned and the keyword set in bold, so the
    keywords line up in a column. Every cell is escaped (``% & $ # _ { } ~ ^ \``
    and ``< > |``) and its white space, newlines included, collapsed to single
    spaces. Chinese text needs a CJK-capable engine and package (e.g. XeLaTeX
    with ``xeCJK``); the preamble must load ``booktabs``. No pandas Styler
    (and so no jinja2) is involved.

    Parameters
    ----------
    kwic_table : pandas.DataFrame
        As returned by :func:`kwic` (columns ``doc_id, left, match, right``).
    caption, label : str, optional
        When either is given the tabular is wrapped in a ``table`` float with
        them (``caption`` is escaped; ``label`` is used as is).
    headers : four str
        Column headings (escaped).

    Returns
    -------
    str
        The LaTeX source, ending with a newline.

    >>> table = kwic({"report_1": "实现100%覆盖"}, "100%", window=2)
    >>> print(to_latex(table))
    \begin{tabular}{lrll}
    \toprule
    Document & Left context & Keyword & Right context \\
    \midrule
    report\_1 & 实现 & \textbf{100\%} & 覆盖 \\
    \bottomrule
    \end{tabular}
    <BLANKLINE>
    """
    missing = [c for c in ("doc_id", "left", "match", "right") if c not in kwic_table.columns]
    if missing:
        raise TifaError(f"not a KWIC table: columns {missing} are missing")
    heads = [escape_latex(h) for h in headers]
    if len(heads) != 4:
        raise TifaError("headers must name the four columns: document, left, keyword, right")
    lines = [r"\begin{tabular}{lrll}", r"\toprule", " & ".join(heads) + r" \\", r"\midrule"]
    for doc_id, left, match, right in kwic_table[["doc_id", "left", "match", "right"]].itertuples(index=False):
        keyword = _cell(match)
        lines.append(f"{_cell(doc_id)} & {_cell(left)} & \\textbf{{{keyword}}} & {_cell(right)} \\\\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    if caption is not None or label is not None:
        inner = [r"\begin{table}", r"\centering"]
        if caption is not None:
            inner.append(rf"\caption{{{escape_latex(caption)}}}")
        if label is not None:
            inner.append(rf"\label{{{label}}}")
        lines = [*inner, *lines, r"\end{table}"]
    return "\n".join(lines) + "\n"


def to_csv(kwic_table: pd.DataFrame, path: str | Path | None = None) -> str | None:
    """Write a KWIC table as CSV (UTF-8, ``\\n`` line ends, no index).

    Contexts keep their newlines (quoted, as CSV allows), so the file is an
    exact record. Spreadsheet programs that expect a byte-order mark can read
    it with an explicit UTF-8 import.

    Parameters
    ----------
    kwic_table : pandas.DataFrame
        As returned by :func:`kwic`.
    path : str or Path, optional
        File to write; ``None`` returns the CSV text instead.

    Returns
    -------
    str or None
        The CSV text when ``path`` is None.

    >>> print(to_csv(kwic({"d": "一带一路"}, "一带一路", window=1)), end="")
    doc_id,start,end,left,match,right,raw_start,raw_end
    d,0,4,,一带一路,,,
    """
    if path is None:
        return kwic_table.to_csv(index=False, lineterminator="\n")
    kwic_table.to_csv(Path(path), index=False, lineterminator="\n", encoding="utf-8")
    return None
