"""Draw the second set of annotated reports (run once; the result is recorded in docs/validation.md).

Seeded draw among the reports not annotated before: two national reports from 1978 on and
three provincial 2025 reports. The first of each draw joins the held-out documents; the
others are tuning documents.

    .venv/bin/python tests/gold/draw_second_held_out.py
"""

import random

from tifa.corpus import read_corpus
from tifa.paths import NATIONAL_CORPUS, PROVINCIAL_CORPUS

ANNOTATED = {
    "cn-national-gwr-1994", "cn-national-gwr-2016", "cn-zhejiang-gwr-2025",
    "cn-national-gwr-2019", "cn-guangdong-gwr-2025",
}
national = [d.doc_id for d in read_corpus(NATIONAL_CORPUS) if d.doc_id not in ANNOTATED and int(d.docvars["year"]) >= 1978]
provincial = [d.doc_id for d in read_corpus(PROVINCIAL_CORPUS) if d.doc_id not in ANNOTATED]
rng = random.Random(20261125)
drawn_national, drawn_provincial = rng.sample(national, 2), rng.sample(provincial, 3)
print("held out:", drawn_national[:1] + drawn_provincial[:2])
print("tuning:  ", drawn_national[1:] + drawn_provincial[2:])
