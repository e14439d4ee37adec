"""Remove the boilerplate of the sites these documents come from, as edits.

Each rule is a named regular expression; a rule either removes the lines it
matches or, for ``truncate`` rules, everything from the match to the end of the
text (a paywall marker such as ``试读结束`` or a licence footer). Every removal
is an :class:`~tifa.offsets.Edit` with ``step="boilerplate"`` and the rule's
name as ``note``, so the quality report can show what went and why.

>>> from tifa.offsets import apply_edits
>>> text = "来源：浙江日报\\n各位代表：\\n……试读结束……\\n加微信:123"
>>> apply_edits(text, boilerplate_edits(text))[0]
'各位代表：\\n'
"""

from __future__ import annotations

import re

from tifa.offsets import Edit

#: Line rules: a line matching one of these is removed whole.
LINE_RULES: dict[str, re.Pattern[str]] = {
    "newspaper_source": re.compile(r"^\s*(?:来源|來源|稿源)\s*[:：]\s*\S.{0,30}$"),
    "article_source": re.compile(r"^\s*[（(]?\s*(?:文章来源|文章來源|本文来源|信息来源)\s*[:：].{0,40}$"),
    "repost_notice": re.compile(r"如若转载|如若轉載|转载请注明|轉載請註明"),
    "return_link": re.compile(r"返回首页|返回首頁|返回\S{0,12}新闻|返回顶部"),
    "bare_url": re.compile(r"^\s*<?(?:https?:)?//\S+>?\s*$"),
    "image_data_uri": re.compile(r"data:image/[a-zA-Z+.-]+;base64|<image>|</image>"),
    "site_file_size": re.compile(r"^\s*[•·]?\s*\d+(?:\.\d+)?\s*[KMG]B\s*$"),
    "site_upload_date": re.compile(r"^\s*[•·]?\s*\d{4}-\d{1,2}-\d{1,2}\s*发布\s*$"),
    "site_page_count": re.compile(r"^\s*[•·]?\s*\d+\s*页\s*$"),
    "site_disclaimer": re.compile(
        r"文档由用户上传|本文档内容版权|本站不保证|收益归属用户|收益全部归|请仔细阅读内容确认|淘文库|文库整理发布|版权争议"
    ),
    "contact_advert": re.compile(
        r"加微信|微信号\s*[:：]|(?:QQ|qq)\s*[:：]?\s*\d{5,}|客服|查阅全文|可搜索其他更多资料|扫码关注|扫一扫|关注公众号|点击下载"
    ),
    "wiki_licence": re.compile(r"^\s*(?:Public domain|false|true)\s*$"),
}

#: Truncate rules: the match and everything after it are removed.
TRUNCATE_RULES: dict[str, re.Pattern[str]] = {
    "trial_end": re.compile(r"[ \t.。…·]*试读结束|[ \t.。…·]*試讀結束"),
    "wiki_licence_footer": re.compile(r"本作品是中华人民共和国的|本作品是中華人民共和國的|本作品来自中华人民共和国"),
}

RE_LINE = re.compile(r"[^\n]*(?:\n|\Z)")
#: Longest line taken for a title banner repeated by the text below it.
MAX_TITLE = 40


def boilerplate_edits(text: str) -> list[Edit]:
    """Edits that remove site boilerplate from ``text`` (see the module docs)."""
    cut = len(text)
    cut_rule = ""
    for name, pattern in TRUNCATE_RULES.items():
        match = pattern.search(text)
        if match and match.start() < cut:
            line_start = text.rfind("\n", 0, match.start()) + 1
            # truncate from the line start when the marker opens its line
            start = line_start if not text[line_start : match.start()].strip(" .。…·\t") else match.start()
            cut, cut_rule = start, name
    edits: list[Edit] = []
    for match in RE_LINE.finditer(text, 0, cut):
        line = match.group()
        if not line or match.start() >= cut:
            break
        for name, pattern in LINE_RULES.items():
            if pattern.search(line.rstrip("\n")):
                edits.append(Edit(match.start(), min(match.end(), cut), "", "boilerplate", name))
                break
    edits.extend(_repeated_title_edits(text, cut, {e.start for e in edits}))
    if cut < len(text):
        edits.append(Edit(cut, len(text), "", "boilerplate", cut_rule))
    return sorted(edits)


def _repeated_title_edits(text: str, cut: int, removed: set[int]) -> list[Edit]:
    """A short line that the next kept line repeats at its start is a site's title banner."""
    kept = [m for m in RE_LINE.finditer(text, 0, cut) if m.group().strip() and m.start() not in removed]
    edits = []
    for line, following in zip(kept, kept[1:]):
        title = line.group().strip()
        if 4 <= len(title) <= MAX_TITLE and following.group().lstrip().startswith(title) and following.group().strip() != title:
            edits.append(Edit(line.start(), line.end(), "", "boilerplate", "repeated_title"))
    return edits
