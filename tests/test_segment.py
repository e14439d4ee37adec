"""Tokens: backends, protected numbers, user terms, stopwords, frequencies."""

from __future__ import annotations

import collections
import re

import pandas as pd
import pytest

from tifa.errors import OptionError, TifaError
from tifa.paths import SEEDS
from tifa.segment import (
    RE_NUMBER,
    STOPWORDS_PATH,
    check_user_terms,
    find_tokens,
    find_tokens_in_text,
    load_stopwords,
    make_tokenizer,
    remove_stopwords,
    segment,
    tokens_frequency,
)

# Sentences copied verbatim from the shipped corpora (normalized form).
GUANGDONG_2025 = "地方一般公共预算收入1.35万亿元，连续34年居全国首位。进出口总额突破9万亿元、增长9.8%，总量连续39年居全国首位，贡献了全国38.7%的贸易增量。"
NEIMENGGU_2025 = "引进到位资金超5300亿元，提前一年实现三年引资1万亿元目标。"
NATIONAL_2017 = "国内生产总值达到74.4万亿元，增长6.7%，名列世界前茅，对全球经济增长的贡献率超过30%。全年城镇新增就业1314万人。"
NATIONAL_2017_INFRA = "新建改建高速公路6700多公里、农村公路29万公里。新增第四代移动通信用户3.4亿、光缆线路550多万公里。"
BACKENDS = ["jieba", "char", "bigram"]


