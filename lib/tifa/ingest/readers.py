"""Readers: turn one file into raw documents (text + metadata), one format each.

Formats by extension: ``.txt``, ``.md``/``.markdown`` (YAML front matter →
metadata), ``.html``/``.htm``, ``.docx`` (python-docx), ``.pdf`` (pdfminer.six
text layer), ``.jsonl``/``.ndjson`` and ``.csv`` (one document per row: ``text``
or ``content`` plus metadata columns). Readers only read: they never modify a
file, and every problem is an :class:`~tifa.errors.IngestError` that names the
file (or ``file:line``) and says why.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.md").write_text("---\\ntitle: 报告\\n---\\n各位代表", encoding="utf-8")
>>> [(d.doc_id, d.fmt, d.docvars["title"]) for d in read_file(folder / "a.md")]
[('a', 'markdown', '报告')]
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tifa.errors import IngestError, MetadataError
from tifa.ingest.encoding import Decoded, decode_bytes
from tifa.ingest.markup import looks_like_html, split_front_matter

TEXT_FIELDS = ("text", "content")
RE_FRONT_MATTER_START = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?:[A-Za-z_][\w-]*[ \t]*:.*\r?\n)+")
SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
#: Files in a corpus folder that describe it rather than belong to it.
CORPUS_SIDE_FILES = frozenset({"manifest.csv", "datasheet.md", "readme.md", "license", "license.md"})


@dataclass
class RawDocument:
    """A document as read: raw text, its format and the metadata found with it."""

    doc_id: str
    raw: str
    fmt: str
    path: str
    docvars: dict = field(default_factory=dict)
    encoding: str = ""
    encoding_confidence: float = 1.0
    encoding_method: str = ""
    front_matter_end: int = 0


def format_of(path: Path) -> str | None:
    """Format name for a path, or ``None`` when tifa does not read it.

    >>> format_of(Path("x.DOCX")), format_of(Path("x.png"))
    ('docx', None)
    """
    return SUFFIX_FORMATS.get(path.suffix.lower())


def read_file(path: str | Path) -> list[RawDocument]:
    """Read one file into raw documents (several for ``.jsonl``/``.csv``)."""
    path = Path(path)
    fmt = format_of(path)
    if fmt is None:
        raise IngestError(str(path), f"unsupported file type {path.suffix!r}; tifa reads {sorted(set(SUFFIX_FORMATS))}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), f"cannot be read ({exc.strerror})") from None
    reader = {
        "text": _read_text,
        "markdown": _read_markdown,
        "html": _read_text,
        "docx": _read_docx,
        "pdf": _read_pdf,
        "jsonl": _read_jsonl,
        "csv": _read_csv,
    }[fmt]
    return reader(path, data, fmt)


def _decoded_document(path: Path, decoded: Decoded, fmt: str, **kwargs) -> RawDocument:
    return RawDocument(
        doc_id=path.stem,
        raw=decoded.text,
        fmt=fmt,
        path=str(path),
        encoding=decoded.encoding,
        encoding_confidence=decoded.confidence,
        encoding_method=decoded.method,
        **kwargs,
    )


def _read_text(path: Path, data: bytes, fmt: str) -> list[RawDocument]:
    decoded = decode_bytes(data, str(path))
    if fmt == "text" and RE_FRONT_MATTER_START.match(decoded.text):
        return _read_markdown(path, data, "markdown")
    if fmt == "text" and looks_like_html(decoded.text[:5000]):
        fmt = "html"
    return [_decoded_document(path, decoded, fmt)]


def _read_markdown(path: Path, data: bytes, fmt: str) -> list[RawDocument]:
    decoded = decode_bytes(data, str(path))
    docvars, edits = split_front_matter(decoded.text, str(path))
    end = edits[0].end if edits else 0
    if not decoded.text[end:].strip():
        raise IngestError(str(path), "has front matter but no body text")
    return [_decoded_document(path, decoded, fmt, docvars=docvars, front_matter_end=end)]


def _read_docx(path: Path, data: bytes, fmt: str) -> list[RawDocument]:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise IngestError(str(path), f"not a readable Word .docx file ({exc.__class__.__name__})") from None
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append("\t".join(cell.text for cell in row.cells))
    text = "\n".join(paragraphs)
    if not text.strip():
        raise IngestError(str(path), "Word file holds no text")
    return [RawDocument(path.stem, text, fmt, str(path), encoding="docx")]


def _read_pdf(path: Path, data: bytes, fmt: str) -> list[RawDocument]:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        text = extract_text(io.BytesIO(data))
    except (PDFSyntaxError, ValueError, TypeError, KeyError) as exc:
        raise IngestError(str(path), f"not a readable PDF ({exc.__class__.__name__})") from None
    if not text.strip():
        raise IngestError(str(path), "PDF has no text layer (scanned images need OCR first)")
    return [RawDocument(path.stem, text, fmt, str(path), encoding="pdf-text-layer")]


def _row_document(path: Path, where: str, row: dict, index: int, decoded: Decoded) -> RawDocument:
    text_field = next((f for f in TEXT_FIELDS if isinstance(row.get(f), str)), None)
    if text_field is None:
        raise IngestError(where, f"row has no text: give a string field {' or '.join(TEXT_FIELDS)!r}")
    if not row[text_field].strip():
        raise IngestError(where, "row text is empty")
    docvars = {k: v for k, v in row.items() if k not in TEXT_FIELDS and k != "doc_id"}
    doc_id = str(row.get("doc_id") or f"{path.stem}-{index}")
    return RawDocument(
        doc_id,
        row[text_field],
        "text",
        where,
        docvars=docvars,
        encoding=decoded.encoding,
        encoding_confidence=decoded.confidence,
        encoding_method=decoded.method,
    )


def _read_jsonl(path: Path, data: bytes, fmt: str) -> list[RawDocument]:
    decoded = decode_bytes(data, str(path))
    documents, errors = [], []
    for number, line in enumerate(decoded.text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise IngestError(where, "line is not a JSON object")
            documents.append(_row_document(path, where, row, number, decoded))
        except json.JSONDecodeError as exc:
            errors.append(MetadataError(where, f"invalid JSON ({exc.msg} at column {exc.colno})"))
        except IngestError as exc:
            errors.append(exc)
    if errors:
        raise RowErrors(str(path), documents, errors)
    return documents


def _read_csv(path: Path, data: bytes, fmt: str) -> list[RawDocument]:
    decoded = decode_bytes(data, str(path))
    documents, errors = [], []
    reader = csv.DictReader(io.StringIO(decoded.text))
    for number, row in enumerate(reader, start=2):
        try:
            documents.append(_row_document(path, f"{path}:{number}", row, number, decoded))
        except IngestError as exc:
            errors.append(exc)
    if errors:
        raise RowErrors(str(path), documents, errors)
    return documents


class RowErrors(IngestError):
    """Some rows of a JSON Lines or CSV file failed; the good rows travel along."""

    def __init__(self, path: str, documents: list[RawDocument], errors: list[IngestError]) -> None:
        self.documents = documents
        self.errors = errors
        super().__init__(path, f"{len(errors)} row(s) failed: " + "; ".join(str(e) for e in errors[:3]))
