"""Draw the reports of the later annotation rounds (results in ``rounds.csv`` and docs/validation.md).

Seeded draws among the reports not annotated before, from national reports of 1978 on and
provincial 2025 reports. Round 1 was chosen by hand before any tuning.

* Round 2 (seed 20261125): two national and three provincial reports; the first of each
  draw were held out, the others (national 2003, Ningxia) used for tuning.
* Rounds 3–15 (seeds in :data:`LATER_ROUNDS`): one national and two provincial reports, all
  held out, each drawn after the round before was scored and tuned on.
* Round 16 on (seeds in :data:`NATIONAL_ROUNDS`): three national reports, as every provincial
  report had been annotated by then. Rounds 18 and 20 test the rules and model of rounds 17 and 19 again.
* Round 21 (:data:`LAST_ROUND`): every national report of 1978 on not annotated before, five
  in all; nothing is left to draw from.
* Round 22 (:data:`EARLY_ROUND`): every national report before 1978, nine in all, annotated
  for parallel runs only.

``tests/test_gold_rounds.py`` checks that ``rounds.csv`` holds what this script draws.

    .venv/bin/python tests/gold/draw_held_out.py
"""

import random

from tifa.corpus import read_corpus
from tifa.paths import NATIONAL_CORPUS, PROVINCIAL_CORPUS

#: Annotated before the first draw: round 1 and the first two tuning reports.
ANNOTATED_FIRST = {
    "cn-national-gwr-1994", "cn-national-gwr-2016", "cn-zhejiang-gwr-2025",
    "cn-national-gwr-2019", "cn-guangdong-gwr-2025",
}
ROUND_2_SEED = 20261125
LATER_ROUNDS = {3: 20261127, 4: 20261128, 5: 20261129, 6: 20261130, 7: 20261131, 8: 20261201, 9: 20261202, 10: 20261203, 11: 20261204, 12: 20261205, 13: 20261206, 14: 20261207, 15: 20261208}
NATIONAL_ROUNDS = {16: 20261209, 17: 20261210, 18: 20261211, 19: 20261212, 20: 20261213}
LAST_ROUND = 21
EARLY_ROUND = 22


def draw() -> tuple[dict[int, list[str]], list[str]]:
    """The held-out reports of rounds 2–22, and the tuning reports drawn with round 2."""
    national_docs = list(read_corpus(NATIONAL_CORPUS))
    national_ids = [d.doc_id for d in national_docs if int(d.docvars["year"]) >= 1978]
    provincial_ids = [d.doc_id for d in read_corpus(PROVINCIAL_CORPUS)]

    def candidates(annotated: set[str]) -> tuple[list[str], list[str]]:
        return [d for d in national_ids if d not in annotated], [d for d in provincial_ids if d not in annotated]

    national, provincial = candidates(ANNOTATED_FIRST)
    rng = random.Random(ROUND_2_SEED)
    drawn_national, drawn_provincial = rng.sample(national, 2), rng.sample(provincial, 3)
    rounds = {2: drawn_national[:1] + drawn_provincial[:2]}
    tuning = drawn_national[1:] + drawn_provincial[2:]
    annotated = ANNOTATED_FIRST | set(drawn_national) | set(drawn_provincial)
    for number, seed in LATER_ROUNDS.items():
        national, provincial = candidates(annotated)
        rng = random.Random(seed)
        rounds[number] = rng.sample(national, 1) + rng.sample(provincial, 2)
        annotated |= set(rounds[number])
    for number, seed in NATIONAL_ROUNDS.items():
        national, _ = candidates(annotated)
        rounds[number] = random.Random(seed).sample(national, 3)
        annotated |= set(rounds[number])
    rounds[LAST_ROUND] = candidates(annotated)[0]
    rounds[EARLY_ROUND] = [d.doc_id for d in national_docs if int(d.docvars["year"]) < 1978]
    return rounds, tuning


if __name__ == "__main__":
    held_out, tuning = draw()
    for number, doc_ids in held_out.items():
        print(f"round {number} held out:", doc_ids)
    print("round 2 tuning:  ", tuning)
