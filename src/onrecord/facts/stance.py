"""Denials, confirmations and accusations, each linked to what it is about.

Every stance records the rule that produced it (``Stance.rule``):

Denials (target: the claim or attribution denied)
  ``contrast-no``   "Turkish equipment, yes, Turkish forces no"
  ``false-pred``    a clause whose predicate calls something false: "It is false
                    information", "This is fake", "what X says is fake", "is not true"
  ``deny-verb``     a first-person subject with a denial verb: "Yes, I deny it",
                    "we reject it", "I disagree with that", "I don't accept that"
  ``negated-echo``  "they are not flying": a negated clause about equipment the interviewer asked about
  ``bare-no``       an answer sentence that is just "No."
  ``emphatic-no``   "Absolutely not", "Not at all", "That never happened", "I never said that",
                    "There is no evidence", "Nonsense."
Confirmations (target: the claim or attribution confirmed)
  ``contrast-yes``  "Turkish equipment, yes"
  ``yes``           an answer opening with "Yes," that does not deny ("Yes, we are prepared")
  ``yes-word``      an answer opening with "Absolutely." / "Of course," / "Exactly."
  ``agree-verb``    "I agree with you", "I confirm"
  ``echo``          "I am categorical" answering "You are categorical"
  ``presence``      "F-16s are here" / "are on the ground" about equipment or a group
                    the interviewer asked about, not negated
Accusations (target: the entity accused)
  ``dishonesty``    "he is lying again", "is spreading lies/rumors"
  ``bias``          "their pro-Armenian and anti-Azerbaijani position", "see only one side"
  ``wrongdoing``    a third party as the agent of an act of violence or bad faith:
                    "They committed ethnic cleansing", "It was Armenia who ... launched
                    an artillery attack", "ethnically cleansed by the Armenian regime"

Targets of denials and confirmations are chosen in this order: an attribution
the sentence itself names ("what the Armenian president says is fake" → his
last attribution); a report in the same turn within two sentences before ("they
said that ... This is fake"); otherwise the attributions and claims of the last
three question turns, scored by shared content words (demonyms count as their
country) with the stance sentence (double weight) and the last question, the
later on ties.  A claim inside the chosen attribution is preferred as target
when the claims stage has run.  Cues inside someone else's reported words are
not the speaker's stance and are skipped.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any, Literal

from onrecord.document import QUESTION_ROLES, Attribution, Claim, Interview, Span, Stance, Turn
from onrecord.facts import lexicon
from onrecord.facts.common import EntityIndex, speaker_name
from onrecord.facts.nlp import Segment, parse
from onrecord.structure.sentences import split as split_sentences

StanceKind = Literal["denial", "confirmation", "accusation"]
_CONTRAST = re.compile(r"(?P<yes>\b[\w'’ -]{2,60}?),\s*yes\s*[,;]\s*(?P<no>[\w'’ -]{2,60}?)\s*,?\s*no\b", re.I)
_FALSE_PRED = re.compile(
    r"\b(?:is|was|are|were|'s|’s)\s+(?:(?:absolutely|completely|totally|simply|just|all|pure|clearly|a|an)\s+)*"
    r"(?:(?:not\s+(?:true|correct|right|the\s+case|accurate))|"
    rf"(?:{'|'.join(sorted(lexicon.FALSE_WORDS, key=len, reverse=True))})\b(?:\s+information|\s+news)?)",
    re.I,
)
_DENY = re.compile(
    rf"\b(?:I|we)\s+(?:(?:do|did|would|strongly|categorically|fully|completely|absolutely|must|have\s+to)\s+)*"
    rf"(?:{'|'.join(sorted(lexicon.DENY_VERBS, key=len, reverse=True))})\b(?:\s+(?:it|this|that|them|with\s+that|"
    rf"with\s+you|with\s+this|the\s+\w+))?",
    re.I,
)
# "I don't accept that", "we cannot agree with this": a negated acceptance is a denial
_REFUSE = re.compile(
    r"\b(?:I|we)\s+(?:do\s+not|don[’']t|cannot|can[’']t|could\s+not|won[’']t|will\s+not|never)\s+"
    r"(?:accept|agree\s+with|buy)\s+(?:that|this|it|these|those|the\s+\w+(?:\s+\w+)?)\b",
    re.I,
)
_AGREE = re.compile(
    rf"\b(?:I|we)\s+(?:(?:do|fully|completely|absolutely|can)\s+)*"
    rf"(?:{'|'.join(sorted(lexicon.CONFIRM_VERBS, key=len, reverse=True))})\b(?:\s+(?:it|this|that|with\s+you|"
    rf"with\s+that|with\s+this))?|\b(?:that(?:'s|’s| is)\s+(?:right|correct|true)|exactly right|absolutely right)\b",
    re.I,
)
# "Absolutely." "Of course." opening an answer, alone or before a comma (not "Sure, but ...").
_YES_WORD = re.compile(
    r"\s*(?P<w>Absolutely|Exactly|Indeed|Certainly|Correct|Definitely|Of course|Sure|That's right|Right)"
    r"(?:[.!]\s*$|[.!]\s|,(?!\s*(?:but|however|though)))"
)
# Denials without a claim word: "Absolutely not", "Not at all", "That never happened", "I never said that",
# "There is no evidence", "Nonsense."
_EMPHATIC_NO = re.compile(
    r"^\s*(?:(?:Absolutely|Certainly|Definitely|Of course|Surely)\s+not|Not\s+at\s+all|No\s+way|Not\s+true|"
    r"Nonsense|Rubbish|False|Never)\b[.!,]?|\b(?:that|it|this)\s+(?:never\s+happened|did\s*n[o']t\s+happen|"
    r"has\s*n[o']t\s+happened)\b|\bI\s+(?:have\s+)?never\s+(?:said|claimed|promised|met|did|took|told|"
    r"ordered|approved|knew|signed)\b[^.;!?]{0,60}|\bthere\s+(?:is|was)\s+no\s+(?:evidence|proof|truth)\b",
    re.I,
)
_PRESENCE = re.compile(
    r"\b(?P<subj>[A-Z][\w-]*(?:\s+[\w-]+)?)\s+(?:is|are)\s+(?P<where>here|there|on\s+the\s+ground|in\s+[A-Z]\w+)\b"
)
_BIAS = re.compile(
    rf"(?P<owner>\b(?i:their|its|his|her|the)\s+)?{lexicon.BIAS_RE}|\b(?:more|very|openly|clearly|even\s+more)\s+"
    r"(?:pro|anti)-[A-Z][a-z]+\b|\b(?:see|sees|show|shows|tell|tells|report|reports|want\s+to\s+see)\s+only\s+"
    r"one\s+side\b"
)
_DISHONEST = re.compile(
    r"\b(?:is|are|was|were|'s|’s|keeps?|been)\s+(?:\w+\s+)?(?:lying|telling\s+lies)(?:\s+again)?\b|\b(?:spread(?:s|ing)?|"
    r"disseminat(?:e|es|ing))\s+(?:\w+\s+)?(?:lies|rumou?rs|fakes?|fake\s+(?:news|information)|disinformation|"
    r"propaganda|misinformation)\b|\blied\b",
    re.I,
)
_WRONG_VERBS = frozenset(
    {
        "occupied",
        "occupying",
        "occupies",
        "occupy",
        "expelled",
        "expel",
        "expelling",
        "invaded",
        "invade",
        "invading",
        "attacked",
        "attack",
        "attacking",
        "attacks",
        "shelled",
        "shelling",
        "bombed",
        "bombing",
        "committed",
        "commit",
        "cleansed",
        "killed",
        "kill",
        "killing",
        "launched",
        "destroy",
        "destroyed",
        "disrupt",
        "massacred",
        "tortured",
        "violated",
        "violate",
        "violating",
        "used",
    }
)
_WRONG_OBJECTS = re.compile(
    r"cleansing|genocide|crimes?|attack|massacre|negotiations|ceasefire|territor|land|villages|cities|city|"
    r"civilians|us\b|our\b|people|population|houses|homes|hospitals|schools|refugees",
    re.I,
)
_STOP_WORDS = (
    "a an the and or but if of to in on at for with from by as is are was were be been being it its this that these "
    "those there here he she they we you i me my our your their his her them us not no yes do does did have has had "
    "will would can could should must may might so than then what which who whom how why when where about into over "
    "also just very more most some any all such only one own same other again sir"
)
_STOP = frozenset(_STOP_WORDS.split())


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    """Content words of ``text``, demonyms as their country, crude plural folding (for target matching)."""
    out: set[str] = set()
    for w in re.findall(r"[A-Za-z][\w-]+", text):
        country = lexicon.DEMONYM_TO_COUNTRY.get(w)
        lw = (country or w).lower()
        if lw in _STOP:
            continue
        if lw.endswith("s") and len(lw) > 4:
            lw = lw[:-1]
        out.add(lw)
    return frozenset(out)


@dataclass
class _Ctx:
    doc: Interview
    index: EntityIndex
    turn_pos: dict[str, int]
    attributions: list[Attribution]
    claims: list[Claim]


def _inside_reported(ctx: _Ctx, turn: Turn, speaker_ent: str | None, s: int, e: int) -> bool:
    for a in ctx.attributions:
        if a.turn == turn.id and a.content.start <= s and e <= a.content.end and a.holder_entity != speaker_ent:
            return True
    return False


def _previous_turns(ctx: _Ctx, turn: Turn, n: int, keep: Callable[[Turn], bool]) -> list[Turn]:
    """The last ``n`` turns before ``turn`` that ``keep`` accepts, most recent first."""
    i = ctx.turn_pos[turn.id]
    out: list[Turn] = []
    for t in reversed(ctx.doc.turns[:i]):
        if keep(t):
            out.append(t)
            if len(out) >= n:
                break
    return out


def _previous_question_turns(ctx: _Ctx, turn: Turn, n: int = 3) -> list[Turn]:
    return _previous_turns(ctx, turn, n, lambda t: t.role in QUESTION_ROLES)


_DECLINES = re.compile(
    r"\b(?:answer (?:that|this|the|your)\b|comment\b|get into\b|speculate\b|go into\b|talk about that\b)", re.I
)


def _previous_other_turns(ctx: _Ctx, turn: Turn, n: int = 3) -> list[Turn]:
    """The last ``n`` turns by anyone but this turn's speaker, most recent first: what a stance
    answers is the question put to the speaker or, in a debate, the opponent's last words."""
    return _previous_turns(ctx, turn, n, lambda t: (t.speaker, t.role) != (turn.speaker, turn.role))


