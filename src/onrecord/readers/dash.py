"""Dash layout: each speaker change opens a paragraph with '-', '–' or '—'.

Nobody is named: the reader only knows that a dash means "the other voice".
Real pages drop dashes, so a dash-less paragraph inside the interview is read
by what it is: a question after an answer, or a reply after a question, starts
a turn; anything else continues the current one.  Which voice is the
interviewer is decided later, from content (see ``structure.roles``).
"""

from __future__ import annotations

import re

from onrecord.readers.base import RawTurn, ReadResult
from onrecord.readers.common import (
    Block,
    blank_separated,
    is_trailer_block,
    is_trailer_heading,
    line_per_paragraph,
    lines,
    trim,
    word_count,
)

_DASH = re.compile(r"^[ \t]*([-\u2013\u2014\u2012\u2015])[ \t]*(?=\S)")
# the most an undashed first question may hold (characters)
_FIRST_QUESTION = 600
_INTERROG = re.compile(
    r"^(who|whom|whose|what|when|where|why|how|which|is|are|was|were|do|does|did|can|could|will|would|"
    r"shall|should|have|has|had|may|might|must|if you|and (what|how|why|do|does|is|are)|but (what|how|why))\b",
    re.IGNORECASE,
)


def _ends_question(text: str) -> bool:
    return text.rstrip(" \"'\u201d\u2019)").endswith("?")


def _looks_like_question(text: str) -> bool:
    if not _ends_question(text):
        return False
    return word_count(text) <= 60 or bool(_INTERROG.match(text))


def _units(text: str) -> list[Block]:
    """Paragraphs, except that a paragraph whose lines open with dashes is one
    turn per line: short exchanges are often pasted without blank lines."""
    out: list[Block] = []
    grouped = False
    for b in blank_separated(text):
        rows = lines(text[b.start : b.end])
        if len(rows) < 2 or sum(1 for r in rows if _DASH.match(r.text)) < 2:
            out.append(b)
            continue
        grouped = True
        # a dashed line opens a unit; an undashed line is a wrapped continuation
        groups: list[list[Block]] = []
        for r in rows:
            if _DASH.match(r.text) or not groups:
                groups.append([r])
            else:
                groups[-1].append(r)
        for g in groups:
            start, end = b.start + g[0].start, b.start + g[-1].end
            out.append(Block(start, end, text[start:end]))
    return out if grouped or not line_per_paragraph(out, text) else lines(text)


class DashReader:
    name = "dash"

    def detect(self, text: str) -> float:
        blocks = _units(text)
        if not blocks:
            return 0.0
        dashed = sum(1 for b in blocks if _DASH.match(b.text))
        # three dashed paragraphs make a layout; two will do when nothing else is there
        if dashed < 3 and not (dashed == 2 and len(blocks) == 2):
            return 0.0
        return min(1.0, 0.3 + dashed / len(blocks))

    def read(self, text: str) -> ReadResult:
        blocks = _units(text)
        result = ReadResult(text=text, layout=self.name)
        dashed = [i for i, b in enumerate(blocks) if _DASH.match(b.text)]
        if not dashed:
            result.unattributed = [(b.start, b.end) for b in blocks]
            return result
        first = dashed[0]
        # the first question often has no dash ("Mr. President, ... Is it?" then "– It is not dead."): a
        # question right above the first dashed answer opens the interview, not the site's header
        opens = first > 1 and _ends_question(blocks[first - 1].text) and len(blocks[first - 1].text) <= _FIRST_QUESTION
        if opens:
            first -= 1
        end_idx = len(blocks)
        # "Related news" after the last turn, and the headlines under it, are the site's
        heading = next((k for k in range(dashed[-1] + 1, end_idx) if is_trailer_heading(blocks[k].text)), None)
        end_idx = heading if heading is not None else end_idx
        while end_idx > first + 1 and is_trailer_block(blocks[end_idx - 1].text):
            end_idx -= 1
        if first:
            hs, he = blocks[0].start, blocks[first - 1].end
            result.header = (hs, he)
            for b in blocks[:first]:
                result.boilerplate.append((b.start, b.end, "header"))
        for b in blocks[end_idx:]:
            result.boilerplate.append((b.start, b.end, "trailer"))

        voice = -1
        current: RawTurn | None = None
        if opens:
            voice = 0
            b = blocks[first]
            current = RawTurn(b.start, b.end, voice=voice)
            result.turns.append(current)
        for b in blocks[first + (1 if opens else 0) : end_idx]:
            m = _DASH.match(b.text)
            if m:
                voice = 1 - voice if voice >= 0 else 0
                start, end = trim(text, b.start + m.end(), b.end)
                current = RawTurn(
                    start, end, label_start=b.start + m.start(1), label_end=b.start + m.end(1), voice=voice
                )
                result.turns.append(current)
                continue
            assert current is not None  # the first block in range is dashed, or the undashed first question
            prev_text = text[current.start : current.end]
            new_turn = (_ends_question(prev_text) and not _ends_question(b.text)) or (
                _looks_like_question(b.text) and not _ends_question(prev_text)
            )
            if new_turn:
                voice = 1 - voice
                current = RawTurn(b.start, b.end, voice=voice)
                result.turns.append(current)
            else:
                current.end = b.end
        return result
