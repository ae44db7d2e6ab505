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
        # a repeated quotation is the speaker's: a pull quote cannot be told from it
        "Because the club needed the money. My dad rang and told me to stop sulking. He was right.\n\n"
        "“My dad rang and told me to stop sulking. He was right.”",
        "Well enough. I bought my mother a house.",
        # a quotation that repeats nothing said before is the speaker's own
        "The national team, if they call. My coach says “you are not ready yet, not this year” and I believe him.",
        "They are coming to every home game.",
    ]
    set_aside = {doc.text[b.start : b.end] for b in doc.boilerplate}
    assert {
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


def test_what_is_an_insert_and_what_is_said() -> None:
    assert is_insert(Block(0, 0, "Advertisement"))
    assert not is_insert(Block(0, 0, "Advertisements."))  # an answer: "What pays for it?"
    assert not is_insert(Block(0, 0, "Advertising."))
    assert is_insert(Block(0, 0, "**Read more:** Why the budget is shrinking."))
    # an unstyled link is a page's: in a text transcript it may be said, or e-mailed as a source
    assert is_insert(Block(0, 0, "Lire aussi : Canal de Saint-Vallier : l’enquête publique s’ouvre lundi"), page=True)
    assert not is_insert(Block(0, 0, "See also: the council minutes of 12 May"))
    assert not is_insert(Block(0, 0, "Read more: that is our campaign slogan this year."), page=True)
    assert not is_insert(Block(0, 0, "Read more books, I tell my students."), page=True)
    assert not is_insert(Block(0, 0, "Listen: will you resign or not?"), page=True)
    # a repeated quotation is kept: on a page it may be a pull quote, or the speaker repeating themselves
    assert not is_insert(Block(0, 0, "“They paid the whole bill themselves, every penny of it.”"), page=True)


def test_notices_said_by_the_speaker_stay_theirs() -> None:
    text = (
        "HOST: Why should people give?\n\n"
        "MARCUS BELL: Because public radio is the only local news many towns have.\n\n"
        "Our station is listener-supported, and every gift keeps a reporter in a county with no paper.\n\n"
        "*Maria Lopez is a nurse at St Luke's and she saved my life.*\n"
    )
    doc = analyze(text, stages=[])
    assert doc.turns[-1].text.endswith("*Maria Lopez is a nurse at St Luke's and she saved my life.*")


def test_words_that_look_like_notices_said_by_the_speaker() -> None:
    text = (
        "FRAGE: Wie lief das Treffen mit dem Kreis?\n\nANTWORT: Schlecht.\n\nDas Gespräch führte zu nichts.\n\n"
        "FRAGE: Und jetzt?\n\nANTWORT: Wir warten.\n\nWir haben nichts mehr zu sagen.\n"
    )
    doc = analyze(text, stages=[])
    assert "Das Gespräch führte zu nichts." in doc.turns[1].text
    assert not is_insert(Block(0, 0, "SPONSORED"))  # "... so nobody can miss it:" / "SPONSORED"