def _target_for(
    ctx: _Ctx, turn: Turn, sent: tuple[int, int], span: tuple[int, int], speaker_ent: str | None
) -> str | None:
    text = ctx.doc.text
    ss, se = sent
    # 1. an attribution whose holder the sentence names ("what the Armenian president says is fake")
    named = {eid for _, _, eid in ctx.index.covering(span[0], span[1])}
    named.discard(speaker_ent or "")
    if named:
        for a in reversed(ctx.attributions):
            if a.start < ss and a.holder_entity in named:
                return _claim_in(ctx, a, _words(text[ss:se]))
    # 2. a report just before, in the same turn
    for a in reversed(ctx.attributions):
        if a.turn == turn.id and a.end <= ss and a.holder_entity != speaker_ent:
            between = split_sentences(text, a.end, ss)
            if len(between) <= 2:
                return _claim_in(ctx, a, _words(text[ss:se]))
            break
    # 3. what the others said last: the interviewer's question, or a debate opponent's claim
    qturns = _previous_other_turns(ctx, turn)
    if not qturns:
        return None
    stance_words = _words(text[span[0] : span[1]]) | _words(text[ss:se])
    q_words = _words(qturns[0].text)
    q_ids = {t.id for t in qturns}
    best: tuple[float, int, str] | None = None
    for a in ctx.attributions:
        if a.turn not in q_ids or (speaker_ent and a.holder_entity == speaker_ent):
            continue
        w = _words(a.content.text)
        score = 2 * len(w & stance_words) + len(w & q_words) + (0.5 if a.turn == qturns[0].id else 0)
        cand = (score, a.start, a.id or "")
        if best is None or cand[:2] > best[:2]:
            best = cand
    for c in ctx.claims:
        if c.turn not in q_ids:
            continue
        w = _words(c.text)
        score = 2 * len(w & stance_words) + len(w & q_words) + (0.5 if c.turn == qturns[0].id else 0) - 0.25
        cand = (score, c.start, c.id)
        if best is None or cand[:2] > best[:2]:
            best = cand
    if best is None:
        return None
    for a in ctx.attributions:
        if a.id == best[2]:
            return _claim_in(ctx, a, stance_words | q_words)
    return best[2]


