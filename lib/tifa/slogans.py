"""Slogans (提法): quoted formulations, numbered formulas, definitions, lexicon terms.

:func:`find_slogans` returns one row per formulation occurrence, with the
columns ``doc_id, start, end, text, kind, value, head, normalized,
in_lexicon, quoted`` (see :data:`SLOGAN_COLUMNS`). Offsets index the
normalized text (``doc.text``) and exclude quote marks.

Where spans come from
---------------------
1. **Quoted items.** Everything inside “ ” or ‘ ’ (the normalizer has already
   turned 「」『』 and straight quotes into these). Consecutive items
   (“六稳”“六保”) are separate spans; a single-quoted item nested in a
   double-quoted one is a span of its own. Document titles are written in
   《》 and are not quotes.
2. **Numbered formulas** (数字式提法), quoted or not; see
   :func:`numbered_formula` for the rules. Unquoted, also a count in
   apposition to an enumeration whose length it gives (工业、燃煤、机动车三大
   污染源; “安全、环保、效益”三条底线), a pair raised together (产业科技互促
   双强), the cities of a named region (大湾区内地九市), paired magnitudes
   (百校联百县) and kinds merged (两化融合, 四链融合).
3. **Lexicon terms** outside quotes (:mod:`tifa.lexicon`); they take the
   lexicon's kind.

Kinds
-----
``numbered_formula``
    A numeral that counts the items of the formula: a numeral with a measure
    word and a head (四个意识, 三大攻坚战), a contracted series (六稳, 三新一高,
    一带一路, 十百千, 千万工程), a code (3+1, 1+12+N, 12221) or a plan name
    (十四五); also a quoted item that contains one (“三区同振、城乡融合”).
``slogan``
    A watchword: a lexicon watchword (放管服), parallel parts (“敢为人先、争当
    标杆”), an item upheld (坚持“…”, 践行“…”) or named as a strategy, an idea
    or a requirement (“…”战略, “…”理念, “…”要求), a distributive watchword
    (一村一品), a model or a spirit (枫桥经验), a verbal phrase (“提升中心城区
    魅力”).
``programme``
    A named campaign, project, plan, event or brand: the item ends with, or
    is followed by, 工程, 行动, 计划, 品牌, 活动, 平台… (“美丽乡村2025”行动计划),
    a provincial brand (“粤贸全球”, “浙里来消费”), “互联网+”.
``term``
    A label: a mechanism, a model, a system or a procedure (“好差评”制度,
    “拿地即开工”, 河长制), a title or an award (全国民主法治示范村, 飞天奖), a
    problem fought (遏制“台独”), a redaction (“XX”), a short noun.
``quotation``
    Reported speech, a saying or a figure of speech: sentence punctuation,
    a verb of saying before the quote (指出：“…”), a sentence with its own
    subject (“安源不争先就是落后”), a state described (“…”的紧迫感), a
    contrast (把“规划图”变成“施工图”), a negation (不搞“大水漫灌”), an
    everyday word in quotes (“防护网”, “压舱石”). Kept in the table, left out
    of slogan counts.

The rules are deterministic, use the context before and after the quotes
as well as the item's form, and are listed in :func:`classify_quoted`.
Within a run of consecutive quotes and within a document, items whose kind
came only from their form take the kind of their better-read companions
(the lexicon item of the run, the other occurrences of the same item).
The rules' kind of a quoted item is then read, with the item's characters and
its context, by a model trained on the annotated reports
(:mod:`tifa.kind_model`), which settles it; ``kinds="rules"`` keeps the rules'
kind.

>>> spans = find_slogans_in_text("树牢“四个意识”，做好“六稳”“六保”工作，推动高质量发展。")
>>> spans[["text", "kind", "value", "in_lexicon", "quoted"]].values.tolist()
[['四个意识', 'numbered_formula', 4.0, True, True], ['六稳', 'numbered_formula', 6.0, True, True], ['六保', 'numbered_formula', 6.0, True, True], ['高质量发展', 'slogan', nan, True, False]]
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, NamedTuple

import numpy as np
import pandas as pd

from tifa.corpus import iter_documents
from tifa.errors import check_option
from tifa.kind_model import load_kind_model
from tifa.lexicon import default_kind, default_matcher, load_lexicon, normalized_forms
from tifa.measures import count_characters, rate_per_10k

__all__ = [
    "DEFINITION_COLUMNS",
    "KINDS",
    "SLOGAN_COLUMNS",
    "SLOGAN_KINDS",
    "classify_quoted",
    "compute_national_lag",
    "count_first_appearances",
    "count_formulation_matrix",
    "count_slogans",
    "evaluate_against_gold",
    "find_definitions",
    "find_definitions_in_text",
    "find_slogans",
    "find_slogans_in_text",
    "fills_quotes",
    "locate_gold",
    "numbered_formula",
    "read_gold",
]

Kind = Literal["numbered_formula", "slogan", "programme", "term", "quotation"]
KINDS: tuple[str, ...] = ("numbered_formula", "slogan", "programme", "term", "quotation")
#: Kinds that count as official formulations in :func:`count_slogans`.
SLOGAN_KINDS: tuple[str, ...] = ("numbered_formula", "slogan", "programme", "term")
SLOGAN_COLUMNS = [
    "doc_id",
    "start",
    "end",
    "text",
    "kind",
    "value",
    "head",
    "normalized",
    "in_lexicon",
    "quoted",
]

# --------------------------------------------------------------------------
# Character classes
# --------------------------------------------------------------------------
_CN_NUM = "一二三四五六七八九十两双百千万"
_N = f"[{_CN_NUM}]"
#: Characters that are not numerals: Han characters other than numerals.
_C = f"[^\\W\\d_{_CN_NUM}零〇A-Za-z]"
_MEASURES = "个大项种条类张支场句批字位件"
_DIGIT_VALUE = {"一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DIGITS_OUT = "零一二三四五六七八九"
#: First characters of distributive 一X一Y watchwords (一村一品, 一企一策, 一县一业).
DISTRIBUTIVE_UNITS = frozenset("村镇县乡市区校企岛户人业园院所站厂店街家案事地岗")

# --------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------
#: A double-quoted item within one line, or a top-level single-quoted item.
RE_QUOTE: re.Pattern[str] = re.compile(r"“([^“”\n]{1,150})”|‘([^‘’“”\n]{1,80})’")
#: A single-quoted item nested in a double-quoted one.
RE_INNER_QUOTE: re.Pattern[str] = re.compile(r"‘([^‘’\n]{1,60})’")
#: What may stand between two items of one run of quotes (“甲”“乙”和“丙”).
RE_RUN_JOINER: re.Pattern[str] = re.compile(r"(?:、|，|和|及|与|以及)?(?=[“‘])")
#: Reported speech inside the item: sentence punctuation, or a pronoun of the speaker.
RE_SPEECH_CONTENT: re.Pattern[str] = re.compile(r"[。！？!?；;…]")
#: A pronoun of the speaker or the audience: reported speech when the item is a sentence
#: (ten characters or more; “民呼我为”, “你点我检”, “强国复兴有我” are names).
RE_PRONOUN: re.Pattern[str] = re.compile(r"我们|(?<!自)我|你们|你|咱们|大家")
#: A verb of saying just before the opening quote (指出：“…”, 俗话说“…”, 嘱托我们“…”).
RE_SPEECH_LEFT: re.Pattern[str] = re.compile(
    r"(?:(?:指出|强调|说|表示|认为|讲|寄语|称|写道|说道|所说|坦言|感慨|告诉|叮嘱|告诫|常言道|古人云|俗话说|常说|说过|讲过|"
    r"所讲|号召)(?:的|了|过)?[：:，,]?|(?:要求|希望|嘱托|嘱咐|勉励|鼓励)(?:我们|大家|全省|全市|全区)[：:，,]?)$"
)
#: A colon right before the opening quote: reported speech when the item is long.
RE_COLON_LEFT: re.Pattern[str] = re.compile(r"[：:]$")
#: A copula or modal inside the item: a sentence with its subject (“安源不争先就是落后”).
RE_SENTENCE_CONTENT: re.Pattern[str] = re.compile(
    r"就是|才是|不是|也是|更是|还是|都是|总是|也要|更要|都要|就要|才能|就能|就会|越来越|渐行渐远|宁可|与其|而是|不如"
)
#: A distance used as a figure: “最后一公里”, “最后一百米”, “最初一公里”.
RE_FIGURATIVE_DISTANCE: re.Pattern[str] = re.compile(r"最[后初先][一二三四五六七八九十百千几]{1,3}(?:公里|米|厘米|步|站)")
#: Before the item, a figure of speech announced (是一场“年中大考”, 犹如“…”).
RE_FIGURE_LEFT: re.Pattern[str] = re.compile(r"(?:是一场|是一次|是一道|是一张|当作|当成|视为|看作|比作|喻为|犹如|好比|如同|就像|堪称)$")
#: A contrast of two quoted items: 把“规划图”变成“施工图”, 变“被动”为“主动”, 从“有没有”到“好不好”.
_CONTRAST_FROM = r"(?:把|将|让|使|变|化|从|由)"
_CONTRAST_TO = r"(?:变成|变为|转变为|转化为|转为|成为|化为|为|到|向|变)"
RE_CONTRAST_FIRST_LEFT: re.Pattern[str] = re.compile(_CONTRAST_FROM + "$")
RE_CONTRAST_FIRST_RIGHT: re.Pattern[str] = re.compile("^" + _CONTRAST_TO + "“")
RE_CONTRAST_SECOND_LEFT: re.Pattern[str] = re.compile(_CONTRAST_FROM + r"“[^“”]{1,20}”" + _CONTRAST_TO + "$")
#: After the item, 的 and a noun of feeling, time or state (“…”的紧迫感, “…”的关键期) or of an utterance.
RE_STATE_RIGHT: re.Pattern[str] = re.compile(
    r"^的[^，。；、“”\n]{0,3}?(?:感|关键期|时期|阶段|境界|境地|窘境|局面|状态|感觉|心态|指示|讲话|名言|论断)"
)
#: After an item without 、, 的 and a noun of attitude (以“咬定青山不放松”的韧劲): a quoted line.
RE_ATTITUDE_RIGHT: re.Pattern[str] = re.compile(r"^的[^，。；、“”\n]{0,3}?(?:魄力|姿态|韧劲|气魄|气概)")
#: Before the item, 把 or a modal whose predicate is the quoted item itself (把“好钢用在刀刃上”，
#: 改造要“改面子更重里子”，): a saying.
RE_PREDICATE_LEFT: re.Pattern[str] = re.compile(r"(?:把|将|要|必须|需要|应当|就要|更要)$")
#: Before the item, a negation (不搞“大水漫灌”, 决不能“新官不理旧账”): a figure, not a watchword.
RE_NEGATED_LEFT: re.Pattern[str] = re.compile(
    r"(?:不搞|不能搞|不要搞|不能|不可|不得|不再|决不|绝不|不让|避免|防止|杜绝|摒弃|力戒|告别|拒绝|谨防|严防)$"
)
#: Before the item, fighting it (遏制“台独”, 处置“僵尸企业”), or after it, 现象/问题: the label of a problem.
RE_OPPOSED_LEFT: re.Pattern[str] = re.compile(
    r"(?:反对|遏制|处置|严禁|禁止|查处|打击|整治|纠治|克服|消除|根治|惩治|严惩|清理|治理|整顿)$"
)
RE_PROBLEM_RIGHT: re.Pattern[str] = re.compile(r"^(?:的)?(?:现象|问题|行为|思潮|乱象|顽疾|分裂|倾向)")
#: Before the item, a verb of upholding (坚持“…”, 树牢“…”, 践行“…”): the item is a watchword.
RE_UPHOLD_LEFT: re.Pattern[str] = re.compile(
    r"(?:坚持|树牢|树立|坚定|做到|践行|贯彻|弘扬|牢记|秉持|秉承|倡导|领会|恪守|永葆|发扬|遵循|落实|把握|坚守|传承|心怀|奉行)"
    r"(?:好|了|着)?$"
)
#: Before the item, an award won (获评“…”, 荣获“…”, 创成“…”): the item is a title.
RE_TITLE_LEFT: re.Pattern[str] = re.compile(r"(?:获评|荣获|获得|评为|评选为|入选|创成|创建为|命名为|授予|摘得|认定为|争创)$")
#: Heads of the noun phrase after the item (looked for within eight characters, before any
#: punctuation; the nearest one decides): the item names a programme, a term or a slogan.
_PROGRAMME_HEADS = (
    "工程", "行动计划", "行动方案", "行动", "计划", "品牌", "活动", "专项行动", "攻坚行动", "攻坚战", "主题教育",
    "学习教育", "专题教育", "赛事", "大赛", "论坛", "峰会", "博览会", "展会", "文化节", "旅游节", "艺术节",
    "消费节", "购物节", "平台(?!公司)", "示范带", "直通车", "书屋", "专线", "推介会", "国际会议", "IP", "攻坚",
)
_TERM_HEADS = (
    "称号", "荣誉", "证书", "热线", "奖", "字号", "等次", "等级", "创建", "企业", "制度", "模式", "机制", "体制",
    "现象", "问题", "效应", "标准", "认证", "标识", "商标", "品种", "指数", "号(?!召)", "门诊", "班列", "驿站",
    "之家", "栏目", "专栏", "频道", "景区", "街区", "商圈", "服务站", "工作站", "消费券", "产品", "产业园",
    "试点",
)
_SLOGAN_HEADS = (
    "战略", "理念", "要求", "精神", "方针", "原则", "思路", "目标", "定位", "导向", "路线", "总基调", "方略",
    "思想", "论述", "使命", "担当", "作风", "劲头", "干劲", "遵循", "口号", "发展观", "部署", "号召", "愿景",
    "主线", "总纲",
)
RE_RIGHT_HEAD: re.Pattern[str] = re.compile(
    r"^(?:(?!和|与|及|并|或)[^，。；：、“”‘’（）()\n]){0,8}?(?:(?P<programme>"
    + "|".join(_PROGRAMME_HEADS)
    + r")|(?P<term>"
    + "|".join(_TERM_HEADS)
    + r")|(?P<slogan>"
    + "|".join(_SLOGAN_HEADS)
    + "))"
)
#: A span of a chain named by its two ends: “从田间到舌尖”, “从农田到餐桌” (a watchword).
RE_FROM_TO: re.Pattern[str] = re.compile(r"^从[^\W\d_]{1,5}到[^\W\d_]{1,5}$")
#: A reform right after the item, the campaign named after it: “减证便民”改革行动.
RE_REFORM_RIGHT: re.Pattern[str] = re.compile(r"^改革(?:专项)?(?:行动|攻坚)")
#: A special campaign named by the quoted item (“化解矛盾风险、维护社会稳定”专项治理).
RE_SPECIAL_CAMPAIGN_RIGHT: re.Pattern[str] = re.compile(r"^专项(?:行动|治理|整治|计划|斗争|攻坚)")
#: Ends of items that name a programme (…工程, …行动, 美丽乡村2025) or a title (…之乡, …示范村).
RE_PROGRAMME_END: re.Pattern[str] = re.compile(
    r"(?:工程|行动|计划|品牌|活动|攻坚战|攻坚年|专项行动|行动方案|大赛|论坛|(?<!\d)20[1-5]\d)$"
)
RE_TITLE_END: re.Pattern[str] = re.compile(
    r"(?:之乡|之都|之城|之家|示范[村镇县市区校户]|卫生[镇乡县城市]|卫生乡镇|文明[城市村镇]|百强[县镇村]|城市|省份|"
    r"[村镇县市区校院]（[^）]{1,6}）|医院|学校)$"
)
#: Ends of items that name a thing rather than state a watchword: a mechanism, a model, a
#: standard, a product (“外溢效应”, “链式改造”, “就业驿站”, “深圳式”, “城新贷”, “伏羲一号”).
RE_TERM_END: re.Pattern[str] = re.compile(
    r"(?:效应|模式|机制|体系|制度|标准|认证|指数|驿站|改造|清单|名单|(?<!一)式|[一二三四五六七八九十\d]号|贷|奖|杯)$"
)
#: Procedures and conversions: “拿地即开工”, “即买即退”, “补改投”, “公转铁” (labels of how
#: something is done).
RE_PROCEDURE: re.Pattern[str] = re.compile(r"^[^\W\d_]{2,}即[^\W\d_]{2,}$|^即.即.$|^.[改转].$")
#: One thing serving many: “一签多行”, “一码多用” (a label of a service, 一 = single).
RE_ONE_FOR_MANY: re.Pattern[str] = re.compile(r"^一[^\W\d_]多[^\W\d_]$")
#: Distributive watchwords (一村一品, 一县一业, 一岛一功能: 一 means "each") and single-window
#: watchwords (一照通行, 一卡通办): slogans, whatever their head.
RE_DISTRIBUTIVE: re.Pattern[str] = re.compile(
    rf"^一[{''.join(sorted(DISTRIBUTIVE_UNITS))}]一[^\W\d_]{{1,3}}$|^一[^\W\d_]通[^\W\d_]$"
)
#: Provinces, by name or by their one-character abbreviation (the distinctive ones): an item
#: that opens or closes with one names a provincial brand or campaign (“粤贸全球”, “苏新消费”,
#: “浙里来消费”, “投资广东”).
PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
    "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
    "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
)
PROVINCE_ABBREVIATIONS = frozenset("粤浙苏闽皖鲁豫湘鄂赣桂晋陕冀琼黔滇渝沪蒙辽")
RE_PROVINCE_BRAND: re.Pattern[str] = re.compile(
    rf"^(?:[{''.join(sorted(PROVINCE_ABBREVIATIONS))}](?![港澳])|{'|'.join(PROVINCES)})[^\W\d_]{{2,6}}$|"
    rf"^[^\W\d_]{{2,4}}(?:{'|'.join(PROVINCES)})$"
)
#: A Han name with Latin capitals: an event or brand coinage (“村BA”).
RE_LATIN_COINAGE: re.Pattern[str] = re.compile(r"^[^\W\d_A-Za-z]{1,4}[A-Z]{2,4}$")
#: An item made of a formula and a number (“双一流196”: the formula and its count of projects).
RE_TRAILING_NUMBER: re.Pattern[str] = re.compile(r"^([^\W\d_]{2,8})\d{1,4}$")
#: A model or a spirit held up as a watchword: “枫桥经验”, “后陈经验”, “红船精神”.
RE_MODEL_END: re.Pattern[str] = re.compile(r"..(?:经验|精神|故事)$")
#: Named connection schemes: “跨境理财通”, “港澳药械通” (a word and 通, which do not make a word).
RE_SCHEME_END: re.Pattern[str] = re.compile(r"^[^\W\d_]{3,}通$")
#: Magnitudes and their units as a label: “百亿级”, “万亩千亿”, “千亿”.
RE_MAGNITUDE_LABEL: re.Pattern[str] = re.compile(r"^(?:[一二三四五六七八九十两\d.]*[十百千万亿]+[亩元吨人米级户]?){1,3}$")
#: A quoted digit or letter, part of a code explained elsewhere: “1”, “N”.
RE_CODE_PART: re.Pattern[str] = re.compile(r"^[0-9A-Z]{1,2}$")
#: “互联网+”-style items: the national 互联网+ action plans are programmes, other “A+B” are model labels.
RE_PLUS_PROGRAMME: re.Pattern[str] = re.compile(r"^(?:互联网|人工智能|智能|AI|数字|机器人)\+|\+$")
#: Redactions and placeholders in quotes.
RE_REDACTED: re.Pattern[str] = re.compile(r"^[X×*]+[^X×*]{0,2}$")
#: What follows a redacted numbered formula (“XX”战略, “X”产业体系, “XX”产业振兴战).
RE_REDACTED_FORMULA_RIGHT: re.Pattern[str] = re.compile(r"^[^，。；、“”\n]{0,6}?(?:战略|体系|战|工程|行动|计划|布局)")
#: Dates of events written as codes: “7·17”, “1·24”.
RE_EVENT_DATE: re.Pattern[str] = re.compile(r"^\d{1,2}[·.]\d{1,2}$")
#: Single-character watchwords: “闯”的精神, 一个“公”字.
RE_VIRTUE_RIGHT: re.Pattern[str] = re.compile(r"^(?:的(?:精神|劲头|作风|干劲|品格|品质)|字(?![号]))")

# --------------------------------------------------------------------------
# Numbered formulas
# --------------------------------------------------------------------------
#: A numeral, a measure word and a head, as the whole of a quoted item.
RE_MEASURE_FULL: re.Pattern[str] = re.compile(
    rf"^(?P<num>[一二三四五六七八九十两]{{1,3}}|\d{{1,3}})(?P<measure>[{_MEASURES}])(?P<head>.{{1,14}})$"
)
#: Contracted series as a whole quoted item: 六稳, 三新一高, 一线两带三园, 十百千.
_C_OR_ZERO = f"(?:{_C}|零)"
RE_SERIES_FULL: re.Pattern[str] = re.compile(rf"^(?:{_N}{{1,3}}{_C_OR_ZERO}{{1,3}}){{1,6}}$")
RE_SERIES_GROUP: re.Pattern[str] = re.compile(rf"({_N}{{1,3}})({_C_OR_ZERO}{{1,3}})")
RE_ALL_NUMERALS: re.Pattern[str] = re.compile(r"^[十百千万]{2,4}$")
#: Codes: 3+1, 1+12+N, 15+N, 12221, 1231511, 415X; quoted, also 4×4.
RE_CODE_FULL: re.Pattern[str] = re.compile(r"^(?:\d{1,4}(?:\+(?:\d{1,4}|[A-Z]))+|\d{3,8}[A-Z]?|[A-Z]\+\d{1,3}|\d{1,2}×\d{1,2})$")
#: Plan names: 六五 … 十五五.
RE_PLAN_FULL: re.Pattern[str] = re.compile(r"^(?:十[一二三四五]?|[一二三四五六七八九])五$")
#: After a quoted 十五 or 一五…五五 (which read as plain numbers too), what makes them plans:
#: “十五”计划, “五五”普法, 农业科技“五五”工程.
RE_PLAN_RIGHT: re.Pattern[str] = re.compile(r"^(?:计划|规划|时期|期间|末|初|以来|开局|收官|普法|发展|目标|工程)")
#: Consecutive records in digits: “17连增”.
RE_DIGIT_RUN: re.Pattern[str] = re.compile(r"^(\d{1,2})(连[增丰涨升冠胜])$")
#: A numeral and measure word right before an opening quote: 五个“必须统筹好”.
RE_COUNTED_QUOTE_LEFT: re.Pattern[str] = re.compile(r"(?<![一二三四五六七八九十两百千万\d第])([一二三四五六七八九十两]{1,3})([个项条])$")

#: Heads that make an unquoted "numeral + measure + head" a formula, per measure word.
FORMULA_HEADS: Mapping[str, tuple[str, ...]] = {
    "个": (
        "意识", "自信", "维护", "确立", "全面", "现代化", "代表", "务必", "明确", "坚持", "聚焦",
        "统筹", "必须", "有利于", "面向", "尊重", "伟大", "结合", "毫不动摇", "区分开来", "不摘",
        "精准", "一流", "到位", "根本性转变", "转变", "文明", "凡是", "一百年", "基本点", "确保",
        "一批", "超常规", "大局", "服从", "没有变", "坚定不移", "一以贯之", "必由之路", "着力",
        "倍增", "示范区", "先行", "积极性", "联合公报", "市场", "公报",
    ),
    "大": (
        "攻坚战", "战略", "行动", "工程", "革命", "改造", "变革", "高地", "发展理念", "攻坚",
        "专项行动", "战役", "关系", "作风", "法宝", "差别", "新城", "板块", "产业集群", "行动方案",
        "纪律", "保卫战", "平台", "计划", "会战", "都市区", "重点领域", "基地", "都市圈", "障碍", "主题",
        "先导产业", "主导产业", "新兴产业", "支柱产业", "优势产业",
    ),
    "项": ("规定", "本领", "基本原则", "原则", "工程", "制度", "改革", "注意", "补贴", "攻坚任务", "主张", "基本国策",
          "行动"),
    "种": ("能力", "本领", "理念", "环境", "资源"),
    "条": ("底线", "保障线", "红线"),
    "件": ("民生实事",),
}
#: Words that may stand between 大 and its head: 三大国家战略, 六大进口基地, 四大重点行动.
_MODIFIERS = "(?:重点|重大|国家|中心|核心|主要|新兴|支柱|主导|先导|特色|优势|战略性|专项|民生|标志性|进口|出口|开放|创新|科技|产业)?"
#: Heads made of a numeral and a unit: 六个百亿级产业, 七个三百米.
_NUMERAL_HEAD = (
    r"(?:[百千万亿十]+亿?级(?:产业集群|产业|项目|企业|集群)?|[一二三四五六七八九十两]?[百千]米)"
)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


#: Unquoted numbered formulas. The leading look-ahead on the characters that
#: can open one lets the regex engine skip ahead with a fast character-set
#: scan instead of trying every alternative at every position. A digit opens
#: one only when a measure, 条 or + follows its number (10件民生实事, 20条措施,
#: 1+12+N), and 一 only before a numeral, a measure, or a character and a
#: numeral (一百, 一个, 一村一品): two negative look-aheads drop the other
#: positions of these frequent characters at once.
RE_NUMBERED_UNQUOTED: re.Pattern[str] = re.compile(
    r"(?=[一二三四五六七八九十两双百千万第0-9])(?!\d(?!\d{0,3}[件项个方大条+]))"
    r"(?!一(?![一二三四五六七八九十两双百千万个件项条大方]|.[一二三四五六七八九十两双百千万]))(?:"
    # alternatives are grouped by the character they may not follow, so that each
    # look-behind is tested once per candidate position
    + rf"(?<![{_CN_NUM}\d第])(?:"
    + "|".join(
        [
            # numeral + measure + known head
            *(
                rf"(?P<num_{i}>[二三四五六七八九十两]|[一二三四五六七八九十两]{{2,3}})(?P<m_{i}>{m})"
                rf"(?P<head_{i}>{_MODIFIERS if m in '大项' else ''}(?:{_alternation(heads)}))"
                for i, (m, heads) in enumerate(FORMULA_HEADS.items())
                if m != "句"
            ),
            # consecutive records: 十二连增, 五连丰
            r"(?P<num_run>[二三四五六七八九十]{1,3})(?P<m_run>连)(?P<head_run>增|丰|涨|升|冠|胜)",
            # numeral + 个 + numeral head
            rf"(?P<num_nh>[一二三四五六七八九十两]{{1,3}})(?P<m_nh>个)(?P<head_nh>{_NUMERAL_HEAD})",
        ]
    )
    + r")|(?<![一二三四五六七八九十两百千万\d第])(?:"
    + "|".join(
        [
            # 两手抓, 双拥, 两委…: contracted series whose 双/两 counts the members
            r"(?P<pair>两手抓|两委|两违|双拥|双控|双循环|双减|双创|双碳|双一流|双招双引)",
            # a pair of things raised together: 产业科技互促双强 (双 counts the two things named before)
            r"(?P<mutual>双(?:(?<=互促双)|(?<=互动双)|(?<=协同双)|(?<=联动双)|(?<=共促双)|(?<=互融双))"
            r"[^\W\d_](?![^\W\d_]))",
            # kinds of processes, industries or chains merged: 两化融合, 两业融合, 四链融合
            r"(?P<merged>[两三四五六][化业链](?=融合|联动|协同))",
            # the cities of a named region: 大湾区内地九市, 川中丘陵地区四市
            r"(?P<cities>(?=[二三四五六七八九十两]{1,2}市)(?:(?<=地区)|(?<=内地)|(?<=三角)|(?<=湾区))"
            r"[二三四五六七八九十两]{1,2}市)",
            # paired magnitudes naming a programme: 百校联百县, 万企兴万村 (the numeral repeats)
            r"(?P<pairing>(?P<pairing_num>[百千万])[^\W\d_][联帮带结进促兴助扶连](?P=pairing_num)[^\W\d_])",
            # plan names
            r"(?P<plan>十[一二三四五]?|[六七八九])五(?=[“”‘’]?(?:计划|规划|时期|期间|末|初|以来))",
            # the prefectures of a named part of a province: 南疆五地州, 东部五盟市, 8市州 (a
            # count with 个 is an ordinary count: 14个市州)
            r"(?P<num_rg>[二三四五六七八九十两]{1,2})(?P<m_rg>)(?P<head_rg>地州|盟市|市州)",
        ]
    )
    + r")|(?<![\d.])(?:"
    + "|".join(
        [
            # the yearly package of livelihood works: 十件民生实事, 十方面民生实事, 10件惠民实事
            # (not the changing count inside a standing set of categories: 10大类52项民生实事);
            # kept only when the report names the same package twice (:func:`_standing_packages`)
            r"(?<!类)(?P<num_ms>\d{1,2}|[一二三四五六七八九十]{1,3})(?P<m_ms>件|项|个|方面|大)"
            r"(?P<head_ms>(?:重点|重大)?(?:民生|惠民|惠企)实事|(?:重大|重点|民生)工程)",
            # policy packages: 22条措施, 30条举措, 十条支持政策
            r"(?P<num_pkg>\d{1,3}|[一二三四五六七八九十]{1,3})(?P<m_pkg>条)(?P<head_pkg>(?:[^\W\d_]{2})?(?:措施|举措|政策)|意见)",
            # …or named before the count: 便利化措施56条
            r"(?<=措施|举措|政策)(?P<num_pkn>\d{1,3})(?P<m_pkn>条)(?P<head_pkn>)(?![\w])",
        ]
    )
    # codes with +
    + r")|(?<![\dA-Za-z.+])(?P<code>\d{1,4}(?:\+(?:\d{1,4}|[A-Z]))+)(?![\dA-Za-z+])"
    # contracted series of one-character groups
    + rf"|(?<![{_CN_NUM}\d])(?P<series>(?:{_N}{{1,2}}{_C}){{2,4}})"
    + ")"
)

#: Plan names that are also plain numbers: only a plan with :data:`RE_PLAN_RIGHT` after them.
AMBIGUOUS_PLANS = frozenset({"十五", "一五", "二五", "三五", "四五", "五五"})

#: Service hotline numbers: digits that count nothing (“12345”热线).
HOTLINES = frozenset({"12345", "12315", "12369", "12348", "12350", "12366", "12333", "12320", "12356", "96110"})
#: Idioms shaped like contracted series.
SERIES_IDIOMS = frozenset(
    """千方百计 千家万户 四面八方 五湖四海 三令五申 七上八下 三心二意 千军万马 千变万化 千差万别 千头万绪
    千丝万缕 千辛万苦 千锤百炼 千山万水 万水千山 万紫千红 百战百胜 百发百中 四平八稳 五颜六色 七嘴八舌
    三番五次 一穷二白 一清二楚 一干二净 九死一生 十拿九稳 三头六臂 七手八脚 五花八门 四通八达 三教九流
    一了百了 一呼百应 一本万利 一日千里 一落千丈 一泻千里 一掷千金 一字千金 一刻千金 一诺千金 万无一失
    万众一心 千篇一律 千钧一发 千载一时 百里挑一 十全十美 十室九空 九牛一毛 三言两语 三长两短 一举两得
    一箭双雕 一石二鸟 千人一面 两全其美 三思而行 一波三折 一日三秋 三顾茅庐 百年一遇 千年一遇 十年一遇
    万人空巷 一步一个 一天一个 一年一个 两岸三地 千行百业 千村万户 千企百业""".split()
)
#: Figures of speech whose numerals count nothing: a quoted one is a quotation (唱好“双城记”,
#: 让更多“千里马”竞相奔腾, 产业体系“四梁八柱”), or a programme before a programme head
#: (“千里马”行动).
NUMERAL_FIGURES = frozenset({"双城记", "千里马", "四梁八柱"})
#: Scopes of rankings and selections (全国十大…, 年度…十大…), before the count or in the quote.
RANKING_SCOPES = "全国|年度|世界|全球|中国"
#: A quoted ranking used as a title (入选“全国十大考古新发现”): a term, not a named set.
RE_QUOTED_RANKING: re.Pattern[str] = re.compile(rf"(?:{RANKING_SCOPES})[^\W\d_]{{0,4}}?(?:[十百]|\d+)(?:大|强|佳)")
#: Characters of time, quantity and rank that make a "series" an ordinary phrase.
SERIES_BLOCKING_CHARACTERS = frozenset("年天日月次步个些样处片倍成点号期周岁份届层级批名至到分之")
#: The same inside quotes, where a series is more likely meant (“一点两地”).
QUOTED_SERIES_BLOCKING_CHARACTERS = frozenset("年天日月次步个些样倍成期周岁份届层级")
#: Units of magnitudes: a series with one of them measures, it does not count (万亩千亿).
SERIES_UNITS = frozenset("亩元吨斤")
#: Two different digits read as a year (九二共识, 八七扶贫攻坚计划) or a sector ordinal
#: (一二三产业); a repeated digit counts (八八战略: eight advantages, eight measures).
RE_YEAR_PAIR: re.Pattern[str] = re.compile(r"^([一二三四五六七八九])(?!\1)[一二三四五六七八九](?![个大项条种])")
#: Ascending magnitudes that name a programme: 千万工程 (千村示范、万村整治), 百千万工程.
RE_MAGNITUDE_SERIES: re.Pattern[str] = re.compile(r"^([十百千万]{2,3})(工程|计划|行动|人才工程|人才计划)$")
#: After a quoted item, the text defines it: “一线”是指…
RE_DEFINED_RIGHT: re.Pattern[str] = re.compile(r"^(?:是指|指的是|指|即)")
#: Openings whose numeral counts nothing: 双向 = two-way (“双向飞地”, “双向奔赴”).
NOT_COUNTING: tuple[str, ...] = ("双向",)
#: Quoted items that look numbered but are not formulas (magnitudes, ranks).
NOT_NUMBERED = frozenset(
    "一把手 一号 一流 一站式 一对一 一体化 一盘棋 一张网 一条龙 一揽子 一刀切 一窝蜂 一言堂 三甲 十强 百强 十佳 百佳 "
    "五百强 千亿 百亿 十亿 万亿".split()
)
#: Ranks and grades written with a numeral: 十强, 百佳, 三甲.
RE_RANK: re.Pattern[str] = re.compile(r"^[一二三四五六七八九十百千万两]+(?:强|佳|优|甲|好|星|A)$")
RE_MAGNITUDE: re.Pattern[str] = re.compile(r"^[一二三四五六七八九十两百千万亿\d.]+(?:亿|万|千|百)(?:级|元|亩|人|吨|米)?")


#: The headword of a glossary line (〔6〕六个百亿级产业：指…), unquoted.
RE_GLOSSARY_HEAD: re.Pattern[str] = re.compile(
    r"^(?:〔\d{1,3}〕|﹝\d{1,3}﹞|\[\d{1,3}\]|（\d{1,3}）|\d{1,3}[.．、])[ \t]*([^：:\n。，；“”（）]{1,20})[：:]",
    re.MULTILINE,
)
#: A code at the start of a headword: 12221市场体系.
RE_LEADING_CODE: re.Pattern[str] = re.compile(r"^(?:\d{1,4}(?:\+(?:\d{1,4}|[A-Z]))+|\d{3,8})(?=[^\d])")


class Numbered(NamedTuple):
    """A parsed numbered formula."""

    value: float
    head: str
    normalized: str


def _numeral_value(text: str) -> float:
    """Value of a numeral written in Chinese or Arabic digits (双 = 2).

    >>> _numeral_value("十四"), _numeral_value("两"), _numeral_value("12")
    (14.0, 2.0, 12.0)
    """
    if text.isdigit():
        return float(text)
    if text in ("双",):
        return 2.0
    total, current = 0, 0
    for ch in text:
        if ch in _DIGIT_VALUE:
            current = _DIGIT_VALUE[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "千":
            total += (current or 1) * 1000
            current = 0
        elif ch == "万":
            total = (total + current or 1) * 10000
            current = 0
        else:
            return float("nan")
    return float(total + current)


def _to_chinese(number: int) -> str:
    """Write 1–99 in Chinese numerals (for normalized forms).

    >>> _to_chinese(10), _to_chinese(12), _to_chinese(40)
    ('十', '十二', '四十')
    """
    if number < 10:
        return _CN_DIGITS_OUT[number]
    tens, units = divmod(number, 10)
    return ("" if tens == 1 else _CN_DIGITS_OUT[tens]) + "十" + (_CN_DIGITS_OUT[units] if units else "")


def _written_numeral(num: str) -> str:
    """A numeral as normalized forms write it: 1–99 in digits become Chinese, others stay.

    >>> _written_numeral("10"), _written_numeral("十"), _written_numeral("120")
    ('十', '十', '120')
    """
    return _to_chinese(int(num)) if num.isdigit() and 0 < int(num) < 100 else num


def _strip_quotes(text: str) -> str:
    return text.replace("“", "").replace("”", "").replace("‘", "").replace("’", "")


def numbered_formula(text: str, *, quoted: bool = True, right: str = "") -> Numbered | None:
    """Parse ``text`` as a numbered formula (数字式提法), or return None.

    Rules, in order:

    1. **Codes**: digits joined by ``+`` with numbers or capital letters
       (3+1, 1+1+N, 15+N); inside quotes also 3–8 digits (12221, 1231511,
       5080, 415X), but not a year (19xx, 20xx) nor an event date (7·17).
       ``value`` is the sum of the numbers (N, X count nothing; for 12221 the
       sum of its digits, since such codes string counts together).
    2. **Plan names**: 六五 … 十五五; ``value`` is the plan's number.
    3. **Numeral + measure word + head** (四个意识, 三大攻坚战, 六个百亿级产业,
       五个聚焦, 10个行动方案): ``value`` is the numeral, ``head`` what follows
       the measure word. Quoted, any head of 1–14 characters is accepted
       except times and quantities (两个月, 三个百分点); unquoted, only the
       heads of :data:`FORMULA_HEADS` and heads that are themselves numbers
       (六个百亿级产业, 七个三百米). Announcements of a speech's own
       structure (讲三句话, 四大方面工作) are not formulas. This is what separates
       formulas from ordinary counts (三个项目, 两个月): a count's head is an
       open-class noun, a formula's head comes from the small closed set above
       or is marked by the quotes.
    4. **Contracted series**: numeral-initial groups of 1–3 characters (六稳,
       三新一高, 一线两带三园, 两新两重) or numerals only (十百千); ``value`` is
       the sum of the groups' numerals (the number of items the formula
       stands for; 十百千 counts its three groups). Unquoted, only series of
       two to four one-character groups, not idioms (千方百计,
       :data:`SERIES_IDIOMS`), not with a group of time or rank (一年一度),
       and not made only of 一-groups (一心一意) unless there are three or more.
       A single group (六稳, 三农) is accepted in quotes only; unquoted it
       must come from the lexicon.

    Parameters
    ----------
    text : str
        The candidate, without quote marks.
    quoted : bool, default True
        Whether the candidate was a whole quoted item.
    right : str, optional
        The text right after it (used for plan names such as “十五”计划).

    Returns
    -------
    Numbered or None

    Examples
    --------
    >>> numbered_formula("四个意识")
    Numbered(value=4.0, head='意识', normalized='四个意识')
    >>> numbered_formula("三新一高").value, numbered_formula("1+12+N").value
    (4.0, 13.0)
    >>> numbered_formula("10个行动方案").normalized
    '十个行动方案'
    >>> numbered_formula("两个月") is None, numbered_formula("三个项目", quoted=False) is None
    (True, True)
    """
    plan = text in AMBIGUOUS_PLANS and RE_PLAN_RIGHT.match(right) is not None
    return _numbered(
        text.strip(), quoted, plan, RE_DEFINED_RIGHT.match(right) is not None, right.startswith(NAMING_WORDS)
    )


#: After a quoted item, words that make it the name of an action: “四强”行动 (a set of four, not a rank).
NAMING_WORDS: tuple[str, ...] = ("行动", "工程", "计划", "战略")


@functools.lru_cache(maxsize=8192)
def _numbered(text: str, quoted: bool, plan: bool, defined: bool, named: bool = False) -> Numbered | None:
    """:func:`numbered_formula` once the context is read (cached: formulas repeat)."""
    if not text or text in NOT_NUMBERED or (RE_RANK.match(text) and not named) or text.startswith(NOT_COUNTING):
        return None
    # 1. codes
    if RE_CODE_FULL.match(text) and (quoted or "+" in text):
        if re.fullmatch(r"(?:19|20)\d\d", text) or text in HOTLINES:
            return None
        if "+" in text:
            parts = text.split("+")
            value = float(sum(int(p) for p in parts if p.isdigit()))
        elif "×" in text:  # “4×4”: four fields of four industries each
            rows, columns = text.split("×")
            value = float(int(rows) * int(columns))
        else:
            value = float(sum(int(d) for d in text if d.isdigit()))
        return Numbered(value, "", text)
    if RE_EVENT_DATE.match(text):
        return None
    # 2. plan names
    if RE_PLAN_FULL.match(text):
        if text in AMBIGUOUS_PLANS and not plan:
            return None
        return Numbered(_numeral_value(text[:-1]), "五年规划", text)
    run = RE_DIGIT_RUN.match(text)
    if run is not None:
        return Numbered(float(run.group(1)), run.group(2), _written_numeral(run.group(1)) + run.group(2))
    # 3. numeral + measure + head (not a series that opens with 一 and a measure: “一场三站”)
    match = RE_MEASURE_FULL.match(text)
    if match and not (
        match.group("num") == "一" and re.fullmatch(_NUMERAL_HEAD, match.group("head")) is None and _counting_series(text)
    ):
        num, measure, head = match.group("num", "measure", "head")
        head_clean = _strip_quotes(head)
        is_series = measure == "大" and re.match(_N, head_clean[:1] or " ") is not None
        if not is_series:
            if _is_quantity(head_clean):
                return None
            if num == "一" and re.fullmatch(_NUMERAL_HEAD, head_clean) is None:
                return None  # “一张网”, “一件事”: 一 = single (but 一个五百米 counts)
            if not quoted and not _known_head(measure, head_clean):
                return None
            return Numbered(_numeral_value(num), head_clean, f"{_written_numeral(num)}{measure}{head_clean}")
    # 4. contracted series
    if RE_YEAR_PAIR.match(text):
        return None  # 九二共识, 八七计划: 九二 is the year 1992, not a count
    magnitudes = RE_MAGNITUDE_SERIES.match(text)
    if magnitudes is not None and quoted:
        if list(magnitudes.group(1)) == sorted(magnitudes.group(1), key="十百千万".index):
            return Numbered(float(len(magnitudes.group(1))), magnitudes.group(2), text)
    if RE_ALL_NUMERALS.match(text):
        return Numbered(float(len(text)), "", text) if quoted else None
    if RE_SERIES_FULL.match(text) and not RE_MAGNITUDE.match(text):
        groups = RE_SERIES_GROUP.findall(text)
        if "".join(n + c for n, c in groups) != text:
            return None
        if not _acceptable_series(text, groups, quoted, defined=defined):
            return None
        value = _series_value(groups)
        head = "".join(c for _, c in groups)
        return Numbered(value, head, text)
    return None


RE_QUANTITY_HEAD: re.Pattern[str] = re.compile(
    r"^(?:月|多月|小时|百分点|星期|年|亿元?|万元?|千元?|元|人|亩|家|倍|次|批次|季度|工作日|点|方面|层次|阶段|环节)"
    r"(?:以上|以下|以内|左右)?$|^(?:月|多月|小时|百分点|工作日)"
)


def _series_value(groups: list[tuple[str, str]]) -> float:
    """Number of items a contracted series stands for.

    Each group counts its numeral (三新一高 = 3 + 1); a numeral run opening
    with 双/两 counts 2 (双百工程, 双千兆); a series of bare magnitudes counts
    its groups (百县千镇万村 = 3).

    >>> _series_value([("三", "新"), ("一", "高")]), _series_value([("双", "百")])
    (4.0, 2.0)
    """
    numerals = [n for n, _ in groups]
    if all(n in ("十", "百", "千", "万") for n in numerals) and len(numerals) > 1:
        return float(len(numerals))
    total = 0.0
    for numeral in numerals:
        if len(numeral) > 1 and numeral[0] in "双两" and numeral[1] in "一十百千万":
            total += 2
        else:
            total += _numeral_value(numeral)
    return total


def _is_quantity(head: str) -> bool:
    return RE_QUANTITY_HEAD.match(head) is not None


_KNOWN_HEADS = {m: frozenset(h) for m, h in FORMULA_HEADS.items()}


def _known_head(measure: str, head: str) -> bool:
    if head in _KNOWN_HEADS.get(measure, ()):
        return True
    return measure == "个" and re.fullmatch(_NUMERAL_HEAD, head) is not None


def _acceptable_series(text: str, groups: list[tuple[str, str]], quoted: bool, *, defined: bool = False) -> bool:
    if text in SERIES_IDIOMS or text[:4] in SERIES_IDIOMS:
        return False
    if any(unit in text for unit in SERIES_UNITS):
        return False  # 万亩千亿: magnitudes of land and money, not counted items
    if len(groups) == 1:
        numeral, chars = groups[0]
        if not quoted:
            return False
        if numeral == "一" and defined and chars[0] not in SERIES_BLOCKING_CHARACTERS:
            return len(chars) <= 3  # “一线”是指…: a component of a formula the text defines
        if numeral in ("一", "万", "二") or chars[0] in SERIES_BLOCKING_CHARACTERS:
            return False  # 二线, 二类: 二 is an ordinal (a count would be 两)
        return len(chars) <= 3
    blocking = QUOTED_SERIES_BLOCKING_CHARACTERS if quoted else SERIES_BLOCKING_CHARACTERS
    if any(c[0] in blocking for _, c in groups):
        return False
    if all(n == "一" for n, _ in groups) and groups[0][1][:1] in DISTRIBUTIVE_UNITS:
        return False  # 一村一品, 一镇一策: 一 means "each", it counts no set
    if not quoted:
        if any(len(c) != 1 for _, c in groups):
            return False
        if all(n == "一" for n, _ in groups) and len(groups) < 3:
            return False
        if all(n in ("十", "百", "千", "万") for n, _ in groups):
            return False  # 千乡万村: magnitudes, a figure of "all"; named programmes come from the lexicon
        if any(text.startswith(province) for province in PROVINCES) or _dictionary_words().get(text, "") == "ns":
            return False  # 四川三大化纤厂, 三坊七巷: a place name
    return True




# --------------------------------------------------------------------------
# Classification of quoted items
# --------------------------------------------------------------------------
def classify_quoted(
    content: str,
    left: str = "",
    right: str = "",
    *,
    in_lexicon: bool = False,
    lexicon_category: str = "",
    lexicon_kind: str = "",
) -> tuple[str, Numbered | None]:
    """Give a quoted item its kind.

    The rules look at the item itself, at what stands before the opening
    quote (``left``) and after the closing one (``right``); first match wins.

    1. **Lexicon**: a formulation of the lexicon takes the lexicon's kind
       (:func:`tifa.lexicon.load_lexicon`, column ``kind``: 四个意识 a numbered
       formula, 放管服 a slogan, 河长制 a term, 南水北调 a programme), except
       that a programme head after it makes it a programme (“菜篮子”工程).
    2. **Numbered formulas**: a numbered formula (:func:`numbered_formula`);
       a redaction before 战略/体系/…战/工程 (“XX”战略, a redacted formula); an
       item that contains a numbered formula (“三区同振、城乡融合”, “百县千镇万
       村高质量发展工程”, “民生十大工程”, “科技金融15条”) or ends with a count
       (“双一流196”) → ``numbered_formula``. Other redactions, event dates
       (“7·17”) and quoted parts of a code (“1”, “N”) → ``term``.
       Distributive and single-window watchwords (“一县一业”, “一照通行”: 一
       means "each" or "single") → ``slogan``. Before that, figures of speech
       whose numerals count nothing (“双城记”, :data:`NUMERAL_FIGURES`) →
       ``quotation`` (``programme`` before a programme head), and quoted
       rankings used as titles (“全国十大考古新发现”) → ``term``.
    3. **Quotations** (reported speech, sayings, figures of speech):
       sentence punctuation inside, or a pronoun in an item of ten characters
       or more; a verb of saying before (指出、俗话说、嘱托我们); more than 30
       characters without a 、-list; a colon before an item of ten characters
       or with a comma; clauses joined by ， (unless each has at most four
       characters, the shape of a watchword); a copula or modal inside (就是,
       也要, 越来越: a sentence with its subject); a figure announced before
       (是一场, 犹如) or a state described after (“…”的紧迫感, “…”的关键期); a
       quoted line before an attitude (以“…”的韧劲); a contrast of two quoted
       items (把“规划图”变成“施工图”, 变“被动”为“主动”); a negation before (不搞,
       决不能, 避免); 把 or a modal before an item that is itself the
       predicate (把“好钢用在刀刃上”，); a figurative distance (“最后一公里”).
    4. **Problems**: fought before (遏制, 处置, 整治, 克服) or named as a
       problem after (现象, 问题) → ``term``.
    5. **Lists**: three or more parts joined by 、 → ``slogan``.
    6. **Names** read from the head of the noun phrase after the item
       (:data:`RE_RIGHT_HEAD`: the nearest of 工程/行动/计划/品牌/活动/平台…,
       称号/奖/创建/企业/制度/模式/机制/试点…, 战略/理念/要求/精神/部署…) and
       from the item's own end: a programme head after it, or an end such as
       …工程, …行动, 美丽乡村2025 → ``programme`` (``slogan`` when the
       campaign carries out a reform named by the item: “减证便民”改革行动) (``numbered_formula`` when
       the name opens with a magnitude that counts: “百链韧性提升”专项行动); a
       title (…之乡, …示范村, 获评“…”) → ``term``; a model, a spirit or a
       story to tell (…经验, …精神, …故事) → ``slogan``; a mechanism, a model, a standard, a
       product or a procedure (…效应, …模式, …式, …贷, …奖, “拿地即开工”,
       “补改投”) → ``term``; a provincial version of a national watchword
       (平安浙江 after 平安中国, 制造强省 after 制造强国) → ``slogan``; a
       provincial brand (“粤贸全球”, “浙里来消费”, “投资广东”) or a coinage
       with Latin letters (“村BA”) → ``programme``; “互联网+”, “人工智能+” and
       other open “X+” → ``programme``, other “A+B” model labels → ``term``;
       a named scheme (“跨境理财通”) → ``programme``; a term head after the
       item, or the name of a system (…制) → ``term``.
    7. **Watchwords**: parallel parts joined by 、 or ， → ``slogan``; a
       slogan head after the item, or a verb of upholding before it (坚持,
       树牢, 践行, 落实) → ``slogan``; a chain named by its two ends
       (“从田间到舌尖”) → ``slogan``; an item that opens with a lexicon
       watchword (“稳中求进工作总基调”) → its kind.
    8. **Form**: one character → ``slogan`` as a virtue (“闯”的精神, 一个“公”字),
       ``quotation`` as wordplay (战“疫”, “精”力: the character makes a word
       with its neighbour), ``term`` otherwise (立足于“防”); a word of the
       general dictionary (“防护网”, “压舱石”, “将心比心”: everyday words in
       quotes are used as figures) → ``quotation``; one thing serving many
       (“一签多行”, 一 = single) → ``term``; three characters opening
       with a verb (“防返贫”, “想干事”) → ``slogan``, other short items →
       ``term``; a phrase opening with a verb or adverb (“提升中心城区魅力”)
       → ``slogan``; ending with a noun (“城市家具”) → ``term``, with another
       word → ``slogan``; an item the dictionary cannot read at either end is
       most often a contracted series or a coined name (“农商文旅体教康”,
       “海鱼陆养”) → ``term``.

    :func:`find_slogans` then harmonizes kinds decided by form alone within
    a run of quotes and within a document, and makes parallel coinages of one
    sentence (“硬联通”、“软联通”、“心联通”) watchwords.

    Parameters
    ----------
    content : str
        The item without its quote marks.
    left, right : str
        Characters before the opening quote (before the first item of a run
        of consecutive quotes) and after the closing quote (after the whole
        run).
    in_lexicon : bool
        Whether the item is a lexicon formulation.
    lexicon_category : str
        Its lexicon category, if any (gives the kind when ``lexicon_kind``
        is empty).
    lexicon_kind : str
        Its lexicon kind, if any.

    Returns
    -------
    tuple
        ``(kind, numbered)`` where ``numbered`` is the parsed formula or None.

    Examples
    --------
    >>> classify_quoted("六稳")[0], classify_quoted("粤菜师傅", right="三项工程")[0]
    ('numbered_formula', 'programme')
    >>> classify_quoted("敢为人先、争当标杆")[0], classify_quoted("卡脖子路")[0]
    ('slogan', 'term')
    >>> classify_quoted("伟大梦想不是等得来的。", left="总书记强调，")[0]
    'quotation'
    >>> classify_quoted("防护网", left="持续织密", right="，坚决堵住")[0]
    'quotation'
    >>> classify_quoted("僵尸企业", left="依法处置")[0], classify_quoted("大水漫灌", left="坚持不搞")[0]
    ('term', 'quotation')
    """
    kind, numbered, _ = _classify(
        content, left, right, in_lexicon=in_lexicon, lexicon_category=lexicon_category, lexicon_kind=lexicon_kind
    )
    return kind, numbered


def _classify(
    content: str,
    left: str,
    right: str,
    *,
    in_lexicon: bool,
    lexicon_category: str,
    lexicon_kind: str,
) -> tuple[str, Numbered | None, str]:
    """:func:`classify_quoted`, with what decided: ``lexicon``, ``rule``, ``context`` or ``form``."""
    if in_lexicon:
        kind = lexicon_kind or default_kind(lexicon_category)
        if kind == "numbered_formula":
            return kind, numbered_formula(content, quoted=True, right=right) or _contained_numbered(content), "lexicon"
        if kind != "programme" and _right_head(right) == "programme":
            return "programme", None, "context"
        if kind == "slogan" and RE_FIRM_RIGHT.match(right):
            return "term", None, "context"  # “专精特新”科技型企业: a type of firm
        return kind, None, "lexicon"
    if content in NUMERAL_FIGURES:
        kind = _right_head(right)
        return ("programme" if kind == "programme" else "quotation"), None, "rule"
    if RE_QUOTED_RANKING.match(content):
        return "term", None, "rule"
    numbered = numbered_formula(content, quoted=True, right=right)
    if numbered is not None:
        return "numbered_formula", numbered, "rule"
    if RE_REDACTED.search(content):
        return ("numbered_formula" if RE_REDACTED_FORMULA_RIGHT.match(right) else "term"), None, "rule"
    if RE_EVENT_DATE.match(content):
        return "term", None, "rule"
    watchword = _watchword_shape(content) and not (RE_SPEECH_LEFT.search(left) or RE_INSTRUCTION_RIGHT.match(right))
    speech = not watchword and (
        RE_SPEECH_CONTENT.search(content) is not None or (len(content) >= 10 and RE_PRONOUN.search(content) is not None)
    )
    if not speech and len(content) <= 30:
        inner = _contained_numbered(content)
        if inner is not None:
            return "numbered_formula", inner, "rule"
    if RE_CODE_PART.match(content) or RE_MAGNITUDE_LABEL.match(content) or content in POLITICAL_DIRECTIONS:
        return "term", None, "rule"  # “左”的错误: the political direction is a concept
    named = RE_PROGRAMME_END.search(content)
    if named is not None and named.start() >= 2:
        inner = numbered_formula(content[: named.start()], quoted=True)
        if inner is not None:
            return "numbered_formula", inner, "rule"  # “1351工程”: a project named by a code
    if not speech:
        inner = _final_numbered(content) or _prefixed_series(content)
        if inner is not None:
            return "numbered_formula", inner, "rule"  # “收支两条线”, “清四乱”
    trailing = RE_TRAILING_NUMBER.match(content)
    if trailing is not None:
        inner = numbered_formula(trailing.group(1), quoted=True) or _contained_numbered(trailing.group(1))
        if inner is not None:
            return "numbered_formula", inner, "rule"  # “双一流196”
    if RE_DISTRIBUTIVE.match(content):
        return "slogan", None, "rule"
    if RE_SPECIAL_CAMPAIGN_RIGHT.match(right) and not RE_MAGNITUDE_PROGRAMME.match(content):
        return "programme", None, "rule"  # “防风险、除隐患、降发案、保平安”专项行动: the campaign's name
    if not watchword and _is_quotation(content, left, right, speech):
        return "quotation", None, "rule"
    if RE_OPPOSED_LEFT.search(left) or RE_PROBLEM_RIGHT.match(right):
        return "term", None, "rule"
    if content.count("、") >= 2:
        return "slogan", None, "rule"
    head = _right_head(right)
    if head == "programme" and RE_REFORM_RIGHT.match(right):
        return "slogan", None, "rule"  # “减证便民”改革行动: the campaign carries out a reform watchword
    if head == "programme" or RE_PROGRAMME_END.search(content):
        if RE_MAGNITUDE_PROGRAMME.match(content):
            return "numbered_formula", Numbered(_numeral_value(content[0]), content[1], content), "rule"
        return "programme", None, "rule"
    if ("、" not in content and len(content) <= 10 and RE_TITLE_END.search(content)) or RE_TITLE_LEFT.search(left):
        return "term", None, "rule"
    if RE_MODEL_END.search(content):
        return "slogan", None, "rule"
    if RE_TERM_END.search(content) or RE_PROCEDURE.match(content):
        return "term", None, "rule"
    if _national_analogue_kind(content) == "slogan":
        return "slogan", None, "rule"
    if RE_PROVINCE_BRAND.match(content) or RE_LATIN_COINAGE.match(content):
        return "programme", None, "rule"
    if "+" in content:
        return ("programme" if RE_PLUS_PROGRAMME.search(content) else "term"), None, "rule"
    words = _dictionary_words()
    if RE_SCHEME_END.match(content) and content[-2:] not in words and content[-3:-1] in words:
        return "programme", None, "rule"
    if head == "term" or (content.endswith("制") and len(content) <= 6):
        return "term", None, "rule"
    if ("、" in content or "，" in content or "," in content) and len(content) >= 3:
        return "slogan", None, "rule"
    if head == "slogan" or RE_UPHOLD_LEFT.search(left):
        return "slogan", None, "rule"
    if RE_FROM_TO.match(content):
        return "slogan", None, "rule"
    opening = _lexicon_prefix_kind(content)
    if opening in ("slogan", "programme"):
        return opening, None, "rule"
    return _kind_by_form(content, left, right), None, "form"


#: A local formulation and its national model: 平安浙江 → 平安中国, 制造强省 → 制造强国.
RE_LOCAL_LEVEL: re.Pattern[str] = re.compile(
    rf"^(?P<stem>[^\W\d_]{{2,6}}?)(?:(?P<province>{'|'.join(PROVINCES)})|强(?P<level>[省市区县]))$"
)


#: Quoted political directions: “左”的指导思想, 极“左”, “右”倾.
POLITICAL_DIRECTIONS = frozenset({"左", "右", "极左", "左倾", "右倾"})
#: A type of firm after a quoted watchword: “专精特新”科技型企业, “专精特新”中小企业.
RE_FIRM_RIGHT: re.Pattern[str] = re.compile(r"^[^，。；：、“”（）\n]{0,4}企业")
#: A leader's instruction after a quoted line: “…”的指示 (reported speech, even when it reads as a watchword).
RE_INSTRUCTION_RIGHT: re.Pattern[str] = re.compile(r"^的(?:重要)?(?:指示|批示|讲话|题词)")
#: Clauses of a watchword list: two to four characters each (封山植树，退耕还林；退耕还湖).
RE_WATCHWORD_CLAUSE: re.Pattern[str] = re.compile(r"[，；、]")


def _watchword_shape(content: str) -> bool:
    """Short parallel clauses joined by ， ； or 、: a watchword list, not a sentence.

    >>> _watchword_shape("封山植树，退耕还林；退耕还湖，平垸行洪"), _watchword_shape("发展是硬道理；稳定压倒一切")
    (True, False)
    """
    clauses = RE_WATCHWORD_CLAUSE.split(content)
    return (
        len(clauses) >= 2
        and any(mark in content for mark in "，；")
        and all(2 <= len(c) <= 4 and all(_is_han(ch) for ch in c) for c in clauses)
    )


def _counting_series(text: str) -> bool:
    """Whether ``text`` is a contracted series of two groups or more, one of them counting
    more than one (“一场三站”, not “一村一品”).

    >>> _counting_series("一场三站"), _counting_series("一村一品"), _counting_series("一张网")
    (True, False, False)
    """
    if RE_SERIES_FULL.match(text) is None:
        return False
    groups = RE_SERIES_GROUP.findall(text)
    return len(groups) >= 2 and any(numeral != "一" for numeral, _ in groups)


#: Shapes written with numerals, not counts: 金三角, 新十字.
SHAPES = ("三角", "十字")


def _prefixed_series(content: str) -> Numbered | None:
    """A one-character verb or qualifier before a contracted series: “清四乱”, “除六害”,
    “新两翼” (not a shape, 金三角, nor an ordinal, 第三极).

    >>> _prefixed_series("清四乱").normalized, _prefixed_series("金三角") is None
    ('四乱', True)
    """
    if not 3 <= len(content) <= 4 or not _is_han(content[0]) or content[0] in _CN_NUM or content[0] == "第":
        return None
    if content[1] not in _CN_NUM or content[1:3] in SHAPES:
        return None
    parsed = numbered_formula(content[1:], quoted=True)
    return parsed if parsed is not None and parsed.head else None


def _final_numbered(content: str) -> Numbered | None:
    """A numeral + measure + head that ends a quoted item: “收支两条线”.

    >>> _final_numbered("收支两条线").normalized, _final_numbered("美丽乡村") is None
    ('两条线', True)
    """
    for position in range(2, len(content) - 2):
        if content[position] in "两三四五六七八九十" and content[position - 1] not in _CN_NUM:
            parsed = numbered_formula(content[position:], quoted=True)
            if parsed is not None and parsed.head and RE_MEASURE_FULL.match(content[position:]):
                return parsed
    return None


def _national_analogue_kind(content: str) -> str:
    """The lexicon kind of the national model of a local formulation, or "".

    Provinces model their watchwords on national ones: 平安浙江 on 平安中国,
    数字广东 on 数字中国. The item's province is replaced by 中国 and looked up
    in the lexicon. Goals of the 强国 family (制造强国, 教育强国… all
    watchwords of the lexicon) at a lower level (制造强省, 工业强区) are
    watchwords too.

    >>> _national_analogue_kind("平安浙江"), _national_analogue_kind("制造强省"), _national_analogue_kind("投资广东")
    ('slogan', 'slogan', '')
    """
    match = RE_LOCAL_LEVEL.match(content)
    if match is None:
        return ""
    if match.group("level"):
        return "slogan"  # the 强国 family of the lexicon (制造强国, 教育强国…) is made of watchwords
    lexicon, forms = _lexicon_tables()
    position = forms.get(match.group("stem") + "中国")
    return lexicon.kind[position] if position is not None else ""


def _lexicon_prefix_kind(content: str) -> str:
    """The lexicon kind of the longest formulation (three characters or more) that opens
    ``content`` and leaves at most six characters after it (“稳中求进工作总基调”), or "".

    >>> _lexicon_prefix_kind("稳中求进工作总基调"), _lexicon_prefix_kind("城市家具")
    ('slogan', '')
    """
    lexicon, forms = _lexicon_tables()
    for length in range(len(content) - 1, max(2, len(content) - 7), -1):
        position = forms.get(content[:length])
        if position is not None:
            return lexicon.kind[position]
    return ""


def _right_head(right: str) -> str | None:
    """``programme``, ``term`` or ``slogan`` after the nearest head word in ``right``, or None."""
    match = RE_RIGHT_HEAD.match(right)
    return match.lastgroup if match is not None else None


def _is_quotation(content: str, left: str, right: str, speech: bool) -> bool:
    """Rule 4 of :func:`classify_quoted`: reported speech, a saying, a figure of speech."""
    if speech or RE_SPEECH_LEFT.search(left) or (len(content) > 30 and "、" not in content):
        return True
    if RE_COLON_LEFT.search(left) and (len(content) >= 10 or "，" in content):
        return True
    if "，" in content and any(len(clause) > 4 for clause in content.split("，")):
        return True
    single = "、" not in content
    if single and len(content) >= 5 and (RE_SENTENCE_CONTENT.search(content) or RE_ATTITUDE_RIGHT.match(right)):
        return True
    if RE_FIGURE_LEFT.search(left) or RE_STATE_RIGHT.match(right) or RE_NEGATED_LEFT.search(left):
        return True
    if RE_FIGURATIVE_DISTANCE.search(content):
        return True
    if single and len(content) >= 5 and RE_PREDICATE_LEFT.search(left) and (not right or not _is_han(right[0])):
        return True
    return bool(
        (RE_CONTRAST_FIRST_LEFT.search(left) and RE_CONTRAST_FIRST_RIGHT.match(right))
        or RE_CONTRAST_SECOND_LEFT.search(left)
    )


def _kind_by_form(content: str, left: str, right: str) -> str:
    """Rule 8 of :func:`classify_quoted`: the kind of an item from its own form."""
    words = _dictionary_words()
    if len(content) == 1:
        if RE_VIRTUE_RIGHT.match(right):
            return "slogan"
        if (left and left[-1] + content in words) or (right and content + right[0] in words):
            return "quotation"
        return "term"
    if content in words:
        return "quotation"
    if RE_ONE_FOR_MANY.match(content):
        return "term"
    maxim = RE_MAXIM.match(content)
    if maxim is not None and content[2:4] not in words:
        return "slogan"  # “亩均论英雄”, “腾笼换鸟”, “机器换人”
    if len(content) <= 3:
        opening = words.get(content[:2], "")
        if len(content) == 3 and content[0] in VERBAL_INITIALS and opening[:1] != "n":
            return "slogan"  # “防返贫”, “想干事” (not “学校人”, whose first word is a noun)
        return "term"
    first = _longest_word(content, words, from_end=False)
    if (first is not None and words[first] in VERBAL_TAGS) or content[0] in VERBAL_INITIALS:
        return "slogan"
    last = _longest_word(content, words, from_end=True)
    if last is not None:
        return "term" if words[last] in NOMINAL_TAGS else "slogan"
    return "term"  # no word at either end: a contracted series or a coined name (“农商文旅体教康”)


def _contained_numbered(content: str) -> Numbered | None:
    """A numbered formula inside a longer quoted item: “三区同振、城乡融合”, “百县千镇万村高质量发展工程”."""
    for part in re.split(r"[、，,·]", content):
        parsed = numbered_formula(part, quoted=True)
        if parsed is not None:
            return parsed
    match = RE_SERIES_PREFIX.match(content)
    if match is not None:
        parsed = numbered_formula(match.group(0), quoted=True)
        if parsed is not None and len(RE_SERIES_GROUP.findall(match.group(0))) >= 2:
            return parsed
    match = RE_CONTAINED_SET.search(content)
    if match is not None:
        return Numbered(_numeral_value(match.group(1)), match.group(3), match.group(0))
    match = RE_PACKAGE_END.search(content)
    if match is not None:
        return Numbered(float(match.group(1)), "条", content)
    return None


RE_SERIES_PREFIX: re.Pattern[str] = re.compile(rf"^(?:{_N}{{1,3}}{_C}){{2,4}}")
#: A named set inside a longer item: “民生十大工程”.
RE_CONTAINED_SET: re.Pattern[str] = re.compile(
    r"(?<![\d一二三四五六七八九十两百千万第])([两三四五六七八九十]{1,2})([大项])("
    + _alternation([*FORMULA_HEADS["大"], *FORMULA_HEADS["项"]])
    + ")"
)
#: A numbered package of measures at the end of an item: “科技金融15条”.
RE_PACKAGE_END: re.Pattern[str] = re.compile(r"(?<![\d.])(\d{1,3})条$")
#: One magnitude and a character opening the name of a programme: “百链韧性提升”专项行动.
RE_MAGNITUDE_PROGRAMME: re.Pattern[str] = re.compile(r"^[百千万][^\W\d_十百千万亿亩元吨人户家年]{1}[^\W\d_]{2,}")


#: A maxim of four or five characters built on a one-character verb of policy (X 论/换/促/
#: 带/兴/强/富/治… Y: “亩均论英雄”, “腾笼换鸟”, “强镇带村”); the verb must not start a
#: word with what follows it (“渣土治理”, “银行保函” are names of things).
RE_MAXIM: re.Pattern[str] = re.compile(r"^[^\W\d_]{2}[论促带兴强富治换惠养保育聚][^\W\d_]{1,2}$")
#: Part-of-speech tags (jieba's dictionary) of words that open a verbal phrase.
VERBAL_TAGS = frozenset({"v", "vn", "vd", "d", "p", "c"})
#: Tags of nominal words: an item ending in one names a thing.
NOMINAL_TAGS = frozenset({"n", "nz", "ns", "nt", "nr", "nrt", "nrfg", "ng", "s", "f", "an", "i", "l", "j"})
#: Single characters that open a verbal phrase (不, 要, 让, 把…).
VERBAL_INITIALS = frozenset("不要让把以抓推促保稳强兴治办跑管放减增提防控打干争创优融转换改调扩降补去护用比学赶超走想能敢会谋育引惠")


@functools.lru_cache(maxsize=1)
def _dictionary_words() -> dict[str, str]:
    """Words of up to six characters of jieba's dictionary with their tag
    (:func:`tifa.segment.dictionary_tags`), used as a lexical resource only: is a
    quoted item one word, an idiom, does it open with a verb or end with a noun."""
    from tifa.segment import dictionary_tags

    return dictionary_tags()


def _longest_word(text: str, words: Mapping[str, str], *, from_end: bool) -> str | None:
    for length in range(min(6, len(text) - 1), 1, -1):
        candidate = text[-length:] if from_end else text[:length]
        if candidate in words:
            return candidate
    return None


# --------------------------------------------------------------------------
# The annotator
# --------------------------------------------------------------------------
class _Span(NamedTuple):
    start: int
    end: int
    text: str
    kind: str
    value: float
    head: str
    normalized: str
    in_lexicon: bool
    quoted: bool


#: Context read before an opening quote.
LEFT_CONTEXT = 20


def _run_left(text: str, opening: int) -> str:
    """Text before an opening quote, before the first item of a run of quoted items.

    >>> _run_left("坚持“防返贫”“促增收”两手抓", 7)
    '坚持'
    """
    position = opening
    while position > 0 and text[position - 1] in "、和及与”’":  # most quotes follow other text
        before = position
        for joiner in ("以及", "、", "和", "及", "与"):
            if text.startswith(joiner, before - len(joiner)) and before >= len(joiner):
                before -= len(joiner)
                break
        if before == 0 or text[before - 1] not in "”’":
            break
        mark = "“" if text[before - 1] == "”" else "‘"
        found = text.rfind(mark, max(0, before - 152), before - 1)
        if found < 0 or "\n" in text[found:before]:
            break
        position = found
    return text[max(0, position - LEFT_CONTEXT) : position]


def _run_right(text: str, end: int) -> str:
    """Text after a closing quote, skipping the rest of a run of quoted items."""
    position = end
    while True:
        joiner = RE_RUN_JOINER.match(text, position)
        if joiner is None or position >= len(text):
            break
        quote = RE_QUOTE.match(text, joiner.end())
        if quote is None:
            break
        position = quote.end()
    return text[position : position + 12]


class _LexiconColumns(NamedTuple):
    kind: tuple[str, ...]
    normalized: tuple[str, ...]


def _lexicon_lookup(forms: Mapping[str, int], lexicon: _LexiconColumns, text: str) -> tuple[bool, str]:
    position = forms.get(text)
    if position is None:
        return False, ""
    return True, lexicon.kind[position]


def _slogan_spans(text: str, lexicon: _LexiconColumns, forms: Mapping[str, int]) -> list[_Span]:
    spans: list[_Span] = []
    quoted_ranges: list[tuple[int, int]] = []
    nan = float("nan")
    run: list[tuple[int, str, str]] = []  # the current run of quotes: (span index, basis, lexicon kind)
    bases: dict[int, str] = {}  # what decided the kind of each quoted item
    previous_end = -1
    for match in RE_QUOTE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.span(group)
        content = match.group(group)
        quoted_ranges.append((start, end))
        if "\ufffd" in content:
            continue  # characters destroyed by a decoding error: the item cannot be read
        if previous_end < 0 or not RE_RUN_GAP.fullmatch(text, previous_end, match.start()):
            _harmonize_run(spans, run)
        previous_end = match.end()
        left = _run_left(text, start - 1)
        right = _run_right(text, end + 1)
        plain = _strip_quotes(content)
        # a list of numbered formulas in one pair of quotes: “七个三百米、一个五百米”
        items = content.split("、")
        if len(items) > 1:
            parsed = [numbered_formula(item, quoted=True) for item in items]
            if all(p is not None for p in parsed):
                offset = start
                for item, p in zip(items, parsed, strict=True):
                    assert p is not None
                    spans.append(
                        _Span(offset, offset + len(item), item, "numbered_formula", p.value, p.head,
                              p.normalized, p.normalized in forms or item in forms, True)
                    )
                    offset += len(item) + 1
                continue
        in_lexicon, lexicon_kind = _lexicon_lookup(forms, lexicon, plain)
        kind, numbered, basis = _classify(
            plain, left, right, in_lexicon=in_lexicon, lexicon_category="", lexicon_kind=lexicon_kind
        )
        run.append((len(spans), basis, lexicon_kind))
        bases[len(spans)] = basis
        span_start = start
        value, head, normalized = nan, "", plain
        if numbered is not None:
            value, head, normalized = numbered
        else:
            counted = RE_COUNTED_QUOTE_LEFT.search(text, max(0, start - 5), start - 1)
            if counted is not None and kind == "slogan" and counted.group(1) != "一" and not right.startswith("字"):
                # 五个“必须统筹好”: the numeral and measure belong to the formula (a count of
                # named programmes or terms, 三个“一号工程”, is not a formula)
                kind = "numbered_formula"
                value = _numeral_value(counted.group(1))
                head = plain
                normalized = f"{counted.group(1)}{counted.group(2)}{plain}"
                span_start = counted.start()
        in_lexicon = in_lexicon or normalized in forms
        spans.append(_Span(span_start, end, text[span_start:end], kind, value, head, normalized, in_lexicon, True))
        if group == 1:
            for inner in RE_INNER_QUOTE.finditer(content):
                inner_text = inner.group(1)
                inner_start = start + inner.start(1)
                inner_right = content[inner.end() : inner.end() + 12]
                in_lex, inner_lexicon_kind = _lexicon_lookup(forms, lexicon, inner_text)
                inner_kind, inner_numbered = classify_quoted(
                    inner_text, "", inner_right, in_lexicon=in_lex, lexicon_kind=inner_lexicon_kind
                )
                if inner_numbered is not None:
                    v, h, n = inner_numbered
                else:
                    v, h, n = nan, "", inner_text
                spans.append(
                    _Span(inner_start, inner_start + len(inner_text), inner_text, inner_kind, v, h, n,
                          in_lex or n in forms, True)
                )
    _harmonize_run(spans, run)
    _harmonize_repeats(spans, bases)
    _parallel_coinages(text, spans, bases)
    # headwords of glossary lines: 〔12〕五控一应对：指…, ﹝19﹞5080：指…
    glossary_ranges: list[tuple[int, int]] = []
    if "：" in text:
        for match in RE_GLOSSARY_HEAD.finditer(text):
            offset = match.start(1)
            for item in match.group(1).split("、"):
                parsed = numbered_formula(item, quoted=True)
                surface = item
                if parsed is None:
                    code = RE_LEADING_CODE.match(item)
                    if code is not None:
                        surface = code.group(0)
                        parsed = numbered_formula(surface, quoted=True)
                if parsed is not None:
                    spans.append(
                        _Span(offset, offset + len(surface), surface, "numbered_formula", parsed.value, parsed.head,
                              parsed.normalized, parsed.normalized in forms, False)
                    )
                    glossary_ranges.append((offset, offset + len(surface)))
                offset += len(item) + 1
    # unquoted numbered formulas
    packages: list[int] = []  # spans of yearly packages of works (10件民生实事)
    for match in RE_NUMBERED_UNQUOTED.finditer(text):
        start, end = match.span()
        if _inside(quoted_ranges, start, end) or _overlaps(glossary_ranges, start, end):
            continue
        parsed = _parse_unquoted(match)
        if parsed is None or (match.group("series") and _word_across(text, start)):
            continue
        if match.group("series") and end + 1 <= len(text) - 1 and _is_han(text[end]) and not _is_han(text[end + 1]):
            # 五控一应对：the last group has two characters when a boundary follows them
            longer = numbered_formula(text[start : end + 1], quoted=True)
            if longer is not None:
                parsed, end = longer, end + 1
        surface = text[start:end]
        if match.group("num_ms"):
            packages.append(len(spans))
        spans.append(
            _Span(start, end, surface, "numbered_formula", parsed.value, parsed.head, parsed.normalized,
                  parsed.normalized in forms or surface in forms, False)
        )
    spans = _standing_packages(spans, packages)
    # counts in apposition to an enumeration: 工业、燃煤、机动车三大污染源, “安全、环保、效益”三条底线
    digit_sets = list(_digit_sets(text))
    _add_counts(spans, text, quoted_ranges, forms, RE_APPOSITIVE_COUNT.finditer(text), _appositive_count)
    _add_counts(spans, text, quoted_ranges, forms, digit_sets, _appositive_count)
    # named sets with 大: 十大钢铁基地, 六大领域 (the closed heads of FORMULA_HEADS are matched above)
    _add_counts(spans, text, quoted_ranges, forms, RE_NAMED_SET.finditer(text), _named_set)
    _add_counts(spans, text, quoted_ranges, forms, digit_sets, _named_set)
    spans = _merge_adjacent_formulas(spans)
    # lexicon terms outside quotes
    taken = sorted((s.start, s.end) for s in spans if not s.quoted)
    for start, end, form, position in default_matcher().find(text):
        if _inside(quoted_ranges, start, end) or _overlaps(taken, start, end):
            continue
        kind = lexicon.kind[position]
        normalized = lexicon.normalized[position]
        if kind == "numbered_formula":
            parsed = numbered_formula(form, quoted=True) or _contained_numbered(form)
            value, head = (parsed.value, parsed.head) if parsed is not None else (nan, "")
            spans.append(_Span(start, end, form, kind, value, head, normalized, True, False))
        else:
            spans.append(_Span(start, end, form, kind, nan, "", normalized, True, False))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans


def _add_counts(
    spans: list[_Span],
    text: str,
    quoted_ranges: Sequence[tuple[int, int]],
    forms: Mapping[str, int],
    matches: Iterable[re.Match[str]],
    read: Callable[[str, re.Match[str]], Numbered | None],
) -> None:
    """Add the unquoted counts among ``matches`` that ``read`` accepts, outside quotes and
    the unquoted formulas already found; a count inside a longer numeral or after 第 is none."""
    taken = sorted((s.start, s.end) for s in spans if not s.quoted)
    for match in matches:
        start = match.start()
        if start and (text[start - 1] in _CN_NUM or text[start - 1] == "第"):
            continue
        if _overlaps(taken, start, start + 2) or _inside(quoted_ranges, start, start + 1):
            continue
        parsed = read(text, match)
        if parsed is not None:
            # the numeral may be written in digits (10大… → 十大…): measure and head follow it
            end = match.end("num") + len(parsed.normalized) - len(_written_numeral(match.group("num")))
            spans.append(_Span(start, end, text[start:end], "numbered_formula", parsed.value, parsed.head,
                               parsed.normalized, parsed.normalized in forms, False))


def _digit_sets(text: str) -> Iterator[re.Match[str]]:
    """Counts of two to twenty written in digits before 大 (6大行动), found from each 大
    that follows a digit (a scan for the literal 大 is much faster than one for digits)."""
    position = text.find("大", 1)
    while position > 0:
        if text[position - 1].isdigit():
            start = position - 2 if position >= 2 and text[position - 2].isdigit() else position - 1
            if not (start and (text[start - 1].isdigit() or text[start - 1] == ".")):
                match = RE_DIGIT_SET.match(text, start)
                if match is not None:
                    yield match
        position = text.find("大", position + 1)


#: A numeral of two to ten and 大 (十一大, 十九大 are party congresses); :func:`_named_set` checks the head.
RE_NAMED_SET: re.Pattern[str] = re.compile(r"(?P<num>[两三四五六七八九十])大(?=[^\W\d_])")
#: The same count written in digits (做强10大重点农业产业链), read where a 大 follows a digit.
RE_DIGIT_SET: re.Pattern[str] = re.compile(r"(?P<num>[2-9]|1\d|20)(?P<measure>大)(?=[^\W\d_])")
#: Heads of rankings and selections (全国十大样板, 年度中国科学十大进展) and of a speech's structure.
RE_RANKING_HEAD: re.Pattern[str] = re.compile(r"^(?:经验|样板|进展|新闻|人物|案例|品牌|名牌|景区|关键词|亮点|成果|运营商|银行)")
#: Before a ranking: 全国十大…, 年度…十大….
RE_RANKING_LEFT: re.Pattern[str] = re.compile(rf"(?:{RANKING_SCOPES}|评选|评为|入选)[^\W\d_]{{0,6}}$")


def _named_set(text: str, match: re.Match[str]) -> Numbered | None:
    """Numeral + 大 + a noun head: a named set (十大钢铁基地，九大有色金属基地; 在六大领域开展前瞻布局;
    in digits, 做强10大重点农业产业链).

    大 marks the members of a fixed set where 个 counts things (三十个大电站). The head is
    the longest stretch of up to five characters that ends with a noun
    (:func:`_noun_prefix`); rankings and selections (全国十大样板, 年度中国科学十大进展),
    the speech's own structure (八大关键词, 四大方面) and quantities are left out, and so
    are counts right after an enumeration, which :func:`_appositive_count` checks.

    >>> _named_set("其中有十大钢铁基地，", RE_NAMED_SET.search("其中有十大钢铁基地，")).normalized
    '十大钢铁基地'
    >>> _named_set("成为全国十大样板", RE_NAMED_SET.search("成为全国十大样板")) is None
    True
    """
    if match.start() and text[match.start() - 1].isdigit():
        return None
    follow = text[match.end() : match.end() + 6]
    head = _noun_prefix(follow)
    if head is None or RE_STRUCTURE_HEAD.match(follow) or RE_RANKING_HEAD.match(follow) or _is_quantity(head):
        return None
    before = text[max(0, match.start() - 30) : match.start()]
    if RE_RANKING_LEFT.search(before) or "、" in RE_CLAUSE_BOUNDARY.split(before)[-1] or before.endswith(("”", "’")):
        return None  # a ranking; after an enumeration the count must match it (:func:`_appositive_count`)
    num = match.group("num")
    return Numbered(_numeral_value(num), head, _written_numeral(num) + "大" + head)


#: A count right after an enumeration or a closing quote; :func:`_appositive_count` checks it.
RE_APPOSITIVE_COUNT: re.Pattern[str] = re.compile(
    r"(?P<num>[两三四五六七八九十][两三四五六七八九十]?)(?P<measure>[个大项条种类张篇者])(?=[^\W\d_])"
)
#: The conjunction that may join the last two items of an enumeration.
RE_LAST_JOINER: re.Pattern[str] = re.compile(r"和|与|及")
#: Where an enumeration starts, looking back from its count.
RE_CLAUSE_BOUNDARY: re.Pattern[str] = re.compile(r"[，。；：！？\n“（(]")
#: Two phrases of four or more characters joined by 和, 与 or 及, right before a count of two
#: (严把土地审批和信贷投放两个闸门); names (六盘山和贺兰山) are shorter.
RE_PAIR: re.Pattern[str] = re.compile(r"(?:和|与|及)[^\W\d_]{4,}(?<!这)$")
#: A role given to an enumeration between it and its count (…、加强行政监督作为政府工作的三项基本准则).
RE_ROLE_GAP: re.Pattern[str] = re.compile(r"作为[^\W\d_]{0,8}?的?$")
#: Heads of counts that announce a speech's own structure, not a named set.
RE_STRUCTURE_HEAD: re.Pattern[str] = re.compile(r"^(?:方面|部分|问题|句话|点|个方面|层次|环节|阶段|步|类)")


def _appositive_count(text: str, match: re.Match[str]) -> Numbered | None:
    """A numeral + measure + head after an enumeration whose length it gives.

    The enumerated items are the 、-separated parts of the clause before the
    count (工业、燃煤、机动车三大污染源; the last two may be joined by 和, 与
    or 及: 攀枝花、包头和金川三大共生矿), or the items of the run of quotes
    before it (“粤菜师傅”“广东技工”“南粤家政”三项工程; one quoted item is read
    as its 、-parts: “安全、环保、效益”三条底线). The count must equal the
    number of items, or, for 个字, their number of characters (“巩固、增强、
    提升、畅通”八个字). The head is the longest prefix of up to four
    characters of what follows that ends with a noun of the dictionary. With
    个, a list of provinces or cities is only counted (香港、澳门两个特别行政区),
    a list of anything else named as a set (打得赢、不变质两个历史性课题). 者 counts three or
    more items with no head (国家、集体、个人三者; 责、权、利三者). A count of two may follow
    two phrases of four or more characters joined by 和, 与 or 及 alone (政府调控和市场机制两个
    手段; not names, 六盘山和贺兰山两个实验室, nor a pair pointed back to with 这). A role given
    to the enumeration may stand between it and its count (…、加强行政监督作为政府工作的三项
    基本准则).

    >>> text = "紧紧围绕打得赢、不变质两个历史性课题，全力支持香港、澳门两个特别行政区"
    >>> [_appositive_count(text, m) for m in RE_APPOSITIVE_COUNT.finditer(text)][0].normalized
    '两个历史性课题'
    >>> [_appositive_count(text, m) for m in RE_APPOSITIVE_COUNT.finditer(text)][1] is None
    True
    >>> text = "调整国家、集体、个人三者之间的经济利益关系"
    >>> [_appositive_count(text, m).normalized for m in RE_APPOSITIVE_COUNT.finditer(text)]
    ['三者']
    """
    start = match.start("num")
    value = _numeral_value(match.group("num"))
    clause = RE_CLAUSE_BOUNDARY.split(text[max(0, start - 60) : start])[-1]
    pair = value == 2 and "、" not in clause and RE_PAIR.search(clause) is not None
    if not start or not (text[start - 1] in "”’" or "、" in clause or pair):
        return None  # nothing enumerated just before, in the same clause
    before = text[max(0, start - 160) : start]
    if "作为" in before[-12:]:
        before = RE_ROLE_GAP.sub("", before)
    if before.endswith(("”", "’")):
        items = []
        position = len(before)
        while position > 0 and before[position - 1] in "”’":
            opening = before.rfind("“" if before[position - 1] == "”" else "‘", 0, position - 1)
            if opening < 0:
                break
            items.append(before[opening + 1 : position - 1])
            position = opening
            if before.endswith("、", 0, position):
                position -= 1
        if len(items) == 1:
            single = items[0]
            items = single.split("、")
            if len(items) == 1 and len(single) >= 2:
                series = numbered_formula(single, quoted=True)
                # “一山一河”两条安全线: a contracted series counts its groups;
                # “水地煤油气风光电氢硅”十篇大文章: one character per item
                if series is not None and series.value == value:
                    items = [single] * int(value)
                elif len(single) >= 3 and len(single) == value and all(_is_han(c) for c in single):
                    items = list(single)
    else:
        boundary = max((m.end() for m in RE_CLAUSE_BOUNDARY.finditer(before)), default=0)
        items = before[boundary:].split("、")
        last = RE_LAST_JOINER.split(items[-1])
        if len(last) == 2 and all(len(part) >= 2 for part in last):
            items[-1:] = last  # 攀枝花、包头和金川三大共生矿: the last two items joined by 和
    named_set = match.group("measure") == "大"
    if items and items[-1].endswith("等") and named_set and len(items) >= 2 and value > len(items):
        items = items + [""] * int(value - len(items))  # 退耕还林、天然林保护…等六大林业生态工程: examples of a named set
    if len(items) < 2 or items[-1].endswith(("等", "的")) or any(item.startswith("第") for item in items):
        return None  # 甲、乙等三个: an open list; 第八、第九两条: ordinals
    follow = text[match.end("measure") : match.end("measure") + 6]
    if match.group("measure") == "者":
        head = ""  # 国家、集体、个人三者: the count names the set by itself (两者 is only "both")
        if value < 3:
            return None
    else:
        head = _noun_prefix(follow)
        if head is None or RE_STRUCTURE_HEAD.match(follow) or _is_quantity(head):
            return None
    if match.group("measure") == "个" and head != "字" and not before.endswith(("”", "’")) and all(
        any(place in item for place in PROVINCES) for item in items
    ):
        return None  # 香港、澳门两个特别行政区: 个 after a list of places counts the places
    counted = value == len(items) or (head == "字" and value == sum(len(i) for i in items))
    if not counted:
        return None
    return Numbered(value, head, _written_numeral(match.group("num")) + match.group("measure") + head)


#: Function words that end the head of a count (五项原则的基础, 三个方向同全国).
RE_HEAD_STOP: re.Pattern[str] = re.compile(r"[的同和与及在为对向从把被将等]")


def _noun_prefix(follow: str) -> str | None:
    """The head of a count: 字 alone, or the longest prefix of ``follow`` (up to five
    characters, before a function word) that ends with a noun of the dictionary (else with a
    verbal noun: 重点行动).

    >>> _noun_prefix("污染源治理"), _noun_prefix("特别行政区发展"), _noun_prefix("字上下功夫")
    ('污染源', '特别行政区', '字')
    """
    if not follow or follow[0] in _CN_NUM:
        return None
    if follow[0] == "字":
        return "字"  # 八个字: a count of characters
    follow = RE_HEAD_STOP.split(follow, maxsplit=1)[0]
    words = _dictionary_words()
    for wanted in ("n", "vn"):
        for length in range(min(5, len(follow)), 1, -1):
            prefix = follow[:length]
            if not all(_is_han(c) for c in prefix):
                continue
            for tail in (prefix, prefix[-3:], prefix[-2:]):
                tag = words.get(tail, "")
                if (tag[:1] == "n" if wanted == "n" else tag == "vn") and len(tail) >= 2:
                    return prefix
    return None


def _merge_adjacent_formulas(spans: list[_Span]) -> list[_Span]:
    """Join unquoted numbered formulas that follow each other: 两个市场两种资源."""
    spans.sort(key=lambda s: (s.start, s.end))
    merged: list[_Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if (
            last is not None
            and not span.quoted
            and not last.quoted
            and span.kind == last.kind == "numbered_formula"
            and span.start == last.end
        ):
            merged[-1] = last._replace(
                end=span.end, text=last.text + span.text, value=last.value + span.value,
                head=last.head + span.head, normalized=last.normalized + span.normalized,
            )
            continue
        merged.append(span)
    return merged


#: What may separate two quoted items of one run (“甲”、“乙”和“丙”).
RE_RUN_GAP: re.Pattern[str] = re.compile(r"(?:、|和|及|与|以及)?")


def _harmonize_run(spans: list[_Span], run: list[tuple[int, str, str]]) -> None:
    """Give the items of a run of quotes the kind of its lexicon items (“一网通办”、“一网统管”).

    Items of one run are parallel; when the lexicon items among them agree on
    a kind other than numbered formula, the items whose kind came only from
    their form take it. Empties ``run``.
    """
    kinds = {kind for _, basis, kind in run if basis == "lexicon" and kind != "numbered_formula"}
    if len(kinds) == 1 and len(run) > 1:
        kind = kinds.pop()
        for index, basis, _ in run:
            if basis == "form" and spans[index].kind != "numbered_formula":
                spans[index] = spans[index]._replace(kind=kind)
    run.clear()


def _harmonize_repeats(spans: list[_Span], bases: Mapping[int, str]) -> None:
    """Give every occurrence of a quoted item the kind its better-read occurrences have.

    A formulation keeps its kind through a document; where one occurrence was
    decided by the lexicon, a rule or its context and another only by its
    form, the latter takes the most frequent kind of the former.
    """
    decided: dict[str, list[str]] = {}
    for index, basis in bases.items():
        span = spans[index]
        if basis != "form" and span.kind != "numbered_formula":
            decided.setdefault(span.text, []).append(span.kind)
    if not decided:
        return
    for index, basis in bases.items():
        span = spans[index]
        kinds = decided.get(span.text)
        if basis == "form" and kinds and span.kind != "numbered_formula":
            best = max(sorted(set(kinds)), key=kinds.count)
            if best != span.kind:
                spans[index] = span._replace(kind=best)


#: What ends a sentence: parallel coinages are looked for within one.
RE_SENTENCE_END: re.Pattern[str] = re.compile(r"[。；！？\n]")


def _parallel_coinages(text: str, spans: list[_Span], bases: Mapping[int, str]) -> None:
    """Make parallel coinages of one sentence watchwords.

    Short quoted items of one sentence that differ only in their first
    character and share a word of the dictionary as their end (“硬联通”、
    “软联通”、“心联通”; “想干事”…“能干事”) are coined in parallel: those whose
    kind came only from their form and is ``term`` become ``slogan``. Items
    sharing a mere character (“网上办”、“掌上办”) are not touched.
    """
    words = _dictionary_words()
    quoted = [i for i, basis in bases.items() if len(spans[i].text) in (3, 4)]
    for position, index in enumerate(quoted):
        span = spans[index]
        if bases[index] != "form" or span.kind != "term":
            continue
        ending = span.text[1:]
        if ending not in words:
            continue
        for other in quoted[max(0, position - 3) : position + 4]:
            partner = spans[other]
            if other == index or partner.text == span.text or partner.text[1:] != ending:
                continue
            low, high = sorted((span.start, partner.start))
            if RE_SENTENCE_END.search(text, low, high) is None:
                spans[index] = span._replace(kind="slogan")
                break


def _is_han(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff"


def _word_across(text: str, start: int) -> bool:
    """Whether a word of three or four characters of the dictionary runs across ``start``:
    a contracted series cannot begin inside a word (长三角一体化, 新一轮千亿斤, 举一反三抓好).

    >>> _word_across("推进长三角一体化", 3), _word_across("坚持三新一高", 2)
    (True, False)
    """
    words = _dictionary_words()
    return any(
        text[start - back : start - back + length] in words
        for back in range(1, 4)
        for length in (3, 4)
        if back < length and start - back >= 0
    )


def _standing_packages(spans: list[_Span], packages: Sequence[int]) -> list[_Span]:
    """Keep the yearly packages of works (10件民生实事) that a report names at least twice.

    A package whose count is repeated (in the review and the plan, in the annex) is a
    standing set, a numbered formula; one named once with a count that changes from year to
    year (完成35件民生实事) is an ordinary count. A count of one is never a package.

    >>> spans = find_slogans_in_text("办好10件民生实事。10件民生实事全部完成。完成21项民生实事。", kinds="rules")
    >>> spans["text"].tolist()
    ['10件民生实事', '10件民生实事']
    """
    if not packages:
        return spans
    named = Counter(spans[i].normalized for i in packages)
    dropped = {i for i in packages if named[spans[i].normalized] < 2 or spans[i].value < 2}
    return [span for i, span in enumerate(spans) if i not in dropped]


def _parse_unquoted(match: re.Match[str]) -> Numbered | None:
    groups = match.groupdict()
    if groups.get("plan"):
        plan = groups["plan"]
        return Numbered(_numeral_value(plan), "五年规划", plan + "五")
    if groups.get("pair"):
        pair = groups["pair"]
        return Numbered(2.0, pair[1:], pair)
    if groups.get("mutual"):
        mutual = groups["mutual"]
        return Numbered(2.0, mutual[1:], mutual)
    if groups.get("merged"):
        merged = groups["merged"]
        return Numbered(_numeral_value(merged[0]), merged[1], merged)
    if groups.get("cities"):
        cities = groups["cities"]
        return Numbered(_numeral_value(cities[:-1]), "市", cities)
    if groups.get("pairing"):
        return numbered_formula(groups["pairing"], quoted=True)
    if groups.get("code"):
        return numbered_formula(groups["code"], quoted=False)
    if groups.get("series"):
        return numbered_formula(groups["series"], quoted=False)
    for name, value in groups.items():
        if value and name.startswith("num_"):
            suffix = name[4:]
            measure = groups[f"m_{suffix}"]
            head = groups[f"head_{suffix}"]
            return Numbered(_numeral_value(value), head, f"{value}{measure}{head}")
    return None  # pragma: no cover - every alternative has a named group


def _inside(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    # ranges are sorted and disjoint; a binary search keeps this linear overall
    low = bisect.bisect_right(ranges, start, key=_RANGE_END)  # the first range that ends after start
    return low < len(ranges) and ranges[low][0] <= start and end <= ranges[low][1]


def _overlaps(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    low = bisect.bisect_right(ranges, start, key=_RANGE_END)
    return low < len(ranges) and ranges[low][0] < end


_RANGE_END = operator.itemgetter(1)


#: Characters that open a quoted item.
OPENING_QUOTES = frozenset("“‘")


def fills_quotes(text: str, start: int) -> bool:
    """Whether a quoted span starting at ``start`` opens right after its quote mark: the items
    the kind model settles (not 五个“必须统筹好”, nor the second item of “七个三百米、一个五百米”).

    >>> fills_quotes("做好“六稳”工作", 3), fills_quotes("五个“必须统筹好”", 0)
    (True, False)
    """
    return start > 0 and text[start - 1] in OPENING_QUOTES


#: Who settles the kind of quoted items.
KindSource = Literal["model", "rules"]
KIND_SOURCES: tuple[str, ...] = ("model", "rules")


def _spans_with_kinds(texts: Sequence[str], lexicon: _LexiconColumns, forms: Mapping[str, int], kinds: str) -> list[list[_Span]]:
    """The spans of :func:`_slogan_spans` for each text; with ``kinds="model"`` quoted items take
    the model's kind (:mod:`tifa.kind_model`).

    Only items that fill their quotes are read by the model: the numbered formulas the
    rules build around or inside quotes (五个“必须统筹好”, “七个三百米、一个五百米”) keep
    their kind. An item that stops being a numbered formula loses its number and head;
    one that becomes one keeps the number the rules read in it.
    """
    found = [_slogan_spans(text, lexicon, forms) for text in texts]
    if kinds == "rules":
        return found
    where = [
        (t, i)
        for t, spans in enumerate(found)
        for i, span in enumerate(spans)
        if span.quoted and fills_quotes(texts[t], span.start)
    ]
    items = []
    for t, i in where:
        span = found[t][i]
        items.append((texts[t], span.start, span.end, span.kind, span.in_lexicon, span.value == span.value))
    for (t, i), kind in zip(where, load_kind_model().kinds_of(items), strict=True):
        span = found[t][i]
        if kind == span.kind:
            continue
        if kind == "numbered_formula" or span.kind != "numbered_formula":
            found[t][i] = span._replace(kind=kind)
        else:
            found[t][i] = span._replace(kind=kind, value=float("nan"), head="")
    return found


def _frame(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=SLOGAN_COLUMNS)
    table = table.astype(
        {"doc_id": str, "start": "int64", "end": "int64", "value": "float64", "in_lexicon": bool, "quoted": bool}
    )
    return table


def find_slogans_in_text(text: str, doc_id: str = "", *, kinds: KindSource = "model") -> pd.DataFrame:
    """Find the formulations in one normalized text.

    Parameters
    ----------
    text : str
        Normalized text (``doc.text``).
    doc_id : str, optional
        Written into the ``doc_id`` column.
    kinds : {"model", "rules"}, default "model"
        Who settles the kind of quoted items: the model trained on the
        annotated reports (:mod:`tifa.kind_model`), which reads the rules'
        kind among its features, or the rules alone.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SLOGAN_COLUMNS`, sorted by ``start``:

        - ``start``, ``end``: offsets in ``text`` (quote marks excluded);
        - ``text``: the formulation as written;
        - ``kind``: one of :data:`KINDS`;
        - ``value``: the number of a numbered formula (NaN otherwise);
        - ``head``: what the number counts (意识 in 四个意识);
        - ``normalized``: the form counts group under (quotes stripped,
          Arabic numerals of measure formulas written in Chinese);
        - ``in_lexicon``: whether it is a national formulation of the
          lexicon;
        - ``quoted``: whether it stands inside quote marks.

    Examples
    --------
    >>> table = find_slogans_in_text("实施“美丽乡村2025”行动计划，坚持两手抓。", "d")
    >>> table[["text", "kind"]].values.tolist()
    [['美丽乡村2025', 'programme'], ['两手抓', 'numbered_formula']]
    """
    check_option("kinds", kinds, KIND_SOURCES)
    lexicon, forms = _lexicon_tables()
    rows = [(doc_id, *span) for span in _spans_with_kinds([text], lexicon, forms, kinds)[0]]
    return _frame(rows)


@functools.lru_cache(maxsize=1)
def _lexicon_tables() -> tuple[_LexiconColumns, dict[str, int]]:
    lexicon = load_lexicon()
    columns = _LexiconColumns(tuple(lexicon["kind"]), tuple(lexicon["normalized"]))
    return columns, normalized_forms(lexicon)


def _documents(corpus: Any) -> Iterator[tuple[str, str]]:
    """(doc_id, text) pairs of :func:`tifa.corpus.iter_documents`, or of one string."""
    if isinstance(corpus, str):
        yield "", corpus
        return
    for document in iter_documents(corpus):
        yield str(document.doc_id), document.text


def find_slogans(corpus: Any, *, kinds: KindSource = "model") -> pd.DataFrame:
    """Find the formulations of every document of a corpus.

    Parameters
    ----------
    corpus : Corpus, iterable of Document, mapping of doc_id to text, or str
        The documents; texts must be normalized (``doc.text``).
    kinds : {"model", "rules"}, default "model"
        Who settles the kind of quoted items (see :func:`find_slogans_in_text`).

    Returns
    -------
    pandas.DataFrame
        The span table of :func:`find_slogans_in_text` for all documents,
        sorted by document (corpus order) and ``start``.

    Examples
    --------
    >>> find_slogans({"a": "做好“六稳”工作", "b": "落实“六保”任务"})[["doc_id", "text"]].values.tolist()
    [['a', '六稳'], ['b', '六保']]
    """
    check_option("kinds", kinds, KIND_SOURCES)
    lexicon, forms = _lexicon_tables()
    documents = list(_documents(corpus))
    found = _spans_with_kinds([text for _, text in documents], lexicon, forms, kinds)
    rows = [(doc_id, *span) for (doc_id, _), spans in zip(documents, found, strict=True) for span in spans]
    return _frame(rows)


# --------------------------------------------------------------------------
# Definitions
# --------------------------------------------------------------------------
DEFINITION_COLUMNS = [
    "doc_id",
    "start",
    "end",
    "formula",
    "announced",
    "components",
    "n_components",
    "consistent",
    "definition_start",
    "definition_end",
    "source",
]
#: One line of a glossary: 〔6〕六个百亿级产业：指…, 6.“两重”：是指…
RE_GLOSSARY_LINE: re.Pattern[str] = re.compile(
    r"^(?P<marker>〔\d{1,3}〕|﹝\d{1,3}﹞|\[\d{1,3}\]|（\d{1,3}）|\(\d{1,3}\)|\d{1,3}[.．、])?[ \t]*"
    r"(?P<head>[^：:\n。，；]{1,40}?)[：:](?P<body>[^\n]+)$",
    re.MULTILINE,
)
RE_DEFINITION_START: re.Pattern[str] = re.compile(r"^(?:是指|指的是|指|即|就是|是)")
#: A parenthesis right after a formula: “六个一”机制（一个链长、一个专班…）
RE_PAREN_AFTER: re.Pattern[str] = re.compile(r"^[”’]?[^\W\d（(，。；、]{0,6}[（(](?P<body>[^（）()\n]{2,200})[）)]")
#: “三大一强”，即：投资大、个头大…
RE_NAMELY_AFTER: re.Pattern[str] = re.compile(r"^[”’]?[^\W\d，。；]{0,6}[，,]?即[：:]?(?P<body>[^。；\n]{2,200})")
RE_SUB_DEFINITION: re.Pattern[str] = re.compile(r"^“(?P<name>[^”]{1,12})”(?:是指|指的是|指|即)(?P<body>.*)$")
RE_QUOTED_ITEM: re.Pattern[str] = re.compile(r"“([^“”]{1,30})”")


def _split_items(body: str, value: float) -> list[str]:
    """Read the components of a definition, preferring a reading that agrees with ``value``."""
    body = RE_DEFINITION_START.sub("", body.strip())
    body = re.split(r"[。]", body, maxsplit=1)[0]
    clauses = [c for c in re.split(r"[，,；;]", body) if c.strip()]
    lists = [c.split("、") for c in clauses]
    readings: list[list[str]] = []
    readings.append([item for parts in lists if len(parts) >= 2 for item in parts])
    long_lists = [parts for parts in lists if len(parts) >= 2]
    if long_lists:
        readings.append(long_lists[0])
        readings.append(max(long_lists, key=len))
    readings.append([item for parts in lists for item in parts])
    quoted = RE_QUOTED_ITEM.findall(body)
    readings.append(quoted)
    readings.append([item for item in re.split(r"[、，,；;]|和|及|以及|与", body) if item.strip()])
    readings.append([item for item in re.split(r"\+", body) if item.strip()])
    readings.append([clause for clause in clauses if re.search(r"\d|[A-Z]", clause)])
    readings = [[item.strip() for item in reading if item.strip()] for reading in readings]
    for reading in readings:
        if len(reading) == value:
            return reading
    for reading in readings:
        if reading:
            return reading
    return []


def _definition_components(body: str, value: float) -> list[str]:
    parts = [p for p in re.split(r"[；;]", RE_DEFINITION_START.sub("", body.strip())) if p.strip()]
    subs = [RE_SUB_DEFINITION.match(p.strip()) for p in parts]
    if len(parts) >= 2 and all(subs):
        components: list[str] = []
        for sub in subs:
            assert sub is not None
            sub_numbered = numbered_formula(sub.group("name"))
            sub_value = sub_numbered.value if sub_numbered else float("nan")
            components.extend(_split_items(sub.group("body"), sub_value))
        return components
    return _split_items(body, value)


def _formula_value(head: str) -> tuple[float, bool]:
    """Announced number of a definition's headword; False when it cannot be checked."""
    plain = _strip_quotes(head)
    plain = re.sub(r"^新时代", "", plain)
    items = plain.split("、")
    parsed = [numbered_formula(item.strip()) for item in items]
    if parsed and all(parsed):
        if len(parsed) == 1 and parsed[0] is not None and RE_CODE_FULL.match(items[0]) and "+" not in items[0]:
            return float("nan"), False  # 12221, 5080: the structure of digit codes is not known
        if len(parsed) == 1 and parsed[0] is not None and "+" in items[0]:
            return float(len(items[0].split("+"))), True
        return float(sum(p.value for p in parsed if p is not None)), True
    # a headword such as “3+1”主导产业 or 工业产业“十百千”计划
    for inner in RE_QUOTED_ITEM.findall(head):
        p = numbered_formula(inner)
        if p is not None:
            if "+" in inner:
                return float(len(inner.split("+"))), True
            if RE_CODE_FULL.match(inner):
                return float("nan"), False
            return p.value, True
    match = re.match(r"^(\d{1,4}(?:\+(?:\d{1,4}|[A-Z]))+)", plain)
    if match:
        return float(len(match.group(1).split("+"))), True
    if RE_LEADING_CODE.match(plain):
        return float("nan"), False
    return float("nan"), False


def find_definitions_in_text(text: str, doc_id: str = "", spans: pd.DataFrame | None = None) -> pd.DataFrame:
    """Link numbered formulas to the components a text gives for them.

    Three places are read:

    - **glossary lines** (``〔6〕六个百亿级产业：指…``, ``6.“两重”：是指…``):
      a numbered line whose body starts with 指/是指/即, or whose headword is
      quoted; sub-definitions (“五控”是指…；“一应对”是指…) are read one by
      one;
    - **a parenthesis** right after a numbered formula (“六个一”机制（一个链长、
      一个专班…）), source ``parenthesis``;
    - **即** right after one (“三大一强”，即：投资大、…), source ``namely``.

    Components are the items of the definition, read in turn as: the items of
    all its 、-lists, of its first 、-list, of its longest one, its clauses,
    its quoted items, items split at 和/及; the first reading whose length
    equals the announced number is kept (else the first non-empty one), and
    ``consistent`` tells whether one did. For digit codes without ``+``
    (12221, 5080) the announced number is unknown and ``consistent`` is NA.

    Parameters
    ----------
    text : str
        Normalized text.
    doc_id : str, optional
        Written into the ``doc_id`` column.
    spans : pandas.DataFrame, optional
        The spans of :func:`find_slogans_in_text` for ``text`` (computed when
        not given).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DEFINITION_COLUMNS`: the formula's span (``start``,
        ``end``, ``formula``), ``announced`` (the number), ``components``
        (a list of str), ``n_components``, ``consistent`` (nullable bool),
        the definition's span and ``source`` (``glossary``, ``parenthesis``
        or ``namely``).

    Examples
    --------
    >>> text = "实行“三给政策”（给资金、给房子、给荣誉）。"
    >>> row = find_definitions_in_text(text).iloc[0]
    >>> row["formula"], float(row["announced"]), row["components"], bool(row["consistent"])
    ('三给政策', 3.0, ['给资金', '给房子', '给荣誉'], True)
    """
    rows: list[tuple[Any, ...]] = []
    glossary_lines: set[int] = set()
    for match in RE_GLOSSARY_LINE.finditer(text):
        head, body = match.group("head"), match.group("body")
        if not (
            match.group("marker")
            and (RE_DEFINITION_START.match(body) or RE_SUB_DEFINITION.match(body) or "“" in head)
        ):
            continue
        value, checkable = _formula_value(head.strip())
        plain_head = _strip_quotes(head).strip()
        if not checkable and not (RE_CODE_FULL.match(plain_head) or RE_LEADING_CODE.match(plain_head)):
            continue
        components = _definition_components(body, value)
        consistent = (len(components) == value) if checkable else pd.NA
        start = match.start("head")
        glossary_lines.add(start)
        rows.append(
            (doc_id, start, match.end("head"), head.strip(), value, components, len(components), consistent,
             match.start("body"), match.end("body"), "glossary")
        )
    if spans is None:
        spans = find_slogans_in_text(text, doc_id)
    numbered = spans[spans["kind"] == "numbered_formula"]
    for start, end, formula, value in zip(numbered["start"], numbered["end"], numbered["text"], numbered["value"],
                                          strict=True):
        if np.isnan(value):
            continue
        after = text[end : end + 220]
        for regex, source in ((RE_PAREN_AFTER, "parenthesis"), (RE_NAMELY_AFTER, "namely")):
            found = regex.match(after)
            if found is None:
                continue
            body = found.group("body")
            components = _split_items(body, value)
            if len(components) < 2:
                continue
            rows.append(
                (doc_id, int(start), int(end), formula, float(value), components, len(components),
                 len(components) == value, end + found.start("body"), end + found.end("body"), source)
            )
            break
    table = pd.DataFrame(rows, columns=DEFINITION_COLUMNS)
    table["consistent"] = table["consistent"].astype("boolean")
    table["announced"] = table["announced"].astype("float64")
    return table.sort_values(["start", "source"], kind="stable").reset_index(drop=True)


def find_definitions(corpus: Any) -> pd.DataFrame:
    """:func:`find_definitions_in_text` over every document of a corpus.

    >>> find_definitions({"d": "“五个到位”（排查、整改、验收、处罚、教育）"})["n_components"].tolist()
    [5]
    """
    frames = [find_definitions_in_text(text, doc_id) for doc_id, text in _documents(corpus)]
    frames = [f for f in frames if len(f)]
    if not frames:
        return find_definitions_in_text("", "")
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------
MEASURE_COLUMNS = [
    "characters",
    "slogan_occurrences",
    "slogan_per_10k",
    "slogan_distinct",
    "slogan_national",
    "slogan_local",
    "slogan_national_share",
]


def _docvars_and_characters(corpus: Any) -> pd.DataFrame:
    if hasattr(corpus, "docvars") and not isinstance(corpus, Mapping):
        docvars = corpus.docvars.copy()
        if "characters" not in docvars or docvars["characters"].isna().any():
            docvars["characters"] = [count_characters(d.text) for d in corpus]
        return docvars
    rows = [{"doc_id": doc_id, "characters": count_characters(text)} for doc_id, text in _documents(corpus)]
    return pd.DataFrame(rows).set_index("doc_id")


def count_slogans(
    corpus: Any,
    *,
    spans: pd.DataFrame | None = None,
    by: str | Sequence[str] = "doc_id",
    kinds: Iterable[str] = SLOGAN_KINDS,
) -> pd.DataFrame:
    """Count formulations per document or per group of documents.

    Parameters
    ----------
    corpus : Corpus, iterable of Document or mapping of doc_id to text
        Gives the documents, their docvars and character counts.
    spans : pandas.DataFrame, optional
        The output of :func:`find_slogans` (computed when not given).
    by : str or list of str, default "doc_id"
        ``doc_id`` or any docvar column(s) (``year``, ``province``, ``level``…).
    kinds : iterable of str
        Kinds that count; quotations are left out by default.

    Returns
    -------
    pandas.DataFrame
        One row per group with the ``by`` column(s) and

        - ``characters``: counted characters (:func:`tifa.measures.count_characters`);
        - ``slogan_occurrences``: formulation occurrences;
        - ``slogan_per_10k``: occurrences per 10,000 characters;
        - ``slogan_distinct``: distinct normalized formulations;
        - ``slogan_national`` / ``slogan_local``: occurrences in / not in the
          national lexicon;
        - ``slogan_national_share``: ``slogan_national / slogan_occurrences``.

    Examples
    --------
    >>> texts = {"a": "做好“六稳”工作，落实“两违”整治", "b": "推动高质量发展"}
    >>> count_slogans(texts)[["doc_id", "slogan_occurrences", "slogan_national_share"]].values.tolist()
    [['a', 2, 0.5], ['b', 1, 1.0]]
    """
    kinds = list(kinds)
    for kind in kinds:
        check_option("kinds", kind, KINDS)
    if spans is None:
        spans = find_slogans(corpus)
    docvars = _docvars_and_characters(corpus)
    keys = [by] if isinstance(by, str) else list(by)
    for key in keys:
        if key != "doc_id" and key not in docvars.columns:
            check_option("by", key, ["doc_id", *docvars.columns])
    selected = spans[spans["kind"].isin(kinds)].copy()
    documents = docvars.reset_index()[["doc_id", "characters", *[k for k in keys if k != "doc_id"]]]
    selected = selected.merge(documents.drop(columns="characters"), on="doc_id", how="inner")
    groups = documents.groupby(keys, dropna=False, sort=True)["characters"].sum().rename("characters")
    counted = selected.groupby(keys, dropna=False, sort=True).agg(
        slogan_occurrences=("normalized", "size"),
        slogan_distinct=("normalized", "nunique"),
        slogan_national=("in_lexicon", "sum"),
    )
    table = groups.to_frame().join(counted, how="left").fillna(
        {"slogan_occurrences": 0, "slogan_distinct": 0, "slogan_national": 0}
    )
    for column in ("slogan_occurrences", "slogan_distinct", "slogan_national"):
        table[column] = table[column].astype("int64")
    table["slogan_local"] = table["slogan_occurrences"] - table["slogan_national"]
    table["slogan_per_10k"] = [
        rate_per_10k(n, c) for n, c in zip(table["slogan_occurrences"], table["characters"], strict=True)
    ]
    with np.errstate(invalid="ignore", divide="ignore"):
        table["slogan_national_share"] = np.where(
            table["slogan_occurrences"] > 0, table["slogan_national"] / table["slogan_occurrences"].clip(lower=1), np.nan
        )
    table = table.reset_index()
    if "doc_id" in keys and hasattr(corpus, "doc_ids"):
        order = {d: i for i, d in enumerate(corpus.doc_ids)}
        table = table.sort_values("doc_id", key=lambda s: s.map(order)).reset_index(drop=True)
    return table[[*keys, *MEASURE_COLUMNS]]


def count_formulation_matrix(
    spans: pd.DataFrame, *, kinds: Iterable[str] = SLOGAN_KINDS, documents: Sequence[str] | None = None
) -> pd.DataFrame:
    """The formulation × document matrix of occurrence counts.

    Parameters
    ----------
    spans : pandas.DataFrame
        The output of :func:`find_slogans`.
    kinds : iterable of str
        Kinds that count (quotations left out by default).
    documents : sequence of str, optional
        Column order (and documents with no formulation, as zero columns).

    Returns
    -------
    pandas.DataFrame
        Index ``normalized`` (sorted), one integer column per ``doc_id``.

    Examples
    --------
    >>> spans = find_slogans({"a": "“六稳”“六保”“六稳”", "b": "“六保”"})
    >>> count_formulation_matrix(spans).to_dict()
    {'a': {'六保': 1, '六稳': 2}, 'b': {'六保': 1, '六稳': 0}}
    """
    selected = spans[spans["kind"].isin(list(kinds))]
    matrix = pd.crosstab(selected["normalized"], selected["doc_id"]).sort_index()
    if documents is not None:
        matrix = matrix.reindex(columns=list(documents), fill_value=0)
    matrix.columns.name = "doc_id"
    return matrix.astype("int64")


def count_first_appearances(
    spans: pd.DataFrame,
    docvars: pd.DataFrame,
    *,
    time: str = "year",
    kinds: Iterable[str] = SLOGAN_KINDS,
) -> pd.DataFrame:
    """When each formulation first appears in a corpus.

    Parameters
    ----------
    spans : pandas.DataFrame
        The output of :func:`find_slogans`.
    docvars : pandas.DataFrame
        Docvars with ``doc_id`` index and the ``time`` column (``corpus.docvars``).
    time : str, default "year"
        The docvar that orders documents.
    kinds : iterable of str
        Kinds that count.

    Returns
    -------
    pandas.DataFrame
        One row per normalized formulation, sorted by first appearance then
        formulation: ``normalized``, ``first`` (earliest ``time``),
        ``first_doc_id`` (earliest document, ties broken by doc_id),
        ``documents`` (how many documents use it), ``occurrences``,
        ``in_lexicon``.

    Examples
    --------
    >>> spans = find_slogans({"x1": "“六稳”", "x2": "“六稳”“六保”"})
    >>> docvars = pd.DataFrame({"year": [2019, 2020]}, index=pd.Index(["x1", "x2"], name="doc_id"))
    >>> count_first_appearances(spans, docvars)[["normalized", "first", "first_doc_id"]].values.tolist()
    [['六稳', 2019, 'x1'], ['六保', 2020, 'x2']]
    """
    if time not in docvars.columns:
        check_option("time", time, list(docvars.columns))
    selected = spans[spans["kind"].isin(list(kinds))].merge(
        docvars[[time]], left_on="doc_id", right_index=True, how="inner"
    )
    selected = selected.dropna(subset=[time]).sort_values([time, "doc_id", "start"], kind="stable")
    grouped = selected.groupby("normalized", sort=False)
    table = pd.DataFrame(
        {
            "first": grouped[time].first(),
            "first_doc_id": grouped["doc_id"].first(),
            "documents": grouped["doc_id"].nunique(),
            "occurrences": grouped.size(),
            "in_lexicon": grouped["in_lexicon"].any(),
        }
    ).reset_index()
    return table.sort_values(["first", "normalized"], kind="stable").reset_index(drop=True)


def compute_national_lag(
    spans: pd.DataFrame, docvars: pd.DataFrame, *, time: str = "year", lexicon: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Lag between a formulation's national first year and its use in each document.

    Only formulations of the national lexicon have a national first year.

    Parameters
    ----------
    spans : pandas.DataFrame
        The output of :func:`find_slogans`.
    docvars : pandas.DataFrame
        Docvars with ``doc_id`` index and a ``time`` column (years).
    time : str, default "year"
        The docvar holding the document's year.
    lexicon : pandas.DataFrame, optional
        Defaults to the shipped lexicon.

    Returns
    -------
    pandas.DataFrame
        One row per (document, formulation): ``doc_id``, ``normalized``,
        ``year``, ``national_first_year``, ``lag`` (years, may be negative when
        a local text is ahead of the national source), ``occurrences``;
        sorted by ``doc_id`` and ``normalized``.

    Examples
    --------
    >>> spans = find_slogans({"d": "“六保”和“双减”"})
    >>> docvars = pd.DataFrame({"year": [2023]}, index=pd.Index(["d"], name="doc_id"))
    >>> compute_national_lag(spans, docvars)[["normalized", "national_first_year", "lag"]].values.tolist()
    [['六保', 2020, 3], ['双减', 2021, 2]]
    """
    if lexicon is None:
        lexicon = load_lexicon()
    first_years: dict[str, int] = {}
    for normalized, term, variants, year in zip(
        lexicon["normalized"], lexicon["term"], lexicon["variants"], lexicon["first_year"], strict=True
    ):
        if pd.isna(year):
            continue
        for form in {normalized, term, *[v for v in str(variants).split("|") if v]}:
            first_years.setdefault(form, int(year))
    selected = spans[spans["in_lexicon"]].copy()
    selected["national_first_year"] = selected["normalized"].map(first_years)
    selected = selected.dropna(subset=["national_first_year"]).merge(
        docvars[[time]].rename(columns={time: "year"}), left_on="doc_id", right_index=True, how="inner"
    )
    table = (
        selected.groupby(["doc_id", "normalized"], sort=True)
        .agg(year=("year", "first"), national_first_year=("national_first_year", "first"), occurrences=("start", "size"))
        .reset_index()
    )
    table["national_first_year"] = table["national_first_year"].astype("int64")
    table["lag"] = table["year"].astype("float64") - table["national_first_year"]
    if table["lag"].notna().all():
        table["lag"] = table["lag"].astype("int64")
    return table[["doc_id", "normalized", "year", "national_first_year", "lag", "occurrences"]]


