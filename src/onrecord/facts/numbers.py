"""Quantities, dates and durations in what is said, normalised.

Detection is by regular expressions over the turn text (digits, number words,
dates, decades, centuries, durations), which keeps offsets exact; the one
thing a regex cannot see, *what is counted*, is read from the shared spaCy
parse: the noun phrase right after the number ("ten joint military
exercises"), or after "of" ("25 percent of the population", "thousands of
Armenians").

Each mention's span covers the qualifier, the number, its unit and the counted
noun ("almost 200 wounded").  ``unit`` is one of: ``percent``, a currency code
(``USD``, ``EUR``...), ``times``, a duration unit (``years``, ``months``,
``days``...), ``people`` (the counted noun is people: "700,000 people",
"almost 200 wounded"), ``count`` (anything else counted: "1,000 houses"),
``date``, ``year``, ``decade``, ``century``, ``relative date``, or ``None``
for a bare number.  ``normalized`` gives dates and durations in ISO 8601 /
EDTF form ("XXXX-09-27", "1992", "199X", "18XX", "P28Y").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.document import Interview, NumberMention
from onrecord.facts import lexicon
from onrecord.facts.nlp import Segment, parse

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_FULL_MONTH = r"(?:January|February|March|April|June|July|August|September|October|November|December)"
_ORD = r"(?:st|nd|rd|th)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORDNUM = "|".join(
    sorted(
        [*lexicon.UNITS_WORDS, "hundred", "thousand", "million", "billion", "trillion", "dozen"], key=len, reverse=True
    )
)
_WORDS = (
    rf"(?:(?:a|an)\s+(?:hundred|thousand|million|billion|dozen)|"
    rf"(?:{_WORDNUM})(?:(?:\s+and\s+|[\s-])(?:{_WORDNUM}))*)"
)
_SCALE = r"(?:hundred|thousand|million|billion|trillion|mln|bn)"
_NUM = rf"(?:{_DIGITS}(?:\s+{_SCALE})?|{_WORDS})"
_QUAL = "|".join(re.escape(q) for q in sorted(lexicon.QUALIFIERS, key=len, reverse=True))
_TEMPORAL_QUAL = (
    r"(?:(?:at|in|by|towards?)\s+the\s+(?:very\s+)?(?:beginning|start|end|middle|turn)\s+of|"
    r"in\s+the\s+(?:early|late|mid)|since|until|till|before|after|during|in|from|by|on|of)"
)
_DUR_UNIT = "|".join(sorted(lexicon.DURATION_UNITS, key=len, reverse=True))
_CUR_WORDS = "|".join(sorted((k for k in lexicon.CURRENCIES if k.isalpha()), key=len, reverse=True))
_FUZZY = (
    r"(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|tens\s+of\s+millions|hundreds\s+of\s+millions|"
    r"dozens|scores|hundreds|thousands|millions|billions)"
)
_FRACTION = (
    r"(?:half|(?:a|an|one)\s+half|(?:a|one)[\s-](?:third|quarter|fifth|tenth)|two[\s-]thirds|"
    r"three[\s-]quarters)"
)

_I = re.IGNORECASE
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date_dmy",
        re.compile(
            rf"\b(?:on\s+)?the\s+(?P<day>\d{{1,2}}){_ORD}\s+of\s+(?P<month>{_MONTH})"
            rf"(?:,?\s+(?P<year>\d{{4}}))?\b"
        ),
    ),
    ("date_mdy", re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:{_ORD})?(?:,?\s+(?P<year>\d{{4}}))?\b")),
    ("date_dm", re.compile(rf"\b(?P<day>\d{{1,2}})(?:{_ORD})?\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>\d{{4}}))?\b")),
    ("month_year", re.compile(rf"\b(?P<month>{_FULL_MONTH}|May)\s+(?P<year>\d{{4}})\b")),
    (
        "month",
        re.compile(
            rf"\b(?P<q>in|since|until|by|last|this|next|early|late|mid-)\s*(?P<month>{_FULL_MONTH})"
            rf"(?:,?\s+(?P<year>\d{{4}}))?\b"
        ),
    ),
    (
        "century",
        re.compile(
            rf"\b(?:(?P<q>{_TEMPORAL_QUAL})\s+)?the\s+(?P<n>\d{{1,2}}{_ORD}|"
            rf"{'|'.join(lexicon.ORDINAL_WORDS)})\s+century\b",
            _I,
        ),
    ),
    (
        "decade",
        re.compile(
            rf"\b(?:(?P<q>{_TEMPORAL_QUAL})\s+)?the\s+(?:(?P<c>1[5-9]|20)?(?P<d>\d)0|"
            rf"(?P<c2>1[5-9]|20)(?P<d2>\d)0)[’']?s\b",
            _I,
        ),
    ),
    (
        "duration",
        re.compile(
            rf"\b(?:(?P<q>for|over|in|during|within|after|since|the\s+(?:last|past|next)|"
            rf"(?:{_QUAL}))\s+)?(?:(?P<n>{_NUM})|(?P<fz>{_FUZZY})\s+of)\s+(?P<u>{_DUR_UNIT})"
            rf"(?:\s+(?P<ago>ago|old|later|earlier))?\b",
            _I,
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?:(?P<q>in|since|until|till|by|before|after|from|during|of|year)\s+)?"
            r"(?P<y>1[5-9]\d\d|20\d\d)\b(?![,.]\d)"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?:last|this|next|past)\s+(?:year|month|week|decade|century|spring|summer|"
            r"autumn|fall|winter)\b|\b(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
            r"Saturday|Sunday)\b|\b(?:a\s+(?:year|month|week|decade)|(?:two|three|four|five|"
            r"several|few)\s+(?:years|months|weeks|days))\s+ago\b",
            _I,
        ),
    ),
    ("money_sym", re.compile(rf"(?:\b(?P<q>{_QUAL})\s+)?(?P<cur>[$€£])\s?(?P<n>{_DIGITS}(?:\s+{_SCALE})?)", _I)),
    (
        "money_word",
        re.compile(
            rf"\b(?:(?P<q>{_QUAL})\s+)?(?:(?P<n>{_NUM})|(?P<fz>{_FUZZY})\s+of)\s+"
            rf"(?:US\s+)?(?P<cur>{_CUR_WORDS})\b",
            _I,
        ),
    ),
    (
        "percent",
        re.compile(
            rf"\b(?:(?P<q>{_QUAL})\s+)?(?P<n>{_NUM})\s*(?P<u>%|percent\b|per\s+cent\b|pct\b|"
            r"percentage\s+points?\b)",
            _I,
        ),
    ),
    ("times", re.compile(rf"\b(?:(?P<q>{_QUAL})\s+)?(?:(?P<n>{_NUM})\s+times|(?P<m>once|twice|thrice))\b", _I)),
    ("fraction", re.compile(rf"\b(?:(?P<q>{_QUAL})\s+)?(?P<f>{_FRACTION})(?=\s+(?:of|the|a)\b)", _I)),
    ("fuzzy", re.compile(rf"\b(?:(?P<q>{_QUAL})\s+)?(?P<fz>{_FUZZY})(?:\s+of\b)?", _I)),
    ("number", re.compile(rf"(?:\b(?P<q>{_QUAL})\s+)?(?P<n>\b{_NUM}\b)", _I)),
]
_TRIGGER = re.compile(
    r"\d|[$€£]|\b(?:"
    + "|".join(
        sorted(
            {
                w
                for w in [
                    *lexicon.UNITS_WORDS,
                    *lexicon.SCALE_WORDS,
                    *lexicon.ORDINAL_WORDS,
                    *lexicon.MULTIPLES,
                    *lexicon.MONTHS,
                    "dozens",
                    "scores",
                    "hundreds",
                    "thousands",
                    "millions",
                    "billions",
                    "last",
                    "this",
                    "next",
                    "past",
                    "ago",
                    "century",
                    "centuries",
                    "monday",
                    "tuesday",
                    "wednesday",
                    "thursday",
                    "friday",
                    "saturday",
                    "sunday",
                ]
                if len(w) > 2
            },
            key=len,
            reverse=True,
        )
    )
    + r")\b",
    re.I,
)
_BEFORE = 40  # longest qualifier / temporal lead-in ("at the very beginning of the") fits in this
_AFTER = 60
_PRIORITY = {name: i for i, (name, _) in enumerate(_PATTERNS)}
_TEMPORAL = frozenset({"date", "date_m", "century", "decade"})
_FUZZY_VALUE = {
    "dozens": 12.0,
    "scores": 20.0,
    "hundreds": 100.0,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "tens of thousands": 1e4,
    "hundreds of thousands": 1e5,
    "tens of millions": 1e7,
    "hundreds of millions": 1e8,
}


# words that may follow a year ("in 2015 the G20 met"), unlike a counted noun ("2000 people")
_AFTER_YEAR = (
    r"\s+(?:and|or|to|until|till|when|but|the|a|an|in|on|at|for|with|was|were|is|are|had|has|we|"
    r"i|he|she|they|it|there|this|that|after|before|elections?|census|budget|season|war)\b"
)


def _fuzzy(words: str) -> float | None:
    """Value of a vague quantity word: its order of magnitude ("thousands" -> 1000, "tens of thousands" -> 1e4)."""
    return _FUZZY_VALUE.get(re.sub(r"\s+", " ", words.lower()))


@dataclass
class _Hit:
    kind: str
    start: int  # absolute offsets
    end: int
    value: float | None
    unit: str | None
    qualifier: str | None
    normalized: str | None = None
    num_end: int = 0  # where the number (and its unit word) ends, for the counted noun
    want_counts: bool = False


def words_to_number(text: str) -> float | None:
    """Value of a number written in digits or words ("1,000", "2.5 million", "twenty-five", "a hundred")."""
    t = text.lower().replace(",", "").strip()
    parts = t.split()
    if parts and re.fullmatch(r"\d+(?:\.\d+)?", parts[0]):
        value = float(parts[0])
        for p in parts[1:]:
            value *= lexicon.SCALE_WORDS.get(p, 1.0)
        return value
    total = 0.0
    current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", t):
        if w in ("and", ""):
            continue
        if w in ("a", "an"):
            current = max(current, 1.0)
            continue
        if w in lexicon.UNITS_WORDS:
            current += lexicon.UNITS_WORDS[w]
            seen = True
        elif w == "hundred":
            current = max(current, 1.0) * 100
            seen = True
        elif w in lexicon.SCALE_WORDS:
            total += max(current, 1.0) * lexicon.SCALE_WORDS[w]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def _ordinal(text: str) -> int | None:
    m = re.match(r"(\d+)", text)
    if m:
        return int(m.group(1))
    return lexicon.ORDINAL_WORDS.get(text.lower())


def _qual(raw: str | None) -> str | None:
    if not raw:
        return None
    key = re.sub(r"\s+", " ", raw.lower())
    if key in lexicon.QUALIFIERS:
        return lexicon.QUALIFIERS[key]
    return key


def _embedded_in_code(text: str, s: int, e: int) -> bool:
    """Digits that are part of a model code or identifier ("F-16s", "SU-25", "MO-95", "COVID-19")."""
    if s > 0 and text[s - 1] in "-/" and s > 1 and text[s - 2].isalnum():
        return True
    if e + 1 < len(text) and text[e] in "/:" and text[e + 1].isdigit():
        return True  # "24/7", "9/11", "10:30" are not quantities
    if s > 0 and text[s - 1].isalpha():
        return True
    return e < len(text) and (
        text[e].isalpha()
        or (
            text[e] == "-"
            and e + 1 < len(text)
            and text[e + 1].isalpha()
            and not text[e + 1 : e + 5].lower().startswith("year")
        )
    )


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` around anything that can start a number, cut at spaces, merged when they meet.

    The patterns are big alternations that Python's ``re`` tries at every position; running them only
    around a trigger (a digit, a number or month word...) makes the stage about ten times faster.
    """
    out: list[tuple[int, int]] = []
    for m in _TRIGGER.finditer(text):
        s = text.rfind(" ", 0, max(0, m.start() - _BEFORE))
        s = 0 if s < 0 else s
        e = text.find(" ", min(len(text), m.end() + _AFTER))
        e = len(text) if e < 0 else e
        # start and end at a sentence-ish boundary so that \b and look-behinds see real context
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _match_hits(text: str, base: int) -> list[_Hit]:
    hits: list[_Hit] = []
    for ws, we in _windows(text):
        window = text[:we]
        for kind, pat in _PATTERNS:
            for m in pat.finditer(window, ws):
                hit = _make_hit(kind, m, window, base)
                if hit is not None:
                    hits.append(hit)
    # longest first, then by pattern priority; drop overlaps
    hits.sort(key=lambda h: (0 if h.kind in _TEMPORAL else 1, -(h.end - h.start), _PRIORITY.get(h.kind, 99)))
    chosen: list[_Hit] = []
    for h in hits:
        if any(h.start < c.end and c.start < h.end for c in chosen):
            continue
        chosen.append(h)
    chosen.sort(key=lambda h: h.start)
    return chosen


