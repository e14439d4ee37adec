"""Formulaic phrasing on the seed documents and excerpts of the shipped corpora."""

from __future__ import annotations

import pandas as pd
import pytest

from tifa.errors import OptionError
from tifa.formulas import (
    FORMULA_COLUMNS,
    PARALLEL_MIN_SHARED,
    count_four_character_phrases,
    evaluate_against_gold,
    find_formulas,
    find_formulas_in_text,
    locate_gold,
    parallel_similarity,
    parse_chinese_numeral,
    rate_formulaicity,
)

SEED_000 = "000_4c1513da555ffe51"
SEED_001 = "001_ab862bf384cb27d5"
SEED_002 = "002_b317a05d6deb3d65"
SEED_003 = "003_77d8f3c9a3dd5a67"
SEED_004 = "004_887235e958cf192e"


@pytest.fixture(scope="module")
def seeds():
    from tifa.corpus import read_corpus
    from tifa.paths import SEEDS

    return read_corpus(SEEDS)


@pytest.fixture(scope="module")
def spans(seeds):
    return find_formulas(seeds)


def rows(spans: pd.DataFrame, doc_id: str, kind: str) -> pd.DataFrame:
    return spans[(spans["doc_id"] == doc_id) & (spans["kind"] == kind)]


# ---------------------------------------------------------------- table shape
def test_span_table_is_tidy_and_exact(seeds, spans):
    assert list(spans.columns) == FORMULA_COLUMNS
    assert set(spans["kind"]) == {
        "announced_structure", "announced_item", "enumeration", "enumeration_item", "parallelism", "reduplication", "template"
    }
    assert spans["id"].is_unique
    for row in spans.itertuples():
        assert seeds[row.doc_id].text[row.start : row.end] == row.text
        assert row.start <= row.core_start <= row.core_end <= row.end


def test_output_is_deterministic(seeds, spans):
    pd.testing.assert_frame_equal(find_formulas(seeds), spans)


def test_accepts_mappings_and_rejects_bad_kinds(seeds):
    text = seeds[SEED_002].text
    by_mapping = find_formulas({SEED_002: text})
    by_series = find_formulas(pd.Series({SEED_002: text}))
    pd.testing.assert_frame_equal(by_mapping, by_series)
    assert len(find_formulas({SEED_002: text}, kinds=["template"])) == (by_mapping["kind"] == "template").sum()
    with pytest.raises(OptionError, match="valid values"):
        find_formulas({SEED_002: text}, kinds=["slogan"])


# ---------------------------------------------------------- announced structures
def test_three_sentences_announced_in_truncated_speech(spans):
    """004 announces 三句话 but the source stops after the second."""
    announced = rows(spans, SEED_004, "announced_structure")
    three = announced[announced["text"].str.startswith("我讲三句话")].iloc[0]
    assert (three["announced"], three["found"], three["agree"]) == (3, 2, False)
    items = spans[spans["parent"] == three["linked"]]
    assert items["text"].str.slice(0, 2).tolist() == ["一、", "二、"]


def test_five_focuses_linked_to_five_items(spans):
    announced = rows(spans, SEED_004, "announced_structure")
    five = announced[announced["text"].str.startswith("关键在“五个聚焦”")].iloc[0]
    assert (five["announced"], five["found"], bool(five["agree"])) == (5, 5, True)
    items = spans[spans["parent"] == five["linked"]]
    assert items["text"].str.slice(0, 5).tolist() == ["（一）聚焦", "（二）聚焦", "（三）聚焦", "（四）聚焦", "（五）聚焦"]
    # the fifth item stops where the second part of the speech begins
    assert items.iloc[-1]["text"].endswith("月底前动态清零。")


def test_two_announcements_of_one_list_are_one_structure(spans):
    """003: 提几点意见。讲三句话。第一句话… is one structure with the stated count."""
    announced = rows(spans, SEED_003, "announced_structure")
    first = announced.iloc[0]
    assert first["text"].startswith("并就下接下来的工作提几点意见。讲三句话。第一句话")
    assert (first["announced"], first["found"], bool(first["agree"])) == (3, 3, True)
    items = spans[spans["parent"] == first["linked"]]
    assert items["pattern"].tolist() == ["第一句话"] * 3
    four = announced[announced["text"].str.startswith("大体可分为以下四类")].iloc[0]
    assert (four["announced"], four["found"]) == (4, 4)


def test_report_announces_its_eight_tasks(spans):
    announced = rows(spans, SEED_001, "announced_structure")
    assert announced["text"].str.slice(0, 10).tolist() == ["我们主要做了以下工作", "我们著力做好以下八个"]
    assert announced["announced"].isna().tolist() == [True, False]
    assert announced["found"].tolist() == [8, 8]


def test_sentence_before_a_list_announces_it():
    # cn-national-gwr-2013 and cn-national-gwr-2009: the count or 以下 sits in the sentence before the list
    text = (
        "今年经济增长预期目标定为7.5%左右，主要基于两方面考虑：一方面，要继续抓住机遇、促进发展。"
        "另一方面，要引导各方面把工作重点放到加快转变经济发展方式上来。\n"
        "一年来，我们做了以下主要工作：\n（一）及时果断调整宏观经济政策。\n（二）着力扩大国内需求。\n（三）加快推进改革开放。"
    )
    table = find_formulas_in_text(text).query("kind == 'announced_structure'")
    assert table["announced"].fillna(0).tolist() == [2, 0]
    assert table["found"].tolist() == [2, 3]
    assert table["text"].str.slice(0, 6).tolist() == ["主要基于两方", "我们做了以下"]


