"""Hand-made features of a question-answer exchange (pure Python, deterministic).

They describe what the question asks (its type: who / when / how many / yes-no
...), what the answer contains (persons, dates, numbers, a yes or no up front),
how much of the question the answer takes up (lexical overlap overall, in the
opening sentences and in the best-matching sentence), and the cues annotators
of QEvasion rely on: hedges, refusals ("I'm not going to get into that", "we
will disclose this after..."), claims of ignorance ("I don't know"), requests
for clarification, deflection and partial-answer markers.

:func:`cue_sentences` returns the same cues as sentence spans, which the
analyzer turns into evidence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from onrecord.structure.sentences import split

#: features read at most this much of an answer (the rest rarely changes the label and costs time)
MAX_CHARS = 6000

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*%?")
_NUMBER = re.compile(
    r"\b\d[\d,.]*\s*(?:%|percent|million|billion|trillion|thousand)?|\b(?:one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozen|half)\b",
    0,
)
_DATE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday|tonight|next (?:week|month|year)|"
    r"this (?:week|month|year|fall|spring|summer|winter)|last (?:week|month|year)|(?:19|20)\d\d|soon|"
    r"within (?:the next )?\w+ (?:days|weeks|months|years)|days|weeks|months|years)\b",
    0,
)
_PLACE_PERSON = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
# fmt: off
_STOP = frozenset(
    [
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
        "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "have", "has", "had", "i", "you",
        "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "my", "your", "his", "its", "our",
        "their", "this", "that", "these", "those", "what", "which", "who", "whom", "whose", "when", "where", "why",
        "how", "will", "would", "can", "could", "should", "shall", "may", "might", "must", "not", "no", "yes", "so",
        "than", "then", "there", "here", "about", "into", "over", "under", "again", "further", "once", "all", "any",
        "both", "each", "few", "more", "most", "other", "some", "such", "only", "own", "same", "too", "very",
        "just", "also", "well", "now", "mr", "mrs", "ms", "president", "sir", "let", "lets", "let's", "i'm", "i've",
        "i'd", "i'll", "you're", "we're", "we've", "they're", "it's", "that's", "don't", "doesn't", "didn't",
        "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't", "can't", "couldn't", "shouldn't", "going",
        "go", "get", "got", "think", "know", "say", "said", "tell", "told", "one", "like", "really", "thing",
        "things", "lot", "way", "look", "q", "question", "ask", "asked"
    ]
)
# fmt: on

_YN_START = re.compile(
    r"^\W*(?:well,?\s+|look,?\s+|oh,?\s+|sure,?\s+)?(?:yes|yeah|yep|no|nope|sure|absolutely|of course|certainly|"
    r"correct|definitely|not at all|never|i do|i don't|i did|i didn't|i will|i won't|i am|i'm not|we are|we will|"
    r"we won't|it is|it's not|that's right|that's correct|right|exactly|none|nothing)\b",
    0,
)
_YN_Q = re.compile(
    r"^\W*(?:and\s+|but\s+|so\s+|sir,?\s+|mr\.? president,?\s+)?(?:do|does|did|is|are|was|were|will|would|can|could|"
    r"should|shall|have|has|had|may|might|must|am|isn't|aren't|didn't|don't|doesn't|won't|wouldn't|can't|haven't|"
    r"hasn't)\b",
    0,
)

_CUES: dict[str, re.Pattern[str]] = {
    "refusal": re.compile(
        r"\b(?:i'?m not going to (?:get into|comment|discuss|talk about|tell|say|speculate|go into|negotiate|reveal|"
        r"share|answer|get ahead|characterize|preview|announce|give)|i won'?t (?:get into|comment|discuss|tell|say|"
        r"speculate|go into|reveal|answer|talk)|we'?re not going to (?:get into|comment|discuss|tell|say|talk|reveal|"
        r"announce|telegraph|speculate)|no comment|(?:can'?t|cannot|won'?t|wouldn'?t|shouldn'?t) (?:comment|"
        r"discuss|speculate|tell you|talk about|get into|go into|reveal|share|say)|i'?d rather not|not at liberty|"
        r"(?:that'?s|it'?s) classified|i don'?t (?:want|intend|plan) to (?:get into|comment|speculate|talk|discuss|"
        r"go into|tell|say|characterize|negotiate|get ahead)|not going to negotiate|(?:we|i) will (?:disclose|"
        r"announce|let you know|tell you)(?: \w+){0,4} (?:after|later|when|at the appropriate|in due)|"
        r"at the appropriate time|in due course|you'?ll (?:find out|see|know)|stay tuned|i'?ll let (?:them|him|her|"
        r"the|others|you)|(?:you(?:'d| would)? (?:have to|need to|should|could|might want to|can) (?:ask|talk to|"
        r"check with)|refer you to|^ask) (?:the|them|him|her)\b|i'?m not going to (?:do that|answer that)"
        r"|(?:would|will)(?: not|n'?t) be (?:right|proper|appropriate|wise) (?:for me )?to|not in a position to "
        r"(?:say|comment|discuss|tell|talk|get into|announce)|(?:i'?ll|let me) leave it (?:at that|there)"
        r"|wouldn'?t be appropriate|not appropriate for me|not (?:something|anything) i(?:'m| am| can| will| would)|"
        r"i shouldn'?t even have answered|not going to (?:get|go) (?:into|there)|i never talk about|"
        r"i don'?t talk about|we don'?t talk about|i'?m not going to telegraph|i don'?t telegraph|"
        r"we'?ll (?:announce|have an announcement)|i can'?t get into|not able to (?:say|tell|comment|discuss))",
        0,
    ),
    "ignorance": re.compile(
        r"\b(?:i (?:do not|don'?t|didn'?t|did not) (?:know|recall|remember|have (?:any|the|a|enough|that|those)"
        r"(?: \w+)? (?:information|details|facts|answer|numbers|figures|data))|i'?m not (?:aware|sure|certain|familiar)"
        r"|i am not (?:aware|sure|certain|familiar)|i (?:haven'?t|have not|hadn'?t) (?:seen|read|heard|been briefed|"
        r"talked|spoken|had a chance|looked)|i have no (?:idea|knowledge|information)|no idea|hard to (?:say|know|tell)"
        r"|difficult to (?:say|know|tell)|too early to (?:say|tell|know)|(?:can'?t|cannot) (?:say|tell|know|predict)"
        r"(?: for sure| with certainty)?|who knows|nobody knows|no one knows|we'?ll (?:have to )?see|i can'?t answer|"
        r"don'?t know yet|i wasn'?t aware|not familiar with|i haven'?t made up my mind|haven'?t decided|"
        r"i'?d have to (?:look|check|see)|i'?ll (?:have to )?(?:find out|check|look into))",
        0,
    ),
    "clarify": re.compile(
        r"(?:\bwhat do you mean\b|\bwhat'?s that\?|\bsay (?:that|it) again\b|\bwhich (?:one|part|question)\b|"
        r"\brepeat (?:that|the question)\b|\bi'?m sorry\?|\bexcuse me\?|\bpardon\?|\bwhat was the\b|\byou mean\b|"
        r"\bdid you say\b|\bwho\?|\bwhat\?|\bwhen\?|\bhow so\?|"
        r"\bthe (?:first|second|last) part of (?:your|the) question"
        r"\b|\bi didn'?t (?:hear|understand|get)\b|\bcouldn'?t hear\b|\bcan'?t hear\b|\bi'?m not sure (?:what|i "
        r"understand)\b|\bare you (?:asking|saying)\b|\bis that (?:what you|the question)\b|\blet me hear\b)",
        0,
    ),
    "hedge": re.compile(
        r"\b(?:i think|i believe|i guess|i suppose|i hope|maybe|perhaps|probably|possibly|might|may be|could be|kind of"
        r"|sort of|somewhat|in a sense|to some extent|i would say|i'?d say|it depends|depending|we'?ll see|likely|"
        r"hopefully|presumably|generally|basically|more or less|i expect|i suspect|it seems|appears)\b",
        0,
    ),
    "deflect": re.compile(
        r"\b(?:but let me|let me (?:tell you|say|just say|point out|make|talk about|be clear|remind)|"
        r"the (?:real|bigger|"
        r"more important) (?:question|issue|problem)|what i can (?:tell you|say)|the fact (?:is|of the matter)|"
        r"(?:previous|last|prior|former) administration|my predecessor|the other side|the democrats|the republicans|"
        r"fake news|the media|the press|you (?:guys|people)|the point is|what'?s important is|what matters is|"
        r"by the way|but (?:look|listen)|instead|on the other hand|i'?ll tell you what|here'?s what|"
        r"remember|think about|compare|unlike)\b",
        0,
    ),
    "partial": re.compile(
        r"\b(?:(?:first|second|third|other|last) (?:part of (?:your|the) )?question|as to your (?:first|second|other)|"
        r"on (?:your|the) (?:first|second|other) (?:point|question)|(?:first|second) of all|number one|number two|"
        r"two questions|several questions|a couple of questions|in part|partly|partially|some of (?:it|them))\b",
        0,
    ),
    "general": re.compile(
        r"\b(?:we(?:'re| are) (?:going to|working|looking|continuing)|we will continue|continue to|working (?:on|with)|"
        r"(?:very|so) (?:important|good|strong|well|much)|tremendous|great|incredible|a lot of|many|always|all of|"
        r"everybody|everyone|everything|people|the world|the american people|in general|overall|broadly|"
        r"committed to|we need to|we have to|we must|the right thing)\b",
        0,
    ),
    "negation": re.compile(r"\b(?:not|no|never|n'?t|nothing|none|nobody|neither|nor)\b", 0),
    "affirm": re.compile(
        r"\b(?:yes|yeah|absolutely|certainly|of course|definitely|correct|exactly|indeed|sure|that'?s right|"
        r"no doubt|without question|i do|i will|i am|i did|we will|we do|we are)\b",
        0,
    ),
}
CUE_NAMES: tuple[str, ...] = tuple(_CUES)

# Signs the evidence names but the model does not read: as features they did not help (grouped
# cross-validation T1 0.589 / T2 0.328 with them, 0.591 / 0.328 without), but a reader should see a refusal
# however it is worded, and an answer that attacks the interviewer instead of answering.
_EVIDENCE_CUES: dict[str, re.Pattern[str]] = {
    "refusal": re.compile(
        r"\b(?:(?:i'?m|we'?re|i am|we are) not going to (?:release|disclose|name|confirm|identify|divulge)|"
        r"(?:i|we) (?:won'?t|will not) (?:release|disclose|name|confirm|identify|divulge)|"
        r"(?:stays|remains|is|that'?s) between (?:me|us) and)"
    ),
    "attack": re.compile(
        r"\b(?:that'?s (?:a lie|not true|false|fake|ridiculous|absurd|nonsense|garbage|rubbish|a disgrace)|"
        r"(?:that|it) is (?:a lie|not true|false|ridiculous|absurd|nonsense)|you(?:'re| are) (?:lying|a liar)|"
        r"(?:fake|false) (?:news|story|reporting)|shame on you|how dare you|you know (?:that'?s|it'?s|that is|it is) "
        r"not true|(?:nasty|ridiculous|stupid|dumb|silly|loaded|unfair) question|you (?:people|guys) (?:have|are|"
        r"always|never|keep)|(?:your|the) (?:network|newspaper|channel|station) (?:has|is|keeps|always))"
    ),
}
#: the cues evidence looks for, most telling first
EVIDENCE_CUE_NAMES = ("refusal", "ignorance", "clarify", "attack", "deflect", "partial")

_Q_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("q_howmany", re.compile(r"\bhow (?:many|much|long|soon|often|far|big|high|low)\b", re.I)),
    ("q_when", re.compile(r"\bwhen\b|\bwhat (?:time|date|day|year)\b|\btimeline\b|\btimetable\b|\bdeadline\b", re.I)),
    ("q_who", re.compile(r"\bwho(?:m|se)?\b|\bwhich (?:country|countries|person|people|leader|candidate)", re.I)),
    ("q_where", re.compile(r"\bwhere\b", re.I)),
    ("q_why", re.compile(r"\bwhy\b|\bwhat (?:is|was) the reason\b", re.I)),
    ("q_how", re.compile(r"\bhow\b(?! (?:many|much|long|soon|often|far|big|high|low))", re.I)),
    ("q_what", re.compile(r"\bwhat\b|\bwhich\b", re.I)),
    ("q_will", re.compile(r"\b(?:will|would|going to|plan|intend|expect)\b", re.I)),
    (
        "q_opinion",
        re.compile(
            r"\b(?:do you (?:think|believe|feel|agree)|your (?:view|opinion|reaction|response|message|"
            r"assessment)|how do you (?:respond|feel|view|see))\b",
            re.I,
        ),
    ),
    (
        "q_commit",
        re.compile(
            r"\b(?:will you|would you|can you|could you|are you (?:going|willing|prepared|ready)|"
            r"commit|promise|guarantee|rule out|pledge)\b",
            re.I,
        ),
    ),
    ("q_or", re.compile(r"\bor\b", re.I)),
    (
        "q_tell",
        re.compile(
            r"\b(?:tell us|can you (?:tell|say|give|share|describe|explain)|explain|describe|"
            r"elaborate|update)\b",
            re.I,
        ),
    ),
)

_TRAILER = re.compile(
    r"(?:the next question (?:was|is|goes) to .*|(?:[A-Z][\w.'-]*\s*){0,4}\[[^\]]*\][.,]?|thank you(?:,? (?:all|very "
    r"much|everybody))?[.!]?|next question[.!]?|go ahead[.!]?|yes,? (?:sir|ma'am)[.!]?)",
    re.I,
)


# The shipped model was trained on features of this rougher split (it cuts "2.3" in two), and the
# fine-tuned encoder on answers cleaned with it: the features and clean_answer keep it, since another split
# changes the model's input (retrained on the finer split below, cross-validation gave T1 0.589 / T2 0.324
# against 0.591 / 0.328).  Evidence, which quotes sentences to a reader, uses ``sentences``.
_ROUGH_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+[\"'”’)\]]*|$)")


def rough_sentences(text: str) -> list[tuple[int, int]]:
    """The model's sentence spans (see ``_ROUGH_SENTENCE``): every full stop ends one."""
    spans: list[tuple[int, int]] = []
    for m in _ROUGH_SENTENCE.finditer(text):
        _trimmed(text, m.start(), m.end(), spans)
    return spans or ([(0, len(text))] if text.strip() else [])


