"""Pair questions with the answers that respond to them.

An exchange is one question and the turn that answers it.  Several questions
in one turn share that answer (the QEvasion convention, where each sub-question
is labelled against the whole answer).  Interrupted answers ("First of all…"
cut off by "Hold on, sir, …") are skipped in favour of the answer that
follows the completed question; interviewees who ask the interviewer
something get an exchange too, marked ``asked_by="interviewee"``.
"""

from __future__ import annotations

import re

from onrecord.document import QUESTION_ROLES, AnswerRef, Exchange, QuestionRef, Span, Turn
from onrecord.structure.questions import PUSHBACK, Sentence, classify, ends_with_question
from onrecord.structure.sentences import split

QUESTIONERS = QUESTION_ROLES
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
# Words too common in interviews to show that two questions share a topic.
_STOP = frozenset(
    [
        "this",
        "that",
        "there",
        "their",
        "they",
        "them",
        "then",
        "than",
        "with",
        "what",
        "when",
        "where",
        "which",
        "would",
        "could",
        "should",
        "have",
        "from",
        "your",
        "yours",
        "about",
        "into",
        "just",
        "like",
        "also",
        "some",
        "such",
        "very",
        "more",
        "most",
        "much",
        "many",
        "been",
        "being",
        "were",
        "does",
        "doing",
        "done",
        "will",
        "shall",
        "here",
        "these",
        "those",
        "only",
        "other",
        "well",
        "said",
        "says",
        "tell",
        "told",
        "know",
        "think",
        "going",
        "want",
        "sir",
        "president",
    ]
)
_FOLLOW_CUE = re.compile(
    r"^(?:(?:so|but|and|okay|ok|now|sir)[,]?\s+)*(?:you (?:have )?(?:said|say|mentioned|told)|is that|"
    r"are you (?:saying|categorical)|you are categorical|so you|that (?:is|was)|but you|then why|why not|i'?m asking)",
    re.I,
)
# pressing the last answer without pushing back on it: "Just to be clear, you're saying by the fall ...?"
_PRESSING = re.compile(r"\b(?:just to be clear|my question is,)", re.I)


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def is_interrupted(text: str) -> bool:
    """A turn cut off by the other speaker: short and trailing off."""
    stripped = text.rstrip()
    return len(stripped.split()) <= 12 and bool(re.search(r"(\.\.\.|…|--|—|-)$", stripped))


_ASIDE_CHARS = 300
# a lawyer's objection, with its ground: "Objection.  Form.", "Objection to form.", "Objection, leading."
_OBJECTION = re.compile(
    r"\s*objection(?:[.,;:]?\s*(?:to (?:the )?)?(?:form(?: of the question)?|foundation|leading|hearsay|relevance|"
    r"vague(?: and ambiguous)?|asked and answered|calls for speculation|argumentative|compound|privileged?|"
    r"lacks foundation|assumes facts not in evidence|mischaracteri[sz]es (?:the )?(?:testimony|evidence))?)*[.!]?\s*",
    re.I,
)


def _aside(turn: Turn) -> bool:
    """A turn that leaves the question standing, or answers nothing: an objection ("Objection.  Form."),
    or only greetings, thanks, handovers and stage directions ("Go ahead, Governor.", "You can answer.",
    "Thank you.", "(OFF-MIKE)")."""
    if _OBJECTION.fullmatch(turn.text):
        return True
    if len(turn.text) > _ASIDE_CHARS:  # a long turn is never only greetings (and classifying it is slow)
        return False
    kinds = {s.kind for s in classify(turn.text, 0, len(turn.text))}
    return bool(kinds) and kinds <= {"phatic", "closing", "note"}


_NOT_ADDRESS = frozenset(["mr", "mrs", "ms", "miss", "dr", "the", "cont'd", "continuing"])


def _addressed(asker: Turn, other: Turn) -> bool:
    """Whether ``asker``'s turn names the other questioner, by a word of their name or label ("for the
    Mayor" and "MAYOR DONNELLY:")."""
    label = other.label.text if other.label is not None else ""
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]{2,}", f"{other.speaker or ''} {label}")}
    words -= _NOT_ADDRESS
    return any(re.search(rf"\b{re.escape(w)}\b", asker.text, re.IGNORECASE) for w in words)


_PACKAGE = re.compile(
    r"\((?:BEGIN VIDEO ?TAPE|BEGIN VIDEO CLIP|VIDEO ?CLIP BEGINS?|VIDEOTAPE BEGINS?)\)(?P<body>.*?)"
    r"(?:\((?:END VIDEO ?TAPE|END VIDEO CLIP|VIDEO ?CLIP ENDS?|VIDEOTAPE ENDS?)\)|\Z)",
    re.DOTALL | re.IGNORECASE,
)
_VOICE_OVER = re.compile(r"\bvoice[- ]?over\b|\(V\.?O\.?\)|\bV/O\b", re.IGNORECASE)