def _claim_in(ctx: _Ctx, a: Attribution, words: AbstractSet[str]) -> str | None:
    """The claim inside attribution ``a`` that best matches ``words``; else the attribution's id."""
    inside = [c for c in ctx.claims if c.start < a.content.end and a.content.start < c.end]
    if not inside:
        return a.id
    return max(inside, key=lambda c: (len(_words(c.text) & words), c.start)).id


def _subject_entity(ctx: _Ctx, seg: Segment, tok: Any) -> tuple[str | None, Any]:
    """Entity (and token) of the subject governing ``tok``, climbing through xcomp/conj; a passive agent,
    or the focus of a cleft ("It was Armenia who ...")."""
    cur = tok
    for _ in range(6):
        for c in cur.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return _entity_of_np(ctx, seg, objs[0]), objs[0]
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "expl")]
        if subj:
            s = subj[0]
            if s.lower_ in ("who", "that", "which"):
                if cur.dep_ == "relcl":
                    s = cur.head
                else:
                    attrs = [c for c in cur.head.children if c.dep_ == "attr"]
                    if cur.dep_ == "ccomp" and attrs:
                        s = attrs[0]  # "It was Armenia who launched ..."
            if s.lower_ in ("i", "we", "who", "what", "it", "which", "that", "everybody", "nobody"):
                return None, s
            return _entity_of_np(ctx, seg, s), s
        if cur.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl", "ccomp", "pcomp", "pobj", "prep", "dobj"):
            if cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN"):
                return _entity_of_np(ctx, seg, cur.head), cur.head
            cur = cur.head
            continue
        break
    return None, None


