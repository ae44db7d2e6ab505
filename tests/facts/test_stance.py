from __future__ import annotations

from onrecord import Interview, analyze
from onrecord.document import Stance
from support import SMALL_DEBATE


def _stance(doc: Interview, kind: str, text: str) -> Stance:
    for s in doc.stances:
        if s.kind == kind and text in s.span.text:
            return s
    raise AssertionError(f"no {kind} containing {text!r}: {[(s.kind, s.span.text) for s in doc.stances]}")


def _attr_id(doc: Interview, content_part: str) -> str:
    return next(a.id for a in doc.attributions if content_part in a.content.text and a.id)


def _eid(doc: Interview, name: str) -> str:
    return next(e.id for e in doc.entities if e.name == name)


def test_turkish_forces_no_denies_the_relayed_claim(seed: Interview) -> None:
    d = _stance(seed, "denial", "Turkish forces no")
    assert d.rule == "contrast-no"
    assert d.target == _attr_id(seed, "Turkey brought in thousands")
    assert d.speaker == "Ilham Aliyev"
    c = _stance(seed, "confirmation", "Turkish equipment")
    assert c.rule == "contrast-yes"


def test_false_information_and_deny(seed: Interview) -> None:
    d = _stance(seed, "denial", "It is false information")
    assert d.target in {_attr_id(seed, "Turkey brought in thousands"), _attr_id(seed, "dramatically different")}
    deny = _stance(seed, "denial", "I deny it")
    assert deny.rule == "deny-verb" and deny.span.text == "Yes, I deny it"
    assert deny.target == _attr_id(seed, "cluster munitions")
    fake = _stance(seed, "denial", "This is fake")
    assert fake.target == _attr_id(seed, "Turkish F-16 shot down Armenian SU-25")
    helping = _stance(seed, "denial", "somebody is helping Azerbaijan is absolutely wrong")
    assert helping.rule == "false-pred"  # the subject is what "the Armenian side" says
    assert _stance(seed, "denial", "we reject it").rule == "deny-verb"
    # "I already answered. No." repeats the denial of the Amnesty report, and takes its target
    no = next(s for s in seed.stances if s.kind == "denial" and s.span.text == "No")
    assert no.rule == "bare-no" and no.target == deny.target
    disagree = _stance(seed, "denial", "I disagree with that")
    assert disagree.target == _attr_id(seed, "Turkey's backing of Azerbaijan")


def test_negated_claims_about_asked_equipment(seed: Interview) -> None:
    flying = _stance(seed, "denial", "they are not flying")
    assert flying.rule == "negated-echo"
    assert flying.target == _attr_id(seed, "Turkish F-16s are on at least one of your bases")


def test_confirmations(seed: Interview) -> None:
    assert _stance(seed, "confirmation", "F-16s are here").rule == "presence"
    assert _stance(seed, "confirmation", "Yes, we are prepared").rule == "yes"
    assert _stance(seed, "confirmation", "I agree with you").rule == "agree-verb"
    assert not any(s.kind == "confirmation" and "Yes, I deny" in s.span.text for s in seed.stances)


def test_accusations_target_entities(seed: Interview) -> None:
    pres = _eid(seed, "President of Armenia")
    lying = _stance(seed, "accusation", "he is lying again")
    assert lying.target == pres and lying.rule == "dishonesty"
    assert _stance(seed, "accusation", "spreading lies").target == pres
    amnesty = _stance(seed, "accusation", "their pro-Armenian and anti-Azerbaijani position")
    assert amnesty.target == _eid(seed, "Amnesty International") and amnesty.rule == "bias"
    one_side = _stance(seed, "accusation", "only one side")
    assert one_side.target == _eid(seed, "Amnesty International") and one_side.rule == "bias"
    regime = _eid(seed, "Pashinyan regime")  # the small model tags "Pashinyan" ADJ; the ruler makes it an ORG
    assert _stance(seed, "accusation", "Pashinyan regime did everything to destroy negotiations").target == regime
    assert _stance(seed, "accusation", "they attacked us in July").target == regime
    cleansing = _stance(seed, "accusation", "ethnically cleansed by the Armenian regime")
    assert cleansing.target == _eid(seed, "Armenia")


def test_no_stance_from_reported_words(seed: Interview) -> None:
    # the interviewer relays "the Armenian president is spreading lies": that is not the interviewer's accusation
    assert not any(s.speaker != "Ilham Aliyev" and s.kind == "accusation" for s in seed.stances)


def test_claim_targets_when_claims_exist(seed_with_claims: Interview) -> None:
    d = _stance(seed_with_claims, "denial", "Turkish forces no")
    claim = next(c for c in seed_with_claims.claims if c.id == d.target)
    assert "Turkey" in claim.text and claim.turn == seed_with_claims.turns[0].id


