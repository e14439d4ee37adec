"""Decode the bytes of a file into text, recording how the encoding was decided.

Order of decisions: a byte-order mark (UTF-8, UTF-16 LE/BE) wins; then strict
UTF-8; then UTF-16 without a BOM when every other byte is NUL; then
charset-normalizer restricted to the encodings Chinese documents come in
(GB18030 ⊃ GBK ⊃ GB2312, Big5, UTF-16). Empty and binary files, and bytes that no
candidate decodes into plausible text, raise :class:`~tifa.errors.IngestError`.

>>> decode_bytes("政府工作报告".encode("gb18030"), "a.txt").encoding
'gb18030'
>>> decode_bytes(b"\\xef\\xbb\\xbf" + "各位代表".encode(), "b.txt").encoding
'utf-8-sig'
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from tifa.errors import IngestError

CANDIDATE_ENCODINGS = ("gb18030", "big5", "utf_16_le", "utf_16_be")
#: Share of characters that must be Han, ASCII or common punctuation for a
#: decoding without BOM to be accepted.
MIN_PLAUSIBLE_SHARE = 0.85
_BINARY_SIGNATURES = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the decision that produced it."""

    text: str
    encoding: str
    confidence: float
    method: str


def _plausible_share(text: str) -> float:
    if not text:
        return 0.0
    good = 0
    for ch in text:
        o = ord(ch)
        if (
            0x4E00 <= o <= 0x9FFF
            or 0x3400 <= o <= 0x4DBF
            or 0x20 <= o < 0x7F
            or ch in "\n\r\t"
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or 0x2010 <= o <= 0x206F
        ):
            good += 1
    return good / len(text)


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Decode ``data`` read from ``path`` (used in error messages only).

    Parameters
    ----------
    data : bytes
        The file's content.
    path : str
        Name of the file, for messages.

    Returns
    -------
    Decoded
        ``text``, ``encoding`` (Python codec name), ``confidence`` in [0, 1] and
        ``method`` (``"bom"``, ``"utf-8"``, ``"utf-16-nul-pattern"``, ``"detected"``).
    """
    if not data or not data.strip(b" \t\r\n\x00"):
        raise IngestError(path, "empty file (no text to read)")
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[3:].decode("utf-8", errors="strict"), "utf-8-sig", 1.0, "bom")
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[2:].decode(name), name, 1.0, "bom")
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"has a {name} byte-order mark but does not decode: {exc}") from None
    if data.startswith(_BINARY_SIGNATURES):
        raise IngestError(path, "binary file (a PDF, ZIP, image or executable signature); give it the right extension or remove it")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "\x00" in text:
            raise IngestError(path, "binary file (contains NUL bytes)")
        return Decoded(text, "utf-8", 1.0, "utf-8")
    even_nul = data[0::2].count(0) / max(1, len(data[0::2]))
    odd_nul = data[1::2].count(0) / max(1, len(data[1::2]))
    if max(even_nul, odd_nul) > 0.3 and min(even_nul, odd_nul) < 0.05:
        name = "utf-16-le" if odd_nul > even_nul else "utf-16-be"
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            pass
        else:
            if _plausible_share(text) >= MIN_PLAUSIBLE_SHARE:
                return Decoded(text, name, round(_plausible_share(text), 3), "utf-16-nul-pattern")
    if b"\x00" in data:
        raise IngestError(path, "binary file (contains NUL bytes and is not UTF-16 text)")
    best = from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is not None:
        text = str(best)
        share = _plausible_share(text)
        if share >= MIN_PLAUSIBLE_SHARE:
            confidence = round(max(0.0, 1.0 - best.chaos) * share, 3)
            return Decoded(text, best.encoding, confidence, "detected")
    raise IngestError(
        path,
        "encoding not detected: not UTF-8/UTF-16, and neither GB18030 nor Big5 give plausible "
        "Chinese text; convert the file to UTF-8",
    )
