"""Reported speech: who said what, as relayed by whom.

A cue is a speech or report verb (lexicon.SPEECH_VERBS: "told", "said",
"warned", "claiming", "suggest"...).  Its holder is, in order:

* its subject ("The French foreign minister has explicitly warned that ...");
  a relative pronoun subject stands for the noun it modifies ("the Russians
  who said ...", "satellite imagery that would suggest ...");
* for a participle hanging off a noun ("a new report from Amnesty
  International claiming ...", "Erdogan saying that ..."), the source of a
  report noun ("from"/"by" X) or the noun itself;
* "according to X".

Pronoun holders are resolved through the entities stage ("Kremlin spokesman
Dmitry Peskov. He said ..." → Dmitry Peskov).  The content is the clause after
the cue (its object or "that" clause) to the end of the sentence; when the
object is "this" and the sentence ends there ("Specifically, he told me
this."), the content is the following sentences of the turn up to the first
question.  First-person holders ("As I said") are the speaker's own words and
are not attributions.  Cues with nothing reported to their right ("what he
said ...") are skipped.

Claims (``Interview.claims``) that lie mostly (half or more) inside a content
span, or that contain a whole reported content making up at least 30% of the
claim ("I want your response to a report from Amnesty International claiming
they have identified ..."), get the attribution's holder as ``holder``.
"""

from __future__ import annotations

from typing import Any

from onrecord.document import Attribution, Interview, Span
from onrecord.facts import lexicon
from onrecord.facts.common import EntityIndex, speaker_name
from onrecord.facts.nlp import parse
from onrecord.structure.sentences import split as split_sentences

_SKIP_AFTER_CUE = frozenset(
    {
        "that",
        ",",
        "though",
        "however",
        "also",
        "explicitly",
        "clearly",
        "indeed",
        "me",
        "us",
        "him",
        "her",
        "them",
        "you",
        "openly",
        "publicly",
        "repeatedly",
        "again",
        ":",
        "—",
    }
)
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "myself", "ourselves"})
_WH = frozenset({"who", "what", "which", "whom", "whoever", "whatever"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "you", "him", "her", "them"})
_THIS = frozenset({"this", "the following", "that"})


def _holder_token(cue: Any) -> tuple[Any, str] | None:
    """The token heading the holder of ``cue`` and the rule that found it."""
    subj = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj and cue.dep_ == "conj":
        subj = [c for c in cue.head.children if c.dep_ == "nsubj"]
    if subj:
        s = subj[0]
        if s.dep_ == "nsubjpass":
            agents = [c for c in cue.children if c.dep_ == "agent"]
            pobj = [g for a in agents for g in a.children if g.dep_ == "pobj"]
            return (pobj[0], "passive agent") if pobj else None
        if s.lower_ in lexicon.RELATIVE_PRONOUNS and cue.dep_ == "relcl":
            return cue.head, "relative clause"
        if s.lower_ in lexicon.REPORT_NOUNS:
            src = _report_source(s)
            if src is not None:
                return src, "report source"  # "the report from Transparency International claims ..."
        return s, "subject"
    if cue.tag_ == "VBG" and cue.i > 0:
        # "a new report from Amnesty International claiming ...": the noun right before the participle
        prev = cue.doc[cue.i - 1]
        if prev.is_punct and cue.i > 1:
            prev = cue.doc[cue.i - 2]
        if prev.pos_ in ("PROPN", "NOUN") and prev.dep_ not in ("compound",):
            return prev, "participle"
    if cue.dep_ in ("acl", "advcl") and cue.tag_ == "VBG":
        head = cue.head
        if head.pos_ in ("NOUN", "PROPN"):
            if head.lower_ in lexicon.REPORT_NOUNS:
                src = _report_source(head)
                if src is not None:
                    return src, "report source"
            return head, "participle"
    return None


