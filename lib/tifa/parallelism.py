"""Parallelism (排比): runs of units that share an opening, an ending or a frame.

The units are sentences and clauses (:data:`RE_CLAUSE`: quoted and bracketed stretches
are never split), the leads of paragraphs, the headings of list items and the members
of word-level series (``科学化、精细化、智能化``; ``保重点，保竣工，保投产``;
``共商共建共享``). Every family of runs is found, at least :data:`PARALLEL_MIN_RUN`
units long, and one run is kept per stretch (the coarser level, then the one with more
units); word-level series and runs of sentence leads are added after. Plain lists of
concrete or named things, counts and target lists are left out, as the annotation rules
do. :func:`parallel_similarity` measures two units against :data:`PARALLEL_MIN_SHARED`;
the span table is :func:`tifa.formulas.find_parallelism`.

>>> parallel_similarity("强化危机感", "强化紧迫感")
(2, 1, 0)
>>> text = "要强化责任感，强化紧迫感，强化危机感。"
>>> [(run.level, run.shared, [text[a:b] for a, b in run.units]) for run in _parallel_runs(text)]
[('clause', '强化…感', ['要强化责任感', '强化紧迫感', '强化危机感'])]
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from tifa.enumerations import HAN, NUMERAL, RE_HAN_CHAR, _List, _strip_end
from tifa.set_patterns import RE_TWO_HAN, _opens_words, _word_frequency

__all__ = ["PARALLEL_MIN_SHARED", "RE_CLAUSE", "parallel_similarity"]

# ---------------------------------------------------------------------------
# parallelism
# ---------------------------------------------------------------------------
#: Quoted and bracketed stretches are never split into units.
RE_CLAUSE = re.compile(r"(?:“[^“”\n]{0,80}”|（[^（）\n]{0,60}）|[^，；。！？：\n“（]+|[“（])+")
#: Minimum number of shared characters (opening + ending) for two consecutive
#: units to be parallel. An opening of one character is enough when it is one of
#: :data:`ANAPHORA` and the two units also share an inner stretch of at least
#: :data:`PARALLEL_MIN_INNER` characters (``要…以更加务实的举措…``), or when the
#: run has at least four units (``要…，要…，要…，要…``).
PARALLEL_MIN_SHARED = 2
PARALLEL_MIN_INNER = 4
#: Units of a run that shares only an ending differ in length by at most this factor.
ENDING_MAX_RATIO = 2.5
#: Runs need at least this many units.
PARALLEL_MIN_RUN = 3
#: One-character openings that carry a parallel run of four units, or of three
#: units with a shared inner frame.
ANAPHORA = frozenset("要把以让同在用向从对为不更既又使靠抓促推强保建重严优做敢善勇真是才各有")
#: One-character openings strong enough for a run of three (要…，要…，要…; 同主要大国…，
#: 同周边国家…，同发展中国家…; 是…，是…，也是…; 有…，有…，有…; 不搞…，不参加…，不谋求…;
#: 使…，使…，使…): verbs of obligation, prepositions, the copula and 有, 才, 各, the
#: negation 不 and the causative 使.
STRONG_ANAPHORA = frozenset("要把让同在以有对从向用为是才各使不")
#: Connectives stripped before a second comparison of openings (要强化…，强化…); longer
#: words stand before their prefixes (更要 before 要).
LEADING_WORDS = ("同时", "进一步", "更要", "还要", "也要", "必须", "要", "并", "还", "也", "又", "都")
#: Adverbs also stripped before comparing the openings of clauses (适当提高…，提高…，提高…;
#: 深入贯彻…，坚决贯彻…).
LEADING_ADVERBS = (
    "适当", "切实", "认真", "积极", "稳步", "不断", "着力", "继续",
    "全面", "深入", "坚决", "大力", "加快", "扎实", "持续", "协同", "高水平",
)
RE_LEADING = re.compile(f"^(?:{'|'.join(LEADING_WORDS)})")
RE_CLAUSE_LEADING = re.compile(f"^(?:{'|'.join(LEADING_WORDS + LEADING_ADVERBS)})")
#: Connectives set off by a comma before a sentence of a run (同时，要…).
RE_PREPOSED = re.compile("^(?:同时|与此同时|此外|另外|特别是|尤其是|当前|今年|为此)，")
_PREPOSED_FIRST = frozenset("同与此另特尤当今为")
#: Units shorter than this (characters) are not compared.
MIN_UNIT = 3
_STRIP_OPEN = "“‘（"


def _common_prefix(a: str, b: str) -> int:
    if not a or not b or a[0] != b[0]:
        return 0
    n = min(len(a), len(b))
    i = 1
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str) -> int:
    if not a or not b or a[-1] != b[-1]:
        return 0
    n = min(len(a), len(b))
    i = 1
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


def _shared_opening(strings: Sequence[str]) -> str:
    """The opening every string shares (``""`` when none): 强化危机感, 强化紧迫感 → 强化."""
    opening = strings[0] if strings else ""
    for x in strings[1:]:
        opening = opening[: _common_prefix(opening, x)]
    return opening


def _shared_ending(strings: Sequence[str]) -> str:
    """The ending every string shares (``""`` when none): 责任意识, 规矩意识 → 意识."""
    ending = strings[0] if strings else ""
    for x in strings[1:]:
        k = _common_suffix(ending, x)
        ending = ending[len(ending) - k :] if k else ""
    return ending


def _grams(s: str, k: int = PARALLEL_MIN_INNER) -> set[str]:
    return {s[i : i + k] for i in range(1, len(s) - k + 1) if "“" not in s[i : i + k] and "”" not in s[i : i + k]}


def parallel_similarity(a: str, b: str) -> tuple[int, int, int]:
    """Shared opening, ending and inner stretch (in characters) of two units.

    Two units are parallel when ``opening + ending >= PARALLEL_MIN_SHARED``, or
    when they share a one-character opening from :data:`ANAPHORA` and an inner
    stretch of at least :data:`PARALLEL_MIN_INNER` characters.

    >>> parallel_similarity("强化危机感", "强化紧迫感")
    (2, 1, 0)
    >>> parallel_similarity("要严守耕地红线，以更加务实的举措确保粮食安全", "要注重特色化布局，以更加务实的举措打造现代农业")
    (1, 0, 9)
    """
    p = _common_prefix(a, b)
    s = _common_suffix(a, b) if p < min(len(a), len(b)) else 0
    inner = 0
    if p >= 1 and len(a) > PARALLEL_MIN_INNER + 1 and len(b) > PARALLEL_MIN_INNER + 1:
        shared = _grams(a) & _grams(b)
        if shared:
            inner = _longest_shared(a, b, shared)
    return p, s, inner


def _longest_shared(a: str, b: str, seeds: set[str]) -> int:
    best = 0
    for g in seeds:
        i = a.find(g, 1)
        while i > 0:
            j = b.find(g, 1)
            while j > 0:
                k = PARALLEL_MIN_INNER
                while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                    k += 1
                best = max(best, k)
                j = b.find(g, j + 1)
            i = a.find(g, i + 1)
    return best


@dataclass
class _Run:
    level: str
    units: list[tuple[int, int]]
    shared: str
    mode: str
    score: int


def _units(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def _opening_runs(units: list[tuple[int, int, str]], strings: list[str], connected: list[bool]) -> list[_Run]:
    runs: list[_Run] = []
    n = len(units)
    level = ""
    next_free = 0
    pairs = zip(connected[: n - 2], strings[: n - 2], strings[1 : n - 1], strict=True)
    candidates = [i for i, (c, a, b) in enumerate(pairs) if c and a[:1] == b[:1] and len(a) >= MIN_UNIT]
    for i in candidates:
        if i < next_free:
            continue
        a = strings[i]
        opening = a
        j = i + 1
        inner_set: set[str] | None = None
        while j < n and connected[j - 1] and len(strings[j]) >= MIN_UNIT:
            p = _common_prefix(opening, strings[j])
            if p >= PARALLEL_MIN_SHARED:
                opening = opening[:p]
                j += 1
                continue
            if p == 1 and (len(opening) == 1 or j == i + 1) and opening[0] in ANAPHORA:
                opening = opening[:1]
                j += 1
                continue
            if (
                j > i + 1 and j + 1 < n and connected[j] and len(strings[j + 1]) >= MIN_UNIT
                and _common_prefix(strings[j - 1][len(opening) :], strings[j]) >= PARALLEL_MIN_SHARED
                and _common_prefix(opening, strings[j + 1]) == len(opening)
            ):
                # a member that elides the opening but keeps the previous member's verb
                # (要强攻…；强攻…；要把…) does not break the run
                j += 1
                continue
            break
        count = j - i
        if count >= PARALLEL_MIN_RUN:
            shared = opening
            mode = "opening"
            ok = len(opening) >= PARALLEL_MIN_SHARED
            if not ok:
                # one-character anaphora: needs a longer run or a shared inner frame
                inner_set = None
                for s in strings[i:j]:
                    g = _grams(s)
                    inner_set = g if inner_set is None else inner_set & g
                    if not inner_set:
                        break
                if inner_set:
                    inner = max(inner_set)
                    # grow the inner stretch as far as every unit agrees
                    inner = _grow_inner(strings[i:j], inner)
                    shared, mode, ok = f"{opening}…{inner}…", "frame", True
                elif count >= PARALLEL_MIN_RUN + 1 or opening in STRONG_ANAPHORA:
                    shared, ok = opening, True
            if ok:
                ending = strings[i]
                for s in strings[i + 1 : j]:
                    ending = ending[len(ending) - _common_suffix(ending, s) :] if _common_suffix(ending, s) else ""
                if ending and mode == "opening" and len(ending) < len(strings[i]) - len(opening):
                    shared = f"{opening}…{ending}"
                elif mode == "opening":
                    shared = f"{opening}…"
                runs.append(_Run(level, [(units[k][0], units[k][1]) for k in range(i, j)], shared, mode, count))
                next_free = j
    return runs


def _connected(text: str, units: list[tuple[int, int, str]], breaks: str) -> list[bool]:
    """Whether each unit and the next are separated by one or two delimiters, none in ``breaks``."""
    out = []
    append = out.append
    for k in range(len(units) - 1):
        e0 = units[k][1]
        gap = units[k + 1][0] - e0
        if gap == 1:
            append(text[e0] not in breaks)
        elif gap == 2:
            append(text[e0] not in breaks and text[e0 + 1] not in breaks)
        else:
            append(False)
    return out


def _sentences_from_clauses(text: str, clauses: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join clauses separated by ``，`` or ``：`` into sentences (split at ``；。！？`` and line breaks)."""
    out = []
    start = None
    for k, (s, e, _u) in enumerate(clauses):
        if start is None:
            start = s
        nxt = clauses[k + 1][0] if k + 1 < len(clauses) else -1
        if nxt == e + 1 and text[e] in "，：":
            continue
        out.append((start, e, text[start:e]))
        start = None
    return out


