"""Ordinary transcripts that tempt the layout rules: what was said stays said, and prose stays prose."""

from __future__ import annotations

import pytest

from onrecord.pipeline import analyze
from onrecord.structure.metadata import find_interviewee, find_outlet


def _last_turn(text: str) -> str:
    return analyze(text, stages=[]).turns[-1].text


@pytest.mark.parametrize(
    ("ending", "kept"),
    [
        # a host's sign-off is the host's words, even when it sounds like a publisher's
        ("HOST: Thank you for watching, and subscribe to our channel.", "subscribe to our channel."),
        ("GUEST: My name has been edited out of the history books.", "edited out of the history books."),
        ("GUEST: Copyright law was the only thing that stopped them.", "stopped them."),
        ("GUEST: It was a tin box.\n\n* * *\n\nMy brother wanted to throw it away. I kept it.", "I kept it."),
        ("GUEST: I am running because --\n\n---\n\n-- because nobody else will.", "nobody else will."),
        ("GUEST: Watch the flour price.\n\nThanks for listening to me ramble, Kevin. This was fun.", "This was fun."),
    ],
)
def test_spoken_endings_are_not_trailer(ending: str, kept: str) -> None:
    text = f"HOST: Why now?\n\nGUEST: Because the river rose.\n\n{ending}\n"
    assert _last_turn(text).endswith(kept)


def test_acronyms_opening_wrapped_lines_are_not_hearing_labels() -> None:
    text = (
        "HOST: Who investigated?\n\nGUEST: Three agencies looked at it over the years. First\n"
        "The FBI. Then a state panel, and after that\nThe ACLU. Finally a newspaper, and\n"
        "The NAACP. None of them found anything.\n\nHOST: Nothing at all?\n\nGUEST: Nothing.\n"
    )
    doc = analyze(text, stages=[])
    assert [t.speaker for t in doc.turns] == ["Host", "Guest", "Host", "Guest"]


def test_a_byline_job_and_a_headline_topic_are_not_outlet_or_interviewee() -> None:
    assert find_outlet("By Jenna Morrow, Staff Writer — May 2, 2024") is None
    assert find_interviewee("Ask the Expert: First-time Buyers on the hunt for a deal") == (None, None)


def test_a_profile_with_italic_subheads_is_not_a_q_and_a() -> None:
    text = (
        "# The Last Lighthouse Keeper\n\nTom Marr has kept the light on Skerry Point for 31 years.\n\n"
        "*Is he lonely?*\n\nHe says he is not. He reads, he fishes, and his daughter visits on Sundays.\n\n"
        "*What will he do when the light is automated?*\n\nHe has not decided. His lease runs out next year, and he "
        "may move to the mainland to be near her.\n"
    )
    doc = analyze(text, stages=[])
    assert doc.layout != "qa" and not doc.exchanges


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("You didn't welcome them.", True),  # a challenge put to the guest
        ("Good morning, Governor.", False),  # a greeting
        ("Governor Morales, thank you.", False),
    ],
)
def test_only_greetings_and_thanks_are_phatic(question: str, asked: bool) -> None:
    text = f"HOST: Why did you close the shelter?\n\nGUEST: Money.\n\nHOST: {question}\n\nGUEST: We did our best.\n"
    doc = analyze(text, stages=[])
    assert (question in [x.question.text for x in doc.exchanges]) is asked
