"""Text helpers shared by the readers: paragraphs with offsets, boilerplate cues."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

_BLANK = re.compile(r"\n[ \t\u00a0]*\n")
# Only what str.isspace() counts as space: a stray U+FEFF is content, so it is
# reported (as unattributed text) rather than silently dropped.
_WS = " \t\n\r\f\v\u00a0\u2028\u2029"

# "Speaker 1", "SPEAKER 2", "Speaker B": the numbered (or lettered) voices of an automatic transcript,
# a name in their own right
VOICE_WORDS = r"(?:Speaker|Participant|Person|Voice|Guest|Caller)"
NUMBERED_VOICE = re.compile(rf"^{VOICE_WORDS}(?:[ \t]?\d{{1,2}}|[ \t][A-Z])$", re.IGNORECASE)

# Hansard numbers the questions on the order paper: "Q1. [905112] Rachel Denholm (Stroud Valley) (Lab):";
# a select committee's oral evidence numbers each member's question: "Q101 Chair:", "Q103 Tom Fennimore:"
QUESTION_NUMBER = re.compile(r"^[QT]\d{1,4}\.?\s+")

# Short lines that news sites append or prepend around an article.
_BOILERPLATE_LINE = re.compile(
    r"^(latest news|related( news| articles| stories)?|read more|more from .*|share( this)?( article| story)?|"
    r"subscribe.*|sign up.*|follow us.*|advertisement|skip to (main )?content|top stories|most read|"
    r"trending|recommended( for you)?|all rights reserved.*|©.*|copyright.*|print|email|tweet|"
    r"back to top|home|menu|search|cookie.*|accept( all)?( cookies)?|privacy policy|terms of (use|service)|"
    r"\d+ comments?|comments|tags?:.*|filed under.*|share:|publication date:.*|published:? .*|persons?:.*|"
    r"topics?:.*|text version|print version|send to a friend|back to (?:the )?list|source:.*|"
    # paywall and byline boxes in the languages the readers know
    r"suscr[ií]bete.*|lee sin l[ií]mites|sobre la firma|abonnez-vous.*|jetzt abonnieren.*|abbonati.*)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Block:
    """A paragraph: ``start``/``end`` are trimmed of surrounding whitespace."""

    start: int
    end: int
    text: str


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _WS:
        start += 1
    while end > start and text[end - 1] in _WS:
        end -= 1
    return start, end


def _blocks_by(text: str, pattern: re.Pattern[str]) -> list[Block]:
    out: list[Block] = []
    pos = 0
    for m in pattern.finditer(text):
        s, e = trim(text, pos, m.start())
        if e > s:
            out.append(Block(s, e, text[s:e]))
        pos = m.end()
    s, e = trim(text, pos, len(text))
    if e > s:
        out.append(Block(s, e, text[s:e]))
    return out


def lines(text: str) -> list[Block]:
    """Non-empty lines, trimmed."""
    return _blocks_by(text, re.compile(r"\n"))


def blank_separated(text: str) -> list[Block]:
    """Paragraphs separated by blank lines, exactly as written."""
    return _blocks_by(text, _BLANK)


def line_per_paragraph(blocks: list[Block], text: str) -> bool:
    """True when ``text`` has (almost) no blank lines, so each line is a paragraph (a common export style)."""
    return len(blocks) <= 2 and text.count("\n") > 4


def paragraphs(text: str) -> list[Block]:
    """Paragraphs separated by blank lines; one paragraph per line when the text
    has no blank lines at all."""
    blocks = blank_separated(text)
    return lines(text) if line_per_paragraph(blocks, text) else blocks


def is_boilerplate_line(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped) < 80 and bool(_BOILERPLATE_LINE.match(stripped))


# A line that only closes a transcript: "END", "###", "-30-", a Markdown rule
_END_LINE = re.compile(
    r"^\s*(?:END|ENDS|-ENDS-|\(END\)|[(\[]?END OF (?:TRANSCRIPT|INTERVIEW)[)\]]?|#{3}|-- ?30 ?--|-30-|"
    r"[-*_](?:\s*[-*_]){2,})\s*$",
    re.IGNORECASE,
)
# The publisher's notices that follow the last turn, however long: copyright, how the transcript was
# made ("NPR transcripts are created on a rush deadline..."), newsletter and podcast pleas, credits
_VOCATIVE = re.compile(r",\s+[A-Z][a-z]+[.!?](?:\s|$)")
_RULE = re.compile(r"^\s*[-*_](?:\s*[-*_]){2,}\s*$")
_NOTICE = re.compile(
    # a notice's own opening words
    r"^[*_\s]*(?:copyright (?:©|\(c\)|\d{4})|©|\(c\) \d{4}|all rights reserved|"
    r"thanks? (?:you )?for (?:reading|listening|watching)|"
    r"(?:enjoyed|liked|enjoy) (?:this|the) (?:episode|interview|conversation|podcast|post|show)|"
    r"captions? (?:by|provided|courtesy)|(?:transcribed|transcription|captioned) by|"
    r"subscribe (?:to (?:our|the|this|my)|for free|now)|"
    r"(?:edited|condensed)(?: and (?:edited|condensed))? for (?:length|clarity|brevity)|"
    r"[—–-]+ ?(?:interview|as told) |\(?this article\b|[\[(]?whereupon\b|(?:this )?interview (?:has been )?"
    r"(?:edited|condensed)|certificate of (?:the )?(?:court )?(?:reporter|transcriber|transcription)\b|"
    r"(?:court )?reporter'?s'? certificate\b|"
    # contacts: "Media contact: ..."
    r"(?:media|press) (?:contact|enquiries|inquiries)s?[ \t]*:|"
    # who asked, and the editing, in the languages the readers know: "Propos recueillis par ...",
    # "Das Gespräch führte ...", "Entrevista realizada por ..."
    r"propos recueillis par|(?:das )?(?:gespräch|interview) führten? (?-i:[A-ZÄÖÜ])|"
    r"entrevista (?:realizada|hecha) por|intervista (?:a cura|raccolta) (?:di|da)|"
    r"(?:l'|l’)?(?:entretien|interview) a été (?:édité|condensé|raccourci))|"
    # or, anywhere, what is said of the transcript itself (a subject is needed: "my remarks have been
    # edited" is speech)
    r"\btranscripts? (?:is|are|was|were|has been|have been|may be) (?:created|produced|prepared|provided|generated|"
    r"edited|condensed|lightly edited|computer[- ]generated|machine[- ]generated)\b|"
    r"\btranscripts? may be (?:quoted|reproduced|cited)\b|"
    r"\b(?:this|the) (?:interview|conversation|transcript|text|episode)\b[^.\n]{0,80}?\b(?:has been|have been|was|"
    r"is|may (?:not )?be) (?:lightly )?(?:edited|condensed|transcribed)\b|"
    r"\bmay not be in (?:its|their) final form\b|\bauthoritative record\b|\bleave a comment\b",
    re.IGNORECASE,
)
_NOTICE_MAX = 700
# a dateline closing the piece: "Zagora, 14 November 2023", "Baku, October 12, 2020."
DATELINE = r"[A-Z][\w .'’-]{1,40}, (?:\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2},?) \d{4}\.?"
_DATELINE = re.compile(rf"[ \t]*{DATELINE}[ \t]*")
# the writer's bio under the piece: "Owen Castellano is a senior writer at The Metropolitan Review."
_BIO = re.compile(
    r"[*_]*[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} (?:(?:is|was) (?:a|an|the) (?:[\w-]+ ){0,3}?(?:writer|reporter|"
    r"correspondent|editor|journalist|author|contributor|columnist|critic|producer)s? "
    r"(?:at|for|with|based|who|covering|of|on)\b)"
    # or, set in italics as a bio is, the bio alone: "*Jane Roe covers agriculture for the Ledger.*"
    r"|[*_][A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} covers [^.\n]{1,60} for (?:the |The )?[A-Z][^.\n]*\."
    r"(?:\s*(?:Reach|Contact|Email|Write to) (?:her|him|them) at\b[^\n]*)?[*_]\s*\Z"
)
# a publisher's appeal after the piece: "KVRN is listener-supported. ... Donate now" (said in the first
# person, "our station is listener-supported", it is the speaker's)
_APPEAL = re.compile(
    r"^[*_\s]*[A-Z][\w .'’-]{1,40} (?:is|are) (?:listener|reader|viewer|member)[- ]supported\b",
    re.IGNORECASE,
)
_CALL = re.compile(r"\b(?:donate|give|gift|become a member|support us|join)\b", re.IGNORECASE)
#: words a speaker uses and a publisher's notice, insert or bio does not
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|me|my|we|we're|we’re|our|us)\b", re.IGNORECASE)


# a site's list after an article, opened by its heading: "Related news", "Other interviews", "Read also:"
_TRAILER_HEADING = re.compile(
    r"[ \t]*(?:latest news|related(?: news| articles| stories| content| posts)?|other (?:interviews|news|articles)|"
    r"read also|see also|more (?:news|on this topic|stories)|recommended(?: for you)?|you may also like|most read|"
    r"also on [^\n]{1,40})[ \t]*:?[ \t]*(?:\n|$)",
    re.IGNORECASE,
)


def is_trailer_heading(block: str) -> bool:
    """True for a paragraph that opens with the heading of a site's list of other articles: what follows it
    (headlines, dates) is the site's, not the last speaker's."""
    return _TRAILER_HEADING.match(block) is not None


def is_end_line(block: str) -> bool:
    """True for a paragraph that only closes a transcript ("END", "###", "-30-", a Markdown rule)."""
    return _END_LINE.match(block) is not None


def is_rule(block: str) -> bool:
    """True for a Markdown rule or scene break ("---", "* * *"): it may close a transcript, or only
    a section of it."""
    return _RULE.match(block) is not None


def is_trailer_block(block: str) -> bool:
    """True for a paragraph that belongs after the interview, not in its last turn: site boilerplate lines,
    an end mark, or a publisher's notice.  Readers only call it on the run of paragraphs that ends
    the document, so a speaker who says "thanks for listening" mid-answer keeps the words."""
    lines_ = [ln for ln in block.splitlines() if ln.strip()]
    if lines_ and all(is_boilerplate_line(ln) or is_end_line(ln) for ln in lines_):
        return True
    if _VOCATIVE.search(block):  # "Thanks for listening to me ramble, Kevin.": said to someone
        return False
    if len(block) > _NOTICE_MAX:
        return False
    if _NOTICE.search(block) is not None or _DATELINE.fullmatch(block) is not None:
        return True
    if _APPEAL.search(block) is not None:  # the site's few words and its call, not a speaker's remark
        return len(block.split()) <= 20 and not FIRST_PERSON.search(block) and _CALL.search(block) is not None
    return _BIO.match(block) is not None and not FIRST_PERSON.search(block)


def is_after_word(block: str) -> bool:
    """True for what may follow a closing rule: a notice, an italic bio ("*Peter Lang covers city hall.*"),
    or a line of links ("**Read more:** [...](https://...)")."""
    stripped = block.strip()
    return (
        is_trailer_block(block)
        or (len(stripped) > 2 and stripped[0] in "*_" and stripped[-1] == stripped[0])
        or bool(re.search(r"\]\(https?://|https?://\S+|\bwww\.", stripped))
    )


_FRONT = re.compile(r"\A\ufeff?[^\S\n]*---[^\S\n]*\r?\n(?P<body>.*?)\r?\n---[^\S\n]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_KEYS = (
    ("title", "title"),
    ("date", "date"),
    ("source_url", "source"),
    ("source", "source"),
    ("url", "source"),
    ("publication", "outlet"),
    ("outlet", "outlet"),
    ("site_name", "outlet"),
    ("publisher", "outlet"),
)
_KV = re.compile(r"^(?P<key>[A-Za-z_]+):[^\S\n]*(?P<value>.*)$", re.MULTILINE)


_MAX_FIELD = 1000
"""Longest front-matter title, date or source kept (characters)."""


def front_matter(text: str) -> tuple[int, dict[str, str]]:
    """End offset of a YAML front matter block (0 if none) and the fields worth keeping: title, date,
    source URL and outlet.  Markdown exports of news and government sites carry one."""
    m = _FRONT.match(text)
    if not m:
        return 0, {}
    raw: dict[str, Any] = {}
    try:
        import yaml  # type: ignore[import-untyped]

        loaded = yaml.safe_load(m.group("body"))
        if isinstance(loaded, dict):
            raw = loaded
    except Exception:  # malformed YAML still has usable key: value lines
        raw = {k.group("key"): k.group("value").strip().strip("'\"") for k in _KV.finditer(m.group("body"))}
    meta: dict[str, str] = {}
    for key, out in _FRONT_KEYS:
        value = raw.get(key)
        # Scalars only: a list or mapping (possibly built from YAML aliases, whose text
        # grows exponentially when printed) is not a title or a date.
        if isinstance(value, str | int | float | _dt.date) and not isinstance(value, bool) and out not in meta:
            text_value = re.sub(r"\s+", " ", str(value)[: _MAX_FIELD * 2].replace("\u00a0", " ")).strip()
            meta[out] = text_value[:_MAX_FIELD]
    return m.end(), meta


def clock_seconds(stamp: str) -> float:
    """Seconds in a time code: "01:02:03,500", "00:17", "1:02:42.25"."""
    total = 0.0
    for part in stamp.replace(",", ".").split(":"):
        total = total * 60 + float(part)
    return total


def all_caps(line: str) -> bool:
    """True for a line in capitals ("NOMINATION HEARING", "PRESIDENT BARACK OBAMA AND ..."): a heading."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def word_count(text: str) -> int:
    return len(text.split())