@pytest.fixture(scope="module")
def national():
    from tifa.corpus import read_corpus
    from tifa.paths import NATIONAL_CORPUS

    # tuning documents only: the held-out reports (1994, 2016) are not used here
    return {d.doc_id: d for d in read_corpus(NATIONAL_CORPUS) if d.doc_id in {
        "cn-national-gwr-1978", "cn-national-gwr-1979", "cn-national-gwr-1985", "cn-national-gwr-1987",
        "cn-national-gwr-1993", "cn-national-gwr-2008", "cn-national-gwr-2010", "cn-national-gwr-2019",
        "cn-national-gwr-1992", "cn-national-gwr-2005", "cn-national-gwr-2007", "cn-national-gwr-2011",
        "cn-national-gwr-2015",
    }}


def structure_and_items(document, phrase: str) -> tuple[pd.Series, pd.DataFrame]:
    table = find_formulas_in_text(document.text, document.doc_id, document.headings)
    announcing = [document.text[r.start : r.core_end + 4] for r in table.itertuples()]  # clause up to the phrase
    structures = table[(table["kind"] == "announced_structure") & pd.Series([phrase in a for a in announcing], index=table.index)]
    assert len(structures) == 1, f"{phrase} announced {len(structures)} times"
    structure = structures.iloc[0]
    return structure, table[(table["kind"] == "announced_item") & (table["parent"] == structure["id"])]


def test_unmarked_paragraphs_delivered_after_an_announcement(national):
    """1993: 以下工作： then paragraphs opened by a short lead sentence, up to the next heading."""
    structure, items = structure_and_items(national["cn-national-gwr-1993"], "着重抓好以下工作")
    assert structure["level"] == "paragraph" and structure["found"] == len(items) == 10
    assert items["text"].str.slice(0, 9).tolist()[:3] == ["加强农业的基础地位", "加快基础设施和基础", "加强能源建设，实行"]
    assert items.iloc[-1]["text"].startswith("在发展经济的基础上改善人民生活")
    # the next part of the report (三、…) is not an item
    assert not items["text"].str.contains("三、加快建立社会主义市场经济体制").any()


def test_paragraphs_that_open_alike_are_items(national):
    """2010: 有以下几点体会： then five paragraphs opened by 必须坚持 with long first sentences."""
    structure, items = structure_and_items(national["cn-national-gwr-2010"], "有以下几点体会")
    assert structure["found"] == 5
    assert items["text"].str.startswith("必须坚持").all()


def test_semicolon_items_after_a_colon(national):
    structure, items = structure_and_items(national["cn-national-gwr-2008"], "需要把握以下原则")
    assert structure["level"] == "semicolon" and structure["found"] == 4
    assert items.iloc[0]["text"] == "坚持稳中求进，促进经济平稳较快发展"


def test_paragraphs_ending_with_semicolons_are_items():
    text = "过去一年，我们主要做了以下工作：\n加强农业基础，粮食再获丰收；\n深化企业改革，转换经营机制；\n扩大对外开放，外贸较快增长。\n各位代表！"
    table = find_formulas_in_text(text)
    structure = table[table["kind"] == "announced_structure"].iloc[0]
    assert structure["level"] == "semicolon" and structure["found"] == 3 and pd.isna(structure["announced"])
    items = table[table["kind"] == "announced_item"]["text"].tolist()
    assert items == ["加强农业基础，粮食再获丰收；", "深化企业改革，转换经营机制；", "扩大对外开放，外贸较快增长。"]


def test_quoted_key_words_delivered_one_by_one(national):
    structure, items = structure_and_items(national["cn-national-gwr-2019"], "八个字")
    assert (structure["announced"], structure["found"], structure["level"]) == (8, 4, "series")
    assert items["text"].str.slice(0, 2).tolist() == ["巩固", "增强", "提升", "畅通"]


def test_a_list_of_another_style_inside_an_item_keeps_the_outer_list(national):
    """1979: 以下的十项工作 第一、…第十、; a 首先 inside 第一、 used to split the list."""
    structure, items = structure_and_items(national["cn-national-gwr-1979"], "以下的十项工作")
    assert (structure["announced"], structure["found"], bool(structure["agree"])) == (10, 10, True)
    assert items["text"].str.slice(0, 3).tolist() == [f"第{n}、" for n in "一二三四五六七八九十"]
    text = "第一，抓农业。首先要抓粮食，其次要抓棉花，再次要抓油料。\n第二，抓工业。\n第三，抓交通。"
    table = find_formulas_in_text(text)
    lists = table[table["kind"] == "enumeration"]
    assert lists["n_items"].tolist() == [3, 3]
    assert lists["pattern"].tolist() == ["第一", "首先"] and lists["depth"].tolist() == [1, 2]


def test_labelled_lines_deliver_a_counted_label(spans):
    """000: 梳理出八大关键词 … 关键词：疫情防控 … 关键词：基层党建."""
    structure = rows(spans, SEED_000, "announced_structure").iloc[0]
    assert structure["text"].startswith("南方日报、南方+记者梳理出八大关键词")
    assert (structure["announced"], structure["found"], structure["level"]) == (8, 8, "label")
    items = spans[spans["parent"] == structure["id"]]
    assert items["text"].str.startswith("关键词：").all()
    assert items["text"].str.slice(4, 8).tolist()[-1] == "基层党建"


