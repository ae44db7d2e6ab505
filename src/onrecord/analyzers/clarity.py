"""The ``clarity`` stage: QEvasion clarity and evasion labels for every answered exchange.

Two kinds of exchange are left unlabelled, because the taxonomy does not describe them:
answers given by an interviewer, moderator or audience member to a question the interviewee
asked (a role reversal, or a candidate quizzing a voter in a town hall), and questions that only hand over the floor
("Mr. President?", "Governor Romney, your response?"), whose answer takes up what came
before rather than the question.

Each exchange with an answer gets ``clarity`` and ``evasion`` labels with the
model's calibrated confidence, and evidence as spans of ``Interview.text``:
the answer sentence that best takes up the question (for replies), the
refusal / ignorance / clarification sentence, an attack on the interviewer and any
question put back to the interviewer (for non-replies), the opening sentence that drifts
away from the question or answers another sub-question, and any deflection cue (for
ambivalent answers), and the interviewer's pushback in the next turn when the structure
stage found one, whatever the label.  The evasion label has its own evidence first.  See
docs/clarity.md.
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
    "attack": "attacks the question or the interviewer instead of answering",
    "deflect": "turns to another subject",
    "partial": "answers only part of the question",
}
_CUES_FOR = {
    "Clear Non-Reply": ("refusal", "ignorance", "clarify"),
    "Declining to answer": ("refusal",),
    "Claims ignorance": ("ignorance",),
    "Clarification": ("clarify",),
    "Deflection": ("deflect", "attack"),
    "Dodging": ("deflect", "attack"),
    "Partial/half-answer": ("partial",),
}
#: a sentence where several cues fire is reported under the most telling one
_CUE_PRIORITY = ("refusal", "ignorance", "clarify", "attack", "partial", "deflect")
#: cues worth showing for any answer that is not a clear reply, whatever its fine label
_STRONG_CUES = ("refusal", "ignorance", "clarify", "attack")
_MAX_EVIDENCE = 4


def _context(doc: Interview, ex: Exchange) -> str | None:
    try:
        return doc.turn(ex.question.turn).text
    except KeyError:
        return None


def _ev(doc: Interview, start: int, end: int, reason: str) -> Evidence:
    return Evidence(start=start, end=end, text=doc.text[start:end], reason=reason)


def evidence_for(
    doc: Interview, ex: Exchange, pred: Prediction, siblings: list[Exchange] | None = None
) -> tuple[list[Evidence], list[Evidence]]:
    """(clarity evidence, evasion evidence) for one labelled exchange.  ``siblings`` are the other
    sub-questions of the same turn that the same answer took up: an answer's opening that answers one of
    them is no topic shift for the rest."""
    assert ex.answer is not None
    sents = split(doc.text, ex.answer.start, ex.answer.end) or [(ex.answer.start, ex.answer.end)]
    cues: list[tuple[set[str], int, int]] = []  # (cues that fire, sentence span)
    for s, e in sents[:60]:
        kinds = {hit.cue for hit in feats.cue_sentences(doc.text[s:e], limit=1)}
        if kinds:
            cues.append((kinds, s, e))
    answer = doc.text[ex.answer.start : ex.answer.end]
    best = feats.best_sentence(ex.question.text, answer)
    common: list[Evidence] = []
    if pred.clarity == "Clear Reply":
        common += _reply_evidence(doc, ex, sents, best)
    else:
        common += _cue_evidence(doc, cues, set(_CUES_FOR.get(pred.evasion, ()) + _CUES_FOR.get(pred.clarity, ())))
        for s, e in sents[:2]:  # the model reads a question in the answer's opening as a non-reply sign
            if doc.text[s:e].rstrip().endswith("?") and all(ev.start != s for ev in common):
                common.append(_ev(doc, s, e, "puts a question back to the interviewer"))
        if pred.clarity == "Ambivalent" and (best is None or best[2] < 0.34):
            fs, fe = sents[0]
            if all(ev.start != fs for ev in common):
                common.append(_ev(doc, fs, fe, _opening_reason(doc, ex, fs, fe, siblings or [])))
        if not common and best is not None and best[2] > 0:
            s, e = best[0] + ex.answer.start, best[1] + ex.answer.start
            common.append(_ev(doc, s, e, "closest the answer comes to the question"))
        if not common:
            fs, fe = sents[0]
            common.append(_ev(doc, fs, fe, "opening of the answer: no cue found, the label is the model's reading"))
    specific = _evasion_evidence(doc, ex, pred.evasion, sents, cues, best)
    evasion = (specific + [ev for ev in common if all(ev.start != x.start for x in specific)])[:_MAX_EVIDENCE]
    clarity = common[:_MAX_EVIDENCE]
    if ex.pushback and ex.pushback_evidence is not None:
        # shown whatever the label: a reader must see that the interviewer did not take this for an answer
        pb = ex.pushback_evidence
        but = "but " if pred.clarity == "Clear Reply" else ""
        pushed = _ev(doc, pb.start, pb.end, f"{but}the interviewer pushes back in the next turn")
        clarity = [*clarity[: _MAX_EVIDENCE - 1], pushed]
        evasion = [*evasion[: _MAX_EVIDENCE - 1], pushed]
    return clarity, evasion


def _reply_evidence(
    doc: Interview, ex: Exchange, sents: list[tuple[int, int]], best: tuple[int, int, float] | None
) -> list[Evidence]:
    """The sentence that best takes up the question, and a yes or no up front."""
    assert ex.answer is not None
    found: list[Evidence] = []
    if best is not None and best[2] > 0:
        s, e = best[0] + ex.answer.start, best[1] + ex.answer.start
        found.append(_ev(doc, s, e, f"takes up the question ({best[2]:.0%} of its content words)"))
    fs, fe = sents[0]
    if not found or found[0].start != fs:
        reason = "answers yes or no up front" if feats.yes_no_start(doc.text[fs:fe]) else "opening of the answer"
        found.append(_ev(doc, fs, fe, reason))
    return found


def _cue_evidence(doc: Interview, cues: list[tuple[set[str], int, int]], wanted: set[str]) -> list[Evidence]:
    """First the sentences with the cues the label calls for, then any refusal / ignorance / clarification
    sentence; a sentence is reported under its most telling cue: a refusal first (a refusal that also
    deflects is a refusal), then the cues the label calls for, then the other strong ones."""
    found: list[Evidence] = []
    shown = wanted | set(_STRONG_CUES)
    for allowed in (wanted, shown):
        for kinds, s, e in cues:
            if kinds & allowed and all(ev.start != s for ev in found):
                found.append(_ev(doc, s, e, _CUE_REASON[_telling_cue(kinds, wanted)]))
    return found


def _telling_cue(kinds: set[str], wanted: set[str]) -> str:
    """The cue a sentence is reported under: a refusal first, then the cues the label calls for, then the
    other strong ones (``kinds`` holds one of those)."""
    shown = wanted | set(_STRONG_CUES)
    order = ["refusal"] + [c for c in _CUE_PRIORITY if c in wanted and c != "refusal"]
    order += [c for c in _CUE_PRIORITY if c in shown and c not in order]
    return next(c for c in order if c in kinds & shown)


def _opening_reason(doc: Interview, ex: Exchange, start: int, end: int, siblings: list[Exchange]) -> str:
    """Why an ambivalent answer's opening is evidence: it drifts from the question, or it answers another
    sub-question of the same turn ("How much will it cost, and who pays?": the cost comes first)."""
    opening = doc.text[start:end]
    own = feats.overlap_with(ex.question.text, opening)
    for other in siblings:
        if feats.overlap_with(other.question.text, opening) >= max(0.34, own + 0.01):
            return f"answers another part of the question (“{_clip(other.question.text)}”), not this one"
    return "opens away from the question's topic (topic shift)"


def _evasion_evidence(
    doc: Interview,
    ex: Exchange,
    label: str,
    sents: list[tuple[int, int]],
    cues: list[tuple[set[str], int, int]],
    best: tuple[int, int, float] | None,
) -> list[Evidence]:
    """The words behind the fine label itself, where a sign of it can be pointed at: the refusal behind
    "Declining to answer", the general phrasing behind "General", the sentence that states the answer
    behind "Explicit" or implies it behind "Implicit".  The clarity evidence follows."""
    assert ex.answer is not None
    a0 = ex.answer.start
    if label == "Explicit" and best is not None and best[2] > 0:
        return [_ev(doc, best[0] + a0, best[1] + a0, "states the answer")]
    if label == "Implicit" and best is not None and best[2] > 0:
        return [_ev(doc, best[0] + a0, best[1] + a0, "comes closest to the question, without saying it outright")]
    if label == "General":
        for s, e in sents[:12]:
            if feats.cue_fires("general", doc.text[s:e]):
                return [_ev(doc, s, e, "stays general, without the specifics asked for")]
    # the sentences reported under one of the label's own cues (a refusal that also deflects is a refusal)
    wanted = set(_CUES_FOR.get(label, ()))
    found = []
    for kinds, s, e in cues:
        cue = _telling_cue(kinds, wanted) if kinds & wanted else None
        if cue in wanted:
            found.append(_ev(doc, s, e, _CUE_REASON[cue]))
    return found[:2]


def _clip(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


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
    by_answer: dict[tuple[str, str | None], list[Exchange]] = {}
    for ex in todo:
        by_answer.setdefault((ex.question.turn, ex.answer.turn if ex.answer else None), []).append(ex)
    for ex, pred in zip(todo, model.predict_pairs(pairs), strict=True):
        siblings = [x for x in by_answer[(ex.question.turn, ex.answer.turn if ex.answer else None)] if x is not ex]
        ev_c, ev_e = evidence_for(doc, ex, pred, siblings)
        ex.clarity = Label(label=pred.clarity, confidence=round(pred.clarity_confidence, 4), evidence=ev_c)
        ex.evasion = Label(label=pred.evasion, confidence=round(pred.evasion_confidence, 4), evidence=ev_e)


@register("clarity", VERSION, requires=("structure",))
def clarity(doc: Interview) -> None:
    label_exchanges(doc)