def _entity_of_np(ctx: _Ctx, seg: Segment, tok: Any) -> str | None:
    s = seg.start + tok.left_edge.idx
    e = seg.start + tok.idx + len(tok.text)
    head_hit = ctx.index.at(seg.start + tok.idx, e, prefer=("person", "organization", "group", "place"))
    return head_hit or ctx.index.at(s, e, prefer=("person", "organization", "group", "place"))


def find_stances(doc: Interview) -> list[Stance]:
    """Denials, confirmations and accusations in every turn (requires entities and attributions)."""
    text = doc.text
    ctx = _Ctx(
        doc,
        EntityIndex(doc.entities),
        {t.id: i for i, t in enumerate(doc.turns)},
        sorted(doc.attributions, key=lambda a: a.start),
        list(doc.claims),
    )
    out: list[Stance] = []
    seen: set[tuple[str, int, int]] = set()

    def add(kind: StanceKind, s: int, e: int, target: str | None, turn: Turn, rule: str) -> None:
        while e > s and text[e - 1] in ".,;: ":
            e -= 1
        key = (kind, s, e)
        if key in seen or any(
            x.kind == kind and x.target == target and x.span.start < e and s < x.span.end for x in out
        ):
            return
        seen.add(key)
        out.append(
            Stance(
                kind=kind,
                span=Span(start=s, end=e, text=text[s:e]),
                target=target,
                speaker=speaker_name(doc, turn),
                rule=rule,
            )
        )

    for seg in parse(doc):
        turn = seg.turn
        if turn is None:
            continue
        speaker_ent = _speaker_entity(ctx, turn)
        answering = turn.role not in QUESTION_ROLES
        sents = split_sentences(text, seg.start, seg.end)
        prev_q = _previous_question_turns(ctx, turn, 1)
        for si, (ss, se) in enumerate(sents):
            sent_text = text[ss:se]

            def inside(s: int, e: int, turn: Turn = turn, speaker_ent: str | None = speaker_ent) -> bool:
                return _inside_reported(ctx, turn, speaker_ent, s, e)

            # --- denials and confirmations --------------------------------------------------
            for m in _CONTRAST.finditer(sent_text):
                ys = ss + m.start("yes") + (len(m.group("yes")) - len(m.group("yes").lstrip()))
                ye = ss + sent_text.lower().index("yes", m.end("yes")) + 3  # "Turkish equipment, yes"
                ns, ne = ss + m.start("no"), ss + m.end()
                add(
                    "confirmation",
                    ys,
                    ye,
                    _target_for(ctx, turn, (ss, se), (ys, ye), speaker_ent),
                    turn,
                    "contrast-yes",
                )
                add("denial", ns, ne, _target_for(ctx, turn, (ss, se), (ns, ne), speaker_ent), turn, "contrast-no")
            if answering:
                for m in _REFUSE.finditer(sent_text):
                    s, e = ss + m.start(), ss + m.end()
                    if not inside(s, e):
                        add("denial", s, e, _target_for(ctx, turn, (ss, se), (s, e), speaker_ent), turn, "deny-verb")
                for m in _DENY.finditer(sent_text):
                    s, e = ss + m.start(), ss + m.end()
                    if re.search(r"\b(?:not|n't|never)\b", text[max(ss, s - 12) : s]) or inside(s, e):
                        continue
                    yes = re.search(r"\b(?:[Yy]es|[Nn]o),?\s*$", text[ss:s])
                    if yes:  # "Yes, I deny it": the answer word belongs to the denial
                        s = ss + yes.start()
                    add("denial", s, e, _target_for(ctx, turn, (ss, se), (s, e), speaker_ent), turn, "deny-verb")
                for m in _FALSE_PRED.finditer(sent_text):
                    s, e = ss + m.start(), ss + m.end()
                    if inside(s, e):
                        continue
                    s = _clause_start(text, ss, s)
                    if _DISHONEST.search(text[s:e]):
                        continue  # "he is lying" accuses a person; handled below
                    if re.match(r"(?:something|nothing|everything|anything|much|a lot)\b", text[s:e], re.I):
                        continue  # "something is wrong" judges the world, it does not deny a claim
                    if not (_ANAPHORIC_SUBJECT.match(text[s:e]) or _SPEECH_WORD.search(text[ss : ss + m.start()])):
                        continue  # "a foreign policy that's wrong" judges a policy; a denial is about what was said
                    add("denial", s, e, _target_for(ctx, turn, (ss, se), (s, e), speaker_ent), turn, "false-pred")
                m_no = re.match(r"\s*No(?:[.!,;]|\s*$)", sent_text) if si <= 2 else None
                if m_no and not _DECLINES.search(sent_text):
                    # "No." / "No, ..." answering (the splitter may keep "No." with what follows); kept at the
                    # end only with something it denies (a bare "No" pointing nowhere tells a reader nothing),
                    # and "No, I can't answer that" declines rather than denies
                    e = ss + m_no.end()
                    add("denial", ss, e, _target_for(ctx, turn, (ss, se), (ss, e), speaker_ent), turn, "bare-no")
                if si == 0 and re.match(r"\s*(?:Yes|Yeah|Yep)\b", sent_text) and not _DENY.search(sent_text):
                    stop = re.search(r"[;.]", sent_text)
                    e = ss + (stop.start() if stop else len(sent_text))
                    add("confirmation", ss, e, _target_for(ctx, turn, (ss, se), (ss, e), speaker_ent), turn, "yes")
                m_yes = _YES_WORD.match(sent_text) if si == 0 else None
                if m_yes:  # "Absolutely." / "Of course, ..." opening an answer
                    e = ss + m_yes.end("w")
                    add("confirmation", ss, e, _target_for(ctx, turn, (ss, se), (ss, e), speaker_ent), turn, "yes-word")
                m_not = _EMPHATIC_NO.search(sent_text) if si <= 2 else None
                if m_not and not inside(ss + m_not.start(), ss + m_not.end()):
                    s, e = ss + m_not.start(), ss + m_not.end()
                    add("denial", s, e, _target_for(ctx, turn, (ss, se), (s, e), speaker_ent), turn, "emphatic-no")
                for m in _AGREE.finditer(sent_text):
                    s, e = ss + m.start(), ss + m.end()
                    if re.search(r"\b(?:not|n't|never)\b", text[max(ss, s - 12) : e]) or inside(s, e):
                        continue
                    add("confirmation", s, e, _target_for(ctx, turn, (ss, se), (s, e), speaker_ent), turn, "agree-verb")
                if si <= 1 and prev_q:
                    for m in re.finditer(r"\bI\s+am\s+(\w+)", sent_text):
                        if re.search(rf"\b[Yy]ou\s+are\s+{re.escape(m.group(1))}\b", prev_q[0].text):
                            s, e = ss + m.start(), ss + m.end()
                            add(
                                "confirmation",
                                s,
                                e,
                                _target_for(ctx, turn, (ss, se), (s, e), speaker_ent),
                                turn,
                                "echo",
                            )
                for m in _PRESENCE.finditer(sent_text):
                    s, e = ss + m.start(), ss + m.end()
                    clause = text[s : min(se, e + 12)]
                    if re.search(r"\b(?:not|n't|never|no)\b", clause) or inside(s, e):
                        continue
                    subj_words = _words(m.group("subj"))
                    asked = any(subj_words & _words(q.text) for q in _previous_question_turns(ctx, turn, 2))
                    ent = ctx.index.at(s, ss + m.end("subj"))
                    if asked and ent and ctx.index.by_id[ent].type in ("equipment", "group", "organization"):
                        add(
                            "confirmation",
                            s,
                            e,
                            _target_for(ctx, turn, (ss, se), (s, e), speaker_ent),
                            turn,
                            "presence",
                        )
                _negated_equipment(ctx, seg, turn, (ss, se), speaker_ent, add)
            # --- accusations -----------------------------------------------------------------
            for m in _DISHONEST.finditer(sent_text):
                s, e = ss + m.start(), ss + m.end()
                if inside(s, e):
                    continue
                tok = _token_at(seg, s, e)
                target, subj = _subject_entity(ctx, seg, tok) if tok is not None else (None, None)
                if subj is not None and subj.lower_ in ("who", "what", "everybody", "nobody"):
                    continue  # "who is lying": no one is named
                if target is None:
                    target = _recent_person(ctx, ss, s, speaker_ent)
                if target is None or target == speaker_ent:
                    continue
                add("accusation", _span_start(text, seg, ss, s, subj), e, target, turn, "dishonesty")
            for m in _BIAS.finditer(sent_text):
                s, e = ss + m.start(), ss + m.end()
                if inside(s, e):
                    continue
                target = None
                if m.group("owner"):
                    target = ctx.index.at(s, s + len(m.group("owner").strip()))
                if target is None:
                    tok = _token_at(seg, s, e)
                    target = _subject_entity(ctx, seg, tok)[0] if tok is not None else None
                if target is None and m.group("owner") and m.group("owner").strip().lower() in ("their", "its"):
                    target = _recent_of(ctx, s, ("organization", "group"), speaker_ent)  # "Their ... bias"
                add("accusation", s, e, target, turn, "bias")
            if answering:
                for tok in seg.doc.char_span(ss - seg.start, se - seg.start, alignment_mode="expand") or []:
                    if tok.lower_ not in _WRONG_VERBS or tok.pos_ != "VERB":
                        continue
                    tail = text[seg.start + tok.idx : min(se, seg.start + tok.idx + 60)]
                    passive = any(c.dep_ == "agent" for c in tok.children)
                    if not passive and not _WRONG_OBJECTS.search(tail[len(tok.text) :]):
                        continue
                    if tok.lower_ == "used" and not re.search(r"against", tail):
                        continue
                    s = seg.start + tok.idx
                    if inside(s, s + len(tok.text)):
                        continue
                    target, subj = _subject_entity(ctx, seg, tok)
                    if target is None:
                        # an unnamed third party ("Pashinyan regime did everything to destroy negotiations",
                        # "they attacked us in July"): still an accusation, with no entity to point at
                        if (
                            subj is None
                            or subj.lower_ in _NOT_AGENTS
                            or not (subj.pos_ == "PROPN" or subj.lower_ in _AGENT_NOUNS)
                        ):
                            continue
                    elif (
                        target == speaker_ent
                        or _is_self(ctx, target, doc)
                        or ctx.index.by_id[target].type in ("equipment", "event", "document")
                    ):
                        continue  # weapons do not commit crimes, their users do
                    e_tok = tok.right_edge if tok.right_edge.idx + seg.start <= se else tok
                    e = min(se, seg.start + e_tok.idx + len(e_tok.text))
                    if e > s + 90:  # a long object is cut after 90 characters, but never inside a word
                        e = s + 90
                        while e < se and (text[e].isalnum() or text[e] in "'’-"):
                            e += 1
                    if passive:
                        e = min(se, seg.start + tok.right_edge.idx + len(tok.right_edge.text))
                    add("accusation", _span_start(text, seg, ss, s, subj), e, target, turn, "wrongdoing")
    out.sort(key=lambda x: x.span.start)
    _carry_denial_targets(doc, out)
    return [st for st in out if not (st.rule == "bare-no" and st.target is None)]


