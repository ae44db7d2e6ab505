"""Header metadata: who was interviewed, where and when, read from the words of the header."""

from __future__ import annotations

import pytest

from onrecord.pipeline import analyze
from onrecord.structure.metadata import find_interviewee


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("CNN broadcast interview with President Ilham Aliyev", ("Ilham Aliyev", "President")),
        ("Remarks by President Biden in Press Conference", ("Biden", "President")),
        ("Press Gaggle by President Trump Aboard Air Force One En Route to Miami", ("Trump", "President")),
        ("Remarks by President Biden and President Zelenskyy of Ukraine", ("Biden", "President")),
        ("Press Briefing by Press Secretary Jen Psaki", (None, None)),
    ],
)
def test_interviewee_from_header(header: str, expected: tuple[str | None, str | None]) -> None:
    assert find_interviewee(header) == expected


def test_the_president_label_takes_the_name_in_the_title() -> None:
    text = (
        "Remarks by President Biden in Press Conference\n\n"
        "THE PRESIDENT: Good afternoon.\n\n"
        "Q: Mr. President, will you run again?\n\n"
        "THE PRESIDENT: My plan is to run for reelection.\n"
    )
    doc = analyze(text, stages=())
    assert {(t.speaker, t.role) for t in doc.turns if t.role == "interviewee"} == {("Biden", "interviewee")}
