"""Tokens: segmentation backends, the user lexicon, stopwords and word frequencies.

Chinese has no spaces between words, so every word-level statistic starts with a
segmenter. Two backends ship with tifa, and any callable can stand in for them
(the ``tokenizer`` parameter works like scikit-learn's
``CountVectorizer(tokenizer=...)``):

``"jieba"``
    the reference backend: jieba's dictionary and HMM, run on a private
    ``jieba.Tokenizer`` (the global jieba state is never touched) into which the
    tifa lexicon is loaded as a user dictionary, so that a slogan such as
    统筹发展和安全 stays one token.
``"char"``
    one token per Han character (fast, dictionary-free, reproducible).
``"bigram"``
    overlapping Han character bigrams (the usual dictionary-free unit of Chinese
    information retrieval); a run of a single Han character gives that character.

Whatever the backend, numbers written with Arabic digits are protected and come
out as single tokens with their magnitude and percent or currency sign: 6.5%,
3480万元, 1.4万亿元, 550多万, 6.5-7%, 1,200, 9:00 (jieba alone tears them apart
into 1.4 / 万亿元). Numbers written in Chinese numerals are left to the backend.

The token table (:func:`find_tokens`) is a span table with one row per token and
offsets into ``doc.text``, so every count can be audited down to the characters.

>>> segment("国内生产总值增长6.5%左右，财政赤字1.4万亿元。", tokenizer="jieba", user_terms=())
['国内', '生产总值', '增长', '6.5%', '左右', '财政赤字', '1.4万亿元']
"""

from __future__ import annotations

import importlib
import importlib.resources
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final, Literal, get_args

import numpy as np
import pandas as pd

from tifa.corpus import iter_documents
from tifa.errors import TifaError, check_option
from tifa.paths import PACKAGE_DATA

__all__ = [
    "RE_HAN",
    "RE_NUMBER",
    "TokenizerName",
    "Segmenter",
    "make_tokenizer",
    "segment",
    "find_tokens_in_text",
    "find_tokens",
    "iter_documents",
    "check_user_terms",
    "load_stopwords",
    "remove_stopwords",
    "tokens_frequency",
    "STOPWORDS_PATH",
]

TokenizerName = Literal["jieba", "char", "bigram"]
TokenKind = Literal["word", "number", "latin", "punctuation"]

STOPWORDS_PATH: Final = PACKAGE_DATA / "stopwords.txt"

# Han characters: CJK unified ideographs, extension A and compatibility ideographs.
_HAN: Final = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RE_HAN: Final[re.Pattern[str]] = re.compile(f"[{_HAN}]")
RE_HAN_RUN: Final[re.Pattern[str]] = re.compile(f"[{_HAN}]+")
RE_LATIN_TOKEN: Final[re.Pattern[str]] = re.compile(r"[A-Za-z0-9]+(?:[._+#&\-][A-Za-z0-9]+)*")
RE_ALNUM: Final[re.Pattern[str]] = re.compile(r"[A-Za-z0-9]")
RE_DIGIT: Final[re.Pattern[str]] = re.compile(r"[0-9]")
RE_SPACE: Final[re.Pattern[str]] = re.compile(r"\s+")

# A number: digits with thousands separators and a decimal part; a magnitude
# (万亿/亿/万, optionally after 多/余 "more than"); a percent or per-mille sign; an
# optional range to a second amount with - or ~; a currency unit.  It must not
# touch ASCII letters, digits or a period on either side, so 5G, 3.5GHz and
# version numbers are left whole to the backend.  Clock times and ratios (9:00).
_DECIMAL: Final = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
_AMOUNT: Final = rf"{_DECIMAL}(?:[多余]?(?:万亿|亿|万))?[%‰]?"
RE_NUMBER: Final[re.Pattern[str]] = re.compile(
    rf"(?<![A-Za-z0-9.])"
    rf"(?:[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?|{_AMOUNT}(?:[-~—]{_AMOUNT})?(?:美元|元)?)"
    rf"(?![A-Za-z0-9.])"
)

