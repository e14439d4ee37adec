"""Shared fixtures: the shipped corpora, read once per test session."""

from __future__ import annotations

import matplotlib
from hypothesis import settings

matplotlib.use("Agg")

# Property tests draw the same examples on every machine, so a run on a fresh clone tests what
# a local run tested; when changing a parser, search further with random examples:
#     .venv/bin/python -m pytest tests/test_numbers.py --hypothesis-profile=default
settings.register_profile("tifa", derandomize=True, database=None)
settings.load_profile("tifa")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from tifa.datasets import load_national, load_provincial, load_seeds  # noqa: E402


@pytest.fixture(scope="session")
def seeds():
    """The five seeds with their manifest."""
    return load_seeds()


@pytest.fixture(scope="session")
def national():
    """The 47 national government work reports."""
    return load_national()


@pytest.fixture(scope="session")
def provincial():
    """The 31 provincial government work reports of 2025."""
    return load_provincial()


@pytest.fixture(autouse=True)
def close_figures():
    """Close every matplotlib figure a test opened."""
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def held_out_rounds():
    """``{round: (doc_id, …)}`` of the held-out annotation rounds (``tests/gold/rounds.csv``);
    the highest round is the one no rule has been tuned on."""
    import pandas as pd

    from tifa.paths import GOLD

    rounds = pd.read_csv(GOLD / "rounds.csv")
    return {int(n): tuple(group["doc_id"]) for n, group in rounds.groupby("round")}


#: Rounds that test again, unchanged, the rules and model of an earlier round; the bar is judged on
#: them together (docs/validation.md, "Round 18 confirms round 17", "Round 20 confirms round 19",
#: "Round 22: the reports before 1978").
CONFIRMS = {18: 17, 20: 19, 22: 21}
#: Rounds annotated for parallel runs only; the slogans bar is judged on the other rounds.
PARALLEL_ONLY = frozenset({22})


@pytest.fixture(scope="session")
def parallel_only_rounds():
    """The rounds annotated for parallel runs only (:data:`PARALLEL_ONLY`)."""
    return PARALLEL_ONLY


@pytest.fixture(scope="session")
def judged_rounds(held_out_rounds):
    """The rounds the bars are judged on: the latest, and the round it confirms when it is a
    confirmation round (:data:`CONFIRMS`)."""
    latest = max(held_out_rounds)
    return [CONFIRMS[latest], latest] if latest in CONFIRMS else [latest]


@pytest.fixture(scope="session")
def judged_documents(held_out_rounds, judged_rounds):
    """The held-out reports of :func:`judged_rounds`, round by round."""
    return tuple(d for number in judged_rounds for d in held_out_rounds[number])
