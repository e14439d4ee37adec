"""The main job: every output written, indexed, and byte-identical across two runs."""

from __future__ import annotations

import hashlib

import pytest

from tifa.figures import OUTPUT_SPECS, build_figures


def _digests(folder, patterns=("*.csv", "*.tex", "*.svg", "*.pdf", "INDEX.md")):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for pattern in patterns for p in folder.glob(pattern)}


@pytest.mark.slow
def test_main_job_is_complete_and_deterministic(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    written = build_figures(first)
    build_figures(second)
    names = {p.name for p in written}
    for spec in OUTPUT_SPECS:
        assert any(name.startswith(spec.name + ".") for name in names), spec.name
    figures = {p.stem for p in first.glob("*.png")}
    assert {"headline_targets", "slogan_rates_by_region", "keyness_provincial_vs_national"} <= figures
    for stem in figures:
        assert {f"{stem}.pdf", f"{stem}.svg"} <= names
    index = (first / "INDEX.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in index for name in names if name != "INDEX.md")
    assert _digests(first) == _digests(second)