# What the char backend reads: a protected number, a Latin/digit run, one Han
# character, or any other single non-space character.
RE_CHAR_TOKEN: Final[re.Pattern[str]] = re.compile(
    rf"(?P<number>{RE_NUMBER.pattern})"
    rf"|(?P<latin>{RE_LATIN_TOKEN.pattern})"
    rf"|(?P<word>[{_HAN}])"
    r"|(?P<punctuation>\S)"
)
# The bigram backend reads Han runs whole and everything else as above.
RE_BIGRAM_CHUNK: Final[re.Pattern[str]] = re.compile(
    rf"(?P<number>{RE_NUMBER.pattern})"
    rf"|(?P<latin>{RE_LATIN_TOKEN.pattern})"
    rf"|(?P<word>[{_HAN}]+)"
    r"|(?P<punctuation>\S)"
)

TOKEN_COLUMNS: Final = ["doc_id", "start", "end", "text", "token", "kind"]

logger = logging.getLogger(__name__)


Span = tuple[int, int, str]  # start, end, kind


@lru_cache(maxsize=65536)
def _kind_of(token: str) -> TokenKind:
    """Classify a token (numbers are recognised before this is called)."""
    if RE_HAN.search(token):
        return "word"
    if RE_ALNUM.search(token):
        return "number" if RE_NUMBER.fullmatch(token) else "latin"
    return "punctuation"


def _char_spans(text: str) -> list[Span]:
    return [(m.start(), m.end(), m.lastgroup or "punctuation") for m in RE_CHAR_TOKEN.finditer(text)]


def _bigram_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in RE_BIGRAM_CHUNK.finditer(text):
        kind = m.lastgroup or "punctuation"
        start, end = m.start(), m.end()
        if kind == "word" and end - start > 1:
            spans.extend((i, i + 2, "word") for i in range(start, end - 1))
        else:
            spans.append((start, end, kind))
    return spans


def _load_jieba() -> Any:
    """Import jieba lazily (it is slow to import and noisy on first use)."""
    return importlib.import_module("jieba")


@lru_cache(maxsize=4)
def _jieba_tokenizer(user_terms: tuple[str, ...], frequencies: tuple[int | None, ...]) -> Any:
    """A private, initialised ``jieba.Tokenizer`` with ``user_terms`` added.

    A term with a frequency gets at least the frequency jieba suggests for it
    (as ``tifa.lexicon.user_dictionary_lines`` does); one without gets jieba's
    suggestion. Cached per set of terms: building one takes about half a second.
    """
    jieba = _load_jieba()
    tokenizer = jieba.Tokenizer()
    jieba_logger = logging.getLogger("jieba")
    level = jieba_logger.level
    jieba_logger.setLevel(logging.WARNING)  # jieba logs its dictionary loading at DEBUG
    try:
        tokenizer.initialize()
    finally:
        jieba_logger.setLevel(level)
    for term, frequency in zip(user_terms, frequencies):
        if frequency is None:
            tokenizer.add_word(term)
        else:
            tokenizer.add_word(term, max(int(frequency), int(tokenizer.suggest_freq(term, False))))
    return tokenizer


def _default_user_terms() -> dict[str, int | None]:
    """The tifa lexicon as a user dictionary (word → frequency).

    Reads ``tifa.lexicon.user_dictionary_lines()`` (the forms jieba can hold,
    with the lexicon's frequencies); empty if the lexicon module is missing.
    """
    try:
        lexicon = importlib.import_module("tifa.lexicon")
    except ModuleNotFoundError as error:
        if error.name != "tifa.lexicon":
            raise
        logger.debug("tifa.lexicon not available; jieba runs without a user dictionary")
        return {}
    entries: dict[str, int | None] = {}
    for line in lexicon.user_dictionary_lines():
        word, frequency = line.split(" ")[:2]
        entries[word] = int(frequency)
    return entries