def test_dash_paragraphs_are_items():
    text = (
        "规划纲要草案突出了以下三个方面：\n——保持经济中高速增长。今后五年要在提高质量的基础上保持增长。\n"
        "——推动创新发展。把创新摆在全局的核心位置。\n这是一段说明。\n——推进新型城镇化。城镇化是现代化的必由之路。\n"
        "二、今年的主要任务\n今年是关键一年。"
    )
    table = find_formulas_in_text(text)
    structure = table[table["kind"] == "announced_structure"].iloc[0]
    assert (structure["announced"], structure["found"], structure["level"]) == (3, 3, "dash")
    items = table[table["kind"] == "announced_item"]
    assert items["text"].tolist()[-1] == "——推进新型城镇化。城镇化是现代化的必由之路。"
    assert items.iloc[1]["text"].endswith("这是一段说明。")  # a paragraph between dashes belongs to the item before


def test_title_line_announces_the_list_below():
    # cn-guangdong-gwr-2025, annex 1 (abridged)
    text = "附件1\n2025年省十件民生实事\n" + "".join(f"{n}、民生实事第{n}项。内容。\n" for n in "一二三四五六七八九十")
    structure = find_formulas_in_text(text).query("kind == 'announced_structure'").iloc[0]
    assert structure["text"].startswith("2025年省十件民生实事")
    assert (structure["announced"], structure["found"]) == (10, 10)


def test_decimals_are_not_counts():
    # cn-national-gwr-1955: 增长二点一倍。 is a figure, not an announcement of two parts
    text = "钢：从一百三十五万吨增加到四百十二万吨，增长二点一倍。\n发电量：增长一点二倍。\n原煤：增长零点八倍。\n"
    assert find_formulas_in_text(text).query("kind == 'announced_structure'").empty


def test_counts_that_are_names_are_not_announcements():
    text = "我们要坚持四项基本原则，实现四个现代化，坚持一个中国原则，维护“九二共识”。"
    assert find_formulas_in_text(text).query("kind == 'announced_structure'").empty


# ---------------------------------------------------------------- enumerations
def test_enumeration_items_nesting_and_depth(spans):
    lists = rows(spans, SEED_003, "enumeration")
    top = lists[lists["pattern"] == "第一句话"].iloc[0]
    assert top["depth"] == 1 and top["n_items"] == 3
    numbered = lists[lists["pattern"] == "1、"].iloc[0]
    assert numbered["n_items"] == 8 and numbered["depth"] == 2
    assert numbered["parent"] == f"{top['id']}.3"  # inside 第三句话
    circled = lists[lists["pattern"] == "①"].iloc[0]
    assert circled["depth"] == 4 and circled["n_items"] == 3
    items = spans[spans["parent"] == circled["id"]]
    assert items["item"].tolist() == [1, 2, 3]
    assert items.iloc[-1]["text"].endswith("努力走出城市更新的XX路径。")


def test_inline_list_ends_with_its_sentence(spans):
    lists = rows(spans, SEED_001, "enumeration")
    problems = lists[lists["text"].str.startswith("一是经济稳增长压力")].iloc[0]
    assert problems["n_items"] == 5
    assert problems["text"].endswith("狠抓落实的能力还有待增强。")


def test_mixed_ordinal_words_form_one_list(spans):
    """000 lists 一方面 / 其次 / 第三 / 此外 under one heading."""
    lists = rows(spans, SEED_000, "enumeration")
    first = lists.iloc[0]
    items = spans[spans["parent"] == first["id"]]
    assert items["pattern"].tolist() == ["一方面", "其次", "第一", "此外"]
    assert items["item"].tolist() == [1, 2, 3, 4]


def test_skipped_number_is_flagged():
    # cn-national-gwr-2007: the source goes from （二） to （四）
    text = (
        "今年经济发展要着重抓好以下几个方面：\n（一）坚持加强和改善宏观调控\n继续实行稳健的财政政策。\n"
        "（二）发展现代农业和推进社会主义新农村建设\n农业是基础。\n"
        "（四）加快推进产业结构升级和自主创新\n推进产业结构优化升级。\n（五）进一步推动区域协调发展\n区域协调。"
    )
    table = find_formulas_in_text(text)
    enumeration = table[table["kind"] == "enumeration"].iloc[0]
    assert enumeration["flag"] == "skip" and enumeration["n_items"] == 4
    announced = table[table["kind"] == "announced_structure"].iloc[0]
    assert pd.isna(announced["announced"]) and announced["found"] == 4


def test_repeated_number_is_flagged():
    text = "一是抓好春耕生产；二是抓好水利建设；二是抓好农村道路；三是抓好人居环境。"
    enumeration = find_formulas_in_text(text).query("kind == 'enumeration'").iloc[0]
    assert enumeration["flag"] == "repeat" and enumeration["n_items"] == 4


def test_same_family_restarts_a_list():
    # cn-national-gwr-1986: 一、二、 of the report, then 一、二、三、 of "以下几个问题"
    text = (
        "一、“六五”计划执行情况的回顾\n回顾。\n二、“七五”时期的基本任务\n"
        "考虑和研究了以下几个问题。\n一、确定适度的经济增长率\n增长。\n二、规定恰当的投资规模\n投资。\n"
        "三、坚持把科技进步和智力开发放在重要的战略地位\n科技。"
    )
    table = find_formulas_in_text(text)
    lists = table[table["kind"] == "enumeration"]
    assert lists["n_items"].tolist() == [2, 3]
    assert lists["flag"].isna().all()
    assert table[table["kind"] == "announced_structure"]["found"].tolist() == [3]