def add_context(spans: pd.DataFrame, corpus: Any, *, window: int = 20) -> pd.DataFrame:
    """Add ``left`` and ``right`` context columns to a span table (for reading).

    Parameters
    ----------
    spans : pandas.DataFrame
        Any span table with ``doc_id, start, end``.
    corpus : Corpus, iterable of Document or mapping of doc_id to text
        The texts the spans index.
    window : int, default 20
        Characters of context on each side.

    Returns
    -------
    pandas.DataFrame
        A copy of ``spans`` with ``left`` and ``right``.

    Examples
    --------
    >>> spans = find_slogans({"d": "我们要做好“六稳”工作"})
    >>> add_context(spans, {"d": "我们要做好“六稳”工作"}, window=3)[["left", "text", "right"]].values.tolist()
    [['做好“', '六稳', '”工作']]
    """
    texts = dict(_documents(corpus))
    table = spans.copy()
    table["left"] = [
        texts.get(d, "")[max(0, s - window) : s] for d, s in zip(table["doc_id"], table["start"], strict=True)
    ]
    table["right"] = [texts.get(d, "")[e : e + window] for d, e in zip(table["doc_id"], table["end"], strict=True)]
    return table


# --------------------------------------------------------------------------
# Evaluation against a hand-annotated gold standard
# --------------------------------------------------------------------------
GOLD_COLUMNS = ["doc_id", "left", "text", "kind", "quoted"]
RE_IGNORED_FOR_LOCATING: re.Pattern[str] = re.compile(r"[\s“”‘’\"'「」『』]")