def _clean_terms(terms: Iterable[str] | Mapping[str, int | None]) -> dict[str, int | None]:
    """Strip, drop empty terms and sort; keep frequencies if given."""
    if isinstance(terms, str):
        raise TifaError("user_terms must be an iterable of terms, not one string")
    pairs = terms.items() if isinstance(terms, Mapping) else ((t, None) for t in terms)
    cleaned: dict[str, int | None] = {}
    for term, frequency in pairs:
        term = term.strip() if term else ""
        if term:
            cleaned[term] = frequency
    return dict(sorted(cleaned.items()))


@lru_cache(maxsize=8)
def _protected_pattern(user_terms: tuple[str, ...]) -> re.Pattern[str]:
    """Numbers, and the user terms that contain digits (中国制造2025, 211工程).

    Such terms would otherwise be cut apart by the number protection, so they
    are protected first, longest first.
    """
    with_digits = sorted((t for t in user_terms if RE_DIGIT.search(t)), key=lambda t: (-len(t), t))
    if not with_digits:
        return RE_NUMBER
    terms = "|".join(re.escape(t) for t in with_digits)
    return re.compile(rf"(?P<term>{terms})|(?P<number>{RE_NUMBER.pattern})")


def _jieba_spans(text: str, tokenizer: Any, protected: re.Pattern[str] = RE_NUMBER) -> list[Span]:
    spans: list[Span] = []

    def add_chunk(begin: int, stop: int) -> None:
        chunk = text[begin:stop]
        for word, start, end in tokenizer.tokenize(chunk):
            if word.isspace():
                continue
            spans.append((begin + start, begin + end, _kind_of(word)))

    position = 0
    for match in protected.finditer(text):
        if match.start() > position:
            add_chunk(position, match.start())
        spans.append((match.start(), match.end(), "word" if match.lastgroup == "term" else "number"))
        position = match.end()
    if position < len(text):
        add_chunk(position, len(text))
    return spans


def _align_tokens(text: str, tokens: Iterable[str]) -> list[Span]:
    """Offsets of the tokens a user callable returned, found left to right."""
    spans: list[Span] = []
    position = 0
    for token in tokens:
        if not token or token.isspace():
            continue
        start = text.find(token, position)
        if start < 0:
            raise TifaError(
                f"tokenizer returned {token!r}, which is not in the text after position {position}; "
                "a custom tokenizer must return substrings of its input, in order"
            )
        end = start + len(token)
        spans.append((start, end, _kind_of(token)))
        position = end
    return spans


@dataclass(frozen=True)
class Segmenter:
    """A configured tokenizer: call it on a string to get its tokens.

    Build one with :func:`make_tokenizer`. Calling it returns the list of token
    strings (what scikit-learn's ``CountVectorizer(tokenizer=...)`` expects);
    :meth:`spans` returns ``(start, end, kind)`` triples with offsets.

    Attributes
    ----------
    name : str
        ``"jieba"``, ``"char"``, ``"bigram"`` or ``"callable"``.
    user_terms : tuple of str
        The user dictionary loaded into jieba (empty for other backends).
    frequencies : tuple of int or None
        Their frequencies in the user dictionary (None: jieba's suggestion).
    """

    name: str
    user_terms: tuple[str, ...] = ()
    frequencies: tuple[int | None, ...] = ()
    function: Callable[[str], Iterable[str]] | None = field(default=None, repr=False, compare=False)

    def spans(self, text: str) -> list[Span]:
        """Token spans ``(start, end, kind)`` of ``text``, in order, without whitespace.

        >>> make_tokenizer("char").spans("增长6.5%。")
        [(0, 1, 'word'), (1, 2, 'word'), (2, 6, 'number'), (6, 7, 'punctuation')]
        """
        if self.name == "char":
            return _char_spans(text)
        if self.name == "bigram":
            return _bigram_spans(text)
        if self.name == "jieba":
            tokenizer = _jieba_tokenizer(self.user_terms, self.frequencies)
            return _jieba_spans(text, tokenizer, _protected_pattern(self.user_terms))
        assert self.function is not None
        return _align_tokens(text, self.function(text))

    def __call__(self, text: str) -> list[str]:
        """Token strings of ``text``.

        >>> make_tokenizer("bigram")("高质量发展")
        ['高质', '质量', '量发', '发展']
        """
        return [text[start:end] for start, end, _ in self.spans(text)]