def clean_answer(answer: str) -> str:
    """Drop a trailing call on the next reporter ("Kevin [Kevin Corke, NBC News].")."""
    text = answer.strip()[:MAX_CHARS]
    for _ in range(2):  # at most the last two sentences are a call on the next reporter
        spans = rough_sentences(text)
        if len(spans) < 2 or not _TRAILER.fullmatch(text[spans[-1][0] : spans[-1][1]]):
            break
        text = text[: spans[-1][0]].rstrip()
    return text


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans for evidence, as the structure stage splits sentences: never cut inside a number
    ("2.3 million"), an abbreviation ("Mr. Jones", "the U.S. Department") or an initial, since evidence quotes
    these spans and "My bonus was 2." would misquote."""
    return split(text) or ([(0, len(text))] if text.strip() else [])


def _trimmed(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def content_words(text: str) -> list[str]:
    return [w for w in (t.lower().strip("'’-") for t in _WORD.findall(text)) if len(w) > 2 and w not in _STOP]


_STEM_CACHE: dict[str, str] = {}


def _stem(w: str) -> str:
    hit = _STEM_CACHE.get(w)
    if hit is not None:
        return hit
    out = _stem_uncached(w)
    if len(_STEM_CACHE) < 200_000:
        _STEM_CACHE[w] = out
    return out


def _stem_uncached(w: str) -> str:
    for suf in ("ing", "ed", "es", "s", "ly"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in content_words(text)}


def count_questions(text: str) -> int:
    return text.count("?")


@dataclass(frozen=True)
class CueHit:
    """A sentence of the answer in which a cue fired (offsets into the answer string)."""

    cue: str
    start: int
    end: int


def cue_sentences(answer: str, limit: int = 40) -> list[CueHit]:
    """Every (cue, sentence) where a refusal / ignorance / clarification / attack / deflection / partial cue
    fires."""
    hits: list[CueHit] = []
    for i, (s, e) in enumerate(sentences(answer)):
        if i >= limit:
            break
        sent = answer[s:e].lower()
        for cue in EVIDENCE_CUE_NAMES:
            model_cue, more = _CUES.get(cue), _EVIDENCE_CUES.get(cue)
            if (model_cue is not None and model_cue.search(sent)) or (more is not None and more.search(sent)):
                hits.append(CueHit(cue, s, e))
    return hits


def overlap_with(question: str, sentence: str) -> float:
    """The share of the question's content words (stemmed) that ``sentence`` takes up."""
    q = _stems(question)
    return len(q & _stems(sentence)) / len(q) if q else 0.0