def read_gold(path: Any) -> pd.DataFrame:
    """Read a gold file (``doc_id, left, text, kind, quoted``).

    Raises
    ------
    tifa.errors.OptionError
        When a row has a kind outside :data:`KINDS`.
    """
    gold = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in GOLD_COLUMNS if c not in gold.columns]
    if missing:
        raise ValueError(f"{path}: gold file lacks column(s) {', '.join(missing)}")
    gold["kind"] = gold["kind"].str.strip()
    for kind in gold["kind"].unique():
        check_option("kind", kind, KINDS)
    gold["quoted"] = gold["quoted"].str.strip().str.lower().isin(["yes", "true", "1", "y"])
    return gold


def _squash(text: str) -> tuple[str, list[int]]:
    keep = [i for i, ch in enumerate(text) if not RE_IGNORED_FOR_LOCATING.match(ch)]
    return "".join(text[i] for i in keep), keep


def locate_gold(gold: pd.DataFrame, texts: Mapping[str, str]) -> pd.DataFrame:
    """Add ``start``/``end`` to gold rows by finding left+text in the document (-1 when not found).

    >>> gold = pd.DataFrame({"doc_id": ["d"], "left": ["做好“"], "text": ["六稳"]})
    >>> locate_gold(gold, {"d": "做好“六稳”工作"})[["start", "end"]].values.tolist()
    [[3, 5]]
    """
    located = gold.copy()
    starts, ends = [], []
    used: dict[str, set[int]] = {}
    cache: dict[str, tuple[str, list[int]]] = {}
    for doc_id, left, text in zip(located["doc_id"], located["left"], located["text"], strict=True):
        if doc_id not in texts:
            starts.append(-1)
            ends.append(-1)
            continue
        if doc_id not in cache:
            cache[doc_id] = _squash(texts[doc_id])
        squashed, index = cache[doc_id]
        key_left = RE_IGNORED_FOR_LOCATING.sub("", left)
        key_text = RE_IGNORED_FOR_LOCATING.sub("", text)
        taken = used.setdefault(doc_id, set())
        position = -1
        if key_text:
            for needle, shift in ((key_left + key_text, len(key_left)), (key_text, 0)):
                search_from = 0
                while True:
                    found = squashed.find(needle, search_from)
                    if found < 0:
                        break
                    candidate = found + shift
                    if candidate not in taken:
                        position = candidate
                        break
                    search_from = found + 1
                if position >= 0:
                    break
        if position < 0:
            starts.append(-1)
            ends.append(-1)
            continue
        taken.add(position)
        starts.append(index[position])
        ends.append(index[position + len(key_text) - 1] + 1)
    located["start"] = starts
    located["end"] = ends
    return located