@pytest.mark.parametrize(
    ("token", "value"), [("三", 3), ("十", 10), ("十二", 12), ("二十一", 21), ("两", 2), ("7", 7), ("⑤", 5), ("几", None)]
)
def test_parse_numerals(token, value):
    assert parse_chinese_numeral(token) == value


# ---------------------------------------------------------------- parallelism
def test_parallel_runs_in_seeds(spans):
    runs = rows(spans, SEED_002, "parallelism")
    strengthen = runs[runs["shared"].str.startswith("强化")].iloc[0]
    assert strengthen["n_items"] == 4 and strengthen["level"] == "clause"
    # the quoted 标兵…追兵 stays inside its clause
    assert strengthen["text"].startswith("强化“标兵渐行渐远，追兵越来越近”的危机感，强化")
    frame = rows(spans, SEED_004, "parallelism")
    frame = frame[frame["shared"].str.contains("以更加务实的举措")].iloc[0]
    assert frame["n_items"] == 6 and frame["level"] == "sentence" and frame["pattern"] == "frame"
    ending = rows(spans, SEED_001, "parallelism")
    assert "时代是出卷人，群众是阅卷人，我们是答卷人" in ending["text"].tolist()


def test_word_level_runs(national):
    """Series by aligned frame, members written together, target lists left out (2019)."""
    table = find_formulas_in_text(national["cn-national-gwr-2019"].text, "d")
    runs = table[table["kind"] == "parallelism"]
    found = dict(zip(runs["text"], runs["shared"], strict=True))
    assert found["获得感、幸福感、安全感"] == "…感"
    assert found["思想上政治上行动上"] == "…上"  # written together, the repeated 上 ends the members
    assert found["不敢腐、不能腐、不想腐"] == "不…"
    assert "…都要坚决…" in found.values()  # 对一切…都要坚决查处，…都要坚决整治，…都要坚决追责
    assert not any(text.startswith("城镇新增就业1100万人以上") for text in found)  # a target list


def test_runs_opened_by_the_copula_or_by_you(provincial):
    """Three clauses opened by 是 or 有 (Hainan 2025) make a run; 也是 keeps the third in it."""
    text = provincial["cn-hainan-gwr-2025"].text
    runs = find_formulas_in_text(text, "d").query("kind == 'parallelism'")
    found = dict(zip(runs["text"], runs["shared"], strict=True))
    assert found["是新中国成立75周年，是实现“十四五”规划目标任务的关键一年，也是海南自贸港封关运作的攻坚之年"] == "是…年"
    assert any(t.startswith("有以习近平同志为核心的党中央坚强领导，有省委") and s == "有…" for t, s in found.items())


def test_series_frames_and_filters():
    text = (
        "把惠民生、暖民心、顺民意的工作做到群众心坎上。开展扩能增量、提质增品、降本增利、提效增值四大行动。"
        "鼓励开展桃花节、水晶梨节、菜心节。推广智能建造、模块化建筑、装配式建筑。增强“四个意识”、坚定“四个自信”、做到“两个维护”。"
        "推动“拿地即开工”、“完工即投产”、“验收即发证”。"
    )
    runs = find_formulas_in_text(text).query("kind == 'parallelism'")
    assert runs["text"].tolist() == ["惠民生、暖民心、顺民意", "扩能增量、提质增品、降本增利、提效增值", "拿地即开工”、“完工即投产”、“验收即发证"]
    assert runs["shared"].tolist() == ["…民…", "…增…", "…即…"]


def test_runs_of_sentence_leads_and_paragraph_leads(national):
    table = find_formulas_in_text(national["cn-national-gwr-2019"].text, "d")
    runs = table[table["kind"] == "parallelism"]
    leads = runs[runs["shared"] == "我们面对的是…"].iloc[0]
    assert leads["n_items"] == 3 and leads["pattern"] == "leads"  # other sentences stand between
    policies = runs[runs["shared"] == "…政策要…"].iloc[0]
    assert policies["level"] == "paragraph" and policies["text"].startswith("积极的财政政策要加力提效")
    dashes = "——面对外部压力，我们迎难而上。\n——面对极端天气，我们众志成城。\n——面对改革难题，我们敢闯敢试。\n"
    run = find_formulas_in_text(dashes).query("kind == 'parallelism'").iloc[0]
    assert (run["shared"], run["n_items"]) == ("面对…", 3)


def test_framed_sentence_leads_and_quoted_words(spans):
    runs = rows(spans, SEED_003, "parallelism")
    aspects = runs[runs["shared"] == "在…方面"].iloc[0]  # 在工作谋划方面，…。在任务落实方面，…。在工作作风方面，…
    assert aspects["n_items"] == 3 and aspects["level"] == "sentence" and aspects["pattern"] == "leads"
    quoted = rows(spans, SEED_002, "parallelism")
    quoted = quoted[quoted["pattern"] == "quoted"].iloc[0]
    assert (quoted["text"], quoted["shared"]) == ("米袋子”“肉盘子”“菜篮子", "…子")


