"""Documents and corpora: what every annotator reads.

A :class:`Document` keeps the raw text untouched, the cleaned and normalized
``text``, an offset map from ``text`` back to ``raw``, its metadata
(``docvars``), structure (headings and section labels), redactions, the record
of every cleaning step and a quality summary. A :class:`Corpus` is a sequence of
documents plus a docvars table, and the list of files that failed.

:func:`read_corpus` accepts files, folders and JSON Lines/CSV files. A folder
may hold a ``manifest.csv`` (one row per document, keyed by ``doc_id`` or
``file``) whose columns become docvars. Bad files never stop the others: each is
reported with its reason in ``corpus.failures``.

>>> corpus = read_corpus(SEEDS)
>>> len(corpus), corpus.failures
(5, [])
>>> "依托县域医共体" in corpus["001_ab862bf384cb27d5"].text
True
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, overload

import pandas as pd

from tifa.errors import DuplicateIdError, IngestError, MetadataError, TifaError, check_option
from tifa.ingest.pipeline import clean_text
from tifa.ingest.readers import CORPUS_SIDE_FILES, RawDocument, RowErrors, format_of, read_file
from tifa.ingest.redactions import find_redactions
from tifa.offsets import OffsetMap
from tifa.paths import SEEDS  # noqa: F401 - used in the module doctest
from tifa.structure import find_headings, find_sections, label_positions

logger = logging.getLogger(__name__)

DOCVAR_COLUMNS = [
    "title", "date", "year", "region", "province", "prefecture", "county", "level",
    "speaker", "speaker_role", "genre", "script", "redacted", "source", "license",
]
OnError = Literal["report", "raise"]


@dataclass
class Document:
    """One document: raw text, normalized text, offset map, metadata, structure.

    >>> doc = read_corpus(SEEDS)["003_77d8f3c9a3dd5a67"]
    >>> start = doc.text.index("非常重要的会议") + 5
    >>> doc.raw[slice(*doc.to_raw(start, start + 2))]
    '会 议'
    """

    doc_id: str
    raw: str
    text: str
    offsets: OffsetMap
    docvars: dict = field(default_factory=dict)
    headings: pd.DataFrame = field(default_factory=pd.DataFrame)
    sections: pd.DataFrame = field(default_factory=pd.DataFrame)
    redactions: pd.DataFrame = field(default_factory=pd.DataFrame)
    cleaning: pd.DataFrame = field(default_factory=pd.DataFrame)
    quality: dict = field(default_factory=dict)
    path: str = ""

    def __repr__(self) -> str:
        return f"Document({self.doc_id!r}, {len(self.text)} chars)"

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span of the normalized span ``[start, end)``."""
        return self.offsets.to_source(start, end)

    def section_at(self, position: int) -> str:
        """Section label (front, review, plan, body) at a character position."""
        return label_positions(self.sections, [position])[0]

    def context(self, start: int, end: int, window: int = 20) -> str:
        """The span in brackets with ``window`` characters on each side, for reading.

        >>> Document("d", "ab", "甲乙丙丁", OffsetMap.identity(4)).context(1, 2, window=1)
        '甲【乙】丙'
        """
        left = self.text[max(0, start - window) : start]
        right = self.text[end : end + window]
        return f"{left}【{self.text[start:end]}】{right}"