def make_tokenizer(
    tokenizer: TokenizerName | Segmenter | Callable[[str], Iterable[str]] = "jieba",
    *,
    user_terms: Iterable[str] | Mapping[str, int] | None = None,
) -> Segmenter:
    """Build a tokenizer from a name or a callable.

    Parameters
    ----------
    tokenizer : {"jieba", "char", "bigram"}, Segmenter or callable
        A backend name (see the module documentation), an existing
        :class:`Segmenter` (returned unchanged), or any callable taking a string
        and returning its tokens as substrings in order (offsets are recovered by
        searching for each token after the previous one).
    user_terms : iterable of str or mapping of str to int, optional
        Words that jieba must keep whole (only used by ``"jieba"``), or a
        mapping word → frequency. ``None`` loads the tifa lexicon as a user
        dictionary (``tifa.lexicon.user_dictionary_lines()``: every lexicon
        form jieba can hold, at the lexicon's frequency); pass ``()`` for
        jieba's own dictionary only. Terms are added with ``add_word`` to a
        private ``jieba.Tokenizer`` (at least at the frequency jieba suggests
        for keeping them whole); check that they took effect with
        :func:`check_user_terms`.

    Returns
    -------
    Segmenter
        A callable returning token strings, with a ``spans`` method for offsets.

    >>> make_tokenizer("jieba", user_terms=["统筹发展和安全"])("统筹发展和安全")
    ['统筹发展和安全']
    >>> make_tokenizer(str.split)("a b")
    ['a', 'b']
    """
    if isinstance(tokenizer, Segmenter):
        return tokenizer
    if callable(tokenizer):
        return Segmenter("callable", function=tokenizer)
    check_option("tokenizer", tokenizer, get_args(TokenizerName))
    if tokenizer != "jieba":
        return Segmenter(tokenizer)
    terms = _clean_terms(_default_user_terms() if user_terms is None else user_terms)
    return Segmenter("jieba", tuple(terms), tuple(terms.values()))


def segment(
    text: str,
    *,
    tokenizer: TokenizerName | Segmenter | Callable[[str], Iterable[str]] = "jieba",
    user_terms: Iterable[str] | Mapping[str, int] | None = None,
    punctuation: bool = False,
) -> list[str]:
    """Split one string into tokens.

    Parameters
    ----------
    text : str
        Normalized text (see ``Document.text``).
    tokenizer : {"jieba", "char", "bigram"}, Segmenter or callable
        See :func:`make_tokenizer`.
    user_terms : iterable of str, optional
        See :func:`make_tokenizer`.
    punctuation : bool
        Keep punctuation tokens (default: drop them). Whitespace is always dropped.

    Returns
    -------
    list of str

    >>> segment("新增就业1314万人", tokenizer="char")
    ['新', '增', '就', '业', '1314万', '人']
    >>> segment("3480万元。", tokenizer="char", punctuation=True)
    ['3480万元', '。']
    """
    seg = make_tokenizer(tokenizer, user_terms=user_terms)
    return [text[s:e] for s, e, kind in seg.spans(text) if punctuation or kind != "punctuation"]