# A false-predicate denial needs a subject that stands for something said: a pronoun or demonstrative,
# a free relative ("what he said"), a report noun ("the claim"), or a sentence that talks about saying.
_ANAPHORIC_SUBJECT = re.compile(
    r"(?:it|this|that|these|those|they|which|what|all\s+(?:of\s+)?(?:this|that|it)|everything|"
    r"(?:the|this|that|these|those|his|her|their|your)\s+(?:\w+\s+)?(?:claims?|reports?|story|stories|allegations?|"
    r"accusations?|information|statements?|premise|idea|suggestion|notion|numbers?|figures?|charges?|rumou?rs?|"
    r"assertions?|video|footage|news|narrative|account))\b",
    re.I,
)
_SPEECH_WORD = re.compile(
    r"\b(?:say|says|said|saying|claim\w*|told|tell\w*|heard|report\w*|allege\w*|suggest\w*|accus\w*|"
    r"call\w*|presented|speak\w*|spoke)\b",
    re.I,
)
# Nouns that can stand for the agent of a wrong when no entity is named ("the military", "the regime").
_AGENT_NOUNS = frozenset(
    {
        "regime",
        "military",
        "army",
        "government",
        "forces",
        "troops",
        "side",
        "terrorists",
        "militants",
        "soldiers",
        "police",
        "administration",
        "leadership",
        "occupants",
        "occupiers",
        "aggressor",
        "enemy",
        "separatists",
        "rebels",
        "junta",
        "dictator",
        "president",
        "leader",
        "minister",
        "state",
        "country",
        "those",
        "they",
        "he",
        "she",
        "them",
    }
)
_NOT_AGENTS = frozenset(
    {
        "i",
        "we",
        "you",
        "it",
        "who",
        "what",
        "which",
        "that",
        "this",
        "one",
        "everybody",
        "nobody",
        "everyone",
        "someone",
        "somebody",
        "people",
        "me",
        "us",
    }
)