def _report_source(noun: Any) -> Any | None:
    """X in "a report from/by/of X" (the one who made the report)."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
            objs = [g for g in prep.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _holder_span(tok: Any) -> tuple[int, int]:
    """Character span (relative to the segment) of the noun phrase headed by ``tok``, without clauses."""
    left = tok
    for c in tok.lefts:
        if c.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "case"):
            left = c.left_edge if c.left_edge.i < left.i else left
    right = tok
    for c in tok.rights:
        if c.dep_ in ("compound", "flat", "appos") or (c.dep_ == "prep" and c.lower_ == "of"):
            right = c.right_edge if c.right_edge.i > right.i else right
    return left.idx, right.idx + len(right.text)


def _content_start(cue: Any, sent_end_rel: int) -> Any | None:
    """First token of what is reported after ``cue`` (None if nothing is reported to its right)."""
    comps = [c for c in cue.children if c.dep_ in ("ccomp", "xcomp", "dobj", "attr", "oprd") and c.i > cue.i]
    if not comps:
        nxt = cue.nbor(1) if cue.i + 1 < len(cue.doc) else None
        if nxt is None or nxt.lower_ != "that":
            return None
    if any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in cue.children):
        return None  # "What the president said, ..." is a free relative, not a report
    # "warned the incoming President Trump that ...": skip the addressee up to the "that" of the clause
    doc = cue.doc
    for i in range(cue.i + 1, min(cue.i + 12, len(doc) - 1)):
        t = doc[i]
        if t.idx >= sent_end_rel or t.pos_ in ("VERB", "AUX"):
            break
        if t.lower_ == "that" and t.dep_ == "mark":
            return doc[i + 1] if doc[i + 1].idx < sent_end_rel else None
    tok = cue.nbor(1) if cue.i + 1 < len(cue.doc) else None
    while (
        tok is not None
        and tok.idx < sent_end_rel
        and (
            (tok.lower_ in _SKIP_AFTER_CUE and (tok.pos_ != "PRON" or tok.dep_ in ("dative", "iobj", "dobj")))
            or tok.dep_ in ("dative", "iobj")
            or tok.is_punct
            or (tok.lower_ in ("do", "does", "did") and tok.i + 1 < len(tok.doc) and tok.nbor(1).pos_ == "PRON")
            or (
                tok.pos_ == "PRON" and tok.i > 0 and tok.nbor(-1).lower_ in ("do", "does", "did")
            )  # "deny, do you, that"
        )
    ):
        tok = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if tok is None or tok.idx >= sent_end_rel:
        return None
    return tok


def find_attributions(doc: Interview) -> list[Attribution]:
    """Reported speech in every turn of ``doc`` (requires ``doc.entities``)."""
    text = doc.text
    index = EntityIndex(doc.entities)
    out: list[Attribution] = []
    for seg in parse(doc):
        turn = seg.turn
        if turn is None:
            continue
        sents = split_sentences(text, seg.start, seg.end)
        speaker = speaker_name(doc, turn)
        for si, (ss, se) in enumerate(sents):
            for tok in seg.doc.char_span(ss - seg.start, se - seg.start, alignment_mode="expand") or []:
                low = tok.lower_
                if low not in lexicon.SPEECH_VERBS:
                    continue
                if tok.pos_ not in ("VERB", "AUX") and not (
                    tok.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in tok.children)
                ):
                    continue  # "claims" is a verb when it has a subject, whatever the tagger says
                found = _holder_token(tok)
                if found is None:
                    continue
                htok, _rule = found
                if htok.lower_ in _FIRST_PERSON or htok.lower_ in _WH:
                    continue
                nxt_tok = seg.doc[tok.i + 1] if tok.i + 1 < len(seg.doc) else None
                if low in lexicon.THAT_ONLY_VERBS and (nxt_tok is None or nxt_tok.lower_ != "that"):
                    continue
                question = text[ss:se].rstrip().endswith("?")
                if question and (
                    tok.dep_ == "ROOT"
                    or htok.lower_ == "you"
                    or any(c.dep_ == "aux" and c.i < htok.i for c in tok.children)
                ):
                    continue  # "Are you saying that ...?" asks, it does not report
                # what is reported
                sent_end_rel = se - seg.start
                start_tok = _content_start(tok, sent_end_rel)
                c_start: int
                c_end: int
                ends_here = start_tok is not None and seg.start + start_tok.idx + len(start_tok.text) + 2 >= se
                if start_tok is not None and start_tok.lower_ in _THIS and ends_here:
                    # "he told me this." -> the next sentences of the turn, up to a question
                    following = []
                    for fs, fe in sents[si + 1 :]:
                        if text[fs:fe].rstrip().endswith("?"):
                            break
                        following.append((fs, fe))
                        if len(following) >= 5:
                            break
                    if not following:
                        continue
                    c_start, c_end = following[0][0], following[-1][1]
                elif start_tok is not None:
                    c_start, c_end = seg.start + start_tok.idx, se
                else:
                    continue
                while c_end > c_start and text[c_end - 1] in ".!?;:,\"'”’ ":
                    c_end -= 1
                if c_end - c_start < 3:
                    continue
                hs, he = _holder_span(htok)
                hs += seg.start
                he += seg.start
                holder_text = text[hs:he]
                eid = index.at(
                    seg.start + htok.idx,
                    seg.start + htok.idx + len(htok.text),
                    prefer=("person", "organization", "group", "place"),
                )
                if eid is None and (htok.pos_ == "PROPN" or htok.lower_ in lexicon.SPEAKER_NOUNS):
                    # an entity elsewhere in the holder counts only when the head can speak: "the
                    # Armenian government said" is Armenia's, "the Armenia trade deal added" is no one's
                    eid = index.at(hs, he, prefer=("person", "organization", "group", "place"))
                if (
                    eid is None
                    and htok.pos_ != "PROPN"
                    and htok.lower_ not in lexicon.SPEAKER_NOUNS
                    and htok.lower_ not in ("he", "she", "they")
                ):
                    continue  # "the ground that would suggest ...": not something that can say anything
                holder = index.name(eid) or holder_text
                a_start = min(hs, seg.start + tok.idx)
                out.append(
                    Attribution(
                        start=a_start,
                        end=c_end,
                        text=text[a_start:c_end],
                        holder=holder,
                        holder_entity=eid,
                        cue=tok.text,
                        content=Span(start=c_start, end=c_end, text=text[c_start:c_end]),
                        speaker=speaker,
                        turn=turn.id,
                        id=f"A{len(out) + 1}",
                    )
                )
            # "X made a statement that ...": a report noun with a "that" clause, held by the verb's subject
            for tok in seg.doc.char_span(ss - seg.start, se - seg.start, alignment_mode="expand") or []:
                if tok.lower_ not in lexicon.REPORT_NOUNS:
                    continue
                clause = [
                    c
                    for c in tok.children
                    if c.dep_ in ("acl", "ccomp", "relcl")
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                ]
                # "Turkey's claim that ...": the possessor holds it; "X made a statement that ...": the subject
                subj = [c for c in tok.children if c.dep_ == "poss" and c.lower_ not in ("my", "our")]
                if not subj and tok.dep_ == "dobj":
                    subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
                if not clause or not subj or subj[0].lower_ in _FIRST_PERSON:
                    continue
                left = clause[0].left_edge
                if left.lower_ == "that" and left.i + 1 < len(seg.doc):
                    left = seg.doc[left.i + 1]
                c_start, c_end = seg.start + left.idx, se
                while c_end > c_start and text[c_end - 1] in ".!?;:, ":
                    c_end -= 1
                hs = seg.start + subj[0].left_edge.idx
                he = seg.start + subj[0].right_edge.idx + len(subj[0].right_edge.text)
                eid = index.at(
                    seg.start + subj[0].idx,
                    seg.start + subj[0].idx + len(subj[0].text),
                    prefer=("person", "organization", "group"),
                )
                out.append(
                    Attribution(
                        start=hs,
                        end=c_end,
                        text=text[hs:c_end],
                        holder=index.name(eid) or text[hs:he],
                        holder_entity=eid,
                        cue=f"{tok.head.text} a {tok.text}",
                        content=Span(start=c_start, end=c_end, text=text[c_start:c_end]),
                        speaker=speaker,
                        turn=turn.id,
                        id=f"A{len(out) + 1}",
                    )
                )
            # "according to X, ..."
            for tok in seg.doc.char_span(ss - seg.start, se - seg.start, alignment_mode="expand") or []:
                if tok.lower_ == "according" and tok.i + 2 < len(seg.doc) and seg.doc[tok.i + 1].lower_ == "to":
                    objs = [g for g in seg.doc[tok.i + 1].children if g.dep_ == "pobj"]
                    if not objs:
                        continue
                    hs, he = _holder_span(objs[0])
                    hs, he = hs + seg.start, he + seg.start
                    after = he
                    while after < se and text[after] in ", ":
                        after += 1
                    if tok.idx + seg.start > ss + 2:  # "X happened, according to Y"
                        c_start, c_end = ss, seg.start + tok.idx
                    else:
                        c_start, c_end = after, se
                    while c_end > c_start and text[c_end - 1] in ".!?;:, ":
                        c_end -= 1
                    eid = index.at(hs, he, prefer=("person", "organization"))
                    a_start, a_end = min(ss, seg.start + tok.idx), max(c_end, he)
                    out.append(
                        Attribution(
                            start=a_start,
                            end=a_end,
                            text=text[a_start:a_end],
                            holder=index.name(eid) or text[hs:he],
                            holder_entity=eid,
                            cue="according to",
                            content=Span(start=c_start, end=c_end, text=text[c_start:c_end]),
                            speaker=speaker,
                            turn=turn.id,
                            id=f"A{len(out) + 1}",
                        )
                    )
    return out


def assign_holders(doc: Interview) -> int:
    """Give claims inside reported content the source as holder; returns how many changed."""
    changed = 0
    for claim in doc.claims:
        length = max(1, claim.end - claim.start)
        best: Attribution | None = None
        best_overlap = 0
        for a in doc.attributions:
            if a.turn != claim.turn:
                continue
            overlap = min(claim.end, a.content.end) - max(claim.start, a.content.start)
            if overlap > best_overlap:
                best, best_overlap = a, overlap
        if best is None:
            continue
        whole = claim.start <= best.content.start and best.content.end <= claim.end  # "X claims that Y."
        if best_overlap < 0.5 * length and not (whole and best_overlap >= 0.3 * length):
            continue
        if best.holder_entity is None and (best.holder or "").lower() in _PRONOUNS:
            continue  # an unresolved "they said": no better holder than the speaker
        if claim.holder != best.holder:
            claim.holder = best.holder
            changed += 1
    return changed
