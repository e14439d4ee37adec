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
# # 06 · Classroom: reading official speech with tifa (90 minutes)
#
# Five exercises on two real texts: seed **004**, a template speech of a 市委书记 at a 2025
# three-level cadre meeting (numbers and places masked with `*`), and seed **002**, a
# district head's speech to a government party-group meeting (2022). Each exercise has a
# question, a hint and an empty cell; the worked answers are in `06_classroom_answers`.
#
# | time | part |
# |---|---|
# | 0–10 | set-up, what a 提法 is |
# | 10–30 | exercise 1: quoted formulations vs quotations |
# | 30–50 | exercise 2: targets, masked targets and results |
# | 50–65 | exercise 3: announced structures |
# | 65–80 | exercise 4: one formulation in context across the corpus |
# | 80–90 | exercise 5: auditing a number back to the source |

# %% tags=["parameters"]
# the class works on the shipped seeds; change to a folder of your own texts
corpus_path = None

# %%
from tifa.corpus import read_corpus
from tifa.datasets import load_seeds

corpus = read_corpus(corpus_path) if corpus_path else load_seeds()
speech = corpus["004_887235e958cf192e"] if corpus_path is None else corpus[0]
print(speech.text[:400])

# %% [markdown]
# ## Exercise 1 · Formulations or quotations?
# Speeches put many things in quotation marks: fixed formulations (“五个聚焦”), campaign names,
# and figurative phrases or sayings (“交卷会”). **Question:** how many quoted items of seed 004
# does tifa classify as formulations (numbered formulas, slogans, programmes, terms) and how
# many as quotations? Read five of the quotations: do you agree?
#
# *Hint:* `from tifa.slogans import find_slogans`; the `kind` and `quoted` columns.

# %%
# your code here

# %% [markdown]
# ## Exercise 2 · Commitments and results
# **Question:** how many numeric targets does seed 004 set, how many of them are masked
# (`*`), and what share of its targets is that? Which cue words made tifa call them targets?
#
# *Hint:* `from tifa.targets import find_targets`; `kind`, `cue`.

# %%
# your code here

# %% [markdown]
# ## Exercise 3 · “我讲三句话”
# **Question:** what structures does the speaker announce, and are as many items delivered as
# announced? (The text is cut off by the site's paywall: what does that do to the count?)
#
# *Hint:* `from tifa.formulas import find_formulas`; rows of kind `announced_structure`.

# %%
# your code here

# %% [markdown]
# ## Exercise 4 · One formulation across documents
# **Question:** in which seeds does “高质量发展” occur, and in what company? Compare its
# context in the 2022 district speech (002) and the 2025 template (004).
#
# *Hint:* `from tifa.kwic import kwic`.

# %%
# your code here

# %% [markdown]
# ## Exercise 5 · Audit a number
# **Question:** take the first masked target of exercise 2 and show the raw characters of the
# source file it came from. Why does tifa keep both the raw text and the normalized text?
#
# *Hint:* `speech.to_raw(start, end)` and `speech.raw`.

# %%
# your code here