def test_similarity_threshold():
    """Two shared characters make two units parallel; one needs an anaphora and more."""
    assert PARALLEL_MIN_SHARED == 2
    assert parallel_similarity("在经济活动中体现政治逻辑", "在经济工作中体现政治担当")[0] == 3
    assert sum(parallel_similarity("持续织密防护网", "持续筑牢防线")[:2]) >= PARALLEL_MIN_SHARED
    assert sum(parallel_similarity("深化改革", "深入调研")[:2]) < PARALLEL_MIN_SHARED
    two = "强化责任落实，强化要素保障，强化督查考核。"
    assert find_formulas_in_text(two)["kind"].tolist() == ["parallelism"]
    one_weak = "深化改革开放，深入调查研究，深度融合发展。"  # 深 is not an anaphora
    assert find_formulas_in_text(one_weak).query("kind == 'parallelism'").empty
    one_strong = "要抓好春耕，要抓好水利，要抓好道路。"
    assert find_formulas_in_text(one_strong).query("kind == 'parallelism'")["n_items"].tolist() == [3]
    too_short = "强化责任落实，强化要素保障。"
    assert find_formulas_in_text(too_short).query("kind == 'parallelism'").empty


def test_negation_subject_and_key_word_runs():
    """A shared negation frames clauses of one length (2019); a run of 要 sentences whose first
    member puts a subject first starts at 要 (seed 002); short sentence leads share a key word
    between different verbs and heads (Guangdong 2025)."""
    negation = "我国发展面临的环境更复杂更严峻。困难不容低估，信心不可动摇，干劲不能松懈。我国发展仍处于重要战略机遇期。"
    run = find_formulas_in_text(negation).query("kind == 'parallelism'")
    assert run[["text", "shared", "level"]].values.tolist() == [["困难不容低估，信心不可动摇，干劲不能松懈", "…不…", "clause"]]
    subject = (
        "政府班子要在解放思想、实事求是上敢为人先，强化争先领跑的自觉性；要在对标先进、赶超先进上敢为人先，放大坐标系；"
        "要在打造特色亮点、培育示范品牌上要敢为人先，全面落实要求。"
    )
    run = find_formulas_in_text(subject).query("kind == 'parallelism'").iloc[0]
    assert run["text"].startswith("要在解放思想") and (run["n_items"], run["level"]) == (3, "sentence")
    leads = (
        "我们将坚持干字当头。树牢实干导向，深入践行正确政绩观，挑最重的担子。增强实干劲头，鼓足干事创业的精气神，锤炼真本领。"
        "凝聚实干合力，持续深化放权赋能。"
    )
    run = find_formulas_in_text(leads).query("kind == 'parallelism'").iloc[0]
    assert (run["shared"], run["n_items"], run["pattern"]) == ("…实干…", 3, "leads")
    partners = "同主要大国关系总体稳定，同周边国家关系全面发展，同发展中国家团结合作纽带更加牢固。"
    run = find_formulas_in_text(partners).query("kind == 'parallelism'")
    assert run[["shared", "n_items"]].values.tolist() == [["同…", 3]]
    topics = "巩固升级支柱产业，推动转型。培育壮大新兴产业，加快集聚。前瞻布局未来产业，抢占先机。"
    assert find_formulas_in_text(topics).query("kind == 'parallelism'").empty  # a shared head names topics


def test_headings_framed_around_a_slot(spans):
    """Seed 003: 1、经济发展要实力推进 … 8、社会治理要着力强化 share 要…力 around a slot."""
    items = rows(spans, SEED_003, "parallelism").query("level == 'item'")
    framed = items[items["shared"] == "…要…力…"]
    assert framed["n_items"].tolist() == [8] and framed["text"].iloc[0].startswith("1、经济发展要实力推进")
    dated = "一、2024年工作回顾\n过去一年很不平凡。\n二、2025年工作总体要求\n今年要稳中求进。\n三、2025年重点工作\n要抓好落实。\n"
    assert find_formulas_in_text(dated).query("kind == 'parallelism'").empty


def test_glossary_definitions_of_quoted_terms(spans):
    """Seed 001's glossary: “一线”是指…；“两带”是指…；“三园”是指… is one run of definitions."""
    runs = rows(spans, SEED_001, "parallelism")
    defined = runs[runs["shared"] == "“…”是指"]
    assert defined["n_items"].tolist() == [3] and defined["text"].iloc[0].startswith("“一线”是指农文旅结合的研学路线；“两带”是指")
    two = "“一线”是指研学路线；“两带”是指两条乡村旅游带。"
    assert find_formulas_in_text(two).query("kind == 'parallelism'").empty


def test_named_counted_and_numbered_series_are_not_runs():
    text = (
        "高水平建设国际金融城、国际人才港、国际法务区。推进行政区、开发区、自贸试验区协同。"
        "贯彻十八届三中、四中、五中、六中全会精神。全党全军全国各族人民团结奋斗。"
        "棉花增长百分之二十一点九，油料增长百分之三十九，糖料增长百分之二十九点二。"
        "“3”是《广东省推动消费品以旧换新行动方案》、《广东省加快构建废弃物循环利用体系行动方案》、《广东省以标准提升牵引设备更新和消费品以旧换新行动方案》。"
    )
    assert find_formulas_in_text(text).query("kind == 'parallelism'").empty
    kept = "加大革命老区、民族地区、边疆地区、贫困地区支持力度。永葆“闯”的精神、“创”的劲头、“干”的作风。"
    runs = find_formulas_in_text(kept).query("kind == 'parallelism'")
    assert runs["shared"].tolist() == ["…区", "“…”的…"]
    assert runs["text"].iloc[0].endswith("革命老区、民族地区、边疆地区、贫困地区")


