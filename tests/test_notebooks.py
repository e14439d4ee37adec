"""Every notebook runs top to bottom, with its default parameters and with a corpus path."""

from __future__ import annotations

import jupytext
import papermill
import pytest

from tifa.paths import NOTEBOOKS, SEEDS

NOTEBOOK_SOURCES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))


def test_notebooks_are_numbered_and_paired():
    names = [p.stem for p in NOTEBOOK_SOURCES]
    assert names[:5] == ["01_corpus_overview", "02_slogans", "03_numeric_targets", "04_formulaic_phrasing", "05_regions_and_years"]
    assert "06_classroom" in names and "06_classroom_answers" in names
    for source in NOTEBOOK_SOURCES:
        paired = source.with_suffix(".ipynb")
        assert paired.exists(), f"{paired.name} missing: run `make notebooks`"
        notebook = jupytext.read(paired)
        assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), f"{paired.name} has outputs"
        assert [c.source for c in notebook.cells] == [c.source for c in jupytext.read(source).cells], f"{paired.name} out of sync"
        assert any("parameters" in c.metadata.get("tags", []) for c in notebook.cells), f"{paired.name} has no parameters cell"


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize("source", NOTEBOOK_SOURCES, ids=lambda p: p.stem)
def test_notebook_executes(source, tmp_path):
    parameters = {"corpus_path": str(SEEDS)} if source.stem != "06_classroom" else {}
    papermill.execute_notebook(
        str(source.with_suffix(".ipynb")),
        str(tmp_path / f"{source.stem}.ipynb"),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(NOTEBOOKS),
        progress_bar=False,
    )
