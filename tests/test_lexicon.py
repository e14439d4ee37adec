"""The lexicon of national formulations: its data, its matcher, its jieba user dictionary."""

from __future__ import annotations

import logging
import re

import pandas as pd
import pytest

from tifa.lexicon import (
    LEXICON_COLUMNS,
    LEXICON_KINDS,
    LexiconError,
    LexiconMatcher,
    find_lexicon_terms,
    iter_terms_with_variants,
    lexicon_terms,
    load_lexicon,
    load_user_dictionary,
    national_source_year,
    read_user_dictionary,
    surface_forms,
    user_dictionary_words,
    write_user_dictionary,
)

CATEGORIES = {
    "guiding_thought", "strategy", "policy", "reform", "economy", "campaign", "numbered_formula",
    "party_building", "governance", "ecology", "social", "security", "diplomacy", "ideology",
}
RE_SQUASH = re.compile(r"[\s\u200b\ufeff]+")


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.fixture(scope="module")
def national_texts(national):
    """National reports by year, white space removed (line breaks of former wiki links split words)."""
    return {int(d.docvars["year"]): RE_SQUASH.sub("", d.text) for d in national}


def test_lexicon_shape(lexicon):
    assert list(lexicon.columns) == list(LEXICON_COLUMNS)
    assert len(lexicon) >= 300
    assert lexicon["term"].is_unique
    assert set(lexicon["level"]) == {"national"}
    assert set(lexicon["category"]) <= CATEGORIES
    assert lexicon["first_year"].notna().all()
    assert (lexicon["source"].str.strip() != "").all()
    # one surface form, one row (raises otherwise)
    forms = surface_forms(lexicon)
    assert len(forms) >= len(lexicon)
    for term in ["四个全面", "五位一体", "两个确立", "两个维护", "四个意识", "四个自信", "新发展理念",
                 "高质量发展", "放管服", "六稳", "六保", "共同富裕", "新质生产力", "一带一路"]:
        assert term in forms, term


def test_national_sources_are_the_first_shipped_report_with_the_term(lexicon, national_texts):
    """Every row citing cn-national-gwr-YYYY: the term is in that report and in no earlier one."""
    matcher = LexiconMatcher.from_lexicon(lexicon)
    first_seen: dict[int, int] = {}
    for year in sorted(national_texts):
        for _, _, _, row in matcher.find(national_texts[year], overlapping=True):
            first_seen.setdefault(row, year)
    cited = 0
    problems = []
    for row, (term, source, first_year, note) in enumerate(
        zip(lexicon["term"], lexicon["source"], lexicon["first_year"], lexicon["note"], strict=True)
    ):
        year = national_source_year(source)
        if year is None:
            if "not in shipped corpus" not in note:
                problems.append(f"{term}: central source without the 'not in shipped corpus' note")
            if row in first_seen:
                problems.append(f"{term}: marked not in corpus but found in {first_seen[row]}")
            continue
        cited += 1
        if year != first_year:
            problems.append(f"{term}: first_year {first_year} but source {source}")
        if first_seen.get(row) != year:
            problems.append(f"{term}: cites {year}, first found in {first_seen.get(row)}")
    assert not problems, "\n".join(problems)
    assert cited >= 300


def test_matcher_is_leftmost_longest_and_respects_contexts():
    spans = find_lexicon_terms("保持出口平稳增长，把稳增长放在首位，推进“十四五”规划，二十四五人。", "d")
    assert spans["text"].tolist() == ["稳增长", "十四五"]
    # nested forms: the longer one wins
    spans = find_lexicon_terms("坚持以人民为中心的发展思想", "d")
    assert spans["text"].tolist() == ["以人民为中心的发展思想"]
    assert spans["normalized"].tolist() == ["以人民为中心"]
    # the ordinal 第 blocks numeral-initial forms
    assert find_lexicon_terms("修建第三通道", "d").empty


def test_matcher_on_a_seed(seeds):
    text = seeds["002_b317a05d6deb3d65"].text
    found = set(find_lexicon_terms(text, "002")["normalized"])
    assert {"四个意识", "四个自信", "两个维护", "两个确立", "放管服", "国之大者"} <= found


def test_terms_and_variants(lexicon):
    terms = lexicon_terms()
    assert terms == sorted(set(terms))
    mapping = dict(iter_terms_with_variants(lexicon))
    assert "大众创业万众创新" in mapping["大众创业、万众创新"]


@pytest.fixture(scope="module")
def tokenizer_with_lexicon(tmp_path_factory):
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    path = write_user_dictionary(tmp_path_factory.mktemp("dict") / "user.dict", tokenizer=tokenizer)
    load_user_dictionary(tokenizer, path)
    return tokenizer


