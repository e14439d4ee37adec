"""Slogans on real text: quoted items, numbered formulas, definitions, measures, evaluation."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tifa.measures import count_characters
from tifa.slogans import (
    KINDS,
    SLOGAN_COLUMNS,
    add_context,
    classify_quoted,
    compute_national_lag,
    count_first_appearances,
    count_formulation_matrix,
    count_slogans,
    evaluate_against_gold,
    find_definitions,
    find_definitions_in_text,
    find_slogans,
    find_slogans_in_text,
    numbered_formula,
)

S001 = "001_ab862bf384cb27d5"
S002 = "002_b317a05d6deb3d65"
S003 = "003_77d8f3c9a3dd5a67"
S004 = "004_887235e958cf192e"
S000 = "000_4c1513da555ffe51"


@pytest.fixture(scope="module")
def seed_spans(seeds):
    return find_slogans(seeds)


def _rows(spans, doc_id, text):
    return spans[(spans["doc_id"] == doc_id) & (spans["text"] == text)]


def test_span_table_shape(seed_spans, seeds):
    assert list(seed_spans.columns) == SLOGAN_COLUMNS
    assert set(seed_spans["kind"]) <= set(KINDS)
    for doc in seeds:
        mine = seed_spans[seed_spans["doc_id"] == doc.doc_id]
        assert mine["start"].is_monotonic_increasing
        for start, end, text in zip(mine["start"], mine["end"], mine["text"], strict=True):
            assert doc.text[start:end] == text


def test_quoted_numbered_formulas_on_seeds(seed_spans):
    row = _rows(seed_spans, S001, "四个百亿级产业").iloc[0]
    assert (row["kind"], row["value"], row["head"], row["quoted"]) == ("numbered_formula", 4.0, "百亿级产业", True)
    row = _rows(seed_spans, S001, "六个百亿级产业").iloc[0]
    assert row["value"] == 6.0
    for text, value in [("1231511", 14.0), ("三新一高", 4.0), ("五个一流", 5.0), ("七种能力", 7.0)]:
        assert _rows(seed_spans, S002, text)["value"].tolist()[0] == value, text
    assert _rows(seed_spans, S001, "1+12+N")["value"].tolist()[0] == 13.0
    assert _rows(seed_spans, S001, "十四五")["value"].tolist()[0] == 14.0
    assert _rows(seed_spans, S004, "五个聚焦")["kind"].tolist() == ["numbered_formula"]
    assert _rows(seed_spans, S004, "三个超常规")["kind"].tolist() == ["numbered_formula"]
    # 10个行动方案 is normalized to Chinese numerals
    assert set(_rows(seed_spans, S001, "10个行动方案")["normalized"]) == {"十个行动方案"}
    # “七个三百米、一个五百米”: two formulas in one pair of quotes
    assert _rows(seed_spans, S001, "七个三百米")["value"].tolist()[:1] == [7.0]
    assert _rows(seed_spans, S001, "一个五百米")["value"].tolist()[:1] == [1.0]


def test_consecutive_quotes_are_separate_spans(seed_spans, seeds):
    text = seeds[S003].text
    position = text.index("“六稳”“六保”")
    pair = seed_spans[(seed_spans["doc_id"] == S003) & seed_spans["start"].between(position, position + 8)]
    assert pair["text"].tolist() == ["六稳", "六保"]
    assert pair["in_lexicon"].all()


def test_nested_single_quotes(seed_spans):
    inner = _rows(seed_spans, S002, "五区")
    assert inner["kind"].tolist() == ["numbered_formula"]
    outer = seed_spans[(seed_spans["doc_id"] == S002) & seed_spans["text"].str.startswith("奋力推进")]
    assert outer["kind"].tolist() == ["slogan"]


def test_unquoted_numbered_formulas(seed_spans):
    unquoted = seed_spans[(seed_spans["kind"] == "numbered_formula") & ~seed_spans["quoted"]]
    # announcing the speech's own structure is not a formula
    assert "三句话" not in set(unquoted["text"])
    assert "三大革命" in set(unquoted.loc[unquoted["doc_id"] == S000, "text"])
    # glossary headwords of 001
    glossary = set(unquoted.loc[unquoted["doc_id"] == S001, "text"])
    assert {"12221", "5080", "五控一应对", "一线两带三园", "八项本领", "七种能力"} <= glossary
    # ordinary counts are not formulas
    assert not unquoted["text"].str.match(r"^\d+个").any()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三个项目", None),
        ("两个月", None),
        ("八个方面工作", None),
        ("二十四五", None),
        ("千方百计", None),
        ("一心一意", None),
        ("一年一度", None),
        ("四个意识", 4.0),
        ("三大攻坚战", 3.0),
        ("三去一降一补", 5.0),
        ("一带一路", 2.0),
        ("十三五", 13.0),
    ],
)
def test_ordinary_counts_are_not_formulas_unquoted(text, expected):
    spans = find_slogans_in_text(f"我们要抓好{text}，确保完成任务。")
    numbered = spans[spans["kind"] == "numbered_formula"]
    if expected is None:
        assert numbered.empty, numbered["text"].tolist()
    else:
        assert numbered["text"].tolist() == [text]
        assert numbered["value"].tolist() == [expected]


def test_quoted_magnitudes_and_ranks_are_not_formulas():
    assert numbered_formula("百亿级") is None
    assert numbered_formula("十强") is None
    assert numbered_formula("2025") is None
    assert numbered_formula("7·17") is None
    assert numbered_formula("十五", right="计划").value == 10.0  # the tenth five-year plan


def test_kinds_of_quoted_items(seed_spans):
    def kind(doc_id, text):
        return _rows(seed_spans, doc_id, text)["kind"].tolist()[0]

    assert kind(S000, "美丽乡村2025") == "programme"
    assert kind(S000, "粤菜师傅") == "programme"
    assert kind(S000, "南粤家政") == "programme"
    assert kind(S002, "敢为人先、争当标杆") == "slogan"
    assert kind(S001, "疫情要防住、经济要稳住、发展要安全") == "slogan"
    assert kind(S000, "防护网") == "quotation"  # an everyday word in quotes: a figure
    assert kind(S004, "卡脖子路") == "term"
    quotations = seed_spans[(seed_spans["kind"] == "quotation")]
    assert any(t.startswith("发展是靠苦干") for t in quotations["text"])
    assert any(t.startswith("伟大梦想不是等得来") for t in quotations["text"])


def test_classify_quoted_rules():
    assert classify_quoted("在深圳我是爷，在海口处处遇到爷")[0] == "quotation"
    assert classify_quoted("放管服", in_lexicon=True, lexicon_category="reform")[0] == "slogan"
    assert classify_quoted("千万工程", in_lexicon=True, lexicon_category="campaign")[0] == "programme"
    assert classify_quoted("全国民主法治示范村", right="称号，大富")[0] == "term"
    assert classify_quoted("XX")[0] == "term"


def test_definitions_on_seeds(seeds):
    definitions = find_definitions(seeds)
    by_formula = {f: row for f, row in zip(definitions["formula"], definitions.itertuples(), strict=True)}
    six = by_formula["六个百亿级产业"]
    assert (six.source, six.announced, six.n_components, six.consistent) == ("glossary", 6.0, 6, True)
    both = by_formula["七个三百米、一个五百米"]
    assert (both.announced, both.n_components, both.consistent) == (8.0, 8, True)
    assert by_formula["五控一应对"].consistent and by_formula["五控一应对"].n_components == 6
    assert by_formula["一线两带三园"].n_components == 6
    assert pd.isna(by_formula["12221市场体系"].consistent)  # digit code: structure unknown
    one = by_formula["六个一"]
    assert one.source == "parenthesis" and one.components[0] == "一个链长" and one.consistent
    assert by_formula["三给政策"].components == ["给资金", "给房子", "给荣誉"]
    assert by_formula["五个到位"].n_components == 5
    namely = by_formula["三大一强"]
    assert (namely.source, namely.announced, namely.n_components, namely.consistent) == ("namely", 4.0, 4, True)


def test_definition_with_a_wrong_count_is_flagged():
    table = find_definitions_in_text("危化品领域必须做到“四个到位”（排查、整改、验收、处罚、教育）。", "d")
    row = table.iloc[0]
    assert row["announced"] == 4.0 and row["n_components"] == 5 and not row["consistent"]


def test_count_slogans_per_document_and_group(seeds, seed_spans):
    table = count_slogans(seeds, spans=seed_spans)
    assert table["doc_id"].tolist() == seeds.doc_ids
    counted = seed_spans[seed_spans["kind"] != "quotation"]
    for row in table.itertuples():
        mine = counted[counted["doc_id"] == row.doc_id]
        assert row.slogan_occurrences == len(mine)
        assert row.slogan_distinct == mine["normalized"].nunique()
        assert row.slogan_national == int(mine["in_lexicon"].sum())
        assert row.slogan_local == len(mine) - int(mine["in_lexicon"].sum())
        characters = count_characters(seeds[row.doc_id].text)
        assert row.characters == characters
        assert math.isclose(row.slogan_per_10k, len(mine) * 10_000 / characters)
    by_genre = count_slogans(seeds, spans=seed_spans, by="genre")
    assert by_genre["slogan_occurrences"].sum() == table["slogan_occurrences"].sum()
    assert by_genre["characters"].sum() == table["characters"].sum()


def test_formulation_matrix(seed_spans, seeds):
    matrix = count_formulation_matrix(seed_spans, documents=seeds.doc_ids)
    assert list(matrix.columns) == seeds.doc_ids
    assert matrix.loc["六稳", S003] == 4
    assert int(matrix.to_numpy().sum()) == int((seed_spans["kind"] != "quotation").sum())


@pytest.mark.slow
def test_first_appearances_and_lag_on_the_national_corpus(national, seeds, seed_spans):
    spans = find_slogans(national)
    first = count_first_appearances(spans, national.docvars).set_index("normalized")
    assert first.loc["一带一路", "first"] == 2015
    assert first.loc["放管服", "first"] == 2017
    assert first.loc["十三五", "first"] == 2015
    lag = compute_national_lag(seed_spans, seeds.docvars).set_index(["doc_id", "normalized"])
    row = lag.loc[(S003, "六稳")]
    assert row["national_first_year"] == 2018
    assert row["lag"] == row["year"] - 2018


def test_add_context(seeds, seed_spans):
    table = add_context(seed_spans[seed_spans["doc_id"] == S003].head(3), seeds, window=4)
    for row in table.itertuples():
        text = seeds[S003].text
        assert text[row.start - len(row.left) : row.start] == row.left


def test_evaluate_against_gold_locates_and_scores(seeds, seed_spans):
    text = seeds[S004].text
    gold_rows = []
    for needle, kind in [("五个聚焦", "numbered_formula"), ("三个超常规", "numbered_formula"),
                         ("船到中流、人到半山", "quotation"), ("卡脖子路", "term")]:
        position = text.index(needle)
        left = text[max(0, position - 8) : position].replace("\n", "")
        gold_rows.append({"doc_id": S004, "left": left, "text": needle, "kind": kind, "quoted": "yes"})
    gold = pd.DataFrame(gold_rows)
    pred = seed_spans[seed_spans["doc_id"] == S004]
    table = evaluate_against_gold(pred, gold, texts=seeds).set_index("group")
    combined = table.loc["slogan+numbered_formula"]
    assert combined["gold"] == 2 and combined["recall"] == 1.0
    # predictions beyond these four gold rows are false positives
    assert combined["precision"] < 0.5
    assert table.loc["quotation", "recall"] == 1.0
    assert table.loc["term", "recall"] == 1.0
    gold.loc[0, "text"] = "不在文中的提法"
    with pytest.warns(UserWarning, match="could not be located"):
        table = evaluate_against_gold(pred, gold, texts=seeds).set_index("group")
    assert table.loc["numbered_formula", "unlocated"] == 1


# --------------------------------------------------------------------------
# Classification by context and form (excerpts of the shipped reports)
# --------------------------------------------------------------------------
def _kinds(text):
    spans = find_slogans_in_text(text)
    return dict(zip(spans["text"], spans["kind"], strict=True))


@pytest.mark.parametrize(
    ("excerpt", "item", "kind"),
    [
        # a head after the quote names a programme, a term or a slogan
        ("举办300场“粤贸全球”境外展，带动2.55万家企业开拓国际市场", "粤贸全球", "programme"),
        ("抓好“唱响新时代”文化惠民工程和岭南文化", "唱响新时代", "programme"),
        ("全面实行政务服务“好差评”制度，加快推进数字", "好差评", "term"),
        ("探索采取“拿地即开工”“城镇低效用地再开发”等供地模式", "城镇低效用地再开发", "term"),
        ("扎实开展“不忘初心、牢记使命”主题教育。认真贯彻", "不忘初心、牢记使命", "programme"),
        ("加快“菜篮子”工程建设", "菜篮子", "programme"),
        # verbs before the quote
        ("我们坚持不搞“大水漫灌”式强刺激，保持宏观政策", "大水漫灌", "quotation"),
        ("依法处置“僵尸企业”。深化电力、油气、铁路等领域改革", "僵尸企业", "term"),
        ("坚持“防返贫”“促增收”两手抓，加强动态监测", "促增收", "slogan"),
        ("里村、燕喜社区获评“广东省民主法治示范村（社区）”。", "广东省民主法治示范村（社区）", "term"),
        # sayings and figures
        ("强化“标兵渐行渐远，追兵越来越近”的危机感，强化", "标兵渐行渐远，追兵越来越近", "quotation"),
        ("当前，*市正处在“船到中流、人到半山”的关键期。", "船到中流、人到半山", "quotation"),
        ("一、要把“规划图”变成“施工图”，关键在“五个聚焦”", "施工图", "quotation"),
        ("等重大项目建设，把“好钢用在刀刃上”，实现效益最大化。", "好钢用在刀刃上", "quotation"),
        ("持续织密“防护网”，坚决堵住一切漏洞", "防护网", "quotation"),
        # form
        ("扎实推进“一村一品、一镇一业”，培育“一县一业”", "一县一业", "slogan"),
        ("低企业综合成本等，“快、准、细、实、效”出台系列措施", "快、准、细、实、效", "slogan"),
        ("永葆“闯”的精神、“创”的劲头、“干”的作风", "干", "slogan"),
        ("在全国推开“证照分离”改革，推广“互联网+监管”", "互联网+监管", "programme"),
        ("构建“高校+平台+企业+产业链”的协同创新模式", "高校+平台+企业+产业链", "term"),
        ("坚持和发展新时代“后陈经验”，推进基层治理", "后陈经验", "slogan"),
        ("深入推进“平安浙江”建设，打造“制造强省”", "平安浙江", "slogan"),
        ("深入推进“平安浙江”建设，打造“制造强省”", "制造强省", "slogan"),
        ("开展“浙里来消费”活动，办好“村BA”", "村BA", "programme"),
        ("专精特新“小巨人”企业561家", "小巨人", "term"),
        # no word of the dictionary at either end: a contracted series (Sichuan 2025)
        ("实施“消费+”行动，促进“农商文旅体教康”融合发展，打造", "农商文旅体教康", "term"),
    ],
)
def test_kinds_by_context_and_form(excerpt, item, kind):
    assert _kinds(excerpt)[item] == kind


def test_runs_and_repeats_share_their_kind(provincial):
    text = provincial["cn-guangdong-gwr-2025"].text
    position = text.index("“一网通办”、“一网统管”、“一网协同”")
    spans = find_slogans_in_text(text[position - 20 : position + 40])
    # 一网通办 is a lexicon watchword; its parallel items take its kind
    assert spans.loc[spans["text"].str.startswith("一网"), "kind"].tolist() == ["slogan"] * 3
    # one item, one kind through a document
    spans = find_slogans_in_text("弘扬“岳山造林”光荣传统。\n名词解释\n1.“岳山造林”：上世纪70年代")
    assert spans["kind"].nunique() == 1


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("千万工程", 2.0),  # 千村示范、万村整治
        ("百千万工程", 3.0),
        ("八八战略", 8.0),
        ("千项万亿", 2.0),
        ("一点两地", 3.0),
        ("十二连增", 12.0),
        ("17连增", 17.0),  # Chongqing 2025: 油菜产量实现“17连增”
        ("一场三站", 4.0),  # Guizhou 2025: a series that opens with 一 and a measure word
        ("清四乱", 4.0),  # Gansu 2025: a verb before the series
        ("除六害", 6.0),  # 1994
        ("民生十大工程", 10.0),
        ("科技金融15条", 15.0),
        ("双一流196", 2.0),
    ],
)
def test_more_quoted_numbered_formulas(text, value):
    kind, numbered = classify_quoted(text)
    assert kind == "numbered_formula" and numbered is not None and numbered.value == value


@pytest.mark.parametrize(
    ("text", "right", "kind"),
    [
        ("九二共识", "", "term"),  # 九二 = 1992, a year
        ("万亩千亿", "", "term"),  # magnitudes of land and output
        ("二线", "管住", "quotation"),  # 二 is an ordinal (a count would be 两)
        ("一张网", "建设", "term"),  # 一 = single
        ("一号工程", "", "programme"),  # 一号 is an ordinal
        ("双向飞地", "", "term"),  # 双向 = two-way (Qinghai 2025)
    ],
)
def test_numerals_that_do_not_count(text, right, kind):
    assert numbered_formula(text, right=right) is None
    assert classify_quoted(text, right=right)[0] == kind


def test_a_rank_before_an_action_is_a_set():
    """进入“四强” is a rank; “四强”行动 (Gansu 2025) names four things to strengthen."""
    assert numbered_formula("四强") is None
    assert numbered_formula("四强", right="行动，扎实做好").value == 4.0


def test_plan_names_that_read_as_numbers_need_their_context(national, provincial):
    """“五五”普法 (2011) and 农业科技“五五”工程 (Hubei 2025) are plans; a bare “五五” is not."""
    assert numbered_formula("五五") is None
    for text in (national["cn-national-gwr-2011"].text, provincial["cn-hubei-gwr-2025"].text):
        spans = find_slogans_in_text(text)
        assert spans.loc[spans["text"] == "五五", "kind"].tolist() == ["numbered_formula"]


def test_a_glossary_defines_the_components_of_a_formula():
    assert classify_quoted("一线", right="是指农文旅结合的研学线")[0] == "numbered_formula"
    assert classify_quoted("一线", right="放开、")[0] != "numbered_formula"


def test_counts_in_apposition_to_an_enumeration(national):
    text = national["cn-national-gwr-2019"].text
    numbered = find_slogans_in_text(text)
    numbered = set(numbered.loc[(numbered["kind"] == "numbered_formula") & ~numbered["quoted"], "text"])
    # “巩固、增强、提升、畅通”八个字; 工业、燃煤、机动车三大污染源; 两个市场两种资源 (one formula)
    assert {"八个字", "三大污染源", "两个市场两种资源"} <= numbered
    # counts that do not match their enumeration, or close an open list (等), are left alone
    spans = find_slogans_in_text("加强工业、燃煤三大污染源治理，推动北京、上海等两个城市发展")
    assert spans[spans["kind"] == "numbered_formula"].empty


def test_a_count_of_programmes_is_not_a_formula():
    spans = find_slogans_in_text("深入实施三个“一号工程”，打造五个“必须统筹好”。")
    assert spans[["text", "kind"]].values.tolist() == [
        ["一号工程", "programme"], ["五个“必须统筹好", "numbered_formula"],
    ]


def test_standing_sets_without_a_measure_word(provincial):
    text = provincial["cn-guangdong-gwr-2025"].text
    spans = find_slogans_in_text(text)
    unquoted = spans[(spans["kind"] == "numbered_formula") & ~spans["quoted"]]
    found = dict(zip(unquoted["text"], unquoted["value"], strict=False))
    # 产业科技互促双强 (双 counts industry and technology), 大湾区内地九市, 百校联百县“双百行动”
    assert found["双强"] == 2.0 and found["九市"] == 9.0 and "百校联百县" in found
    # a one-off result (双下降), a count of cities without a named region, a pair without repetition
    spans = find_slogans_in_text("化肥农药使用量实现双下降，全省九市完成任务，百校联千县，推进三产融合，深化两岸融合")
    assert spans[spans["kind"] == "numbered_formula"].empty


@pytest.mark.parametrize(
    ("text", "numbered"),
    [
        ("坚持和平统一，按照八项主张推进两岸关系", "八项主张"),
        ("在严格遵守中美三个公报的基础上", "三个公报"),
        ("全力落实三大先导产业新一轮“上海方案”", "三大先导产业"),
        ("三大都市圈协同共进", "三大都市圈"),
        ("全国人民都应该胸怀实现四化、振兴中华的雄心壮志", "四化"),
        ("新增两化融合管理体系贯标企业", "两化"),
        ("全力打造促进四链融合的创新驱动平台", "四链"),
    ],
)
def test_more_unquoted_numbered_formulas(text, numbered):
    spans = find_slogans_in_text(text)
    assert numbered in set(spans.loc[spans["kind"] == "numbered_formula", "text"])


def test_parallel_coinages_of_one_sentence_are_watchwords(provincial):
    text = provincial["cn-guangdong-gwr-2025"].text
    position = text.index("基础设施“硬联通”")
    kinds = _kinds(text[position - 4 : position + 60])
    assert [kinds[k] for k in ("硬联通", "软联通", "心联通")] == ["slogan"] * 3
    # the rules: service modes sharing one character stay terms; coinages in two sentences are
    # not parallel (the kind model, reading 联通 as a slogan's ending, may still call them slogans)
    spans = find_slogans_in_text("推行“就近办”、“网上办”、“掌上办”。加强“硬联通”。规则机制“软联通”。", kinds="rules")
    kinds = dict(zip(spans["text"], spans["kind"], strict=True))
    assert kinds["网上办"] == kinds["掌上办"] == "term"
    assert kinds["硬联通"] == "term"


@pytest.mark.parametrize(
    ("excerpt", "item", "kind"),
    [
        ("开展食品安全专项整治，严守“从田间到舌尖”安全关。", "从田间到舌尖", "slogan"),
        ("繁荣发展文艺精品，讲好新时代的“连州故事”。", "连州故事", "slogan"),
        ("拓展国际经贸网络，组建“走出去”平台公司，新增", "走出去", "slogan"),
        ("把创新驱动作为工业强区“第一动力”，全面落实", "第一动力", "slogan"),
        ("建设“数字政府”服务平台，推动", "数字政府", "programme"),
        ("持续开展“减证便民”改革行动，不能", "减证便民", "slogan"),
        ("深化“标准地”改革，推动", "标准地", "term"),
        ("在深圳、珠海、横琴实施“一签多行”等更便利的赴港", "一签多行", "term"),
        ("保护农民的生产积极性。坚持“一主多辅”的方针", "一主多辅", "slogan"),
    ],
)
def test_watchwords_named_by_their_shape(excerpt, item, kind):
    assert _kinds(excerpt)[item] == kind


def test_an_enumeration_may_end_with_a_conjunction():
    spans = find_slogans_in_text("推进攀枝花、包头和金川三大共生矿的综合利用，运用政府调控和市场机制两个手段")
    # a 、-list whose last two items are joined by 和, and two phrases joined by 和 alone
    assert spans.loc[spans["kind"] == "numbered_formula", "text"].tolist() == ["三大共生矿", "两个手段"]


@pytest.mark.parametrize(
    "excerpt",
    [
        "支持六盘山和贺兰山两个实验室硕博招生",  # two names, shorter than four characters
        "落实包产到户的生产责任制和发展多种经营这两个重要环节",  # 这 points back: an ordinary count
        "我们一定要在国内和国际两条战线上",
    ],
)
def test_a_pair_of_names_or_a_pointed_back_pair_is_only_counted(excerpt):
    spans = find_slogans_in_text(excerpt)
    assert "numbered_formula" not in set(spans["kind"])


def test_a_role_between_an_enumeration_and_its_count_is_skipped():
    # national report 2008: the three standing principles of government work
    spans = find_slogans_in_text("本届政府把实行科学民主决策、推进依法行政、加强行政监督作为政府工作的三项基本准则。")
    assert spans.loc[spans["kind"] == "numbered_formula", "text"].tolist() == ["三项基本准则"]


def test_a_plan_name_between_mismatched_quotes():
    # national report 1986 prints the plan names between mismatched quote marks
    spans = find_slogans_in_text("年平均增长百分之五点一，而“六五‘时期的年平均增长")
    assert spans.loc[spans["kind"] == "numbered_formula", "text"].tolist() == ["六五"]


def test_the_five_guarantees_are_a_lexicon_formula():
    spans = find_slogans_in_text("对全国城乡低保对象、农村五保供养对象等860多万人发放一次性生活补贴")
    row = spans.set_index("text").loc["五保"]
    assert (row["kind"], row["in_lexicon"], row["value"]) == ("numbered_formula", True, 5)


def test_items_destroyed_by_a_decoding_error_are_left_out(seeds):
    text = seeds[S001].text
    assert "\ufffd" in text
    spans = find_slogans_in_text(text)
    assert not spans["text"].str.contains("\ufffd").any()
    assert spans.empty is False


def test_named_sets_in_digits_and_yearly_packages(provincial):
    """10大重点农业产业链 is a named set (the head: up to five characters); 10大类52项民生实事
    counts this year's works (Hubei 2025)."""
    spans = find_slogans_in_text(provincial["cn-hubei-gwr-2025"].text)
    unquoted = spans[(spans["kind"] == "numbered_formula") & ~spans["quoted"]]
    found = dict(zip(unquoted["text"], unquoted["normalized"], strict=False))
    assert found["10大重点农业"] == "十大重点农业"
    assert found["6大行动"] == "六大行动"  # 未来产业策源、应用场景牵引等: examples of the set
    assert not any("民生实事" in text for text in found)
    assert "10大类" not in found  # 大类: categories, not a named set


