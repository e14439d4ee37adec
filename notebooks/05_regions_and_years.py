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
# # 05 · Do regions and years speak differently?
#
# **Question.** Do the 2025 provincial reports use different words from the national
# reports of the 2010s, and has the density of numeric targets in national reports changed
# over seven decades? Documents, not characters, are the sampling unit: intervals come from a
# document bootstrap and trends from a negative-binomial regression with length as exposure.

# %% tags=["parameters"]
# a folder or JSON Lines file of your own; None = the shipped corpora
corpus_path = None
# the docvar to compare groups by, for your own corpus
group_column = "region"

# %%
from tifa.corpus import read_corpus
from tifa.figures import (
    StudyData,
    keyness_figure,
    keyness_provincial_vs_national,
    target_density_by_region,
    target_trend,
    wordcloud_figure,
)
from tifa.stats import compare_rates, rate_groups
from tifa.targets import find_targets, rate_targets

data = StudyData.load()

# %% [markdown]
# ## Key words: provincial 2025 against national 2010–2019
# Signed G² (positive: key to the provincial reports), with χ², log ratio, %DIFF and a BIC
# Bayes factor for each word.

# %%
keyness_provincial_vs_national(data).head(20)

# %%
keyness_figure(data)

# %% [markdown]
# ## Target density over the years (national reports)

# %%
target_trend(data)

# %% [markdown]
# ## Target density by region, 2025, and the rate ratios between regions

# %%
target_density_by_region(data)

# %%
spans = data.targets[data.targets["doc_id"].isin(data.provincial.doc_ids)]
per_doc = rate_targets(spans, data.provincial).rename(columns={"n_targets": "count"})
compare_rates(per_doc, by="region", count="count", characters="characters", seed=1)

# %%
wordcloud_figure(data)

# %%
if corpus_path is not None:
    own = read_corpus(corpus_path)
    own_rates = rate_targets(find_targets(own), own).rename(columns={"n_targets": "count"})
    display(rate_groups(own_rates, by=group_column, count="count", characters="characters", seed=1))  # noqa: F821
