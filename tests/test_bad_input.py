"""A folder of good and bad files: good ones are read, bad ones named with a reason."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from tifa.cli import main
from tifa.corpus import read_corpus
from tifa.errors import IngestError
from tifa.paths import SEEDS


@pytest.fixture
def messy_folder(tmp_path):
    folder = tmp_path / "messy"
    folder.mkdir()
    shutil.copy(SEEDS / "002_b317a05d6deb3d65.txt", folder / "good_utf8.txt")
    text = (SEEDS / "004_887235e958cf192e.txt").read_text(encoding="utf-8")
    (folder / "good_gbk.txt").write_bytes(text.split("试读结束")[0].replace("\u2014", "-").encode("gbk", errors="replace"))
    (folder / "good_big5.txt").write_bytes("各位代表：現在，我代表市人民政府向大會報告工作，請予審議。堅持穩中求進工作總基調。".encode("big5"))
    (folder / "good_utf16.txt").write_bytes("各位代表：现在，我代表国务院向大会报告政府工作。".encode("utf-16"))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "undetectable.txt").write_bytes(bytes([0x81, 0x30, 0xFE, 0x39, 0xFF, 0x80]) * 50)
    (folder / "broken_front_matter.md").write_text("---\ntitle: [未闭合\ndate: 2022\n---\n正文内容。", encoding="utf-8")
    (folder / "sub").mkdir()
    shutil.copy(SEEDS / "002_b317a05d6deb3d65.txt", folder / "sub" / "good_utf8.txt")
    return folder


def _digests(folder):
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_good_files_read_bad_files_reported(messy_folder):
    before = _digests(messy_folder)
    corpus = read_corpus(messy_folder)
    assert sorted(d.doc_id for d in corpus) == ["good_big5", "good_gbk", "good_utf16", "good_utf8"]
    reasons = {f["path"].split("/")[-1]: f["reason"] for f in corpus.failures}
    assert set(reasons) == {"binary.txt", "empty.txt", "undetectable.txt", "broken_front_matter.md", "good_utf8.txt"}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "encoding not detected" in reasons["undetectable.txt"]
    assert "front matter" in reasons["broken_front_matter.md"] and "YAML" in reasons["broken_front_matter.md"]
    assert "already used by" in reasons["good_utf8.txt"]
    assert _digests(messy_folder) == before  # no input modified


def test_encodings_detected_and_recorded(messy_folder):
    corpus = read_corpus(messy_folder)
    encodings = {d.doc_id: d.quality["encoding"] for d in corpus}
    assert encodings["good_gbk"] == "gb18030"
    assert encodings["good_big5"] == "big5"
    assert encodings["good_utf16"].startswith("utf-16") or encodings["good_utf16"] == "utf_16"
    assert "坚持稳中求进工作总基调" in corpus["good_big5"].text
    assert "争先进位" in corpus["good_gbk"].text


def test_on_error_raise_stops_with_the_file_named(messy_folder):
    with pytest.raises(IngestError, match="binary.txt"):
        read_corpus(messy_folder, on_error="raise")


def test_cli_exit_status_says_some_failed(messy_folder, capsys):
    status = main(["ingest", str(messy_folder), "--report", "--format", "csv"])
    captured = capsys.readouterr()
    assert status == 1
    assert "binary.txt" in captured.err and "empty.txt" in captured.err
    assert captured.out.count("\n") == 5  # header + four good documents


def test_jsonl_rows_with_errors_keep_good_rows(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(
        '{"doc_id": "a", "text": "坚持稳中求进工作总基调。", "year": 2019}\n'
        "{not json}\n"
        '{"doc_id": "b", "content": "推进放管服改革。", "region": "东部"}\n'
        '{"doc_id": "c", "title": "没有正文"}\n',
        encoding="utf-8",
    )
    corpus = read_corpus(path)
    assert corpus.doc_ids == ["a", "b"]
    assert corpus["a"].docvars["year"] == 2019 and corpus["b"].docvars["region"] == "东部"
    assert [f["path"].rsplit(":", 1)[1] for f in corpus.failures] == ["2", "4"]