def _narrating(turns: list[Turn], text: str) -> set[str]:
    """Ids of the turns in which a reporter narrates a taped package ("(BEGIN VIDEOTAPE)" ...): labelled
    "(voice-over)", or by someone who was so labelled earlier in the same package.  Their statements
    lead into the soundbites; they are not put to anyone.  (A reporter interviewing on camera in a
    package still asks.)"""
    out: set[str] = set()
    for m in _PACKAGE.finditer(text):
        voices: set[str | None] = set()
        for t in turns:
            if not m.start() <= t.start < m.end():
                continue
            if t.label is not None and _VOICE_OVER.search(t.label.text):
                voices.add(t.speaker)
            if t.speaker in voices:
                out.add(t.id)
    return out


# the interviewee asking what the question means, not asking back ("Did you ask the Armenian president?")
_CLARIFYING = re.compile(
    r"\b(?:what (?:exactly |precisely )?do you mean|what does that mean|in what sense|meaning what|"
    r"are you (?:asking|saying|talking about)|you mean\b|which (?:one|part|\w+) do you mean|define\b|"
    r"say (?:that|it) again|repeat (?:that|the question))",
    re.IGNORECASE,
)


# "You didn't answer my first question", "your second question": the possessive says which was asked
_ORDINAL = re.compile(
    r"\b(?:answer(?:ed)?|respond(?:ed)?|address(?:ed)?|ignor(?:e|ed|ing)|get to)\b[^.?!]{0,30}?"
    r"(?:\b(?:my|your) (first|second|third|last|other) (?:question|point)\b"
    r"|\b(first|second|third|last|other) (?:part|half) of (?:my|your|the) question\b)",
    re.I,
)
_ORDINALS = {"first": 0, "second": 1, "third": 2, "last": -1}


def _concerned(siblings: list[Exchange], said: str) -> list[Exchange]:
    """Which of the sub-questions one answer took up a pushback or follow-up is about: the one it names
    ("You didn't answer my first question"), else those whose words it mostly repeats, else all of them."""
    if len(siblings) < 2:
        return siblings
    m = _ORDINAL.search(said)
    ordinal = (m.group(1) or m.group(2)).lower() if m else ""
    if ordinal in _ORDINALS:
        k = _ORDINALS[ordinal]
        if -len(siblings) <= k < len(siblings):
            return [siblings[k]]
    words = _stemmed(said)
    shared = [len(_stemmed(x.question.text) & words) for x in siblings]
    repeated = [
        x for x, k in zip(siblings, shared, strict=True) if k >= 2 and k >= 0.5 * len(_stemmed(x.question.text))
    ]
    if repeated:
        return repeated
    best = max(shared)
    return [siblings[shared.index(best)]] if best >= 2 and shared.count(best) == 1 else siblings


def _stemmed(text: str) -> set[str]:
    """Content words less their endings, so "waited" takes up "wait" and "customers" "customer"."""
    return {re.sub(r"(?:ing|ed|es|s)$", "", w) if len(w) > 4 else w for w in _content(text)}


# a question put to everyone on the panel: each of them answers it
_TO_SEVERAL = re.compile(
    r"\b(?:each (?:of you|candidate|panelist|panellist|guest)|both (?:of you|candidates|guests)|all (?:of you|"
    r"the candidates)|(?:to|for) (?:both|all|each) of you)\b",
    re.I,
)


# a format that says each will answer: "Each candidate has one minute per answer."
_EACH_ANSWERS = re.compile(
    r"\beach (?:candidate|panelist|panellist|guest|of you) (?:has|gets|will have|will get)\b", re.I
)


def _put_to_several(text: str, sentences: list[Sentence], asked: list[Sentence]) -> bool:
    """Whether the question is put to all: the question says so ("Do both of you believe ...?"), or a
    sentence before it in the turn lays down that each answers; "Welcome to both of you." does neither."""
    if any(_TO_SEVERAL.search(text, s.start, s.end) for s in asked):
        return True
    first = asked[0].start if asked else 0
    return any(_EACH_ANSWERS.search(text, s.start, s.end) for s in sentences if s.end <= first)


def _more_answers(turns: list[Turn], first: int) -> list[Turn]:
    """The turns straight after answer ``turns[first]`` in which other interviewees (each once) answer
    the same question, before anyone asks again."""
    seen = {turns[first].speaker}
    out: list[Turn] = []
    for t in turns[first + 1 :]:
        if t.role != "interviewee" or t.speaker is None or (is_interrupted(t.text) and len(t.text.split()) <= 3):
            break  # "Well…" cut off is no answer
        if t.speaker in seen:
            if t.speaker == (out[-1] if out else turns[first]).speaker:
                continue  # the same speaker's next paragraph
            break
        seen.add(t.speaker)
        out.append(t)
    return out


