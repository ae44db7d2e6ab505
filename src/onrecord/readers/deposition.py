"""Court-reporter transcripts: depositions and hearings with numbered lines and pages.

A certified transcript numbers every line of a page (1 to 25) and heads each
page with its number.  Those numbers are positional markup, like a subtitle's
cue numbers: read as prose they would end up inside the answers ("17 2021?")
and as figures among the claims.  So this reader rebuilds the text without
the line numbers, one transcript line per text line, and keeps each page
heading as a note ("page").  A page that turns in the middle of a turn has its
heading placed just before the next turn instead, so that no answer is cut in
two; nothing is dropped, only moved to the nearest turn boundary.

"Q." is the examining lawyer, named by the last "BY MS. ABERNATHY:" line;
"A." is the witness, named by the header's "DEPOSITION OF GORDON FAIRLEY".
Colloquy ("MR. DUNLEAVY:  Objection.  Form.", "THE VIDEOGRAPHER:") keeps its
own labels: the examining lawyers ask, "THE WITNESS" answers, everyone else
(opposing counsel, the reporter) is "other", so an objection between a
question and its answer does not take the answer's place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.document import Role
from onrecord.readers.assemble import Mark, assemble
from onrecord.readers.base import ReadResult

# "17        Q.   Did you approve ..." / "18   2021?" / "  8" (a numbered empty line)
_NUMBERED = re.compile(r"[ \t]*(\d{1,2})(?:[ \t]+(\S.*?))?[ \t]*")
# "                                      Page 42", "Page 42 of 180", or a bare page number
_PAGE = re.compile(r"[ \t]*(?:Page[ \t]+\d{1,5}(?:[ \t]+of[ \t]+\d{1,5})?|\d{1,5})[ \t]*", re.IGNORECASE)
_LAST_LINE = 30
_MIN_NUMBERED = 8
_LINE_NUMBER_START = re.compile(r"(?m)^[ \t]*\d{1,2}(?:[ \t]|$)")  # reporters number 25 lines a page, some 28 or 30
# "Q.   Did you ...", "A   No." (two spaces at least after a bare letter: "A lot of ..." is speech)
_QA = re.compile(r"(?P<label>(?P<who>[QA])(?:[.:](?=[ \t]|$)|(?=[ \t]{2})|$))")
_HONORIFIC = r"(?:MR|MS|MRS|MISS|DR)\.?"
_NAME_WORD = r"[A-Z][A-Z'’\-]+"
# "MR. DUNLEAVY:  Objection.", "THE VIDEOGRAPHER:  We are off the record"
_COLLOQUY = re.compile(
    rf"(?P<label>(?P<who>{_HONORIFIC}[ \t]+{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}}|THE[ \t]+[A-Z][A-Z \t]{{1,30}}?)"
    r"[ \t]*:)(?=[ \t]|$)"
)
_BY = re.compile(rf"BY[ \t]+(?P<who>{_HONORIFIC}[ \t]+{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})[ \t]*:?[ \t]*")
_EXAMINATION = re.compile(
    r"(?:(?:DIRECT|CROSS|REDIRECT|RECROSS|FURTHER|CONTINUED)[- \t]*)*EXAMINATION(?:[ \t]+\(?(?:CONTINUED|RESUMED)\)?)?"
    r"(?:[ \t]+(?:OF|BY)[ \t].*)?[ \t]*"
)
_WITNESS = re.compile(
    rf"(?:DEPOSITION|EXAMINATION|TESTIMONY)[ \t]+OF[ \t]+(?P<who>{_NAME_WORD}(?:[ \t]+(?:[A-Z]\.|{_NAME_WORD})){{1,3}})"
)
# the certificate, errata sheet and signature page after the testimony are the reporter's, not speech
_CLOSING_MATTER = re.compile(
    r"(?:(?:COURT[ \t]+)?REPORTER'?S'?[ \t]+CERTIFICATE|CERTIFICATE(?:[ \t]+OF[ \t]+[A-Z ]+)?|ERRATA(?:[ \t]+SHEET)?|"
    r"SIGNATURE[ \t]+PAGE|ACKNOWLEDG(?:E)?MENT[ \t]+OF[ \t]+(?:DEPONENT|WITNESS))[ \t]*"
)
_MAX_PAREN_LINES = 6


@dataclass
class _Line:
    """One transcript line without its number; ``furniture`` for a page heading."""

    text: str
    furniture: bool = False


def _lines(text: str) -> tuple[list[_Line], int, int]:
    """The transcript's lines without their numbers, and how many lines were numbered / had content."""
    out: list[_Line] = []
    expected = 1
    numbered = content = 0
    for raw in text.split("\n"):
        if not raw.strip():
            out.append(_Line(""))
            continue
        content += 1
        m = _NUMBERED.fullmatch(raw)
        if m and 1 <= int(m.group(1)) <= _LAST_LINE and (m.group(2) is not None or int(m.group(1)) == expected):
            numbered += 1
            expected = int(m.group(1)) + 1
            out.append(_Line(m.group(2) or ""))
        elif _PAGE.fullmatch(raw):
            expected = 1
            out.append(_Line(raw.strip(), furniture=True))
        else:
            out.append(_Line(raw.strip()))
    return out, numbered, content


