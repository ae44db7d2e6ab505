from __future__ import annotations

from onrecord import Interview, analyze
from onrecord.document import Attribution


def _attr(doc: Interview, content_part: str) -> Attribution:
    for a in doc.attributions:
        if content_part in a.content.text:
            return a
    raise AssertionError(f"no attribution's content contains {content_part!r}")


def test_turn1_relayed_claims_held_by_armenian_president(seed: Interview) -> None:
    pres = next(e for e in seed.entities if e.name == "President of Armenia")
    a = _attr(seed, "this conflict is dramatically different")
    assert a.turn == seed.turns[0].id
    assert a.holder == "President of Armenia" and a.holder_entity == pres.id
    assert a.cue == "told"
    assert a.speaker != a.holder
    # "Specifically, he told me this. <next sentences>"
    b = _attr(seed, "Turkey brought in thousands to Azerbaijan")
    assert b.holder_entity == pres.id
    assert "might pretend they are there" in b.content.text
    assert "Are there any Turkish forces" not in b.content.text


def test_other_seed_attributions(seed: Interview) -> None:
    assert _attr(seed, "Turkey's backing of Azerbaijan risks").holder == "Foreign Minister of France"
    assert _attr(seed, "identified Israeli-made MO-95").holder == "Amnesty International"
    assert _attr(seed, "we remain deeply concerned").holder == "Dmitry Peskov"
    assert _attr(seed, "they have talked to Robert O'Brien").holder == "President of Armenia"
    assert _attr(seed, "95 percent of the population were Armenians").holder == "President of Armenia"
    assert _attr(seed, "both sides must stop the fire").holder == "Russians"


def test_no_self_or_free_relative_attributions(seed: Interview) -> None:
    for a in seed.attributions:
        assert a.holder not in ("I", "we", "who")
        assert seed.text[a.content.start : a.content.end] == a.content.text
    # "What the Armenian president said, he is lying again" reports nothing
    assert not any(a.content.text.startswith("he is lying") for a in seed.attributions)


def test_claim_holder_is_the_source(seed_with_claims: Interview) -> None:
    doc = seed_with_claims
    inside = next(c for c in doc.claims if "Turkey brought in thousands" in c.text)
    assert inside.holder == "President of Armenia"
    amnesty = next(c for c in doc.claims if "a new report from Amnesty International" in c.text)
    assert amnesty.holder == "Amnesty International"
    own = next(c for c in doc.claims if "Turkish equipment, yes" in c.text)
    assert own.holder == own.speaker


def test_small_interview() -> None:
    doc = analyze(
        "Q: The minister of defence said that 40 tanks were lost. Is that true?\n\n"
        "A: According to our generals, we lost four. As I said, the rest is propaganda.\n",
        stages=["attributions"],
    )
    a = _attr(doc, "40 tanks were lost")
    assert a.cue == "said" and "minister of defence" in (a.holder or "").lower()
    b = _attr(doc, "we lost four")
    assert b.cue == "according to" and b.holder == "our generals"
    assert not any(x.holder == "I" for x in doc.attributions)


def test_addressee_and_line_wraps() -> None:
    doc = analyze(
        "Q: Former President Obama warned the incoming\nPresident Trump that North Korea was the top\n"
        "foreign policy issue. Is that your view?\n\nA: It is. Michael Horowitz wrote the definitive report on\n"
        "the FBI.\n",
        stages=["attributions"],
    )
    a = _attr(doc, "North Korea was the top")
    assert a.holder == "Obama" or a.holder == "Former President Obama"
    assert a.content.text.startswith("North Korea")
    assert not any(x.cue == "wrote" for x in doc.attributions)  # writing a report is not reporting speech


def test_a_thing_that_cannot_speak_is_no_holder() -> None:
    text = (
        "Q: What did the deal bring?\n\n"
        "A: What I can say is that the Armenia trade deal added 300 million pounds to our exports. "
        "The Armenian president told me that the border is open.\n"
    )
    doc = analyze(text, stages=["numbers", "entities", "attributions"])
    holders = {a.holder for a in doc.attributions}
    assert holders == {"President of Armenia"}, [(a.holder, a.cue, a.content.text) for a in doc.attributions]
