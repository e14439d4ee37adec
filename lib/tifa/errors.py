"""One exception hierarchy for tifa, and the helper that words invalid options.


>>> str(IngestError("a.txt", "empty file"))
'a.txt: empty file'
"""

from __future__ import annotations

from collections.abc import Iterable


class TifaError(Exception):
    """Base class of every error tifa raises on purpose."""


class IngestError(TifaError):
    """A file could not be read as a document.

    Parameters
    ----------
    path : str
        The file (or ``file:line`` for JSON Lines rows) that failed.
    reason : str
        What went wrong and, where possible, what to do about it.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class MetadataError(IngestError):
    """Front matter or a manifest row could not be parsed."""


class DuplicateIdError(IngestError):
    """Two documents of one corpus claim the same ``doc_id``."""


class OptionError(TifaError, ValueError):
    """An option took a value outside its valid set."""


def value_invalid_msg(name: str, value: object, valid: Iterable[object]) -> str:
    """Word the error for an option that took an invalid value.

    >>> value_invalid_msg("format", "xml", ["table", "csv"])
    "`format` got 'xml'; valid values are: 'csv', 'table'"
    """
    choices = ", ".join(repr(v) for v in sorted(valid, key=str))
    return f"`{name}` got {value!r}; valid values are: {choices}"


def check_option(name: str, value: object, valid: Iterable[object]) -> None:
    """Raise :class:`OptionError` unless ``value`` is one of ``valid``.

    >>> check_option("kind", "slogan", {"slogan", "term"})
    """
    valid = list(valid)
    if value not in valid:
        raise OptionError(value_invalid_msg(name, value, valid))


class LexiconError(TifaError):
    """The lexicon file or a user dictionary built from it is unusable."""
