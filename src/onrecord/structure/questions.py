"""Which sentences of a questioner's turn are questions.

Not every "?" is a question to answer and not every question has a "?":
transcribers drop question marks, interviewers press with statements ("You
are categorical about that."), and pushback ("that wasn't the question") is
about the last answer rather than a new question.  Each sentence gets a kind
so that later stages, and people, can see why it was (not) counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.structure.sentences import split

_WH_START = re.compile(
    r"^(?:(?:so|and|but|now|okay|ok|well|then|sir|mr\.? president|madam president)[,.]?\s+)*"
    r"(who|whom|whose|what|what's|when|where|why|how|which|is|are|was|were|do|does|did|can|could|will|would|"
    r"shall|should|have|has|had|may|might|isn't|aren't|don't|doesn't|didn't|won't|wouldn't|can't|couldn't)\b",
    re.I,
)
PUSHBACK = re.compile(
    r"(that (?:wasn't|was not|isn't|is not) (?:the|my) question|(?:that's|that is) not what i (?:asked|said)|"
    r"you (?:didn't|did not|haven't|have not|still haven't) (?:answer(?:ed)?|said|say|told|tell)\b|"
    r"my question was|my question (?:is|was) (?:still|simply|again|a simple one|very simple)|"
    r"my question is(?:[ \t]*[:—–-]|,?[ \t]+(?:whether|if)\b)|"
    r"i(?:'m| am) (?:simply |just |only )?asking (?:whether|if)|so you (?:admit|concede)|"
    r"the question (?:was|is),|let me (?:just )?push you|push you on (?:this|that)|i(?:'m| am) asking you|"
    r"answer the question|you(?:'re| are) not answering|let me (?:ask|put) (?:it|that|this) (?:again|another way)|"
    r"with all due respect|with respect(?! (?:to|for)\b)|not clear to me what|i wish you would|you(?:'re| are) dodging|"
    r"you(?:'re| are) not (?:going to )?answer|you didn't respond|way of not answering|"
    r"that(?:'s| is| was) (?:not an|no) answer|you(?:'re| are| have been) avoiding (?:the|my) question)",
    re.I,
)
_CLOSING = re.compile(r"^(?:thank you|thanks|we'll leave it there|we have to leave it there|good(?:bye| night))", re.I)
# a greeting, thanks or a turn handed over, in a short sentence that opens with it: "Good morning,
# Governor.", "Governor Morales, thank you.", "Go ahead, Greg.", "Pat, over here.", a lawyer's
# "You can answer." after an objection
_PHATIC = re.compile(
    # perhaps after "And," / "OK, but" and a name or title ("Governor Morales,")
    r"^(?:(?:and|but|ok|okay|so|well|now|all right|alright|yes)[,.]?\s+){0,2}(?:(?:[A-Z][\w.'’-]*\s+){0,3}"
    r"[A-Z][\w.'’-]*,\s+)?(?:good (?:morning|afternoon|evening)|thank you|thanks|welcome(?: back)?|go ahead|"
    r"over here|(?:the )?last word|nice to (?:see|have) you|glad to have you|great to have you|"
    r"you (?:can|may) (?:go ahead and )?answer|(?:glad|happy|good|great|pleased) to be (?:here|with you|back)|"
    r"let's (?:listen|hear it|take a listen|take a look|watch)|(?:roll|play) (?:the )?(?:tape|clip|sound)|"
    r"here(?:'s| is) (?:what|how) (?:you|he|she|they) (?:said|put it)|"
    r"thanks? (?:you )?for having me)\b",
    re.I,
)
_PHATIC_WORDS = 6
_STAGE_DIRECTION = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])\s*")
# thanks for being there, however it is put: "Senator Whitfield, thanks for joining us this morning."
_THANKS_FOR_COMING = re.compile(
    r"\b(?:thanks|thank you)(?: so much| very much)? for (?:joining|being (?:with|here|on)|coming (?:in|on)|"
    r"having me|taking the time|making the time)",
    re.I,
)
_THANKS_WORDS = 12
# ... or that ends with it: "We have -- thank you.", "Linda Grabel's over here."
_PHATIC_END = re.compile(r"(?:\b(?:thank you|thanks)|[A-Z][\w'’-]*(?:'s|’s| is|,) over here)[.!]*\s*$", re.I)
# a chair calling the next speaker by name: "Mr. Akers.", "Ms. Greaves."  ("Mr. President?" is a question)
_NAME_CALL = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\.\s*")
# the house rules a chair or moderator gives the room, whatever their length: "Please wait for the
# microphone and state your name and outlet.", "The Minister will make a short statement and then take
# questions."  They are said to the audience, not put to the interviewee.
_HOUSE_RULES = re.compile(
    r"\b(?:wait for (?:the|a) (?:microphone|mic)|state your name|identify yourselves?|raise your hands?|"
    r"(?:one|a single) question (?:each|per|only|apiece)|keep (?:your )?questions (?:short|brief)|"
    r"(?:will|is going to|would like to) (?:make|give|deliver|read) (?:a |an |some )?(?:short |brief )?"
    r"(?:statement|remarks|opening)|(?:then|and) take (?:a few |some |your )?questions|"
    r"(?:silence|switch off|turn off) (?:your )?(?:mobile |cell )?phones|type (?:your )?questions|"
    r"questions? in the (?:q&a|q & a|chat)|use the (?:q&a|chat|raise[- ]hand))\b",
    re.I,
)
# words every house rule has one of: a cheap look before the long pattern
_HOUSE_HINT = re.compile(
    r"microphone|\bmic\b|name|identify|hand|question|statement|remarks|opening|phone|chat|q ?& ?a", re.I
)
_DEMAND = re.compile(
    r"^(?:(?:so|but|and|sir|now)[,]?\s+)*(?:you(?:'re| are| were| have| had| say| said| told| claim| deny)|"
    r"you\b.*\b(?:categorical|saying|suggest|claim)|i(?:'m| am) asking you|tell us|explain|give us|"
    r"(?:that|this) is not (?:the|what))",
    re.I,
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    #: question | demand | pushback | closing | phatic (greeting, thanks, "go ahead", house rules) | note |
    #: statement
    kind: str


def ends_with_question(s: str) -> bool:
    return bool(re.search(r"\?[\"'\u201d\u2019)\]]*$", s.strip()))


def classify(text: str, start: int, end: int) -> list[Sentence]:
    """Kinds of the sentences of one questioner turn."""
    out: list[Sentence] = []
    spans = split(text, start, end)
    for s, e in spans:
        sent = text[s:e]
        words = len(sent.split())
        if _STAGE_DIRECTION.fullmatch(sent):
            kind = "note"  # "(BEGIN VIDEO CLIP)", "[crosstalk]": the transcriber's, not said
        elif ends_with_question(sent) or ("?" in sent and _WH_START.match(sent)):
            kind = "question"
        elif PUSHBACK.search(sent):
            kind = "pushback"
        elif _CLOSING.match(sent):
            kind = "closing"
        elif (
            (words <= _PHATIC_WORDS and (_PHATIC.match(sent) or _PHATIC_END.search(sent)))
            or (words <= _THANKS_WORDS and _THANKS_FOR_COMING.search(sent))
            or (_HOUSE_HINT.search(sent) and _HOUSE_RULES.search(sent))
            or _NAME_CALL.fullmatch(sent)
        ):
            kind = "phatic"
        elif (
            _WH_START.match(sent)
            and words <= 25
            and sent.rstrip().endswith(".")
            and not re.match(
                r"^(?:so|and|but|now|okay|ok|well|then)?[, ]*(?:is|are|was|were|have|has|had|do|does|did|will|would|"
                r"can|could|should|may|might)\s+(?:not\s+)?\w+ing\b",
                sent,
                re.I,
            )
            and _looks_interrogative(sent)
        ):
            kind = "question"  # transcriber dropped the question mark
        elif _DEMAND.match(sent):
            kind = "demand"
        else:
            kind = "statement"
        if kind == "question" and out and out[-1].kind == "question" and _is_fragment(sent):
            out[-1] = Sentence(out[-1].start, e, "question")  # "... defy Moscow's appeal? For peace talks?"
            continue
        if kind == "question":
            out.extend(_two_questions(text, s, e))
            continue
        out.append(Sentence(s, e, kind))
    return out


# ", and why did you wait three weeks?": a second question joined to the first in one sentence
_AND_THEN_ASKED = re.compile(
    r",\s+and\s+(?=(?:why|when|how|who|what|where|which|will|would|do|does|did|is|are|was|were|can|could|should|"
    r"have|has)\b)",
    re.I,
)


# the second clause asks on its own: an auxiliary and its subject ("why did you", "will you", "how much
# will it"), or "who"/"what" with a modal ("who will pay"); "and who have never missed a payment" and "and
# when your auditor says" continue the first clause
_ASKS_AGAIN = re.compile(
    r"(?:(?:why|when|where|how(?: much| many| long| soon)?|which \w+|what(?: \w+)?|who(?:m)?)\s+)?"
    r"(?:do|does|did|will|would|can|could|should|is|are|was|were|have|has|had)(?:n[’']t)?\s+"
    r"(?:you|we|they|he|she|it|i|there|the|your|this|that|these|those|[A-Z]\w+)\b"
    r"|(?:who|what|which \w+)\s+(?:will|would|should|can|could|must|might)\s+\w+",
    re.I,
)
# a complement both clauses share: "What does it say about the council, and does it say anything about you,
# that nobody has resigned?"
_SHARED_TAIL = re.compile(r",\s+(?:that|whether|if|given|when|now that)\b", re.I)
# who the question is put to, before it: "Minister, when did you ...?"
_VOCATIVE = re.compile(r"^(?:(?:so|and|but|now|okay|well)[,]?\s+)*(?:(?:[A-Z][\w.'’-]*\s*){1,3},\s*)?", re.I)
# a relative clause in the first clause ("families who have lived here, and who ..."): the "and" joins two
# relative clauses, not two questions
_RELATIVE = re.compile(r"\b(?:who|which|whose)\b", re.I)


def _two_questions(text: str, start: int, end: int) -> list[Sentence]:
    """A question sentence as the questions it asks: "When did you learn about the breach, and why did you
    wait three weeks?" is two, each answered (or not) on its own, as QEvasion splits them.  Only a clause that
    is itself a question, of four words or more, after a first clause that is one too; "Is it the state, or
    the administration?" offers a choice and stays whole."""
    pieces: list[Sentence] = []
    s = start
    for m in _AND_THEN_ASKED.finditer(text, start, end):
        first = text[s : m.start()]
        second = text[m.start() + 1 : end].lstrip()  # "and why did you wait ...?"
        if (
            len(first.split()) >= 4
            and len(second.split()) >= 5
            and _ASKS_AGAIN.match(_VOCATIVE.sub("", first))
            and not _RELATIVE.search(first, 1)
            and _ASKS_AGAIN.match(second[4:])
            and not _SHARED_TAIL.search(second)
        ):
            pieces.append(Sentence(s, m.start(), "question"))
            s = end - len(second)
    pieces.append(Sentence(s, end, "question"))
    return pieces


def _is_fragment(sent: str) -> bool:
    words = sent.split()
    return len(words) <= 4 and (
        sent[0].islower() or words[0].lower() in {"for", "on", "in", "to", "with", "about", "or", "from", "at", "by"}
    )


def _looks_interrogative(sent: str) -> bool:
    """An aux-first sentence is a question only if a subject follows the auxiliary."""
    m = re.match(r"^(?:(?:so|and|but|now|okay|ok|well|then)[,]?\s+)*(\w+'?\w*)\s+(\w+)", sent.strip(), re.I)
    if not m:
        return False
    first, second = m.group(1).lower(), m.group(2).lower()
    if first in {"who", "whom", "whose", "what", "what's", "when", "where", "why", "how", "which"}:
        return True
    return second in {"you", "we", "they", "he", "she", "it", "there", "the", "your", "this", "that", "i", "anyone"}