def _make_hit(kind: str, m: re.Match[str], text: str, base: int) -> _Hit | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    if kind.startswith("date") or kind in ("month_year", "month"):
        month = lexicon.MONTHS.get(g["month"].lower().rstrip("."))
        if month is None:
            return None
        day = int(g["day"]) if g.get("day") else None
        if day is not None and not 1 <= day <= 31:
            return None
        year = g.get("year")
        if text[s : s + 3].lower() == "on ":
            s += 3
        elif kind == "month" and g.get("q", "").lower() == "in":
            s = m.start("month")
        norm = f"{year or 'XXXX'}-{month:02d}" + (f"-{day:02d}" if day else "")
        qual = _qual(g.get("q")) if kind == "month" and g.get("q") in ("since", "until", "by") else None
        value = float(day) if day else None
        return _Hit("date" if kind != "month" else "date_m", base + s, base + e, value, "date", qual, norm)
    if kind == "century":
        n = _ordinal(g["n"])
        if n is None:
            return None
        return _Hit(kind, base + s, base + e, float(n), "century", _qual(g.get("q")), f"{n - 1:02d}XX")
    if kind == "decade":
        c = g.get("c") or g.get("c2")
        d = g.get("d") if g.get("d") is not None else g.get("d2")
        if d is None:
            return None
        century = c or ("19" if int(d) >= 3 else "20")
        year = int(century + d + "0")
        return _Hit(kind, base + s, base + e, float(year), "decade", _qual(g.get("q")), f"{century}{d}X")
    if kind == "duration":
        if g.get("n"):
            value = words_to_number(g["n"])
            if value is None or _embedded_in_code(text, m.start("n"), m.end("n")):
                return None
            q = _qual(g.get("q"))
            if g["n"].lower() in ("one", "a", "an") and not g.get("q"):
                return None  # "One day, ..." is an idiom, not a duration
        else:
            value = _fuzzy(g["fz"])
            q = "several"
        unit = lexicon.DURATION_UNITS[g["u"].lower()]
        if q in ("for", "over", "in", "during", "within", "the last", "the past", "the next"):
            q = None if q in ("for", "in", "during", "within") else q
        rel = g["ago"].lower() if g.get("ago") else None
        if rel and q is None:
            q = rel
        letter = {
            "years": "Y",
            "months": "M",
            "weeks": "W",
            "days": "D",
            "decades": "Y",
            "centuries": "Y",
            "hours": "H",
            "minutes": "M",
        }[unit]
        iso: str | None = None
        if value is not None:
            amount = value * (10 if unit == "decades" else 100 if unit == "centuries" else 1)
            amt = f"{amount:g}"
            iso = f"PT{amt}{letter}" if unit in ("hours", "minutes") else f"P{amt}{letter}"
            if rel in ("ago", "later", "earlier"):
                iso = f"{iso} {rel}"  # a point in time, that far from the time of speaking
        return _Hit(kind, base + s, base + e, value, unit, q, iso)
    if kind == "year":
        y = int(g["y"])
        after = text[m.end() : m.end() + 20]
        q = (g.get("q") or "").lower() or None
        # "2000 people": a count, not a year, unless a preposition says it is a time
        if q is None and re.match(r"\s+[a-z]", after) and not re.match(_AFTER_YEAR, after):
            return None
        if _embedded_in_code(text, m.start("y"), m.end("y")):
            return None
        qual = q if q in ("since", "until", "till", "before", "after", "by") else None
        if q in ("of", "year", "in", "from", "during"):
            s = m.start("y")
        norm = f"{y}/.." if qual == "since" else f"../{y}" if qual in ("until", "till", "before") else str(y)
        return _Hit(kind, base + s, base + e, float(y), "year", qual, norm)
    if kind == "relative":
        t = m.group().lower()
        if t.startswith("on "):
            s += 3
        return _Hit(kind, base + s, base + e, None, "relative date", None, re.sub(r"\s+", " ", text[s:e]))
    if kind in ("money_sym", "money_word"):
        if g.get("n"):
            value = words_to_number(g["n"])
            if value is None:
                return None
            q = _qual(g.get("q"))
        else:
            value = _fuzzy(g["fz"])
            q = "several"
        cur = lexicon.CURRENCIES[g["cur"].lower()]
        return _Hit("money", base + s, base + e, value, cur, q)
    if kind == "percent":
        value = words_to_number(g["n"])
        if value is None:
            return None
        h = _Hit(kind, base + s, base + e, value, "percent", _qual(g.get("q")))
        h.num_end, h.want_counts = base + e, True
        return h
    if kind == "times":
        value = lexicon.MULTIPLES[g["m"].lower()] if g.get("m") else words_to_number(g["n"])
        if value is None:
            return None
        return _Hit(kind, base + s, base + e, value, "times", _qual(g.get("q")))
    if kind == "fraction":
        key = re.sub(r"[\s-]+", " ", g["f"].lower())
        h = _Hit(
            kind,
            base + s,
            base + e,
            lexicon.FRACTIONS.get(key, 0.5 if "half" in key else None),
            "fraction",
            _qual(g.get("q")),
        )
        h.num_end, h.want_counts = base + e, True
        return h
    if kind == "fuzzy":
        value = _fuzzy(g["fz"])
        h = _Hit(kind, base + s, base + e, value, None, _qual(g.get("q")) or "several")
        h.num_end, h.want_counts = base + e, True
        return h
    if kind == "number":
        ns, ne = m.start("n"), m.end("n")
        raw = g["n"]
        if _embedded_in_code(text, ns, ne):
            return None
        value = words_to_number(raw)
        if value is None:
            return None
        low = raw.lower()
        q = _qual(g.get("q"))
        if low == "one" and q not in ("at least", "only", "more than", "exactly", "less than", "at most"):
            # "one" is mostly a pronoun or determiner ("one of them", "tell you about one fake");
            # keep it only with a qualifier that makes it a count
            return None
        if q and re.search(r"\bthe\s*$", text[max(0, s - 5) : s], re.IGNORECASE):
            return None
        if q in ("since", "until", "by", "before", "after"):  # temporal words are not quantity qualifiers
            s, q = ns, None
        if low in ("zero",) and not q:
            return None
        h = _Hit(kind, base + s, base + e, value, None, q)
        h.num_end, h.want_counts = base + e, True
        return h
    return None


