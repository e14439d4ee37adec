"""Markup to plain text, as edits: YAML front matter, HTML tags and entities, Markdown links.

Each function returns :class:`~tifa.offsets.Edit` s on the text it is given, so
the extracted text keeps a map back to the raw file. HTML is tokenised by the
standard library's :class:`html.parser.HTMLParser`, which reports where every
tag starts; block-level tags become line breaks, other tags disappear, and
``script``/``style`` content is dropped.

>>> from tifa.offsets import apply_edits
>>> apply_edits("<p>两个&nbsp;维护</p><p>四个意识</p>", html_edits("<p>两个&nbsp;维护</p><p>四个意识</p>"))[0]
'两个\\xa0维护\\n四个意识\\n'
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import yaml

from tifa.errors import MetadataError
from tifa.offsets import Edit

RE_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
RE_LOOKS_LIKE_HTML = re.compile(r"<(p|div|br|span|strong|a|img|h[1-6]|li|table)\b[^>]*>", re.I)
RE_MARKDOWN_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]*)\)")
RE_AUTOLINK = re.compile(r"<(?:https?:)?//[^>\s]+>")
BLOCK_TAGS = frozenset(
    "p div br li ul ol tr table h1 h2 h3 h4 h5 h6 blockquote section article header footer hr pre".split()
)
DROP_CONTENT_TAGS = frozenset({"script", "style", "noscript"})


def split_front_matter(text: str, path: str = "<text>") -> tuple[dict, list[Edit]]:
    """Parse YAML front matter; return its fields and the edit that removes it.

    Raises :class:`~tifa.errors.MetadataError` when the block is not valid YAML
    mapping, naming the file.

    >>> split_front_matter("---\\ntitle: 报告\\n---\\n正文")[0]
    {'title': '报告'}
    """
    match = RE_FRONT_MATTER.match(text)
    if not match:
        if text.lstrip("\ufeff").startswith("---\n"):
            raise MetadataError(path, "front matter opens with '---' but never closes; add the closing '---' line")
        return {}, []
    try:
        fields = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise MetadataError(path, f"front matter is not valid YAML ({exc.__class__.__name__}: {str(exc).splitlines()[0]})") from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise MetadataError(path, "front matter must be a YAML mapping of field: value")
    fields = {str(k): (v.isoformat(sep=" ") if hasattr(v, "isoformat") else v) for k, v in fields.items()}
    return fields, [Edit(0, match.end(), "", "front_matter", "YAML front matter (kept as metadata)")]


class _TagLocator(HTMLParser):
    """Collects edits for tags, comments and entities, with absolute offsets."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.edits: list[Edit] = []
        self.dropping = 0
        self.drop_start = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _tag_edit(self, tag: str, closing: bool) -> None:
        start = self._offset()
        end = self.text.find(">", start) + 1 or len(self.text)
        tag = tag.lower()
        if tag in DROP_CONTENT_TAGS:
            if not closing:
                self.dropping += 1
                self.drop_start = start
                return
            if self.dropping:
                self.dropping -= 1
                self.edits.append(Edit(self.drop_start, end, "", "html", f"<{tag}> content"))
                return
        if self.dropping:
            return
        block = tag in BLOCK_TAGS and (closing or tag in {"br", "hr"})
        self.edits.append(Edit(start, end, "\n" if block else "", "html", f"<{'/' if closing else ''}{tag}>"))

    def handle_starttag(self, tag, attrs):  # noqa: D102 - HTMLParser hook
        self._tag_edit(tag, closing=False)

    def handle_startendtag(self, tag, attrs):  # noqa: D102
        self._tag_edit(tag, closing=tag.lower() in {"br", "hr"})

    def handle_endtag(self, tag):  # noqa: D102
        self._tag_edit(tag, closing=True)

    def handle_comment(self, data):  # noqa: D102
        start = self._offset()
        self.edits.append(Edit(start, start + len(data) + 7, "", "html", "comment"))

    def handle_decl(self, decl):  # noqa: D102
        start = self._offset()
        self.edits.append(Edit(start, start + len(decl) + 3, "", "html", "declaration"))

    def _entity(self, literal: str) -> None:
        if self.dropping:
            return
        start = self._offset()
        end = start + len(literal)
        if self.text[end : end + 1] == ";":
            end += 1
        self.edits.append(Edit(start, end, html.unescape(self.text[start:end]), "html", "entity"))

    def handle_entityref(self, name):  # noqa: D102
        self._entity("&" + name)

    def handle_charref(self, name):  # noqa: D102
        self._entity("&#" + name)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` carries HTML tags (used for Markdown posts with HTML bodies).

    >>> looks_like_html("<p>各位代表</p>"), looks_like_html("各位代表")
    (True, False)
    """
    return bool(RE_LOOKS_LIKE_HTML.search(text))


def html_edits(text: str) -> list[Edit]:
    """Edits that turn HTML into text: tags removed, block ends → newline, entities decoded."""
    locator = _TagLocator(text)
    locator.feed(text)
    locator.close()
    edits = sorted(locator.edits)
    cleaned: list[Edit] = []
    last_end = 0
    for edit in edits:  # guard against overlaps from malformed markup
        if edit.start >= last_end and edit.end > edit.start:
            cleaned.append(edit)
            last_end = edit.end
    return cleaned


def markdown_edits(text: str) -> list[Edit]:
    """Edits for Markdown links: ``[text](url)`` keeps the text, ``<url>`` is removed.

    >>> from tifa.offsets import apply_edits
    >>> apply_edits("见[返回首页](//x.cn/)。", markdown_edits("见[返回首页](//x.cn/)。"))[0]
    '见返回首页。'
    """
    edits: list[Edit] = []
    for m in RE_MARKDOWN_LINK.finditer(text):
        edits.append(Edit(m.start(), m.start(1), "", "markdown", "link open"))
        edits.append(Edit(m.end(1), m.end(), "", "markdown", f"link target {m.group(2)}"))
    for m in RE_AUTOLINK.finditer(text):
        edits.append(Edit(m.start(), m.end(), "", "markdown", "autolink"))
    return edits
