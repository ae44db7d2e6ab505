"""One identity per person across interviews, and ``Corpus.speaker``."""

from __future__ import annotations

import pytest

from onrecord.corpus import Corpus
from onrecord.corpus.profile import SpeakerNotFound
from onrecord.corpus.speakers import parse_name, title_holder

from .conftest import FILLED_TITLES, labelled_doc


@pytest.mark.parametrize("name", ["President Ilham Aliyev", "Aliyev", "ILHAM ALIYEV:", "Mr. Aliyev", "I. Aliyev"])
def test_aliases_resolve_to_one_identity(filled: Corpus, name: str) -> None:
    p = filled.speaker(name)
    assert p["name"] == "Ilham Aliyev"
    assert {i["title"] for i in p["interviews"]} == set(FILLED_TITLES[:2])
    assert p["other_matches"] == []
    assert {"aliyev", "president ilham aliyev", "ilham aliyev"} <= set(p["aliases"])


def test_profile_counts_and_shares(filled: Corpus) -> None:
    p = filled.speaker("Aliyev")
    assert p["questions_faced"] == 4 and p["questions_asked"] == 0
    assert p["clarity_labelled"] == 4
    shares = [p["answered"], p["ambivalent"], p["not_answered"]]
    assert all(s is not None for s in shares) and abs(sum(shares) - 1.0) < 1e-6
    assert sum(p["evasion_techniques"].values()) == 4
    assert [c["text"] for c in p["check_worthy_claims"]] == [
        "Unemployment fell to 5 percent last year",
        "The pipeline carries oil and gas to Europe",
    ]
    assert p["topics"] and all(isinstance(t, str) for t in p["topics"])


def test_function_labels_are_not_people_across_interviews(filled: Corpus) -> None:
    """Each interview's HOST / MODERATOR / INTERVIEWER is its own identity, never merged."""
    assert parse_name("HOST", "a") != parse_name("HOST", "b")
    assert parse_name("Q") is None
    with pytest.raises(SpeakerNotFound):
        filled.speaker("Zelenskyy")


def test_father_and_son_stay_apart(corpus: Corpus) -> None:
    corpus.add(labelled_doc("Q: Tax?\n\nGEORGE BUSH: Read my lips.\n", title="a", date="1988-01-01", outlet="x"))
    corpus.add(labelled_doc("Q: War?\n\nGEORGE W. BUSH: We will prevail.\n", title="b", date="2001-01-01", outlet="x"))
    assert corpus.speaker("George W. Bush")["name"] == "George W. Bush"
    assert corpus.speaker("George Bush")["name"] == "George Bush"
    assert corpus.speaker("George W. Bush")["speaker_id"] != corpus.speaker("George Bush")["speaker_id"]


def test_the_president_is_named_by_the_title_or_the_date() -> None:
    assert (
        title_holder("THE PRESIDENT", "Remarks by President Biden in Press Conference", "whitehouse", "2021-03-25")
        == "Biden"
    )
    assert title_holder("The President", "The President's News Conference", "ppp", "1989-07-06") == "George H. W. Bush"
    assert (
        title_holder("THE PRESIDENT", "Remarks by President Biden and President Zelenskyy", "whitehouse", "2022-12-21")
        is None
    )
    assert title_holder("THE PRESIDENT", "A debate", "labeled", "1984-10-07") is None  # not a US-government layout
    assert title_holder("SENATOR KENNEDY", "Remarks by President Biden", "whitehouse", "2021-03-25") is None


def test_the_president_joins_the_named_identity(corpus: Corpus) -> None:
    doc = labelled_doc(
        "Q: Mr. President, a question?\n\nTHE PRESIDENT: An answer about the economy.\n",
        title="Remarks by President Biden in Press Conference",
        date="2021-03-25",
        outlet="WH",
    )
    corpus.add(doc)
    corpus.add(
        labelled_doc(
            "Q: Sir?\n\nPRESIDENT BIDEN: The economy is growing.\n", title="Other", date="2022-01-01", outlet="WH"
        )
    )
    p = corpus.speaker("Biden")
    assert len(p["interviews"]) == 2 and "the president" in p["aliases"]
