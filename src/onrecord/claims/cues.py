"""Hand-written, explainable cues of a checkable factual claim.

Cheap regular expressions only (no spaCy): numbers, money, percentages, years,
dates, comparatives, past-tense and reporting verbs, proper-name runs, and the
opposite signals (questions, opinions, greetings, first-person feelings).
Each cue is a named column so the model's weights can be read.
"""

from __future__ import annotations

import math
import re

import numpy as np
import numpy.typing as npt

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|"
    "seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|"
    "trillions|dozen|dozens|half|double|doubled|tripled|twice|percent"
)

_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("digit", re.compile(r"\d")),
    ("percent", re.compile(r"\d\s*%|\bper\s?cent\b|\bpercentage\b", re.I)),
    ("money", re.compile(r"[$£€]\s?\d|\b\d[\d,.]*\s*(?:dollars|euros|pounds)\b|\b(?:b|m|tr)illion dollars\b", re.I)),
    ("big_number", re.compile(r"\b(?:million|billion|trillion|thousand|hundreds? of)\b", re.I)),
    ("number_word", re.compile(rf"\b(?:{_NUMBER_WORDS})\b", re.I)),
    ("year", re.compile(r"\b(?:1[89]\d\d|20\d\d)s?\b")),
    (
        "month_date",
        re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"),
    ),
    ("time_ago", re.compile(r"\b(?:ago|last (?:year|month|week|decade)|since|in the (?:last|past))\b", re.I)),
    (
        "comparative",
        re.compile(r"\b(?:more|less|fewer|higher|lower|bigger|larger|smaller)\s+than\b|\w+er than\b", re.I),
    ),
    ("superlative", re.compile(r"\b(?:most|least|largest|biggest|highest|lowest|first|only|record|ever)\b", re.I)),
    (
        "change_verb",
        re.compile(
            r"\b(?:increas|decreas|ris(?:e|en|ing)|rose|fell|fall|drop|cut|grew|grow|doubl|tripl|lost|gain|"
            r"creat|add(?:ed)?|reduc|rais)\w*",
            re.I,
        ),
    ),
    (
        "past_tense",
        re.compile(
            r"\b(?:was|were|had|did|voted|passed|signed|said|spent|killed|invaded|announced|approved|sent)\b|\b\w{3,}ed\b",
            re.I,
        ),
    ),
    (
        "reporting",
        re.compile(r"\b(?:said|says|told|claims?|claimed|reported|according to|announced|stated|admitted)\b", re.I),
    ),
    ("law_gov", re.compile(r"\b(?:law|bill|tax(?:es)?|budget|deficit|debt|jobs?|unemployment|vote[ds]?)\b", re.I)),
    ("causal", re.compile(r"\b(?:because|caused?|led to|result(?:ed)? in|due to|thanks to)\b", re.I)),
    ("future", re.compile(r"\b(?:will|won't|going to|gonna|plan to|shall)\b", re.I)),
    ("question", re.compile(r"\?\s*$")),
    (
        "opinion",
        re.compile(
            r"\b(?:I think|I believe|I feel|I hope|in my (?:view|opinion)|we should|we must|we need|should|"
            r"ought to|great|wonderful|terrible|disgrace|beautiful)\b",
            re.I,
        ),
    ),
    (
        "courtesy",
        re.compile(
            r"\b(?:thank you|thanks|good (?:evening|morning|night)|welcome|applause|laughter|crosstalk|okay|ok)\b", re.I
        ),
    ),
    ("first_person", re.compile(r"\b(?:I|I'm|I've|me|my)\b")),
    ("second_person", re.compile(r"\b(?:you|your|you're)\b", re.I)),
    ("proper_run", re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")),
    ("acronym", re.compile(r"\b[A-Z]{2,}\b")),
]

CUE_NAMES: list[str] = [name for name, _ in _CUES] + ["log_words", "short"]


def cue_vector(text: str) -> list[float]:
    row = [float(min(len(rx.findall(text)), 3)) / 3.0 for _, rx in _CUES]
    words = len(text.split())
    row.append(math.log1p(words) / 4.0)
    row.append(1.0 if words <= 4 else 0.0)
    return row


def cue_matrix(texts: list[str]) -> npt.NDArray[np.float32]:
    return np.asarray([cue_vector(t) for t in texts], dtype=np.float32).reshape(len(texts), len(CUE_NAMES))