def cue_fires(cue: str, sentence: str) -> bool:
    """Whether the named cue (see ``CUE_NAMES``) fires in ``sentence``."""
    return _CUES[cue].search(sentence.lower()) is not None


def best_sentence(question: str, answer: str, limit: int = 60) -> tuple[int, int, float] | None:
    """The answer sentence sharing the largest fraction of the question's content words."""
    q = _stems(question)
    if not q:
        return None
    best: tuple[int, int, float] | None = None
    for i, (s, e) in enumerate(sentences(answer)):
        if i >= limit:
            break
        ov = len(q & _stems(answer[s:e])) / len(q)
        if best is None or ov > best[2]:
            best = (s, e, ov)
    return best


def yes_no_start(sentence: str) -> bool:
    """Does the sentence open with a yes / no (or an equivalent) answer?"""
    return bool(_YN_START.search(sentence.lower()))


def _density(pattern: re.Pattern[str], text: str, words: int) -> float:
    return 100.0 * len(pattern.findall(text)) / max(words, 1)


FEATURE_NAMES: list[str] = []


def _names() -> list[str]:
    # fmt: off
    names = [
        "log_a_chars", "log_a_words", "log_a_sents", "log_q_words", "log_ctx_words", "ctx_questions",
        "q_in_ctx", "q_has_qmark", "q_yesno", "a_short", "a_very_short", "a_has_qmark_first2",
        "a_first_qmark", "a_yn_start", "a_yn_first2",
        "ov_jaccard", "ov_q_in_a", "ov_q_in_first", "ov_q_in_first3", "ov_best_sent", "ov_best_pos",
        "ov_ctx_in_a", "ov_q_vs_ctx", "ov_a_in_q", "a_num_density", "a_date_density", "a_name_density",
        "first_num", "first_date",
    ]
    names += [name for name, _ in _Q_TYPES]
    names += ["match_howmany_num", "match_when_date", "match_who_name", "match_yesno_start"]
    for cue in CUE_NAMES:
        names += [f"{cue}_first", f"{cue}_first3", f"{cue}_dens", f"{cue}_any"]
    names += ["pron_i", "pron_we", "pron_they", "pron_you", "dash_dens", "inaudible", "laughter", "a_future",
              "a_past", "a_modal", "a_lex_div"]
    # fmt: on
    return names


