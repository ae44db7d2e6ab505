"""``NAME:`` scripts: debate and TV transcripts.

The label is the only signal, so the risk is mistaking prose for a label
("Think about it: ...", "Note: ...", "at 10:30").  Upper-case labels
("BLITZER:", "ANDERSON COOPER, CNN HOST:", "MR. McGEE:") are specific enough
to trust wherever a line starts; Title Case ones ("Chris Wallace:") are only
believed when the same name labels at least two lines, since a one-off
"Result:" is far likelier to be rhetoric than a speaker.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from onrecord.document import Role
from onrecord.readers.assemble import Mark, assemble, blocks_in, find_notes, merge_notes, trailer_start
from onrecord.readers.base import ReadResult
from onrecord.readers.common import (
    NUMBERED_VOICE,
    QUESTION_NUMBER,
    VOICE_WORDS,
    all_caps,
    clock_seconds,
    is_trailer_block,
)
from onrecord.readers.narration import narration_starts

_CLOCK = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
# A candidate: a line start, a capital (A to Z, or a letter of the Latin, Greek or Cyrillic blocks that have
# capitals: "Kovač:", "ƏLIYEV:"; _classify checks it is upper case), up to 80 characters without a colon, a
# colon, then space or line end.
# Recording tools put a time code before the label ("[00:00:17] PRESENTER:") or after it
# ("Speaker 1 (00:00:03):"); the mark covers it, and the turn starts at that time.
_CANDIDATE = re.compile(
    rf"^(?P<pre>[ \t\u00a0>*_]*)(?P<clock>[\[(]?{_CLOCK}[\])]?[ \t]+)?"
    r"(?P<label>[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u0370-\u03ff\u0400-\u04ff][^:\n]{0,79}):[*_]*"
    r"(?=[ \t\u00a0]|\r?\n|$)",
    re.MULTILINE,
)
# Rev's "Speaker 1 (00:00:03):": the time code's colons stop the pattern above
_CLOCK_AFTER = re.compile(
    rf"^(?P<pre>[ \t\u00a0>*_]*)(?P<label>[A-Z][^:(\[\n]{{0,79}}?)[ \t]*(?P<clock>[\[(]{_CLOCK}[\])]):[*_]*"
    r"(?=[ \t\u00a0]|\r?\n|$)",
    re.MULTILINE,
)
# Otter's export: "Tom Hughes  00:02" alone on the line above what was said, with no colon
_CLOCK_LINE = re.compile(
    rf"^(?P<pre>[ \t\u00a0]*)(?P<label>[A-Z][^:\n]{{0,59}}?)[ \t]+(?P<clock>{_CLOCK})[ \t]*(?=\r?\n[ \t]*\S)",
    re.MULTILINE,
)
# The Government Publishing Office's hearings: "Mr. WHITCOMB.", "Senator BRODSKY.", "Chairman HARLAN.",
# "The CHAIRMAN." opening an indented line, the surname in capitals and a period instead of a colon
_HEARING = re.compile(  # opens with a literal newline, which the regex engine scans for fast
    r"\n(?P<pre>[ \t\u00a0]*)(?P<label>(?:Mr|Mrs|Ms|Miss|Dr|Senator|Chairman|Chairwoman|Representative|Secretary|"
    r"General|Admiral|Governor|Ambassador|Judge|Commissioner|Director)\.? [A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+)?|"
    r"The (?:CHAIRMAN|CHAIRWOMAN|CHAIR|PRESIDENT|VICE PRESIDENT|CLERK|SPEAKER|WITNESS|PRESIDING OFFICER))"
    r"\.(?=[ \t])",
    re.MULTILINE,
)
# a word processor's or spreadsheet's export: "Nadia Ferreira<TAB>Thanks for agreeing to talk to me."
_TAB_LABEL = re.compile(r"^(?P<pre>[ \u00a0]*)(?P<label>[A-Z][^\t\n:]{0,40}?)\t+(?=\S)", re.MULTILINE)
# cheap tests before the rarer scans (a pattern that opens with a literal is searched for quickly)
_CLOCK_AT_LINE_END = re.compile(r":\d\d[ \t]*\r?\n")
# a second numbered voice on the same line: "Speaker 1: host Rachel Kim. Speaker 2: ..."
_LEGEND = re.compile(rf"\b{VOICE_WORDS}[ \t]?\d{{1,2}}[ \t]*[:=]", re.IGNORECASE)
_CLOCK_IN = re.compile(_CLOCK)

_PREFIX = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St)\.\s*|\b(?:Mc|Mac)(?=[A-Z])")
_CAPS_PUNCT = frozenset(" .'’-&/")
_TITLE_WORD = re.compile(
    r"^(?:[A-Z][a-z'’]*(?:-[A-Z]?[a-z'’]*)*\.?|[A-Z]\.|(?:Mc|Mac|O'|O’|D'|D’)[A-Z][a-z]+|de|van|von|der|la|le|bin|al|da|dos|"
    r"del)$"
)
_DESC_TITLE_SMALL = frozenset({"of", "the", "and", "for", "at", "on", "in", "&"})
_SENTENCE_END = frozenset('.?!"”’)]—-–…')
# "(D), KENTUCKY", "(Stroud Valley) (Lab)", "[through interpreter]", "(continuing)": asides in a label
_PAREN = re.compile(r"\s*(?:\([^()\n]{1,40}\)|\[[^\[\]\n]{1,40}\])")
_STOP = frozenset(
    {
        "note",
        "notes",
        "editor's note",
        "editor’s note",
        "source",
        "sources",
        "update",
        "updated",
        "correction",
        "disclaimer",
        "transcript",
        "date",
        "time",
        "location",
        "place",
        "participants",
        "speakers",
        "moderators",
        "moderator(s)",
        "panelists",
        "panel",
        "guests",
        "guest",
        "subject",
        "subjects",
        "re",
        "tags",
        "posted",
        "published",
        "by",
        "photo",
        "image",
        "video",
        "watch",
        "read more",
        "related",
        "example",
        "warning",
        "copyright",
        "caption",
        "credit",
        "credits",
        "topic",
        "topics",
        "question",
        "questions",
        "answer",
        "answers",
        "summary",
        "background",
        "contents",
        "index",
        "ps",
        "q&a",
        "q & a",
        "q and a",
        "p.s",
        "nb",
        "n.b",
        "cc",
        "fyi",
        "edit",
        "edited",
        "show",
        "program",
        "headline",
        "section",
        "category",
        "keywords",
        "url",
        "link",
        "links",
        "email",
        "phone",
        "tel",
        "fax",
        "address",
        "website",
        "http",
        "https",
        "step",
        "chapter",
        "part",
        "act",
        "scene",
    }
)
# "QUESTION:" (audience questions in town halls) and "GUEST:" (a host and a guest) are speakers in caps form.
_CAPS_OK_DESPITE_STOP = frozenset({"question", "moderator", "guest"})
# "Guest:" in Title Case too, as podcasts write it; like any Title Case label it must open two paragraphs
# or more, so a header's one "Guest: Jane Doe" line stays header
_TITLE_OK_DESPITE_STOP = frozenset({"guest", "question"})
_AUDIENCE = re.compile(r"\b(AUDIENCE|QUESTIONER|MEMBER OF (THE )?AUDIENCE|VOTER|CALLER)\b|^QUESTION$", re.IGNORECASE)
_MODERATOR = re.compile(r"\bMODERATOR\b", re.IGNORECASE)
_QUESTION_WORDS = ("pregunta", "frage", "domanda", "pergunta", "journaliste", "periodista")
_ANSWER_WORDS = ("respuesta", "réponse", "antwort", "risposta", "resposta")
_INTERVIEWER = re.compile(rf"^(Q|INTERVIEWER|REPORTER|{'|'.join(_QUESTION_WORDS)})$", re.IGNORECASE)
_INTERVIEWEE = re.compile(rf"^(A|ANSWER|THE PRESIDENT|INTERVIEWEE|{'|'.join(_ANSWER_WORDS)})$", re.IGNORECASE)

# Known cue words in any case; otherwise a capitalised parenthetical ending in a period ("(Speaks Ukrainian.)").
# Flags are scoped so the leading "(" / "[" stays a case-sensitive literal the regex engine can scan for fast.
_NOTE_PAREN = re.compile(
    r"\((?:(?i:APPLAUSE|LAUGHTER|LAUGHS|CROSSTALK|CROSS TALK|INAUDIBLE|BEGIN VIDEO CLIP|END VIDEO CLIP|"
    r"BEGIN VIDEOTAPE|END VIDEOTAPE|COMMERCIAL BREAK|BELL RINGS|BOOING|CHEERING|UNINTELLIGIBLE|OFF-MIKE|OFF MIKE|"
    r"SOUNDBITE OF [A-Z][A-Z ,'’\-]{0,40}|MUSIC|AD BREAK|BREAK)"
    r"\.?|[A-Z][A-Za-z ,'’\-]{0,40}\.)\)"
)
_NOTE_BRACKET = re.compile(
    r"\[(?i:applause|laughter|laughs|laughing|chuckles|sighs|pauses|crosstalk|cross talk|inaudible|"
    r"unintelligible|laughter and applause|applause and laughter|booing|cheering|commercial break|pause|"
    r"silence|music|sic|ad break|break|soundbite of|[^\]\n]{0,12}delay)[^\]\n]{0,30}\\?\]"
)


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    label: str
    name: str
    caps: bool
    para_start: bool
    after_sentence: bool
    #: where this candidate's line, and the line before it, begin (-1: no line before)
    line_start: int
    prev_line_start: int
    time: float | None = None


def _split_name(label: str) -> tuple[str, list[str]]:
    """``"ANDERSON COOPER, CNN HOST (continuing)"`` -> ``("ANDERSON COOPER", ["CNN HOST"])``."""
    label = QUESTION_NUMBER.sub("", _PAREN.sub("", label).strip())
    parts = [p.strip() for p in label.split(",")]
    return parts[0], [p for p in parts[1:] if p]


def _is_caps(s: str) -> bool:
    stripped = _PREFIX.sub("", s).strip()
    # "KOVAČ", "ƏLIYEV": capitals in any alphabet, not only A to Z
    return (
        bool(stripped)
        and (stripped[0].isupper() or stripped[0].isdigit())
        and all(c.isupper() or c.isdigit() or c in _CAPS_PUNCT for c in stripped)
        and any(c.isalpha() for c in stripped)
    )


def _unicode_title_word(w: str) -> bool:
    """A name word outside A to Z: "Kovač", "Šimić-Novák", "Əliyev", "Erdoğan"."""
    parts = w.rstrip(".").split("-")
    return all(p[:1].isupper() and all(c.islower() or c in "'’" for c in p[1:]) for p in parts if p) and bool(parts[0])


def _is_title(s: str, *, small_ok: bool) -> bool:
    words = s.split()
    if not words or len(words) > 4:
        return False
    for w in words:
        if _TITLE_WORD.match(w) or _unicode_title_word(w):
            continue
        if small_ok and w in _DESC_TITLE_SMALL:
            continue
        return False
    return words[0][0].isupper()


@lru_cache(maxsize=4096)
def _classify(label: str) -> tuple[str, bool] | None:
    """``(name, is_caps)`` when ``label`` can be a speaker label, else ``None``."""
    name, descs = _split_name(label)
    if not name or not name[0].isupper() or len(name.split()) > (8 if _is_caps(name) else 6):
        return None
    low = name.lower().rstrip(".")
    caps = _is_caps(name)
    if low in _STOP and not (low in _CAPS_OK_DESPITE_STOP and (caps or low in _TITLE_OK_DESPITE_STOP)):
        return None
    if NUMBERED_VOICE.match(name) and not descs:
        return name, caps
    if caps:
        if not all(_is_caps(d) or _is_title(d, small_ok=True) for d in descs) or len(descs) > 3:
            return None
        return name, True
    if not _is_title(name, small_ok=False) or len(name.split()) > 4:
        return None
    if not all(_is_title(d, small_ok=True) or _is_caps(d) for d in descs) or len(descs) > 2:
        return None
    return name, False


@lru_cache(maxsize=4096)
def _role(label: str, name: str) -> Role | None:
    if _INTERVIEWER.match(name):
        return "interviewer"
    if _MODERATOR.search(label):
        return "moderator"
    if _AUDIENCE.search(name):
        return "audience"
    if _INTERVIEWEE.match(name):
        return "interviewee"
    return None


def _clock_before_colon(text: str) -> bool:
    """Whether any "00:03):" or "00:03]:" occurs, found faster than by a regex that opens with a digit."""
    for tail in ("):", "]:"):
        i = text.find(tail)
        while i > 0:
            if text[i - 1].isdigit():
                return True
            i = text.find(tail, i + 2)
    return False


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _seconds(clock: str | None) -> float | None:
    m = _CLOCK_IN.search(clock) if clock else None  # "[00:00:17] " and "(00:00:03)" hold the time code
    return clock_seconds(m.group()) if m else None


def _candidates(text: str) -> list[_Candidate]:
    found = list(_CANDIDATE.finditer(text))
    if _clock_before_colon(text):
        found += _CLOCK_AFTER.finditer(text)
    if _CLOCK_AT_LINE_END.search(text):
        found += _CLOCK_LINE.finditer(text)
    if "\t" in text:
        found += _TAB_LABEL.finditer(text)
    hearing = list(_HEARING.finditer(text))
    if len(hearing) >= 3:  # a hearing names its speakers this way throughout, prose does not
        found += hearing
    found.sort(key=lambda m: m.start())
    out: list[_Candidate] = []
    taken = -1
    for m in found:
        if m.start() < taken:  # a line matched by both patterns
            continue
        label = m.group("label").rstrip().rstrip("*_").rstrip()
        got = (label, True) if m.re is _HEARING else _classify(label)
        if got is None:
            continue
        if NUMBERED_VOICE.match(got[0]) and _LEGEND.search(text, m.end(), _line_end(text, m.end())):
            continue  # "Speaker 1: host Rachel Kim. Speaker 2: economist David Brandt": a legend in the header
        taken = m.end()
        line_start = m.start("pre")
        prev = text.rfind("\n", 0, line_start - 1) if line_start else -1
        prev_line = text[prev + 1 : line_start].strip()
        para_start = line_start == 0 or not prev_line
        after_sentence = bool(prev_line) and prev_line[-1] in _SENTENCE_END
        pre = m.group("pre")
        markup = len(pre) - len(pre.rstrip("*_"))  # "**Ben Archer:**": the bold markers belong to the label
        clock = m.groupdict().get("clock")
        start = m.start("clock") if clock and m.start("clock") < m.start("label") else m.start("label")
        out.append(
            _Candidate(
                start - markup,
                m.end(),
                label,
                got[0],
                got[1],
                para_start,
                after_sentence,
                line_start,
                prev + 1 if line_start else -1,
                _seconds(clock),
            )
        )
    return out


@lru_cache(maxsize=4096)
def _norm(name: str) -> str:
    return " ".join(name.upper().replace("’", "'").split())


_last: tuple[str, list[Mark]] | None = None


def find_marks(text: str) -> list[Mark]:
    """The labels this layout believes, in order.

    ``detect`` and ``read`` are called on the same string one after the other,
    so the last answer is kept (by identity: comparing strings would cost as much).
    """
    global _last
    if _last is not None and _last[0] is text:
        return list(_last[1])
    marks = _find_marks(text)
    _last = (text, marks)
    return list(marks)


def _find_marks(text: str) -> list[Mark]:
    cands = _candidates(text)
    counts: dict[str, int] = {}
    para_names: set[str] = set()
    for c in cands:
        key = _norm(c.name)
        counts[key] = counts.get(key, 0) + 1
        if c.para_start:
            para_names.add(key)
    # One paragraph per line (no blank lines at all) makes every line a paragraph start.
    no_blank_lines = "\n\n" not in text and re.search(r"\n[^\S\n]*\n", text) is None
    marks: list[Mark] = []
    believed_lines: set[int] = set()
    committee = _committee_numbers([c.label for c in cands])
    for c in cands:
        key = _norm(c.name)
        at_para = c.para_start or no_blank_lines
        if c.caps:
            # An upper-case name and a colon opening a line is a label even inside a hard-wrapped
            # paragraph; only a lone letter ("A: ...") needs a paragraph or finished sentence before it.
            ok = at_para or c.after_sentence or len(key.replace(".", "").replace(" ", "")) > 1
            # a witness list's first panel ("I: Chief Constable Alan Brierley, ..."), not a voice; a research
            # transcript's interviewer "I:" speaks more than once
            ok = ok and (key != "I" or counts[key] >= 2)
        else:
            # A recurring mixed-case name is a label at a paragraph start, or on the line after a
            # finished turn that itself opened with a label (a run of one-line turns).
            follows_turn = c.after_sentence and c.prev_line_start in believed_lines
            ok = counts[key] >= 2 and (at_para or key in para_names or follows_turn)
            # "Q105 Priya Lakhani-Ross:": a numbered question says whose it is, however often they ask
            ok = ok or (at_para and committee and _COMMITTEE_NUMBER.match(c.label) is not None)
        if ok and c.line_start == 0 and counts[key] == 1 and all_caps(text[c.end : _line_end(text, c.end)]):
            ok = False  # "NOMINATION HEARING: DEPUTY SECRETARY OF TRANSPORTATION": the title, in capitals
        if ok:
            marks.append(Mark(c.start, c.end, c.label, _role(c.label, c.name), time=c.time))
            believed_lines.add(c.line_start)
    marks = _with_listed_speakers(text, cands, marks, counts, no_blank_lines)
    if len(marks) > 1 and _is_listing(text, marks[0], marks[1].start):
        marks = marks[1:]
    return _with_inline_marks(text, marks, para_names)


#: titles a witness's label opens with
#: offices among the label titles: said once, they need the question before them (see _with_listed_speakers)
_OFFICES = frozenset(
    {"president", "vice", "prime", "premier", "chancellor", "senator", "governor", "mayor", "deputy", "federal"}
    | {"sen", "gov", "rep", "representative", "foreign", "acting"}
)
_LABEL_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "professor",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "baroness",
        "baron",
        "chief",
        "commissioner",
        "superintendent",
        "inspector",
        "general",
        "colonel",
        "major",
        "captain",
        "judge",
        "justice",
        "councillor",
        "cllr",
        "minister",
        "secretary",
        "ambassador",
        "president",
        "vice",
        "prime",
        "premier",
        "chancellor",
        "senator",
        "sen",
        "governor",
        "gov",
        "mayor",
        "representative",
        "rep",
        "deputy",
        "federal",
        "foreign",
        "acting",
    ]
)
#: labels that name a role, believed at a paragraph's start even when used once ("Correspondent: ...")
_ROLE_LABELS = frozenset(
    [
        "correspondent",
        "reporter",
        "journalist",
        "interviewer",
        "moderator",
        "host",
        "presenter",
        "anchor",
        "questioner",
        "spokesperson",
        "interpreter",
        "translator",
        "audience member",
        # question and answer in the other languages we meet: "Pregunta:" / "Respuesta:", "Frage:" / "Antwort:"
        *_QUESTION_WORDS,
        *_ANSWER_WORDS,
    ]
)


#: words that make a label an outlet's: "Xinhua News Agency:", "Al-Sharq TV:"
_OUTLET_LABEL_WORDS = frozenset(["news", "agency", "tv", "radio", "times", "post", "press", "daily", "channel"])


def _with_listed_speakers(
    text: str, cands: list[_Candidate], marks: list[Mark], counts: dict[str, int], no_blank_lines: bool
) -> list[Mark]:
    """``marks`` plus Title Case labels used once whose person the header lists ("Witnesses: ... and
    Professor Dev Rao" makes "Professor Rao:" a label), or that name a role ("Correspondent:"): a
    witness or a reporter who speaks once is still a speaker."""
    if not marks:
        return marks
    header = text[: marks[0].start]
    taken = {m.start for m in marks}
    known = {_split_name(m.speaker)[0].lower() for m in marks if m.speaker}
    extra: list[Mark] = []
    for c in cands:
        if c.caps or c.start in taken or counts[_norm(c.name)] != 1 or not (c.para_start or no_blank_lines):
            continue
        surname = c.name.split()[-1]
        # a role label may open the transcript ("Pregunta:" before the "P:" that follows); a listed person
        # speaks after the header that lists them
        # a witness's label carries a title ("Professor Rao:", "Dr Okafor:"); "Frederick Douglass:" opening an
        # answer's paragraph is a subject, even if the header names him
        title = c.name.split()[0].rstrip(".").lower()
        titled = title in _LABEL_TITLES
        listed = bool(
            c.start > marks[0].start and titled and len(surname) > 2 and re.search(rf"\b{re.escape(surname)}\b", header)
        )
        # an office ("President Ndiaye:") answers the question just asked; inside an answer it is quoted (a
        # minister reading out the minutes), not a speaker
        if listed and title in _OFFICES:
            before = [m for m in marks if m.end <= c.start]
            listed = bool(before) and before[-1].role_hint in ("interviewer", "audience", "moderator")
        # ... but "Interviewer: Jane Doe" in the header is a cast list's entry, not a turn
        cast = c.start < marks[0].start and _LONE_NAME.fullmatch(text[c.end : _line_end(text, c.end)].strip())
        # "Spokesperson Wang Lin:" once, then "Wang Lin:" throughout: the same speaker, with a title the first time
        longer = any(len(k) > 3 and c.name.lower().endswith(" " + k) for k in known)
        # "Xinhua News Agency: Could you share ...?": an outlet asking, as reporters at a briefing are named
        said = text[c.end : _line_end(text, c.end)]
        outlet = "?" in said and any(w.lower() in _OUTLET_LABEL_WORDS for w in c.name.split())
        if (c.name.lower() in _ROLE_LABELS and not cast) or listed or longer or outlet:
            extra.append(Mark(c.start, c.end, c.label, _role(c.label, c.name), time=c.time))
    return sorted(marks + extra, key=lambda m: m.start) if extra else marks


_MARKDOWN_HEADING = re.compile(r"(?<=\n\n)#{1,6}[ \t]+[^\n]*\S(?=[ \t]*\n[ \t]*\n|[ \t]*\Z)")
# a time code alone on the line above a label: "00:00:07" / "PRIYA NAND: Thanks for having me."
_TIME_LINE = re.compile(rf"[ \t]*[\[(]?(?P<clock>{_CLOCK})[\])]?[ \t]*\n[ \t]*\Z")


def _abbreviated_alike(marks: list[Mark]) -> list[Mark]:
    """``marks`` with "Pregunta:" / "Respuesta:" named as the "P:" / "R:" that follow them (a newspaper
    spells out the first question and answer, then abbreviates): one asker and one answerer, not two."""
    names = {_norm(_split_name(m.speaker)[0]): m.speaker for m in marks if m.speaker}
    out = []
    for m in marks:
        word = _split_name(m.speaker or "")[0].lower()
        short = names.get(word[:1].upper()) if word in _QUESTION_WORDS + _ANSWER_WORDS else None
        out.append(replace(m, speaker=short) if short else m)
    return out


def _with_time_lines(text: str, marks: list[Mark]) -> list[Mark]:
    """``marks`` whose label takes in a time code alone on the line above it, as the turn's start time,
    when most labels have one: such an export puts the time above every turn, and it is not speech."""
    found: list[tuple[int, float] | None] = []
    for m in marks:
        line_start = text.rfind("\n", 0, max(0, m.start - 1)) + 1 if m.start else 0
        hit = _TIME_LINE.fullmatch(text, line_start, m.start) if m.start else None
        found.append((line_start, clock_seconds(hit.group("clock"))) if hit and m.time is None else None)
    if sum(f is not None for f in found) < max(2, len(marks) // 2):
        return marks
    return [replace(m, start=f[0], time=f[1]) if f else m for m, f in zip(marks, found, strict=True)]


# a select committee's numbered question: "Q101 Chair:" (Hansard's order paper has a period: "Q1.")
_COMMITTEE_NUMBER = re.compile(r"Q(\d{1,4})\s")
_MIN_COMMITTEE_QUESTIONS = 3


def _committee_numbers(labels: list[str]) -> bool:
    """Whether the labels number questions as a select committee does: three or more, rising ("Q101",
    "Q102", "Q104"), not an earnings call's "Q4 Highlights:"."""
    numbers = [int(m.group(1)) for label in labels if (m := _COMMITTEE_NUMBER.match(label))]
    return len(numbers) >= _MIN_COMMITTEE_QUESTIONS and all(a < b for a, b in itertools.pairwise(numbers))


def _witnesses_answer(marks: list[Mark]) -> list[Mark]:
    """In a select committee's oral evidence every member's question is numbered ("Q101 Chair:"), so a
    speaker never labelled with a number is a witness."""
    if not _committee_numbers([m.speaker for m in marks if m.speaker]):
        return marks
    members = {_norm(_split_name(m.speaker)[0]) for m in marks if m.speaker and _COMMITTEE_NUMBER.match(m.speaker)}
    return [
        replace(m, role_hint="interviewee")
        if m.role_hint is None and m.speaker and _norm(_split_name(m.speaker)[0]) not in members
        else m
        for m in marks
    ]


# "Rachel Kim", "Tom Hughes, economist at Leeds": a name alone on the line, perhaps with a description
_LONE_NAME = re.compile(r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,3}(?:,[ \t]*[^\n!?]{1,100})?")


def _without_cast_list(text: str, marks: list[Mark]) -> list[Mark]:
    """``marks`` without a header's cast list: "Host: Rachel Kim" / "Guest: Tom Hughes, economist" (or a
    lone "Interpreter: Yulia Petrenko") on consecutive lines before the transcript, each label used again
    for the turns below.  Those lines say who the labels are (the structure stage reads them as a
    legend), and nobody said them."""

    def key(m: Mark) -> str:
        return _norm(_split_name(m.speaker or "")[0])

    def listed(k: int) -> bool:
        """Whether mark k labels a lone name on its own line ("Guest: Dr. Amara Osei, ecologist"; a
        "Recorded May 2, 2024" line may follow it) and its label is used again later."""
        m = marks[k]
        said = text[m.end : _line_end(text, m.end)].strip()
        return (
            _LONE_NAME.fullmatch(said) is not None
            and not _SENTENCE_SAID.search(said)
            and said.split()[0].lower() not in _GREETING_WORDS
            and any(key(later) == key(m) for later in marks[k + 1 :])
        )

    k = 0
    while k + 1 < len(marks) and listed(k):
        k += 1
        if text[marks[k - 1].end : marks[k].start].count("\n") != 1:
            break  # a blank line after the list: the transcript starts
    return marks[k:] if k and k < len(marks) else marks


# a name then words said to them: "Sofia Alvarez, welcome to the show."
_SENTENCE_SAID = re.compile(r"[a-z]{3,}[.!?]\s*$|\b(?:welcome|thanks?|thank you|good (?:morning|evening))\b", re.I)
#: first words of a turn that looks like a name but is speech: "Good Morning", "Live From Washington"
_GREETING_WORDS = frozenset(
    ["good", "hello", "hi", "welcome", "thank", "thanks", "morning", "evening", "live", "from", "this", "the", "it's"]
)


# "Lester Holt (NBC News)", "Anderson Cooper (CNN) and\n\nMartha Raddatz (ABC News)": names, each perhaps
# with an outlet, joined by "and" or commas
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’.-]*){1,3}(?:\s*\([^)\n]{1,60}\))?"
_NAME_LISTING = re.compile(rf"\s*{_NAME}(?:\s*(?:,|\band\b|,\s*and\b)\s*{_NAME})*\s*")


