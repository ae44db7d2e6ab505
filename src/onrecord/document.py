"""The one document model every stage reads and extends.

An :class:`Interview` owns the text it was read from; every other object is a
span (``start``/``end`` character offsets into ``Interview.text``) plus what a
stage concluded about it.  Keeping offsets instead of copies is what lets any
label be shown highlighted in the original and lets the JSON round-trip.

The field names of ``metadata``, ``turns``, ``exchanges``, ``boilerplate`` and
``unattributed`` are a public contract (see README): add fields, never rename.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Role = Literal["interviewer", "interviewee", "moderator", "audience", "other"]
QUESTION_ROLES: frozenset[str] = frozenset({"interviewer", "moderator", "audience"})


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """A stretch of ``Interview.text``; ``text`` is a copy kept for readers of the JSON."""

    start: int
    end: int
    text: str


class LabeledSpan(Span):
    """A span with the reason it was set aside (header, trailer, navigation, note...)."""

    kind: str


class Participant(_Model):
    name: str | None
    role: Role
    aliases: list[str] = Field(default_factory=list)
    description: str | None = None


class Metadata(_Model):
    title: str | None = None
    date: str | None = None
    date_text: str | None = None
    outlet: str | None = None
    program: str | None = None
    participants: list[Participant] = Field(default_factory=list)
    source: str | None = None
    encoding: str | None = None
    """How the input bytes were decoded ("utf-8", "utf-16", "cp1252"...); null for text given as text."""
    encoding_guessed: bool = False
    """True when no byte-order mark or valid UTF-8 said so and the code page was inferred from the
    bytes: accented letters may then be wrong, and the original file is worth checking."""


class Turn(_Model):
    """One speaker's uninterrupted stretch of speech.

    ``start``/``end`` cover the words spoken, never the speaker label, which is
    kept in ``label`` so that no character of the input goes unaccounted for.
    """

    id: str
    speaker: str | None
    role: Role
    text: str
    start: int
    end: int
    label: Span | None = None
    time_start: float | None = None
    time_end: float | None = None
    interrupted: bool = False


class QuestionRef(_Model):
    text: str
    turn: str
    start: int
    end: int
    kind: str = "question"


class AnswerRef(_Model):
    text: str
    turn: str
    start: int
    end: int


class Evidence(Span):
    """Words that support a label, and why they do."""

    reason: str


class Label(_Model):
    label: str
    confidence: float
    evidence: list[Evidence] = Field(default_factory=list)


class Exchange(_Model):
    id: str
    question: QuestionRef
    answer: AnswerRef | None
    follow_up_of: str | None = None
    pushback: bool = False
    pushback_evidence: Span | None = None
    asked_by: Role = "interviewer"
    clarity: Label | None = None
    evasion: Label | None = None


class Claim(_Model):
    id: str
    turn: str
    start: int
    end: int
    text: str
    score: float
    type: str
    speaker: str | None
    holder: str | None


class NumberMention(_Model):
    start: int
    end: int
    text: str
    value: float | None
    unit: str | None
    counts: str | None
    qualifier: str | None
    # ISO 8601 / EDTF form of dates and durations ("XXXX-09-27", "199X", "P28Y"); added by the numbers stage
    normalized: str | None = None


class Stance(_Model):
    kind: Literal["denial", "confirmation", "accusation"]
    span: Span
    target: str | None
    speaker: str | None
    # which rule fired (see docs/facts.md), so that every stance can be explained
    rule: str | None = None


class Attribution(_Model):
    """Reported speech: ``holder`` said ``content``; ``speaker`` is who relays it."""

    start: int
    end: int
    text: str
    holder: str | None
    holder_entity: str | None = None
    cue: str | None = None
    content: Span
    speaker: str | None = None
    turn: str | None = None
    # "A1", "A2"...: lets a stance target a relayed claim when no claim covers it
    id: str | None = None


class Entity(_Model):
    id: str
    name: str
    type: str
    mentions: list[Span] = Field(default_factory=list)


class Interview(_Model):
    """The whole record of one interview, as emitted by ``onrecord analyze --format json``."""

    schema_version: str = SCHEMA_VERSION
    text: str
    layout: str
    source_format: str = "text"
    metadata: Metadata = Field(default_factory=Metadata)
    turns: list[Turn] = Field(default_factory=list)
    exchanges: list[Exchange] = Field(default_factory=list)
    boilerplate: list[LabeledSpan] = Field(default_factory=list)
    unattributed: list[Span] = Field(default_factory=list)
    notes: list[LabeledSpan] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    numbers: list[NumberMention] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    analyzers: dict[str, str] = Field(default_factory=dict)

    def span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end, text=self.text[start:end])

    def turn(self, turn_id: str) -> Turn:
        for turn in self.turns:
            if turn.id == turn_id:
                return turn
        raise KeyError(turn_id)

    def repeated_turns(self, answers: bool = True) -> set[str]:
        """Ids of the turns whose whole text is an exchange's question (or, with ``answers``, its answer):
        a search lists such a passage once, as the exchange's part, which carries the labels."""
        parts = [(x.question.turn, x.question.text) for x in self.exchanges]
        if answers:
            parts += [(x.answer.turn, x.answer.text) for x in self.exchanges if x.answer is not None]
        texts = set(parts)
        return {t.id for t in self.turns if (t.id, t.text) in texts}


def json_schema() -> dict[str, object]:
    """JSON Schema of the document, for consumers that validate what they read."""
    schema = Interview.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "onrecord interview document"
    return schema