FEATURE_NAMES.extend(_names())

_PRON = {
    "pron_i": re.compile(r"\b(?:i|me|my|i'm|i've|i'll|i'd)\b"),
    "pron_we": re.compile(r"\b(?:we|us|our|we're|we've|we'll|we'd)\b"),
    "pron_they": re.compile(r"\b(?:they|them|their|they're|they've|they'll|he|she|him|her)\b"),
    "pron_you": re.compile(r"\b(?:you|your|you're|you've|you'll)\b"),
}
_FUTURE = re.compile(r"\b(?:will|going to|gonna|'ll|plan to|intend to)\b")
_PAST = re.compile(r"\b(?:was|were|did|had|[a-z]+ed)\b")
_MODAL = re.compile(r"\b(?:could|would|should|might|may|must|can)\b")


def features(question: str, answer: str, context: str | None = None) -> list[float]:
    """The feature vector (``FEATURE_NAMES`` order) of one exchange; deterministic and bounded."""
    ans = clean_answer(answer)
    low = ans.lower()
    ctx = context if context and context.strip() else question
    a_words = _WORD.findall(ans)
    nw = len(a_words)
    sents = rough_sentences(ans)
    first = low[sents[0][0] : sents[0][1]] if sents else low
    first2 = low[sents[0][0] : sents[min(1, len(sents) - 1)][1]] if sents else low
    first3 = low[sents[0][0] : sents[min(2, len(sents) - 1)][1]] if sents else low
    first3_orig = ans[sents[0][0] : sents[min(2, len(sents) - 1)][1]] if sents else ans
    q_low = question.lower()
    q_words = _WORD.findall(question)
    q = _stems(question)
    c = _stems(ctx)
    sent_stems = [_stems(ans[s:e]) for s, e in sents]
    a: set[str] = set().union(*sent_stems) if sent_stems else set()
    a1 = _stems(first)
    a3 = _stems(first3)
    qn = max(len(q), 1)
    best: tuple[int, int, float] | None = None
    if q:
        for (s0, e0), st in zip(sents, sent_stems, strict=True):
            ov = len(q & st) / len(q)
            if best is None or ov > best[2]:
                best = (s0, e0, ov)
    q_norm = " ".join(question.split()).lower()
    ctx_norm = " ".join(ctx.split()).lower()

    f: list[float] = [
        math.log1p(len(ans)),
        math.log1p(nw),
        math.log1p(len(sents)),
        math.log1p(len(q_words)),
        math.log1p(len(_WORD.findall(ctx))),
        min(count_questions(ctx), 8) / 4.0,
        1.0 if q_norm and q_norm in ctx_norm else 0.0,
        1.0 if "?" in question else 0.0,
        1.0 if _YN_Q.search(q_low) else 0.0,
        1.0 if nw < 40 else 0.0,
        1.0 if nw < 12 else 0.0,
        1.0 if "?" in first2 else 0.0,
        1.0 if "?" in first else 0.0,
        1.0 if _YN_START.search(first) else 0.0,
        1.0 if any(_YN_START.search(low[s:e]) for s, e in sents[:2]) else 0.0,
        len(q & a) / max(len(q | a), 1),
        len(q & a) / qn,
        len(q & a1) / qn,
        len(q & a3) / qn,
        best[2] if best else 0.0,
        (sents.index((best[0], best[1])) / max(len(sents) - 1, 1)) if best and (best[0], best[1]) in sents else 0.0,
        len(c & a) / max(len(c), 1),
        len(q & a) / qn - len((c - q) & a) / max(len(c - q), 1),
        len(q & a) / max(len(a), 1),
        _density(_NUMBER, low, nw),
        _density(_DATE, low, nw),
        _density(_PLACE_PERSON, ans, nw),
        1.0 if _NUMBER.search(first3) else 0.0,
        1.0 if _DATE.search(first3) else 0.0,
    ]
    qtypes = [1.0 if pat.search(question) else 0.0 for _, pat in _Q_TYPES]
    f += qtypes
    qt = dict(zip((n for n, _ in _Q_TYPES), qtypes, strict=True))
    f += [
        qt["q_howmany"] * (1.0 if _NUMBER.search(first3) else 0.0),
        qt["q_when"] * (1.0 if _DATE.search(first3) else 0.0),
        qt["q_who"] * (1.0 if _PLACE_PERSON.search(first3_orig) else 0.0),
        (1.0 if _YN_Q.search(q_low) else 0.0) * (1.0 if _YN_START.search(first) else 0.0),
    ]
    for cue in CUE_NAMES:
        pat = _CUES[cue]
        f += [
            1.0 if pat.search(first) else 0.0,
            1.0 if pat.search(first3) else 0.0,
            min(_density(pat, low, nw), 20.0) / 5.0,
            1.0 if pat.search(low) else 0.0,
        ]
    f += [min(_density(p, low, nw), 40.0) / 10.0 for p in _PRON.values()]
    f += [
        min(100.0 * (ans.count("—") + ans.count("--")) / max(nw, 1), 20.0) / 5.0,
        1.0 if "[inaudible]" in low or "[]" in ans else 0.0,
        1.0 if "laughter" in low else 0.0,
        min(_density(_FUTURE, low, nw), 20.0) / 5.0,
        min(_density(_PAST, low, nw), 40.0) / 10.0,
        min(_density(_MODAL, low, nw), 20.0) / 5.0,
        len({w.lower() for w in a_words}) / max(nw, 1),
    ]
    return f


def feature_matrix(
    questions: Sequence[str], answers: Sequence[str], contexts: Sequence[str | None]
) -> list[list[float]]:
    return [features(q, a, c) for q, a, c in zip(questions, answers, contexts, strict=True)]