def _carry_denial_targets(doc: Interview, stances: list[Stance]) -> None:
    """A denial with nothing of its own to point at ("I already answered. No.") repeats the speaker's
    last denial within the previous four turns, and takes its target."""
    starts = [t.start for t in doc.turns]
    last: dict[str | None, tuple[int, str]] = {}
    for st in stances:
        if st.kind != "denial":
            continue
        ti = bisect.bisect_right(starts, st.span.start) - 1
        if st.target is None and st.speaker in last and ti - last[st.speaker][0] <= 4:
            st.target = last[st.speaker][1]
        if st.target is not None:
            last[st.speaker] = (ti, st.target)


def _negated_equipment(
    ctx: _Ctx, seg: Segment, turn: Turn, sent: tuple[int, int], speaker_ent: str | None, add: Any
) -> None:
    """``negated-echo``: "they are not flying", "cluster munitions have not been used" — a negated clause
    about weapons the interviewer asked about denies what the question put forward."""
    ss, se = sent
    qturns = _previous_question_turns(ctx, turn, 2)
    if not qturns:
        return
    span = seg.doc.char_span(ss - seg.start, se - seg.start, alignment_mode="expand")
    for neg in span or []:
        if neg.dep_ != "neg":
            continue
        verb = neg.head
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj:
            continue
        s0 = seg.start + subj[0].left_edge.idx
        ent = ctx.index.at(s0, seg.start + subj[0].idx + len(subj[0].text))
        if ent is None or ctx.index.by_id[ent].type != "equipment":
            continue
        asked = any(q.start <= m.start < q.end for q in qturns for m in ctx.index.by_id[ent].mentions)
        if not asked:
            continue
        e = min(se, seg.start + verb.right_edge.idx + len(verb.right_edge.text), s0 + 90)
        add("denial", s0, e, _target_for(ctx, turn, sent, (s0, e), speaker_ent), turn, "negated-echo")