class Corpus(Sequence[Document]):
    """Documents in a fixed order, with their docvars and the files that failed."""

    def __init__(self, documents: Iterable[Document] = (), failures: Iterable[dict] = ()) -> None:
        self._documents = list(documents)
        self._index = {d.doc_id: i for i, d in enumerate(self._documents)}
        self.failures: list[dict] = list(failures)

    @overload
    def __getitem__(self, key: int | str) -> Document: ...
    @overload
    def __getitem__(self, key: slice) -> Corpus: ...
    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return self._documents[self._index[key]]
            except KeyError:
                raise KeyError(f"no document {key!r} in this corpus") from None
        if isinstance(key, slice):
            return Corpus(self._documents[key])
        return self._documents[key]

    def __len__(self) -> int:
        return len(self._documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self._documents)

    def __repr__(self) -> str:
        return f"Corpus({len(self)} documents, {len(self.failures)} failures)"

    @property
    def doc_ids(self) -> list[str]:
        """Document ids in corpus order."""
        return [d.doc_id for d in self._documents]

    @property
    def docvars(self) -> pd.DataFrame:
        """One row per document (``doc_id`` index): metadata plus ``characters``."""
        rows = []
        for d in self._documents:
            row = {column: d.docvars.get(column) for column in DOCVAR_COLUMNS}
            row.update(d.docvars)
            row["doc_id"] = d.doc_id
            row["characters"] = d.quality.get("counted_chars")
            rows.append(row)
        frame = pd.DataFrame(rows)
        if frame.empty:
            return pd.DataFrame(columns=DOCVAR_COLUMNS + ["characters"], index=pd.Index([], name="doc_id"))
        return frame.set_index("doc_id")

    def subset(self, doc_ids: Iterable[str]) -> Corpus:
        """A corpus of the named documents, in the order given."""
        return Corpus(self[d] for d in doc_ids)

    def quality_report(self) -> pd.DataFrame:
        """The quality summary of every document, one row each (see ``tifa ingest --report``)."""
        rows = [{"doc_id": d.doc_id, **d.quality} for d in self._documents]
        return pd.DataFrame(rows)

    def label_sections(self, spans: pd.DataFrame) -> pd.DataFrame:
        """Add a ``section`` column (front, review, plan, body) to any span table.

        >>> corpus = read_corpus(SEEDS)
        >>> spans = pd.DataFrame({"doc_id": ["001_ab862bf384cb27d5"], "start": [500]})
        >>> corpus.label_sections(spans)["section"].tolist()
        ['review']
        """
        labelled = spans.copy()
        labels = pd.Series(index=labelled.index, dtype="object")
        for doc_id, rows in labelled.groupby("doc_id", sort=False):
            labels.loc[rows.index] = label_positions(self[doc_id].sections, rows["start"].to_numpy())
        labelled["section"] = labels
        return labelled

    def redactions(self) -> pd.DataFrame:
        """All redaction spans of the corpus."""
        frames = [d.redactions for d in self._documents if len(d.redactions)]
        return pd.concat(frames, ignore_index=True) if frames else find_redactions("", "")


@dataclass(frozen=True)
class TextDocument:
    """A plain text standing in for a :class:`Document` (no raw text, no structure).

    Annotators accept these wherever they accept documents, so a ``{doc_id: text}``
    mapping can be analysed without files.
    """

    doc_id: str
    text: str
    docvars: dict = field(default_factory=dict)
    sections: pd.DataFrame | None = None
    headings: pd.DataFrame | None = None
    offsets: OffsetMap | None = None


def iter_documents(documents: object) -> Iterator[Document | TextDocument]:
    """Documents of a corpus, one document, a ``{doc_id: text}`` mapping or pairs.

    Every annotator's ``find_*(corpus)`` reads its input through this function,
    so all of them accept the same things: a :class:`Corpus`, one
    :class:`Document`, an iterable of documents (or of ``(doc_id, text)``
    pairs, or of strings, numbered from 0), or a mapping (a dict or a pandas
    Series) of texts by ``doc_id``. One bare string is refused: use the
    ``*_in_text`` function of the annotator.

    >>> [(d.doc_id, d.text) for d in iter_documents({"b": "乙", "a": "甲"})]
    [('b', '乙'), ('a', '甲')]
    """
    if isinstance(documents, str):
        raise TifaError("expected documents or a {doc_id: text} mapping, got one string; "
                        "use the annotator's *_in_text function for a single text")
    if isinstance(documents, pd.Series):
        documents = documents.to_dict()
    if isinstance(documents, Mapping):
        for doc_id, text in documents.items():
            yield TextDocument(str(doc_id), str(text))
        return
    if hasattr(documents, "doc_id") and hasattr(documents, "text"):
        yield documents  # type: ignore[misc]
        return
    for number, document in enumerate(documents):  # type: ignore[arg-type]
        if isinstance(document, str):
            yield TextDocument(str(number), document)
        elif isinstance(document, tuple) and len(document) == 2:
            yield TextDocument(str(document[0]), str(document[1]))
        elif hasattr(document, "doc_id") and hasattr(document, "text"):
            yield document
        else:
            raise TifaError(f"expected documents with doc_id and text, got {type(document).__name__}")


