"""A video platform's transcript pasted as text: a time code on its own line above each caption line.

"Show transcript" on a video site gives "0:02" / "today i'm sitting down with doctor" / "0:04" / ...:
automatic captions, with no speaker names and often no punctuation.  The time codes are markup, like a
subtitle file's timings: read as prose they would become numbers among the claims ("0:20").  So the
reader rebuilds the text from the caption lines alone, keeps the first and last time code as the
turn's ``time_start`` and ``time_end``, and marks "[Music]" and "[Applause]" as notes.  With no labels
and no question marks to go on, the captions are one stretch of speech by an unknown speaker, as the
plain reader does for unmarked prose: inventing turns would be guessing.
"""

from __future__ import annotations

import re

from onrecord.readers.assemble import find_notes
from onrecord.readers.base import RawTurn, ReadResult
from onrecord.readers.common import clock_seconds
from onrecord.readers.labeled import _NOTE_BRACKET

_STAMP = re.compile(r"[ \t]*(?P<clock>(?:\d{1,2}:)?\d{1,2}:\d{2})[ \t]*")
_MIN_STAMPS = 8
_SPEAKER_MARK = re.compile(r">>|-\s|[A-Z][\w .'’-]{0,40}:\s")


def _stamped_lines(text: str) -> tuple[list[tuple[float, str]], int]:
    """(seconds, caption line) pairs, and how many non-blank lines did not fit the pattern."""
    pairs: list[tuple[float, str]] = []
    clock: float | None = None
    stray = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = _STAMP.fullmatch(line)
        if m:
            if clock is not None:
                stray += 1  # two time codes in a row
            clock = clock_seconds(m.group("clock"))
        elif clock is not None:
            pairs.append((clock, line.strip()))
            clock = None
        elif pairs:
            pairs.append((pairs[-1][0], line.strip()))  # a caption wrapped over two lines
        else:
            stray += 1
    return pairs, stray


class TimestampedReader:
    name = "timestamped"

    def detect(self, text: str) -> float:
        pairs, stray = _stamped_lines(text)
        if len(pairs) < _MIN_STAMPS or stray > 0.1 * len(pairs):
            return 0.0
        # captions that name their speakers ("HOST: ...") or mark a change of speaker (">> ...") are a
        # script with time codes: the readers that know speakers do better with them
        marked = sum(1 for _, line in pairs if _SPEAKER_MARK.match(line))
        return 0.0 if marked > 0.2 * len(pairs) else 0.9

    def read(self, text: str) -> ReadResult:
        pairs, _ = _stamped_lines(text)
        rebuilt = "\n".join(line for _, line in pairs)
        result = ReadResult(text=rebuilt, layout=self.name, source_format="timestamped captions")
        if pairs:
            times = [t for t, _ in pairs]
            result.turns = [RawTurn(0, len(rebuilt), time_start=min(times), time_end=max(times))]
            result.notes = find_notes(_NOTE_BRACKET, rebuilt, 0, len(rebuilt), "stage_direction")
        return result