def _is_listing(text: str, first: Mark, next_start: int) -> bool:
    """True when the first label is a header's "MODERATOR:" heading over a list of names on the lines
    below it, not a moderator's turn: the header then runs on to the next label, where
    :func:`onrecord.structure.metadata.moderator_surnames` reads the list."""
    line_end = _line_end(text, first.end)
    if first.role_hint != "moderator" or line_end == len(text) or text[first.end : line_end].strip():
        return False
    return _NAME_LISTING.fullmatch(text, line_end, next_start) is not None


# A known upper-case label run into the previous turn's line: "Go ahead. OBAMA: Candy, ..." or
# "(LAUGHTER) ROMNEY: You're absolutely right."
_INLINE = re.compile(r"(?<=[.?!)\]][ \t])(?P<label>[A-Z][A-Z.'’\- ]{1,40}?):(?=[ \t])")


def _with_inline_marks(text: str, marks: list[Mark], para_names: set[str]) -> list[Mark]:
    """``marks`` plus the labels found mid-line, for names this transcript already uses as
    upper-case paragraph labels (an unknown capitalised word before a colon is left as text)."""
    known = {k for k in para_names if k == k.upper() and any(ch.isalpha() for ch in k)}
    if not known or not marks:
        return marks
    taken = [(m.start, m.end) for m in marks]
    extra: list[Mark] = []
    for m in _INLINE.finditer(text):
        label = m.group("label").strip()
        got = _classify(label)
        if got is None or _norm(got[0]) not in known:
            continue
        start, end = m.start("label"), m.end()
        if any(s <= start < e or start <= s < end for s, e in taken):
            continue
        extra.append(Mark(start, end, label, _role(label, got[0])))
    return sorted(marks + extra, key=lambda mk: mk.start) if extra else marks