def build_document(raw_document: RawDocument, docvars: dict | None = None) -> Document:
    """Clean, normalize and structure one raw document."""
    merged = {**raw_document.docvars, **(docvars or {})}
    result = clean_text(raw_document.raw, fmt=raw_document.fmt, front_matter_end=raw_document.front_matter_end)
    text = result.text
    if not text.strip():
        raise IngestError(raw_document.path, "no text left after cleaning (only markup or boilerplate)")
    merged.setdefault("script", result.quality["script"])
    headings = find_headings(text)
    sections = find_sections(text, genre=merged.get("genre"), headings=headings)
    redactions = find_redactions(text, raw_document.doc_id)
    quality = {
        "path": raw_document.path,
        "format": raw_document.fmt,
        "encoding": raw_document.encoding,
        "encoding_confidence": raw_document.encoding_confidence,
        "encoding_method": raw_document.encoding_method,
        **result.quality,
        "redactions": len(redactions),
        "sections": ",".join(sections["label"]),
        "warnings": "; ".join(_warnings(text, result.quality, sections, merged)),
    }
    return Document(
        doc_id=raw_document.doc_id,
        raw=raw_document.raw,
        text=text,
        offsets=result.offsets,
        docvars=merged,
        headings=headings,
        sections=sections,
        redactions=redactions,
        cleaning=result.cleaning,
        quality=quality,
        path=raw_document.path,
    )


def _warnings(text: str, quality: dict, sections: pd.DataFrame, docvars: dict) -> list[str]:
    found = []
    if quality.get("mojibake_lost"):
        found.append(f"{quality['mojibake_lost']} character(s) lost to mojibake, marked �")
    if quality.get("script") == "mixed":
        found.append("mixed traditional and simplified script")
    if docvars.get("genre") == "government_work_report" and "plan" not in set(sections["label"]):
        found.append("no review/plan split found")
    if quality.get("counted_chars", 0) < 500:
        found.append("short text (<500 characters)")
    return found


def read_manifest(path: str | Path) -> pd.DataFrame:
    """Read a ``manifest.csv``: one row per document, keyed by ``doc_id`` (and ``file``).

    >>> bool(read_manifest(SEEDS / "manifest.csv").loc["004_887235e958cf192e", "redacted"])
    True
    """
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise MetadataError(str(path), f"manifest is not a readable UTF-8 CSV ({exc.__class__.__name__})") from None
    if "doc_id" not in frame.columns:
        raise MetadataError(str(path), "manifest has no doc_id column")
    if frame["doc_id"].duplicated().any():
        dupes = sorted(frame.loc[frame["doc_id"].duplicated(), "doc_id"])
        raise MetadataError(str(path), f"manifest repeats doc_id(s) {dupes}")
    frame = frame.set_index("doc_id")
    for column in frame.columns:
        values = frame[column]
        if column in {"year"}:
            frame[column] = pd.to_numeric(values.replace("", None), errors="coerce").astype("Int64")
        elif set(values) <= {"true", "false", "True", "False", ""} and (values != "").any():
            frame[column] = values.map({"true": True, "True": True, "false": False, "False": False, "": None})
    return frame


def _manifest_for(folder: Path, explicit: pd.DataFrame | None) -> pd.DataFrame | None:
    if explicit is not None:
        return explicit
    candidate = folder / "manifest.csv"
    return read_manifest(candidate) if candidate.is_file() else None


