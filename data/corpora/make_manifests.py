"""Write the manifests of the shipped corpora from the source files.

Run from the repository root: ``python data/corpora/make_manifests.py``.
The manifests are committed; this script documents how they were made and is
re-run only when a corpus changes. Metadata is read from the files themselves
(the JSON fields; the title, date and source lines of each Word file).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
NATIONAL = HERE / "national-gwr"
PROVINCIAL = HERE / "provincial-gwr-2025"

PROVINCES = {
    "上海": ("shanghai", "上海市", "东部"), "云南": ("yunnan", "云南省", "西部"),
    "内蒙古": ("neimenggu", "内蒙古自治区", "西部"), "北京": ("beijing", "北京市", "东部"),
    "吉林": ("jilin", "吉林省", "东北"), "四川": ("sichuan", "四川省", "西部"),
    "天津": ("tianjin", "天津市", "东部"), "宁夏": ("ningxia", "宁夏回族自治区", "西部"),
    "安徽": ("anhui", "安徽省", "中部"), "山东": ("shandong", "山东省", "东部"),
    "山西": ("shanxi", "山西省", "中部"), "广东": ("guangdong", "广东省", "东部"),
    "广西": ("guangxi", "广西壮族自治区", "西部"), "新疆": ("xinjiang", "新疆维吾尔自治区", "西部"),
    "江苏": ("jiangsu", "江苏省", "东部"), "江西": ("jiangxi", "江西省", "中部"),
    "河北": ("hebei", "河北省", "东部"), "河南": ("henan", "河南省", "中部"),
    "浙江": ("zhejiang", "浙江省", "东部"), "海南": ("hainan", "海南省", "东部"),
    "湖北": ("hubei", "湖北省", "中部"), "湖南": ("hunan", "湖南省", "中部"),
    "甘肃": ("gansu", "甘肃省", "西部"), "福建": ("fujian", "福建省", "东部"),
    "西藏": ("xizang", "西藏自治区", "西部"), "贵州": ("guizhou", "贵州省", "西部"),
    "辽宁": ("liaoning", "辽宁省", "东北"), "重庆": ("chongqing", "重庆市", "西部"),
    "陕西": ("shaanxi", "陕西省", "西部"), "青海": ("qinghai", "青海省", "西部"),
    "黑龙江": ("heilongjiang", "黑龙江省", "东北"),
}
COLUMNS = [
    "doc_id", "file", "title", "date", "year", "region", "province", "prefecture", "county", "level",
    "speaker", "speaker_role", "genre", "source", "source_url", "license", "note",
]
RE_DATE = re.compile(r"(20\d\d)年(\d{1,2})月(\d{1,2})日")
RE_SPEAKER = re.compile(r"(省长|市长|主席|代省长|代市长)\s*([\u4e00-\u9fff]{2,3}?)(?:在|作|同志)|(?<=日)([\u4e00-\u9fff]{2,3})(省长|市长)(?:在)")
RE_SOURCE = re.compile(r"^\s*来源\s*[:：]\s*(.+?)\s*$")


def national_rows() -> list[dict]:
    rows = []
    path = NATIONAL / "national_gwr_1954_2019.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        note = "abstract (摘要)" if "摘要" in d["title"] else ""
        rows.append({
            "doc_id": d["doc_id"], "file": path.name, "title": d["title"], "date": "", "year": d["year"],
            "region": "全国", "province": "", "prefecture": "", "county": "", "level": d["level"],
            "speaker": "", "speaker_role": "国务院总理或受托的国务院领导同志", "genre": d["genre"],
            "source": d["source"], "source_url": d["source_url"],
            "license": "official document of an administrative nature; Wikisource marks it public domain in the PRC (著作权法 第五条)",
            "note": note,
        })
    return rows


def provincial_rows() -> list[dict]:
    rows = []
    for path in sorted(PROVINCIAL.glob("*.docx")):
        name = path.stem.removeprefix("2025年").removesuffix("政府工作报告")
        key = next(k for k in PROVINCES if name.startswith(k))
        pinyin, province, region = PROVINCES[key]
        paragraphs = [p.text.strip() for p in docx.Document(str(path)).paragraphs if p.text.strip()]
        head = "\n".join(paragraphs[:6])
        date = RE_DATE.search(head)
        source = next((m.group(1) for p in paragraphs[:6] if (m := RE_SOURCE.match(p))), "")
        speaker = ""
        m = RE_SPEAKER.search(head.replace(" ", ""))
        if m:
            speaker = m.group(2) or m.group(3) or ""
        notes = []
        if key == "宁夏":
            notes.append("source line names 青海日报, which is wrong for Ningxia")
        if key == "云南":
            notes.append("source line names 北京日报, which is wrong for Yunnan")
        if key in {"吉林", "河北"}:
            notes.append("looks abridged (much shorter than the other reports)")
        rows.append({
            "doc_id": f"cn-{pinyin}-gwr-2025", "file": path.name, "title": paragraphs[0],
            "date": f"{date.group(1)}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else "",
            "year": 2025, "region": region, "province": province, "prefecture": "", "county": "",
            "level": "provincial", "speaker": speaker, "speaker_role": "省长/市长/自治区主席",
            "genre": "government_work_report",
            "source": f"{source} (as named in the file); collected in a public MIT-licensed repository of 2025 provincial reports",
            "source_url": "", "license": "official document of an administrative nature, shipped for research and teaching",
            "note": "; ".join(notes),
        })
    return rows


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    write(NATIONAL / "manifest.csv", national_rows())
    write(PROVINCIAL / "manifest.csv", provincial_rows())
