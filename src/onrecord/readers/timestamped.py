"""A video platform's transcript pasted as text: a time code on its own line above each caption line.

"Show transcript" on a video site gives "0:02" / "today i'm sitting down with doctor" / "0:04" / ...:
automatic captions, with no speaker names and often no punctuation.  The time codes are markup, like a
subtitle file's timings: read as prose they would become numbers among the claims ("0:20").  So the
reader rebuilds the text from the caption lines alone, keeps the first and last time code as the
turn's ``time_start`` and ``time_end``, and marks "[Music]" and "[Applause]" as notes.  With no labels
and no question marks to go on, the captions are one stretch of speech by an unknown speaker, as the
plain reader does for unmarked prose: inventing turns would be guessing.  Captions that mark each change
of speaker with ">>" get a turn per change, the two voices taking turns, as in a dash transcript.
"""

from __future__ import annotations

import re

from onrecord.readers.assemble import find_notes, trim
from onrecord.readers.base import RawTurn, ReadResult
from onrecord.readers.common import clock_seconds
from onrecord.readers.labeled import _NOTE_BRACKET

_STAMP = re.compile(r"[ \t]*(?P<clock>(?:\d{1,2}:)?\d{1,2}:\d{2})[ \t]*")
_MIN_STAMPS = 8
_SPEAKER_LABEL = re.compile(r"-\s|[A-Z][\w .'’-]{0,40}:\s")
# captions mark a change of speaker with ">>" (no names): each such line opens the other voice's turn
_CHANGE = re.compile(r">>[ \t]*")


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
        # captions that name their speakers ("HOST: ...") are a script with time codes: the labelled reader
        # does better with them
        named = sum(1 for _, line in pairs if _SPEAKER_LABEL.match(line))
        return 0.0 if named > 0.2 * len(pairs) else 0.9

    def read(self, text: str) -> ReadResult:
        pairs, _ = _stamped_lines(text)
        rebuilt = "\n".join(line for _, line in pairs)
        result = ReadResult(text=rebuilt, layout=self.name, source_format="timestamped captions")
        if not pairs:
            return result
        result.notes = find_notes(_NOTE_BRACKET, rebuilt, 0, len(rebuilt), "stage_direction")
        starts: list[int] = []
        pos = 0
        for _, line in pairs:
            starts.append(pos)
            pos += len(line) + 1
        changes = [i for i, (_, line) in enumerate(pairs) if _CHANGE.match(line)]
        if len(changes) < 2:
            times = [t for t, _ in pairs]
            result.turns = [RawTurn(0, len(rebuilt), time_start=min(times), time_end=max(times))]
            return result
        if changes[0] > 0:  # captions before the first ">>": nobody is said to speak them
            result.unattributed.append((0, starts[changes[0]] - 1))
        for k, i in enumerate(changes):
            last = (changes[k + 1] if k + 1 < len(changes) else len(pairs)) - 1
            marker = _CHANGE.match(pairs[i][1])
            assert marker is not None
            label_end = starts[i] + marker.end()
            start, end = trim(rebuilt, label_end, starts[last] + len(pairs[last][1]))
            times = [t for t, _ in pairs[i : last + 1]]
            if end > start:
                result.turns.append(
                    RawTurn(
                        start,
                        end,
                        label_start=starts[i],
                        label_end=label_end,
                        voice=k % 2,
                        time_start=min(times),
                        time_end=max(times),
                    )
                )
            else:  # a ">>" with nothing after it: the marker alone is unattributed
                result.unattributed.append((starts[i], label_end))
        return result
