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
# # 04 · How formulaic is official speech?
#
# **Question.** How much of each text is built from announced structures (我讲三句话),
# enumerations (一是…二是…), parallel runs (排比) and set patterns (抓实抓好, X论英雄),
# and which passages travel between documents?

# %% tags=["parameters"]
# a folder or JSON Lines file of your own; None = the shipped corpora
corpus_path = None

# %%
from tifa.corpus import read_corpus
from tifa.figures import StudyData, formula_composition_figure, formulaicity, reuse_pairs
from tifa.formulas import find_formulas, rate_formulaicity

data = StudyData.load()
table = formulaicity(data)
table[table["doc_id"].isin(data.seeds.doc_ids)]

# %%
formula_composition_figure(data)

# %% [markdown]
# ## Announced structures: does the speaker deliver what was announced?

# %%
spans = data.formulas
spans[spans["kind"] == "announced_structure"][["doc_id", "text", "announced", "n_items"]].head(20)

# %% [markdown]
# ## How far to trust these counts
#
# Parallel runs against hand annotation made blind to the extractors (`tests/gold/`), on the
# latest reports no rule was tuned on (`docs/validation.md` has every round and the other
# layers). The runs tifa reports are mostly runs an annotator marks too; it misses a quarter
# to a third of the annotated ones, so counts of parallel runs are lower bounds.

# %%
import pandas as pd

from tifa.datasets import load_all
from tifa.formulas import evaluate_against_gold
from tifa.paths import GOLD

if (GOLD / "rounds.csv").exists() and (GOLD / "formulas_gold.csv").exists():
    gold = pd.read_csv(GOLD / "formulas_gold.csv", dtype=str, keep_default_na=False)
    rounds = pd.read_csv(GOLD / "rounds.csv")
    rounds = rounds[rounds["doc_id"].isin(set(gold["doc_id"]))]  # rounds already annotated
    held_out = rounds.loc[rounds["round"] == rounds["round"].max(), "doc_id"].tolist()  # the latest of them
    annotated = load_all().subset(held_out)
    texts = {doc.doc_id: doc.text for doc in annotated}
    accuracy = evaluate_against_gold(
        find_formulas(annotated, kinds=["parallelism"]), gold[gold["doc_id"].isin(held_out)], texts,
        layers={doc_id: ["parallelism"] for doc_id in held_out},
    )
    display(accuracy.round(3))  # noqa: F821

# %% [markdown]
# ## Passages shared between documents

# %%
reuse_pairs(data).head(20)

# %%
if corpus_path is not None:
    own = read_corpus(corpus_path)
    display(rate_formulaicity(own, find_formulas(own)))  # noqa: F821