def test_kinds_of_a_category_and_ranked_places_are_runs(provincial):
    """Members that share a concrete head are a run when they list the kinds of a category
    (…农业, …企业, …旅游, …地区) or rank places by a sector and a quality (…强县、…大县、…名县);
    lists of sectors, venues and named places stay out."""
    cases = {
        "cn-sichuan-gwr-2025": ("发展绿色农业、生态农业、有机农业", "…农业", 3),
        "cn-jiangxi-gwr-2025": ("打造更多经济强县、农业强县、文旅美县、生态名县", "…县", 4),
        "cn-shanghai-gwr-2025": ("培育一批红色旅游、工业旅游、古镇旅游、赛事旅游", "…旅游", 4),
    }
    for doc_id, (excerpt, shared, n) in cases.items():
        text = provincial[doc_id].text
        at = text.index(excerpt)
        runs = find_formulas_in_text(text[at - 10 : at + len(excerpt) + 20]).query("kind == 'parallelism'")
        assert (shared, n) in set(zip(runs["shared"], runs["n_items"], strict=True)), (doc_id, runs[["text", "shared"]])
    sichuan = provincial["cn-sichuan-gwr-2025"].text
    at = sichuan.index("培育一批农业强县、工业强县、旅游名县")
    runs = find_formulas_in_text(sichuan[at : at + 30]).query("kind == 'parallelism'")
    assert runs["text"].tolist() == ["农业强县、工业强县、旅游名县"] and runs["shared"].tolist() == ["…县"]
    plain = (
        "恢复和发展农业、林业、牧业、渔业。建设图书馆、文化馆、博物馆、纪念馆。设立连山县、连南县、阳山县。"
        "主办单位：省教育厅、省民政厅、省人力资源社会保障厅。"
        "设置新疆农业职业技术大学、乌鲁木齐职业大学、新疆交通职业技术大学。"
    )
    assert find_formulas_in_text(plain).query("kind == 'parallelism'").empty



def test_trains_hospitals_awards_and_modifiers_with_de_are_not_runs(national, provincial):
    """Named trains, hospitals and continents are lists (Guizhou, Inner Mongolia 2025, 1978);
    adjectives that share only 的 are modifiers, not a run (1985)."""
    lists = {
        "cn-guizhou-gwr-2025": "黔粤班列",
        "cn-neimenggu-gwr-2025": "北京友谊医院、北京宣武医院",
    }
    for doc_id, member in lists.items():
        text = provincial[doc_id].text
        runs = find_formulas_in_text(text).query("kind == 'parallelism'")
        assert not any(start <= text.index(member) < end for start, end in zip(runs["start"], runs["end"], strict=True)
                       if end - start < 200), doc_id
    for doc_id, member in (("cn-national-gwr-1978", "亚洲、非洲"), ("cn-national-gwr-1985", "经济的、行政的")):
        text = national[doc_id].text
        runs = find_formulas_in_text(text).query("kind == 'parallelism'")
        assert not any(start <= text.index(member) < end for start, end in zip(runs["start"], runs["end"], strict=True)
                       if end - start < 200), doc_id


def test_runs_opened_by_negation_causative_or_after_a_pronoun(national):
    """不…，不…，不… (1987) and 使…，使…，使… (1979) open runs of three; 它 before 包括 is the
    subject of the first member (1979)."""
    runs_1987 = find_formulas_in_text(national["cn-national-gwr-1987"].text).query("kind == 'parallelism'")
    assert any(t.startswith("不层层找代表人物，不搞上挂下联，不搞人人过关") for t in runs_1987["text"])
    runs_1979 = find_formulas_in_text(national["cn-national-gwr-1979"].text).query("kind == 'parallelism'")
    found = dict(zip(runs_1979["text"], runs_1979["shared"], strict=True))
    assert any(t.startswith("使它迅速发展，使中国成为") and s == "使…" for t, s in found.items())
    assert any(t.startswith("包括各个民主党派，包括广大的台湾同胞") and s == "包括…" for t, s in found.items())



def test_run_announced_by_a_colon_starts_after_it(national):
    """需要把握以下原则：坚持稳中求进，…；坚持好字优先，…；坚持改革开放，…；坚持以人为本，… (2008):
    the colon announces the run, whose first member starts at the first 坚持."""
    runs = find_formulas_in_text(national["cn-national-gwr-2008"].text).query("kind == 'parallelism'")
    run = runs[runs["text"].str.startswith("坚持稳中求进")]
    assert len(run) == 1 and run["n_items"].iloc[0] == 4 and run["shared"].iloc[0].startswith("坚持")

def _runs_in(text: str) -> list[tuple[str, str, int]]:
    runs = find_formulas_in_text(text).query("kind == 'parallelism'")
    return list(zip(runs["text"], runs["shared"], runs["n_items"], strict=True))


def _excerpt(national, doc_id: str, excerpt: str, before: int = 0, after: int = 0) -> str:
    text = national[doc_id].text
    at = text.index(excerpt)
    return text[at - before : at + len(excerpt) + after]