#: First characters of the words :data:`RE_CLAUSE_LEADING` strips: units opening otherwise keep their text.
_LEADING_FIRST = frozenset(word[0] for word in LEADING_WORDS + LEADING_ADVERBS)


def _extend_back(
    run: _Run, units: list[tuple[int, int, str]], starts: list[int], strings: list[str], connected: list[bool]
) -> None:
    """Let a run of units that share an opening begin in the unit before it when that unit
    holds the opening behind a short subject or connective, or right after a comma or colon:
    否则就不能坚持…，不能促进…，不能扫除… starts at the first 不能; 需要把握以下原则：坚持稳中求进，…；
    坚持好字优先，…；坚持改革开放，… at the first 坚持."""
    opening = run.shared.split("…", 1)[0]
    first = bisect.bisect_right(starts, run.units[0][0]) - 1  # the unit that holds the run's start
    if first <= 0 or not connected[first - 1] or not opening:
        return
    before = strings[first - 1]
    if len(opening) < PARALLEL_MIN_SHARED:
        # a one-character anaphora behind a short adverbial (更好地为…服务，为…服务，为…服务)
        if opening not in ANAPHORA or not RE_ADVERBIAL.fullmatch(before[: before.find(opening)] if opening in before else ""):
            return
    cut = before.find(opening)
    # behind a short subject, or after the comma that ends an introductory clause
    # (要根据…的需要，发挥我国资源丰富的优势，…；发挥我国…的优势，…) or the colon that announces the run
    if cut >= 1 and (RE_SUBJECT_SHORT.fullmatch(before, 0, cut) or before[cut - 1] in "，：") and len(before) - cut >= MIN_UNIT:
        run.units.insert(0, (units[first - 1][0] + cut, units[first - 1][1]))
        run.score += 1


#: A short adverbial before a one-character anaphora in :func:`_extend_back` (更好地, 同时).
RE_ADVERBIAL = re.compile(f"[{HAN}]{{1,3}}地|同时|并且|还要|也要|更要")
#: The short subject or connective before an opening in :func:`_extend_back`.
RE_SUBJECT_SHORT = re.compile(f"[{HAN}]{{1,8}}")


def _runs_at_level(text: str, units: list[tuple[int, int, str]], level: str) -> list[_Run]:
    runs: list[_Run] = []
    n = len(units)
    if n < PARALLEL_MIN_RUN:
        return runs
    # consecutive: the gap between two units is one delimiter, not a line
    # break; clauses of a run also stay inside one sentence
    connected = _connected(text, units, "\n。！？" if level == "clause" else "\n")
    strings = [u[2] for u in units]
    stripped = [RE_CLAUSE_LEADING.sub("", u, count=1) if u[:1] in _LEADING_FIRST else u for u in strings]
    compared = strings
    if level == "sentence":
        # a connective set off by a comma before a member is set aside (要…。要…。同时，要…。)
        compared = [RE_PREPOSED.sub("", u, count=1) if u[:1] in _PREPOSED_FIRST else u for u in strings]
    for variant in (compared, stripped):
        runs.extend(_opening_runs(units, variant, connected))
    starts = [u[0] for u in units]
    for run in runs:
        run.level = level
        _extend_back(run, units, starts, strings, connected)
    # endings: only where a unit ends as the next one does (one pass in C over the units)
    next_free = 0
    pairs = zip(connected[: n - 2], strings[: n - 2], strings[1 : n - 1], strict=True)
    for i in [k for k, (c, a, b) in enumerate(pairs) if c and a[-2:] == b[-2:] and len(a) >= MIN_UNIT]:
        if i < next_free:
            continue
        ending = strings[i]
        j = i + 1
        while j < n and connected[j - 1] and len(strings[j]) >= MIN_UNIT:
            s = _common_suffix(ending, strings[j])
            if s >= PARALLEL_MIN_SHARED and s < len(strings[j]):
                ending = ending[len(ending) - s :]
                j += 1
                continue
            break
        if j - i < PARALLEL_MIN_RUN:
            continue
        lengths = [len(x) for x in strings[i:j]]
        if RE_HAN_CHAR.search(ending) and max(lengths) <= ENDING_MAX_RATIO * min(lengths) and (
            len(ending) > PARALLEL_MIN_SHARED or _shared_pair(strings[i:j], len(ending))
        ):
            runs.append(_Run(level, [(units[k][0], units[k][1]) for k in range(i, j)], f"…{ending}", "ending", j - i))
            next_free = j
    if level == "clause":
        runs += _frame_runs(text, units, strings, connected)
    led = _subject_led_runs(units, strings, connected, level)
    changed = {k for k, (a, b) in enumerate(zip(strings, stripped, strict=True)) if a != b}
    if changed:
        # …and with connectives set aside (新的一年是…之年，是…之年，也是…之年)
        taken = [(r.units[0][0], r.units[-1][1]) for r in led]
        led += [r for r in _subject_led_runs(units, stripped, connected, level, changed) if _free(taken, r.units)]
    runs += led
    return [run for run in runs if _run_holds(text, run)]


#: The subject before the shared opening of a run's first sentence (政府班子要在…；要在…；要在…;
#: 政府系统的每一名干部，要心怀…；要牢记…；要恪守…; 它包括…，包括…，包括…): Han characters,
#: maybe closed by a comma.
RE_SUBJECT = re.compile(f"[{HAN}]{{1,12}}，?")


def _subject_led_runs(
    units: list[tuple[int, int, str]], strings: list[str], connected: list[bool], level: str = "sentence",
    changed: set[int] | None = None,
) -> list[_Run]:
    """Runs of sentences or clauses whose first member puts a short subject before the
    opening the others share: two or more units in a row that open alike, with two
    characters or with one of :data:`STRONG_ANAPHORA` (要在…；要在…; 同发展中国家…，
    同发达国家…), after a unit that holds the same opening behind a subject
    (:data:`RE_SUBJECT`: 我国同周边国家…; 最根本的是坚持…，坚持…，坚持…). The first
    member starts at the opening, so the run starts where its parallel part does. With
    ``changed``, only runs whose second or third unit is one of these are looked for."""
    runs: list[_Run] = []
    n = len(strings)
    firsts = [u[:1] for u in strings]
    alike = [i for i, (b, c) in enumerate(zip(firsts[1 : n - 1], firsts[2:], strict=True)) if b == c]
    if changed is not None:
        alike = [i for i in alike if i + 1 in changed or i + 2 in changed]
    candidates = [
        i for i in alike
        if firsts[i + 1] in STRONG_ANAPHORA or _common_prefix(strings[i + 1], strings[i + 2]) >= PARALLEL_MIN_SHARED
    ]
    next_free = 0
    for i in candidates:
        a, b = strings[i + 1], strings[i + 2]
        if i < next_free or not (connected[i] and connected[i + 1]) or len(a) < MIN_UNIT or len(b) < MIN_UNIT:
            continue
        p = _common_prefix(a, b)
        # the longest shared opening the first member holds behind its subject (我国同周边国家…，
        # 同发展中国家…，同发达国家…: 同, not 同发)
        choices = [a[:k] for k in range(p, PARALLEL_MIN_SHARED - 1, -1)]  # 妨碍经济…，妨碍经济… after …妨碍我国…
        for opening in dict.fromkeys(choices + ([a[:1]] if a[:1] in STRONG_ANAPHORA else [])):
            cut = strings[i].find(opening)
            if not strings[i].startswith(opening) and cut >= 1 and RE_SUBJECT.fullmatch(strings[i], 0, cut):
                break
        else:
            continue
        j = i + 3
        while j < n and connected[j - 1] and strings[j].startswith(opening) and len(strings[j]) >= MIN_UNIT:
            j += 1
        members = [(units[i][0] + cut, units[i][1])] + [(units[k][0], units[k][1]) for k in range(i + 1, j)]
        runs.append(_Run(level, members, f"{opening}…", "opening", len(members)))
        next_free = j
    return runs


#: Function words, one of which a run of sentence leads must share (我们面对的是…, 信心来自于…).
FUNCTION_WORDS = frozenset("的之等是都要把被在对与和及同而则就也又还更最再已将于为以向从由给让使")
#: Negations that make a frame on their own in clauses of one length (困难不容低估，信心不可动摇，干劲不能松懈).
NEGATION = frozenset("不无非未没")
#: Characters that make a two-character stretch grammatical (X的重Y, X等多Y), not a shared topic word.
GRAMMATICAL = frozenset("的之等是都要把被在对与和及而则就也又还更最再已将")