def test_a_special_campaign_is_a_programme(provincial):
    spans = find_slogans_in_text(provincial["cn-jiangxi-gwr-2025"].text)
    campaign = spans[spans["text"] == "化解矛盾风险、维护社会稳定"]
    assert campaign["kind"].tolist() == ["programme"]  # “…”专项治理


def test_packages_and_lexicon_kinds_on_report_text(provincial):
    """十条支持政策 (Sichuan 2025) is a package; 揭榜挂帅 names a mechanism, a term (lexicon)."""
    spans = find_slogans_in_text(provincial["cn-sichuan-gwr-2025"].text)
    packages = spans[(spans["kind"] == "numbered_formula") & ~spans["quoted"]]
    assert "十条支持政策" in set(packages["text"])
    spans = find_slogans_in_text("深化科技体制改革，推行“揭榜挂帅”“赛马”等机制")
    assert spans.loc[spans["text"] == "揭榜挂帅", "kind"].tolist() == ["term"]


def test_figures_and_rankings_with_numerals_count_nothing(provincial):
    """“双城记” and “四梁八柱” are figures of speech, “全国十大考古新发现” a ranking used as a
    title, “最初一公里” a figurative distance (Qinghai and Hubei 2025); “千里马” before 行动
    names a campaign (Chongqing 2025)."""
    kinds = {}
    for doc_id in ("cn-qinghai-gwr-2025", "cn-hubei-gwr-2025", "cn-chongqing-gwr-2025", "cn-hainan-gwr-2025"):
        spans = find_slogans_in_text(provincial[doc_id].text)
        quoted = spans[spans["quoted"]]
        kinds.update({(doc_id, t): k for t, k in zip(quoted["text"], quoted["kind"], strict=True)})
    assert kinds[("cn-qinghai-gwr-2025", "双城记")] == "quotation"
    assert kinds[("cn-qinghai-gwr-2025", "四梁八柱")] == "quotation"
    assert kinds[("cn-qinghai-gwr-2025", "千里马")] == "quotation"
    assert kinds[("cn-hubei-gwr-2025", "全国十大考古新发现")] == "term"
    assert kinds[("cn-chongqing-gwr-2025", "千里马")] == "programme"
    assert kinds[("cn-hainan-gwr-2025", "最初一公里")] == "quotation"
    # the same numerals still count where they name a set
    assert kinds[("cn-hainan-gwr-2025", "一本三基四梁八柱")] == "numbered_formula"


