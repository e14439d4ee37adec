"""Normalization and offset maps: any normalized span maps back to its raw characters."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tifa.ingest.pipeline import clean_text
from tifa.normalize import normalize_text, to_simplified
from tifa.offsets import Edit, OffsetMap, apply_edits

ALPHABET = st.sampled_from(
    list("政府工作報告穩中求進发展两个维护六稳一带一路十九大") + list("，。“”\"'「」（）() 　\n\t１２3４%％,:；") + ["\u200b"]
)
texts = st.text(alphabet=ALPHABET, min_size=0, max_size=80)


def _fold(char: str) -> str:
    """What a raw character may legitimately become in normalized text."""
    return to_simplified(char)[0]


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_any_normalized_span_maps_back_to_its_raw_characters(raw, data):
    text, omap = normalize_text(raw)
    assert len(omap) == len(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    raw_start, raw_end = omap.to_source(start, end)
    assert 0 <= raw_start <= raw_end <= len(raw)
    # the Han characters of the span are exactly those of the raw span, simplified
    han = re.compile(r"[\u4e00-\u9fff]")
    assert han.findall(text[start:end]) == han.findall(to_simplified(raw[raw_start:raw_end])[0])


@settings(max_examples=200, deadline=None)
@given(texts)
def test_cleaning_pipeline_map_is_monotone_and_complete(raw):
    result = clean_text(raw)
    omap = result.offsets
    assert (omap.left[1:] >= omap.left[:-1]).all() and (omap.right[1:] >= omap.right[:-1]).all()
    for i, char in enumerate(result.text):
        s, e = omap.to_source(i, i + 1)
        if "\u4e00" <= char <= "\u9fff":
            assert to_simplified(raw[s:e])[0] == char


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5), st.text("甲乙丙", max_size=3)), max_size=6))
def test_composed_maps_agree_with_step_by_step_mapping(raw_edits):
    source = "甲乙丙丁戊己庚辛壬癸" * 3
    edits, last = [], -1
    for start, width, replacement in sorted(raw_edits):
        if start > last and start + width <= len(source):
            edits.append(Edit(start, start + width, replacement))
            last = start + width
    first_text, first = apply_edits(source, edits)
    second_text, second = apply_edits(first_text, [Edit(0, min(2, len(first_text)), "")])
    composed = first.then(second)
    for i in range(len(second_text)):
        via_steps = first.to_source(*second.to_source(i, i + 1))
        assert composed.to_source(i, i + 1) == via_steps


def test_identity_map():
    assert OffsetMap.identity(5).to_source(2, 4) == (2, 4)


def test_quotes_unified_and_width_folded():
    text, _ = normalize_text("企业反映的”弹簧门””旋转门”问题，增长６．５％，“十四五”，「六稳」")
    assert text == "企业反映的“弹簧门”“旋转门”问题，增长6.5%，“十四五”，“六稳”"


def test_numbers_keep_their_separators():
    text, _ = normalize_text("完成投资1,200亿元,9:00召开,(一)")
    assert text == "完成投资1,200亿元，9:00召开，（一）"
