"""Normalization: simplified script, one width, one set of quotes, tidy white space.

Every step returns the new text and an :class:`~tifa.offsets.OffsetMap`, so any
span of the normalized text maps back to the characters it came from (the
original quotation marks and traditional characters stay visible through the
map). The normalized form (what every annotator reads):

- simplified characters (OpenCC ``t2s``);
- ASCII digits and letters; ``%``, ``.``, ``+``, ``-``, ``~``, ``/``, ``*`` ASCII;
- Chinese punctuation full-width: ``，。；：？！（）、``; a comma or colon
  between two digits stays ASCII (``1,200``, ``9:00``);
- double quotes of any kind → “ ”, single → ‘ ’, re-paired left to right
  inside a paragraph when the source mixes their directions;
- one ``\\n`` between paragraphs, no blank lines, no leading/trailing space.

>>> normalize_text("現在，我代表市人民政府向大會報告工作”弹簧门””旋转门”（１９９３年）")[0]
'现在，我代表市人民政府向大会报告工作“弹簧门”“旋转门”（1993年）'
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

from tifa.offsets import Edit, OffsetMap, apply_edits

RE_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
RE_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
RE_NEWLINES = re.compile(r"\s*\n\s*")
RE_EDGE_SPACE = re.compile(r"\A\s+|\s+\Z")
RE_ASCII_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
RE_ASCII_COLON = re.compile(r"(?<!\d):|:(?!\d)")
RE_DOUBLE_QUOTE = re.compile("[\"“”＂〝〞「」]")
RE_SINGLE_QUOTE = re.compile("[‘’『』]")
RE_PARAGRAPH = re.compile(r"[^\n]+")

_WIDTH = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
for _keep in "，。；：？！（）、“”‘’":
    _WIDTH.pop(ord(_keep), None)
_WIDTH.update({ord("＂"): "＂", ord("＇"): "'", ord("\u3000"): " ", ord("．"): "."})
_PUNCTUATION = {ord(";"): "；", ord("?"): "？", ord("!"): "！", ord("("): "（", ord(")"): "）",
                ord("〔"): "〔", ord("﹐"): "，", ord("﹑"): "、", ord("﹔"): "；", ord("﹕"): "：",
                ord("。"): "。", ord("｡"): "。", ord("､"): "、"}
FOLD_TABLE = {**_WIDTH, **_PUNCTUATION}


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def traditional_share(text: str) -> float:
    """Share of Han characters that OpenCC changes when simplifying.

    >>> round(traditional_share("政府工作報告"), 2), traditional_share("政府工作报告")
    (0.17, 0.0)
    """
    han = "".join(RE_HAN.findall(text))
    if not han:
        return 0.0
    simplified = _converter().convert(han)
    if len(simplified) != len(han):
        return 1.0
    return sum(a != b for a, b in zip(han, simplified)) / len(han)


def detect_script(text: str) -> str:
    """``"traditional"``, ``"simplified"`` or ``"mixed"`` from :func:`traditional_share`.

    >>> detect_script("現在，我代表市人民政府向大會報告工作"), detect_script("现在我代表国务院")
    ('traditional', 'simplified')
    """
    share = traditional_share(text)
    if share >= 0.08:
        return "traditional"
    if share >= 0.01:
        return "mixed"
    return "simplified"


def to_simplified(text: str) -> tuple[str, OffsetMap]:
    """Convert to simplified characters; phrases that change length map as wholes.

    >>> to_simplified("連州市人民醫院")[0]
    '连州市人民医院'
    """
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted, OffsetMap.identity(len(text))
    edits = []
    for m in RE_HAN_RUN.finditer(text):
        run = m.group()
        simple = _converter().convert(run)
        if simple != run:
            if len(simple) == len(run):
                edits.extend(Edit(m.start() + i, m.start() + i + 1, b) for i, (a, b) in enumerate(zip(run, simple)) if a != b)
            else:
                edits.append(Edit(m.start(), m.end(), simple, "simplify", "phrase"))
    return apply_edits(text, edits)


def fold_width_and_punctuation(text: str) -> str:
    """Fold full-width ASCII, make Chinese punctuation full-width (one for one).

    >>> fold_width_and_punctuation("增长６．５％,达到1,200亿元;9:00开会(暂定)")
    '增长6.5%，达到1,200亿元；9:00开会（暂定）'
    """
    text = text.translate(FOLD_TABLE)
    text = RE_ASCII_COMMA.sub("，", text)
    return RE_ASCII_COLON.sub("：", text)


def unify_quotes(text: str) -> str:
    """Unify quotation marks to “ ” and ‘ ’, pairing them inside each paragraph.

    Marks are re-paired left to right inside each paragraph (open, close, open,
    …): well-formed quotes come out as they were, and sources that type ” for
    both sides are repaired. The raw text keeps the original marks.

    >>> unify_quotes('企业反映的”弹簧门””旋转门”问题，「六稳」')
    '企业反映的“弹簧门”“旋转门”问题，“六稳”'
    """
    chars = list(text)
    for paragraph in RE_PARAGRAPH.finditer(text):
        for pattern, opening, closing in ((RE_DOUBLE_QUOTE, "“", "”"), (RE_SINGLE_QUOTE, "‘", "’")):
            for i, m in enumerate(pattern.finditer(text, paragraph.start(), paragraph.end())):
                chars[m.start()] = opening if i % 2 == 0 else closing
    return "".join(chars)


def tidy_whitespace(text: str) -> tuple[str, OffsetMap]:
    """One ``\\n`` between paragraphs, no blank lines, no space at the edges.

    >>> tidy_whitespace("  各位代表：\\n\\n\\n  现在  \\n")[0]
    '各位代表：\\n现在'
    """
    edits = [Edit(m.start(), m.end(), "\n") for m in RE_NEWLINES.finditer(text) if m.group() != "\n"]
    edits = [e for e in edits if 0 < e.start and e.end < len(text)]
    head = re.match(r"\s+", text)
    if head:
        edits = [e for e in edits if e.start >= head.end()]
        edits.insert(0, Edit(0, head.end(), ""))
    tail = re.search(r"\s+\Z", text)
    if tail and tail.start() > (head.end() if head else 0):
        edits = [e for e in edits if e.end <= tail.start()]
        edits.append(Edit(tail.start(), len(text), ""))
    return apply_edits(text, edits)


def normalize_text(text: str) -> tuple[str, OffsetMap]:
    """Run every normalization step; return the text and its map to ``text``.

    >>> normalized, omap = normalize_text("　　堅持穩中求進，“六穩”")
    >>> normalized, omap.to_source(2, 6)
    ('坚持稳中求进，“六稳”', (4, 8))
    """
    simplified, omap = to_simplified(text)
    folded = unify_quotes(fold_width_and_punctuation(simplified))
    tidy, tidy_map = tidy_whitespace(folded)
    return tidy, omap.then(tidy_map)
