"""Measures: the character denominator and per-document rates.

Rates in tifa are per 10,000 characters (每万字) of normalized text. The
denominator is defined once, here: the number of Han characters (CJK unified
ideographs, extension A and compatibility ideographs), ASCII digits and ASCII
letters. Punctuation, white space and symbols do not count, so the rate does
not depend on how a source typed its punctuation or spaced its lines.

>>> count_characters("地区生产总值增长6%以上。")
11
>>> rate_per_10k(3, 15000)
2.0
"""

from __future__ import annotations

import re

RE_COUNTED = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9A-Za-z]")
PER = 10_000


def count_characters(text: str) -> int:
    """Characters that count for rates: Han, ASCII digits, ASCII letters."""
    return len(RE_COUNTED.findall(text))


def rate_per_10k(count: float, characters: float) -> float:
    """``count`` per 10,000 counted characters (NaN when there are none)."""
    return float("nan") if not characters else count * PER / characters