def test_trade_in_and_delivery_policies_are_terms(provincial):
    """保交房 and 以旧换新 name policies, terms as every annotated report reads them (lexicon)."""
    spans = find_slogans_in_text(provincial["cn-guizhou-gwr-2025"].text)
    quoted = spans[spans["quoted"]]
    assert set(quoted.loc[quoted["text"].isin(["保交房", "以旧换新"]), "kind"]) == {"term"}
    assert {"保交房", "以旧换新"} <= set(quoted["text"])


def test_yearly_packages_of_works_count_when_named_twice(provincial):
    """10件惠民实事, named in the plan and the annex, is a standing package (numbered formula);
    完成21项民生实事, named once, is an ordinary count; 办好每一件民生实事 counts nothing."""
    yunnan = find_slogans(provincial["cn-yunnan-gwr-2025"].text, kinds="rules")
    assert (yunnan["normalized"] == "10件惠民实事").sum() >= 3 and (yunnan["normalized"] == "10件惠企实事").sum() == 2
    assert not yunnan["text"].str.contains("一件民生实事").any()
    xizang = find_slogans(provincial["cn-xizang-gwr-2025"].text, kinds="rules")
    assert not xizang["text"].str.contains("民生实事").any()


def test_standing_projects_and_counts_after_quoted_enumerations(provincial):
    """Liaoning's 15项重大工程 and Hebei's 20项民生工程, each named twice, are standing packages;
    Yunnan's “登高、升规、晋位、上市”四个工程 counts the quoted enumeration before it, so its 个
    names a set (个 after an unquoted list of places counts them: 香港、澳门两个特别行政区)."""
    for doc_id, form in (("cn-liaoning-gwr-2025", "15项重大工程"), ("cn-hebei-gwr-2025", "20项民生工程")):
        spans = find_slogans(provincial[doc_id].text, kinds="rules")
        assert (spans["normalized"] == form).sum() == 2, doc_id
    yunnan = find_slogans(provincial["cn-yunnan-gwr-2025"].text, kinds="rules")
    counted = yunnan[yunnan["text"] == "四个工程"]
    assert len(counted) == 2 and (counted["kind"] == "numbered_formula").all() and (counted["value"] == 4).all()
    assert find_slogans("支持香港、澳门两个特别行政区发展。", kinds="rules").empty


