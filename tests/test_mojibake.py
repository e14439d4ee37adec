"""Mojibake repair on real text: seed 001, the other seeds and the shipped corpora."""

from __future__ import annotations

import json
import random
import re

import docx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tifa.errors import OptionError
from tifa.ingest.mojibake import (
    LOST,
    MOJIBAKE_COLUMNS,
    PYTHON_CODECS,
    MojibakeReport,
    find_mojibake,
    repair_mojibake,
)
from tifa.offsets import Edit, apply_edits
from tifa.paths import NATIONAL_CORPUS, PROVINCIAL_CORPUS, SEEDS

RE_CLAUSE = re.compile(r"[^。？！\n]+[。？！]")


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def fold(text: str) -> str:
    """Full-width ASCII to ASCII, as was done to seed 001 after the damage."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)


def damage(original: str, inside: tuple[int, ...] = (), after: tuple[int, ...] = (), codec: str = "gbk") -> str:
    """Reproduce the damage: encode, decode in pieces that split characters, clean up.

    The byte stream is cut right after the lead byte of each character listed in
    ``inside`` and right after each character listed in ``after``; every piece is
    decoded on its own (a split character's lead byte becomes U+FFFD, the next
    piece starts on its trail byte), private-use characters are deleted, U+FFFD
    becomes ``?`` and full-width ASCII is folded.
    """
    python_codec = PYTHON_CODECS[codec]
    data = bytearray()
    starts = []
    for char in original:
        starts.append(len(data))
        data += char.encode(python_codec)
    starts.append(len(data))
    cuts = sorted({starts[i] + 1 for i in inside} | {starts[i + 1] for i in after})
    pieces = []
    previous = 0
    for cut in [*cuts, len(data)]:
        pieces.append(bytes(data[previous:cut]).decode(python_codec, errors="replace"))
        previous = cut
    return fold(re.sub("[\ue000-\uf8ff]", "", "".join(pieces)).replace("\ufffd", "?"))


@pytest.fixture(scope="module")
def seed_001():
    text = seed_text("001")
    edits, report = repair_mojibake(text)
    return text, edits, report, apply_edits(text, edits)[0]


# --- the damage ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "inside", "after", "damaged"),
    [
        ("問題。“依托縣域", (2,), (), "問題?!耙劳锌h域"),
        ("特色專科建設。", (2,), (), "特色??平ㄔO。"),
        ("更規范。科學民主", (3,), (), "更規范??茖W民主"),
        ("治療。基本實現“大病", (2,), (), "治療?;緦崿F“大病"),  # 本實 → a private-use pair, deleted
        ("規模化發展", (1,), (), "規?;l展"),  # 化發 → a private-use pair, deleted
        ("學校”。", (1,), (2,), "學?!?。"),  # a second cut after ”
        ("縮小;到", (1,), (), "縮??;到"),
    ],
)
def test_damage_mechanism_reproduces_the_seed(original, inside, after, damaged):
    # GBK bytes read one off after a split character give exactly the seed's runs.
    assert damage(original, inside, after) == damaged
    assert damaged in seed_text("001")


# --- seed 001 --------------------------------------------------------------------


@pytest.mark.parametrize(
    "repaired",
    [
        "問題。“依托縣域醫共體",
        "特色專科醫院",
        "更規范。科學民主",
        "成效初顯。“大東山溫泉”",
        "治療。基本實現“大病不出縣”",
        "規模化發展",
    ],
)
def test_seed_001_runs_are_repaired(seed_001, repaired):
    text, _, _, fixed = seed_001
    assert repaired not in text
    assert repaired in fixed


@pytest.mark.parametrize(
    ("context", "suggestion"),
    [
        # One byte of 專 survives, but "特色。科建設" is nearly as likely (odds < 20).
        ("特色�科建設。", "專科建設"),
        # Both bytes of 小 are gone; 縮短 is as idiomatic as 縮小, so it stays lost.
        ("差距明顯縮�;", "小"),
        ("傳承學�”。", "校”"),
    ],
)
def test_seed_001_lost_characters_are_marked_with_a_guess(seed_001, context, suggestion):
    _, _, report, fixed = seed_001
    assert context in fixed
    assert any(run.suggestion == suggestion and LOST in run.repaired for run in report.runs)


def test_seed_001_counts(seed_001):
    # Measured on the seed; see the module docs for how each character is classed.
    _, _, report, fixed = seed_001
    assert (report.runs_found, report.chars_repaired, report.chars_lost, report.chars_inferred) == (11, 33, 7, 12)
    assert fixed.count(LOST) == report.chars_lost == sum(run.lost for run in report.runs)
    assert report.chars_repaired == sum(len(run.repaired) - run.lost for run in report.runs)


def test_seed_001_every_question_mark_was_damage(seed_001):
    text, _, _, fixed = seed_001
    assert text.count("?") == 17
    assert "?" not in fixed


def test_seed_001_edits_are_well_formed(seed_001):
    text, edits, report, _ = seed_001
    assert isinstance(report, MojibakeReport)
    assert all(isinstance(e, Edit) and e.step == "mojibake" and e.note for e in edits)
    assert [(e.start, e.end) for e in edits] == [(r.start, r.end) for r in report.runs]
    assert all(a.end <= b.start for a, b in zip(edits, edits[1:]))
    for run in report.runs:
        assert text[run.start : run.end] == run.damaged
        assert run.damaged[0] == "?" and run.codec == "gbk"
        assert len(run.suggestion) == len(run.repaired) and LOST not in run.suggestion
        assert run.lost == run.repaired.count(LOST)


def test_seed_001_through_the_cleaning_pipeline():
    from tifa.ingest.pipeline import clean_text

    result = clean_text(seed_text("001"))
    assert "依托县域医共体" in result.text
    assert "特色专科医院" in result.text
    assert "更规范。科学民主" in result.text
    assert result.quality["mojibake_runs"] == 11


def test_find_mojibake_matches_the_report(seed_001):
    text, _, report, _ = seed_001
    table = find_mojibake(text, "seed-001")
    assert list(table.columns) == MOJIBAKE_COLUMNS
    assert (table["kind"] == "mojibake").all() and (table["doc_id"] == "seed-001").all()
    assert table["start"].is_monotonic_increasing
    assert table["text"].tolist() == [r.damaged for r in report.runs]
    assert table["lost"].sum() == report.chars_lost


def test_invalid_codec_is_named():
    with pytest.raises(OptionError, match="big5"):
        repair_mojibake("問題?!耙劳锌h域", codecs=("utf-16",))


# --- clean text ------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_no_detection_in_other_seeds(prefix):
    text = seed_text(prefix)
    edits, report = repair_mojibake(text)
    assert edits == [] and report.runs_found == 0
    assert find_mojibake(text).empty


def test_other_seeds_do_have_question_marks():
    # So the test above is about real question marks, not about their absence.
    assert sum(len(re.findall("[?？]", seed_text(p))) for p in ["000", "003", "004"]) >= 5


@pytest.fixture(scope="module")
def national_texts():
    with open(NATIONAL_CORPUS / "national_gwr_1954_2019.jsonl", encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle]


def test_no_detection_in_the_national_corpus(national_texts):
    assert len(national_texts) == 47
    assert sum(t.count("？") for t in national_texts) > 50
    assert [i for i, t in enumerate(national_texts) if repair_mojibake(t)[0]] == []


def test_no_detection_in_the_provincial_corpus():
    paths = sorted(PROVINCIAL_CORPUS.glob("*.docx"))
    assert len(paths) == 31
    found = []
    for path in paths:
        text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        if repair_mojibake(text)[0]:
            found.append(path.name)
    assert found == []


@pytest.fixture(scope="module")
def clauses(national_texts):
    """Clauses of real reports; those with ASCII (5G, PM2.5, GDP) give readings to score."""
    texts = national_texts[-4:] + [
        "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        for path in sorted(PROVINCIAL_CORPUS.glob("*.docx"))[:8]
    ]
    found = sorted({m.group() for t in texts for m in RE_CLAUSE.finditer(t) if 8 <= len(m.group()) <= 60})
    with_ascii = [c for c in found if re.search("[A-Za-z]", c)]
    assert len(with_ascii) >= 20
    return with_ascii * 5 + found[:: max(1, len(found) // 500)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_clean_text_is_left_unchanged(clauses, data):
    picked = data.draw(st.lists(st.sampled_from(clauses), min_size=1, max_size=8))
    ends = data.draw(st.lists(st.sampled_from(["。", "？", "?", "！", "，"]), min_size=len(picked), max_size=len(picked)))
    text = "".join(clause[:-1] + end for clause, end in zip(picked, ends))
    edits, report = repair_mojibake(text)
    assert apply_edits(text, edits)[0] == text
    assert report.runs_found == 0


# --- damage made on purpose -------------------------------------------------------


def clean_lines_of_seed_001() -> str:
    return "\n".join(line for line in seed_text("001").split("\n") if "?" not in line)


def unfold(text: str) -> str:
    """Seed 001 before its punctuation was folded (the bytes that were damaged)."""
    return "".join(chr(ord(c) + 0xFEE0) if c in ",;:()!?" else c for c in text)


@pytest.mark.parametrize("codec", ["gbk", "big5"])
def test_made_damage_is_found_and_mostly_restored(codec):
    original = unfold(clean_lines_of_seed_001())
    python_codec = PYTHON_CODECS[codec]
    original = "".join(c for c in original if c == "\n" or len(c.encode(python_codec, errors="ignore")) in (1, 2))
    rng = random.Random(7)
    splittable = [i for i, c in enumerate(original) if i and len(c.encode(python_codec)) == 2]
    inside = tuple(sorted(rng.sample(splittable, 8)))
    damaged = damage(original, inside, codec=codec)
    truth = fold(original)
    edits, report = repair_mojibake(damaged, codecs=(codec,))
    repaired = fold(apply_edits(damaged, edits)[0])
    assert report.runs_found >= 7
    # Runs restored to the right length read exactly like the original, lost
    # characters aside; count them by the text that follows each run.
    exact = wrong = 0
    shift = 0
    for edit in edits:
        start = edit.start + shift
        shift += len(edit.replacement) - (edit.end - edit.start)
        before = repaired[max(0, start - 10) : start]
        if truth.count(before) != 1:
            continue
        at = truth.index(before) + len(before)
        length = len(edit.replacement)
        if repaired[start + length : start + length + 8] != truth[at + length : at + length + 8]:
            continue
        got, want = repaired[start : start + length], truth[at : at + length]
        exact += 1
        wrong += sum(1 for g, w in zip(got, want) if g != w and g != LOST)
    assert exact >= 6
    assert wrong <= 1


def test_repair_is_a_pure_function(seed_001):
    text, edits, report, _ = seed_001
    assert repair_mojibake(text) == (edits, report)
    assert isinstance(find_mojibake(text), pd.DataFrame)
