from __future__ import annotations

import onrecord
from onrecord import analyzers
from onrecord.analyzers.clarity import evidence_for
from onrecord.clarity.model import Prediction
from support import SMALL_DEBATE

TRANSCRIPT = """\
Q: Will you sign the infrastructure bill this week?

THE PRESIDENT: Yes. I will sign the infrastructure bill on Friday, and the Governors will be there.

Q: How much did the talks with the Chinese delegation cost?

THE PRESIDENT: I'm not going to get into that. We will disclose this information after the summit.

Q: But sir, you promised transparency. Why won't you tell us?

THE PRESIDENT: Look, the economy is strong. Unemployment is down and wages are up across the country.
"""


def test_clarity_stage_labels_exchanges_with_evidence_offsets() -> None:
    assert "clarity" in analyzers.available()
    spec = analyzers.get("clarity")
    assert spec.requires == ("structure",) and spec.version.startswith("clarity-")
    doc = onrecord.analyze(TRANSCRIPT, stages=())  # structure only; then the registered stage itself
    spec.run(doc)
    answered = [ex for ex in doc.exchanges if ex.answer is not None]
    assert len(answered) >= 2
    for ex in answered:
        assert ex.clarity is not None and ex.evasion is not None
        assert 0.0 < ex.clarity.confidence <= 1.0
        for ev in ex.clarity.evidence + ex.evasion.evidence:
            assert doc.text[ev.start : ev.end] == ev.text and ev.reason
    first, second = answered[0], answered[1]
    assert first.clarity is not None and first.clarity.label == "Clear Reply"
    assert second.evasion is not None and second.evasion.label == "Declining to answer"
    assert any("refuses" in ev.reason for ev in second.evasion.evidence)
    assert any("disclose" in ev.text for ev in second.evasion.evidence)
    # JSON round trip keeps the labels
    again = onrecord.Interview.model_validate_json(doc.model_dump_json())
    assert again.exchanges[1].evasion == second.evasion


PUSHBACK = """\
Q: Who are you speaking to in Washington?

THE PRESIDENT: It will not be right for me to say more than was released. Our relations with the United States \
are developing very successfully.

Q: That wasn't the question. Who are you speaking to in Washington?

THE PRESIDENT: We talk to the State Department.
"""


def test_evidence_names_refusal_pushback_and_always_points_somewhere() -> None:
    doc = onrecord.analyze(PUSHBACK, stages=())
    first, last = doc.exchanges[0], doc.exchanges[-1]
    assert first.pushback and last.answer is not None
    dodge = Prediction("Ambivalent", 0.6, "Dodging", 0.4)
    ev, ev_e = evidence_for(doc, first, dodge)
    assert ev == ev_e
    reasons = {e.reason: e.text for e in ev}
    # a refusal inside an evasive answer is reported as a refusal, not as a change of subject
    assert reasons["refuses or postpones the answer"].startswith("It will not be right for me to say")
    assert "wasn't the question" in reasons["the interviewer pushes back in the next turn"]
    declined = Prediction("Clear Non-Reply", 0.6, "Declining to answer", 0.4)
    ev, _ = evidence_for(doc, last, declined)
    assert ev and all(doc.text[e.start : e.end] == e.text for e in ev)
    assert not any("refuses" in e.reason for e in ev)  # "talk to the State Department" is no refusal


def test_handoffs_and_answers_by_the_questioners_are_not_labelled() -> None:
    debate = SMALL_DEBATE
    doc = onrecord.analyze(debate, stages=("clarity",))
    by_q = {ex.question.text: ex for ex in doc.exchanges}
    assert by_q["What will you do about energy?"].clarity is not None
    handoff = by_q["Governor Jones, your response?"]
    assert handoff.answer is not None and handoff.clarity is None and handoff.evasion is None

    doc = onrecord.analyze(
        "Q: Will you run again next year?\n\nA: Yes, I will run again. Would you vote for me?\n\n"
        "Q: I never say how I vote.\n",
        stages=("clarity",),
    )
    asked, reversed_roles = doc.exchanges
    assert asked.clarity is not None
    assert reversed_roles.asked_by == "interviewee" and reversed_roles.answer is not None
    assert reversed_roles.clarity is None  # the journalist's reply is not a politician's answer


def test_hands_over_the_floor() -> None:
    from onrecord.analyzers.clarity import hands_over_the_floor

    for q in ("Mr. President?", "Governor Romney?", "Senator Smith, your response?", "Sir?"):
        assert hands_over_the_floor(q), q
    for q in ("Why?", "Really?", "Mr. President, why?", "So, is that correct?", "What Turkish equipment, sir?"):
        assert not hands_over_the_floor(q), q


