"""Which interviewer sentences become questions of exchanges."""

from __future__ import annotations

from onrecord.pipeline import analyze

RADIO = """\
STEVE PARKS, HOST:

Governor Tina Ramos of New Mexico joins us now. Good morning, Governor.

TINA RAMOS: Good morning, Steve.

PARKS: How much money are we talking about?

RAMOS: About three hundred million dollars.

PARKS: Governor, glad to have you. You won the last election on that promise.

RAMOS: And I will keep it.

PARKS: Go ahead, briefly.

RAMOS: The money was appropriated by Congress.

PARKS: Governor Ramos, thank you.

RAMOS: Thank you.
"""


def test_greetings_thanks_and_handovers_are_not_questions() -> None:
    doc = analyze(RADIO, stages=[])
    asked = [x.question.text for x in doc.exchanges]
    # a statement put to the guest still counts after a greeting earlier in the turn
    assert asked == ["How much money are we talking about?", "You won the last election on that promise."]


def test_asked_by_is_the_role_of_whoever_asked() -> None:
    text = (
        "Presidential Debate\n\nMODERATOR: Governor, what is your plan for energy?\n\n"
        "SMITH: Drill and build.\n\nAUDIENCE MEMBER: Senator, will you cut my taxes?\n\n"
        "JONES: Yes, I will.\n\nSMITH: Senator, will you really?\n\nJONES: I said so.\n"
    )
    doc = analyze(text, stages=[])
    assert [(x.question.text, x.asked_by) for x in doc.exchanges][:2] == [
        ("Governor, what is your plan for energy?", "moderator"),
        ("Senator, will you cut my taxes?", "audience"),
    ]


def test_house_rules_said_to_the_room_are_not_put_to_the_speaker() -> None:
    text = (
        "Press conference by the Minister for Water\n\n"
        "MODERATOR: Good afternoon everyone. The Minister will make a short statement and then take questions. "
        "Please wait for the microphone and state your name and outlet.\n\n"
        "MINISTER: Today we are announcing $340 million to replace lead pipes.\n\n"
        "MODERATOR: First question, Jess from Radio New Zealand.\n\n"
        "QUESTION: Minister, how many households still have lead pipes?\n\n"
        "MINISTER: About 9,000.\n\n"
        "MODERATOR: Minister, will you make a statement on the survey too?\n\n"
        "MINISTER: Yes, next week.\n"
    )
    doc = analyze(text, stages=[])
    # a question that happens to mention a statement is still a question
    assert [x.question.text for x in doc.exchanges] == [
        "Minister, how many households still have lead pipes?",
        "Minister, will you make a statement on the survey too?",
    ]
