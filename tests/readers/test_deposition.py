"""Court-reporter transcripts: numbered lines and pages are markup, Q. and A. are the lawyer and the witness."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from readers_support import check_invariant, fixture

from onrecord.pipeline import analyze
from onrecord.readers import detect, get

FIXTURE = "deposition_excerpt.txt"


def _words(text: str) -> Counter[str]:
    return Counter(text.split())


def test_fixture_is_read_as_a_deposition() -> None:
    text = fixture(FIXTURE)
    assert detect(text).name == "deposition"
    result = get("deposition").read(text)
    check_invariant(result)
    said = [result.text[t.start : t.end] for t in result.turns]
    assert not any(re.search(r"(?m)^\s*\d{1,2}\s", s) for s in said), "a line number was left in a turn"
    # the answer that runs over the page break is one turn, and the page heading waits for the next turn
    clearing = next(s for s in said if s.startswith("A lot of the clearing"))
    assert clearing.endswith("the exact figure.") and "Page 12" not in clearing
    notes = {result.text[s:e]: kind for s, e, kind in result.notes}
    assert notes["Page 12"] == "page"
    assert notes["BY MS. HWANG:"] == "examination"
    assert notes["(Exhibit 12 was marked for identification and\nhanded to the witness.)"] == "stage_direction"
    trailer = [result.text[s:e] for s, e, kind in result.boilerplate if kind == "trailer"]
    assert trailer and trailer[0].startswith("REPORTER'S CERTIFICATE")


def test_nothing_but_line_numbers_is_dropped() -> None:
    text = fixture(FIXTURE)
    result = get("deposition").read(text)
    numbers = Counter(m.group(1) for m in re.finditer(r"(?m)^[ \t]*(\d{1,2})(?=[ \t]|$)", text))
    assert _words(text) - _words(result.text) == numbers
    assert not _words(result.text) - _words(text)


def test_who_asks_and_who_answers() -> None:
    doc = analyze(fixture(FIXTURE), stages=[])
    assert doc.source_format == "deposition"
    assert doc.metadata.title == "DEPOSITION OF MARTA L. OKAFOR"
    assert doc.metadata.date == "2023-03-14"
    roles = {p.name: p.role for p in doc.metadata.participants}
    assert roles == {
        "Pelletier": "interviewer",
        "Hwang": "interviewer",
        "Marta L. Okafor": "interviewee",
        "The Reporter": "other",
    }
    pairs = [(x.question.text.replace("\n", " "), x.answer.text[:21] if x.answer else None) for x in doc.exchanges]
    # the objection and "You can answer." between a question and its answer leave the question standing;
    # the cross-examination's question is the second lawyer's
    assert ("How many trees were removed from the site before the permit was issued?", "A lot of the clearing") in pairs
    assert not any(q.startswith(("Objection", "Foundation", "You can answer")) for q, _ in pairs)
    cross = doc.exchanges[-1]
    assert doc.turn(cross.question.turn).speaker == "Hwang" and cross.answer is not None
    assert cross.answer.text == "No. Never."


def test_a_numbered_list_or_a_magazine_q_and_a_is_not_a_deposition() -> None:
    numbered_list = "".join(f"{n} Point number {n} of the plan.\n" for n in range(1, 15))
    assert get("deposition").detect(numbered_list) == 0.0
    magazine = "".join(f"Q. Question {n}?\nA. Answer {n}.\n" for n in range(1, 6))
    assert get("deposition").detect(magazine) == 0.0


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)
_SPEECH = st.lists(_WORD, min_size=1, max_size=30).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(_SPEECH, _SPEECH), min_size=4, max_size=10).map(
        lambda pairs: [turn for q, a in pairs for turn in (("Q.", q), ("A.", a))]
    ),
    st.integers(min_value=20, max_value=60),
    st.integers(min_value=10, max_value=28),
)
def test_generated_depositions(turns: list[tuple[str, str]], width: int, per_page: int) -> None:
    """Whatever the line width and page length, each Q. and A. comes back whole, in order, without
    line numbers, and every character of the rebuilt text is accounted for."""
    logical = ["DEPOSITION OF JANE ROE", "BY MR. SMITH:"]
    for label, speech in turns:
        words = speech.split()
        line = f"     {label}   "
        for w in words:
            if len(line) + len(w) > width and line.strip() not in {"Q.", "A."}:
                logical.append(line.rstrip())
                line = ""
            line += w + " "
        logical.append(line.rstrip())
    lines: list[str] = []
    for i in range(0, len(logical), per_page):
        lines.append(" " * 50 + f"Page {i // per_page + 1}")
        lines += [f"{n:>2} {ln}" for n, ln in enumerate(logical[i : i + per_page], 1)]
    text = "\n".join(lines) + "\n"
    assert detect(text).name == "deposition"
    result = get("deposition").read(text)
    check_invariant(result)
    got = [(t.role_hint, " ".join(result.text[t.start : t.end].split())) for t in result.turns]
    want = [("interviewer" if label == "Q." else "interviewee", speech) for label, speech in turns]
    assert got == want


_NASTY = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("QA:.()\n\n\n \t\u00a0\ufeff\r\x1c\u2028 0123456789PageBYMR")),
        st.characters(codec="utf-8"),
    ),
    max_size=400,
)


@settings(max_examples=60, deadline=None)
@given(_NASTY)
def test_arbitrary_text_loses_nothing_but_line_numbers(text: str) -> None:
    result = get("deposition").read(text)
    check_invariant(result)
    numbers = Counter(m.group(1) for m in re.finditer(r"(?m)^[ \t]*(\d{1,2})(?=[ \t]|$)", text))
    assert not (_words(text) - _words(result.text)) - numbers
    assert not _words(result.text) - _words(text)