_CLARIFICATION_OPENING = re.compile(
    r"^\W*(?:I mean|I'?m asking|I am asking|what I mean|by \w+ I mean|meaning|yes|yeah|yep|no|right|exactly)\b", re.I
)


def _clarifies(reply: str, put: str, question: str, request: str) -> bool:
    """Whether the interviewer's reply to "What do you mean?" says what they meant ("I mean ...", or what it
    puts last takes up words of the question or of the request), rather than moving on ("Let's leave the
    contract there. I want to talk about the strike vote.")."""
    return bool(_CLARIFICATION_OPENING.match(reply)) or bool(_content(put) & (_content(question) | _content(request)))


def build_exchanges(turns: list[Turn], text: str) -> list[Exchange]:
    exchanges: list[Exchange] = []
    n = len(turns)
    replied_to_reversal: set[int] = set()
    # the interviewer's reply to "What do you mean by crisis?" asked back in answer to their question: the
    # interviewee answers it next ("Then no, it is not in crisis."), as a follow-up of the question clarified
    clarifies: dict[int, str | None] = {}

    by_id = {t.id: t for t in turns}
    narrating = _narrating(turns, text)

    def answered_before(asker: Turn, answerer: Turn) -> bool:
        return any(
            x.answer is not None
            and by_id[x.question.turn].speaker == asker.speaker
            and by_id[x.answer.turn].speaker == answerer.speaker
            for x in exchanges
        )

    def answer_index(i: int, questioner_may_answer: bool = False) -> int | None:
        """Index of the turn answering a question asked in turn i.  With ``questioner_may_answer``, a chair
        or moderator the question is put to ("My question is for the Mayor.") answers it too."""
        j = i + 1
        while j < n:
            t = turns[j]
            if t.role == "interviewee":
                if is_interrupted(t.text) and j + 1 < n and turns[j + 1].role in QUESTIONERS:
                    nxt = classify(text, turns[j + 1].start, turns[j + 1].end)
                    if not any(s.kind == "question" for s in nxt) and j + 2 < n and turns[j + 2].role == "interviewee":
                        return j + 2
                return j
            if t.role in QUESTIONERS and not _aside(t):
                asker = turns[i]
                if (
                    questioner_may_answer
                    and t.speaker is not None
                    and t.speaker != asker.speaker
                    and "?" not in t.text
                    and (_addressed(asker, t) or answered_before(asker, t))
                    # "Mr. Hilliard, would you repeat your question for President Carter?": what the
                    # questioner says then leads to the interviewee's answer, so it answers nothing itself
                    and not (j + 1 < n and turns[j + 1].role == "interviewee")
                ):
                    return j
                return None
            j += 1  # "other" (announcer, clip), an objection or "go ahead" between question and answer
        return None

    def new_id() -> str:
        return f"x{len(exchanges) + 1}"

    for i, turn in enumerate(turns):
        if turn.role in QUESTIONERS:
            if (i in replied_to_reversal and i not in clarifies) or _OBJECTION.fullmatch(turn.text):
                continue  # an objection is said to the record, not put to the witness
            sentences = classify(text, turn.start, turn.end)
            prev = exchanges[-1] if exchanges else None
            prev_answered_here = (
                prev is not None and prev.answer is not None and i > 0 and (prev.answer.turn == turns[i - 1].id)
            )
            push = next((s for s in sentences if s.kind == "pushback"), None)
            if push is None:
                m = PUSHBACK.search(turn.text)
                if m:
                    push = Sentence(turn.start + m.start(), turn.start + m.end(), "pushback")
            # the sub-questions the last answer answered: pushback and a follow-up concern the one they name
            # (only wanted, and only looked for, when that answer was the turn just before)
            siblings = (
                [x for x in exchanges if x.answer is not None and x.answer.turn == turns[i - 1].id]
                if prev_answered_here
                else []
            )
            if push is not None and prev is not None and prev_answered_here:
                evidence = Span(start=push.start, end=push.end, text=text[push.start : push.end])
                for x in _concerned(siblings, turn.text):
                    x.pushback = True
                    x.pushback_evidence = evidence
            asked = [s for s in sentences if s.kind == "question"]
            if not asked:
                asked = [s for s in sentences if s.kind == "demand"]
            if not asked and i > 0 and is_interrupted(turns[i - 1].text) and turns[i - 1].role == "interviewee":
                continue  # completes a question that the interviewee cut into
            if not asked:
                nxt = answer_index(i)
                # a statement put to the interviewee for a response: not in a turn that closes (thanks,
                # "we'll leave it there"), nor when a greeting or "go ahead" comes after it (what follows
                # answers that); "Glad to have you. You won on that promise." still puts the statement
                said = [s for s in sentences if s.kind in {"statement", "pushback", "phatic"}]
                closing = any(s.kind == "closing" for s in sentences)
                # nor when the reply only hands the floor back ("Tomas, one on the ceasefire." / "Go ahead.")
                # nor in a taped package, where a reporter's narration leads into soundbites
                if (
                    nxt is not None
                    and said
                    and said[-1].kind != "phatic"
                    and not closing
                    and not _aside(turns[nxt])
                    and turn.id not in narrating
                ):
                    asked = [said[-1]]
            if not asked:
                continue
            # a question of a few words ("Dana?") hands over to a correspondent rather than asks them
            put = asked[0].kind == "question" and len(text[asked[0].start : asked[0].end].split()) >= 3
            j = answer_index(i, questioner_may_answer=put)
            answer = None
            if j is not None:
                at = turns[j]
                answer = AnswerRef(text=at.text, turn=at.id, start=at.start, end=at.end)
            for k, s in enumerate(asked):
                follow = None
                if k == 0 and prev is not None and prev_answered_here:
                    qtext = text[s.start : s.end]
                    first = s.start == sentences[0].start
                    cw = _content(text[turn.start : s.end])
                    pw = _content(prev.question.text) | _content(prev.answer.text if prev.answer else "")
                    overlap = len(cw & pw) / max(1, len(cw))
                    pressing = _PRESSING.search(text, turn.start, s.end) is not None
                    if push is not None or (first and _FOLLOW_CUE.match(qtext)) or pressing or overlap >= 0.5:
                        follow = _concerned(siblings, text[turn.start : s.end])[-1].id if siblings else prev.id
                if k == 0 and i in clarifies:
                    follow = clarifies[i]
                exchanges.append(
                    Exchange(
                        id=new_id(),
                        question=QuestionRef(
                            text=text[s.start : s.end], turn=turn.id, start=s.start, end=s.end, kind=s.kind
                        ),
                        answer=answer,
                        follow_up_of=follow,
                        asked_by=turn.role or "interviewer",  # the moderator's or the audience's question too
                    )
                )
            # "Each candidate has one minute. First question: ...?": the others answer it in turn, unprompted
            if j is not None and _put_to_several(text, sentences, asked):
                # the question put to all ("Do both of you believe ...? Governor?"): the one that says so, else
                # the longest
                mine = exchanges[len(exchanges) - len(asked) :]
                put_to_all = max(
                    mine, key=lambda x: (_TO_SEVERAL.search(x.question.text) is not None, len(x.question.text))
                )
                for extra in _more_answers(turns, j):
                    exchanges.append(
                        Exchange(
                            id=new_id(),
                            question=put_to_all.question,
                            answer=AnswerRef(text=extra.text, turn=extra.id, start=extra.start, end=extra.end),
                            asked_by=put_to_all.asked_by,
                        )
                    )
        elif turn.role == "interviewee" and i + 1 < n and turns[i + 1].role in QUESTIONERS:
            spans = split(text, turn.start, turn.end)
            if not spans:
                continue
            last_start, last_end = spans[-1]
            last = text[last_start:last_end]
            reply = turns[i + 1]
            nxt_sent = classify(text, reply.start, reply.end)
            if (
                ends_with_question(last)
                and re.search(r"\byou\b", last, re.I)
                and not any(x.kind == "question" for x in nxt_sent)
                and not any(x.kind == "pushback" for x in nxt_sent)
            ):
                exchanges.append(
                    Exchange(
                        id=new_id(),
                        question=QuestionRef(text=last, turn=turn.id, start=last_start, end=last_end, kind="question"),
                        answer=AnswerRef(text=reply.text, turn=reply.id, start=reply.start, end=reply.end),
                        asked_by="interviewee",
                    )
                )
                replied_to_reversal.add(i + 1)
                clarified = [x for x in exchanges[:-1] if x.answer is not None and x.answer.turn == turn.id]
                if clarified and _CLARIFYING.search(last) and i + 2 < n and turns[i + 2].role == "interviewee":
                    # a follow-up of the question clarified, unless the interviewer moved on instead
                    reply_spans = split(text, reply.start, reply.end)
                    last_said = text[reply_spans[-1][0] : reply_spans[-1][1]] if reply_spans else reply.text
                    meant = _clarifies(reply.text, last_said, clarified[-1].question.text, last)
                    clarifies[i + 1] = clarified[-1].id if meant else None
    return exchanges
