"""The motivating document, read end to end by the structure stage alone.

Figures here were counted by hand from the transcript: 51 turns opened by a dash
(or, twice, by nothing), the interviewer speaking 26 times and President Aliyev 25.
"""

from __future__ import annotations

import pytest

from onrecord.document import Interview
from onrecord.pipeline import analyze
from support import SEED


@pytest.fixture(scope="module")
def seed() -> Interview:
    if not SEED.exists():
        pytest.skip("../shared/seeds is not available")
    return analyze(SEED.read_bytes(), stages=(), name=SEED.name)


def test_turns_and_roles(seed: Interview) -> None:
    roles = [t.role for t in seed.turns]
    assert len(seed.turns) == 51
    assert roles.count("interviewer") == 26
    assert roles.count("interviewee") == 25
    assert all(t.speaker in {None, "Ilham Aliyev"} for t in seed.turns)
    assert {t.speaker for t in seed.turns if t.role == "interviewee"} == {"Ilham Aliyev"}


def test_metadata_from_header(seed: Interview) -> None:
    md = seed.metadata
    assert md.outlet == "CNN International"
    assert md.program == "The Connect World"
    assert md.date_text == "October 9"
    assert md.date is None  # no year in the document: not guessed
    assert ("Ilham Aliyev", "interviewee") in {(p.name, p.role) for p in md.participants}
    assert (None, "interviewer") in {(p.name, p.role) for p in md.participants}


def test_header_and_trailer_are_boilerplate_not_speech(seed: Interview) -> None:
    texts = [seed.text[b.start : b.end] for b in seed.boilerplate]
    assert "Latest news" in texts
    assert any(t.startswith("On October 9, The Connect World program") for t in texts)
    for t in seed.turns:
        assert "Latest news" not in t.text
        assert "Report presents the interview" not in t.text


def test_offsets_point_into_the_source(seed: Interview) -> None:
    for t in seed.turns:
        assert seed.text[t.start : t.end] == t.text
    for x in seed.exchanges:
        assert seed.text[x.question.start : x.question.end] == x.question.text
        if x.answer is not None:
            assert seed.text[x.answer.start : x.answer.end] == x.answer.text


def test_interrupted_and_undashed_turns_stay_with_their_speaker(seed: Interview) -> None:
    first = next(t for t in seed.turns if t.text.startswith("First of all"))
    assert first.role == "interviewee"
    for a, b in zip(seed.turns, seed.turns[1:], strict=False):
        assert a.end <= b.start


def test_pushback_marks_the_answer_that_missed(seed: Interview) -> None:
    pushed = [x for x in seed.exchanges if x.pushback]
    evidence = [x.pushback_evidence.text for x in pushed if x.pushback_evidence]
    assert any("that wasn't the question" in e for e in evidence)
    assert any("categorically deny" in e for e in evidence)
    # pushback is about an answer: it never marks an exchange that had none
    assert all(x.answer is not None for x in pushed)


def test_follow_ups_and_role_reversal(seed: Interview) -> None:
    ids = {x.id for x in seed.exchanges}
    follow = [x for x in seed.exchanges if x.follow_up_of]
    assert follow and all(x.follow_up_of in ids for x in follow)
    reversed_ = [x for x in seed.exchanges if x.asked_by == "interviewee"]
    assert len(reversed_) >= 1
    x = reversed_[0]
    asker = next(t for t in seed.turns if t.id == x.question.turn)
    assert asker.role == "interviewee"
    assert x.answer is not None
    assert next(t for t in seed.turns if t.id == x.answer.turn).role == "interviewer"


def test_casualty_question_is_paired_with_its_refusal(seed: Interview) -> None:
    x = next(x for x in seed.exchanges if "casualt" in x.question.text.lower())
    assert x.answer is not None
    assert "disclose" in x.answer.text
