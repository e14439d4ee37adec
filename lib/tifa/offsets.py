"""Offset maps: where each position of an edited text came from in its source.

Every cleaning and normalization step is a list of :class:`Edit` s applied to a
string. :func:`apply_edits` returns the new string and an :class:`OffsetMap`
that sends any span ``[start, end)`` of the new string back to the span of the
source it was made from. Maps compose, so a span of the normalized text of a
document maps back to the exact raw characters, however many steps ran.

An offset map holds two monotone arrays over the ``n + 1`` boundaries of the new
text: ``left[i]`` is where a span *starting* at boundary ``i`` starts in the
source, ``right[i]`` is where a span *ending* at boundary ``i`` ends. They differ
only around deletions, so a span never swallows text that was removed next to it.

>>> new, omap = apply_edits("會 議召開", [Edit(1, 2, "")])
>>> new
'會議召開'
>>> omap.to_source(0, 2)
(0, 3)
>>> omap.to_source(1, 2)
(2, 3)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``source[start:end]`` by ``replacement`` (empty: delete).

    ``start == end`` inserts. ``step`` and ``note`` say which cleaning step made
    the edit and why, for the quality report.
    """

    start: int
    end: int
    replacement: str
    step: str = ""
    note: str = ""


@dataclass(frozen=True)
class OffsetMap:
    """Boundary maps from a derived text back to its source (see module docs)."""

    left: np.ndarray
    right: np.ndarray

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text to itself.

        >>> OffsetMap.identity(3).to_source(1, 3)
        (1, 3)
        """
        index = np.arange(length + 1, dtype=np.int64)
        return cls(index, index.copy())

    def __len__(self) -> int:
        return len(self.left) - 1

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map the span ``[start, end)`` of the derived text to the source."""
        if not 0 <= start <= end <= len(self):
            raise IndexError(f"span ({start}, {end}) outside text of length {len(self)}")
        source_start = int(self.left[start])
        source_end = int(self.right[end])
        if source_end < source_start:  # an empty span inside a deletion
            source_end = source_start
        return source_start, source_end

    def to_source_many(self, starts: Sequence[int], ends: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Vectorised :meth:`to_source` for columns of a span table."""
        s = self.left[np.asarray(starts, dtype=np.int64)]
        e = self.right[np.asarray(ends, dtype=np.int64)]
        return s, np.maximum(s, e)

    def then(self, outer: OffsetMap) -> OffsetMap:
        """Compose: ``outer`` maps a newer text onto this map's derived text.

        >>> a = apply_edits("ab  cd", [Edit(2, 4, "")])[1]     # 'abcd'
        >>> b = apply_edits("abcd", [Edit(0, 1, "")])[1]       # 'bcd'
        >>> a.then(b).to_source(0, 3)
        (1, 6)
        """
        return OffsetMap(self.left[outer.left], self.right[outer.right])


def apply_edits(source: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping edits to ``source``; return the text and its map.

    A replacement of equal length maps character to character; any other
    replacement maps every one of its characters to the whole replaced span.

    >>> apply_edits("&amp;x", [Edit(0, 5, "&")])[1].to_source(0, 1)
    (0, 5)
    """
    pieces: list[str] = []
    starts: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    position = 0

    def emit(text: str, first: np.ndarray, last: np.ndarray) -> None:
        pieces.append(text)
        starts.append(first)
        ends.append(last)

    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position or edit.end < edit.start or edit.end > len(source):
            raise ValueError(f"overlapping or invalid edit {edit!r} in a text of length {len(source)}")
        if edit.start > position:
            kept = np.arange(position, edit.start, dtype=np.int64)
            emit(source[position : edit.start], kept, kept + 1)
        n = len(edit.replacement)
        if n and n == edit.end - edit.start:
            same = np.arange(edit.start, edit.end, dtype=np.int64)
            emit(edit.replacement, same, same + 1)
        elif n:
            emit(
                edit.replacement,
                np.full(n, edit.start, dtype=np.int64),
                np.full(n, edit.end, dtype=np.int64),
            )
        position = edit.end
    if position < len(source):
        kept = np.arange(position, len(source), dtype=np.int64)
        emit(source[position:], kept, kept + 1)
    text = "".join(pieces)
    empty = np.empty(0, dtype=np.int64)
    char_starts = np.concatenate(starts) if starts else empty
    char_ends = np.concatenate(ends) if ends else empty
    left = np.concatenate([char_starts, [len(source)]]).astype(np.int64)
    right = np.concatenate([[0], char_ends]).astype(np.int64)
    return text, OffsetMap(left, right)


def replace_chars(source: str, table: dict[int, str]) -> tuple[str, OffsetMap, int]:
    """Translate characters one for one (``str.translate`` with a map).

    Returns the text, its (identity) map and the number of characters changed.
    Only one-character replacements are allowed, so the map stays the identity.

    >>> replace_chars("（一）", {ord("（"): "(", ord("）"): ")"})[0]
    '(一)'
    """
    text = source.translate(table)
    if len(text) != len(source):
        raise ValueError("replace_chars only takes one-character replacements")
    changed = sum(1 for a, b in zip(source, text) if a != b)
    return text, OffsetMap.identity(len(text)), changed
