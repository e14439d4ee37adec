"""Draw the reports of the later annotation rounds (each run once; results in docs/validation.md).

Seeded draws among the reports not annotated before, from national reports of 1978 on and
provincial 2025 reports.

* Round 2 (seed 20261125): two national and three provincial reports; the first of each
  draw were held out, the others used for tuning.
* Round 3 (seed 20261127): one national and two provincial reports, all held out.
* Round 4 (seed 20261128): the same, drawn after round 3 was scored and tuned on.
* Round 5 (seed 20261129): the same, drawn after round 4 was scored and tuned on.
* Round 6 (seed 20261130): the same, drawn when round 5 was scored.
* Round 7 (seed 20261131): the same, drawn after round 6 was scored and tuned on.
* Round 8 (seed 20261201): the same, drawn after round 7 was scored and tuned on.
* Round 9 (seed 20261202): the same, drawn after round 8 was scored and tuned on.

    .venv/bin/python tests/gold/draw_held_out.py
"""

import random

from tifa.corpus import read_corpus
from tifa.paths import NATIONAL_CORPUS, PROVINCIAL_CORPUS

ROUND_1 = {
    "cn-national-gwr-1994", "cn-national-gwr-2016", "cn-zhejiang-gwr-2025",
    "cn-national-gwr-2019", "cn-guangdong-gwr-2025",
}


def candidates(annotated: set[str]) -> tuple[list[str], list[str]]:
    national = [d.doc_id for d in read_corpus(NATIONAL_CORPUS) if d.doc_id not in annotated and int(d.docvars["year"]) >= 1978]
    provincial = [d.doc_id for d in read_corpus(PROVINCIAL_CORPUS) if d.doc_id not in annotated]
    return national, provincial


national, provincial = candidates(ROUND_1)
rng = random.Random(20261125)
drawn_national, drawn_provincial = rng.sample(national, 2), rng.sample(provincial, 3)
print("round 2 held out:", drawn_national[:1] + drawn_provincial[:2])
print("round 2 tuning:  ", drawn_national[1:] + drawn_provincial[2:])

annotated = ROUND_1 | set(drawn_national) | set(drawn_provincial)
national, provincial = candidates(annotated)
rng = random.Random(20261127)
round_3 = rng.sample(national, 1) + rng.sample(provincial, 2)
print("round 3 held out:", round_3)

national, provincial = candidates(annotated | set(round_3))
rng = random.Random(20261128)
round_4 = rng.sample(national, 1) + rng.sample(provincial, 2)
print("round 4 held out:", round_4)

national, provincial = candidates(annotated | set(round_3) | set(round_4))
rng = random.Random(20261129)
round_5 = rng.sample(national, 1) + rng.sample(provincial, 2)
print("round 5 held out:", round_5)

national, provincial = candidates(annotated | set(round_3) | set(round_4) | set(round_5))
rng = random.Random(20261130)
round_6 = rng.sample(national, 1) + rng.sample(provincial, 2)
print("round 6 held out:", round_6)

national, provincial = candidates(annotated | set(round_3) | set(round_4) | set(round_5) | set(round_6))
rng = random.Random(20261131)
round_7 = rng.sample(national, 1) + rng.sample(provincial, 2)
print("round 7 held out:", round_7)

national, provincial = candidates(annotated | set(round_3) | set(round_4) | set(round_5) | set(round_6) | set(round_7))
rng = random.Random(20261201)
round_8 = rng.sample(national, 1) + rng.sample(provincial, 2)
print("round 8 held out:", round_8)

earlier = annotated | set(round_3) | set(round_4) | set(round_5) | set(round_6) | set(round_7) | set(round_8)
national, provincial = candidates(earlier)
rng = random.Random(20261202)
print("round 9 held out:", rng.sample(national, 1) + rng.sample(provincial, 2))
