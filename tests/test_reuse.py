"""Text reuse between the seeds and across the shipped corpora."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from tifa.errors import TifaError
from tifa.reuse import REUSE_COLUMNS, find_reuse, summarize_reuse

SEED_000 = "000_4c1513da555ffe51"
SEED_001 = "001_ab862bf384cb27d5"
SEED_002 = "002_b317a05d6deb3d65"
SEED_004 = "004_887235e958cf192e"


@pytest.fixture(scope="module")
def reuse(seeds):
    return find_reuse(seeds)


def test_table_is_exact_sorted_and_deterministic(seeds, reuse):
    assert list(reuse.columns) == REUSE_COLUMNS
    assert (reuse["doc_id_a"] < reuse["doc_id_b"]).all()
    for row in reuse.itertuples():
        assert seeds[row.doc_id_a].text[row.start_a : row.end_a] == row.text_a
        assert seeds[row.doc_id_b].text[row.start_b : row.end_b] == row.text_b
        assert 0 < row.similarity <= 1
    assert set(reuse["match"]) == {"verbatim", "near"}
    pd.testing.assert_frame_equal(find_reuse(seeds), reuse)


def test_same_city_shares_programme_wording(reuse):
    """000 (2022 cadre meeting) and 001 (2023 report) come from one city."""
    verbatim = reuse[(reuse["match"] == "verbatim")]
    pairs = set(zip(verbatim["doc_id_a"], verbatim["doc_id_b"], strict=True))
    assert pairs == {(SEED_000, SEED_001)}
    texts = verbatim["text_a"].tolist()
    assert "深入实施“美丽乡村2025”行动计划" in texts
    assert "腾出土地发展绿色环保高效益产业" in texts
    assert (verbatim["similarity"] == 1.0).all()


def test_paraphrased_set_phrase_is_a_near_match(reuse):
    near = reuse[(reuse["doc_id_a"] == SEED_002) & (reuse["doc_id_b"] == SEED_004)]
    row = near[near["text_a"].str.contains("标兵")].iloc[0]
    assert row["match"] == "near"
    assert row["text_a"] == "标兵渐行渐远，追兵越来越近"
    assert row["text_b"] == "标兵渐远、追兵已至"
    assert 0.4 < row["similarity"] < 0.8


def test_formulations_of_the_lexicon_are_not_reuse(seeds, reuse):
    pytest.importorskip("tifa.lexicon")
    everything = find_reuse(seeds, ignore_terms=[], fuzzy=False)
    formulation = everything[everything["text_a"].str.contains("四个意识")]
    assert len(formulation) == 1  # 001 and 002 both pledge 四个意识…四个自信…两个维护
    assert not reuse["text_a"].str.contains("四个意识").any()


def test_most_seed_pairs_share_little(seeds, reuse):
    summary = summarize_reuse(reuse, seeds)
    assert (summary["share_a"] < 0.05).all()
    verbatim_pairs = summary[summary["passages"] > summary["near"]]
    assert len(verbatim_pairs) == 1


def test_boilerplate_shared_by_many_documents_is_ignored():
    slogan = "高举中国特色社会主义伟大旗帜，全面贯彻新时代中国特色社会主义思想"
    shared = "扎实推进百县千镇万村高质量发展工程，壮大县域经济"
    corpus = {f"d{i}": f"第{i}份报告。{slogan}。本地工作{i}。" for i in range(6)}
    corpus["d0"] += shared
    corpus["d1"] += shared
    table = find_reuse(corpus, ignore_terms=[], max_df=0.2, fuzzy=False)
    assert table["text_a"].tolist() == [shared]
    # with a higher threshold the slogan shared by all six counts too
    loose = find_reuse(corpus, ignore_terms=[], max_df=1.0, fuzzy=False)
    assert loose["text_a"].str.contains("高举中国特色社会主义伟大旗帜").any()


def test_changed_character_does_not_split_a_passage():
    a = "要持续深化放管服改革，优化营商环境，推动更多事项网上办、掌上办、一次办，让企业和群众少跑腿。"
    b = "要持续深化放管服改革，优化营商环境，推动更多事项网上办、掌上办、就近办，让企业和群众少跑腿。"
    table = find_reuse({"a": a, "b": b}, ignore_terms=[], fuzzy=False)
    assert len(table) == 1
    row = table.iloc[0]
    assert row["text_a"] == a[:-1] and 0.9 < row["similarity"] < 1.0


def test_rejects_a_single_string():
    with pytest.raises(TifaError, match="mapping"):
        find_reuse("一段文字")


@pytest.mark.slow
def test_all_shipped_documents_in_well_under_thirty_seconds():
    from tifa.corpus import read_corpus
    from tifa.paths import NATIONAL_CORPUS, PROVINCIAL_CORPUS, SEEDS

    documents = [d for folder in (SEEDS, NATIONAL_CORPUS, PROVINCIAL_CORPUS) for d in read_corpus(folder)]
    assert len(documents) == 83
    began = time.perf_counter()
    table = find_reuse(documents)
    elapsed = time.perf_counter() - began
    assert elapsed < 30
    # consecutive national reports reuse each other's wording more than distant ones
    summary = summarize_reuse(table, documents).set_index(["doc_id_a", "doc_id_b"])
    near_years = summary.loc[("cn-national-gwr-2018", "cn-national-gwr-2019"), "characters"]
    far_years = summary["characters"].get(("cn-national-gwr-1959", "cn-national-gwr-2019"), 0)
    assert near_years > 10 * max(far_years, 1)
