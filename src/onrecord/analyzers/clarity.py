"""The ``clarity`` stage: QEvasion clarity and evasion labels for every answered exchange.

Two kinds of exchange are left unlabelled, because the taxonomy does not describe them:
answers given by an interviewer, moderator or audience member to a question the interviewee
asked (a role reversal, or a candidate quizzing a voter in a town hall), and questions that only hand over the floor
("Mr. President?", "Governor Romney, your response?"), whose answer takes up what came
before rather than the question.

Each exchange with an answer gets ``clarity`` and ``evasion`` labels with the
model's calibrated confidence, and evidence as spans of ``Interview.text``:
the answer sentence that best takes up the question (for replies), the
refusal / ignorance / clarification sentence and any question put back to the
interviewer (for non-replies), the opening sentence that drifts away from the
question and any deflection cue (for ambivalent answers), and the interviewer's pushback in the next turn when the
structure stage found one.  See docs/clarity.md.
"""

from __future__ import annotations

import re

from onrecord.analyzers import register
from onrecord.clarity import features as feats
from onrecord.clarity.model import Pair, Prediction, load_model
from onrecord.document import QUESTION_ROLES, Evidence, Exchange, Interview, Label
from onrecord.facts.lexicon import HONORIFICS
from onrecord.structure.sentences import split

VERSION = "clarity-1.0"

_CUE_REASON = {
    "refusal": "refuses or postpones the answer",
    "ignorance": "claims not to know",
    "clarify": "asks what the question means",
    "deflect": "turns to another subject",
    "partial": "answers only part of the question",
}
_CUES_FOR = {
    "Clear Non-Reply": ("refusal", "ignorance", "clarify"),
    "Declining to answer": ("refusal",),
    "Claims ignorance": ("ignorance",),
    "Clarification": ("clarify",),
    "Deflection": ("deflect",),
    "Dodging": ("deflect",),
    "Partial/half-answer": ("partial",),
}
#: a sentence where several cues fire is reported under the most telling one
_CUE_PRIORITY = ("refusal", "ignorance", "clarify", "partial", "deflect")
#: cues worth showing for any answer that is not a clear reply, whatever its fine label
_STRONG_CUES = ("refusal", "ignorance", "clarify")
_MAX_EVIDENCE = 4


def _context(doc: Interview, ex: Exchange) -> str | None:
    try:
        return doc.turn(ex.question.turn).text
    except KeyError:
        return None


def _ev(doc: Interview, start: int, end: int, reason: str) -> Evidence:
    return Evidence(start=start, end=end, text=doc.text[start:end], reason=reason)


def evidence_for(doc: Interview, ex: Exchange, pred: Prediction) -> tuple[list[Evidence], list[Evidence]]:
    """(clarity evidence, evasion evidence) for one labelled exchange."""
    assert ex.answer is not None
    sents = split(doc.text, ex.answer.start, ex.answer.end) or [(ex.answer.start, ex.answer.end)]
    cues: list[tuple[set[str], int, int]] = []  # (cues that fire, sentence span)
    for s, e in sents[:60]:
        kinds = {hit.cue for hit in feats.cue_sentences(doc.text[s:e], limit=1)}
        if kinds:
            cues.append((kinds, s, e))
    question = ex.question.text
    best = feats.best_sentence(question, doc.text[ex.answer.start : ex.answer.end])
    common: list[Evidence] = []
    if pred.clarity == "Clear Reply":
        if best is not None and best[2] > 0:
            s, e = best[0] + ex.answer.start, best[1] + ex.answer.start
            common.append(_ev(doc, s, e, f"takes up the question ({best[2]:.0%} of its content words)"))
        fs, fe = sents[0]
        if not common or common[0].start != fs:
            reason = "answers yes or no up front" if feats.yes_no_start(doc.text[fs:fe]) else "opening of the answer"
            common.append(_ev(doc, fs, fe, reason))
    else:
        wanted = set(_CUES_FOR.get(pred.evasion, ()) + _CUES_FOR.get(pred.clarity, ()))
        # first the cues the label calls for, then any refusal / ignorance / clarification sentence
        # a sentence is reported under its most telling cue: a refusal first (a refusal that also
        # deflects is a refusal), then the cues the label calls for, then the other strong ones
        shown = wanted | set(_STRONG_CUES)
        order = ["refusal"] + [c for c in _CUE_PRIORITY if c in wanted and c != "refusal"]
        order += [c for c in _CUE_PRIORITY if c in shown and c not in order]
        for allowed in (wanted, shown):
            for kinds, s, e in cues:
                if kinds & allowed and all(ev.start != s for ev in common):
                    hit = next(c for c in order if c in kinds & shown)
                    common.append(_ev(doc, s, e, _CUE_REASON[hit]))
        for s, e in sents[:2]:  # the model reads a question in the answer's opening as a non-reply sign
            if doc.text[s:e].rstrip().endswith("?") and all(ev.start != s for ev in common):
                common.append(_ev(doc, s, e, "puts a question back to the interviewer"))
        if pred.clarity == "Ambivalent" and (best is None or best[2] < 0.34):
            fs, fe = sents[0]
            if all(ev.start != fs for ev in common):
                common.append(_ev(doc, fs, fe, "opens away from the question's topic (topic shift)"))
        if not common and best is not None and best[2] > 0:
            s, e = best[0] + ex.answer.start, best[1] + ex.answer.start
            common.append(_ev(doc, s, e, "closest the answer comes to the question"))
        if not common:
            fs, fe = sents[0]
            common.append(_ev(doc, fs, fe, "opening of the answer (no cue found)"))
    if pred.clarity != "Clear Reply" and ex.pushback and ex.pushback_evidence is not None:
        pb = ex.pushback_evidence
        common.append(_ev(doc, pb.start, pb.end, "the interviewer pushes back in the next turn"))
    common = common[:_MAX_EVIDENCE]
    return list(common), list(common)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_FLOOR_WORDS = HONORIFICS | frozenset(
    [
        "and",
        "so",
        "well",
        "now",
        "okay",
        "ok",
        "please",
        "congressman",
        "congresswoman",
        "your",
        "you",
        "response",
        "reply",
        "rebuttal",
        "thoughts",
        "comment",
        "the",
    ]
)
_ADDRESS_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "madam",
        "dr",
        "sir",
        "president",
        "governor",
        "senator",
        "secretary",
        "congressman",
        "congresswoman",
        "minister",
        "chancellor",
        "general",
        "response",
        "reply",
        "rebuttal",
    ]
)
_ASKING_WORDS = frozenset(
    [
        "why",
        "what",
        "how",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "which",
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "should",
        "have",
        "has",
        "had",
        "may",
        "might",
        "must",
    ]
)


