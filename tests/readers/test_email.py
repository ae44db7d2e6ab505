"""Interviews done by e-mail: quoted questions, unquoted answers, headers that say who is who."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from readers_support import check_invariant

from onrecord.pipeline import analyze
from onrecord.readers import detect, get

REPLY = """\
From: Tomas Varga <tomas@varga-vineyards.example>
To: Lucy Fenwick <lucy.fenwick@valleytimes.example>
Date: Thu, 12 Sep 2024 18:05:44 +0200
Subject: RE: Fwd: Harvest questions

Dear Lucy,

My answers are below.

> How much of this year's harvest did the hail destroy?

About a third of the Riesling, less of the red.

The insurance covers some of it, not all.

> Will prices go up?
>
> Some of your neighbours say they will.

Yes, by around 8 per cent for the 2024 vintage.

Kind regards,
Tomas Varga
Varga Vineyards
"""


def _words(text: str) -> Counter[str]:
    return Counter(text.split())


def test_reply_is_read_as_an_email_interview() -> None:
    assert detect(REPLY).name == "email"
    result = get("email").read(REPLY)
    check_invariant(result)
    said = [(t.speaker, t.role_hint, result.text[t.start : t.end]) for t in result.turns]
    assert said == [
        ("Lucy Fenwick", "interviewer", "How much of this year's harvest did the hail destroy?"),
        (
            "Tomas Varga",
            "interviewee",
            "About a third of the Riesling, less of the red.\n\nThe insurance covers some of it, not all.",
        ),
        ("Lucy Fenwick", "interviewer", "Will prices go up?\n\nSome of your neighbours say they will."),
        ("Tomas Varga", "interviewee", "Yes, by around 8 per cent for the 2024 vintage."),
    ]
    trailer = [result.text[s:e] for s, e, kind in result.boilerplate if kind == "trailer"]
    assert trailer == ["Kind regards,\nTomas Varga\nVarga Vineyards"]
    # only the quote markers are gone
    assert _words(REPLY) - _words(result.text) == Counter({">": 4})


def test_headers_give_title_date_and_names() -> None:
    doc = analyze(REPLY, stages=[])
    assert doc.source_format == "email"
    assert doc.metadata.title == "Harvest questions"
    assert doc.metadata.date == "2024-09-12"
    assert {p.name: p.role for p in doc.metadata.participants} == {
        "Lucy Fenwick": "interviewer",
        "Tomas Varga": "interviewee",
    }
    assert [x.question.text for x in doc.exchanges][:2] == [
        "How much of this year's harvest did the hail destroy?",
        "Will prices go up?",
    ]


def test_the_attribution_line_names_who_asked() -> None:
    """A journalist's archived copy: "From:" the journalist, the reply quoting them by name."""
    text = REPLY.replace("From: Tomas Varga <tomas@varga-vineyards.example>", "From: Lucy Fenwick <lf@x.example>")
    text = text.replace("To: Lucy Fenwick <lucy.fenwick@valleytimes.example>", "To: Tomas Varga <tv@y.example>")
    attribution = "On Wed, 11 Sep 2024, Lucy Fenwick wrote:\n"
    text = text.replace("My answers are below.\n", "My answers are below.\n\n" + attribution)
    result = get("email").read(text)
    assert [t.speaker for t in result.turns] == ["Lucy Fenwick", "Tomas Varga"] * 2


def test_an_email_without_quoted_questions_is_not_an_interview() -> None:
    text = "From: A <a@x.example>\nTo: B <b@y.example>\nSubject: lunch\n\nAre we still on for Friday?\n\nA\n"
    assert get("email").detect(text) == 0.0


_SENTENCE = st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=7), min_size=1, max_size=10).map(
    lambda ws: " ".join(ws).capitalize() + "."
)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.lists(_SENTENCE, min_size=1, max_size=3), _SENTENCE), min_size=2, max_size=8))
def test_generated_replies(pairs: list[tuple[list[str], str]]) -> None:
    """Each quoted question (one or more quoted lines) and its answer come back whole and in order."""
    body = "".join("\n".join(f"> {q}" for q in qs) + f"\n\n{a}\n\n" for qs, a in pairs)
    text = "From: Ann Lee <ann@x.example>\nTo: Bo Chen <bo@y.example>\nSubject: Q\n\nHi,\n\n" + body
    result = get("email").read(text)
    check_invariant(result)
    got = [(t.role_hint, " ".join(result.text[t.start : t.end].split())) for t in result.turns]
    want = [r for qs, a in pairs for r in (("interviewer", " ".join(qs)), ("interviewee", a))]
    assert got == want
