"""An interview done by email: the journalist's questions quoted ("> ") in the interviewee's reply.

Print journalists often send written questions; what they publish or archive is the reply, headed
"From:", "To:", "Date:", "Subject:", with each question quoted and answered below it.  The quote
markers are the layout's labels: a quoted paragraph is the journalist's, an unquoted one the
interviewee's.  The reader takes the markers off the text (like a subtitle's timings), and the
headers say who is who: "From:" wrote the reply, the "On ..., NAME wrote:" line (else "To:")
names who asked.  The greeting before the first question is header; the sign-off after the last
answer ("Best,\\nIngrid Salo\\nDirector, Salo Architects") is trailer.

The headers are read with the standard library's e-mail parser, which knows their syntax
(display names, encoded words, folded lines).
"""

from __future__ import annotations

import re
from email import policy
from email.headerregistry import Address
from email.parser import Parser

from onrecord.readers.assemble import Mark, assemble
from onrecord.readers.base import ReadResult
from onrecord.readers.labeled import find_marks as labeled_marks
from onrecord.structure.metadata import normalise_date

_HEADER = re.compile(r"(?P<name>From|To|Cc|Date|Subject|Sent)[ \t]*:[ \t]*\S", re.IGNORECASE)
_QUOTE = re.compile(r"[ \t]*>[ \t>]*")
# "On Mon, 8 Apr 2024 at 09:15, Marcus Dell <mdell@example.org> wrote:"; Outlook's "-----Original Message-----"
_ATTRIBUTION = re.compile(
    r"^On\b.{0,120}?,[ \t]*(?P<who>[^,<>\n]+?)[ \t]*(?:<[^>\n]*>)?[ \t]*wrote:[ \t]*$", re.DOTALL | re.MULTILINE
)
_VALEDICTION = re.compile(
    r"(?:best|best wishes|best regards|kind regards|warm regards|regards|many thanks|thanks|thank you|cheers|"
    r"sincerely|yours|all the best|with thanks)[ \t]*[,.!]?[ \t]*|--[ \t]*",
    re.IGNORECASE,
)
_SIGN_OFF_LINES = 6
_LABELS_IN_A_SCRIPT = 4
_HEADER_LINES = 12


def _header_end(lines: list[str]) -> int:
    """How many opening lines are e-mail headers (0 when the text does not open with them)."""
    n = 0
    while n < min(len(lines), _HEADER_LINES) and (
        _HEADER.match(lines[n]) or (n and lines[n][:1] in " \t" and lines[n].strip())
    ):
        n += 1
    names = {m.group("name").lower() for ln in lines[:n] if (m := _HEADER.match(ln))}
    return n if "from" in names and len(names) >= 2 else 0


def _display_name(value: object) -> str | None:
    addresses: tuple[Address, ...] = getattr(value, "addresses", ())
    for a in addresses:
        if a.display_name:
            return a.display_name
    return None


class EmailReader:
    name = "email"

    def detect(self, text: str) -> float:
        lines = text.split("\n")
        if not _header_end(lines):
            return 0.0
        runs = _runs(lines)
        quoted = sum(1 for _, q in runs if q)
        if quoted < 2 or len(runs) - quoted < 2:
            return 0.0
        # a transcript sent by e-mail ("HOST: ...", "MAYOR CALDER: ...", with listeners' letters quoted) is
        # read by its labels: its quoted lines are not the sender's questions
        return 0.0 if len(labeled_marks(text)) >= _LABELS_IN_A_SCRIPT else 0.95

    def read(self, text: str) -> ReadResult:
        lines = text.split("\n")
        head = _header_end(lines)
        headers = Parser(policy=policy.default).parsestr("\n".join(lines[:head]) + "\n\n", headersonly=True)
        sender, recipient = _display_name(headers.get("From")), _display_name(headers.get("To"))
        runs = _runs(lines)
        first_quote = next((i for i, q in runs if q and i >= head), None)
        # the line that introduces the quoted questions, before the first of them
        attribution = _ATTRIBUTION.search("\n".join(lines[head : first_quote if first_quote is not None else head]))
        # the quoted questions' author, as the reply's attribution line names them; the interviewee is the
        # other party (an archived copy may be the journalist's, "From:" them and "To:" the interviewee)
        asker = attribution.group("who").strip() if attribution else recipient
        replier = recipient if asker and sender and asker.lower() == sender.lower() else sender

        # the text without quote markers, line for line; each run of quoted (or unquoted) lines after the
        # headers is one turn
        out: list[str] = []
        starts: list[int] = []
        pos = 0
        for i, line in enumerate(lines):
            marker = _QUOTE.match(line) if i >= head else None
            kept = line[marker.end() :] if marker else line
            starts.append(pos)
            out.append(kept)
            pos += len(kept) + 1
        rebuilt = "\n".join(out)
        marks: list[Mark] = []
        body_end = len(rebuilt)
        if first_quote is not None:
            for i, quoted in runs:
                if i < first_quote:
                    continue
                if quoted:
                    marks.append(Mark(starts[i], starts[i], asker or "Q", "interviewer"))
                else:
                    marks.append(Mark(starts[i], starts[i], replier or "A", "interviewee"))
            last = marks[-1].start if marks else 0
            body_end = _sign_off(rebuilt, last)
        result = assemble(rebuilt, self.name, marks, body_end=body_end)
        result.source_format = "email"
        subject = headers.get("Subject")
        if subject:
            result.metadata["title"] = re.sub(r"^(?:(?:re|fwd?|aw)\s*:\s*)+", "", str(subject), flags=re.I)
        date = headers.get("Date")
        if date and normalise_date(str(date)):
            result.metadata["date"] = str(date)
        return result


def _runs(lines: list[str]) -> list[tuple[int, bool]]:
    """(first line, quoted?) of each run of non-blank lines that are all quoted or all unquoted;
    a quoted blank line (">") belongs to the run around it."""
    runs: list[tuple[int, bool]] = []
    current: bool | None = None
    for i, line in enumerate(lines):
        marker = _QUOTE.match(line)
        quoted = marker is not None
        if not line.strip() or (marker is not None and not line[marker.end() :].strip() and current):
            continue
        if quoted != current:
            runs.append((i, quoted))
            current = quoted
    return runs


def _sign_off(text: str, after: int) -> int:
    """Where the closing "Best,\\nName" starts in the last answer (the end of the text if it has none)."""
    tail_lines = text[after:].split("\n")
    pos = after
    for k, line in enumerate(tail_lines):
        rest = [ln for ln in tail_lines[k + 1 :] if ln.strip()]
        if k and _VALEDICTION.fullmatch(line.strip()) and len(rest) <= _SIGN_OFF_LINES:
            return pos
        pos += len(line) + 1
    return len(text)