def seed_sentence(prefix: str, needle: str) -> str:
    """The sentence (up to 。) of a seed file that contains ``needle``."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"[^。\n]*{re.escape(needle)}[^。\n]*", text)
    assert match, f"{needle!r} not in {path.name}"
    return match.group(0)


@pytest.fixture(scope="module")
def plain_jieba():
    """A second private jieba tokenizer, to show what jieba does on its own."""
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


# --- numbers -----------------------------------------------------------------


def test_jieba_alone_tears_numbers_apart(plain_jieba):
    # The problem the number protection solves (if jieba ever stops doing this,
    # the protection is harmless but this test tells us).
    words = plain_jieba.lcut("地方一般公共预算收入1.35万亿元")
    assert "1.35" in words and "1.35万亿元" not in words


@pytest.mark.parametrize("backend", BACKENDS)
def test_numbers_are_single_tokens_in_corpus_sentences(backend):
    tokens = segment(GUANGDONG_2025 + NEIMENGGU_2025 + NATIONAL_2017, tokenizer=backend, user_terms=())
    for number in ["1.35万亿元", "9万亿元", "9.8%", "38.7%", "5300亿元", "1万亿元", "74.4万亿元", "6.7%", "30%", "1314万"]:
        assert number in tokens, (backend, number)
    # digits never end up in a token of their own when they belong to an amount
    assert "1.35" not in tokens and "万亿元" not in tokens


@pytest.mark.parametrize("backend", BACKENDS)
def test_numbers_with_approximation_and_ranges_from_seeds(backend):
    sentence = seed_sentence("000", "农业产业园的申报")  # 争取创建5-6个省级农业产业园、1-2个国家级…
    tokens = segment(sentence, tokenizer=backend, user_terms=())
    assert "5-6" in tokens and "1-2" in tokens
    sentence = seed_sentence("004", "低效用地整治")  # 对税收低于5万元/亩的企业亮黄牌，明年6月底前…
    tokens = segment(sentence, tokenizer=backend, user_terms=())
    assert "5万元" in tokens and "6" in tokens
    tokens = segment(NATIONAL_2017_INFRA, tokenizer=backend, user_terms=())
    assert {"6700", "29万", "3.4亿", "550多万"} <= set(tokens)


def test_number_pattern_edges():
    # whole matches
    for number in ["6.5%", "3480万元", "1.4万亿", "1.4万亿元", "1,200", "9:00", "6.5-7%", "5—6%", "12亿美元", "2.5‰"]:
        assert RE_NUMBER.fullmatch(number), number
    # not numbers of their own: digits glued to Latin letters stay with them
    assert RE_NUMBER.search("5G基站") is None
    assert RE_NUMBER.search("PM2.5浓度") is None
    # 千瓦 is a unit (kilowatt), not a magnitude: 100万千瓦 → 100万 + 千瓦
    assert RE_NUMBER.search("装机100万千瓦").group(0) == "100万"


def test_latin_tokens_are_lowercased_and_kept_whole():
    table = find_tokens_in_text(seed_sentence("004", "GDP增长"), "s004", tokenizer="jieba", user_terms=())
    row = table[table["text"] == "GDP"].iloc[0]
    assert row["token"] == "gdp" and row["kind"] == "latin"
    assert segment("建成5G基站", tokenizer="char") == ["建", "成", "5G", "基", "站"]


# --- offsets and coverage ------------------------------------------------------


@pytest.mark.parametrize("backend", ["jieba", "char"])
def test_offsets_point_into_text_and_cover_it(backend):
    text = seed_sentence("002", "一号发展工程") + "\n" + GUANGDONG_2025
    table = find_tokens({"d": text}, tokenizer=backend, user_terms=(), punctuation=True)
    assert (table["text"] == [text[s:e] for s, e in zip(table["start"], table["end"])]).all()
    # non-overlapping, in order, and together they are the text minus whitespace
    assert (table["start"].iloc[1:].to_numpy() >= table["end"].iloc[:-1].to_numpy()).all()
    assert "".join(table["text"]) == re.sub(r"\s+", "", text)
    assert set(table["kind"]) <= {"word", "number", "latin", "punctuation"}
    assert list(table.columns) == ["doc_id", "start", "end", "text", "token", "kind"]


def test_punctuation_dropped_by_default():
    table = find_tokens_in_text(NEIMENGGU_2025, tokenizer="jieba", user_terms=())
    assert "，" not in set(table["text"]) and "punctuation" not in set(table["kind"])


def test_bigrams_overlap_within_han_runs():
    table = find_tokens_in_text("推动高质量发展，增长5%", tokenizer="bigram")
    assert table["text"].tolist() == ["推动", "动高", "高质", "质量", "量发", "发展", "增长", "5%"]
    assert table["start"].tolist() == [0, 1, 2, 3, 4, 5, 8, 10]


def test_find_tokens_over_several_documents_keeps_order():
    table = find_tokens({"b": NEIMENGGU_2025, "a": NATIONAL_2017}, tokenizer="char")
    assert table["doc_id"].unique().tolist() == ["b", "a"]


# --- tokenizer parameter --------------------------------------------------------


def test_callable_tokenizer_offsets_recovered():
    text = "稳就业 保民生"
    table = find_tokens_in_text(text, tokenizer=str.split)
    assert table[["start", "end"]].to_numpy().tolist() == [[0, 3], [4, 7]]
    with pytest.raises(TifaError, match="substrings"):
        segment(text, tokenizer=lambda s: ["不在文中"])


def test_invalid_tokenizer_name_lists_valid_ones():
    with pytest.raises(OptionError, match="'bigram', 'char', 'jieba'"):
        make_tokenizer("pkuseg")  # type: ignore[arg-type]


def test_segmenter_is_sklearn_style_callable():
    seg = make_tokenizer("char")
    assert seg("增长6.5%") == ["增", "长", "6.5%"]


# --- user terms ------------------------------------------------------------------

SLOGANS = ["统筹发展和安全", "全过程人民民主", "大众创业、万众创新"]


def test_user_terms_are_kept_whole_on_a_private_tokenizer():
    import jieba

    sentence = "坚持统筹发展和安全，发展全过程人民民主。"
    assert "统筹发展和安全" not in segment(sentence, tokenizer="jieba", user_terms=())
    tokens = segment(sentence, tokenizer="jieba", user_terms=SLOGANS)
    assert "统筹发展和安全" in tokens and "全过程人民民主" in tokens
    # the global jieba dictionary is untouched
    assert "统筹发展和安全" not in jieba.dt.FREQ


def test_check_user_terms_reports_ineffective_terms():
    seg = make_tokenizer("jieba", user_terms=SLOGANS)
    contexts = [
        "打造大众创业、万众创新和增加公共产品、公共服务“双引擎”。",
        "坚持统筹发展和安全，发展全过程人民民主。",
    ]
    report = check_user_terms(seg, SLOGANS, contexts=contexts)
    # the enumerated slogan cannot be one jieba token (jieba never joins across 、)
    assert report["term"].tolist() == ["大众创业、万众创新"]
    row = report.iloc[0]
    assert bool(row["split_alone"]) and row["occurrences"] == 1 and row["split_occurrences"] == 1
    assert "万众" in row["example"]


def test_check_user_terms_detects_a_split_in_context():
    # 改革开放 is one token alone, but in this sentence of the 1988 report jieba
    # prefers 推进改革 / 开放.
    seg = make_tokenizer("jieba", user_terms=SLOGANS)
    report = check_user_terms(seg, ["改革开放"], contexts=["在坚持四项基本原则和推进改革开放的过程中"])
    assert report["term"].tolist() == ["改革开放"]
    assert not report.iloc[0]["split_alone"]
    assert report.iloc[0]["split_occurrences"] == 1


def test_default_user_dictionary_is_the_tifa_lexicon():
    from tifa import lexicon

    seg = make_tokenizer("jieba")
    assert set(seg.user_terms) == set(lexicon.user_dictionary_words())
    assert len(seg.user_terms) > 300
    # forms with punctuation cannot be jieba words and are left out of the dictionary
    assert "双随机、一公开" in lexicon.lexicon_terms() and "双随机、一公开" not in seg.user_terms
    # lexicon terms with digits are not cut apart by the number protection
    for term in ["中国制造2025", "211工程", "21世纪海上丝绸之路"]:
        assert segment(term) == [term]
    assert "中国制造2025" in segment("要实施“中国制造2025”，坚持创新驱动")
    # a lexicon formulation that plain jieba splits comes out whole
    sentence = "加快发展新质生产力，推进中国式现代化。"
    assert "新质生产力" not in segment(sentence, user_terms=())
    assert {"新质生产力", "中国式现代化"} <= set(segment(sentence))


# --- stopwords and frequencies -------------------------------------------------------


def test_stopword_file_has_provenance_and_function_words_only():
    header = STOPWORDS_PATH.read_text(encoding="utf-8").split("\n\n")[0]
    assert "Provenance" in header and "license" in header
    words = load_stopwords()
    assert {"的", "了", "和", "在", "是", "我们"} <= words
    assert not {"发展", "建设", "改革", "坚持", "人民"} & words
    lines = [l.strip() for l in STOPWORDS_PATH.read_text(encoding="utf-8").splitlines()]
    entries = [l for l in lines if l and not l.startswith("#")]
    assert len(entries) == len(set(entries)), "duplicate stopwords"


def test_stopwords_remove_the_most_frequent_function_words_of_a_speech():
    text = (SEEDS.glob("004_*.txt").__next__()).read_text(encoding="utf-8")
    table = find_tokens_in_text(text, tokenizer="jieba", user_terms=())
    before = tokens_frequency(table)["token"].head(5).tolist()
    assert "的" in before
    after = tokens_frequency(remove_stopwords(table))
    assert not set(after["token"].head(20)) & load_stopwords()
    assert len(after) < len(tokens_frequency(table))


def test_tokens_frequency_matches_counter_and_groups():
    docs = {"a": NATIONAL_2017 + NATIONAL_2017_INFRA, "b": GUANGDONG_2025, "c": NEIMENGGU_2025}
    table = find_tokens(docs, tokenizer="jieba", user_terms=())
    freq = tokens_frequency(table)
    counter = collections.Counter(table["token"])
    assert dict(zip(freq["token"], freq["frequency"])) == dict(counter)
    assert freq["frequency"].is_monotonic_decreasing
    assert freq["proportion"].sum() == pytest.approx(1.0)
    top = freq.iloc[0]
    assert top["rank"] == 1 and top["frequency"] == max(counter.values())
    # docfreq: 全国 occurs in b twice and nowhere else
    row = freq[freq["token"] == "全国"].iloc[0]
    assert (row["frequency"], row["docfreq"]) == (3, 1)

    table["region"] = table["doc_id"].map({"a": "national", "b": "province", "c": "province"})
    by_region = tokens_frequency(table, by="region")
    assert by_region.columns.tolist()[:2] == ["region", "token"]
    province = by_region[by_region["region"] == "province"]
    assert province["frequency"].sum() == (table["region"] == "province").sum()
    assert province.loc[province["token"] == "居", "docfreq"].item() == 1
    assert by_region.groupby("region")["proportion"].sum().round(9).eq(1).all()


def test_tokens_frequency_of_empty_table():
    empty = find_tokens({"a": "。"}, tokenizer="char")
    assert tokens_frequency(empty).empty
    assert isinstance(tokens_frequency(empty), pd.DataFrame)


def test_find_tokens_on_a_corpus_offsets_into_normalized_text():
    from tifa.datasets import load_seeds

    corpus = load_seeds()
    table = find_tokens(corpus, tokenizer="jieba")
    assert table["doc_id"].unique().tolist() == corpus.doc_ids
    for doc_id, part in table.groupby("doc_id"):
        text = corpus[doc_id].text
        assert part["text"].tolist() == [text[s:e] for s, e in zip(part["start"], part["end"])]
    # seed 001 (traditional script, normalized to simplified): its amounts are whole tokens
    amounts = set(table.loc[table["doc_id"].str.startswith("001") & (table["kind"] == "number"), "token"])
    assert {"180.39亿元", "32.12亿元", "85.44%"} <= amounts
