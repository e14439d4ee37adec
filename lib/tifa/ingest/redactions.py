"""Redactions: ``X``, ``XX``, ``*``, ``**``, ``×`` standing for a name or a number.

Template speeches and leaked texts mask names (``*市``, ``XX等``) and numbers
(``完成*个小区改造``). Redactions stay in the text; this annotator records them
as spans of kind ``redaction`` with ``role`` = ``number`` when a measure word,
unit or bound follows (``*个``, ``**部以上``, ``X亿元``) and ``name`` otherwise.

>>> find_redactions("年底前完成*个小区改造，*城区3个月", doc_id="d")[["text", "role"]].values.tolist()
[['*', 'number'], ['*', 'name']]
"""

from __future__ import annotations

import re

import pandas as pd

RE_REDACTION = re.compile(r"(?<![A-Za-z0-9*×])(?:X{1,3}|\*{1,3}|×{1,3}|＊{1,3})(?![A-Za-z0-9*×])")
RE_NUMBER_CONTEXT = re.compile(
    r"\s*(?:[个项家条处所部座名人次户辆吨亩元天月年周批场件台套栋宗级倍]|万|亿|%|‰|个百分点|公里|千米|平方|以上|以下|余|多)"
)
RE_NUMBER_BEFORE = re.compile(r"(?:[0-9]|[低高超达近约共计增减降升占比第])\s*$")
REDACTION_COLUMNS = ["doc_id", "start", "end", "text", "kind", "role"]


def find_redactions(text: str, doc_id: str = "") -> pd.DataFrame:
    """Redaction spans of ``text`` (see module docs)."""
    rows = []
    for m in RE_REDACTION.finditer(text):
        after = text[m.end() : m.end() + 4]
        before = text[max(0, m.start() - 2) : m.start()]
        role = "number" if RE_NUMBER_CONTEXT.match(after) or RE_NUMBER_BEFORE.search(before) else "name"
        rows.append((doc_id, m.start(), m.end(), m.group(), "redaction", role))
    return pd.DataFrame(rows, columns=REDACTION_COLUMNS).astype({"start": "int64", "end": "int64"})