def hands_over_the_floor(question: str) -> bool:
    """True for a question that only names who speaks next ("Mr. President?", "Senator Smith, your response?")."""
    words = _WORD.findall(question)
    if not 1 <= len(words) <= 5 or not any(w.lower().rstrip(".") in _ADDRESS_WORDS for w in words):
        return False
    return all(
        w.lower() in _FLOOR_WORDS or (w[0].isupper() and w.lower().rstrip(".") not in _ASKING_WORDS) for w in words
    )


def _labelled(doc: Interview, ex: Exchange, pos: dict[str, int]) -> bool:
    if ex.answer is None or not ex.answer.text.strip() or hands_over_the_floor(ex.question.text):
        return False
    # a role reversal: the interviewee asked, so the answer is the journalist's (or a voter's, quizzed by
    # a candidate); a chair who answers a question put to them ("My question is for the Mayor") is labelled
    i = pos.get(ex.answer.turn)
    return ex.asked_by != "interviewee" or i is None or doc.turns[i].role not in QUESTION_ROLES


def _whole_answer(doc: Interview, ex: Exchange, pos: dict[str, int] | None = None) -> str:
    """The answer turn and the same speaker's turns straight after it: a transcript that repeats
    "ROMNEY:" on every paragraph splits one answer into several turns, and the model must see
    all of it to judge it.  ``pos`` maps turn ids to their index (built once per document)."""
    assert ex.answer is not None
    i = (pos if pos is not None else _positions(doc)).get(ex.answer.turn)
    if i is None:
        return ex.answer.text
    first = doc.turns[i]
    parts = [ex.answer.text]
    for t in doc.turns[i + 1 :]:
        if t.speaker != first.speaker or t.role != first.role or first.speaker is None:
            break
        parts.append(t.text)
    return "\n\n".join(parts)


def _positions(doc: Interview) -> dict[str, int]:
    return {t.id: i for i, t in enumerate(doc.turns)}


def label_exchanges(doc: Interview) -> None:
    pos = _positions(doc)
    todo = [ex for ex in doc.exchanges if _labelled(doc, ex, pos)]
    if not todo:
        return
    model = load_model()
    pairs = [Pair(ex.question.text, _whole_answer(doc, ex, pos), _context(doc, ex)) for ex in todo]
    for ex, pred in zip(todo, model.predict_pairs(pairs), strict=True):
        ev_c, ev_e = evidence_for(doc, ex, pred)
        ex.clarity = Label(label=pred.clarity, confidence=round(pred.clarity_confidence, 4), evidence=ev_c)
        ex.evasion = Label(label=pred.evasion, confidence=round(pred.evasion_confidence, 4), evidence=ev_e)


@register("clarity", VERSION, requires=("structure",))
def clarity(doc: Interview) -> None:
    label_exchanges(doc)
