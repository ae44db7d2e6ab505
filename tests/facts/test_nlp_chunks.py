"""Long turns are parsed in pieces (spaCy refuses texts over 1,000,000 characters)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from onrecord.facts.nlp import _chunks


@given(st.text(alphabet="ab .\n", max_size=400), st.integers(min_value=4, max_value=60))
def test_chunks_tile_the_span_and_respect_the_limit(text: str, limit: int) -> None:
    pieces = _chunks(text, 0, len(text), limit)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (_, e1), (s2, _) in itertools.pairwise(pieces):
        assert e1 == s2
    assert all(0 < e - s <= limit for s, e in pieces) or len(text) == 0


def test_cuts_prefer_line_breaks_then_sentence_ends() -> None:
    text = "One sentence here. Another one\nthird line goes on and on"
    (a, b), (c, d) = _chunks(text, 0, len(text), 40)
    assert text[a:b] == "One sentence here. Another one" and text[c:d].startswith("\n")
    text = "One sentence here. Another sentence goes on and on"
    first = _chunks(text, 0, len(text), 30)[0]
    assert text[first[0] : first[1]] == "One sentence here."
