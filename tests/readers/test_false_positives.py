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
        ("GUEST: Marisa Kent is a wonderful editor and she cut half of it.", "she cut half of it."),
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


def test_paragraphs_that_open_like_labels_inside_answers_stay_speech() -> None:
    """A person named in the header, or a script's "Narrator:", opening a paragraph of an answer is what the
    speaker says, not a new speaker."""
    text = (
        "Amy Lin on Frederick Douglass and the camera\n\n"
        "PAUL GRANT: Why was Douglass photographed so often?\n\n"
        "AMY LIN: He understood that a portrait could argue.\n\n"
        "Frederick Douglass: the most photographed American of his century, and he chose every pose.\n\n"
        "PAUL GRANT: And the film? It opens with a voice-over.\n\n"
        "AMY LIN: It reads like this.\n\nNarrator: It was the summer the river froze.\n\n"
        "PAUL GRANT: Thank you.\n"
    )
    doc = analyze(text, stages=[])
    assert [t.speaker for t in doc.turns] == ["Paul Grant", "Amy Lin"] * 2 + ["Paul Grant"]


def test_an_objection_said_in_jest_and_a_statement_ending_over_here_are_put() -> None:
    text = (
        "TV interview\n\nDANA COLE: Marcus, what makes a good deposition?\n\nMARCUS WHITFIELD: Short questions.\n\n"
        "DANA COLE: Objection, counsel, that sounds like a sales pitch.\n\n"
        "MARCUS WHITFIELD: It is one.\n\nDANA COLE: The pills are made abroad. It's shipped over here.\n\n"
        "MARCUS WHITFIELD: Mostly by mail.\n"
    )
    asked = [x.question.text for x in analyze(text, stages=[]).exchanges]
    assert asked == [
        "Marcus, what makes a good deposition?",
        "Objection, counsel, that sounds like a sales pitch.",
        "It's shipped over here.",
    ]


def test_a_cast_list_entry_with_a_title_and_a_line_after_it() -> None:
    text = (
        "The Long Table, episode 88\nGuest: Dr. Amara Osei, epidemiologist\nRecorded 2 May 2024\n\n"
        "Host: Welcome back. Why measles?\n\nGuest: Because it comes back first.\n\n"
        "Host: And then?\n\nGuest: Then everything else.\n"
    )
    doc = analyze(text, stages=[])
    assert doc.metadata.date == "2024-05-02"
    assert [t.speaker for t in doc.turns] == ["Host", "Amara Osei"] * 2
