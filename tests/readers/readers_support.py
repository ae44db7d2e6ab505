"""Checks every reader test shares: the coverage invariant and where the fixtures live."""

from __future__ import annotations

from pathlib import Path

from onrecord.readers.base import ReadResult

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "layouts"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "transcripts"
DEBATES = SHARED / "claimbuster_debates"
WHITEHOUSE = SHARED / "whitehouse"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def check_invariant(result: ReadResult) -> None:
    """Every visible character of ``result.text`` lies in exactly one turn, label, boilerplate or unattributed span."""
    text = result.text
    n = len(text)
    owner = [0] * n
    spans: list[tuple[int, int, str]] = []
    for t in result.turns:
        assert 0 <= t.start <= t.end <= n, (t.start, t.end, n)
        spans.append((t.start, t.end, "turn"))
        if t.label_start is not None or t.label_end is not None:
            assert t.label_start is not None and t.label_end is not None
            assert 0 <= t.label_start <= t.label_end <= n
            assert t.label_end <= t.start or t.end <= t.label_start, "label overlaps its turn"
            spans.append((t.label_start, t.label_end, "label"))
        if t.time_start is not None and t.time_end is not None:
            assert t.time_start <= t.time_end
    for s, e, kind in result.boilerplate:
        assert 0 <= s <= e <= n
        assert kind in {"header", "trailer", "navigation", "front_matter"}, kind
        spans.append((s, e, "boilerplate"))
    for s, e in result.unattributed:
        assert 0 <= s <= e <= n
        spans.append((s, e, "unattributed"))
    for s, e, _kind in result.notes:
        assert 0 <= s <= e <= n
    if result.header is not None:
        assert 0 <= result.header[0] <= result.header[1] <= n
    for s, e, _ in spans:
        for i in range(s, e):
            owner[i] += 1
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        assert owner[i] == 1, f"char {i} {ch!r} covered {owner[i]} times near {text[max(0, i - 30) : i + 30]!r}"
    for t in result.turns:
        if t.end > t.start:
            assert not text[t.start].isspace() and not text[t.end - 1].isspace()
