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
# # 06 · Classroom: worked answers
# The answers to the five exercises of `06_classroom`, computed, so they stay true when the
# library improves. Discussion points for the instructor follow each answer.

# %% tags=["parameters"]
# the class works on the shipped seeds; change to a folder of your own texts
corpus_path = None

# %%
from tifa.corpus import read_corpus
from tifa.datasets import load_seeds
from tifa.formulas import find_formulas
from tifa.kwic import kwic
from tifa.slogans import find_slogans
from tifa.targets import find_targets

corpus = read_corpus(corpus_path) if corpus_path else load_seeds()
speech = corpus["004_887235e958cf192e"]
single = corpus.subset([speech.doc_id])

# %% [markdown]
# ## 1 · Formulations or quotations

# %%
slogans = find_slogans(single)
quoted = slogans[slogans["quoted"]]
print(quoted["kind"].value_counts().to_string())
quoted[quoted["kind"] == "quotation"][["text", "start"]].head(5)

# %% [markdown]
# *Discussion:* “交卷会”, “誓师会” are figurative labels for this very meeting, not formulations
# that travel; “五个聚焦” and “三个超常规” are the speech's own numbered formulas.

# %% [markdown]
# ## 2 · Commitments and results

# %%
targets = find_targets(single)
commitments = targets[targets["kind"].isin(["target", "masked_target"])]
masked = commitments[commitments["kind"] == "masked_target"]
print(f"{len(commitments)} targets, {len(masked)} masked ({len(masked) / len(commitments):.0%})")
commitments[["text", "kind", "cue", "bound"]].head(12)

# %% [markdown]
# ## 3 · Announced structures

# %%
formulas = find_formulas(single)
formulas[formulas["kind"] == "announced_structure"][["text", "announced", "n_items"]]

# %% [markdown]
# *Discussion:* the speech announces three parts but the paywall cuts it after the second:
# announced and found counts disagree for a reason outside the speech.

# %% [markdown]
# ## 4 · One formulation across documents

# %%
kwic(corpus, "高质量发展", window=12)[["doc_id", "left", "match", "right"]]

# %% [markdown]
# ## 5 · Audit a number

# %%
first = masked.iloc[0]
raw_start, raw_end = speech.to_raw(int(first.start), int(first.end))
print(speech.context(int(first.start), int(first.end)), "→ raw:", repr(speech.raw[raw_start - 10 : raw_end + 5]))

# %% [markdown]
# *Discussion:* the normalized text makes counting possible (one script, one set of
# punctuation), the raw text makes every count checkable against the source.