def test_an_answer_split_over_same_speaker_turns_is_judged_whole() -> None:
    from onrecord.analyzers.clarity import _whole_answer

    text = (
        "MODERATOR: Senator, will you raise taxes on the middle class?\n\n"
        "SMITH: Let me start with my record.\n\n"
        "SMITH: No. I will not raise taxes on the middle class.\n\n"
        "MODERATOR: Thank you.\n"
    )
    doc = onrecord.analyze(text, stages=())
    ex = doc.exchanges[0]
    assert ex.answer is not None and ex.answer.text == "Let me start with my record."
    assert _whole_answer(doc, ex) == "Let me start with my record.\n\nNo. I will not raise taxes on the middle class."


def test_a_question_put_back_is_shown_for_a_non_reply() -> None:
    doc = onrecord.analyze(
        "Q: Do you deny that your forces used cluster munitions?\n\n"
        "A: Yes, I deny it. Did you ask this question to the other side?\n",
        stages=(),
    )
    (ex,) = doc.exchanges
    ev, _ = evidence_for(doc, ex, Prediction("Clear Non-Reply", 0.6, "Declining to answer", 0.4))
    reasons = {e.reason: e.text for e in ev}
    assert reasons["puts a question back to the interviewer"] == "Did you ask this question to the other side?"
    # a clear reply is explained by what answers, not by the question it ends with
    ev, _ = evidence_for(doc, ex, Prediction("Clear Reply", 0.6, "Explicit", 0.4))
    assert all(e.reason != "puts a question back to the interviewer" for e in ev)


def test_evidence_quotes_whole_sentences_with_their_numbers() -> None:
    doc = onrecord.analyze(
        "Q: How many customer records were exposed in the breach?\n\n"
        "A: About 2.3 million records were exposed. Mr. Vance and the U.S. regulators were told on May 4.\n",
        stages=(),
    )
    (ex,) = doc.exchanges
    for label in (
        Prediction("Clear Reply", 0.6, "Explicit", 0.5),
        Prediction("Ambivalent", 0.5, "Partial/half-answer", 0.3),
    ):
        ev, ev_e = evidence_for(doc, ex, label)
        quoted = {e.text for e in ev + ev_e}
        assert "About 2.3 million records were exposed." in quoted
        assert all(not t.endswith(("2.", "Mr.", "U.")) for t in quoted)


def test_pushback_is_shown_even_against_a_clear_reply() -> None:
    doc = onrecord.analyze(PUSHBACK, stages=())
    first = doc.exchanges[0]
    ev, ev_e = evidence_for(doc, first, Prediction("Clear Reply", 0.5, "Explicit", 0.4))
    assert ev[-1].reason == ev_e[-1].reason == "but the interviewer pushes back in the next turn"
    assert "wasn't the question" in ev[-1].text


def test_an_opening_that_answers_another_sub_question_is_no_topic_shift() -> None:
    doc = onrecord.analyze(
        "Q: How much will the plan cost the city budget? And who will pay for it?\n\n"
        "A: The plan will cost the city budget about 40 million dollars a year. We have wonderful partners.\n",
        stages=(),
    )
    cost, payer = doc.exchanges
    ev, _ = evidence_for(doc, payer, Prediction("Ambivalent", 0.6, "General", 0.4), siblings=[cost])
    opening = next(e for e in ev if e.text.startswith("The plan will cost"))
    assert opening.reason.startswith("answers another part of the question (“How much will the plan cost")
    ev, _ = evidence_for(doc, payer, Prediction("Ambivalent", 0.6, "General", 0.4))
    assert any(e.reason == "opens away from the question's topic (topic shift)" for e in ev)


def test_the_fine_label_has_evidence_of_its_own() -> None:
    doc = onrecord.analyze(
        "Q: Will you raise the minimum wage to 15 dollars?\n\n"
        "A: We are committed to working people. Everybody deserves a fair wage, and we will continue to fight.\n",
        stages=(),
    )
    (ex,) = doc.exchanges
    clarity, evasion = evidence_for(doc, ex, Prediction("Ambivalent", 0.6, "General", 0.5))
    assert evasion[0].reason == "stays general, without the specifics asked for"
    assert evasion[0].text == "We are committed to working people."
    assert [e.reason for e in clarity] != [e.reason for e in evasion]


def test_an_attack_on_the_interviewer_and_a_refusal_however_worded_are_named() -> None:
    doc = onrecord.analyze(
        "Q: Did you take money from the developer?\n\n"
        "A: That's a lie, and you know it. You people have been pushing this garbage for months.\n\n"
        "Q: What is the officer's name?\n\nA: I'm not going to release the officer's name today.\n",
        stages=(),
    )
    money, name = doc.exchanges
    ev, _ = evidence_for(doc, money, Prediction("Ambivalent", 0.6, "Dodging", 0.4))
    assert ev[0].reason == "attacks the question or the interviewer instead of answering"
    assert ev[0].text == "That's a lie, and you know it."
    ev, _ = evidence_for(doc, name, Prediction("Clear Non-Reply", 0.6, "Declining to answer", 0.4))
    assert ev[0].reason == "refuses or postpones the answer"
