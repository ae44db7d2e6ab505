"""What every reader produces, and the contract a reader keeps.

A reader knows one published layout.  It finds turn boundaries and speaker
labels, and sets aside what is not interview (headers, trailers, stage
directions).  It does not decide roles or questions: that is the structure
stage's job, so that every layout gets the same, tested logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from onrecord.document import Role


@dataclass
class RawTurn:
    """A turn as the layout shows it: offsets into the text the reader was given."""

    start: int
    end: int
    speaker: str | None = None
    label_start: int | None = None
    label_end: int | None = None
    role_hint: Role | None = None
    # For anonymous layouts (dash turns): which of the unnamed voices speaks.
    voice: int | None = None
    time_start: float | None = None
    time_end: float | None = None


@dataclass
class ReadResult:
    """A reader's output.  ``text`` differs from the input only for formats whose
    markup is not prose (HTML, subtitles); then the reader says so in ``source_format``."""

    text: str
    layout: str
    turns: list[RawTurn] = field(default_factory=list)
    boilerplate: list[tuple[int, int, str]] = field(default_factory=list)
    notes: list[tuple[int, int, str]] = field(default_factory=list)
    unattributed: list[tuple[int, int]] = field(default_factory=list)
    header: tuple[int, int] | None = None
    source_format: str = "text"
    metadata: dict[str, str] = field(default_factory=dict)


class Reader(Protocol):
    name: str

    def detect(self, text: str) -> float:
        """How sure (0..1) this reader is that ``text`` is in its layout."""
        ...

    def read(self, text: str) -> ReadResult: ...
