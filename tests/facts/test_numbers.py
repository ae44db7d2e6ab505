from __future__ import annotations

import pytest

from onrecord import Interview, analyze
from onrecord.document import NumberMention
from onrecord.facts.numbers import words_to_number


def _find(doc: Interview, text: str) -> NumberMention:
    hits = [n for n in doc.numbers if text in n.text]
    assert hits, f"no number mention contains {text!r}: {[n.text for n in doc.numbers]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "counts", "qualifier"),
    [
        ("almost 200 wounded", 200, "people", "wounded", "almost"),
        ("more than 1,000 houses", 1000, "count", "houses", "more than"),
        ("about 25 percent", 25, "percent", "population", "about"),
        ("700,000 people", 700_000, "people", "people", None),
        ("ten joint military exercises", 10, "count", "joint military exercises", None),
        ("two military exercises", 2, "count", "military exercises", "only"),
        ("five times", 5, "times", None, None),
        ("31 victims", 31, "people", "victims", None),
        ("99 percent", 99, "percent", "Armenians", None),
        ("billions of dollars", 1e9, "USD", None, "several"),
        ("at least one", 1, "count", "bases", "at least"),
    ],
)
def test_seed_quantities(
    seed: Interview, text: str, value: float, unit: str | None, counts: str | None, qualifier: str | None
) -> None:
    n = _find(seed, text)
    assert n.value == value
    assert n.unit == unit
    assert n.counts == counts
    assert n.qualifier == qualifier
    assert seed.text[n.start : n.end] == n.text


@pytest.mark.parametrize(
    ("text", "unit", "normalized", "qualifier"),
    [
        ("September 27th", "date", "XXXX-09-27", None),
        ("the 7th of October", "date", "XXXX-10-07", None),
        ("for 28 years", "years", "P28Y", None),
        ("since 1992", "year", "1992/..", "since"),
        ("at the beginning of the 90s", "decade", "199X", "at the beginning of"),
        ("the 19th century", "century", "18XX", "at the beginning of"),
        ("since the 1990s", "decade", "199X", "since"),
    ],
)
def test_seed_dates_and_durations(
    seed: Interview, text: str, unit: str, normalized: str, qualifier: str | None
) -> None:
    n = _find(seed, text)
    assert n.unit == unit
    assert n.normalized == normalized
    assert n.qualifier == qualifier


def test_seed_no_numbers_from_model_codes(seed: Interview) -> None:
    texts = [n.text for n in seed.numbers]
    assert not any(t in ("16", "25", "95") for t in texts)  # F-16s, SU-25, MO-95
    assert not any("One day" in t or t.startswith("One of") for t in texts)


def test_every_span_is_exact(seed: Interview) -> None:
    assert seed.numbers
    for n in seed.numbers:
        assert seed.text[n.start : n.end] == n.text


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("twenty-five", 25),
        ("a hundred", 100),
        ("two thousand three hundred", 2300),
        ("1,000", 1000),
        ("2.5 million", 2.5e6),
        ("seven", 7),
        ("banana", None),
    ],
)
def test_words_to_number(words: str, value: float | None) -> None:
    assert words_to_number(words) == value


def test_small_interview_units() -> None:
    doc = analyze(
        "Q: How much did it cost?\n\nA: It cost $3.5 billion, roughly 12% of the budget, and twice what we planned. "
        "Nearly two thousand soldiers served for three months, until March 2020.\n",
        stages=["numbers"],
    )
    by_text = {n.text: n for n in doc.numbers}
    money = next(n for t, n in by_text.items() if "$3.5 billion" in t)
    assert (money.value, money.unit) == (3.5e9, "USD")
    pct = next(n for t, n in by_text.items() if "12%" in t)
    assert (pct.value, pct.unit, pct.qualifier) == (12, "percent", "about")
    twice = next(n for t, n in by_text.items() if "twice" in t)
    assert (twice.value, twice.unit) == (2, "times")
    soldiers = next(n for t, n in by_text.items() if "soldiers" in t)
    assert (soldiers.value, soldiers.unit, soldiers.qualifier) == (2000, "people", "almost")
    months = next(n for t, n in by_text.items() if "three months" in t)
    assert (months.value, months.unit, months.normalized) == (3, "months", "P3M")
    march = next(n for t, n in by_text.items() if "March 2020" in t)
    assert march.normalized == "2020-03"


def test_fractions_vague_amounts_and_non_quantities() -> None:
    doc = analyze(
        "Q: What changed?\n\nA: Unemployment fell from 7.5% to 5 percent in 2019. Tens of thousands of them left. "
        "A dozen states joined. Between 2010 and 2015 the G20 met six times. It is a 24/7 job since 9/11. "
        "About two-thirds of voters agree. Some 40 years ago it was different. We created 1.5 million jobs.\n",
        stages=["numbers"],
    )
    by_text = {n.text: n for n in doc.numbers}
    assert by_text["Tens of thousands"].value == 1e4 and by_text["Tens of thousands"].qualifier == "several"
    assert by_text["A dozen states"].value == 12 and by_text["A dozen states"].counts == "states"
    assert by_text["2015"].unit == "year"  # a year, although a lower-case word follows
    thirds = by_text["About two-thirds of voters"]
    assert (thirds.unit, thirds.counts, thirds.qualifier) == ("fraction", "voters", "about")
    assert abs((thirds.value or 0) - 2 / 3) < 1e-9
    ago = by_text["Some 40 years ago"]
    assert (ago.value, ago.unit, ago.qualifier, ago.normalized) == (40, "years", "about", "P40Y ago")
    assert by_text["1.5 million jobs"].unit == "count"  # jobs are not people
    assert not any(t.startswith(("24", "9", "11")) for t in by_text)  # "24/7", "9/11"