def test_user_dictionary_file(tmp_path):
    path = write_user_dictionary(tmp_path / "user.dict")
    entries = read_user_dictionary(path)
    words = [w for w, _, _ in entries]
    assert words == sorted(words) == user_dictionary_words()
    assert "一带一路" in words and "双随机、一公开" not in words
    assert all(frequency > 0 for _, frequency, _ in entries)


@pytest.mark.slow
def test_jieba_keeps_lexicon_terms_whole_in_corpus_sentences(tokenizer_with_lexicon, national, provincial):
    """On real sentences, a formulation found by the matcher is one token (or inside a longer one).

    The only allowed split is a conflict between two overlapping lexicon forms
    (振兴东北|东北地区等老工业基地), where the segmenter must choose one.
    """
    forms = set(user_dictionary_words())
    sentences = [
        s for d in [*national, *provincial] for s in re.split(r"[。！？；\n]", d.text) if s
    ]
    checked, failures = 0, []
    for sentence in sentences:
        spans = find_lexicon_terms(sentence)
        spans = spans[spans["text"].isin(forms)]
        if spans.empty:
            continue
        tokens = tokenizer_with_lexicon.lcut(sentence)
        bounds, position = [], 0
        for token in tokens:
            bounds.append((position, position + len(token), token))
            position += len(token)
        for start, end, text in zip(spans["start"], spans["end"], spans["text"], strict=True):
            checked += 1
            cutting = [(s, e, t) for s, e, t in bounds if s < end and e > start and not (s <= start and end <= e)]
            if cutting and not any(t in forms for _, _, t in cutting):
                failures.append(f"{text}: {' / '.join(t for _, _, t in cutting)}")
    assert checked > 5000
    assert failures == []
    # the complaint about peer tools: 一带一路 and 十九大-style names stay whole
    assert "一带一路" in tokenizer_with_lexicon.lcut("推动共建一带一路高质量发展")
    assert "两个确立" in tokenizer_with_lexicon.lcut("深刻领悟两个确立的决定性意义")


def test_user_dictionary_that_fails_to_load_raises(tmp_path, tokenizer_with_lexicon):
    missing = tmp_path / "missing.dict"
    with pytest.raises(LexiconError, match="cannot read"):
        load_user_dictionary(tokenizer_with_lexicon, missing)
    csv = tmp_path / "user.csv"
    pd.DataFrame({"term": ["一带一路"], "freq": [10]}).to_csv(csv, index=False)
    with pytest.raises(LexiconError, match="expected 'word frequency"):
        load_user_dictionary(tokenizer_with_lexicon, csv)
    gbk = tmp_path / "gbk.dict"
    gbk.write_bytes("一带一路 100 tf\n".encode("gbk"))
    with pytest.raises(LexiconError, match="UTF-8"):
        load_user_dictionary(tokenizer_with_lexicon, gbk)
    empty = tmp_path / "empty.dict"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="no words"):
        load_user_dictionary(tokenizer_with_lexicon, empty)
    # a word that loads but is still split (frequency 0 forces jieba to split it)
    zero = tmp_path / "zero.dict"
    zero.write_text("长江经济带 0 tf\n", encoding="utf-8")
    jieba = pytest.importorskip("jieba")
    fresh = jieba.Tokenizer()
    fresh.initialize()
    with pytest.raises(LexiconError, match="still split"):
        load_user_dictionary(fresh, zero)


def test_lexicon_kinds(lexicon, tmp_path):
    assert set(lexicon["kind"]) == set(LEXICON_KINDS)
    kind = lexicon.set_index("term")["kind"]
    assert kind["四个意识"] == kind["一国两制"] == kind["千万工程"] == "numbered_formula"
    assert kind["放管服"] == kind["最多跑一次"] == "slogan"
    assert kind["河长制"] == kind["九二共识"] == "term"  # a system's name; 九二 is the year 1992
    assert kind["南水北调"] == kind["互联网+"] == "programme"
    # every row of the numbered_formula category is a numbered formula, except plan names in words
    numbered = lexicon[lexicon["category"] == "numbered_formula"]
    assert (numbered["kind"] == "numbered_formula").mean() > 0.9
    # a file without the column: kinds come from the categories
    own = tmp_path / "own.csv"
    lexicon.drop(columns="kind").head(3).to_csv(own, index=False)
    assert load_lexicon(own)["kind"].tolist() == ["slogan", "slogan", "slogan"]
    bad = lexicon.head(2).copy()
    bad["kind"] = ["slogan", "motto"]
    bad.to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(LexiconError, match="unknown kind on line"):
        load_lexicon(tmp_path / "bad.csv")


def test_lexicon_errors(tmp_path):
    from tifa import errors

    assert LexiconError is errors.LexiconError and issubclass(LexiconError, errors.TifaError)
    bad = tmp_path / "lexicon.csv"
    bad.write_text("term,category\n六稳,numbered_formula\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="missing the column"):
        load_lexicon(bad)
    with pytest.raises(LexiconError, match="not found"):
        load_lexicon(tmp_path / "nope.csv")
