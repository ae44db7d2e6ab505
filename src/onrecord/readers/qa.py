"""Magazine Q&A layout: "Q:" / "A:" (or "Q." / "A.", bold "**Q:**", "Question:"/"Answer:").

The markers say who asks and who answers, so each turn gets a role hint.
Magazines open with an intro (who, when, why) before the first question: it
is the header the structure stage mines for metadata.  Unmarked paragraphs
continue the turn above them, as they do in print.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from onrecord.document import Role
from onrecord.readers.assemble import Mark, assemble, blocks_in, find_notes, merge_notes, trailer_start
from onrecord.readers.base import ReadResult
from onrecord.readers.common import Block, blank_separated, is_end_line, is_trailer_block
from onrecord.readers.labeled import _NOTE_BRACKET, _NOTE_PAREN
from onrecord.readers.labeled import find_marks as labeled_marks

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# a paragraph bold or italic from end to end: "**How many families are still out of their homes?**",
# "*Why did you leave?*"
_BOLD_PARAGRAPH = re.compile(r"(\*\*|__|\*|_)(?P<body>(?![\s*_])(?:(?!\1).){1,600}?)\1", re.DOTALL)
_END_SENTENCE = re.compile(r"[.?!\"”’)\]*_]\s*$")
#: the labels, in the languages met, and who speaks after them
_ROLES: dict[str, Role] = {
    "Q": "interviewer",
    "QUESTION": "interviewer",
    "A": "interviewee",
    "ANSWER": "interviewee",
    **dict.fromkeys(["PREGUNTA", "PERGUNTA", "DOMANDA", "FRAGE"], "interviewer"),
    **dict.fromkeys(["RESPUESTA", "RESPOSTA", "RISPOSTA", "ANTWORT"], "interviewee"),
}
# their letters in other languages, counted only in pairs used throughout: "P." / "R." (pregunta, respuesta;
# pergunta, resposta), "D." / "R." (domanda, risposta), "F." / "A." (Frage, Antwort)
_OTHER_LANGUAGES: dict[str, Role] = {"P": "interviewer", "D": "interviewer", "F": "interviewer", "R": "interviewee"}
_PAIRS = (("P", "R"), ("D", "R"), ("F", "A"))
_LABEL_NAMES = sorted([n.title() if len(n) > 1 else n for n in _ROLES] + list(_OTHER_LANGUAGES), key=len, reverse=True)
_MARK = re.compile(
    r"[^\S\n]*(?P<label>(?:#{1,6}[^\S\n]+)?(?:\*\*|__|\*|_)?"
    rf"(?P<name>{'|'.join(_LABEL_NAMES)})(?:\*\*|__|\*|_)?"
    r"[^\S\n]*[:.](?:\*\*|__|\*|_)?)"
    r"(?=\s|$)"
)


def find_marks(text: str) -> list[Mark]:
    no_blank_lines = _BLANK_LINE.search(text) is None
    marks: list[Mark] = []
    pos = 0
    prev_line = ""
    prev_marked = False
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        m = _MARK.match(text, pos, line_end)
        if m:
            ok = not prev_line.strip() or no_blank_lines
            # inside a paragraph a marker still counts after a finished sentence, if it is the colon form
            # or the line above opened with a marker too (one-line Q/A pairs with no blank line between)
            if not ok and _END_SENTENCE.search(prev_line) and (":" in m.group("label") or prev_marked):
                ok = True
            if ok and m.group("name") in _OTHER_LANGUAGES and "." not in m.group("label"):
                ok = False  # "P." / "R." as papers print them; "P:" / "R:" is a research transcript's participant
            if ok:
                name = m.group("name")
                role = _ROLES.get(name.upper()) or _OTHER_LANGUAGES[name]
                marks.append(Mark(m.start("label"), m.end("label"), name, role))
        prev_line = text[pos:line_end]
        prev_marked = bool(m) and ok
        if nl < 0:
            break
        pos = nl + 1
    # whatever the language, one voice asks and one answers: "Pregunta." and the "P." that follows are both "Q"
    marks = [replace(m, speaker="Q" if m.role_hint == "interviewer" else "A") for m in _in_used_pairs(marks)]
    return _with_bold_questions(text, marks)


def _in_used_pairs(marks: list[Mark]) -> list[Mark]:
    """``marks`` less the other languages' letters unless a pair of them is used throughout (two of each):
    a paragraph opening "R. Kelly said" or "P. Smith" is no answer or question."""
    counts = {name: sum(1 for m in marks if m.speaker == name) for name in ("P", "R", "D", "F", "A")}
    used = {x for pair in _PAIRS if all(counts[n] >= 2 for n in pair) for x in pair}
    return [m for m in marks if m.speaker not in _OTHER_LANGUAGES or m.speaker in used]


def _with_bold_questions(text: str, marks: list[Mark]) -> list[Mark]:
    """``marks`` plus those of the newspaper form: each question a bold or italic paragraph ("**How many
    are still out of their homes?**", "*Why did you leave?*", "**Q: ...?**"), each answer the plain
    paragraphs below it, unmarked.

    Bold paragraphs count as questions from the first one that ends in "?" on (one before it is a
    title or a standfirst); the question's opening bold marker is its label, and its closing marker
    labels the answer, so neither turn's text carries stray asterisks.
    """
    if "*" not in text and "_" not in text and "#" not in text:
        return marks
    blocks = blank_separated(text)
    bold = [_BOLD_PARAGRAPH.fullmatch(b.text) for b in blocks]

    starts = [m.start for m in marks]  # sorted: find_marks scans the text in order

    def marked(i: int) -> Mark | None:
        k = bisect.bisect_left(starts, blocks[i].start)
        return marks[k] if k < len(marks) and marks[k].start < blocks[i].end else None

    extra: list[Mark] = []
    replaced: list[Mark] = []
    asking = False
    for i, (b, m) in enumerate(zip(blocks, bold, strict=True)):
        if is_end_line(b.text) and not any(q and q.group("body").rstrip().endswith("?") for q in bold[i + 1 :]):
            break  # "---", "END" with no question after it: what follows (a bio, "Read more") is the publisher's
        own = marked(i)
        # "### Q: How many potholes did you find?": a question as a Markdown heading, answered below
        heading = own is not None and text.startswith("#", own.start) and "\n" not in b.text
        if m is None and not heading:
            continue
        body = m.group("body").rstrip() if m else b.text
        answered = i + 1 < len(blocks) and bold[i + 1] is None and not is_end_line(blocks[i + 1].text)
        if own is None:
            assert m is not None  # an unlabelled paragraph gets here only when it is bold or italic
            asking = asking or body.endswith("?")
            if not asking or body.endswith(":") or not (body.endswith("?") or answered):
                continue
            extra.append(Mark(b.start, b.start + len(m.group(1)), "Q", "interviewer"))
        elif own.role_hint != "interviewer":
            continue
        if answered:
            answer = marked(i + 1)
            if answer is None and m is None:  # a heading has no closing marker: a label of no width
                extra.append(Mark(blocks[i + 1].start, blocks[i + 1].start, "A", "interviewee"))
                continue
            close = b.end - len(m.group(1)) if m else b.end
            if answer is None:
                extra.append(Mark(close, b.end, "A", "interviewee"))
            elif answer.role_hint == "interviewee" and answer.start == blocks[i + 1].start:
                # "**Q: ...?**" then "A: ...": the answer's label reaches back over the closing marker
                replaced.append(answer)
                extra.append(Mark(close, answer.end, answer.speaker, answer.role_hint))
    if not extra:
        return marks
    # a Q&A's answers speak in the first person; a profile's italic subheads ("*Is he lonely?*") are
    # followed by the writer's third-person narration
    unlabelled = [mk for mk in extra if mk.role_hint == "interviewer"]
    if unlabelled and not _answers_in_first_person(text, blocks, unlabelled):
        return marks
    return sorted([m for m in marks if not any(m is r for r in replaced)] + extra, key=lambda mk: mk.start)


_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|we|we're|we’re|our|us)\b")
_THIRD_PERSON = re.compile(r"\b(?:he|she|his|her|him|he's|she's|he’s|she’s)\b", re.IGNORECASE)


def _answers_in_first_person(text: str, blocks: list[Block], questions: list[Mark]) -> bool:
    """Whether what follows the questions speaks as "I" and "we" at least as often as "he" and "she"
    (a profile's narration about its subject does the opposite, at least once an answer)."""
    starts = [b.start for b in blocks]
    first = third = 0
    for n, q in enumerate(questions):
        k = bisect.bisect_right(starts, q.start)  # the question's own paragraph is k - 1
        stop = questions[n + 1].start if n + 1 < len(questions) else len(text)
        for b in blocks[k:]:
            if b.start >= stop:
                break
            first += len(_FIRST_PERSON.findall(b.text))
            third += len(_THIRD_PERSON.findall(b.text))
    return first >= third or third < len(questions)  # narration says "he" or "she" about once an answer


def _without_closing_notices(text: str, marks: list[Mark]) -> list[Mark]:
    """``marks`` less an italic or bold "question" at the end that is the publisher's notice ("*This
    interview has been edited for length and clarity.*") with only notices after it (its paragraph's
    closing emphasis is the answer mark that follows it)."""
    while True:
        last_q = max((k for k, m in enumerate(marks) if m.role_hint == "interviewer"), default=None)
        if last_q is None or len(marks) - last_q > 2:
            return marks
        end = text.find("\n\n", marks[last_q].start)
        end = len(text) if end < 0 else end
        if not is_trailer_block(text[marks[last_q].start : end]):
            return marks
        if not all(is_trailer_block(b.text) for b in blocks_in(text, end, len(text))):
            return marks
        marks = marks[:last_q]


class QAReader:
    name = "qa"

    def detect(self, text: str) -> float:
        marks = find_marks(text)
        qs = sum(1 for m in marks if m.role_hint == "interviewer")
        ans = len(marks) - qs
        if qs >= 2 and ans >= 2:
            # only bold or italic paragraphs, in a script whose turns carry names ("**Ben Archer:** ..."
            # with italic asides): the names say who speaks, so the script is the labeled layout's
            explicit = [m for m in marks if text[m.start : m.end].strip("*_# \t\n").upper().startswith(("Q", "A"))]
            if not explicit and len(labeled_marks(text)) >= 4:
                return 0.3
            return 0.9
        if qs >= 1 and ans >= 1:
            return 0.5
        return 0.0

    def read(self, text: str) -> ReadResult:
        marks = _without_closing_notices(text, find_marks(text))
        body_end = len(text)
        if marks:
            body_end = trailer_start(text, marks[-1].end, len(text), is_trailer_block)
            if not text[marks[-1].end : body_end].strip():
                body_end = len(text)
        notes = merge_notes(
            find_notes(_NOTE_PAREN, text, 0, body_end, "stage_direction"),
            find_notes(_NOTE_BRACKET, text, 0, body_end, "stage_direction"),
        )
        return assemble(text, self.name, marks, body_end=body_end, notes=notes)
