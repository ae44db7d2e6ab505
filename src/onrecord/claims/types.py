"""Explainable claim typing: ordered rules over the sentence, first match wins.

=============  ===========================================================  ==========================
type           rule (first that matches)                                    example
=============  ===========================================================  ==========================
statistic      a quantity: digits (not a bare year or day), %, money,       "We lost 700,000 jobs."
               number words with a count ("three times", "millions of")
attribution    a reporting cue about someone else's words: said, told,      "Amnesty claims that ..."
               claims, according to, reported, warned
prediction     future: will, going to, is expected to, by 2030              "Prices will go down."
comparison     more/less/fewer than, -er than, compared with, the most      "Crime is lower than ever."
causal         because, caused, led to, resulted in, due to, thanks to      "Jobs left because of NAFTA."
position       we/I support, oppose, believe, are against/for, stand with   "We oppose the deal."
event          anything else (something happened / is the case)            "Troops crossed the border."
=============  ===========================================================  ==========================

:func:`claim_type` returns the type and the words that triggered it, so a reader
can see why.
"""

from __future__ import annotations

import re

CLAIM_TYPES: tuple[str, ...] = ("statistic", "attribution", "prediction", "comparison", "causal", "position", "event")

_NUM_WORD = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|"
    r"trillion|dozen|dozens|hundreds|thousands|millions|billions|trillions)"
)
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"

_STATISTIC = re.compile(
    r"\d+(?:[.,]\d+)*\s*(?:%|percent|per cent)"
    r"|[$£€]\s?\d[\d,.]*(?:\s*(?:million|billion|trillion))?"
    r"|\b\d[\d,.]*\s*(?:million|billion|trillion|thousand|hundred)\b"
    r"|\b(?:half|a third|a quarter|two-thirds|three-quarters|twice|double[ds]?|tripled?|quadrupled?)\b"
    rf"|\b{_NUM_WORD}(?:[\s-]+{_NUM_WORD})*(?:\s+(?:of\s+)?[a-z]+)"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+) times\b"
    r"|\bpercent(?:age)?\b",
    re.I,
)
# digits that are not just a year ("in 2003"), a decade ("the 90s"), a day of a month or an ordinal
_DIGITS = re.compile(r"(?<![\w.\-])\d[\d,.]*(?:st|nd|rd|th|s)?\b")
_YEARISH = re.compile(r"^(?:1[89]\d\d|20\d\d|'?\d0)s?$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")

_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|tells|claims?|claimed|claiming|according to|reported|reports that|stated|states that|"
    r"announced|warned|admitted|insisted|alleged|accused)\b",
    re.I,
)
_PREDICTION = re.compile(
    r"\b(?:will|won't|shall|going to|gonna|is expected to|are expected to|is projected to|forecast|"
    r"by (?:20[2-9]\d|the end of (?:the|this|next) (?:year|decade)))\b",
    re.I,
)
_COMPARISON = re.compile(
    r"\b(?:more|less|fewer|greater|higher|lower|better|worse|bigger|larger|smaller)\s+than\b"
    r"|\b\w{3,}er than\b|\bcompared (?:with|to)\b|\bthe (?:most|least|largest|biggest|highest|lowest|best|worst)\b"
    r"|\bas (?:much|many|\w+) as\b"
    r"|\b(?:the|our|their|its|his|her) (?!(?:rest|west|interest|request|test|protest|contest|forest|guest|quest|"
    r"chest|harvest|arrest|conquest|midwest|northwest|southwest|honest|modest|suggest|digest|priest|manifest)\b)"
    r"\w{3,}est\b",
    re.I,
)
_CAUSAL = re.compile(
    r"\b(?:because|caused?|causing|led to|leads to|lead to|result(?:ed|s)? in|as a result|due to|thanks to|"
    r"therefore|so that|which is why|that's why|responsible for)\b",
    re.I,
)
_POSITION = re.compile(
    r"\b(?:I|we|my party|my government|our government|the government)\s+(?:\w+\s+)?"
    r"(?:support|supports|oppose|opposes|believe|believes|reject|rejects|favou?r|are against|am against|"
    r"are for|am for|stand with|stand by|condemn|will never accept|do not accept|don't accept|want|insist)\b",
    re.I,
)


def _statistic(text: str) -> str | None:
    m = _STATISTIC.search(text)
    if m:
        return m.group()
    for d in _DIGITS.finditer(text):
        tok = d.group()
        if _YEARISH.match(tok) or _ORDINAL.match(tok):
            continue
        before = text[max(0, d.start() - 12) : d.start()]
        if re.search(rf"{_MONTH}\s*$", before) or re.search(rf"^\s*{_MONTH}", text[d.end() : d.end() + 12]):
            continue  # "September 27", "27 September"
        return tok
    return None


def claim_type(text: str) -> tuple[str, str | None]:
    """The type of the claim in ``text`` and the words that decided it (``None`` for event)."""
    cue = _statistic(text)
    if cue:
        return "statistic", cue
    for name, rx in (
        ("attribution", _ATTRIBUTION),
        ("prediction", _PREDICTION),
        ("comparison", _COMPARISON),
        ("causal", _CAUSAL),
        ("position", _POSITION),
    ):
        m = rx.search(text)
        if m:
            return name, m.group()
    return "event", None
