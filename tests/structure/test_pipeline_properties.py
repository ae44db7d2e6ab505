"""Properties of the whole structure stage (reader + roles + exchanges) on
generated transcripts: whatever the text, the document's spans stay consistent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.document import Interview
from onrecord.errors import OnrecordError
from onrecord.pipeline import analyze

_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)
_CLAUSE = st.lists(_WORD, min_size=1, max_size=10).map(" ".join)
_QUESTION = st.builds(lambda c, opener: f"{opener}{c}?", _CLAUSE, st.sampled_from(["", "Sir, ", "Mr. President, "]))
_ANSWER = st.builds(lambda c, tail: f"{c.capitalize()}.{tail}", _CLAUSE, st.sampled_from(["", " Yes.", " No, never."]))


@st.composite
def dash_interview(draw: st.DrawFn) -> str:
    header = draw(st.sampled_from(["", "Interview with President John Smith\n\n", "CNN interview, March 3\n\n"]))
    paragraphs = []
    for _ in range(draw(st.integers(1, 8))):
        dash = draw(st.sampled_from(["-", "—", "- ", ""]))
        paragraphs.append(dash + draw(_QUESTION))
        paragraphs.append(draw(st.sampled_from(["-", "—", "- "])) + draw(_ANSWER))
    trailer = draw(st.sampled_from(["", "\n\nLatest news", "\n\nRead more"]))
    return header + "\n\n".join(paragraphs) + trailer


def _check(doc: Interview) -> None:
    text = doc.text
    previous_end = 0
    for t in doc.turns:
        assert text[t.start : t.end] == t.text
        assert previous_end <= t.start < t.end
        previous_end = t.end
    covered = [False] * len(text)
    for span in [*doc.turns, *doc.boilerplate, *doc.unattributed]:
        for i in range(span.start, span.end):
            covered[i] = True
    lost = [ch for ch, c in zip(text, covered, strict=True) if not c and not ch.isspace() and ch not in "-—"]
    assert not lost, f"text assigned to nothing: {''.join(lost)[:80]!r}"
    turn_of = {t.id: t for t in doc.turns}
    seen: set[str] = set()
    for x in doc.exchanges:
        q = turn_of[x.question.turn]
        assert q.start <= x.question.start < x.question.end <= q.end
        if x.answer is not None:
            assert turn_of[x.answer.turn].start >= q.end
        if x.follow_up_of is not None:
            assert x.follow_up_of in seen
        seen.add(x.id)


@_SETTINGS
@given(dash_interview())
def test_generated_dash_interviews(text: str) -> None:
    doc = analyze(text, stages=(), name="generated")
    _check(doc)
    assert any(t.role == "interviewee" for t in doc.turns)
    assert doc.exchanges, "every generated interview asks at least one question"


@_SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        doc = analyze(text, stages=(), name="arbitrary")
    except OnrecordError:
        return
    _check(doc)
