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
# # 01 · What is in the corpus, and what did ingestion do to it?
#
# **Question.** Which documents do we study, how long are they, and how much of each
# source file was markup, boilerplate, spacing damage or mojibake rather than text?
#
# Every number below traces back to spans: `doc.cleaning` lists each removal with its raw
# offsets, and `doc.to_raw(start, end)` maps any span of the normalized text back to the file.

# %% tags=["parameters"]
# a folder or JSON Lines file of your own; None = the shipped corpora
corpus_path = None

# %%
from tifa.corpus import read_corpus
from tifa.figures import StudyData, corpus_profile, ingest_quality_seeds

data = StudyData.load()
profile = corpus_profile(data)
profile.groupby("corpus").agg(documents=("doc_id", "size"), characters=("counted_chars", "sum"))

# %% [markdown]
# ## The five seeds: what cleaning removed and repaired

# %%
ingest_quality_seeds(data)

# %% [markdown]
# Seed 001 is in traditional script with byte-shifted GBK runs; the repair is recorded span by span:

# %%
seed = data.seeds["001_ab862bf384cb27d5"]
seed.cleaning[seed.cleaning["step"] == "mojibake"][["raw_start", "raw_end", "removed", "replacement"]].head(10)

# %%
start = seed.text.index("依托县域医共体")
print(seed.context(start, start + 7), "←", repr(seed.raw[slice(*seed.to_raw(start, start + 7))]))

# %% [markdown]
# ## Your own documents
# Set `corpus_path` (papermill: `-p corpus_path my_folder/`) to profile your corpus the same way.

# %%
if corpus_path is not None:
    own = read_corpus(corpus_path)
    display(own.quality_report())  # noqa: F821 - IPython built-in
    print(own.failures)
