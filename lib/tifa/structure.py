"""Document structure: headings, and the review/plan split of government work reports.

Headings are paragraphs that open with a heading marker (``一、``, ``（一）``,
``第一句话``, ``第一部分``, ``1、``) or short paragraphs without final
punctuation (``2022年工作回顾``). A government work report reviews the past year
and then plans the coming one; :func:`find_sections` labels the text

- ``front``: before the review (title block, salutation);
- ``review``: from the first heading that announces a review (工作回顾, 过去一年,
  过去五年, 一年来 …) to the first later heading that announces a plan;
- ``plan``: from that heading (工作安排, 总体要求, 主要任务, 预期目标, 今年 …) to the end;
  when no later heading announces a plan, the review is taken to be part one
  and the plan starts at the next numbered top-level heading (一、… 二、…);
- ``body``: the whole text, when no such pair of headings is found or the
  document is not a government work report.

Sections cover the text without gaps, so every span has a label.

>>> text = "各位代表：\\n一、2022年工作回顾\\n全年增长6%。\\n二、2023年工作安排\\n增长5%左右。"
>>> find_sections(text, genre="government_work_report")[["start", "end", "label"]].values.tolist()
[[0, 6, 'front'], [6, 26, 'review'], [26, 45, 'plan']]
"""

from __future__ import annotations

import re

import pandas as pd

NUMERAL = "一二三四五六七八九十"
RE_PARAGRAPH = re.compile(r"[^\n]+")
RE_HEADING_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^[{NUMERAL}]{{1,3}}、")),
    (1, re.compile(rf"^第[{NUMERAL}]{{1,3}}(?:部分|章|篇)")),
    (2, re.compile(rf"^（[{NUMERAL}]{{1,3}}）")),
    (2, re.compile(rf"^第[{NUMERAL}]{{1,3}}(?:句话|个方面|点|方面|条)[，。：:、]?")),
    (3, re.compile(r"^\d{1,2}[、．](?!\d)")),
    (3, re.compile(r"^（\d{1,2}）")),
)
#: A paragraph without a marker is a heading when it is this short and has no
#: sentence-final punctuation.
MAX_BARE_HEADING = 30
RE_SENTENCE_PUNCTUATION = re.compile(r"[。；！？，：]")
RE_REVIEW_CUE = re.compile(r"回顾|过去一年|过去五年|过去的一年|一年来|五年来|[上去]年工作|主要工作|取得的成就|工作总结|\d{4}年.{0,12}(?:执行情况|主要成就)")
RE_PLAN_CUE = re.compile(
    r"工作安排|总体要求|主要任务|预期目标|重点工作|今年|明年|总体部署|工作任务|目标任务|主要目标|奋斗目标|工作的建议"
    r"|今后.{0,4}(?:工作|任务)|时期.{0,12}(?:目标|任务|方针)|\d{4}年.{0,16}(?:工作|任务|目标|计划|安排|部署)"
)
SECTION_LABELS = ("front", "review", "plan", "body")


def find_headings(text: str) -> pd.DataFrame:
    """Headings of ``text``: one row each with ``start, end, text, level, marker``.

    ``end`` stops at the first sentence-final ``。`` of the paragraph, so a
    heading followed by running text on the same line (common in speeches:
    ``（一）聚焦动能转换，打造…。实施…``) covers only the heading sentence.

    >>> find_headings("我讲三句话：\\n第一句话，要把规划图变成施工图。\\n具体任务")[["text", "level", "marker"]].values.tolist()
    [['第一句话，要把规划图变成施工图。', 2, '第一句话'], ['具体任务', 1, '']]
    """
    rows = []
    for paragraph in RE_PARAGRAPH.finditer(text):
        line = paragraph.group()
        level, marker = 0, ""
        for candidate_level, pattern in RE_HEADING_MARKERS:
            m = pattern.match(line)
            if m:
                level, marker = candidate_level, m.group().rstrip("，。：:、")
                break
        if not level:
            if len(line) <= MAX_BARE_HEADING and not RE_SENTENCE_PUNCTUATION.search(line):
                level = 1
            else:
                continue
        stop = line.find("。")
        end = paragraph.start() + (stop + 1 if stop >= 0 else len(line))
        rows.append((paragraph.start(), end, text[paragraph.start() : end], level, marker))
    return pd.DataFrame(rows, columns=["start", "end", "text", "level", "marker"]).astype(
        {"start": "int64", "end": "int64", "level": "int64"}
    )


def find_sections(text: str, *, genre: str | None = None, headings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Section labels covering ``text``: ``start, end, label, heading``.

    Only documents whose ``genre`` is ``"government_work_report"`` are split
    into review and plan; others are one ``body`` section.
    """
    if headings is None:
        headings = find_headings(text)
    review = plan = None
    if genre == "government_work_report":
        top = list(headings[headings["level"] <= 1].itertuples(index=False))
        for i, row in enumerate(top):
            if RE_REVIEW_CUE.search(row.text):
                review = row
                later = top[i + 1 :]
                plan = next((r for r in later if RE_PLAN_CUE.search(r.text) and "回顾" not in r.text), None)
                if plan is None:  # the review is part one; the plan starts with part two
                    plan = next((r for r in later if r.marker), None)
                break
    if review is None or plan is None:
        rows = [(0, len(text), "body", "")]
    else:
        rows = [(review.start, plan.start, "review", review.text), (plan.start, len(text), "plan", plan.text)]
        if review.start > 0:
            rows.insert(0, (0, review.start, "front", ""))
    return pd.DataFrame(rows, columns=["start", "end", "label", "heading"]).astype({"start": "int64", "end": "int64"})


def label_positions(sections: pd.DataFrame, positions) -> list[str]:
    """Section label at each character position (vectorised lookup).

    >>> label_positions(find_sections("前言\\n一、过去一年\\n甲\\n二、今年工作\\n乙", genre="government_work_report"), [0, 5, 14])
    ['front', 'review', 'plan']
    """
    import numpy as np

    starts = sections["start"].to_numpy()
    index = np.searchsorted(starts, np.asarray(positions), side="right") - 1
    labels = sections["label"].to_numpy()
    return [str(labels[max(0, i)]) for i in index]