def _clause_frame(strings: list[str]) -> str | None:
    """A frame shared by clauses that do not share their opening or ending.

    - four or more characters at the same position, counted from the start or
      from the end (完善国防动员体系，强化国防动员观念，提升国防动员能力;
      对一切违法违规的行为都要坚决查处，…都要坚决整治，…都要坚决追责);
    - two characters, one of them grammatical (:data:`GRAMMATICAL`), at the same
      position from the end, not at the end (…的重大举措，…的重要改革，…的重大抉择);
    - clauses of one length sharing two or more characters at the same
      positions (在促开工上下功夫，在快建设上出实招，在见成效上求突破), or a
      negation inside (困难不容低估，信心不可动摇，干劲不能松懈), or of
      nearly one length sharing two or more characters at the same positions
      from the end, before any shared ending (我们在风雨洗礼中强健体魄、壮实筋骨，
      在艰难险阻中披荆斩棘、踏平坎坷，在千帆竞渡中奋楫争先、勇立潮头).
    """
    first = strings[0]
    # positions where every clause has the same character, from the start and from the end
    same = [i for i, chars in enumerate(zip(*strings)) if chars.count(chars[0]) == len(chars)]
    n = min(len(x) for x in strings)
    for k in range(len(same) - 3):
        i = same[k]
        if i >= 1 and same[k + 3] == i + 3 and RE_HAN_RUN4.fullmatch(first, i, i + 4):
            return f"…{first[i : i + 4]}…"
    back = [i for i, chars in enumerate(zip(*(x[::-1] for x in strings))) if chars.count(chars[0]) == len(chars)]
    if not same and not back:
        return None
    for k in range(len(back) - 3):
        i = back[k]  # characters i .. i+3 from the end (0 = last)
        if i >= 1 and back[k + 3] == i + 3:
            part = first[len(first) - i - 4 : len(first) - i]
            if RE_HAN_RUN4.fullmatch(part):
                return f"…{part}…"
    for k in range(len(back) - 1):
        i = back[k]
        if i >= 1 and back[k + 1] == i + 1:
            part = first[len(first) - i - 2 : len(first) - i]
            if RE_TWO_HAN.fullmatch(part) and (part[0] in GRAMMATICAL or part[1] in GRAMMATICAL):
                return f"…{part}…"
    for k in range(len(same) - 1):
        i = same[k]
        if i >= 1 and same[k + 1] == i + 1:
            part = first[i : i + 2]
            if RE_TWO_HAN.fullmatch(part) and (part[0] in GRAMMATICAL or part[1] in GRAMMATICAL):
                return f"…{part}…"
    if len({len(x) for x in strings}) == 1:
        shared = [i for i in same if RE_HAN_CHAR.match(first, i)]
        if len(shared) == 1 and first[shared[0]] in NEGATION and 0 < shared[0] < n - 1:
            return f"…{first[shared[0]]}…"
        if 2 <= len(shared) < n - 1:
            return re.sub("…+", "…", "".join(first[i] if i in shared else "…" for i in range(n)))
    # counted from the end, past a shared ending (我们在风雨洗礼中…、…，在艰难险阻中…、…)
    ending = 0
    while ending < len(back) and back[ending] == ending:
        ending += 1
    inner = [i for i in back[ending:] if RE_HAN_CHAR.match(first, len(first) - 1 - i)]
    if len(inner) >= 2 and max(map(len, strings)) - n <= 2:
        last = len(first) - 1
        return re.sub("…+", "…", "".join(first[last - i] if i in inner else "…" for i in range(max(inner), -1, -1)))
    return None


RE_HAN_RUN4 = re.compile(f"[{HAN}]{{4}}")
_NEGATION_CODES = np.array([ord(c) for c in sorted(NEGATION)], dtype=np.uint32)


#: Frames are looked for within this many characters of either end of a clause.
FRAME_REACH = 16


def _frame_candidates(text: str, units: list[tuple[int, int, str]]) -> np.ndarray:
    """Whether clauses ``i, i+1, i+2`` agree on two or more Han characters at the same
    positions, counted from the start or from the end (a vectorized filter for
    :func:`_clause_frame`, which needs at least that)."""
    n = len(units)
    if n < 3:
        return np.zeros(0, dtype=bool)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    starts = np.fromiter((u[0] for u in units), dtype=np.int64, count=n)[:, None]
    ends = np.fromiter((u[1] for u in units), dtype=np.int64, count=n)[:, None]
    steps = np.arange(FRAME_REACH)
    agree = np.zeros(n - 2, dtype=bool)
    for from_start, index in ((True, starts + steps), (False, ends - 1 - steps)):
        valid = (index >= starts) & (index < ends)
        chars = codes[np.clip(index, 0, len(codes) - 1)]
        usable = valid & (chars >= 0x4E00) & (chars <= 0x9FFF)
        same = (chars[:-2] == chars[1:-1]) & (chars[:-2] == chars[2:]) & usable[:-2] & usable[1:-1] & usable[2:]
        agree |= same.sum(axis=1) >= 2
        if from_start:
            # one shared negation is a frame of its own (困难不容低估，信心不可动摇，干劲不能松懈)
            rows = np.flatnonzero(same.any(axis=1) & ~agree)
            if len(rows):
                shared = np.where(same[rows], chars[:-2][rows], 0)
                agree[rows] |= (shared[..., None] == _NEGATION_CODES).any(axis=(1, 2))
    return agree


def _frame_runs(text: str, units: list[tuple[int, int, str]], strings: list[str], connected: list[bool]) -> list[_Run]:
    """Runs of three or more clauses of similar length that share a frame (see :func:`_clause_frame`)."""
    runs: list[_Run] = []
    n = len(strings)
    candidates = _frame_candidates(text, units)
    i = 0
    while i < n - 2:
        if not candidates[i]:
            i += 1
            continue
        window = strings[i : i + 3]
        lengths = [len(x) for x in window]
        if not (connected[i] and connected[i + 1]) or min(lengths) < 4 or max(lengths) > ENDING_MAX_RATIO * min(lengths):
            i += 1
            continue
        shared = _clause_frame(window)
        if shared is None:
            i += 1
            continue
        j = i + 3
        while j < n and connected[j - 1] and len(strings[j]) >= 4:
            longer = strings[i : j + 1]
            if max(map(len, longer)) > ENDING_MAX_RATIO * min(map(len, longer)):
                break
            wider = _clause_frame(longer)
            if wider is None:
                break
            shared, j = wider, j + 1
        runs.append(_Run("clause", [(units[k][0], units[k][1]) for k in range(i, j)], shared, "frame", j - i))
        i = j
    return runs


#: Members of a target list are short; sentences longer than this (characters) that
#: happen to hold a number (持续提升空气质量，…清洁取暖率达到75%以上。持续加强…) are not one.
TARGET_LIST_MAX_MEMBER = 30
#: Sentences that share only a short opening that is no verb or adverb (我们…。我们…。)
#: need this many members.
SENTENCE_MIN_RUN = 4


def _run_holds(text: str, run: _Run) -> bool:
    """Runs of clauses or sentences that are not parallelism in the annotation's sense.

    Target lists, where every member holds a number (城镇新增就业1100万人以上，
    城镇调查失业率5.5%左右…; sentences longer than :data:`TARGET_LIST_MAX_MEMBER`
    characters are no list members), and runs of sentences that share no more than an
    opening of two characters that is not a verb or an adverb (我们…。我们…。我们…。;
    :func:`_verbal_opening`) unless they have at least
    :data:`SENTENCE_MIN_RUN` members or open with one of :data:`STRONG_ANAPHORA` (要…。要…。要…。).
    """
    long_members = run.level in ("sentence", "paragraph") and min(b - a for a, b in run.units) > TARGET_LIST_MAX_MEMBER
    if not long_members and all(RE_QUANTITY.search(text, a, b) for a, b in run.units):
        return False
    if run.level == "sentence" and run.mode == "opening":
        opening, _, ending = run.shared.partition("…")
        if len(opening) <= 2 and opening[:1] not in STRONG_ANAPHORA and not ending and len(run.units) < SENTENCE_MIN_RUN:
            if len(opening) < 2 or not _verbal_opening(opening):
                return False
    return True


def _shared_pair(strings: list[str], ending: int) -> bool:
    """Whether units that share a two-character ending also share two characters before it.

    ``听取人大代表、政协委员意见，听取民主党派…意见，听取社会公众和企业意见``
    (听取) is a frame; ``清理规范政府性基金，取消城市公用事业附加等基金，…减免部分基金``
    only repeats a topic.
    """
    common: set[str] | None = None
    for x in strings:
        body = x[: len(x) - ending]
        pairs = {body[k : k + 2] for k in range(len(body) - 1) if RE_TWO_HAN.fullmatch(body, k, k + 2)}
        common = pairs if common is None else common & pairs
        if not common:
            return False
    return bool(common)


def _grow_inner(strings: list[str], seed: str) -> str:
    a = strings[0]
    pos = a.find(seed, 1)
    if pos < 0:
        return seed
    lo, hi = pos, pos + len(seed)
    while lo > 1 and all(a[lo - 1 : hi] in s[1:] for s in strings[1:]):
        lo -= 1
    while hi < len(a) and all(a[lo : hi + 1] in s[1:] for s in strings[1:]):
        hi += 1
    return a[lo:hi]


