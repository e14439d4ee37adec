# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · Which formulations do officials use, and how do they travel?
#
# **Question.** Which official formulations (提法) dominate national reports decade by
# decade and the provincial reports of 2025, how dense are they by region, and how long
# does a formulation take from its first national appearance to provincial speech?
#
# Formulations are quoted items (“两个维护”), numbered formulas (四个意识, 六稳, “1+12+N”) and
# terms of the national lexicon (`lib/tifa/data/lexicon.csv`, each with its first attested
# year and source). Every count is a span: see the concordance at the end.

# %% tags=["parameters"]
# a folder or JSON Lines file of your own; None = the shipped corpora
corpus_path = None

# %%
from tifa.corpus import read_corpus
from tifa.figures import (
    StudyData,
    first_appearance_figure,
    first_appearances,
    formulation_heatmap_figure,
    slogan_rates_by_region,
    slogan_rates_figure,
    top_formulations,
)
from tifa.kwic import kwic
from tifa.slogans import count_slogans, find_slogans

data = StudyData.load()

# %% [markdown]
# ## The ten most frequent formulations, by decade and in 2025

# %%
top = top_formulations(data)
top.pivot(index="rank", columns="period", values="normalized")

# %% [markdown]
# ## Formulation density by region (2025), with document-bootstrap intervals

# %%
slogan_rates_by_region(data)

# %%
slogan_rates_figure(data)

# %%
formulation_heatmap_figure(data)

# %% [markdown]
# ## Diffusion: first national appearance and use in 2025

# %%
first_appearances(data).sort_values("provinces_2025", ascending=False).head(15)

# %%
first_appearance_figure(data)

# %% [markdown]
# ## How far to trust these counts
#
# Accuracy against hand annotation made blind to the extractors (`tests/gold/`, with its
# rules), on the latest reports no rule was tuned on (`docs/validation.md` has every round).
# Finding quoted items and numbered formulas is reliable; the kind of a quoted item (slogan,
# term, programme, quotation) is a judgment, settled by a model trained on the annotated reports
# (`tifa.kind_model`) that still gets a fair share wrong, so read counts by kind with their spans.

# %%
import pandas as pd

from tifa.datasets import load_all
from tifa.paths import GOLD
from tifa.slogans import evaluate_against_gold, read_gold

if (GOLD / "rounds.csv").exists() and (GOLD / "slogans_gold.csv").exists():
    gold = read_gold(GOLD / "slogans_gold.csv")
    rounds = pd.read_csv(GOLD / "rounds.csv")
    rounds = rounds[rounds["doc_id"].isin(set(gold["doc_id"]))]  # rounds already annotated
    held_out = rounds.loc[rounds["round"] == rounds["round"].max(), "doc_id"].tolist()  # the latest of them
    annotated = load_all().subset(held_out)
    accuracy = evaluate_against_gold(find_slogans(annotated), gold, texts=annotated, doc_ids=held_out)
    display(accuracy.round(3))  # noqa: F821

# %% [markdown]
# ## Reading the spans: one formulation in context

# %%
kwic(data.provincial, "新质生产力", window=15).head(10)

# %%
if corpus_path is not None:
    own = read_corpus(corpus_path)
    spans = find_slogans(own)
    display(count_slogans(own, spans=spans))  # noqa: F821
    display(spans.head(20))  # noqa: F821
