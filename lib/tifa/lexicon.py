"""The lexicon of national formulations (提法) and the tools built on it.

The lexicon is data: ``tifa/data/lexicon.csv``, one formulation a row, with the
columns

``term``
    The formulation as it is usually written (simplified characters,
    normalized punctuation).
``normalized``
    The canonical form that counts group under (usually ``term`` itself).
``category``
    ``guiding_thought``, ``strategy``, ``policy``, ``reform``, ``economy``,
    ``campaign``, ``numbered_formula``, ``party_building``, ``governance``,
    ``ecology``, ``social``, ``security``, ``diplomacy`` or ``ideology``.
``kind``
    What the formulation is, in the kinds of :mod:`tifa.slogans`:
    ``numbered_formula`` (a numeral counts its items: 四个意识, 一国两制,
    千万工程), ``slogan`` (a watchword: 放管服, 最多跑一次), ``programme`` (a
    named campaign, project or plan: 互联网+, 南水北调, 厕所革命) or ``term``
    (a label, an institution, a concept: 河长制, 僵尸企业, 数字经济,
    九二共识). Optional when reading another file: a missing or empty cell
    is derived from ``category`` (:func:`default_kind`).
``level``
    ``national`` for every row of the shipped file.
``first_year``
    The first year the formulation is attested: the earliest report of the
    shipped national corpus that contains it, or, when it is not in that corpus,
    the year of the central document named in ``source``.
``source``
    ``cn-national-gwr-YYYY`` (a report of the shipped national corpus), or a
    named central document with its year.
``variants``
    Other surface forms, separated by ``|`` (optional).
``note``
    Free text; ``not in shipped corpus`` marks rows whose source lies outside
    the shipped national corpus.

Three things are built on it: :func:`find_lexicon_terms` finds every
formulation in a text in one linear pass (Aho-Corasick automaton, leftmost
longest match), :func:`write_user_dictionary` exports a jieba user dictionary so
that the segmenter keeps formulations as single tokens, and
:func:`load_user_dictionary` loads such a dictionary into a jieba tokenizer and
raises :class:`LexiconError` when it did not take.

>>> spans = find_lexicon_terms("坚持新发展理念，推动高质量发展。", doc_id="d1")
>>> spans[["start", "end", "text"]].values.tolist()
[[2, 7, '新发展理念'], [10, 15, '高质量发展']]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick
import pandas as pd

try:  # a Rust automaton, about twice as fast; pyahocorasick is the fallback
    import ahocorasick_rs
except ImportError:  # pragma: no cover - depends on the environment
    ahocorasick_rs = None

from tifa.errors import LexiconError
from tifa.paths import PACKAGE_DATA

LEXICON_PATH = PACKAGE_DATA / "lexicon.csv"
LEXICON_COLUMNS = (
    "term",
    "normalized",
    "category",
    "kind",
    "level",
    "first_year",
    "source",
    "variants",
    "note",
)
NATIONAL_SOURCE_PREFIX = "cn-national-gwr-"
#: Columns that a lexicon file may leave out (they are derived on reading).
OPTIONAL_COLUMNS = frozenset({"kind"})
#: Kinds a lexicon row may take.
LEXICON_KINDS = ("numbered_formula", "slogan", "programme", "term")

#: Characters that jieba keeps inside one block; a user-dictionary word made of
#: anything else (for example ``、``) can never come out as one token.
RE_JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
#: One line of a jieba user dictionary as :func:`write_user_dictionary` writes it.
RE_USER_DICTIONARY_LINE = re.compile(r"^(\S+) ([0-9]+)(?: ([a-z]+))?$")
#: A source that points into the shipped national corpus.
RE_NATIONAL_SOURCE = re.compile(r"^cn-national-gwr-(\d{4})$")

#: Chinese and Arabic numerals: a term that begins (ends) with one of them does
#: not match when the text has another one (or, before it, the ordinal 第)
#: right before (after) it, so that ``十四五`` is not found inside ``二十四五``
#: nor ``三通`` inside ``第三通道``.
NUMERAL_CHARACTERS = frozenset("〇零一二两三四五六七八九十百千万亿0123456789")

#: Longer words that contain a lexicon term in another sense. A match of the
#: term that lies inside one of these words is dropped (``平稳增长`` is not
#: the slogan ``稳增长``; ``创新发展理念`` is not ``新发展理念``).
BLOCKING_CONTEXTS: Mapping[str, tuple[str, ...]] = {
    "稳增长": ("平稳增长", "稳定增长"),
    "新发展理念": ("创新发展理念",),
    "三通": ("三通一",),
    "两新": ("两新组织",),
    "两重": ("两重性",),
    "亲清": ("亲清楚",),
    "双创": ("双创造",),
    "四风": ("四风险",),
    "两基": ("两基地",),
    "三反": ("三反应",),
}

#: Frequency given to user-dictionary words when jieba would suggest less.
USER_DICTIONARY_MIN_FREQUENCY = 20_000
USER_DICTIONARY_TAG = "tf"


def _split_variants(value: object) -> list[str]:
    if not isinstance(value, str) or not value.strip():
        return []
    return [v.strip() for v in value.split("|") if v.strip()]


@functools.lru_cache(maxsize=8)
def _read_lexicon(path: str) -> pd.DataFrame:
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError as error:
        raise LexiconError(f"{path}: lexicon file not found") from error
    missing = [c for c in LEXICON_COLUMNS if c not in table.columns and c not in OPTIONAL_COLUMNS]
    if missing:
        raise LexiconError(
            f"{path}: lexicon is missing the column(s) {', '.join(missing)}; "
            f"expected {', '.join(LEXICON_COLUMNS)}"
        )
    if "kind" not in table.columns:
        table["kind"] = ""
    table = table[list(LEXICON_COLUMNS)].copy()
    table["kind"] = [k.strip() or default_kind(c) for k, c in zip(table["kind"], table["category"], strict=True)]
    wrong = ~table["kind"].isin(LEXICON_KINDS)
    if wrong.any():
        rows = ", ".join(str(i + 2) for i in table.index[wrong])
        raise LexiconError(
            f"{path}: unknown kind on line(s) {rows}; use one of {', '.join(LEXICON_KINDS)} or leave it empty"
        )
    empty = table["term"].str.strip() == ""
    if empty.any():
        rows = ", ".join(str(i + 2) for i in table.index[empty])
        raise LexiconError(f"{path}: empty term on line(s) {rows}")
    table.loc[table["normalized"] == "", "normalized"] = table["term"]
    table["first_year"] = pd.to_numeric(table["first_year"], errors="coerce").astype("Int64")
    return table


def default_kind(category: str) -> str:
    """The kind a lexicon row takes when its ``kind`` cell is empty.

    ``numbered_formula`` rows are numbered formulas, ``campaign`` rows are
    programmes, every other category is a slogan.

    >>> default_kind("campaign"), default_kind("reform")
    ('programme', 'slogan')
    """
    if category == "numbered_formula":
        return "numbered_formula"
    if category == "campaign":
        return "programme"
    return "slogan"


def load_lexicon(path: str | Path | None = None) -> pd.DataFrame:
    """Read the lexicon of formulations.

    Parameters
    ----------
    path : str or Path, optional
        A CSV file with the columns of :data:`LEXICON_COLUMNS`; the shipped
        ``tifa/data/lexicon.csv`` by default.

    Returns
    -------
    pandas.DataFrame
        One row per formulation with the columns ``term, normalized, category,
        kind, level, first_year, source, variants, note``; ``first_year`` is a
        nullable integer, empty ``normalized`` cells are filled with ``term``,
        empty ``kind`` cells with :func:`default_kind` of the category.

    Raises
    ------
    LexiconError
        When the file is missing, lacks a column, has an empty term or an
        unknown kind.

    Examples
    --------
    >>> lexicon = load_lexicon()
    >>> len(lexicon) >= 300
    True
    >>> lexicon.set_index("term").loc["一带一路", "source"]
    'cn-national-gwr-2015'
    """
    return _read_lexicon(str(path or LEXICON_PATH)).copy()


def lexicon_terms(path: str | Path | None = None) -> list[str]:
    """List every surface form of the lexicon: terms and their variants.

    Parameters
    ----------
    path : str or Path, optional
        Lexicon file; the shipped one by default.

    Returns
    -------
    list of str
        Sorted, without duplicates.

    Examples
    --------
    >>> terms = lexicon_terms()
    >>> "放管服" in terms and "放管服改革" in terms
    True
    """
    table = load_lexicon(path)
    forms: set[str] = set(table["term"])
    for value in table["variants"]:
        forms.update(_split_variants(value))
    return sorted(forms)


def surface_forms(lexicon: pd.DataFrame) -> dict[str, int]:
    """Map every surface form of a lexicon to the index of its row.

    Parameters
    ----------
    lexicon : pandas.DataFrame
        As returned by :func:`load_lexicon`.

    Returns
    -------
    dict
        Surface form → row position (``0 … len(lexicon) - 1``).

    Raises
    ------
    LexiconError
        When one surface form belongs to two rows.

    Examples
    --------
    >>> forms = surface_forms(load_lexicon())
    >>> forms["双随机一公开"] == forms["双随机、一公开"]
    True
    """
    forms: dict[str, int] = {}
    for position, (term, variants) in enumerate(
        zip(lexicon["term"], lexicon["variants"], strict=True)
    ):
        for form in [term, *_split_variants(variants)]:
            if form in forms and forms[form] != position:
                raise LexiconError(
                    f"surface form {form!r} belongs to two lexicon rows "
                    f"({lexicon['term'].iat[forms[form]]!r} and {term!r})"
                )
            forms[form] = position
    return forms


@dataclass(frozen=True)
class LexiconMatcher:
    """An Aho-Corasick automaton over the surface forms of a lexicon.

    Build it with :meth:`from_lexicon`; :meth:`find` returns matches in one
    pass over the text, in time linear in the length of the text plus the
    number of matches.

    Examples
    --------
    >>> matcher = LexiconMatcher.from_lexicon(load_lexicon())
    >>> [(s, e, form) for s, e, form, _ in matcher.find("坚持“两个毫不动摇”")]
    [(3, 9, '两个毫不动摇')]
    """

    automaton: Any = field(repr=False)
    rows: tuple[int, ...] = field(repr=False)
    forms: tuple[str, ...] = field(repr=False, default=())
    fast: Any = field(repr=False, default=None)

    @classmethod
    def from_lexicon(cls, lexicon: pd.DataFrame) -> LexiconMatcher:
        """Compile the automaton for every surface form of ``lexicon``."""
        automaton = ahocorasick.Automaton()
        forms = surface_forms(lexicon)
        for form, position in forms.items():
            automaton.add_word(form, (form, position))
        automaton.make_automaton()
        ordered = tuple(forms)
        fast = None
        if ahocorasick_rs is not None and ordered:
            # a DFA: built once, it searches about twice as fast as the default NFA
            fast = ahocorasick_rs.AhoCorasick(
                list(ordered),
                matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                implementation=ahocorasick_rs.Implementation.DFA,
            )
        return cls(
            automaton=automaton,
            rows=tuple(forms[f] for f in ordered),
            forms=ordered,
            fast=fast,
        )

    def find(self, text: str, *, overlapping: bool = False) -> list[tuple[int, int, str, int]]:
        """Find the formulations of the lexicon in ``text``.

        Parameters
        ----------
        text : str
            Normalized text.
        overlapping : bool, default False
            False: leftmost-longest, non-overlapping matches (what counts
            use). True: every occurrence of every form, nested ones included
            (what checks of attestation use).

        Returns
        -------
        list of tuple
            ``(start, end, surface_form, row_position)`` sorted by position.
        """
        if not text:
            return []
        matches = []
        if self.fast is not None and not overlapping:
            forms, rows = self.forms, self.rows
            for index, start, end in self.fast.find_matches_as_indexes(text):
                form = forms[index]
                if _blocked(text, start, end, form):
                    continue
                matches.append((start, end, form, rows[index]))
            return matches
        found = self.automaton.iter(text) if overlapping else self.automaton.iter_long(text)
        for last, (form, position) in found:
            start = last - len(form) + 1
            end = last + 1
            if _blocked(text, start, end, form):
                continue
            matches.append((start, end, form, position))
        matches.sort()
        return matches


def _blocked(text: str, start: int, end: int, form: str) -> bool:
    if form[0] in NUMERAL_CHARACTERS and start > 0 and (
        text[start - 1] in NUMERAL_CHARACTERS or text[start - 1] == "第"
    ):
        return True
    if form[-1] in NUMERAL_CHARACTERS and end < len(text) and text[end] in NUMERAL_CHARACTERS:
        return True
    for word in BLOCKING_CONTEXTS.get(form, ()):
        offset = word.find(form)
        if text.startswith(word, start - offset) and start - offset >= 0:
            return True
    return False


@functools.lru_cache(maxsize=4)
def _default_matcher(path: str) -> LexiconMatcher:
    return LexiconMatcher.from_lexicon(_read_lexicon(path))


def default_matcher(path: str | Path | None = None) -> LexiconMatcher:
    """Return the (cached) matcher for the shipped lexicon or for ``path``.

    >>> default_matcher() is default_matcher()
    True
    """
    return _default_matcher(str(path or LEXICON_PATH))


LEXICON_SPAN_COLUMNS = [
    "doc_id",
    "start",
    "end",
    "text",
    "kind",
    "normalized",
    "category",
    "first_year",
    "source",
]


def find_lexicon_terms(
    text: str,
    doc_id: str = "",
    *,
    lexicon: pd.DataFrame | None = None,
    overlapping: bool = False,
) -> pd.DataFrame:
    """Find the formulations of the lexicon in one normalized text.

    Parameters
    ----------
    text : str
        Normalized text (simplified characters, normalized punctuation).
    doc_id : str, optional
        Written into the ``doc_id`` column.
    lexicon : pandas.DataFrame, optional
        A lexicon as returned by :func:`load_lexicon`; the shipped one by
        default.
    overlapping : bool, default False
        See :meth:`LexiconMatcher.find`.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, start, end, text, kind, normalized, category,
        first_year, source``; ``kind`` is ``"lexicon"``; sorted by ``start``.

    Examples
    --------
    >>> find_lexicon_terms("深化“放管服”改革", "d")[["text", "normalized"]].values.tolist()
    [['放管服', '放管服']]
    """
    if lexicon is None:
        lexicon = load_lexicon()
        matcher = default_matcher()
    else:
        matcher = LexiconMatcher.from_lexicon(lexicon)
    matches = matcher.find(text, overlapping=overlapping)
    rows = [
        (
            doc_id,
            start,
            end,
            form,
            "lexicon",
            lexicon["normalized"].iat[position],
            lexicon["category"].iat[position],
            lexicon["first_year"].iat[position],
            lexicon["source"].iat[position],
        )
        for start, end, form, position in matches
    ]
    table = pd.DataFrame(rows, columns=LEXICON_SPAN_COLUMNS)
    table["first_year"] = table["first_year"].astype("Int64")
    return table


def user_dictionary_words(path: str | Path | None = None) -> list[str]:
    """List the surface forms that a jieba user dictionary can hold.

    jieba cuts text into blocks of Han characters, ASCII letters and digits
    and a few symbols (``+#&._%-``) before it looks words up, so a form with
    other punctuation (``双随机、一公开``) can never be one token; such forms
    are left out.

    Examples
    --------
    >>> words = user_dictionary_words()
    >>> "一带一路" in words, "双随机、一公开" in words
    (True, False)
    """
    return [t for t in lexicon_terms(path) if RE_JIEBA_BLOCK.fullmatch(t)]


def user_dictionary_lines(tokenizer: Any = None, path: str | Path | None = None) -> list[str]:
    """Lines of a jieba user dictionary (``word frequency tag``) for the lexicon.

    Parameters
    ----------
    tokenizer : jieba.Tokenizer, optional
        Used to suggest a frequency high enough for each word to win over its
        own split; without it every word gets
        :data:`USER_DICTIONARY_MIN_FREQUENCY`.
    path : str or Path, optional
        Lexicon file; the shipped one by default.

    Returns
    -------
    list of str
        Sorted by word.

    Examples
    --------
    >>> user_dictionary_lines()[0].split(" ")[1:]
    ['20000', 'tf']
    """
    lines = []
    for word in user_dictionary_words(path):
        frequency = USER_DICTIONARY_MIN_FREQUENCY
        if tokenizer is not None:
            frequency = max(frequency, int(tokenizer.suggest_freq(word, False)))
        lines.append(f"{word} {frequency} {USER_DICTIONARY_TAG}")
    return lines


def write_user_dictionary(
    path: str | Path, *, tokenizer: Any = None, lexicon_path: str | Path | None = None
) -> Path:
    """Write the lexicon as a jieba user dictionary.

    Parameters
    ----------
    path : str or Path
        File to write (UTF-8, one ``word frequency tag`` a line, sorted).
    tokenizer : jieba.Tokenizer, optional
        See :func:`user_dictionary_lines`.
    lexicon_path : str or Path, optional
        Lexicon file; the shipped one by default.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_user_dictionary(os.path.join(folder, "user.dict"))
    ...     len(written.read_text(encoding="utf-8").splitlines()) > 300
    True
    """
    path = Path(path)
    lines = user_dictionary_lines(tokenizer, lexicon_path)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_user_dictionary(path: str | Path) -> list[tuple[str, int, str | None]]:
    """Parse a jieba user dictionary strictly.

    jieba itself accepts almost any line (a CSV row becomes one odd "word"),
    so mistakes pass silently; this reader raises instead.

    Parameters
    ----------
    path : str or Path
        A UTF-8 file of ``word frequency [tag]`` lines.

    Returns
    -------
    list of tuple
        ``(word, frequency, tag)`` in file order.

    Raises
    ------
    LexiconError
        When the file is missing, not UTF-8, empty, or has a malformed line.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise LexiconError(f"{path}: cannot read the user dictionary ({error})") from error
    try:
        content = raw.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as error:
        raise LexiconError(f"{path}: user dictionary must be UTF-8") from error
    entries = []
    for number, line in enumerate(content.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        match = RE_USER_DICTIONARY_LINE.match(line)
        if match is None:
            raise LexiconError(
                f"{path}:{number}: expected 'word frequency [tag]', got {line!r}; "
                "write the file with tifa.lexicon.write_user_dictionary"
            )
        entries.append((match.group(1), int(match.group(2)), match.group(3)))
    if not entries:
        raise LexiconError(f"{path}: the user dictionary has no words")
    return entries


def load_user_dictionary(tokenizer: Any, path: str | Path) -> Any:
    """Load a user dictionary into a jieba tokenizer and check that it took.

    Every word is added with its frequency; then each word is cut on its own,
    and a word that does not come out as one token is an error (a frequency
    of 0, a word jieba cannot hold, a tokenizer that was reset…).

    Parameters
    ----------
    tokenizer : jieba.Tokenizer
        The tokenizer to extend (changed in place).
    path : str or Path
        A dictionary written by :func:`write_user_dictionary`.

    Returns
    -------
    jieba.Tokenizer
        The same tokenizer.

    Raises
    ------
    LexiconError
        When the file cannot be parsed or a word is not kept whole.
    """
    entries = read_user_dictionary(path)
    for word, frequency, tag in entries:
        tokenizer.add_word(word, frequency, tag)
    split = [word for word, _, _ in entries if tokenizer.lcut(word, HMM=False) != [word]]
    if split:
        shown = ", ".join(split[:5])
        raise LexiconError(
            f"{path}: {len(split)} word(s) of the user dictionary are still split "
            f"by the tokenizer ({shown}); check their frequencies and characters"
        )
    return tokenizer


def national_source_year(source: str) -> int | None:
    """Year of a ``cn-national-gwr-YYYY`` source, None for other sources.

    >>> national_source_year("cn-national-gwr-2016"), national_source_year("十九大报告 2017")
    (2016, None)
    """
    match = RE_NATIONAL_SOURCE.match(source or "")
    return int(match.group(1)) if match else None


def normalized_forms(lexicon: pd.DataFrame | None = None) -> dict[str, int]:
    """Map surface forms and normalized forms to their lexicon row.

    Used to decide whether a formulation found another way (a quoted item, a
    numbered formula) is in the lexicon.

    >>> "放管服" in normalized_forms()
    True
    """
    if lexicon is None:
        lexicon = load_lexicon()
    forms = surface_forms(lexicon)
    for position, value in enumerate(lexicon["normalized"]):
        forms.setdefault(value, position)
    return forms


def iter_terms_with_variants(lexicon: pd.DataFrame) -> Iterable[tuple[str, list[str]]]:
    """Yield ``(term, [term, *variants])`` for each row of a lexicon.

    >>> dict(iter_terms_with_variants(load_lexicon()))["放管服"]
    ['放管服', '放管服改革']
    """
    for term, variants in zip(lexicon["term"], lexicon["variants"], strict=True):
        yield term, [term, *_split_variants(variants)]