def test_series_read_across_joiners_and_endings(national):
    """及 inside a member is no joiner (预见性、及时性和有效性, 2008); members that share an ending
    only with the last one in view share it all (科教兴国战略、人才强国战略和可持续发展战略, 2005); a
    series may begin inside a 、-list and end with 和 (完整、统一的节能减排指标体系、监测体系和考核体系,
    2007); a clause may hold two series (经济建设、城乡建设、环境建设同步规划、同步实施、同步发展, 1993)."""
    assert ("预见性、及时性和有效性", "…性", 3) in _runs_in(_excerpt(national, "cn-national-gwr-2008", "注重宏观调控的预见性、及时性和有效性。"))
    runs = _runs_in(_excerpt(national, "cn-national-gwr-2005", "科教兴国战略、人才强国战略和可持续发展战略，"))
    assert [(shared, n) for _t, shared, n in runs] == [("…战略", 3)]
    runs = _runs_in(_excerpt(national, "cn-national-gwr-2007", "完整、统一的节能减排指标体系、监测体系和考核体系，"))
    assert runs == [("指标体系、监测体系和考核体系", "…体系", 3)]
    runs = _runs_in(_excerpt(national, "cn-national-gwr-1993", "经济建设、城乡建设、环境建设同步规划、同步实施、同步发展的方针", before=3))
    assert [shared for _t, shared, _n in runs] == ["…建设", "同步…"]


def test_short_clauses_may_close_their_sentence(national):
    """我国政治稳定，社会稳定，人心稳定。 (1992): the last member ends the sentence."""
    runs = _runs_in(_excerpt(national, "cn-national-gwr-1992", "我国政治稳定，社会稳定，人心稳定。"))
    assert runs == [("我国政治稳定，社会稳定，人心稳定", "…稳定", 3)]


def test_three_sentences_opened_by_one_verb(national):
    """Three sentences that open with the same verb are a run (加强社区建设…。加强信访工作…。加强社会
    治安…, 2007), also after a connective set off by a comma (要…。要…。同时，要…, 2008); three that
    open with the same subject are not (我们…。我们…。我们…。)."""
    runs = _runs_in(_excerpt(national, "cn-national-gwr-2007", "加强社区建设，", after=80))
    assert [(shared, n) for _t, shared, n in runs] == [("加强…", 3)]
    runs = _runs_in(_excerpt(national, "cn-national-gwr-2008", "要继续做好灾后重建工作，", after=120))
    assert [(shared, n) for _t, shared, n in runs][:1] == [("要…", 3)]
    assert _runs_in("我们的任务是光荣而艰巨的。我们的前途是光明灿烂的。我们要破除迷信，解放思想。") == []


def test_a_subject_before_the_first_member_and_a_connective_before_the_last(national):
    """新的一年是…之年，是…之年，也是…之年 (2015): the run starts at 是, and 也 before the last 是
    does not end it."""
    runs = _runs_in(_excerpt(national, "cn-national-gwr-2015", "新的一年是全面深化改革的关键之年，", after=40))
    assert [(t[:2], shared, n) for t, shared, n in runs] == [("是全", "是…", 3)]


def test_an_address_between_paragraphs_does_not_break_a_run(national):
    """各位代表！ stands between the 我们将… paragraphs on Hong Kong and Macao, Taiwan and foreign
    policy (2015); it is no member and no break."""
    text = national["cn-national-gwr-2015"].text
    start = text.index("我们将坚定不移地贯彻“一国两制”")
    runs = find_formulas_in_text(text).query("kind == 'parallelism'")
    run = runs[runs["start"] == start]
    assert len(run) == 1 and run["n_items"].iloc[0] == 3 and run["shared"].iloc[0].startswith("我们将")


def test_diseases_and_banks_are_named_things(national, seeds):
    """Lists of diseases (传染病、慢性病、职业病、地方病, 2011) and banks (工商银行、农业银行、中国银行和
    建设银行, 1993) are no runs; degrees of illness are (大病、重病、难病, seed 000)."""
    assert _runs_in(_excerpt(national, "cn-national-gwr-2011", "加强重大传染病、慢性病、职业病、地方病和精神疾病的预防控制")) == []
    assert _runs_in(_excerpt(national, "cn-national-gwr-1993", "工商银行、农业银行、中国银行和建设银行等专业银行")) == []
    assert [shared for _t, shared, _n in _runs_in("提高人民医院大病、重病、难病的救治能力。")] == ["…病"]


# ---------------------------------------------------------------- set patterns
def test_set_patterns_in_seeds(spans):
    redup = rows(spans, SEED_000, "reduplication")["text"].tolist()
    assert {"聚精聚神", "抓实抓好", "做大做强"} <= set(redup)
    assert "业产业布" not in redup  # 农业|产业|布局 straddles three words
    templates = spans[spans["kind"] == "template"]
    found = {(r.doc_id, r.pattern, r.text, r.n_items) for r in templates.itertuples()}
    assert (SEED_000, "一X一Y", "一镇一业、一村一品", 2) in found
    assert (SEED_002, "X论英雄", "亩均论英雄、低碳论英雄、科技论英雄、人均论英雄", 4) in found
    assert (SEED_002, "四字格排比", "敢于担当、勇于担当、善于担当", 3) in found
    assert (SEED_001, "X中求Y", "稳中求进", 1) in found
    zero = templates[(templates["doc_id"] == SEED_004) & (templates["pattern"] == "零X")].iloc[0]
    assert zero["n_items"] == 3 and zero["text"].startswith("零前置”（容缺办理）、“零干扰")


def test_noun_lists_are_not_four_character_triads():
    text = "做好民族宗教、机关事务、水库移民工作，坚持同心同德、埋头苦干、勇毅前行。"
    triads = find_formulas_in_text(text).query("pattern == '四字格排比'")["text"].tolist()
    assert triads == ["同心同德、埋头苦干、勇毅前行"]


