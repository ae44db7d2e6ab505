"""Initial corpus schema: interviews, speakers, normalised tables, full-text index.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("date", sa.String(length=32), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("program", sa.Text(), nullable=True),
        sa.Column("layout", sa.String(length=64), nullable=True),
        sa.Column("analyzers", sa.Text(), nullable=False),
        sa.Column("n_turns", sa.Integer(), nullable=False),
        sa.Column("n_exchanges", sa.Integer(), nullable=False),
        sa.Column("n_claims", sa.Integer(), nullable=False),
        sa.Column("ingested_at", sa.String(length=32), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("content_hash"),
    )
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("first", sa.String(length=200), nullable=True),
        sa.Column("middle", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_speakers_key"), "speakers", ["key"], unique=False)
    op.create_table(
        "appearances",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("role", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["speaker_id"], ["speakers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_appearances_interview_id"), "appearances", ["interview_id"], unique=False)
    op.create_index(op.f("ix_appearances_speaker_id"), "appearances", ["speaker_id"], unique=False)
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=64), nullable=False),
        sa.Column("turn_id", sa.String(length=64), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("speaker_name", sa.Text(), nullable=True),
        sa.Column("holder", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_claims_interview_id"), "claims", ["interview_id"], unique=False)
    op.create_index(op.f("ix_claims_speaker_id"), "claims", ["speaker_id"], unique=False)
    op.create_table(
        "exchanges",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("exchange_id", sa.String(length=64), nullable=False),
        sa.Column("question_turn", sa.String(length=64), nullable=False),
        sa.Column("question_text", sa.Text(), nullable=False),
        sa.Column("question_kind", sa.String(length=32), nullable=True),
        sa.Column("asker_id", sa.Integer(), nullable=True),
        sa.Column("asked_by", sa.String(length=32), nullable=True),
        sa.Column("answer_turn", sa.String(length=64), nullable=True),
        sa.Column("answer_text", sa.Text(), nullable=True),
        sa.Column("answerer_id", sa.Integer(), nullable=True),
        sa.Column("follow_up_of", sa.String(length=64), nullable=True),
        sa.Column("pushback", sa.Boolean(), nullable=False),
        sa.Column("clarity", sa.String(length=64), nullable=True),
        sa.Column("clarity_confidence", sa.Float(), nullable=True),
        sa.Column("evasion", sa.String(length=64), nullable=True),
        sa.Column("evasion_confidence", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["answerer_id"],
            ["speakers.id"],
        ),
        sa.ForeignKeyConstraint(
            ["asker_id"],
            ["speakers.id"],
        ),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_exchanges_answerer_id"), "exchanges", ["answerer_id"], unique=False)
    op.create_index(op.f("ix_exchanges_asker_id"), "exchanges", ["asker_id"], unique=False)
    op.create_index(op.f("ix_exchanges_interview_id"), "exchanges", ["interview_id"], unique=False)
    op.create_table(
        "search_docs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("speaker_name", sa.Text(), nullable=True),
        sa.Column("role", sa.String(length=32), nullable=True),
        sa.Column("date", sa.String(length=32), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("clarity", sa.String(length=64), nullable=True),
        sa.Column("evasion", sa.String(length=64), nullable=True),
        sa.Column("claim_type", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_search_docs_date", "search_docs", ["date"], unique=False)
    op.create_index(op.f("ix_search_docs_interview_id"), "search_docs", ["interview_id"], unique=False)
    op.create_index("ix_search_docs_speaker_kind", "search_docs", ["speaker_id", "kind"], unique=False)
    op.create_table(
        "speaker_aliases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["speaker_id"], ["speakers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("speaker_id", "alias"),
    )
    op.create_index(op.f("ix_speaker_aliases_alias"), "speaker_aliases", ["alias"], unique=False)
    op.create_table(
        "stances",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("speaker_name", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_stances_interview_id"), "stances", ["interview_id"], unique=False)
    op.create_index(op.f("ix_stances_speaker_id"), "stances", ["speaker_id"], unique=False)
    op.create_table(
        "turns",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("turn_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("speaker_name", sa.Text(), nullable=True),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_turns_interview_id"), "turns", ["interview_id"], unique=False)
    op.create_index(op.f("ix_turns_speaker_id"), "turns", ["speaker_id"], unique=False)
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # External content: the index reads text (for snippets) from search_docs instead of
        # keeping a second copy.  rowid = search_docs.id; store.delete_interview removes the
        # index rows while the search_docs rows still exist, as FTS5 needs the old text.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(text, content = 'search_docs', content_rowid = 'id', "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
    elif bind.dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE search_docs ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(text, ''))) STORED"
        )
        op.execute("CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    for table in (
        "search_docs",
        "stances",
        "claims",
        "exchanges",
        "turns",
        "appearances",
        "speaker_aliases",
        "speakers",
        "interviews",
    ):
        op.drop_table(table)