def find_tokens_in_text(
    text: str,
    doc_id: str = "",
    *,
    tokenizer: TokenizerName | Segmenter | Callable[[str], Iterable[str]] = "jieba",
    user_terms: Iterable[str] | Mapping[str, int] | None = None,
    punctuation: bool = False,
) -> pd.DataFrame:
    """Token table of one string.

    Parameters
    ----------
    text : str
        Normalized text.
    doc_id : str
        Written into the ``doc_id`` column.
    tokenizer, user_terms, punctuation
        See :func:`segment`.

    Returns
    -------
    pandas.DataFrame
        Columns (one row per token, in text order):

        ``doc_id`` (str), ``start``, ``end`` (int, offsets into ``text``, end
        exclusive), ``text`` (the exact characters ``text[start:end]``),
        ``token`` (the form that is counted: ``text`` with Latin letters
        lower-cased, e.g. GDP → gdp), ``kind`` (``"word"`` for tokens with Han
        characters, ``"number"`` for protected numbers, ``"latin"`` for other
        Latin/digit tokens, ``"punctuation"``).

    >>> find_tokens_in_text("增长6.5%", "d1", tokenizer="jieba", user_terms=())
      doc_id  start  end  text token    kind
    0     d1      0    2    增长    增长    word
    1     d1      2    6  6.5%  6.5%  number
    """
    seg = make_tokenizer(tokenizer, user_terms=user_terms)
    spans = [span for span in seg.spans(text) if punctuation or span[2] != "punctuation"]
    return _token_frame([(doc_id, text, spans)])


def _token_frame(parts: Iterable[tuple[str, str, list[Span]]]) -> pd.DataFrame:
    doc_ids: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    kinds: list[str] = []
    for doc_id, text, spans in parts:
        if not spans:
            continue
        doc_ids.extend([doc_id] * len(spans))
        span_starts, span_ends, span_kinds = zip(*spans)
        starts.extend(span_starts)
        ends.extend(span_ends)
        kinds.extend(span_kinds)
        texts.extend([text[start:end] for start, end, _ in spans])
    tokens = [t.lower() for t in texts]
    return pd.DataFrame(
        {
            "doc_id": pd.Series(doc_ids, dtype=object),
            "start": pd.Series(starts, dtype="int64"),
            "end": pd.Series(ends, dtype="int64"),
            "text": pd.Series(texts, dtype=object),
            "token": pd.Series(tokens, dtype=object),
            "kind": pd.Series(kinds, dtype=object),
        },
        columns=TOKEN_COLUMNS,
    )


def find_tokens(
    corpus_or_documents: Any,
    *,
    tokenizer: TokenizerName | Segmenter | Callable[[str], Iterable[str]] = "jieba",
    user_terms: Iterable[str] | Mapping[str, int] | None = None,
    punctuation: bool = False,
) -> pd.DataFrame:
    """Token table of a corpus: one row per token, offsets into ``doc.text``.

    Parameters
    ----------
    corpus_or_documents : Corpus, Document, iterable of documents or mapping
        See :func:`iter_documents`.
    tokenizer, user_terms, punctuation
        See :func:`segment`.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, start, end, text, token, kind`` as in
        :func:`find_tokens_in_text`, documents in the order given, tokens in
        text order. Join document variables with
        ``tokens.merge(corpus.docvars, left_on="doc_id", right_index=True)``.

    >>> table = find_tokens({"a": "推动高质量发展", "b": "增长5%"}, tokenizer="char")
    >>> table.groupby("doc_id")["token"].apply("".join).to_dict()
    {'a': '推动高质量发展', 'b': '增长5%'}
    """
    seg = make_tokenizer(tokenizer, user_terms=user_terms)
    parts = []
    for document in iter_documents(corpus_or_documents):
        spans = seg.spans(document.text)
        if not punctuation:
            spans = [span for span in spans if span[2] != "punctuation"]
        parts.append((document.doc_id, document.text, spans))
    return _token_frame(parts)