#: Longest member (characters) of a word-level series (科学化、精细化、智能化).
MAX_MEMBER = 12
RE_LAST_JOIN = re.compile("[和及与]")
#: Final characters of a shared ending that make a series a plain list of
#: concrete or named things (桃花节、水晶梨节、菜心节; 大路边镇、星子镇), which
#: the annotation rules do not count as parallelism; also named bodies (省纺织集团、省农发集团),
#: trains, schools, hospitals, plants and awards (黔粤班列、中欧班列; 北京友谊医院; 水城电厂; 飞天奖、
#: 金鹰奖), continents (亚洲、非洲、拉丁美洲), government departments (省教育厅、省民政厅) and
#: universities or disciplines (北京大学、清华大学、复旦大学; 哲学、政治经济学) and appliances
#: (电视机、洗衣机、收录机).
CONCRETE_HEADS = frozenset("村镇乡县路街道桥港站园城馆会议坛节胞率江河湖山品业能游球铁团列院厂奖洲厅学机")
#: Endings that name things when every member has three or more characters: diseases
#: (传染病、慢性病、职业病; not 大病、重病、难病) and banks (工商银行、农业银行、中国银行).
NAMED_LONG_HEADS = ("病", "银行")
#: Final characters of places: a series of them with a common qualifier is a list of named
#: places (国际金融城、国际人才港、国际法务区), not a frame (重点行业、重点企业、重点产品).
PLACE_HEADS = frozenset("村镇乡县路街道桥港站园城馆区市省州岛湾")
#: Heads that name things only when they are all the members share (行政区、开发区、自贸试验区;
#: but 革命老区、民族地区、边疆地区 share the category 地区).
CONCRETE_SINGLE_HEADS = frozenset("区")
#: Shared endings that name a category whose kinds the members list, although they end with a
#: concrete head (绿色农业、生态农业、有机农业; 出口创汇企业、进口替代企业、技术先进的企业;
#: 传统产业、新兴产业、未来产业), unlike lists of sectors (林业、牧业、渔业).
CATEGORY_ENDINGS = frozenset({"农业", "企业", "产业", "旅游", "游", "地区"})
#: Qualities that rank counties and towns: members made of a sector, one of these and the head
#: are a frame (农业强县、工业大县、旅游名县), not a list of named places (连山县、连南县).
RANKING_QUALITIES = frozenset("强大名美旺重")
#: Openings of series that are fixed forms of address or administrative levels of
#: named bodies, not parallelism (各民主党派、各人民团体和各界人士; 区委副书记、区政府党组书记、区长).
SERIES_OPENING_STOP = frozenset("各省市区县镇乡村第")
#: Characters that cannot be the only shared character of a frame (…的…).
FRAME_FUNCTION = frozenset("的了和与及或等至个两一二三四五六七八九十百千万亿")
RE_DIGIT = re.compile(r"[0-9]")
#: A number in digits or in Chinese numerals (增长百分之十二点三, 三百八十四万吨, 一九八一年):
#: members that all hold one make a target list.
RE_QUANTITY = re.compile("[0-9]|百分之|[一二三四五六七八九两][〇零一二三四五六七八九十百千万亿点]")
#: Members holding a title or a bracketed qualifier name things (《…行动方案》; 市委常委会（扩大）会议).
RE_NAMED_MEMBER = re.compile("[《（]")
_QUOTE_CHARS = "“”‘’"
QUOTE_SET = frozenset(_QUOTE_CHARS)