def test_small_interview() -> None:
    doc = analyze(
        "Q: Senator John Smith said that you took bribes. Did you?\n\n"
        "A: No. That is completely untrue. He is lying, as always.\n",
        stages=["stance"],
    )
    kinds = {(s.kind, s.rule) for s in doc.stances}
    assert ("denial", "bare-no") in kinds and ("denial", "false-pred") in kinds
    acc = _stance(doc, "accusation", "He is lying")
    assert acc.target is not None
    assert next(e for e in doc.entities if e.id == acc.target).name == "John Smith"
    untrue = _stance(doc, "denial", "That is completely untrue")
    assert untrue.target == _attr_id(doc, "you took bribes")


def test_no_stance_without_a_claim_to_deny() -> None:
    doc = analyze(
        "Q: Is the economy fine?\n\nA: Something is wrong, and the missiles were violated by nobody. "
        "We worked hard. We did a lot. A foreign policy that's wrong is not ours. No. No.\n",
        stages=["stance"],
    )
    assert not any(s.rule == "false-pred" for s in doc.stances)  # "something is wrong" judges, denies nothing
    assert not any(s.rule == "bare-no" for s in doc.stances)  # a late "No." is not the answer's denial


def test_common_denials_confirmations_and_report_sources() -> None:
    doc = analyze(
        "Q: Senator Jane Doe said that you took money from Gazprom. Is that right?\n\n"
        "A: Absolutely not. That never happened. I never met anyone from Gazprom. She is lying, as she always does.\n\n"
        "Q: But the report from Transparency International claims there were three payments.\n\n"
        "A: There is no evidence for that. Nonsense. Their anti-government bias is well known.\n\n"
        "Q: So you reject the report?\n\nA: Of course. I reject it entirely.\n",
        stages=["stance"],
    )
    doe = _attr_id(doc, "you took money from Gazprom")
    report = _attr_id(doc, "there were three payments")
    assert next(a for a in doc.attributions if a.id == report).holder == "Transparency International"
    for text in ("Absolutely not", "That never happened", "I never met anyone from Gazprom"):
        d = _stance(doc, "denial", text)
        assert (d.rule, d.target) == ("emphatic-no", doe)
    for text in ("There is no evidence", "Nonsense", "I reject it"):
        assert _stance(doc, "denial", text).target == report
    assert _stance(doc, "confirmation", "Of course").rule == "yes-word"
    ti = _eid(doc, "Transparency International")
    assert _stance(doc, "accusation", "Their anti-government bias").target == ti
    assert _stance(doc, "accusation", "She is lying").target == _eid(doc, "Jane Doe")


def test_all_spans_exact_and_targets_exist(seed: Interview) -> None:
    ids = {e.id for e in seed.entities} | {a.id for a in seed.attributions} | {c.id for c in seed.claims}
    assert seed.stances
    for s in seed.stances:
        assert seed.text[s.span.start : s.span.end] == s.span.text
        assert not (seed.text[s.span.end - 1 : s.span.end + 1].isalnum()), s.span.text  # never ends mid-word
        assert s.target is None or s.target in ids
        assert s.rule
        if s.kind == "accusation" and s.target is not None:
            assert s.target in {e.id for e in seed.entities}
    for a in seed.attributions:
        assert seed.text[a.start : a.end] == a.text
        assert a.start <= a.content.start and a.content.end <= a.end


def test_possessive_claims_and_refusals() -> None:
    doc = analyze(
        "Q: What about Moscow's claim that your troops crossed the border?\n\nA: I don't accept that. "
        "It is propaganda.\n",
        stages=["stance"],
    )
    claim = _attr_id(doc, "your troops crossed the border")
    assert next(a for a in doc.attributions if a.id == claim).holder == "Moscow"
    assert _stance(doc, "denial", "I don't accept that").target == claim
    assert _stance(doc, "denial", "It is propaganda").target == claim


def test_a_debate_denial_points_at_the_opponent_not_the_moderator() -> None:
    text = SMALL_DEBATE
    doc = analyze(text, stages=["claims", "numbers", "entities", "attributions", "stance"])
    assert [t.role for t in doc.turns if t.speaker == "Jones"] == ["interviewee", "interviewee"]
    denial = _stance(doc, "denial", "Not true")
    claims = {c.id: c for c in doc.claims}
    assert denial.target in claims, (denial.target, [(c.id, c.text) for c in doc.claims])
    assert "permits" in claims[denial.target].text  # not the moderator's gas prices


def test_a_no_that_declines_or_points_nowhere_is_not_listed() -> None:
    text = (
        "Q: Will the new vaccine be approved by the agency this month?\n\n"
        "DR. FAUCI: No, I don't think I could answer that question.\n\n"
        "Q: Is it raining?\n\n"
        "DR. FAUCI: No.\n"
    )
    doc = analyze(text, stages=["claims", "numbers", "entities", "attributions", "stance"])
    assert not [s for s in doc.stances if s.kind == "denial"], doc.stances