_COUNT_POS = {"NOUN", "PROPN", "ADJ"}


def _counted(seg: Segment, abs_pos: int, text: str) -> tuple[str | None, int]:
    """The noun phrase counted by the number ending at ``abs_pos``, and where it ends (absolute)."""
    doc = seg.doc
    rel = abs_pos - seg.start
    toks = [t for t in doc if t.idx >= rel]
    if not toks:
        return None, abs_pos
    i = 0
    first = toks[0]
    if first.lower_ == "of" and len(toks) > 1:
        i = 1
        while i < len(toks) and (toks[i].pos_ == "DET" or toks[i].tag_ == "PRP$"):
            i += 1
    elif first.idx - rel > 1:
        return None, abs_pos
    start_i = i
    last_noun = -1
    while i < len(toks):
        t = toks[i]
        if t.is_punct or t.is_space:
            break
        if t.like_num and i > start_i:
            break
        if (
            t.pos_ in ("NOUN", "PROPN")
            or (t.pos_ == "ADJ" and i == start_i)
            or (i == start_i and t.tag_ in ("VBN", "JJ") and t.lower_ in lexicon.PEOPLE_NOUNS)
        ):
            last_noun = i
            if t.pos_ == "NOUN" and (i + 1 >= len(toks) or toks[i + 1].pos_ not in ("NOUN", "PROPN")):
                break
            i += 1
            continue
        if t.pos_ in _COUNT_POS or (t.pos_ == "VERB" and t.tag_ == "VBN" and i == start_i):
            i += 1
            continue
        break
    if last_noun < start_i:
        return None, abs_pos
    first_tok = toks[start_i]
    last_tok = toks[last_noun]
    s = seg.start + first_tok.idx
    e = seg.start + last_tok.idx + len(last_tok.text)
    return text[s:e], e


