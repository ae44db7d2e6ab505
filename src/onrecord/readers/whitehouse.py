"""White House briefing room layout (whitehouse.gov and its archives).

Reporters are never named: each question opens with a bare "Q" followed by a
run of spaces (often U+00A0) or, in some copies, "Q:".  Officials get
upper-case labels ("MS. PSAKI:", "THE PRESIDENT:").  Scraped copies come as
Markdown with YAML front matter and hard-wrapped lines; the front matter is
set aside but its title and date are kept, since the body rarely repeats them.
Everything after the last words ("END 2:05 P.M. EST", "###") is trailer.
"""

from __future__ import annotations

import re

from onrecord.readers.assemble import Mark, assemble, find_notes, merge_notes, trailer_start, trim
from onrecord.readers.base import ReadResult
from onrecord.readers.common import front_matter, is_trailer_block
from onrecord.readers.labeled import _NOTE_BRACKET, _NOTE_PAREN, _candidates, _norm, _role

_Q = re.compile(r"^[^\S\n]*(?P<label>Q(?:[^\S\n]*:|(?=[^\S\n]{2,}|\t|\u00a0)))", re.MULTILINE)
_Q_PARA = re.compile(r"(?:\A|\n[^\S\n]*\n)[^\S\n]*(?P<label>Q)(?= \S)")
_TIME = r"\d{1,2}:\d{2}[^\S\n]*[AaPp]\.?[^\S\n]?[Mm]\.?(?:[^\S\n]*[A-Z]{2,4})?"
_TRAILER = re.compile(rf"^(?:END|\\?#{{3}}|-?30-|{_TIME}|\s)+$")
_STAMP = re.compile(rf"^[^\S\n]*(?:END[^\S\n]+)?{_TIME}[^\S\n]*$", re.MULTILINE)


def find_marks(text: str, start: int = 0) -> list[Mark]:
    marks: dict[int, Mark] = {}
    for m in _Q.finditer(text, start):
        marks[m.start("label")] = Mark(m.start("label"), m.end("label"), "Q", "interviewer")
    for m in _Q_PARA.finditer(text, start):
        marks.setdefault(m.start("label"), Mark(m.start("label"), m.end("label"), "Q", "interviewer"))
    for c in _candidates(text):
        # Officials are always upper case here; "Q" is handled above.
        if c.start < start or not c.caps or _norm(c.name) in {"Q", "A"}:
            continue
        # the first official may speak on the line after the header's date ("Jan. 16, 2024")
        first = not any(k < c.start for k in marks) and c.prev_line_start >= start
        if not (c.para_start or c.after_sentence or first or not text[start : c.start].strip()):
            continue
        marks.setdefault(c.start, Mark(c.start, c.end, c.label, _role(c.label, c.name)))
    return [marks[k] for k in sorted(marks)]


def _is_trailer(block: str) -> bool:
    return bool(_TRAILER.match(block)) or is_trailer_block(block)


class WhiteHouseReader:
    name = "whitehouse"

    def detect(self, text: str) -> float:
        fm_end, meta = front_matter(text)
        marks = find_marks(text, fm_end)
        qs = sum(1 for m in marks if m.speaker == "Q")
        officials = len(marks) - qs
        if officials < 1:
            return 0.0
        score = 0.0
        if qs >= 2:
            score = 0.9
        if fm_end and officials >= 2:
            score = max(score, 0.88)
        if score and ("whitehouse.gov" in meta.get("source", "") or _STAMP.search(text)):
            score += 0.05
        return min(score, 0.97)

    def read(self, text: str) -> ReadResult:
        fm_end, meta = front_matter(text)
        marks = find_marks(text, fm_end)
        body_end = len(text)
        if marks:
            body_end = trailer_start(text, marks[-1].end, len(text), _is_trailer)
        notes = merge_notes(
            find_notes(_NOTE_PAREN, text, fm_end, body_end, "stage_direction"),
            find_notes(_NOTE_BRACKET, text, fm_end, body_end, "stage_direction"),
        )
        result = assemble(text, self.name, marks, body_start=fm_end, body_end=body_end, notes=notes)
        if fm_end:
            s, e = trim(text, 0, fm_end)
            if e > s:
                result.boilerplate.insert(0, (s, e, "front_matter"))
        result.metadata.update(meta)
        return result