def test_counts_with_ge_after_an_unquoted_enumeration(national, provincial):
    """个 after an unquoted enumeration whose length it gives names a set (严把土地、信贷两个闸门,
    打得赢、不变质两个历史性课题, 重预防、强基础、严监管、提能力四个关键), unless the items are
    places (全力支持香港、澳门两个特别行政区); the enumeration may start far before the count
    (…提升应急救援水平、最大程度降低事故造成损失两个工作维度)."""
    found = {
        doc_id: set(find_slogans(text, kinds="rules")["normalized"])
        for doc_id, text in (
            ("cn-national-gwr-2008", national["cn-national-gwr-2008"].text),
            ("cn-national-gwr-2005", national["cn-national-gwr-2005"].text),
            ("cn-neimenggu-gwr-2025", provincial["cn-neimenggu-gwr-2025"].text),
            ("cn-beijing-gwr-2025", provincial["cn-beijing-gwr-2025"].text),
        )
    }
    assert "两个闸门" in found["cn-national-gwr-2008"]
    assert "两个历史性课题" in found["cn-national-gwr-2005"]
    assert {"四个关键", "三个关键领域"} <= found["cn-neimenggu-gwr-2025"]
    assert "两个工作维度" in found["cn-beijing-gwr-2025"]
    assert "两个特别行政区" not in found["cn-national-gwr-2005"] | found["cn-national-gwr-2008"]


