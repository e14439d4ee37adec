"""The main job: every figure and table of the notebooks, from the shipped corpora.

Each notebook's outputs are made by one function here, ``outputs_01`` …
``outputs_05``; the notebooks call the same functions, so what a reader sees in a
notebook and what :func:`build_figures` writes into ``figures/`` are the same
objects. Tables are written as CSV and LaTeX, figures as PDF, SVG and PNG, and
``figures/INDEX.md`` says what each file shows and which notebook made it.
Everything is deterministic (fixed seeds, sorted rows, no timestamps), so two
runs write byte-identical tables and SVGs.

>>> [spec.name for spec in OUTPUT_SPECS][:2]
['corpus_profile', 'ingest_quality_seeds']
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from tifa.corpus import Corpus  # noqa: E402
from tifa.io import write_bytes_atomic, write_table  # noqa: E402

logger = logging.getLogger(__name__)
SEED = 20260101
#: Tables longer than this are written as CSV only (a LaTeX table is for a paper).
MAX_LATEX_ROWS = 300


@dataclass
class StudyData:
    """The shipped corpora and the span tables computed from them, each once."""

    seeds: Corpus
    national: Corpus
    provincial: Corpus
    _cache: dict = field(default_factory=dict)

    @classmethod
    def load(cls) -> StudyData:
        """Read the three shipped corpora."""
        from tifa.datasets import load_national, load_provincial, load_seeds

        return cls(load_seeds(), load_national(), load_provincial())

    @cached_property
    def reports(self) -> Corpus:
        """National and provincial government work reports together."""
        return Corpus(list(self.national) + list(self.provincial))

    @cached_property
    def everything(self) -> Corpus:
        """Seeds, national and provincial reports: the documents every span table covers."""
        return Corpus(list(self.seeds) + list(self.reports))

    @cached_property
    def targets(self) -> pd.DataFrame:
        """Numeric expressions of all reports and seeds, classified."""
        from tifa.targets import find_targets

        return find_targets(self.everything)

    @cached_property
    def formulas(self) -> pd.DataFrame:
        """Formulaic spans of all documents."""
        from tifa.formulas import find_formulas

        return find_formulas(self.everything)

    @cached_property
    def slogans(self) -> pd.DataFrame:
        """Formulations (quoted, numbered, lexicon) of all documents."""
        from tifa.slogans import find_slogans

        return find_slogans(self.everything)

    @cached_property
    def tokens(self) -> pd.DataFrame:
        """jieba tokens (tifa lexicon as user dictionary) of all reports."""
        from tifa.segment import find_tokens, remove_stopwords

        return remove_stopwords(find_tokens(self.reports, tokenizer="jieba"))


Output = Figure | pd.DataFrame


@dataclass(frozen=True)
class OutputSpec:
    """One output of the study: its file name, notebook, and what it shows."""

    name: str
    notebook: str
    description: str
    make: Callable[[StudyData], Output]


def _docvars(corpus: Corpus, columns: list[str]) -> pd.DataFrame:
    table = corpus.docvars.reset_index()
    return table[[c for c in ["doc_id", *columns] if c in table.columns]]


# --- 01 corpus overview -------------------------------------------------------
def corpus_profile(data: StudyData) -> pd.DataFrame:
    """One row per shipped document: corpus, metadata, characters, cleaning figures."""
    rows = []
    for name, corpus in (("seeds", data.seeds), ("national", data.national), ("provincial", data.provincial)):
        quality = corpus.quality_report()
        table = _docvars(corpus, ["title", "year", "region", "province", "level", "genre", "script"]).merge(
            quality[["doc_id", "counted_chars", "boilerplate_chars_removed", "spacing_repairs",
                     "mojibake_repaired", "mojibake_lost", "redactions", "sections"]], on="doc_id")
        table.insert(1, "corpus", name)
        rows.append(table)
    return pd.concat(rows, ignore_index=True)


def ingest_quality_seeds(data: StudyData) -> pd.DataFrame:
    """The ingestion quality report of the five seeds."""
    columns = ["doc_id", "format", "encoding", "script", "chars_raw", "chars_clean", "counted_chars",
               "boilerplate_chars_removed", "markup_chars_removed", "spacing_repairs", "mojibake_runs",
               "mojibake_repaired", "mojibake_lost", "redactions", "sections"]
    return data.seeds.quality_report()[columns]


# --- 02 slogans ---------------------------------------------------------------
def _decade(year: int) -> str:
    return f"{int(year) // 10 * 10}s"


def top_formulations(data: StudyData, n: int = 10) -> pd.DataFrame:
    """The ``n`` most frequent formulations in the national reports by decade, and in 2025."""
    from tifa.slogans import SLOGAN_KINDS

    spans = data.slogans[data.slogans["kind"].isin(SLOGAN_KINDS)]
    years = pd.concat([data.national.docvars["year"], data.provincial.docvars["year"]])
    spans = spans[spans["doc_id"].isin(years.index)].copy()
    spans["period"] = spans["doc_id"].map(lambda d: "provincial 2025" if d in data.provincial.doc_ids else "national " + _decade(years[d]))
    counts = spans.groupby(["period", "normalized"]).agg(occurrences=("doc_id", "size"), documents=("doc_id", "nunique")).reset_index()
    counts = counts.sort_values(["period", "occurrences", "normalized"], ascending=[True, False, True])
    counts["rank"] = counts.groupby("period").cumcount() + 1
    return counts[counts["rank"] <= n].reset_index(drop=True)[["period", "rank", "normalized", "occurrences", "documents"]]


def slogan_rates(data: StudyData) -> pd.DataFrame:
    """Formulations per 10,000 characters of every report and seed, with metadata."""
    from tifa.slogans import count_slogans

    table = count_slogans(data.everything, spans=data.slogans)
    return table.merge(_docvars(data.everything, ["year", "region", "level", "genre"]), on="doc_id").sort_values("doc_id").reset_index(drop=True)


def slogan_rates_by_region(data: StudyData) -> pd.DataFrame:
    """Formulation rate of the 2025 provincial reports by region (document bootstrap CI)."""
    from tifa.stats import rate_groups

    table = slogan_rates(data)
    table = table[table["doc_id"].isin(data.provincial.doc_ids)]
    return rate_groups(table, by="region", count="slogan_occurrences", characters="characters", seed=SEED)


def slogan_rates_figure(data: StudyData) -> Figure:
    """Figure: formulations per 10,000 characters by region, 2025 provincial reports."""
    from tifa.plots import plot_rates, style

    table = slogan_rates_by_region(data)
    with style("paper"):
        fig, ax = plt.subplots(figsize=(5.0, 3.2))
        plot_rates(table, x="region", y="rate", lower="rate_low", upper="rate_high", order=["东部", "中部", "西部", "东北"], ax=ax)
        ax.set_ylabel("提法 / 万字 (95% 自助法区间)")
        ax.set_title("2025年省级政府工作报告：提法密度")
    return fig


def formulation_heatmap_figure(data: StudyData, n: int = 20) -> Figure:
    """Figure: the most widespread formulations × the 31 provincial reports."""
    from tifa.plots import plot_heatmap, style
    from tifa.slogans import count_formulation_matrix

    spans = data.slogans[data.slogans["doc_id"].isin(data.provincial.doc_ids)]
    matrix = count_formulation_matrix(spans, documents=data.provincial.doc_ids)
    top = (matrix > 0).sum(axis=1).sort_values(ascending=False, kind="stable").head(n).index
    long = matrix.loc[top].reset_index().melt(id_vars="normalized", var_name="doc_id", value_name="count")
    provinces = data.provincial.docvars["province"]
    long["province"] = long["doc_id"].map(provinces)
    with style("paper"):
        fig, ax = plt.subplots(figsize=(8.0, 5.5))
        plot_heatmap(long, row="normalized", column="province", value="count", row_order=list(top), ax=ax,
                     colorbar_label="出现次数")
        ax.set_title("2025年省级政府工作报告中最常见的提法")
    return fig


def first_appearances(data: StudyData) -> pd.DataFrame:
    """First year each lexicon formulation appears in the national reports, and its lag to 2025."""
    from tifa.slogans import count_first_appearances

    spans = data.slogans[data.slogans["doc_id"].isin(data.national.doc_ids) & data.slogans["in_lexicon"]]
    first = count_first_appearances(spans, data.national.docvars)
    provincial = data.slogans[data.slogans["doc_id"].isin(data.provincial.doc_ids)]
    reach = provincial.groupby("normalized")["doc_id"].nunique().rename("provinces_2025")
    return first.merge(reach, left_on="normalized", right_index=True, how="left").fillna({"provinces_2025": 0})


def first_appearance_figure(data: StudyData, n: int = 25) -> Figure:
    """Figure: first national appearance of the formulations most used by provinces in 2025."""
    from tifa.plots import plot_first_appearance, style

    table = first_appearances(data)
    table = table.sort_values(["provinces_2025", "occurrences", "normalized"], ascending=[False, False, True]).head(n)
    table = table.assign(local_year=2025)
    with style("paper"):
        fig, ax = plt.subplots(figsize=(6.5, 6.0))
        plot_first_appearance(table, term="normalized", year="first", local_year="local_year",
                              labels=("国务院报告首次出现", "2025年省级报告使用"), ax=ax)
        ax.set_title("提法的扩散：首次出现于国务院报告的年份")
    return fig


# --- 03 numeric targets -------------------------------------------------------
def headline_targets(data: StudyData) -> pd.DataFrame:
    """National headline growth target by year, next to the number of targets per report."""
    from tifa.targets import find_headline_targets, rate_targets

    headline = find_headline_targets(data.national)
    spans = data.targets[data.targets["doc_id"].isin(data.national.doc_ids)]
    rates = rate_targets(spans, data.national)[["doc_id", "n_targets", "target_rate"]]
    table = headline.merge(rates, on="doc_id", how="left")
    if "year" not in table:
        table = table.merge(_docvars(data.national, ["year"]), on="doc_id")
    return table.sort_values("year").reset_index(drop=True)


def headline_targets_figure(data: StudyData) -> Figure:
    """Figure: headline growth target by year with the number of targets per report."""
    from tifa.plots import plot_growth_targets, style

    table = headline_targets(data)
    plot_table = table.rename(columns={"value": "target"})
    plot_table["lower"] = plot_table["target"]
    plot_table["upper"] = plot_table["value_high"].fillna(plot_table["target"])
    with style("paper"):
        fig, ax = plt.subplots(figsize=(7.0, 3.6))
        plot_growth_targets(plot_table, ax=ax, value_label="GDP 增长目标 (%)", count_label="数字目标个数")
        ax.set_title("国务院政府工作报告：经济增长预期目标与数字目标数量")
    return fig


def target_density_by_document(data: StudyData) -> pd.DataFrame:
    """Targets and achievements per 10,000 characters, per report and section."""
    from tifa.targets import rate_targets

    rates = rate_targets(data.targets, data.everything, by="section")
    return rates.sort_values(["doc_id", "section"]).reset_index(drop=True)


def target_density_by_region(data: StudyData) -> pd.DataFrame:
    """Target density of the 2025 provincial reports by economic region (bootstrap CI)."""
    from tifa.stats import rate_groups
    from tifa.targets import rate_targets

    spans = data.targets[data.targets["doc_id"].isin(data.provincial.doc_ids)]
    per_doc = rate_targets(spans, data.provincial).rename(columns={"n_targets": "count"})
    return rate_groups(per_doc, by="region", count="count", characters="characters", seed=SEED)


def target_density_figure(data: StudyData) -> Figure:
    """Figure: target density by region and section, 2025 provincial reports."""
    from tifa.plots import plot_target_density, style
    from tifa.targets import rate_targets

    spans = data.targets[data.targets["doc_id"].isin(data.provincial.doc_ids)]
    per_section = rate_targets(spans, data.provincial, by="section")
    per_section = per_section[per_section["section"].isin(["review", "plan"])]
    grouped = (per_section.groupby(["region", "section"], as_index=False)[["n_targets", "characters"]].sum())
    grouped["rate"] = grouped["n_targets"] * 10_000 / grouped["characters"]
    with style("paper"):
        fig, ax = plt.subplots(figsize=(6.0, 3.4))
        plot_target_density(grouped, x="region", y="rate", hue="section", order=["东部", "中部", "西部", "东北"],
                            hue_order=["review", "plan"], values=True, ax=ax)
        ax.set_ylabel("数字目标 / 万字")
        ax.set_title("2025年省级政府工作报告：各区域数字目标密度")
    return fig


# --- 04 formulaic phrasing ----------------------------------------------------
def formulaicity(data: StudyData) -> pd.DataFrame:
    """Share of characters inside formulaic spans, per document, with its parts."""
    from tifa.formulas import rate_formulaicity

    return rate_formulaicity(data.everything, data.formulas).sort_values("doc_id").reset_index(drop=True)


def formula_composition_figure(data: StudyData) -> Figure:
    """Figure: formulaicity of the five seeds, by part."""
    from tifa.plots import plot_formula_composition, style

    table = formulaicity(data)
    table = table[table["doc_id"].isin(data.seeds.doc_ids)]
    parts = [c for c in table.columns if c.startswith("share_") and c != "share_formulaic"]
    long = table.melt(id_vars="doc_id", value_vars=parts, var_name="kind", value_name="share")
    long["kind"] = long["kind"].str.removeprefix("share_")
    with style("paper"):
        fig, ax = plt.subplots(figsize=(6.5, 3.0))
        plot_formula_composition(long, ax=ax)
        ax.set_title("五份种子文本的程式化程度（按类型）")
    return fig


def reuse_pairs(data: StudyData) -> pd.DataFrame:
    """Passages shared between the seeds and the provincial reports."""
    from tifa.reuse import find_reuse

    return find_reuse(Corpus(list(data.seeds) + list(data.provincial)))


def reuse_seeds(data: StudyData) -> pd.DataFrame:
    """Passages shared among the five seeds, one row per pair of spans."""
    from tifa.reuse import find_reuse

    return find_reuse(data.seeds)


def reuse_matrix_figure(data: StudyData) -> Figure:
    """Figure: characters of shared passages between each pair of seeds."""
    from tifa.plots import plot_reuse_matrix, style
    from tifa.reuse import summarize_reuse

    summary = summarize_reuse(reuse_seeds(data), data.seeds)
    with style("paper"):
        fig, ax = plt.subplots(figsize=(4.8, 4.0))
        plot_reuse_matrix(summary, source="doc_id_a", target="doc_id_b", value="characters",
                          order=data.seeds.doc_ids, ax=ax)
        ax.set_title("种子文本之间共享的段落（字数）")
    return fig


DISPERSION_TERMS = ("供给侧结构性改革", "放管服", "高质量发展")


def dispersion_figure(data: StudyData) -> Figure:
    """Figure: where three formulations occur inside each national report of 2013–2019 (x-ray)."""
    from tifa.plots import plot_dispersion, style

    years = data.national.docvars["year"]
    recent = [d for d in data.national.doc_ids if years[d] >= 2013]
    spans = data.slogans[data.slogans["doc_id"].isin(recent) & data.slogans["normalized"].isin(DISPERSION_TERMS)].copy()
    spans["length"] = spans["doc_id"].map({d: len(data.national[d].text) for d in recent})
    spans["report"] = spans["doc_id"].map(lambda d: f"{years[d]}年报告")
    with style("paper"):
        fig, ax = plt.subplots(figsize=(7.0, 3.4))
        plot_dispersion(spans, document="report", term="normalized", position="start", length="length",
                        order=[f"{years[d]}年报告" for d in recent], term_order=list(DISPERSION_TERMS), ax=ax)
        ax.set_title("提法在报告中的位置（2013–2019年国务院政府工作报告）")
    return fig


# --- 05 regions and years -----------------------------------------------------
def target_trend(data: StudyData) -> pd.DataFrame:
    """Trend of target density over the national reports (rank correlations, NB regression)."""
    from tifa.stats import estimate_trend
    from tifa.targets import rate_targets

    spans = data.targets[data.targets["doc_id"].isin(data.national.doc_ids)]
    per_doc = rate_targets(spans, data.national).rename(columns={"n_targets": "count"})
    return estimate_trend(per_doc, year="year", count="count", characters="characters")


def keyness_provincial_vs_national(data: StudyData) -> pd.DataFrame:
    """Words key to the 2025 provincial reports against the national reports of 2010–2019."""
    from tifa.keyness import keyness

    recent = data.national.docvars.query("year >= 2010").index.tolist()
    tokens = data.tokens[data.tokens["doc_id"].isin(recent + data.provincial.doc_ids)].copy()
    tokens["group"] = tokens["doc_id"].map(lambda d: "provincial_2025" if d in data.provincial.doc_ids else "national_2010s")
    table = keyness(tokens, "provincial_2025", by="group", min_count=10)
    both_sides = pd.concat([table.nlargest(100, "g2"), table.nsmallest(100, "g2")]).drop_duplicates("token")
    return both_sides.sort_values(["g2", "token"], ascending=[False, True]).reset_index(drop=True)


def keyness_figure(data: StudyData) -> Figure:
    """Figure: the most key words of the 2025 provincial reports against national 2010–2019."""
    from tifa.plots import plot_keyness, style

    table = keyness_provincial_vs_national(data)
    with style("paper"):
        fig, ax = plt.subplots(figsize=(6.0, 5.5))
        plot_keyness(table, n=15, target_label="省级 2025", reference_label="国务院 2010–2019", ax=ax)
        ax.set_title("关键词：2025年省级报告 vs 2010–2019年国务院报告 (G²)")
    return fig


def wordcloud_figure(data: StudyData) -> Figure:
    """Figure: word cloud of the 2025 provincial reports (seeded, stopwords removed)."""
    from tifa.plots import plot_wordcloud, style
    from tifa.segment import tokens_frequency

    tokens = data.tokens[data.tokens["doc_id"].isin(data.provincial.doc_ids)]
    frequency = tokens_frequency(tokens)
    frequency = frequency[frequency["token"].str.len() >= 2]
    with style("paper"):
        fig, ax = plt.subplots(figsize=(7.0, 4.0))
        plot_wordcloud(frequency, term="token", count="frequency", seed=SEED % 2**31, ax=ax)
    return fig


OUTPUT_SPECS: list[OutputSpec] = [
    OutputSpec("corpus_profile", "01_corpus_overview", "one row per shipped document: corpus, metadata, characters, cleaning figures", corpus_profile),
    OutputSpec("ingest_quality_seeds", "01_corpus_overview", "ingestion quality report of the five seeds (boilerplate, spacing, mojibake, redactions)", ingest_quality_seeds),
    OutputSpec("top_formulations", "02_slogans", "ten most frequent formulations in the national reports by decade and in the 2025 provincial reports", top_formulations),
    OutputSpec("slogan_rates", "02_slogans", "formulations per document: occurrences, per 10,000 characters, distinct, lexicon share", slogan_rates),
    OutputSpec("slogan_rates_by_region", "02_slogans", "formulation rate of the 2025 provincial reports by region with document-bootstrap 95% intervals", slogan_rates_by_region),
    OutputSpec("slogan_rates_by_region", "02_slogans", "figure: formulations per 10,000 characters by region, 2025", slogan_rates_figure),
    OutputSpec("formulation_heatmap_provincial", "02_slogans", "figure: the 20 most widespread formulations × the 31 provincial reports", formulation_heatmap_figure),
    OutputSpec("first_appearances", "02_slogans", "first year of each lexicon formulation in the national reports and how many provinces use it in 2025", first_appearances),
    OutputSpec("first_appearances", "02_slogans", "figure: first national appearance of the formulations most used by provinces in 2025", first_appearance_figure),
    OutputSpec("headline_targets", "03_numeric_targets", "national headline GDP growth target by year (value, bound, sentence) and targets per report", headline_targets),
    OutputSpec("headline_targets", "03_numeric_targets", "figure: headline growth target by year next to the number of targets per report", headline_targets_figure),
    OutputSpec("target_density_by_document", "03_numeric_targets", "targets and achievements per 10,000 characters, per document and section", target_density_by_document),
    OutputSpec("target_density_by_region", "03_numeric_targets", "2025 provincial reports: target density by economic region with document-bootstrap 95% intervals", target_density_by_region),
    OutputSpec("target_density_by_region", "03_numeric_targets", "figure: target density by region and section (review vs plan), 2025 provincial reports", target_density_figure),
    OutputSpec("formulaicity", "04_formulaic_phrasing", "share of characters in formulaic spans per document, with its parts", formulaicity),
    OutputSpec("formula_composition_seeds", "04_formulaic_phrasing", "figure: formulaicity of the five seeds by part", formula_composition_figure),
    OutputSpec("target_trend", "05_regions_and_years", "trend of target density over national reports 1954–2019: Spearman, Kendall, negative-binomial incidence-rate ratio per year", target_trend),
    OutputSpec("keyness_provincial_vs_national", "05_regions_and_years", "words key to the 2025 provincial reports against national reports 2010–2019 (G², χ², log ratio, %DIFF, BIC)", keyness_provincial_vs_national),
    OutputSpec("keyness_provincial_vs_national", "05_regions_and_years", "figure: top key words, provincial 2025 vs national 2010–2019", keyness_figure),
    OutputSpec("wordcloud_provincial_2025", "05_regions_and_years", "figure: word cloud of the 2025 provincial reports (seeded)", wordcloud_figure),
    OutputSpec("reuse_seeds", "04_formulaic_phrasing", "passages shared among the five seeds (verbatim and near matches)", reuse_seeds),
    OutputSpec("reuse_matrix_seeds", "04_formulaic_phrasing", "figure: characters of shared passages between each pair of seeds", reuse_matrix_figure),
    OutputSpec("dispersion_national_2013_2019", "02_slogans", "figure: x-ray of 供给侧结构性改革, 放管服, 高质量发展 inside the national reports 2013–2019", dispersion_figure),
    OutputSpec("reuse_pairs", "04_formulaic_phrasing", "passages shared between documents (seeds and provincial reports): spans, length, similarity, exact or near", reuse_pairs),
]


def build_figures(directory: str | Path = "figures", *, progress: bool = False, data: StudyData | None = None) -> list[Path]:
    """Write every output of :data:`OUTPUT_SPECS` into ``directory`` and an index.

    Returns the paths written, sorted.
    """
    from tifa.plots import savefig

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    data = data or StudyData.load()
    written: list[Path] = []
    index_rows: list[tuple[str, str, str]] = []
    specs = OUTPUT_SPECS
    if progress:
        from tqdm import tqdm

        specs = tqdm(OUTPUT_SPECS, desc="figures", unit="output")
    for spec in specs:
        output = spec.make(data)
        if isinstance(output, Figure):
            paths = savefig(output, spec.name, directory=directory)
            plt.close(output)
        else:
            paths = [write_table(output, directory / f"{spec.name}.csv")]
            if len(output) <= MAX_LATEX_ROWS:
                paths.append(write_table(output, directory / f"{spec.name}.tex", fmt="latex"))
        written.extend(paths)
        for path in paths:
            index_rows.append((path.name, spec.notebook, spec.description))
    index = ["# figures/", "", "Made by `make figures` (`tifa figures`) from the shipped corpora. Tables are CSV (and",
             f"LaTeX up to {MAX_LATEX_ROWS} rows), figures PDF (fonts embedded), SVG and PNG (300 dpi).", "",
             "| file | notebook | what it shows |", "|---|---|---|"]
    index += [f"| `{name}` | `notebooks/{notebook}` | {description} |" for name, notebook, description in sorted(index_rows)]
    written.append(write_bytes_atomic(("\n".join(index) + "\n").encode("utf-8"), directory / "INDEX.md"))
    return sorted(written)