def _is_self(ctx: _Ctx, eid: str, doc: Interview) -> bool:
    """Is ``eid`` the speaker's own side (the interviewee's country, "we")?"""
    ent = ctx.index.by_id.get(eid)
    if ent is None:
        return False
    me = next((p for p in doc.metadata.participants if p.role == "interviewee"), None)
    if me is None or not me.description:
        return False
    return ent.name.lower() in me.description.lower()


def _speaker_entity(ctx: _Ctx, turn: Turn) -> str | None:
    """Entity of the turn's speaker: the one its "I" mentions belong to."""
    for s, e, eid in ctx.index.covering(turn.start, turn.end):
        if ctx.doc.text[s:e].lower() in ("i", "me", "my"):
            return eid
    name = turn.speaker
    if name:
        for ent in ctx.index.by_id.values():
            if ent.name == name:
                return ent.id
    return None


def _recent_of(ctx: _Ctx, pos: int, types: tuple[str, ...], speaker_ent: str | None) -> str | None:
    """The last entity of ``types`` mentioned in the 800 characters before ``pos``."""
    hits = [
        h
        for h in ctx.index.covering(max(0, pos - 800), pos)
        if h[1] <= pos and ctx.index.by_id[h[2]].type in types and h[2] != speaker_ent
    ]
    return hits[-1][2] if hits else None


