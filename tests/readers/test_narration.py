"""A broadcast package's voice-over between labelled soundbites is not the interviewee's speech."""

from __future__ import annotations

from readers_support import check_invariant

from onrecord.pipeline import analyze
from onrecord.readers import get

PACKAGE = """\
The Ferryman of Kessock
Correspondent: Priya Nair

Priya Nair: Every morning at six, Angus Brodie takes the last hand-pulled ferry in Scotland across the firth.

Angus Brodie: Forty crossings a day in summer. Fewer when the wind is up.

Priya Nair: Have you ever missed a day?

Angus Brodie: Twice. Both times for funerals.

Brodie took over the ferry from his father in 1987. The council now says the slipway is unsafe.

Priya Nair: What happens if they close it?

Angus Brodie: Then I'll row.

He laughed, but the council's engineer was not joking.

Fiona Reid manages the harbour for the council.

Fiona Reid: The slipway will close in April. We have offered Mr. Brodie a berth in the new marina.

Priya Nair: Will he take it?

Fiona Reid: That is up to him.
"""


def test_voice_over_is_unattributed_narration() -> None:
    result = get("labeled").read(PACKAGE)
    check_invariant(result)
    said = {result.text[t.start : t.end] for t in result.turns}
    assert "Twice. Both times for funerals." in said
    assert "Then I'll row." in said
    assert not any("Brodie took over" in s or "He laughed" in s or "Fiona Reid manages" in s for s in said)
    # each paragraph from where the voice-over starts to the next label is narration
    narration = [result.text[s:e] for s, e, kind in result.notes if kind == "narration"]
    assert [n[:20] for n in narration] == ["Brodie took over the", "He laughed, but the ", "Fiona Reid manages t"]
    assert result.turns[-3].speaker == "Fiona Reid"
    unattributed = " ".join(result.text[s:e] for s, e in result.unattributed)
    assert "Fiona Reid manages the harbour for the council." in unattributed


def test_an_interviewee_continuing_in_the_third_person_keeps_the_words() -> None:
    """Without a paragraph opening with the speaker's own name, "He ..." and a named family are speech."""
    text = (
        "JANE SMITH: My grandfather bought this farm in 1921.\n\n"
        "He was a stubborn man. The Smith family has farmed here ever since.\n\n"
        "INTERVIEWER: Will you sell?\n\n"
        "JANE SMITH: Never.\n\n"
        "Smith Farms will stay in the family, I promise you that.\n"
    )
    doc = analyze(text, stages=[])
    assert [t.text for t in doc.turns] == [
        "My grandfather bought this farm in 1921.\n\n"
        "He was a stubborn man. The Smith family has farmed here ever since.",
        "Will you sell?",
        "Never.\n\nSmith Farms will stay in the family, I promise you that.",
    ]
    assert not doc.unattributed