def _expand(paths: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """Files to read, each with the folder whose manifest applies."""
    files: list[tuple[Path, Path]] = []
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.lower() in CORPUS_SIDE_FILES or any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                files.append((child, child.parent))
        else:
            files.append((path, path.parent))
    return files


def read_corpus(
    *paths: str | Path,
    manifest: str | Path | pd.DataFrame | None = None,
    on_error: OnError = "report",
    progress: bool = False,
) -> Corpus:
    """Read files and folders into a :class:`Corpus`.

    Parameters
    ----------
    *paths : str or Path
        Files (``.txt .md .html .docx .pdf .jsonl .csv``) or folders (read
        recursively; ``manifest.csv``, ``DATASHEET.md`` and ``README.md`` are
        side files, not documents).
    manifest : path or DataFrame, optional
        Metadata keyed by ``doc_id``; by default each folder's ``manifest.csv``.
    on_error : {"report", "raise"}
        ``"report"`` collects failures in ``corpus.failures`` (dicts with
        ``path`` and ``reason``) and goes on; ``"raise"`` stops at the first.
    progress : bool
        Show a progress bar (the command line turns it on for terminals).

    Returns
    -------
    Corpus
        Documents in the order read; ``doc_id`` is the file stem unless a row
        or manifest names it.
    """
    check_option("on_error", on_error, ("report", "raise"))
    explicit = read_manifest(manifest) if isinstance(manifest, (str, Path)) else manifest
    documents: list[Document] = []
    failures: list[dict] = []
    seen: dict[str, str] = {}
    files = _expand(paths)

    def fail(error: IngestError) -> None:
        if on_error == "raise":
            raise error
        logger.warning("%s", error)
        failures.append({"path": error.path, "reason": error.reason})

    iterator: Iterable = files
    if progress:
        from tqdm import tqdm

        iterator = tqdm(files, desc="reading", unit="file", leave=False)
    manifests: dict[Path, pd.DataFrame | None] = {}
    for path, folder in iterator:
        if not path.exists():
            fail(IngestError(str(path), "no such file or folder"))
            continue
        if format_of(path) is None:
            fail(IngestError(str(path), f"unsupported file type {path.suffix or '(none)'!r}; skipped"))
            continue
        try:
            if folder not in manifests:
                manifests[folder] = _manifest_for(folder, explicit)
            table = manifests[folder]
        except MetadataError as error:
            fail(error)
            manifests[folder] = table = None
        try:
            raw_documents = read_file(path)
        except RowErrors as error:
            for row_error in error.errors:
                fail(row_error)
            raw_documents = error.documents
        except IngestError as error:
            fail(error)
            continue
        for raw_document in raw_documents:
            docvars = _manifest_row(table, raw_document, path)
            if "doc_id" in docvars:
                raw_document.doc_id = str(docvars.pop("doc_id"))
            if raw_document.doc_id in seen:
                fail(DuplicateIdError(raw_document.path, f"doc_id {raw_document.doc_id!r} already used by {seen[raw_document.doc_id]}; rename one of them or give it a doc_id"))
                continue
            try:
                documents.append(build_document(raw_document, docvars))
            except IngestError as error:
                fail(error)
                continue
            seen[raw_document.doc_id] = raw_document.path
    return Corpus(documents, failures)


def _manifest_row(table: pd.DataFrame | None, raw_document: RawDocument, path: Path) -> dict:
    if table is None:
        return {}
    if raw_document.doc_id in table.index:
        row = table.loc[raw_document.doc_id]
    elif "file" in table.columns and (table["file"] == path.name).sum() == 1:
        row = table[table["file"] == path.name].iloc[0]
        return {"doc_id": row.name, **_clean_row(row)}
    else:
        return {}
    return _clean_row(row)


def _clean_row(row: pd.Series) -> dict:
    return {k: (None if (v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA or v == "") else (int(v) if k == "year" else v)) for k, v in row.items() if k != "file"}
