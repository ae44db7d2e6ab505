from __future__ import annotations

import re

from onrecord import Interview, analyze
from onrecord.document import Entity


def _entity_with(doc: Interview, mention: str) -> Entity:
    for e in doc.entities:
        if any(m.text == mention for m in e.mentions):
            return e
    raise AssertionError(f"no entity has the mention {mention!r}")


def _mention_at(doc: Interview, context: str, word: str) -> Entity:
    """The entity of ``word`` inside the first occurrence of ``context``."""
    m = re.search(rf"\b{re.escape(word)}\b", context)
    assert m is not None
    pos = doc.text.index(context) + m.start()
    for e in doc.entities:
        if any(m.start == pos and m.text == word for m in e.mentions):
            return e
    raise AssertionError(f"{word!r} in {context!r} is not a mention of any entity")


def test_armenian_president_is_one_entity(seed: Interview) -> None:
    e = _entity_with(seed, "the President of Armenia")
    assert e.type == "person"
    assert e.name == "President of Armenia"
    texts = {m.text for m in e.mentions}
    assert {"the Armenian president", "The Armenian president"} <= texts
    assert _mention_at(seed, "and he told me that this conflict", "he").id == e.id
    assert _mention_at(seed, "What the Armenian president said, he is lying again", "he").id == e.id


def test_prime_minister_is_not_the_president(seed: Interview) -> None:
    pm = _entity_with(seed, "the Armenian prime minister")
    assert pm.id != _entity_with(seed, "the President of Armenia").id
    assert _mention_at(seed, "So he said that", "he").id == pm.id


def test_amnesty_merges_with_the_organization_you_named(seed: Interview) -> None:
    e = _entity_with(seed, "Amnesty International")
    assert e.type == "organization"
    texts = {m.text for m in e.mentions}
    assert {"Amnesty", "the organization"} <= texts
    assert _mention_at(seed, "because of their pro-Armenian", "their").id == e.id


def test_names_titles_and_appositions(seed: Interview) -> None:
    putin = _entity_with(seed, "Vladimir Putin")
    assert "President Putin" in {m.text for m in putin.mentions}
    erdogan = _entity_with(seed, "Recep Tayyip Erdogan")
    assert "the Turkish President" in {m.text for m in erdogan.mentions}
    peskov = _entity_with(seed, "Dmitry Peskov")
    assert _mention_at(seed, "He said we remain", "He").id == peskov.id
    minsk = _entity_with(seed, "OSCE Minsk Group")
    assert "Minsk Group" in {m.text for m in minsk.mentions}


def test_participants_and_pronouns(seed: Interview) -> None:
    aliyev = _entity_with(seed, "Ilham Aliyev")
    assert aliyev.type == "person"
    # "you" in a question turn is the interviewee; "I" in his turns is him
    assert _mention_at(seed, "You have said that there is Turkish equipment", "You").id == aliyev.id
    assert _mention_at(seed, "I regret that the Armenian president", "I").id == aliyev.id
    assert _entity_with(seed, "President of the Republic of Azerbaijan").id == aliyev.id


def test_types_fixed_by_gazetteer_and_patterns(seed: Interview) -> None:
    assert _entity_with(seed, "Armenia").type == "place"  # the small model says PERSON
    f16 = _entity_with(seed, "F-16s")
    assert f16.type == "equipment"  # the small model says PERSON for "Turkish F-16s"
    assert _mention_at(seed, "Turkish F-16s are on", "Turkish").type == "place"
    for name in ("Smerch", "SU-25", "cluster munitions", "fighter drones"):
        assert _entity_with(seed, name).type == "equipment"
    assert not any(e.name.lower() in ("pro", "anti") for e in seed.entities)


def test_mentions_are_exact_spans(seed: Interview) -> None:
    for e in seed.entities:
        for m in e.mentions:
            assert seed.text[m.start : m.end] == m.text


def test_small_interview() -> None:
    doc = analyze(
        "Q: Did you meet Chancellor Olaf Scholz?\n\n"
        "A: Yes. The German chancellor told me he supports us. Scholz is a friend. "
        "Human Rights Watch says otherwise, but the organization is biased.\n",
        stages=["entities"],
    )
    scholz = _entity_with(doc, "Chancellor Olaf Scholz")
    texts = {m.text for m in scholz.mentions}
    assert "Scholz" in texts
    # "The German chancellor" is (chancellor, Germany): without world knowledge it is not linked to a
    # "Chancellor <name>" seen without a country, but it is one entity with the "he" that follows it
    german = _entity_with(doc, "The German chancellor")
    assert "he" in {m.text for m in german.mentions}
    hrw = _entity_with(doc, "Human Rights Watch")
    assert "the organization" in {m.text for m in hrw.mentions}