def _opens_turn(line: str) -> bool:
    return bool(_QA.match(line) or _COLLOQUY.match(line) or _BY.fullmatch(line) or _EXAMINATION.fullmatch(line))


class DepositionReader:
    name = "deposition"

    def detect(self, text: str) -> float:
        if len(_LINE_NUMBER_START.findall(text, 0, 20_000)) < _MIN_NUMBERED:  # a cheap look first
            return 0.0
        lines, numbered, content = _lines(text)
        if numbered < _MIN_NUMBERED or numbered < 0.7 * content:
            return 0.0
        qs = sum(1 for ln in lines if (m := _QA.match(ln.text)) and m.group("who") == "Q")
        ans = sum(1 for ln in lines if (m := _QA.match(ln.text)) and m.group("who") == "A")
        return 0.95 if qs >= 2 and ans >= 2 else 0.0

    def read(self, text: str) -> ReadResult:
        lines, _, _ = _lines(text)
        titled = next(((ln.text, m) for ln in lines if (m := _WITNESS.search(ln.text))), None)
        witness = titled[1].group("who") if titled else None
        examiners: set[str] = {" ".join(m.group("who").split()) for ln in lines if (m := _BY.fullmatch(ln.text))}

        parts: list[str] = []
        pos = 0
        marks: list[Mark] = []
        breaks: list[tuple[int, int, str]] = []
        pending: list[str] = []
        examiner: str | None = None
        in_turn = False
        body_end: int | None = None
        paren_left = 0

        def emit(line: str, kind: str | None = None) -> int:
            nonlocal pos
            start = pos
            parts.append(line + "\n")
            pos += len(line) + 1
            if kind is not None and line:
                breaks.append((start, start + len(line), kind))
            return start

        def flush() -> None:
            for page in pending:
                emit(page, "page")
            pending.clear()

        for ln in lines:
            line = ln.text
            if ln.furniture:
                if in_turn and body_end is None:
                    pending.append(line)
                else:
                    emit(line, "page")
                continue
            if body_end is None and in_turn and _CLOSING_MATTER.fullmatch(line):
                flush()
                body_end = pos
            if body_end is not None or paren_left:
                emit(line)
                if paren_left:  # a parenthetical wrapped over several lines is one note
                    breaks[-1] = (breaks[-1][0], pos - 1, breaks[-1][2])
                    paren_left = 0 if line.endswith(")") else paren_left - 1
                continue
            if _opens_turn(line) or (line.startswith("(") and in_turn):
                flush()
            by = _BY.fullmatch(line)
            if by:
                examiner = " ".join(by.group("who").split())
                emit(line, "examination")
                continue
            if _EXAMINATION.fullmatch(line) and in_turn:
                emit(line, "examination")
                continue
            if line.startswith("(") and in_turn:
                emit(line, "stage_direction")
                paren_left = 0 if line.endswith(")") else _MAX_PAREN_LINES
                continue
            qa = _QA.match(line)
            col = None if qa else _COLLOQUY.match(line)
            start = emit(line)
            if qa:
                asking = qa.group("who") == "Q"
                speaker = (examiner or "Q") if asking else (witness or "A")
                role: Role = "interviewer" if asking else "interviewee"
                marks.append(Mark(start, start + qa.end("label"), speaker, role))
                in_turn = True
            elif col:
                who = " ".join(col.group("who").split())
                if who == "THE WITNESS":
                    speaker, role = witness or who, "interviewee"
                else:
                    speaker, role = who, "interviewer" if who in examiners else "other"
                marks.append(Mark(start, start + col.end("label"), speaker, role))
                in_turn = True
        flush()
        rebuilt = "".join(parts)
        result = assemble(rebuilt, self.name, marks, body_end=body_end, breaks=breaks)
        result.source_format = "deposition"
        if titled:  # "VIDEOTAPED DEPOSITION OF GORDON FAIRLEY", not the court's name or a page number
            result.metadata["title"] = " ".join(titled[0].split())
        return result
