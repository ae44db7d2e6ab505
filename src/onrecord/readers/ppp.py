"""Public Papers of the Presidents / American Presidency Project layout.

One paragraph per line; a turn opens with "Q." (any reporter), "The
President." or another title-and-name label ending in a period ("Secretary
Baker.", "Prime Minister Thatcher.").  A label that ends in a period looks
like any short sentence ("Yes. I do."), so a label other than Q/The President
needs a title word, or must recur.  The editors insert topic subheads (short
lines without terminal punctuation) before a question; they end the previous
turn and belong to nobody.
"""

from __future__ import annotations

import re

from onrecord.document import Role
from onrecord.readers.assemble import Mark, assemble, blocks_in, find_notes, trailer_start
from onrecord.readers.base import ReadResult
from onrecord.readers.common import is_boilerplate_line
from onrecord.readers.labeled import _NOTE_BRACKET

_LINE_HEAD = re.compile(r"[^\S\n]*(?P<head>[A-Z][^\n]{0,70})")
_ABBREV = frozenset(
    {"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Adm", "Amb", "Sgt", "Capt"}
)
_TITLES = frozenset(
    {
        "president",
        "vice",
        "prime",
        "secretary",
        "chancellor",
        "mr",
        "mrs",
        "ms",
        "dr",
        "general",
        "gen",
        "admiral",
        "adm",
        "governor",
        "gov",
        "senator",
        "sen",
        "representative",
        "rep",
        "ambassador",
        "amb",
        "director",
        "minister",
        "foreign",
        "deputy",
        "press",
        "king",
        "queen",
        "prince",
        "princess",
        "chairman",
        "chairwoman",
        "speaker",
        "leader",
        "mayor",
        "attorney",
        "administrator",
        "commissioner",
        "participant",
        "participants",
        "audience",
        "reporter",
        "questioner",
        "moderator",
        "student",
        "students",
        "pope",
        "premier",
        "crown",
        "sheikh",
        "emir",
        "colonel",
        "col",
        "captain",
        "judge",
        "justice",
        "major",
        "lieutenant",
        "lt",
        "sergeant",
        "commander",
        "dean",
        "professor",
        "father",
        "sister",
        "rabbi",
        "reverend",
        "cardinal",
        "chief",
        "first",
        "lady",
        "sir",
        "dame",
        "lord",
        "baroness",
        "interpreter",
        "staff",
        "official",
        "officer",
    }
)
_SMALL = frozenset({"of", "the", "de", "da", "von", "van", "der", "al", "bin", "la", "le", "and", "du"})
_LABEL_CHARS = re.compile(r"^[\w.'’\-]+(?: [\w.'’\-]+)*$")
_SINGLE_OK = frozenset(
    {"participant", "participants", "audience", "moderator", "questioner", "reporter", "interpreter"}
)
_WORD = re.compile(r"^(?:[A-Z][\w'’\-]*|[A-Z]\.?)$")
_TRAILER = re.compile(
    r"^\s*(note:|citation:?|the american presidency project|online by gerhard peters|https?://|www\.|"
    r"public papers of the presidents|filed under|categories:|attributes:|location:)",
    re.IGNORECASE,
)
_TERMINAL = frozenset('.?!:;,"”’)]—-–…')
_AUDIENCE = frozenset({"participant", "participants", "audience", "questioner", "student", "students"})


def _label_of(line: str) -> str | None:
    """The "Name" of a line opening "Name. ", if the words before the first real sentence end look like one."""
    pos = 0
    while True:
        dot = line.find(".", pos)
        if dot < 0 or dot > 60:
            return None
        after = line[dot + 1 : dot + 2]
        if after and not after.isspace():
            pos = dot + 1
            continue
        word = line[:dot].rsplit(" ", 1)[-1]
        if word.title() in _ABBREV or (len(word) == 1 and word.isupper() and word != "Q"):
            pos = dot + 1
            continue
        return line[:dot]


def _role(label: str) -> Role | None:
    if label == "Q":
        return "interviewer"
    if label == "The President":
        return "interviewee"
    first = label.split()[0].lower().rstrip(".")
    if first in _AUDIENCE:
        return "audience"
    if first == "moderator":
        return "moderator"
    return None


def _plausible(label: str) -> bool:
    if not _LABEL_CHARS.match(label):
        return False
    words = label.split(" ")
    if not words or len(words) > 6 or not _WORD.match(words[0].rstrip(".")):
        return False
    if label != "Q" and label.upper() == label:
        return False  # upper-case labels belong to NAME: scripts, not to the Public Papers
    if len(words) == 1 and label != "Q" and label.lower() not in _SINGLE_OK:
        return False
    return all(_WORD.match(w.rstrip(".")) or w in _SMALL for w in words)


def find_marks(text: str) -> list[Mark]:
    found: list[tuple[int, str]] = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        m = _LINE_HEAD.match(text, pos, line_end)
        if m:
            label = _label_of(m.group("head"))
            if label is not None and _plausible(label):
                found.append((m.start("head"), label))
        pos = line_end + 1
    counts: dict[str, int] = {}
    for _, label in found:
        counts[label] = counts.get(label, 0) + 1
    marks: list[Mark] = []
    for start, label in found:
        first = label.split()[0].lower().rstrip(".")
        if label in ("Q", "The President") or first in _TITLES or (len(label.split()) >= 2 and counts[label] >= 2):
            marks.append(Mark(start, start + len(label) + 1, label, _role(label)))
    return marks


def _subheads(text: str, marks: list[Mark], end: int) -> list[tuple[int, int]]:
    """Lines that look like an editor's topic heading and sit right before a label."""
    if not marks:
        return []
    starts = {m.start for m in marks}
    lines = blocks_in(text, marks[0].end, end, by_line=True)
    out: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        if line.start in starts or line.start < marks[0].end:
            continue
        s = line.text
        if len(s) > 100 or s[-1] in _TERMINAL or not s[0].isupper():
            continue
        words = s.split()
        if len(words) > 12:
            continue
        long_words = [w for w in words if len(w) >= 4]
        if long_words and sum(w[0].isupper() for w in long_words) * 2 < len(long_words):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and nxt.start not in starts:
            continue
        # the label of the following line starts at the line's first visible character
        out.append((line.start, line.end))
    return out


def _is_trailer(line: str) -> bool:
    return bool(_TRAILER.match(line)) or is_boilerplate_line(line)


class PublicPapersReader:
    name = "ppp"

    def detect(self, text: str) -> float:
        marks = find_marks(text)
        qs = sum(1 for m in marks if m.speaker == "Q")
        pres = sum(1 for m in marks if m.speaker == "The President")
        others = len(marks) - qs
        if qs >= 2 and others >= 2:
            return 0.9 if pres else 0.8
        if pres >= 3:
            return 0.6
        return 0.0

    def read(self, text: str) -> ReadResult:
        marks = find_marks(text)
        body_end = len(text)
        if marks:
            body_end = trailer_start(text, marks[-1].end, len(text), _is_trailer, by_line=True)
            # A trailer run that swallowed the whole last turn was a turn after all.
            last = marks[-1]
            if not text[last.end : body_end].strip():
                body_end = len(text)
        breaks = [(s, e, "subhead") for s, e in _subheads(text, marks, body_end)]
        notes = find_notes(_NOTE_BRACKET, text, 0, body_end, "stage_direction")
        return assemble(text, self.name, marks, body_end=body_end, breaks=breaks, notes=notes, by_line=True)