class LabeledReader:
    name = "labeled"

    def detect(self, text: str) -> float:
        marks = find_marks(text)
        if len(marks) < 2:
            return 0.0
        speakers = {_norm(m.speaker or "") for m in marks}
        if len(speakers) < 2 and len(marks) < 4:
            return 0.0
        paras = max(1, len(blocks_in(text, 0, len(text))))
        if paras == 1:
            paras = max(1, len(blocks_in(text, 0, len(text), by_line=True)))
        ratio = min(1.0, len(marks) / paras)
        return min(0.85, 0.35 + 0.6 * ratio + (0.1 if len(marks) >= 10 else 0.0))

    def read(self, text: str) -> ReadResult:
        marks = _with_time_lines(text, _witnesses_answer(_without_cast_list(text, find_marks(text))))
        marks = _abbreviated_alike(marks)
        body_end = len(text)
        if marks:
            body_end = trailer_start(text, marks[-1].end, len(text), is_trailer_block)
        notes = merge_notes(
            find_notes(_NOTE_PAREN, text, 0, body_end, "stage_direction"),
            find_notes(_NOTE_BRACKET, text, 0, body_end, "stage_direction"),
        )
        narration = narration_starts(text, marks, body_end)
        # a Markdown heading between the turns ("## Patents and farmers [11:40]") is a section's subhead
        first = marks[0].start if marks else body_end
        headings = [(m.start(), m.end(), "subhead") for m in _MARKDOWN_HEADING.finditer(text, first, body_end)]
        breaks = sorted([(s, e, "narration") for s, e in narration] + headings)
        result = assemble(text, self.name, marks, body_end=body_end, notes=notes, breaks=breaks)
        if narration:  # the paragraphs after where narration starts, to the next label, are narration too
            starts = {s for s, _ in narration}
            notes = list(result.notes)
            turn_starts = sorted(t.start for t in result.turns)
            for s, e in result.unattributed:
                since = max((n for n in starts if n <= s), default=None)
                if since is not None and s not in starts and not any(since < t <= s for t in turn_starts):
                    notes.append((s, e, "narration"))
            result.notes = sorted(notes)
        return result