def test_ordinary_zero_words_are_not_templates():
    text = "批发零售、零部件制造稳步增长，实行零前置、零跑腿。"
    zeros = find_formulas_in_text(text).query("pattern == '零X'")["text"].tolist()
    assert zeros == ["零前置、零跑腿"]


# ---------------------------------------------------------------- formulaicity
def test_formulaicity_is_a_share_of_counted_characters(seeds, spans):
    from tifa.measures import count_characters

    table = rate_formulaicity(seeds, spans)
    assert table["doc_id"].tolist() == sorted(d.doc_id for d in seeds)
    for row in table.itertuples():
        assert row.characters == count_characters(seeds[row.doc_id].text)
        parts = [getattr(row, f"characters_{p}") for p in ("announced_structure", "enumeration", "parallelism", "reduplication", "template")]
        # parts are disjoint: they add up to the whole, characters and shares alike
        assert sum(parts) == row.formulaic_characters <= row.characters
        shares = [getattr(row, f"share_{p}") for p in ("announced_structure", "enumeration", "parallelism", "reduplication", "template")]
        assert sum(shares) == pytest.approx(row.formulaicity)
        assert 0 < row.formulaicity < 1
    # the template speech (004) is more formulaic than the news report (000)
    share = table.set_index("doc_id")["formulaicity"]
    assert share[SEED_004] > share[SEED_000]


def test_formulaicity_parts_count_shared_characters_once():
    """A template inside a parallel run counts for the template only."""
    table = rate_formulaicity({"d": "要抓实抓好，要稳中求进，要一镇一业、一村一品。"})
    row = table.iloc[0]
    assert (row["characters_reduplication"], row["characters_template"]) == (4, 12)  # 抓实抓好; 稳中求进 + 一镇一业、一村一品
    assert row["characters_parallelism"] == 3  # the three 要 left to the run
    assert row["formulaic_characters"] == 19


def test_formulaicity_counts_markers_not_list_contents():
    text = "一是抓好春耕生产；二是抓好水利建设。"
    table = rate_formulaicity({"d": text})
    assert table.loc[0, "characters_enumeration"] == 4  # 一是 + 二是
    assert table.loc[0, "characters"] == 16


def test_four_character_phrase_density(seeds):
    table = count_four_character_phrases(seeds)
    assert (table["four_character_tokens"] > 0).all()
    assert ((table["share"] > 0) & (table["share"] < 1)).all()


# ---------------------------------------------------------------- evaluation
def test_evaluate_against_gold_locates_and_matches(seeds, spans):
    texts = {d.doc_id: d.text for d in seeds}
    gold = pd.DataFrame(
        {
            "doc_id": [SEED_004, SEED_004, SEED_004, SEED_002],
            "kind": ["announced_structure", "announced_item", "enumeration", "parallelism"],
            "left": ["大家共勉：", "规划图”变成“施工图”，关键在“五个聚焦”", "关键在“五个聚焦”", "政府班子要在解放思想、实事求是上敢为人先，"],
            "text": ["一、要把“规划图”变成“施工图”", "（一）聚焦动能转换", "（一）聚焦动能转换，打造产业强市", "强化“标兵渐行渐远，追兵越来越近”的危机感"],
        }
    )
    located = locate_gold(gold, texts)
    assert (located["start"] >= 0).all()
    assert texts[SEED_004][located.loc[2, "start"] :].startswith("（一）聚焦")
    table = evaluate_against_gold(spans, gold, texts).set_index(["doc_id", "kind"])
    assert table.loc[("all", "announced_structure"), "recall"] == 1.0  # inside the structure's span
    assert table.loc[("all", "announced_item"), "recall"] == 1.0
    assert table.loc[("all", "enumeration"), "recall"] == 1.0
    assert table.loc[("all", "parallelism"), "recall"] == 1.0
    assert table.loc[(SEED_002, "parallelism"), "precision"] < 1.0  # the other runs of 002 are unmatched


def test_gold_rows_that_cannot_be_found_count_as_misses(spans, seeds):
    gold = pd.DataFrame({"doc_id": [SEED_002], "kind": ["enumeration"], "left": [""], "text": ["这段文字不在文档里"]})
    table = evaluate_against_gold(spans, gold, {d.doc_id: d.text for d in seeds})
    assert table.set_index(["doc_id", "kind"]).loc[("all", "enumeration"), "recall"] == 0.0


def test_short_series_inside_a_clause_share_one_character(provincial):
    """A series that begins inside its clause may share one character when its members are short
    words (严厉整治乱收费、乱罚款、乱检查、乱查封; 利用好老街巷、老建筑、老厂区)."""
    liaoning = provincial["cn-liaoning-gwr-2025"].text
    for excerpt, shared, n in (("严厉整治乱收费、乱罚款、乱检查、乱查封", "乱…", 4), ("修复好、利用好老街巷、老建筑、老厂区", "老…", 3)):
        at = liaoning.index(excerpt)
        runs = find_formulas_in_text(liaoning[at : at + len(excerpt) + 1]).query("kind == 'parallelism'")
        assert list(zip(runs["shared"], runs["n_items"], strict=True)) == [(shared, n)], runs[["text", "shared"]]
    # longer members still need two shared characters
    runs = find_formulas_in_text("推进、加快建设现代化产业体系、建设现代化基础设施、建设现代化城市。").query("kind == 'parallelism'")
    assert runs.empty or runs["shared"].str.len().min() >= 3
