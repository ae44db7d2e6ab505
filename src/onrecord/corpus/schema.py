"""The corpus tables (SQLAlchemy Core).  Alembic migrations in ``migrations/``
create them; this module is the one description the code queries against.

``search_docs`` is a denormalised row per searchable text (a turn, a question,
an answer, a claim) carrying every filter column, so a search is one indexed
full-text lookup joined to one table.  SQLite indexes it with the FTS5 table
``search_fts`` (rowid = ``search_docs.id``); PostgreSQL with a generated
``tsv`` column and a GIN index.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

SCHEMA_HEAD = "0003"
"""Alembic revision the code expects; ``store.open_engine`` upgrades to it."""

metadata = MetaData()

interviews = Table(
    "interviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text),
    Column("title", Text),
    Column("date", String(32)),
    Column("outlet", Text),
    Column("program", Text),
    Column("layout", String(64)),
    Column("analyzers", Text, nullable=False),
    Column("n_turns", Integer, nullable=False),
    Column("n_exchanges", Integer, nullable=False),
    Column("n_claims", Integer, nullable=False),
    Column("ingested_at", String(32), nullable=False),
    Column("document", Text, nullable=False),
)

speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("key", String(200), nullable=False, index=True),
    Column("first", String(200)),
    Column("middle", String(200)),
)

speaker_aliases = Table(
    "speaker_aliases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False),
    Column("alias", String(300), nullable=False, index=True),
    UniqueConstraint("speaker_id", "alias"),
)

appearances = Table(
    "appearances",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", Text),
    Column("role", String(32)),
)

turns = Table(
    "turns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("turn_id", String(64), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("speaker_id", Integer, ForeignKey("speakers.id"), index=True),
    Column("speaker_name", Text),
    Column("role", String(32), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

exchanges = Table(
    "exchanges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("exchange_id", String(64), nullable=False),
    Column("question_turn", String(64), nullable=False),
    Column("question_text", Text, nullable=False),
    Column("question_kind", String(32)),
    Column("asker_id", Integer, ForeignKey("speakers.id"), index=True),
    Column("asked_by", String(32)),
    Column("answer_turn", String(64)),
    Column("answer_text", Text),
    Column("answerer_id", Integer, ForeignKey("speakers.id"), index=True),
    Column("follow_up_of", String(64)),
    Column("pushback", Boolean, nullable=False),
    Column("clarity", String(64)),
    Column("clarity_confidence", Float),
    Column("evasion", String(64)),
    Column("evasion_confidence", Float),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("claim_id", String(64), nullable=False),
    Column("turn_id", String(64), nullable=False),
    Column("speaker_id", Integer, ForeignKey("speakers.id"), index=True),
    Column("speaker_name", Text),
    Column("holder", Text),
    Column("text", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("type", String(64)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("embedding", LargeBinary),
)

stances = Table(
    "stances",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("text", Text, nullable=False),
    Column("target", Text),
    Column("speaker_id", Integer, ForeignKey("speakers.id"), index=True),
    Column("speaker_name", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

search_docs = Table(
    "search_docs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("ref", String(64), nullable=False),
    Column("speaker_id", Integer, ForeignKey("speakers.id")),
    Column("speaker_name", Text),
    Column("role", String(32)),
    Column("date", String(32)),
    Column("outlet", Text),
    Column("clarity", String(64)),
    Column("evasion", String(64)),
    Column("claim_type", String(64)),
    Column("text", Text, nullable=False),
    # a turn whose text is also stored as a question or an answer: left out unless turns are asked for
    Column("shadowed", Boolean, nullable=False, server_default=false()),
)

Index("ix_search_docs_speaker_kind", search_docs.c.speaker_id, search_docs.c.kind)
Index("ix_search_docs_date", search_docs.c.date)

NORMALISED_TABLES: tuple[Table, ...] = (turns, exchanges, claims, stances, appearances, search_docs)
"""Per-interview child tables, deleted before an interview is re-stored."""
