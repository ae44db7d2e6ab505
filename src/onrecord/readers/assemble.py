"""Turning speaker marks into a :class:`ReadResult` that accounts for every character.

The labelled layouts (NAME: scripts, Public Papers, White House briefings,
Q:/A: magazines) differ only in what a speaker mark looks like and what
surrounds the interview.  Each reader finds its marks; this module does the
bookkeeping they share, so that the coverage invariant (every visible
character in exactly one turn, label, boilerplate or unattributed span) is
kept in one place instead of seven.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from onrecord.document import Role
from onrecord.readers.base import RawTurn, ReadResult
from onrecord.readers.common import Block, is_after_word, is_end_line, is_rule, is_trailer_heading

# Blank = only characters str.isspace() agrees are space, so trimming never hides text.
_BLANK = re.compile(r"\n[^\S\n]*(?:\n|$)")
_LINE = re.compile(r"\n")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace as ``str.isspace`` defines it (what the invariant checks)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True)
class Mark:
    """Where a speaker label sits: ``[start, end)`` covers the label and its colon or period."""

    start: int
    end: int
    speaker: str | None
    role_hint: Role | None = None
    voice: int | None = None
    #: seconds into the recording, from a time code next to the label ("[00:01:02] HOST:")
    time: float | None = None


def blocks_in(text: str, start: int, end: int, *, by_line: bool = False) -> list[Block]:
    """Paragraphs (or lines) of ``text[start:end]`` with absolute, trimmed offsets."""
    pattern = _LINE if by_line else _BLANK
    out: list[Block] = []
    pos = start
    for m in pattern.finditer(text, start, end):
        s, e = trim(text, pos, m.start())
        if e > s:
            out.append(Block(s, e, text[s:e]))
        pos = m.end()
    s, e = trim(text, pos, end)
    if e > s:
        out.append(Block(s, e, text[s:e]))
    return out


def trailer_start(text: str, after: int, end: int, is_trailer: Callable[[str], bool], *, by_line: bool = False) -> int:
    """Where the run of trailer paragraphs at the end of ``text[after:end]`` begins (``end`` if none).

    Only a run that reaches the end counts: a "Thank you." in the middle of the
    last answer is speech, the same words after "END" are not there to count.
    """
    cut = end
    blocks = blocks_in(text, after, end, by_line=by_line)
    for block in reversed(blocks):
        if not is_trailer(block.text):
            break
        cut = block.start
    # "END" or "###" closes the transcript: what follows is the publisher's; so does a rule ("---")
    # with only a few notices, an italic bio or links after it (anything else is speech after a break)
    for k, block in enumerate(blocks):
        if block.start >= cut:
            break
        rest = blocks[k + 1 :]
        if k and is_trailer_heading(block.text):  # "Related news" and the headlines under it
            cut = block.start
            break
        if is_end_line(block.text) and (
            not is_rule(block.text) or (len(rest) <= _AFTER_RULE and all(is_after_word(b.text) for b in rest))
        ):
            cut = block.start
            break
    if blocks and cut <= blocks[0].start and not is_end_line(blocks[0].text):
        # the last turn is never all trailer: its first paragraph ("Thanks for watching") was said
        cut = blocks[1].start if len(blocks) > 1 else end
    return cut


#: paragraphs a closing rule may have after it: a bio, a "Read more" line, a copyright
_AFTER_RULE = 3


def assemble(
    text: str,
    layout: str,
    marks: Sequence[Mark],
    *,
    body_start: int = 0,
    body_end: int | None = None,
    breaks: Sequence[tuple[int, int, str]] = (),
    notes: Sequence[tuple[int, int, str]] = (),
    by_line: bool = False,
) -> ReadResult:
    """Build the result from marks sorted by position.

    ``[0, body_start)`` must already be accounted for by the caller (front
    matter); ``[body_end, len)`` becomes trailer.  ``breaks`` are spans, each with the kind of note
    it is (a topic subhead, narration, a page heading), that end the turn they fall in; they and any
    unmarked text after them up to the next mark are unattributed, since no label says who spoke it.
    """
    end_all = len(text) if body_end is None else body_end
    result = ReadResult(text=text, layout=layout)
    ordered: list[Mark] = []
    for m in sorted((m for m in marks if body_start <= m.start and m.end <= end_all), key=lambda m: m.start):
        if not ordered or m.start >= ordered[-1].end:  # overlapping labels: the first one wins
            ordered.append(m)
    marks = ordered
    first = marks[0].start if marks else end_all
    head = blocks_in(text, body_start, first, by_line=by_line)
    if marks and head:
        result.header = (head[0].start, head[-1].end)
        result.boilerplate.extend((b.start, b.end, "header") for b in head)
    elif head:
        result.unattributed.extend((b.start, b.end) for b in head)
    for b in blocks_in(text, end_all, len(text), by_line=by_line):
        result.boilerplate.append((b.start, b.end, "trailer"))

    pending = sorted(b for b in breaks if first <= b[0] and b[1] <= end_all)
    bi = 0
    for i, mark in enumerate(marks):
        region_end = marks[i + 1].start if i + 1 < len(marks) else end_all
        while bi < len(pending) and pending[bi][0] < mark.end:
            bi += 1  # a break overlapping a label is not a break
        cut = region_end
        mine: list[tuple[int, int, str]] = []
        while bi < len(pending) and pending[bi][1] <= region_end:
            mine.append(pending[bi])
            bi += 1
        if mine:
            cut = mine[0][0]
        s, e = trim(text, mark.end, cut)
        if e <= s:
            s = e = mark.end
        result.turns.append(
            RawTurn(
                s,
                e,
                speaker=mark.speaker,
                label_start=mark.start,
                label_end=mark.end,
                role_hint=mark.role_hint,
                voice=mark.voice,
                time_start=mark.time,
            )
        )
        pos = cut
        for bs, be, kind in mine:
            for blk in blocks_in(text, pos, bs):
                result.unattributed.append((blk.start, blk.end))
            ts, te = trim(text, bs, be)
            if te > ts:
                result.unattributed.append((ts, te))
                result.notes.append((ts, te, kind))
            pos = max(pos, be)
        if mine:
            for blk in blocks_in(text, pos, region_end):
                result.unattributed.append((blk.start, blk.end))
    result.notes.extend(n for n in notes if first <= n[0] and n[1] <= end_all)
    result.notes.sort()
    return result


def merge_notes(*groups: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Notes from several patterns, without the ones another pattern already covers."""
    out: list[tuple[int, int, str]] = []
    for note in sorted((n for g in groups for n in g), key=lambda n: (n[0], -n[1])):
        if out and note[0] < out[-1][1]:
            continue
        out.append(note)
    return out


def find_notes(pattern: re.Pattern[str], text: str, start: int, end: int, kind: str) -> list[tuple[int, int, str]]:
    """Matches of ``pattern``; a Markdown escape right before one ("\\[inaudible\\]") belongs to it."""
    out: list[tuple[int, int, str]] = []
    for m in pattern.finditer(text, start, end):
        s = m.start()
        if s > start and text[s - 1] == "\\":
            s -= 1
        out.append((s, m.end(), kind))
    return out