def _recent_person(ctx: _Ctx, ss: int, pos: int, speaker_ent: str | None) -> str | None:
    hits = [
        h
        for h in ctx.index.covering(max(0, ss - 600), pos)
        if h[1] <= pos
        and ctx.index.by_id[h[2]].type == "person"
        and h[2] != speaker_ent
        and ctx.doc.text[h[0] : h[1]].lower() not in ("you", "your")
    ]
    return hits[-1][2] if hits else None


def _token_at(seg: Segment, s: int, e: int) -> Any:
    span = seg.doc.char_span(s - seg.start, e - seg.start, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    return verbs[-1] if verbs else span.root


def _span_start(text: str, seg: Segment, ss: int, pos: int, subj: Any) -> int:
    """Where an accusation's span starts: at its subject when the subject precedes the cue, else its clause."""
    if subj is not None:
        s = int(seg.start + subj.left_edge.idx)
        if ss <= s < pos:
            return s
    return _clause_start(text, ss, pos)


_CLAUSE_CUT = re.compile(r"(?<!\d),|,(?!\d)|;|:(?!\d)|\.\s|—|–|\s-\s")


def _clause_start(text: str, sent_start: int, pos: int) -> int:
    """Start of the clause ``pos`` is in: after the last comma/semicolon or "and"/"but", else the sentence."""
    window = text[sent_start:pos]
    cuts = list(_CLAUSE_CUT.finditer(window))
    cut = cuts[-1].start() if cuts else -1
    conj = list(re.finditer(r"\b(?:and|but|because|so|that)\s+", window))
    starts = [sent_start]
    if cut >= 0:
        starts.append(sent_start + cut + 1)
    if conj:
        starts.append(sent_start + conj[-1].end())
    s = max(starts)
    while s < pos and text[s] == " ":
        s += 1
    return s