def test_counts_with_zhe_after_an_enumeration(national):
    """三者 after an enumeration of three names the set (1981: 国家、集体、个人三者之间的经济利益关系,
    责、权、利三者结合起来; 1984: 工业产值、实现利润和上交税利三者同步增长); 两者 is only "both"."""
    for doc_id, wanted in (("cn-national-gwr-1981", 2), ("cn-national-gwr-1984", 1)):
        spans = find_slogans(national[doc_id].text, kinds="rules")
        counted = spans[spans["normalized"] == "三者"]
        assert len(counted) >= wanted and (counted["value"] == 3).all() and (counted["kind"] == "numbered_formula").all()
    assert find_slogans("把经济效益和社会效益两者结合起来。", kinds="rules").empty


def test_prefectures_of_a_named_part_of_a_province(provincial):
    """南疆五地州 and 东部五盟市 name fixed sets of prefectures (numbered formulas); 14个市州 counts them."""
    xinjiang = find_slogans(provincial["cn-xinjiang-gwr-2025"].text, kinds="rules")
    assert (xinjiang["normalized"] == "五地州").sum() == 2
    neimenggu = find_slogans(provincial["cn-neimenggu-gwr-2025"].text, kinds="rules")
    assert {"五盟市", "三盟市"} <= set(neimenggu["normalized"])
    assert find_slogans("全省14个市州全部通高速。", kinds="rules").empty


def test_quoted_codes_with_a_multiplication_sign(provincial):
    """Hunan's “4×4”现代化产业体系 is a code (four by four, value 16); an unquoted 3×3 is a size."""
    hunan = find_slogans(provincial["cn-hunan-gwr-2025"].text, kinds="rules")
    codes = hunan[hunan["text"] == "4×4"]
    assert len(codes) == 3 and (codes["kind"] == "numbered_formula").all() and (codes["value"] == 16).all()
    assert find_slogans("面积3×3米的展位", kinds="rules").empty