def _unit_for(counts: str | None) -> str | None:
    if counts is None:
        return None
    head = counts.split()[-1].lower()
    return "people" if head in lexicon.PEOPLE_NOUNS else "count"


def find_numbers(doc: Interview) -> list[NumberMention]:
    """Every quantity, date and duration spoken in the turns of ``doc``."""
    out: list[NumberMention] = []
    text = doc.text
    for seg in parse(doc):
        if seg.turn is None:
            continue
        for h in _match_hits(text[seg.start : seg.end], seg.start):
            counts: str | None = None
            end = h.end
            unit = h.unit
            if h.want_counts:
                counts, c_end = _counted(seg, h.num_end, text)
                if counts is not None:
                    end = c_end
                    if unit is None:
                        unit = _unit_for(counts)
                elif text[h.start : end].endswith(" of"):
                    end -= 3  # "tens of thousands of them": nothing named is counted
            # a bare small number with nothing counted is rarely a quantity ("two of them" aside)
            if (
                h.kind == "number"
                and counts is None
                and h.value is not None
                and h.value < 10
                and not h.qualifier
                and not re.match(r"\s+of\b", text[h.end : h.end + 4])
            ):
                continue
            out.append(
                NumberMention(
                    start=h.start,
                    end=end,
                    text=text[h.start : end],
                    value=h.value,
                    unit=unit,
                    counts=counts,
                    qualifier=h.qualifier,
                    normalized=h.normalized,
                )
            )
    return out
