"""Ingestion of the five seeds and the shipped corpora: what the foundation promises."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tifa.paths import SEEDS

RE_HAN_SPACE_HAN = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")
SHARED_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def test_seeds_are_verbatim_copies():
    files = sorted(p for p in SEEDS.glob("*.txt"))
    assert len(files) == 5
    if SHARED_SEEDS.is_dir():
        for path in files:
            assert path.read_bytes() == (SHARED_SEEDS / path.name).read_bytes(), path.name


def test_seed_001_is_traditional_and_normalized_to_simplified(seeds):
    doc = seeds["001_ab862bf384cb27d5"]
    assert doc.quality["script"] == "traditional"
    assert "政府工作报告" in doc.text and "報告" not in doc.text
    assert doc.raw.startswith("政 府 工 作 報 告")


def test_seed_001_mojibake_repaired(seeds):
    doc = seeds["001_ab862bf384cb27d5"]
    assert "依托县域医共体" in doc.text
    assert doc.quality["mojibake_runs"] > 0
    assert doc.quality["mojibake_repaired"] > 0


def test_seed_003_spacing_repaired(seeds):
    doc = seeds["003_77d8f3c9a3dd5a67"]
    assert RE_HAN_SPACE_HAN.search(doc.text) is None
    assert "非常重要的会议" in doc.text and "干成事" in doc.text
    assert doc.quality["spacing_repairs"] > 100
    # site header and disclaimers are gone, the speech title stays
    assert "淘文库" not in doc.text and "客服" not in doc.text and "KB" not in doc.text
    assert doc.text.startswith("在全区产业发展现场观摩总结会上的讲话")


def test_seed_000_has_no_markup_or_url(seeds):
    doc = seeds["000_4c1513da555ffe51"]
    assert "<" not in doc.text and ">" not in doc.text
    assert not re.search(r"https?:|//|www\.|\.html", doc.text)
    assert "返回" not in doc.text and "文章来源" not in doc.text
    # the front matter became metadata, not text
    assert doc.docvars["title"].startswith("事关每个连州人")
    assert doc.text.startswith("2月8日，正月初八")


def test_seed_004_ends_before_the_advert(seeds):
    doc = seeds["004_887235e958cf192e"]
    assert "试读结束" not in doc.text and "微信" not in doc.text and "data:image" not in doc.text
    assert doc.text.endswith("“零跑腿”（全")
    removed = doc.cleaning[doc.cleaning["step"] == "boilerplate"]
    assert removed["note"].tolist() == ["trial_end"]
    assert "如若转载" in removed["removed"].iloc[0]


def test_redactions_recorded_as_spans(seeds):
    doc = seeds["004_887235e958cf192e"]
    spans = doc.redactions
    assert (spans["kind"] == "redaction").all()
    assert len(spans) == doc.quality["redactions"] > 10
    for row in spans.itertuples():
        assert doc.text[row.start : row.end] == row.text
    assert {"number", "name"} <= set(spans["role"])
    assert seeds["003_77d8f3c9a3dd5a67"].quality["redactions"] > 50


def test_every_normalized_span_maps_to_its_raw_characters(seeds):
    doc = seeds["003_77d8f3c9a3dd5a67"]
    for term in ("会议", "年中大考", "干成事"):
        start = doc.text.index(term)
        raw_start, raw_end = doc.to_raw(start, start + len(term))
        assert re.sub(r"\s+", "", doc.raw[raw_start:raw_end]) == term
    doc = seeds["001_ab862bf384cb27d5"]
    start = doc.text.index("穩中求進".replace("穩", "稳").replace("進", "进"))
    assert doc.raw[slice(*doc.to_raw(start, start + 4))] == "穩中求進"


def test_cleaning_never_touches_input_files(tmp_path):
    from tifa.corpus import read_corpus

    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.iterdir()}
    read_corpus(SEEDS)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.iterdir()}
    assert before == after


def test_seed_manifest_records_inferred_metadata(seeds):
    docvars = seeds.docvars
    assert docvars.loc["003_77d8f3c9a3dd5a67", "prefecture"] == "济南市"
    assert "黄河" in docvars.loc["003_77d8f3c9a3dd5a67", "evidence"]
    assert docvars.loc["001_ab862bf384cb27d5", "speaker"] == "戴少枚"
    assert docvars.loc["004_887235e958cf192e", "redacted"]
    assert set(docvars["level"]) == {"county", "prefecture"}


@pytest.mark.slow
def test_shipped_corpora_ingest_without_failures(national, provincial):
    assert len(national) == 47 and national.failures == []
    assert len(provincial) == 31 and provincial.failures == []
    assert national.docvars["characters"].sum() > 800_000
    for doc in provincial:
        assert "来源：" not in doc.text[:200], doc.doc_id
    for doc in national:
        assert "本作品是中华人民共和国" not in doc.text and "Public domain" not in doc.text, doc.doc_id
        assert "\u200b" not in doc.text


@pytest.mark.slow
def test_wiki_link_breaks_joined_and_paragraphs_kept(national):
    doc = national["cn-national-gwr-1954"]
    assert "在听了刘少奇同志关于宪法草案的报告并进行了三天的讨论以后" in doc.text
    assert doc.text.count("\n") > 20  # paragraphs are still separate
    assert "国内生产总值达到74.4万亿元" in national["cn-national-gwr-2017"].text


@pytest.mark.slow
def test_government_work_reports_split_into_review_and_plan(national, provincial):
    split = [d.doc_id for d in list(national) + list(provincial) if "plan" in set(d.sections["label"])]
    recent = [d.doc_id for d in national if d.docvars["year"] >= 2003]
    assert set(recent) <= set(split)
    assert sum(d.doc_id.endswith("2025") for d in provincial if d.doc_id in split) >= 29
    doc = national["cn-national-gwr-2019"]
    assert doc.section_at(doc.text.index("国内生产总值增长6.6%")) == "review"
    assert doc.section_at(doc.text.index("国内生产总值增长6%-6.5%")) == "plan"
