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
# # 03 · How many quantified commitments do reports make?
#
# **Question.** How dense are numeric targets (commitments about the future) compared with
# reported achievements, across years of national reports and across regions in 2025, and
# what growth target did each national report announce?
#
# Every number is a span with its cue (`cue` column): read any of them in context.

# %% tags=["parameters"]
# a folder or JSON Lines file of your own; None = the shipped corpora
corpus_path = None

# %%
from tifa.corpus import read_corpus
from tifa.figures import (
    StudyData,
    headline_targets,
    headline_targets_figure,
    target_density_by_region,
    target_density_figure,
)
from tifa.targets import find_targets, rate_targets

data = StudyData.load()

# %% [markdown]
# ## Headline growth targets of the national reports

# %%
headline_targets(data)

# %%
headline_targets_figure(data)

# %% [markdown]
# ## Target density by region (2025 provincial reports)

# %%
target_density_by_region(data)

# %%
target_density_figure(data)

# %% [markdown]
# ## Auditing: the targets of one report, with their cues

# %%
spans = data.targets
spans[(spans["doc_id"] == "cn-zhejiang-gwr-2025") & (spans["kind"] == "target")][
    ["start", "end", "text", "value", "unit", "bound", "indicator", "cue", "section"]
].head(15)

# %%
if corpus_path is not None:
    own = read_corpus(corpus_path)
    display(rate_targets(find_targets(own), own))  # noqa: F821
