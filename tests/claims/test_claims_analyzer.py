"""The ``claims`` stage on a hand-built document (structure is not needed to build turns)."""

from __future__ import annotations

from onrecord.analyzers.claims import find_claims
from onrecord.document import Interview, Turn

TEXT = (
    "Q: Is it true that Turkish forces are in your country?\n"
    "A: Thank you. We have lost 3,000 soldiers since September 27. "
    "Amnesty International claims that we used cluster bombs. I think that's a good question."
)


def _doc() -> Interview:
    q0 = TEXT.index("Is it")
    a0 = TEXT.index("Thank you")
    q1 = TEXT.index("\nA:")
    return Interview(
        text=TEXT,
        layout="test",
        turns=[
            Turn(id="t1", speaker="Host", role="interviewer", text=TEXT[q0:q1], start=q0, end=q1),
            Turn(id="t2", speaker="Aliyev", role="interviewee", text=TEXT[a0:], start=a0, end=len(TEXT)),
        ],
    )


def test_claims_have_offsets_types_and_holders() -> None:
    doc = _doc()
    claims = find_claims(doc)
    texts = [c.text for c in claims]
    assert "We have lost 3,000 soldiers since September 27." in texts
    assert "Thank you." not in texts
    assert "I think that's a good question." not in texts
    for c in claims:
        assert doc.text[c.start : c.end] == c.text
        assert c.holder == c.speaker
        assert 0.0 <= c.score <= 1.0
    lost = next(c for c in claims if c.text.startswith("We have lost"))
    assert lost.type == "statistic" and lost.turn == "t2" and lost.speaker == "Aliyev"
    assert [c.id for c in claims] == [f"c{i + 1}" for i in range(len(claims))]


def test_threshold_zero_keeps_every_sentence() -> None:
    assert len(find_claims(_doc(), threshold=0.0)) == 5