def _unquote(clause: str, members: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Members without their quotes, when every middle member is quoted whole.

    ``“拿地即开工”、“完工即投产”、“验收即发证”`` → ``拿地即开工``, … (the first
    member keeps what follows its last ``“``, the last what precedes its first
    ``”``). Quotes inside members (``“闯”的精神、“创”的劲头``) stay.
    """
    middle = members[1:-1]
    if not all(b - a >= 3 and clause[a] in "“‘" and clause[b - 1] in "”’" for a, b in middle):
        return members
    out = []
    for k, (a, b) in enumerate(members):
        if k == 0:
            if clause[b - 1] in "”’":
                a = max(a, clause.rfind("“", a, b - 1) + 1, clause.rfind("‘", a, b - 1) + 1)
                b -= 1
        elif k == len(members) - 1:
            if clause[a] in "“‘":
                closing = [c for c in (clause.find("”", a + 1, b), clause.find("’", a + 1, b)) if c >= 0]
                a, b = a + 1, (min(closing) if closing else b)
        else:
            a, b = a + 1, b - 1
        out.append((a, b))
    return out


def _series_shared(strings: list[str], least: int = 1) -> tuple[str, str] | None:
    """The shared part of a series' members, or None.

    ``opening`` (有思路、有措施、有劲头), ``ending`` (责任意识、规矩意识、敬畏意识) or
    ``frame``: members of one length sharing characters at the same positions
    (目标同向、责任同担、行动同步; 扩能增量、提质增品、降本增利), the first member
    read from its end and the last from its start. The shared part has at
    least ``least`` characters.
    """
    middle = strings[1:-1]
    size = max(len(m) for m in middle)
    opening = _shared_opening(strings[1:])
    if opening and RE_HAN_CHAR.match(opening) and opening not in SERIES_OPENING_STOP:
        # the first member may share less of the opening (稳字当头、稳中求进、稳中快进)
        for size_open in range(len(opening), 0, -1):
            where = strings[0].rfind(opening[:size_open])
            if where >= 0:
                if len(strings[0]) - where <= 2 * size + 2 and opening[:size_open] not in SERIES_OPENING_STOP and size_open >= least:
                    return "opening", opening[:size_open]
                break
    # the ending of all members but the last, which may run on (…意识、…意识、…意识的培养); of
    # all three, when the last does not hold it (科教兴国战略、人才强国战略、可持续发展战略)
    ending = _shared_ending(strings[:-1])
    if ending and len(strings) == PARALLEL_MIN_RUN and ending not in strings[-1]:
        ending = _shared_ending(strings)
    if ending and RE_HAN_CHAR.search(ending) and least <= len(ending) < min(len(m) for m in middle) + 1:
        named = ending.endswith(NAMED_LONG_HEADS) and min(len(m) for m in strings[1:]) >= 3
        if ending[-1] in CONCRETE_HEADS or ending in CONCRETE_SINGLE_HEADS or ending == "的" or named:
            if _ranked_places(strings, ending[-1]):
                ending = ending[-1]  # 农业强县、工业强县、旅游名县 share 县
            elif not _category_series(strings, ending):
                return None  # named things; or modifiers that share only 的 (经济的、行政的、法律的)
        if ending in strings[-1] or len(strings) > PARALLEL_MIN_RUN:
            return "ending", ending
    n = len(middle[0])
    if not 3 <= n <= 8 or any(len(m) != n for m in middle) or len(strings[0]) < n or len(strings[-1]) < n:
        return None
    aligned = [strings[0][-n:], *middle, strings[-1][:n]]
    frame = [i for i in range(n) if all(x[i] == aligned[0][i] for x in aligned[1:])]
    if len(frame) < least or len(frame) == n or all(aligned[0][i] in FRAME_FUNCTION for i in frame):
        return None
    # one shared character and a position shared by all members but one (推广智能建造、
    # 模块化建筑、装配式建筑): an irregular list, not a frame; the last member may end
    # differently (愿干事、敢干事、能干成事)
    if len(frame) == 1:
        for i in range(n):
            if i in frame:
                continue
            odd = [k for k, x in enumerate(aligned) if sum(x[i] == y[i] for y in aligned) == 1]
            if len(odd) == 1 and len(aligned) > 2 and not (odd[0] == len(aligned) - 1 and i == n - 1):
                return None
    if not all(RE_HAN_CHAR.match(aligned[0][i]) or aligned[0][i] in QUOTE_SET for i in frame):
        return None
    han = [aligned[0][i] for i in frame if RE_HAN_CHAR.match(aligned[0][i])]
    if not han or (len(han) < len(frame) and set(han) & COUNTERS):
        # quotes alone are no frame; quotes and a word are (“闯”的精神、“创”的劲头、“干”的作风),
        # but not quoted counts (增强“四个意识”、坚定“四个自信”、做到“两个维护”)
        return None
    shared = "".join(aligned[0][i] if i in frame else "…" for i in range(n))
    return "frame", re.sub("…+", "…", shared)


def _category_series(strings: list[str], ending: str) -> bool:
    """Whether members sharing a concrete ending list the kinds of a category (:data:`CATEGORY_ENDINGS`;
    regions: 革命老区、民族地区、边疆地区, most members ending with 地区).

    >>> _category_series(["绿色农业", "生态农业", "有机农业"], "农业"), _category_series(["林业", "牧业", "渔业"], "业")
    (True, False)
    >>> _category_series(["革命老区", "民族地区", "边疆地区"], "区"), _category_series(["行政区", "开发区", "自贸区"], "区")
    (True, False)
    """
    if ending in CATEGORY_ENDINGS:
        return True
    return ending == "区" and 2 * sum(m.endswith("地区") for m in strings[:-1]) >= len(strings) - 1


def _ranked_places(strings: list[str], head: str) -> bool:
    """Whether members rank counties or towns by a sector and a quality (:data:`RANKING_QUALITIES`).

    >>> _ranked_places(["培育一批农业强县", "工业大县", "旅游名县"], "县"), _ranked_places(["连山县", "连南县", "阳山县"], "县")
    (True, False)
    """
    if head not in ("县", "镇"):
        return False
    members = [strings[0][-4:], *strings[1:-1], strings[-1][:4]]
    return all(len(m) == 4 and m[-2] in RANKING_QUALITIES and m[-1] == head for m in members)


def _named_head(ending: str) -> bool:
    """Whether a shared ending of two or more characters is the head of named things (医院, 班列, 银行)."""
    return len(ending) >= 2 and (ending[-1] in CONCRETE_HEADS or ending.endswith(NAMED_LONG_HEADS))


def _phrase_runs(text: str, clauses: list[tuple[int, int, str]]) -> list[_Run]:
    """Word-level series inside one clause: members joined by ``、`` (the last
    maybe by ``和/及/与``) that share an opening, an ending or a frame (``有思路、
    有措施、有劲头``; ``责任意识、规矩意识、敬畏意识``; ``冲劲、闯劲和拼劲``;
    ``惠民生、暖民心、顺民意``), see :func:`_series_shared`. Quotes around members
    are ignored; members with digits (target lists) and series of concrete
    things (:data:`CONCRETE_HEADS`) are left out."""
    runs: list[_Run] = []
    for start, _end, clause in [unit for unit in clauses if "、" in unit[2]]:
        # a clause may hold two series (经济建设、城乡建设、环境建设同步规划、同步实施、同步发展)
        taken: list[tuple[int, int]] = []
        # three members need two 、, or one and a 和/及/与 after it
        marks = clause.count("、")
        if not marks or (marks == 1 and RE_LAST_JOIN.search(clause, clause.index("、")) is None):
            continue
        segments: list[tuple[int, int]] = []
        pos = 0
        for piece in clause.split("、"):
            segments.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        last_s, last_e = segments[-1]
        readings = []
        # the joiner after the last member but one (及时性和有效性: not the 及 of 及时)
        join = RE_LAST_JOIN.search(clause, last_s + 1, last_e)
        split = None
        if join is not None and join.start() - last_s <= MAX_MEMBER:
            split = segments[:-1] + [(last_s, join.start()), (join.end(), last_e)]
            readings.append(split)
        # neighbours that share no character: a series without any pair that does
        # is no parallel run, however it is cut
        pieces = [set(clause[a:b]) - QUOTE_SET for a, b in segments]
        link = [not x.isdisjoint(y) for x, y in zip(pieces, pieces[1:], strict=False)]
        if any(link):
            readings.append(segments)
        whole = len(readings)
        # a series may end before the clause does (对人民尽责、受人民监督、让人民满意的学习型、服务型政府)
        readings += [segments[:k] for k in range(len(segments) - 1, PARALLEL_MIN_RUN - 1, -1) if any(link[: k - 1])]
        # …or begin after it (党政同责、…、失职追责”和“管行业必须管安全、管业务必须管安全、…)
        readings += [segments[k:] for k in range(1, len(segments) - PARALLEL_MIN_RUN + 1) if any(link[k:])]
        if split is not None and len(segments) >= PARALLEL_MIN_RUN:
            # …and end with a 和 joining two members that share a character (完整、统一的指标体系、
            # 监测体系和考核体系)
            (a, b), (c, d) = split[-2], split[-1]
            if not set(clause[a:b]).isdisjoint(clause[c:d]):
                readings += [split[k:] for k in range(1, len(split) - PARALLEL_MIN_RUN + 1)]
        for number, members in enumerate(readings):
            if len(members) < PARALLEL_MIN_RUN:
                continue
            if taken and not _free(taken, [(start + members[1][0], start + members[-1][1])]):
                continue  # a second series starts no earlier than the first one's last member ends
            members = _unquote(clause, members)
            strings = [clause[a:b] for a, b in members]
            middle = strings[1:-1]
            if any(RE_NAMED_MEMBER.search(m) for m in middle):
                continue  # named things: titles (《…方案》、《…方案》) and bodies (常委会（扩大）会议精神)
            if any(len(m) > MAX_MEMBER for m in middle) and number < whole:
                # members as long as clauses (…实践的新示范、推动…建设的新高地、实现…开放的新平台)
                lengths = [len(m) for m in strings[1:]]
                frame = None
                if max(lengths) <= ENDING_MAX_RATIO * min(lengths):
                    ending = strings[0][len(strings[0]) - min(_common_suffix(strings[0], x) for x in strings[1:]) :]
                    frame = f"…{ending}" if len(ending) >= PARALLEL_MIN_SHARED else _clause_frame(strings)
                if frame is not None and not frame.startswith(strings[1][:1]) and frame[-1] not in CONCRETE_HEADS:
                    units = [(start + a, start + b) for a, b in members]
                    if _free(taken, units):
                        runs.append(_Run("phrase", units, frame, "frame", len(units)))
                        taken.append((units[0][0], units[-1][1]))
                    continue
            if any(len(m) > MAX_MEMBER or len(m) < 1 or not RE_HAN_CHAR.search(m) for m in middle):
                continue
            if any(RE_QUANTITY.search(m) for m in middle):
                continue  # target lists
            # a series that begins inside the clause needs two shared characters, unless its
            # members are short words (严厉整治乱收费、乱罚款、乱检查: 乱…)
            short = number >= whole and members[0][0] > 0 and all(len(m) <= 3 for m in strings[1:])
            found = _series_shared(strings, 1 if number < whole or short else PARALLEL_MIN_SHARED)
            if found is None:
                continue
            mode, part = found
            if mode == "opening" and (
                all(m[-1:] in PLACE_HEADS for m in strings[:-1]) or _named_head(_shared_ending(strings[:-1]))
            ):
                continue  # named places or things with a common qualifier (国际金融城、国际人才港、国际法务区; 北京友谊医院、北京宣武医院)
            if mode != "frame" and len(part) == 1 and all(set(m.replace(part, "", 1)) <= NUMERAL_CHARS for m in middle):
                continue  # counted things (十八届三中、四中、五中、六中全会; 七次、八次、九次)
            if mode != "frame" and (set(part) <= COMPASS or all(set(m.replace(part, "", 1)) <= DIRECTIONS for m in middle)):
                continue  # places by direction (豫北、豫南和豫西南; 东部、中部、西部地区; 西北、华北、东北)
            size = max(len(m) for m in middle)
            (first_s, first_e), (last_s, last_e) = members[0], members[-1]
            if mode == "opening":
                first_s += strings[0].rfind(part)
                shared = f"{part}…"
            elif mode == "ending":
                if len(strings[0]) > size + 4 or _ranked_places(strings, part):
                    first_s = first_e - size  # 培育一批农业强县: the member is 农业强县
                cut = strings[-1].find(part)
                if cut < 0:
                    if len(members) - 1 < PARALLEL_MIN_RUN:
                        continue
                    members = members[:-1]
                    last_s, last_e = members[-1]
                else:
                    last_e = last_s + cut + len(part)
                shared = f"…{part}"
            else:
                n = len(middle[0])
                first_s, last_e = first_e - n, last_s + n
                shared = part
            units = [(start + first_s, start + members[0][1])] + [(start + a, start + b) for a, b in members[1:-1]]
            units.append((start + last_s, start + last_e))
            if _free(taken, units):
                runs.append(_Run("phrase", units, shared, mode, len(units)))
                taken.append((units[0][0], units[-1][1]))
    return runs


def _free(taken: list[tuple[int, int]], units: list[tuple[int, int]]) -> bool:
    """Whether a run of ``units`` overlaps none of the ``taken`` stretches."""
    return not any(a < units[-1][1] and units[0][0] < b for a, b in taken)


#: Characters that do not make a run when repeated (的…的…的, 一…一…一).
REPEAT_STOP = frozenset("的地得了和与及或等是在对为于以把被将而也就都又所之其这那个年月日万亿元第一二三四五六七八九十两")
#: Characters that cannot stand in the variable part of such members.
VARIABLE_STOP = REPEAT_STOP - frozenset("地得")
#: A fixed form of address, not parallelism (全党全军全国各族人民).
ADDRESS_FORM = "全党全军全国"
#: Characters that close words when the dictionary cannot tell (保护好运用好传承好; 思想上政治上).
CLOSING_CHARS = frozenset("好上下化性感力度者型式率中")
#: Counters and numerals: quoted counts (“四个意识”、“四个自信”) share them, no frame.
COUNTERS = frozenset(NUMERAL + "个两百千万亿项条大")
#: Variable parts made only of these, with one shared character, count things (三中、四中、五中).
NUMERAL_CHARS = frozenset(NUMERAL + "两百千万亿")
#: A shared part made only of these names regions (西北、华北、东北).
COMPASS = frozenset("东西南北")
#: Variable parts made only of these are places, not parallelism (粤东粤西粤北, 城西城北城南).
DIRECTIONS = frozenset("东西南北中上下左右前后内外")


#: Clauses of at most this many characters are words set off by commas (保重点，保竣工，保投产).
SHORT_CLAUSE = 5


def _short_clause_runs(text: str, clauses: list[tuple[int, int, str]]) -> list[_Run]:
    """Word-level series set off by commas: clauses of at most :data:`SHORT_CLAUSE`
    characters in a row, with the clause before and after them as first and last
    members (集中资金保重点，保竣工，保投产), read like a ``、`` series."""
    runs: list[_Run] = []
    n = len(clauses)
    i = 0
    while i < n - 2:
        j = i + 1
        while j < n - 1 and len(clauses[j][2]) <= SHORT_CLAUSE and clauses[j][0] == clauses[j - 1][1] + 1 and text[clauses[j - 1][1]] == "，":
            j += 1
        if j - i < 2:
            i += 1
            continue
        # the series may end with the last short clause (我国政治稳定，社会稳定，人心稳定。)
        joined = clauses[j][0] == clauses[j - 1][1] + 1 and text[clauses[j - 1][1]] == "，"
        found = None
        for window in (clauses[i : j + 1], clauses[i:j]) if joined else (clauses[i:j],):
            if len(window) < PARALLEL_MIN_RUN:
                continue
            strings = [c[2] for c in window]
            found = _series_shared(strings)
            if found is not None and len(window) == PARALLEL_MIN_RUN and len(found[1]) < PARALLEL_MIN_SHARED:
                # three members sharing one character: only an opening from ANAPHORA
                found = found if found[0] == "opening" and found[1] in ANAPHORA else None
            if found is not None and found[0] != "frame":
                break
        if found is not None and found[0] != "frame":
            mode, part = found
            size = max(len(x) for x in strings[1:-1])
            first_s, first_e = window[0][0], window[0][1]
            last_s, last_e = window[-1][0], window[-1][1]
            if mode == "opening":
                first_s += strings[0].rfind(part)
                last_e = min(last_e, last_s + size + 2)
                shared = f"{part}…"
            else:
                cut = strings[-1].find(part)
                if cut < 0:
                    i += 1
                    continue
                first_s = max(first_s, first_e - size - 2)
                last_e = last_s + cut + len(part)
                shared = f"…{part}"
            units = [(first_s, first_e)] + [(c[0], c[1]) for c in window[1:-1]] + [(last_s, last_e)]
            runs.append(_Run("phrase", units, shared, mode, len(units)))
            i = j + 1
            continue
        i += 1
    return runs


def _periodic_runs(text: str) -> list[_Run]:
    """Members written together, one character repeated at a fixed step of 2 or 3.

    ``共商共建共享``, ``多跑多谈多联系``, ``首店首发首秀首展`` (repeated opening);
    ``难点堵点痛点``, ``获得感幸福感安全感``, ``思想上政治上行动上`` (repeated
    ending). Three or more members, all Han characters with no punctuation in
    between. Whether the repeated character opens or ends the members is read
    from the dictionary: the reading whose members (counted twice) and members
    without the repeated character are more often words wins; on a tie, the
    segmenter decides whether the repeated character opens or closes words,
    then :data:`CLOSING_CHARS`; openings win what is left open.
    """
    if len(text) < 6:
        return []
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    han = ((codes >= 0x4E00) & (codes <= 0x9FFF)) | ((codes >= 0x3400) & (codes <= 0x4DBF))
    frequency = None
    runs: list[_Run] = []
    taken_until = -1
    candidates = []
    for step in (2, 3):
        m = len(codes) - 2 * step
        if m <= 0:
            continue
        hit = (codes[:m] == codes[step : m + step]) & (codes[:m] == codes[2 * step : m + 2 * step]) & han[:m]
        candidates += [(i, step) for i in np.flatnonzero(hit).tolist()]
    for i, step in sorted(candidates):
        if i < taken_until or text[i] in REPEAT_STOP or (i >= step and text[i - step] == text[i]):
            continue
        if text.startswith(ADDRESS_FORM, i):
            continue
        positions = [i, i + step, i + 2 * step]
        while positions[-1] + step < len(text) and text[positions[-1] + step] == text[i]:
            positions.append(positions[-1] + step)
        readings = []
        places = False
        for opening in (True, False):
            spans = [(q, q + step) if opening else (q - step + 1, q + 1) for q in positions]
            if spans[0][0] < 0 or spans[-1][1] > len(text) or not han[spans[0][0] : spans[-1][1]].all():
                continue
            variable = [text[a + 1 : b] if opening else text[a : b - 1] for a, b in spans]
            places = places or all(set(v) <= DIRECTIONS for v in variable) or (not opening and text[i] in CONCRETE_HEADS)
            if any(ch in VARIABLE_STOP for v in variable for ch in v):
                continue
            readings.append((opening, spans, variable))
        if not readings or places:
            continue  # places (粤东粤西粤北, 韩江榕江练江) in either reading
        if len(readings) == 2:
            frequency = frequency or _word_frequency()

            def score(reading: tuple[bool, list[tuple[int, int]], list[str]]) -> int:
                _opening, spans, variable = reading
                words = sum(1 for a, b in spans if (frequency.get(text[a:b]) or 0) > 0)
                return 2 * words + sum(1 for v in variable if len(v) > 1 and (frequency.get(v) or 0) > 0)

            readings.sort(key=lambda r: (-score(r), not r[0]))
            if score(readings[0]) == score(readings[1]):
                # a tie: ask the segmenter, then the character (保护好运用好传承好 closes with 好)
                lo, hi = readings[1][1][0][0], readings[0][1][-1][1]
                opens = _opens_words(text, max(0, lo - 2), min(len(text), hi + 2), positions)
                if opens is False or (opens is None and text[i] in CLOSING_CHARS):
                    readings.reverse()
        opening, spans, _variable = readings[0]
        shared = f"{text[i]}…" if opening else f"…{text[i]}"
        runs.append(_Run("phrase", spans, shared, "repeat", len(spans)))
        taken_until = spans[-1][1]
    return runs


def _paragraph_runs(text: str) -> list[_Run]:
    """Consecutive paragraphs whose leading clauses are parallel.

    The leads (without a leading dash ``——``) share an opening of two or more
    characters (加快…。加快…。加快…。), a one-character opening from
    :data:`ANAPHORA` (以简审批…。以公正监管…。以改革…。), or an inner stretch of
    three characters with a grammatical one (:data:`GRAMMATICAL`: 积极的财政政策要…。
    稳健的货币政策要…。就业优先政策要…。).
    Identical leads (各位代表！) are not a run. Paragraphs in a row whose first
    clauses share an opening of :data:`LEAD_MIN_SHARED` or more characters are a
    run too, however long their first sentences.
    """
    leads: list[tuple[int, int, str]] = []
    for m in RE_PARAGRAPH_LEAD.finditer(text):
        lead = m.group()
        if RE_ADDRESS_LINE.match(text, m.start()):
            continue  # 各位代表！ between paragraphs divides them, it does not break a run
        dash = len(lead) - len(lead.lstrip("—"))
        leads.append((m.start() + dash, m.end(), lead[dash:]))
    runs: list[_Run] = []
    n = len(leads)
    strings = [u[2] for u in leads]
    trigrams = [_trigrams(x) for x in strings]
    i = 0
    while i < n - 2:
        found = None
        # shared opening of two or more characters
        opening, j = strings[i], i + 1
        while j < n and _common_prefix(opening, strings[j]) >= PARALLEL_MIN_SHARED:
            opening = opening[: _common_prefix(opening, strings[j])]
            j += 1
        if j - i >= PARALLEL_MIN_RUN:
            found = (j, f"{opening}…")
        if found is None and strings[i][:1] in ANAPHORA:
            j = i + 1
            while j < n and strings[j][:1] == strings[i][:1]:
                j += 1
            if j - i >= PARALLEL_MIN_RUN:
                found = (j, f"{strings[i][0]}…")
        if found is None:
            # an inner stretch with a grammatical word (…政策要…), not a shared topic (…体制改革…)
            shared, j = {g for g in trigrams[i] if GRAMMATICAL & set(g)}, i + 1
            while j < n and shared & trigrams[j]:
                shared &= trigrams[j]
                j += 1
            if j - i >= PARALLEL_MIN_RUN:
                found = (j, f"…{_grow_inner([' ' + x for x in strings[i:j]], min(shared))}…")
        if found is None or len(set(strings[i : found[0]])) < found[0] - i:
            i += 1
            continue
        j, shared_part = found
        runs.append(_Run("paragraph", [(leads[k][0], leads[k][1]) for k in range(i, j)], shared_part, "opening", j - i))
        i = j
    # paragraphs in a row whose first clauses share three or more characters
    # (我们要坚持和完善…，…。⏎我们要全面贯彻…，…。⏎我们要认真落实…，…。)
    taken = [(r.units[0][0], r.units[-1][1]) for r in runs]
    starts = [a for a in [0] + [m.end() for m in RE_NEWLINE.finditer(text)] if not RE_ADDRESS_LINE.match(text, a)]
    keys = [text[a : a + LEAD_MIN_SHARED] for a in starts]
    i = 0
    while i < len(starts) - 2:
        if not keys[i] == keys[i + 1] == keys[i + 2] or len(keys[i]) < LEAD_MIN_SHARED:
            i += 1
            continue
        firsts = []
        j = i
        while j < len(starts) and keys[j] == keys[i]:
            m = RE_PARAGRAPH_CLAUSE.match(text, starts[j])
            if m is None:
                break
            firsts.append((m.start(), m.end(), m.group()))
            j += 1
        opening = _shared_opening([first for _a, _b, first in firsts])
        if len(firsts) >= PARALLEL_MIN_RUN and RE_HAN_CHAR.match(opening):
            start, end = firsts[0][0], firsts[-1][1]
            if _free(taken, [(start, end)]):
                runs.append(_Run("paragraph", [(a, b) for a, b, _x in firsts], f"{opening}…", "opening", len(firsts)))
        i = max(j, i + 1)
    return runs


#: A paragraph that only addresses the audience (各位代表！), between the sections of a report.
RE_ADDRESS_LINE = re.compile(r"(?:各位代表|同志们|代表们|女士们、先生们)[！!]?(?:\n|$)")
#: The first clause of a paragraph.
RE_PARAGRAPH_CLAUSE = re.compile(r"[^\n，。；：！？]{3,30}")
RE_NEWLINE = re.compile("\n")


#: Most sentences that may stand between two members of a run of sentence leads.
LEAD_GAP = 8
#: Shortest opening (characters) shared by the leads of such a run.
LEAD_MIN_SHARED = 3
RE_PARAGRAPH = re.compile(r"[^\n]+")
RE_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
RE_LEAD_CLAUSE = re.compile(r"[^，：。！？；\n]*")


#: Longest first clause (characters) of a sentence lead framed by a function word (在工作谋划方面).
FRAMED_LEAD = 14


def _framed_leads(text: str, sentences: list[tuple[int, int]], leads: list[str]) -> list[_Run]:
    """Sentences of one paragraph whose short first clauses share a frame: the same
    function word before and the same two or more characters after (在工作谋划方面，…。
    …在任务落实方面，…。…在工作作风方面，…), with other sentences between them."""
    runs: list[_Run] = []
    used: set[int] = set()
    for i, first in enumerate(leads):
        if i in used or not 4 <= len(first) <= FRAMED_LEAD or first[0] not in FUNCTION_WORDS:
            continue
        members, ending, last = [i], first, i
        for j in range(i + 1, len(leads)):
            if j - last > LEAD_GAP + 1:
                break
            other = leads[j]
            if not 4 <= len(other) <= FRAMED_LEAD or other[0] != first[0]:
                continue
            k = _common_suffix(ending, other)
            if k >= PARALLEL_MIN_SHARED and k + 1 < len(other):
                ending, last = ending[len(ending) - k :], j
                members.append(j)
        if len(members) < PARALLEL_MIN_RUN or not RE_TWO_HAN.fullmatch(ending[-2:]):
            continue
        used.update(members)
        units = [(sentences[k][0], _strip_end(text, *sentences[k])) for k in members]
        runs.append(_Run("sentence", units, f"{first[0]}…{ending}", "leads", len(units)))
    return runs


#: Lengths (characters) of the short lead clauses that share a key word (树牢实干导向).
KEYWORD_LEAD = (5, 8)


def _keyword_leads(text: str, sentences: list[tuple[int, int]]) -> list[_Run]:
    """Sentences of one paragraph whose short first clauses (:data:`KEYWORD_LEAD`
    characters, all of one length) share a key word of two or more characters at the
    same place after different verbs and before different heads (树牢实干导向，…。…增强实干劲头，…。
    …凝聚实干合力，…), at most :data:`LEAD_GAP` sentences apart or in a row. Leads that share
    only their head (巩固升级支柱产业，…。培育壮大新兴产业，…) name topics, not a frame."""
    low, high = KEYWORD_LEAD
    # a comma right after a lead of that length (a quick test before finding the leads)
    if sum(1 for a, _b in sentences if "，" in text[a + low : a + high + 1]) < PARALLEL_MIN_RUN:
        return []
    leads = [RE_LEAD_CLAUSE.match(text, a, b).group() for a, b in sentences]
    short = [i for i, lead in enumerate(leads) if low <= len(lead) <= high and len(lead) < sentences[i][1] - sentences[i][0] - 1]
    if len(short) < PARALLEL_MIN_RUN:
        return []
    runs: list[_Run] = []
    used: set[int] = set()
    for at, i in enumerate(short):
        first = leads[i]
        if i in used or not RE_HAN_RUN4.fullmatch(first, 0, 4):
            continue
        members, same, last = [i], list(range(1, len(first))), i
        for j in short[at + 1 :]:
            if j - last > LEAD_GAP + 1:
                break
            other = leads[j]
            if len(other) != len(first) or j in used or other[0] == first[0]:
                continue
            agree = [k for k in same if other[k] == first[k]]
            if len(agree) >= PARALLEL_MIN_SHARED and any(b == a + 1 for a, b in zip(agree, agree[1:], strict=False)):
                same, last = agree, j
                members.append(j)
        if len(members) < PARALLEL_MIN_RUN:
            continue
        if len(same) >= len(first) - 1 or same[-1] == len(first) - 1 or not all(RE_HAN_CHAR.match(first[k]) and first[k] not in GRAMMATICAL and first[k] not in FRAME_FUNCTION for k in same):
            continue
        used.update(members)
        units = [(sentences[k][0], _strip_end(text, *sentences[k])) for k in members]
        shared = re.sub("…+", "…", "".join(first[k] if k in same else "…" for k in range(len(first))))
        runs.append(_Run("sentence", units, shared, "leads", len(units)))
    return runs


#: Shortest ending (characters) that verbal leads with a two-character opening share (…专项行动).
LEAD_MIN_ENDING = 4
#: Adverbs of the official register that jieba's dictionary tags as nouns.
VERBAL_LEAD_WORDS = ("全面", "着力", "大力", "深入", "切实", "积极", "进一步", "坚决", "统筹")
#: Jieba tags of the first word of a verbal lead (verbs, adverbs, verbal nouns).
VERBAL_LEAD_TAGS = ("v", "d", "vn", "vd", "ad")


@lru_cache(maxsize=4096)
def _verbal_opening(opening: str) -> bool:
    """Whether ``opening`` starts with a verb or an adverb of the dictionary (开展, 持续, 深入实施),
    not with a noun (a subject named again: 黄河…，黄河…)."""
    from tifa.segment import dictionary_tags

    if any(opening.startswith(w) for w in VERBAL_LEAD_WORDS):
        return True
    tags = dictionary_tags()
    for length in range(min(4, len(opening)), 1, -1):
        tag = tags.get(opening[:length])
        if tag is not None:
            return tag in VERBAL_LEAD_TAGS
    return False


def _verbal_leads(
    text: str, sentences: list[tuple[int, int]], leads: list[str], openings: Counter[str]
) -> list[_Run]:
    """Sentences of one paragraph whose first clauses open with the same verb or adverb,
    with other sentences between them: 开展住房改善专项行动，…。…开展城中村改造专项行动，…。
    开展住房安全专项行动，…; 加力推动基础设施硬联通。…加力拓展对外开放大平台。…

    The leads share a verbal opening (:func:`_verbal_opening`) of three characters or
    more, or of two when they also share an ending of :data:`LEAD_MIN_ENDING` characters
    (…专项行动) or are :data:`SENTENCE_MIN_RUN` or more sentences of their own (short
    headings run into the paragraph), at most
    :data:`LEAD_GAP` sentences apart, not all in a row (runs in a row are found at the
    sentence level). ``openings`` counts the sentences' two-character openings."""
    runs: list[_Run] = []
    used: set[int] = set()
    whole = [len(lead) >= (b - a) - 1 for lead, (a, b) in zip(leads, sentences, strict=True)]
    for i, first in enumerate(leads):
        if i in used or len(first) < 4 or openings[first[:2]] < PARALLEL_MIN_RUN or not _verbal_opening(first[:4]):
            continue
        members, opening, ending, last = [i], first, first, i
        for j in range(i + 1, len(leads)):
            if j - last > LEAD_GAP + 1:
                break
            other = leads[j]
            p = _common_prefix(opening, other)
            if p < 2 or p >= len(other) or j in used:
                continue
            k = _common_suffix(ending, other)
            if p >= LEAD_MIN_SHARED or k >= LEAD_MIN_ENDING or (whole[i] and whole[j]):
                opening, last = opening[:p], j
                if k >= LEAD_MIN_ENDING or not members[1:]:
                    ending = ending[len(ending) - k :] if k else ""
                members.append(j)
        if len(members) < PARALLEL_MIN_RUN or members[-1] - members[0] < len(members) or not _verbal_opening(opening):
            continue
        if len(opening) < LEAD_MIN_SHARED and len(ending) < LEAD_MIN_ENDING and not (
            all(whole[m] for m in members) and len(members) >= SENTENCE_MIN_RUN
        ):
            continue
        used.update(members)
        units = [(sentences[m][0], _strip_end(text, *sentences[m])) for m in members]
        shared = f"{opening}…{ending}" if len(ending) >= LEAD_MIN_ENDING else f"{opening}…"
        runs.append(_Run("sentence", units, shared, "leads", len(units)))
    return runs


def _some_thrice(keys: list[str]) -> bool:
    """Whether some key occurs :data:`PARALLEL_MIN_RUN` times or more (a set test first: most lists have none)."""
    if len(set(keys)) > len(keys) - PARALLEL_MIN_RUN + 1:
        return False
    return max(Counter(keys).values()) >= PARALLEL_MIN_RUN


def _lead_runs(text: str) -> list[_Run]:
    """Sentences of one paragraph that open alike, with other sentences between them.

    ``我们面对的是深刻变化的外部环境。…。我们面对的是经济转型阵痛凸显的严峻挑战。…
    我们面对的是两难多难问题增多的复杂局面。``: three or more sentences whose
    first clauses share an opening of at least :data:`LEAD_MIN_SHARED`
    characters, one of them a function word (:data:`FUNCTION_WORDS`: a subject
    named again is no frame), at most :data:`LEAD_GAP` sentences apart, not all in a
    row (runs in a row are found at the sentence level). Each member is its
    sentence.
    """
    runs: list[_Run] = []
    for para in RE_PARAGRAPH.finditer(text):
        if para.end() - para.start() < 40:
            continue
        sentences = [(m.start(), m.end()) for m in RE_SENTENCE.finditer(text, para.start(), para.end())]
        if len(sentences) < PARALLEL_MIN_RUN:
            continue
        runs += _keyword_leads(text, sentences)
        leads: list[str] | None = None
        openings = [text[a : a + 2] for a, _b in sentences]
        if _some_thrice(openings):
            leads = [RE_LEAD_CLAUSE.match(text, a, b).group() for a, b in sentences]
            runs += _verbal_leads(text, sentences, leads, Counter(openings))
        shared_keys = _some_thrice([text[a : a + LEAD_MIN_SHARED] for a, _b in sentences])
        if not shared_keys and not _some_thrice([text[a] for a, _b in sentences if text[a] in FUNCTION_WORDS]):
            continue  # no three sentences open alike
        if leads is None:
            leads = [RE_LEAD_CLAUSE.match(text, a, b).group() for a, b in sentences]
        runs += _framed_leads(text, sentences, leads)
        if not shared_keys:
            continue
        used: set[int] = set()
        for i, first in enumerate(leads):
            if i in used or len(first) <= LEAD_MIN_SHARED:
                continue
            members, opening, last = [i], first, i
            for j in range(i + 1, min(len(leads), i + 2 + LEAD_GAP * PARALLEL_MIN_RUN)):
                if j - last > LEAD_GAP + 1:
                    break
                p = _common_prefix(opening, leads[j])
                if LEAD_MIN_SHARED <= p < len(leads[j]):
                    opening, last = opening[:p], j
                    members.append(j)
            if len(members) < PARALLEL_MIN_RUN or members[-1] - members[0] < len(members) or not RE_HAN_CHAR.match(opening):
                continue
            if not FUNCTION_WORDS & set(opening):
                continue  # a subject named again (澳门特别行政区…。…澳门特别行政区…), not a frame
            used.update(members)
            units = [(sentences[k][0], _strip_end(text, *sentences[k])) for k in members]
            runs.append(_Run("sentence", units, f"{opening}…", "leads", len(units)))
    return runs


def _trigrams(s: str) -> set[str]:
    return {s[k : k + 3] for k in range(len(s) - 2) if RE_HAN_CHAR.match(s, k) and RE_HAN_CHAR.match(s, k + 2)}


#: The first sentence of a paragraph (without its final punctuation), or the
#: first clause of a paragraph that opens with a dash (——面对…，我们…).
RE_PARAGRAPH_LEAD = re.compile(
    r"^(?:——[^\n。！？；，：]{2,30}(?=[，。！？；：]|\n)"
    r"|(?![一二三四五六七八九十]+、|（|第[一二三四五六七八九十]|\d)[^\n。！？；，：]{2,30}(?=[。！？；]|\n))",
    re.M,
)


def _item_runs(text: str, lists: list[_List]) -> list[_Run]:
    """Items of a list whose headings share a frame beyond the marker (（一）聚焦…（二）聚焦…)."""
    runs: list[_Run] = []
    for lst in lists:
        if len(lst.markers) < PARALLEL_MIN_RUN:
            continue
        heads = []
        for k, end in zip(lst.markers, lst.ends, strict=True):
            m = RE_ITEM_HEAD.match(text, k.end, end)
            heads.append(RE_LEADING.sub("", m.group(), count=1) if m else "")
        if any(len(h) < 2 for h in heads):
            continue
        opening, ending = _shared_opening(heads), _shared_ending(heads)
        if opening and RE_HAN_CHAR.match(opening):
            shared = f"{opening}…"
        elif len(ending) >= 1 and RE_HAN_CHAR.search(ending):
            shared = f"…{ending}"
        else:
            slot = _slot_frame(heads)
            if slot is None:
                continue
            shared = f"…{slot[0]}…{slot[1]}…"
        units = [(k.start, e) for k, e in zip(lst.markers, lst.ends, strict=True)]
        runs.append(_Run("item", units, shared, "items", len(units)))
    return runs


#: Widest slot (characters) between the two shared characters of a heading frame.
SLOT_WIDTH = 3


def _slot_frame(heads: list[str]) -> tuple[str, str] | None:
    """Two characters around a slot that every heading fills differently, after different
    openings (经济发展要实力推进 / 城市更新要借力成势 / 城市管理要“精”力十足: 要…力).
    A slot filled alike in every heading is a shared word (中小企业), not a frame; headings
    with numbers (2024年工作回顾) are left out."""
    if any(RE_DIGIT.search(h) for h in heads):
        return None
    first, rest = heads[0], heads[1:]
    for i in range(1, len(first) - 2):
        a = first[i]
        if a in FRAME_FUNCTION or not all(a in h for h in rest) or not RE_HAN_CHAR.match(a):
            continue
        for b in {first[k] for k in range(i + 2, min(len(first), i + 2 + SLOT_WIDTH))}:
            if b in FRAME_FUNCTION or b == a or not all(b in h for h in rest) or not RE_HAN_CHAR.match(b):
                continue
            slots = []
            for h in heads:
                filled = [h[j + 1 : k] for j in range(1, len(h)) if h[j] == a
                          for k in range(j + 2, min(len(h), j + 2 + SLOT_WIDTH)) if h[k] == b]
                if not filled:
                    break
                slots.append(filled[0])
            if len(slots) == len(heads) and len(set(slots)) >= len(heads) - 1:
                return a, b
    return None


#: The heading clause of an item, after its marker.
RE_ITEM_HEAD = re.compile(r"[，、：]?([^，。；！？：\n]{1,30})")


#: Quoted words written one after another (“米袋子”“肉盘子”“菜篮子”).
RE_QUOTED_RUN = re.compile(r"(?:“[^“”\n、，。；]{1,8}”){3,}")


def _quoted_runs(text: str) -> list[_Run]:
    """Three or more quoted words in a row, with no separator, that share an
    opening or an ending (“米袋子”“肉盘子”“菜篮子”: …子)."""
    runs: list[_Run] = []
    for m in RE_QUOTED_RUN.finditer(text):
        members, pos = [], m.start()
        while pos < m.end():
            close = text.index("”", pos)
            members.append((pos + 1, close))
            pos = close + 1
        strings = [text[a:b] for a, b in members]
        opening, ending = _shared_opening(strings), _shared_ending(strings)
        if opening and RE_HAN_CHAR.match(opening) and opening not in SERIES_OPENING_STOP:
            shared = f"{opening}…"
        elif ending and RE_HAN_CHAR.search(ending) and ending[-1] not in CONCRETE_HEADS:
            shared = f"…{ending}"
        else:
            continue
        runs.append(_Run("phrase", members, shared, "quoted", len(members)))
    return runs


#: A quoted term defined by 是/是指 at the start of a clause (“一线”是指…；“两带”是指…).
RE_DEFINITION = re.compile(r"(?<=[\n，；。：])“[^“”\n，。；]{1,8}”(是指|是)")
#: Longest definition (characters) between two defined terms of one run.
DEFINITION_REACH = 160


def _definition_runs(text: str) -> list[_Run]:
    """Quoted terms defined one after another in one paragraph, as glossaries spell out
    the parts of a counted slogan (“一线”是指…；“两带”是指…；“三园”是指…): three or more
    clauses opening with a quoted term and the same 是 or 是指."""
    if "”是" not in text:
        return []
    runs: list[_Run] = []
    found = list(RE_DEFINITION.finditer(text))
    i = 0
    while i < len(found):
        j = i + 1
        while (
            j < len(found) and found[j].group(1) == found[i].group(1)
            and found[j].start() - found[j - 1].end() <= DEFINITION_REACH and "\n" not in text[found[j - 1].end() : found[j].start()]
        ):
            j += 1
        if j - i >= PARALLEL_MIN_RUN:
            members = found[i:j]
            units = [(m.start(), n.start() - 1) for m, n in zip(members, members[1:], strict=False)]
            end = RE_DEFINITION_END.search(text, members[-1].end())
            units.append((members[-1].start(), end.start() if end else len(text)))
            runs.append(_Run("clause", units, f"“…”{members[0].group(1)}", "frame", len(units)))
        i = j
    return runs


RE_DEFINITION_END = re.compile("[。；\n]")


def _template_runs(patterns: list[tuple[int, int, str, str, int, list[tuple[int, int]]]]) -> list[_Run]:
    """Series of three or more templates with a literal shared part (零前置、零干扰、零跑腿;
    一镇一业、一村一品、一县一特) are parallel runs too; 四字格排比 shares no word."""
    shared = {"X中求Y": "…中求…", "一X一Y": "一…一…", "X论英雄": "…论英雄", "零X": "零…"}
    return [
        _Run("phrase", members, shared[pattern], "template", len(members))
        for _s, _e, kind, pattern, n_items, members in patterns
        if kind == "template" and pattern in shared and n_items >= PARALLEL_MIN_RUN
    ]


def _parallel_runs(
    text: str, lists: list[_List] | None = None,
    patterns: list[tuple[int, int, str, str, int, list[tuple[int, int]]]] | None = None,
) -> list[_Run]:
    clauses = _units(text, RE_CLAUSE)
    sentences = _sentences_from_clauses(text, clauses)
    runs = _runs_at_level(text, sentences, "sentence") + _runs_at_level(text, clauses, "clause")
    runs += _paragraph_runs(text)
    runs += _item_runs(text, lists or [])
    # keep one run per stretch: the coarser level, then the one with more units
    rank = {"item": 0, "paragraph": 1, "sentence": 2, "clause": 3, "phrase": 4}
    runs.sort(key=lambda r: (rank[r.level], -len(r.units), r.units[0][0]))
    kept: list[_Run] = []
    for run in runs:
        s, e = run.units[0][0], run.units[-1][1]
        clash = False
        for other in kept:
            os_, oe = other.units[0][0], other.units[-1][1]
            if s < oe and os_ < e:
                # a run inside one unit of the other (either way round) is kept
                inside_one_unit = any(us <= s and e <= ue for us, ue in other.units) or any(
                    us <= os_ and oe <= ue for us, ue in run.units
                )
                if not inside_one_unit:
                    clash = True
                    break
        if not clash:
            kept.append(run)
    # word-level series and runs of sentence leads never clash with the others
    words = _phrase_runs(text, clauses) + _periodic_runs(text) + _quoted_runs(text) + _definition_runs(text)
    taken = [(r.units[0][0], r.units[-1][1]) for r in kept + words]
    words += [r for r in _short_clause_runs(text, clauses) if _free(taken, r.units)]
    taken = [(r.units[0][0], r.units[-1][1]) for r in words]
    words += [r for r in _template_runs(patterns or []) if _free(taken, r.units)]
    # a run of sentence leads that overlaps a run of sentences in a row would count it twice
    # unless it holds all of that run's sentences and more (开展…专项行动。…。开展…。开展…。)
    leads = []
    for lead in _lead_runs(text):
        s, e = lead.units[0][0], lead.units[-1][1]
        clashing = [r for r in kept if r.level == "sentence" and r.units[0][0] < e and s < r.units[-1][1]]
        starts = {u[0] for u in lead.units}
        if clashing and all(len(r.units) < len(lead.units) and {u[0] for u in r.units} <= starts for r in clashing):
            kept = [r for r in kept if not any(r is c for c in clashing)]
            clashing = []
        if not clashing:
            leads.append(lead)
    kept += words + leads
    kept.sort(key=lambda r: (r.units[0][0], -r.units[-1][1]))
    return kept