def evaluate_against_gold(
    pred: pd.DataFrame,
    gold: pd.DataFrame,
    *,
    texts: Mapping[str, str] | Any = None,
    doc_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Precision and recall of predicted spans against a gold standard.

    The gold (``doc_id, left, text, kind, quoted``; ``left`` up to 8
    characters before the formulation, ``text`` without quote marks) covers
    every quoted item and every numbered formula. Gold rows are located in
    the document text by ``left + text``, ignoring white space and quote
    marks (the n-th gold row with the same key takes the n-th occurrence);
    predictions are restricted to the same scope (quoted spans and numbered
    formulas). A prediction is correct when it overlaps a gold row of the same
    document of the same class; a gold row is found when a prediction of the
    same class overlaps it.

    Parameters
    ----------
    pred : pandas.DataFrame
        Output of :func:`find_slogans`.
    gold : pandas.DataFrame
        Gold rows (:func:`read_gold`); may carry ``start``/``end`` already.
    texts : mapping of doc_id to text, or Corpus
        The normalized texts; needed unless gold has ``start``/``end``.
    doc_ids : iterable of str, optional
        Evaluate on these documents only.

    Returns
    -------
    pandas.DataFrame
        One row per class: each kind, ``slogan+numbered_formula`` (the two
        kinds as one class) and ``any`` (kinds ignored), with columns
        ``group, gold, predicted, found, correct, precision, recall, f1`` and
        ``unlocated`` (gold rows not found in the text, counted as missed).

    Examples
    --------
    >>> text = "做好“六稳”工作，实施“粤菜师傅”工程"
    >>> gold = pd.DataFrame({"doc_id": ["d", "d"], "left": ["做好“", "实施“"], "text": ["六稳", "粤菜师傅"],
    ...                      "kind": ["numbered_formula", "programme"], "quoted": [True, True]})
    >>> table = evaluate_against_gold(find_slogans({"d": text}), gold, texts={"d": text})
    >>> table.set_index("group").loc["slogan+numbered_formula", ["precision", "recall"]].tolist()
    [1.0, 1.0]
    """
    if "start" not in gold.columns or "end" not in gold.columns:
        if texts is None:
            raise ValueError("evaluate_against_gold needs `texts` to locate the gold rows")
        gold = locate_gold(gold, dict(_documents(texts)))
    if doc_ids is not None:
        wanted = set(doc_ids)
        gold = gold[gold["doc_id"].isin(wanted)]
        pred = pred[pred["doc_id"].isin(wanted)]
    else:
        pred = pred[pred["doc_id"].isin(set(gold["doc_id"]))]
    pred = pred[pred["quoted"] | (pred["kind"] == "numbered_formula")]
    unlocated_mask = gold["start"] < 0
    if unlocated_mask.any():
        warnings.warn(
            f"{int(unlocated_mask.sum())} gold row(s) could not be located in the text "
            f"(first: {gold.loc[unlocated_mask, 'text'].iloc[0]!r}); they count as missed",
            stacklevel=2,
        )
    classes: list[tuple[str, set[str] | None]] = [(k, {k}) for k in KINDS]
    classes.append(("slogan+numbered_formula", {"slogan", "numbered_formula"}))
    classes.append(("any", None))
    rows = []
    for name, members in classes:
        g = gold if members is None else gold[gold["kind"].isin(members)]
        p = pred if members is None else pred[pred["kind"].isin(members)]
        found = sum(
            1
            for d, s, e in zip(g["doc_id"], g["start"], g["end"], strict=True)
            if s >= 0 and _overlap_any(p, d, s, e)
        )
        correct = sum(
            1 for d, s, e in zip(p["doc_id"], p["start"], p["end"], strict=True) if _overlap_any(g, d, s, e)
        )
        precision = correct / len(p) if len(p) else float("nan")
        recall = found / len(g) if len(g) else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else float("nan")
        rows.append(
            {
                "group": name,
                "gold": len(g),
                "predicted": len(p),
                "found": found,
                "correct": correct,
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "unlocated": int((g["start"] < 0).sum()),
            }
        )
    return pd.DataFrame(rows)


def _overlap_any(table: pd.DataFrame, doc_id: str, start: int, end: int) -> bool:
    same = table[table["doc_id"] == doc_id]
    return bool(((same["start"] < end) & (same["end"] > start) & (same["start"] >= 0)).any())