def check_user_terms(
    tokenizer: TokenizerName | Segmenter | Callable[[str], Iterable[str]],
    terms: Iterable[str],
    *,
    contexts: Iterable[str] = (),
) -> pd.DataFrame:
    """Find user dictionary terms that the tokenizer still splits.

    A term added to jieba's dictionary can stay ineffective: jieba never joins
    across characters outside its word pattern (spaces, 、, quotes, brackets),
    and in context a neighbouring word can capture one of the term's
    characters. Each term is segmented on its own and, for every occurrence in
    ``contexts``, inside its text. An occurrence is *split* when a token
    boundary falls inside it (推进改革 / 开放 for 改革开放), and *absorbed*
    when it lies inside one longer token (乡村振兴 in 乡村振兴战略): absorbed
    occurrences are counted but are not a failure of the term.

    Parameters
    ----------
    tokenizer : {"jieba", "char", "bigram"}, Segmenter or callable
        Usually ``make_tokenizer("jieba", user_terms=terms)``.
    terms : iterable of str
        The terms to check.
    contexts : iterable of str
        Texts in which to check the terms' occurrences (e.g. documents' text).

    Returns
    -------
    pandas.DataFrame
        One row per term that splits (alone or in at least one occurrence),
        sorted by term, with columns ``term``, ``segmentation`` (tokens of the
        term alone, joined by " / "), ``split_alone`` (bool), ``occurrences``
        (in ``contexts``), ``split_occurrences``, ``absorbed_occurrences`` and
        ``example`` (the tokens around the first split occurrence, or "").
        Empty when every term holds.

    >>> seg = make_tokenizer("jieba", user_terms=["两个确立", "稳就业、稳金融"])
    >>> report = check_user_terms(seg, ["两个确立", "稳就业、稳金融"])
    >>> report[["term", "segmentation"]].to_dict("records")
    [{'term': '稳就业、稳金融', 'segmentation': '稳 / 就业 / 、 / 稳 / 金融'}]
    """
    seg = make_tokenizer(tokenizer)
    term_list = list(_clean_terms(terms))
    patterns = {term: re.compile(re.escape(term)) for term in term_list}
    occurrences = dict.fromkeys(term_list, 0)
    split = dict.fromkeys(term_list, 0)
    absorbed = dict.fromkeys(term_list, 0)
    examples = dict.fromkeys(term_list, "")
    for context in contexts:
        present = [term for term in term_list if term in context]
        if not present:
            continue
        spans = seg.spans(context)
        starts = np.array([s for s, _, _ in spans], dtype=np.int64)
        ends = np.array([e for _, e, _ in spans], dtype=np.int64)
        boundaries = np.union1d(starts, ends)
        for term in present:
            for match in patterns[term].finditer(context):
                begin, stop = match.start(), match.end()
                occurrences[term] += 1
                inner = np.searchsorted(boundaries, stop) - np.searchsorted(boundaries, begin, side="right")
                if inner > 0:
                    split[term] += 1
                    if not examples[term]:
                        near = (ends > begin - 4) & (starts < stop + 4)
                        examples[term] = " / ".join(context[s:e] for s, e in zip(starts[near], ends[near]))
                elif not (begin in boundaries and stop in boundaries):
                    absorbed[term] += 1
    rows = []
    for term in term_list:
        alone = seg(term)
        split_alone = alone != [term]
        if split_alone or split[term]:
            rows.append(
                {
                    "term": term,
                    "segmentation": " / ".join(alone),
                    "split_alone": split_alone,
                    "occurrences": occurrences[term],
                    "split_occurrences": split[term],
                    "absorbed_occurrences": absorbed[term],
                    "example": examples[term],
                }
            )
    columns = ["term", "segmentation", "split_alone", "occurrences", "split_occurrences",
               "absorbed_occurrences", "example"]
    return pd.DataFrame(rows, columns=columns)


@lru_cache(maxsize=1)
def load_stopwords() -> frozenset[str]:
    """The packaged stopword list (``tifa/data/stopwords.txt``).

    The list holds grammatical function words only (pronouns, particles,
    prepositions, conjunctions, auxiliaries, a few degree adverbs); the file's
    header says how it was compiled. Content words that are frequent in
    political texts (发展, 建设, 坚持 …) are deliberately not stopwords: they are
    what tifa studies.

    Returns
    -------
    frozenset of str

    >>> {"的", "了", "和"} <= load_stopwords()
    True
    >>> "发展" in load_stopwords()
    False
    """
    words = set()
    for line in STOPWORDS_PATH.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return frozenset(words)


