"""The command line on the seeds: tables, formats, atomic output."""

from __future__ import annotations

import json

from tifa.cli import main
from tifa.paths import SEEDS


def test_ingest_report_table(capsys):
    assert main(["ingest", str(SEEDS), "--report", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("doc_id,format,encoding")
    row = next(line for line in lines if line.startswith("001_"))
    assert ",traditional," in row


def test_ingest_json_and_out_file(tmp_path, capsys):
    out = tmp_path / "report.json"
    assert main(["ingest", str(SEEDS), "--report", "--format", "json", "--out", str(out)]) == 0
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [r["doc_id"][:3] for r in records] == ["000", "001", "002", "003", "004"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_ingest_writes_normalized_texts(tmp_path):
    assert main(["ingest", str(SEEDS), "--text-dir", str(tmp_path), "--format", "csv"]) == 0
    assert "依托县域医共体" in (tmp_path / "001_ab862bf384cb27d5.txt").read_text(encoding="utf-8")


def test_missing_path_is_reported(tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "nothing.txt"), "--format", "csv"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_profile_has_one_row_per_document_and_the_three_measures(capsys):
    import io

    import pandas as pd

    assert main(["profile", str(SEEDS), "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert len(table) == 5 and table["doc_id"].is_unique
    assert not [c for c in table.columns if c.endswith(("_x", "_y"))]
    for column in ("characters", "slogan_per_10k", "target_rate", "formulaicity"):
        assert column in table.columns, column
    assert table.set_index("doc_id").loc["004_887235e958cf192e", "masked_share"] > 0.5
