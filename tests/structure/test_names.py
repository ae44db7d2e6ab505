"""Speaker labels in capitals read as people's names, and outlets' acronyms stay acronyms."""

from __future__ import annotations

import pytest

from onrecord.structure.names import smart_title


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("LESTER HOLT", "Lester Holt"),
        ("JOHN MCCAIN", "John McCain"),
        ("CONAN O'BRIEN", "Conan O'Brien"),
        ("JEAN-PIERRE", "Jean-Pierre"),
        ("MRS", "Mrs"),  # an honorific, not an acronym
        ("RAI", "Rai"),  # a surname as often as the Italian broadcaster: read as a name
        ("Lester Holt", "Lester Holt"),  # not all capitals: left as it is
    ],
)
def test_a_name_in_capitals_is_title_cased(label: str, name: str) -> None:
    assert smart_title(label) == name


@pytest.mark.parametrize(
    ("label", "name"), [("CCTV", "CCTV"), ("AFP", "AFP"), ("NBC NEWS", "NBC News"), ("NHK", "NHK")]
)
def test_an_outlets_acronym_keeps_its_capitals(label: str, name: str) -> None:
    assert smart_title(label) == name
