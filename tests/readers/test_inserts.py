"""A publisher's inserts (ads, links to other stories, pull quotes) and closing notices are nobody's
words: they come off the end of the turn they were set into, and stay in the record as boilerplate."""

from __future__ import annotations

from onrecord.pipeline import analyze
from onrecord.readers.common import Block
from onrecord.readers.inserts import is_insert

QA = """\
**Why did you leave the club?**

Because the club needed the money. My dad rang and told me to stop sulking. He was right.

“My dad rang and told me to stop sulking. He was right.”

**Were you paid well?**

Well enough. I bought my mother a house.

Advertisement

Continue reading below

**What next?**

The national team, if they call. My coach says “you are not ready yet, not this year” and I believe him.

**Read more:** Castlebridge sign a second striker before the deadline

**And your family?**

They are coming to every home game.

*This interview has been edited for length and clarity.*

KVRN is listener-supported. Your gift keeps local journalism on the air. Donate now
"""


def test_inserts_and_notices_come_off_the_end_of_the_turns() -> None:
    doc = analyze(QA, stages=[])
    answers = [t.text for t in doc.turns if t.role == "interviewee"]
    assert answers == [
        "Because the club needed the money. My dad rang and told me to stop sulking. He was right.",
        "Well enough. I bought my mother a house.",
        # a quotation that repeats nothing said before is the speaker's own
        "The national team, if they call. My coach says “you are not ready yet, not this year” and I believe him.",
        "They are coming to every home game.",
    ]
    set_aside = {doc.text[b.start : b.end] for b in doc.boilerplate}
    assert {
        "“My dad rang and told me to stop sulking. He was right.”",
        "Advertisement",
        "Continue reading below",
        "**Read more:** Castlebridge sign a second striker before the deadline",
        "KVRN is listener-supported. Your gift keeps local journalism on the air. Donate now",
    } <= set_aside


def test_the_plain_layout_leaves_the_writers_bio_out_of_the_last_answer() -> None:
    text = (
        "The fisherman has seen forty winters on the firth.\n\n"
        "Do you still go out every day?\n\n"
        "Every day but Sunday. The sea doesn't care what day it is.\n\n"
        "Will you retire?\n\n"
        "When my hands stop working.\n\n"
        "Nina Halvorsen is a freelance writer based in Aberdeen.\n"
    )
    doc = analyze(text, stages=[])
    assert doc.layout == "plain"
    assert doc.turns[-1].text == "When my hands stop working."
    assert any(doc.text[b.start : b.end].startswith("Nina Halvorsen") for b in doc.boilerplate)


def test_a_pull_quote_must_repeat_words_already_said() -> None:
    said = "We paid the whole bill ourselves, every penny of it, and nobody helped."
    assert is_insert(Block(0, 0, "“We paid the whole bill ourselves, every penny of it.”"), said)
    assert not is_insert(Block(0, 0, "“Nobody else was ever going to pay it for us, believe me.”"), said)
    assert is_insert(Block(0, 0, "Lire aussi : Canal de Saint-Vallier : l’enquête publique s’ouvre lundi"), "")
    assert not is_insert(Block(0, 0, "Read more books, I tell my students."), "")
