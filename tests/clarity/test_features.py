from __future__ import annotations

from onrecord.clarity.features import FEATURE_NAMES, clean_answer, cue_sentences, features

Q = "When will you announce the new sanctions on Russia?"
A = "I'm not going to get into that today. We will disclose this information after the summit."


def test_features_are_deterministic_and_complete() -> None:
    one = features(Q, A, "Thank you, sir. " + Q)
    two = features(Q, A, "Thank you, sir. " + Q)
    assert one == two
    assert len(one) == len(FEATURE_NAMES)
    named = dict(zip(FEATURE_NAMES, one, strict=True))
    assert named["refusal_first"] == 1.0
    assert named["q_when"] == 1.0
    assert named["ignorance_any"] == 0.0


def test_cues() -> None:
    kinds = {h.cue for h in cue_sentences(A)}
    assert "refusal" in kinds
    assert {h.cue for h in cue_sentences("Well, I don't know. I haven't seen the report.")} == {"ignorance"}
    assert "clarify" in {h.cue for h in cue_sentences("What do you mean? Which one?")}


def test_type_match_features() -> None:
    named = dict(
        zip(FEATURE_NAMES, features("How many troops will stay?", "About 2,500 troops will stay."), strict=True)
    )
    assert named["match_howmany_num"] == 1.0
    named = dict(zip(FEATURE_NAMES, features("Will you veto the bill?", "Yes. I will veto it."), strict=True))
    assert named["match_yesno_start"] == 1.0


def test_clean_answer_drops_call_on_next_reporter() -> None:
    assert clean_answer("We will solve it peacefully.Kevin [Kevin Corke, NBC News].") == "We will solve it peacefully."
    assert clean_answer("Good. The next question was to Bloomberg.") == "Good."
    assert clean_answer("No.") == "No."


def test_refusal_cue_is_not_fooled_by_talk_to_the() -> None:
    def kinds(text: str) -> set[str]:
        return {h.cue for h in cue_sentences(text)}

    assert "refusal" not in kinds("We speak with the administration; we talk to the State Department.")
    assert "refusal" in kinds("Ask him. I already answered.")
    assert "refusal" in kinds("You'd have to ask the Pentagon about that.")
    assert "refusal" in kinds("It will not be right for me to say more than was released in the press.")
    assert "refusal" in kinds("I'm not in a position to comment on an ongoing investigation.")
