"""The explainable claim-type rules."""

from __future__ import annotations

import pytest

from onrecord.claims.types import CLAIM_TYPES, claim_type


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We lost 700,000 jobs in the last year.", "statistic"),
        ("Unemployment is at about 25 percent.", "statistic"),
        ("There were ten joint military exercises this year.", "statistic"),
        ("The deficit has doubled since he took office.", "statistic"),
        ("It costs $4 billion a year.", "statistic"),
        ("Amnesty International claims that civilians were targeted.", "attribution"),
        ("The French foreign minister told reporters that the talks had failed.", "attribution"),
        ("Prices will go down next year.", "prediction"),
        ("They are going to raise your taxes.", "prediction"),
        ("Crime is lower than it was under the last government.", "comparison"),
        ("Our economy is the strongest in the region.", "comparison"),
        ("Thousands of jobs left because of the trade deal.", "statistic"),
        ("Factories closed because of the trade deal.", "causal"),
        ("The war led to the collapse of the currency.", "causal"),
        ("We oppose the deal.", "position"),
        ("I strongly support the ceasefire.", "position"),
        ("Troops crossed the border on September 27.", "event"),
        ("In 2003 the army invaded Iraq.", "event"),
    ],
)
def test_type_rules(text: str, expected: str) -> None:
    kind, cue = claim_type(text)
    assert kind == expected, (text, kind, cue)
    assert kind in CLAIM_TYPES
    assert (cue is None) == (kind == "event")
    if cue is not None:
        assert cue in text


def test_years_and_days_are_not_statistics() -> None:
    assert claim_type("On the 7th of October 2023 it began.")[0] == "event"
    assert claim_type("At the beginning of the 90s the country was at war.")[0] == "event"
