"""The cleaning pipeline: raw text → clean, normalized text with a map back to raw.

Steps run in order, each a pure function from text to edits; the pipeline
applies them, composes their offset maps and records every removal or repair
with its raw span (:func:`clean_text`). Which steps run depends on the format:

1. ``front_matter`` (Markdown) – YAML header, kept as metadata;
2. ``markdown`` links and ``html`` tags/entities (HTML, or Markdown with HTML);
3. ``boilerplate`` – site headers, disclaimers, adverts, paywall tails, footers;
4. ``mojibake`` – byte-shifted GBK runs re-aligned, lost characters marked;
5. ``spacing`` – spaces and wraps inside Chinese text;
6. normalization (:mod:`tifa.normalize`) – simplified script, width,
   punctuation, quotes, white space.

>>> result = clean_text("<p>會 議</p><p>如若转载，请注明出处</p>", fmt="html")
>>> result.text, result.offsets.to_source(0, 2)
('会议', (3, 6))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from tifa.ingest.boilerplate import boilerplate_edits
from tifa.ingest.markup import html_edits, looks_like_html, markdown_edits
from tifa.ingest.spacing import spacing_edits
from tifa.normalize import detect_script, normalize_text
from tifa.offsets import Edit, OffsetMap, apply_edits

CLEANING_COLUMNS = ["step", "note", "raw_start", "raw_end", "removed", "replacement"]
Step = Callable[[str], list[Edit]]


@dataclass
class CleanResult:
    """What :func:`clean_text` returns: the text, its map to raw, and the record."""

    text: str
    offsets: OffsetMap
    cleaning: pd.DataFrame
    quality: dict = field(default_factory=dict)


def _mojibake_step() -> tuple[Step | None, dict]:
    try:
        from tifa.ingest.mojibake import repair_mojibake
    except ImportError:  # pragma: no cover - optional while the module is absent
        return None, {}
    report: dict = {}

    def step(text: str) -> list[Edit]:
        edits, result = repair_mojibake(text)
        report["mojibake_runs"] = result.runs_found
        report["mojibake_repaired"] = result.chars_repaired
        report["mojibake_lost"] = result.chars_lost
        return edits

    return step, report


def clean_text(raw: str, *, fmt: str = "text", front_matter_end: int = 0) -> CleanResult:
    """Run the cleaning steps for ``fmt`` on ``raw`` (see module docs)."""
    steps: list[tuple[str, Step]] = []
    if front_matter_end:
        steps.append(("front_matter", lambda t: [Edit(0, front_matter_end, "", "front_matter", "YAML front matter")]))
    if fmt == "markdown":
        steps.append(("markdown", markdown_edits))
    if fmt == "html" or (fmt == "markdown" and looks_like_html(raw)):
        steps.append(("html", html_edits))
    steps.append(("boilerplate", boilerplate_edits))
    mojibake, mojibake_report = _mojibake_step()
    if mojibake is not None:
        steps.append(("mojibake", mojibake))
    steps.append(("spacing", spacing_edits))

    text = raw
    offsets = OffsetMap.identity(len(raw))
    records: list[tuple] = []
    for name, step in steps:
        edits = step(text)
        if not edits:
            continue
        for edit in edits:
            raw_start, raw_end = offsets.to_source(edit.start, edit.end)
            records.append((edit.step or name, edit.note, raw_start, raw_end, raw[raw_start:raw_end], edit.replacement))
        text, step_map = apply_edits(text, edits)
        offsets = offsets.then(step_map)
    script = detect_script(text)
    normalized, normal_map = normalize_text(text)
    offsets = offsets.then(normal_map)
    cleaning = pd.DataFrame(records, columns=CLEANING_COLUMNS).sort_values(["raw_start", "raw_end"], kind="stable")
    cleaning = cleaning.reset_index(drop=True)
    quality = _quality(raw, normalized, cleaning, script, mojibake_report)
    return CleanResult(normalized, offsets, cleaning, quality)


def _quality(raw: str, text: str, cleaning: pd.DataFrame, script: str, mojibake: dict) -> dict:
    from tifa.measures import count_characters

    by_step = cleaning.groupby("step")["removed"].agg(lambda s: int(s.str.len().sum())) if len(cleaning) else {}
    spacing = cleaning[cleaning["step"] == "spacing"]
    inner = spacing["note"].isin(["space inside text", "wrapped line joined"]).sum() if len(spacing) else 0
    return {
        "chars_raw": len(raw),
        "chars_clean": len(text),
        "counted_chars": count_characters(text),
        "script": script,
        "boilerplate_chars_removed": int(by_step.get("boilerplate", 0)) if len(cleaning) else 0,
        "boilerplate_rules": ", ".join(sorted(set(cleaning.loc[cleaning["step"] == "boilerplate", "note"]))),
        "markup_chars_removed": int(sum(by_step.get(s, 0) for s in ("html", "markdown", "front_matter"))) if len(cleaning) else 0,
        "spacing_repairs": int(inner),
        "mojibake_runs": int(mojibake.get("mojibake_runs", 0)),
        "mojibake_repaired": int(mojibake.get("mojibake_repaired", 0)),
        "mojibake_lost": int(mojibake.get("mojibake_lost", 0)),
    }
