"""Repair spacing damage: spaces inside Chinese text, wrapped lines, zero-width marks.

PDF extraction leaves spaces and line breaks inside runs of Chinese text
(``会 议``, ``干 成事``), and Wikisource pages break lines around former links
(``在聽了劉少奇同志\\n關於憲法草案的報告\\n並進行了``). The repair:

1. zero-width characters (U+200B–U+200D, U+2060, U+FEFF) are deleted;
2. horizontal white space is deleted unless it stands between two ASCII
   letters (English words keep their single space); this also strips
   indentation (``\\u3000\\u3000``) and trailing blanks;
3. in a document whose paragraphs are separated by blank lines, a lone line
   break is a wrap, not a paragraph end, and is deleted. Documents with one
   paragraph per line (Word files, most plain text) keep every line break, so
   real paragraphs are never joined.

>>> from tifa.offsets import apply_edits
>>> apply_edits("这次会议是非常重要的会 议，主要目的", spacing_edits("这次会议是非常重要的会 议，主要目的"))[0]
'这次会议是非常重要的会议，主要目的'
>>> apply_edits("各位代表：\\n\\n在听了\\n关于宪法草案的报告\\n以后。\\n\\n现在", spacing_edits("各位代表：\\n\\n在听了\\n关于宪法草案的报告\\n以后。\\n\\n现在"))[0]
'各位代表：\\n\\n在听了关于宪法草案的报告以后。\\n\\n现在'
"""

from __future__ import annotations

import re

from tifa.offsets import Edit

RE_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]+")
RE_HORIZONTAL_SPACE = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009\u202f]+")
RE_LONE_NEWLINE = re.compile(r"(?<![\n\r])[ \t\u3000\u200b]*\r?\n[ \t\u3000\u200b]*(?![\r\n])")
RE_BLANK_LINE = re.compile(r"\n[ \t\u3000\u200b\r]*\n")
RE_ASCII_LETTER = re.compile(r"[A-Za-z]")
#: A document uses blank-line paragraphs when at least this share of its
#: sentence-final line ends are followed by a blank line.
BLANK_LINE_PARAGRAPH_SHARE = 0.6
RE_SENTENCE_END_LINE = re.compile(r"[。！？!?：”」][ \t\u3000]*\r?\n")


def uses_blank_line_paragraphs(text: str) -> bool:
    """Whether paragraphs are separated by blank lines (so lone breaks are wraps).

    >>> uses_blank_line_paragraphs("一。\\n\\n二。\\n\\n三\\n四。"), uses_blank_line_paragraphs("一。\\n二。\\n三。")
    (True, False)
    """
    ends = [m.end() for m in RE_SENTENCE_END_LINE.finditer(text)]
    if not ends:
        return False
    blank = sum(1 for end in ends if text[end : end + 4].lstrip(" \t\u3000\r").startswith("\n"))
    return blank / len(ends) >= BLANK_LINE_PARAGRAPH_SHARE


def spacing_edits(text: str) -> list[Edit]:
    """Edits that repair spacing damage in ``text`` (see the module docs)."""
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []
    if uses_blank_line_paragraphs(text):
        for m in RE_LONE_NEWLINE.finditer(text):
            if m.start() == 0 or m.end() == len(text):
                continue
            edits.append(Edit(m.start(), m.end(), "", "spacing", "wrapped line joined"))
            taken.append((m.start(), m.end()))
    for m in RE_ZERO_WIDTH.finditer(text):
        if not _inside(taken, m.start()):
            edits.append(Edit(m.start(), m.end(), "", "spacing", "zero-width character"))
    for m in RE_HORIZONTAL_SPACE.finditer(text):
        if _inside(taken, m.start()):
            continue
        before = text[m.start() - 1] if m.start() else "\n"
        after = text[m.end()] if m.end() < len(text) else "\n"
        if RE_ASCII_LETTER.match(before) and RE_ASCII_LETTER.match(after):
            if m.group() != " ":
                edits.append(Edit(m.start(), m.end(), " ", "spacing", "space between words"))
            continue
        inside_text = before not in "\r\n" and after not in "\r\n"
        note = "space inside text" if inside_text else "indentation or trailing space"
        edits.append(Edit(m.start(), m.end(), "", "spacing", note))
    return _merge(edits)


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in spans)


def _merge(edits: list[Edit]) -> list[Edit]:
    """Drop edits that overlap an earlier one (zero-width marks inside a space run)."""
    merged: list[Edit] = []
    last_end = -1
    for edit in sorted(edits):
        if edit.start >= last_end:
            merged.append(edit)
            last_end = edit.end
    return merged
