"""Keyword in context over real documents, and its CSV and LaTeX exports."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tifa.errors import TifaError
from tifa.kwic import KWIC_COLUMNS, escape_latex, kwic, to_csv, to_latex

# From the 2017 national report (normalized form).
NATIONAL_2017 = (
    "深化“放管服”改革。今年要在更大范围、更深层次，以更有力的举措推进简政放权、放管结合、优化服务改革，"
    "使市场在资源配置中起决定性作用和更好发挥政府作用。放管服改革要继续深化。"
)


def test_kwic_on_the_seeds_maps_back_to_the_raw_source(seeds):
    table = kwic(seeds, "高质量发展", window=10)
    assert list(table.columns) == KWIC_COLUMNS
    assert len(table) == sum(doc.text.count("高质量发展") for doc in seeds)
    assert table["doc_id"].tolist() == sorted(table["doc_id"].tolist(), key=seeds.doc_ids.index)
    for row in table.itertuples():
        doc = seeds[row.doc_id]
        assert doc.text[row.start : row.end] == row.match == "高质量发展"
        assert row.left == doc.text[max(0, row.start - 10) : row.start]
        assert row.right == doc.text[row.end : row.end + 10]
    # seed 001 is in traditional script: the raw span is the original characters
    traditional = table[table["doc_id"].str.startswith("001")].iloc[0]
    doc = seeds[traditional["doc_id"]]
    assert doc.raw[traditional["raw_start"] : traditional["raw_end"]] == "高質量發展"


def test_kwic_raw_span_across_repaired_spacing(seeds):
    # seed 003 is a PDF dump with broken spacing ("会 议"); normalized text has none
    doc = next(d for d in seeds if d.doc_id.startswith("003"))
    table = kwic(doc, "会议")
    assert len(table) == doc.text.count("会议") > 0
    raw_forms = {doc.raw[s:e] for s, e in zip(table["raw_start"], table["raw_end"])}
    assert all(re.sub(r"\s+", "", form) == "会议" for form in raw_forms)


def test_several_patterns_longest_first_and_counts():
    table = kwic({"2017": NATIONAL_2017}, ["放管服", "放管服改革", "简政放权"], window=4)
    assert table["match"].tolist() == ["放管服", "简政放权", "放管服改革"]
    assert table.loc[0, "left"] == "深化“" and table.loc[0, "right"] == "”改革。"
    assert (table["raw_start"].isna()).all()  # a plain mapping has no offset map


def test_window_at_text_edges_and_zero_window():
    table = kwic({"d": "稳中求进"}, "稳中求进", window=5)
    assert table.loc[0, "left"] == "" and table.loc[0, "right"] == ""
    table = kwic({"d": NATIONAL_2017}, "改革", window=0)
    assert (table["left"] == "").all() and len(table) == NATIONAL_2017.count("改革")


def test_regex_patterns():
    table = kwic({"d": "增长6.5%左右，下降15%以上。"}, r"(增长|下降)[0-9.]+%", regex=True, window=2)
    assert table["match"].tolist() == ["增长6.5%", "下降15%"]
    # zero-width matches are skipped
    assert kwic({"d": "甲乙"}, r"(?=乙)", regex=True).empty
    with pytest.raises(TifaError, match="invalid regular expression"):
        kwic({"d": "甲"}, "(", regex=True)
    # without regex=True, metacharacters are literal
    assert kwic({"d": "互联网+政务服务"}, "互联网+")["match"].tolist() == ["互联网+"]


def test_bad_arguments():
    with pytest.raises(TifaError, match="non-empty"):
        kwic({"d": "甲"}, "")
    with pytest.raises(TifaError, match="window"):
        kwic({"d": "甲"}, "甲", window=-1)
    with pytest.raises(TifaError, match="string"):
        kwic("甲乙", "甲")
    empty = kwic({"d": "甲"}, "乙")
    assert empty.empty and list(empty.columns) == KWIC_COLUMNS


# --- exports -------------------------------------------------------------------------------

_UNESCAPE = {
    r"\textbackslash{}": "\\", r"\textasciitilde{}": "~", r"\textasciicircum{}": "^",
    r"\textless{}": "<", r"\textgreater{}": ">", r"\textbar{}": "|",
    r"\&": "&", r"\%": "%", r"\$": "$", r"\#": "#", r"\_": "_", r"\{": "{", r"\}": "}",
}
RE_ESCAPE = re.compile("|".join(re.escape(k) for k in sorted(_UNESCAPE, key=len, reverse=True)))


def unescape(latex: str) -> str:
    return RE_ESCAPE.sub(lambda m: _UNESCAPE[m.group(0)], latex)


@given(st.text(alphabet=st.sampled_from(list("增长率%&$#_{}~^\\<>|[] \n\tAbc1.")), max_size=40))
def test_escape_latex_is_lossless_up_to_whitespace(text):
    escaped = escape_latex(text)
    assert unescape(escaped) == re.sub(r"\s+", " ", text)
    # no special character is left bare: remove the escapes and look
    bare = RE_ESCAPE.sub("", escaped)
    assert not set(bare) & set("&%$#_{}~^\\<>|\n")


def test_to_latex_table_structure():
    text = "目标：增长6.5%左右 & 就业_率{稳定}~\n下一行[注]"
    table = kwic({"report_2019": text, "[x]": "6.5%"}, "6.5%", window=8)
    latex = to_latex(table, caption="Targets: 6.5% & more", label="tab:kwic")
    lines = latex.splitlines()
    assert lines[0] == r"\begin{table}" and lines[-1] == r"\end{table}"
    assert r"\caption{Targets: 6.5\% \& more}" in lines and r"\label{tab:kwic}" in lines
    body = lines[lines.index(r"\midrule") + 1 : lines.index(r"\bottomrule")]
    assert len(body) == len(table) == 2
    assert body[0] == r"report\_2019 & 目标：增长 & \textbf{6.5\%} & 左右 \& 就业\_ \\"
    assert body[1].startswith("{}[x] & ")  # "[" after \\ would be read as a length
    assert all(line.endswith(r" \\") and line.count(" & ") == 3 for line in body)
    # the newline of the source is not in the LaTeX rows
    assert to_latex(kwic({"d": text}, "下一行", window=12)).count("\n") == 7


def test_to_latex_rejects_other_tables():
    with pytest.raises(TifaError, match="KWIC"):
        to_latex(pd.DataFrame({"doc_id": ["a"]}))


def test_csv_round_trip_keeps_newlines(tmp_path):
    table = kwic({"d1": "坚持稳中求进，\n稳中求进工作总基调", "d2": "稳中求进"}, "稳中求进", window=4)
    text = to_csv(table)
    back = pd.read_csv(io.StringIO(text), keep_default_na=False, dtype={"raw_start": str, "raw_end": str})
    assert back["right"].tolist() == table["right"].tolist()
    assert "\n" in back.loc[0, "right"]
    assert back["start"].tolist() == table["start"].tolist()
    path = tmp_path / "kwic.csv"
    assert to_csv(table, path) is None
    assert path.read_bytes().decode("utf-8") == text
    assert b"\r\n" not in path.read_bytes()