def remove_stopwords(tokens: pd.DataFrame, stopwords: Iterable[str] | None = None) -> pd.DataFrame:
    """Drop the rows of a token table whose ``token`` is a stopword.

    Parameters
    ----------
    tokens : pandas.DataFrame
        A token table (:func:`find_tokens`).
    stopwords : iterable of str, optional
        Defaults to :func:`load_stopwords`.

    Returns
    -------
    pandas.DataFrame
        The remaining rows, index reset.

    >>> table = find_tokens_in_text("发展的成果", tokenizer="char")
    >>> remove_stopwords(table)["token"].tolist()
    ['发', '展', '成', '果']
    """
    words = load_stopwords() if stopwords is None else frozenset(stopwords)
    return tokens[~tokens["token"].isin(words)].reset_index(drop=True)


def tokens_frequency(
    tokens: pd.DataFrame,
    by: str | list[str] | None = None,
    *,
    feature: str = "token",
) -> pd.DataFrame:
    """Word frequencies of a token table, overall or per group.

    Parameters
    ----------
    tokens : pandas.DataFrame
        A token table (:func:`find_tokens`), possibly joined to docvars.
    by : str or list of str, optional
        Grouping columns of ``tokens`` (e.g. ``"year"``); frequencies are then
        computed within each group.
    feature : str
        The column that holds the counted form.

    Returns
    -------
    pandas.DataFrame
        Columns: the ``by`` columns, ``feature``, ``frequency`` (occurrences),
        ``docfreq`` (number of documents in which it occurs), ``proportion``
        (frequency divided by the number of tokens of the group) and ``rank``
        (1 = most frequent; ties share the lowest rank, as in quanteda's
        ``textstat_frequency``). Sorted by group, descending frequency, then
        feature.

    >>> table = find_tokens({"a": "发展发展", "b": "发展改革"}, tokenizer="bigram")
    >>> tokens_frequency(table)
      token  frequency  docfreq  proportion  rank
    0    发展          3        2    0.500000     1
    1    展发          1        1    0.166667     2
    2    展改          1        1    0.166667     2
    3    改革          1        1    0.166667     2
    """
    groups = [] if by is None else ([by] if isinstance(by, str) else list(by))
    keys = [*groups, feature]
    columns = [*keys, "frequency", "docfreq", "proportion", "rank"]
    if tokens.empty:
        return pd.DataFrame(columns=columns)
    counts = tokens.groupby(keys, sort=False, observed=True).agg(
        frequency=("doc_id", "size"), docfreq=("doc_id", "nunique")
    )
    counts = counts.reset_index()
    if groups:
        totals = counts.groupby(groups, sort=False, observed=True)["frequency"].transform("sum")
        ranks = counts.groupby(groups, sort=False, observed=True)["frequency"].rank(method="min", ascending=False)
    else:
        totals = counts["frequency"].sum()
        ranks = counts["frequency"].rank(method="min", ascending=False)
    counts["proportion"] = counts["frequency"] / totals
    counts["rank"] = ranks.astype("int64")
    counts = counts.sort_values([*groups, "frequency", feature], ascending=[True] * len(groups) + [False, True])
    return counts[columns].reset_index(drop=True)


@lru_cache(maxsize=1)
def dictionary_tags() -> dict[str, str]:
    """Part-of-speech tags of the words (up to six characters) of jieba's dictionary.

    A lexical resource for rules that ask whether a stretch opens with a verb or ends
    with a noun; loaded once (about 0.3 s).

    >>> tags = dictionary_tags()
    >>> tags["开展"], tags["黄河"]
    ('v', 'ns')
    """
    try:
        content = importlib.resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # pragma: no cover - jieba is a dependency
        return {}
    tags: dict[str, str] = {}
    for line in content.splitlines():
        parts = line.split(" ")
        if len(parts) == 3 and len(parts[0]) <= 6:
            tags[parts[0]] = parts[2]
    return tags
