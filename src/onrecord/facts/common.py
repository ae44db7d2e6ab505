"""Helpers the fact stages share: who speaks a turn, which entity a span mentions."""

from __future__ import annotations

import bisect

from onrecord.document import Entity, Interview, Turn


def speaker_name(doc: Interview, turn: Turn) -> str | None:
    """The turn's speaker: its label, else the participant with its role, else the role itself."""
    if turn.speaker:
        return turn.speaker
    for p in doc.metadata.participants:
        if p.role == turn.role and p.name:
            return p.name
    return turn.role


class EntityIndex:
    """Which entity each mention span belongs to (built from ``Interview.entities``)."""

    def __init__(self, entities: list[Entity]) -> None:
        spans: list[tuple[int, int, str]] = []
        self.by_id: dict[str, Entity] = {}
        for e in entities:
            self.by_id[e.id] = e
            for m in e.mentions:
                spans.append((m.start, m.end, e.id))
        spans.sort()
        self._spans = spans
        self._starts = [s for s, _, _ in spans]

    def covering(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Mentions that overlap ``[start, end)``, in text order."""
        i = bisect.bisect_left(self._starts, start - 200)
        out: list[tuple[int, int, str]] = []
        while i < len(self._spans) and self._spans[i][0] < end:
            s, e, eid = self._spans[i]
            if e > start:
                out.append((s, e, eid))
            i += 1
        return out

    def at(self, start: int, end: int, prefer: tuple[str, ...] = ()) -> str | None:
        """The entity best matching a span: the longest overlapping mention, preferred types first."""
        hits = self.covering(start, end)
        if not hits:
            return None

        def rank(h: tuple[int, int, str]) -> tuple[int, int]:
            ent = self.by_id[h[2]]
            return (0 if ent.type in prefer else 1, -(min(h[1], end) - max(h[0], start)))

        return min(hits, key=rank)[2]

    def name(self, eid: str | None) -> str | None:
        return self.by_id[eid].name if eid and eid in self.by_id else None
