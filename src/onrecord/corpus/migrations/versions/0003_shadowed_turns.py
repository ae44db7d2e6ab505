"""Mark the turns whose text is also stored as a question or an answer (search_docs.shadowed).

A search with no kind filter listed such a passage twice: once as the turn and once as the
exchange's question or answer, which carries the clarity and evasion labels.  Such turns
are now marked, and a search with no kind filter leaves them out; asking for turns
(``--kind turn``) still finds every turn.  The SQLite covering index of the filter columns
(0002) is rebuilt with the new column, so a filtered search still never reads the wide rows.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEX = "ix_search_docs_filters"
OLD_COLUMNS = ["id", "kind", "speaker_id", "role", "date", "outlet", "clarity", "evasion", "claim_type"]
COLUMNS = [*OLD_COLUMNS, "shadowed"]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.add_column("search_docs", sa.Column("shadowed", sa.Boolean(), nullable=False, server_default=sa.false()))
    # the rule ingest applies (Interview.repeated_turns): this turn's whole text is its exchange's question or answer
    op.execute(
        "UPDATE search_docs SET shadowed = TRUE WHERE kind = 'turn' AND EXISTS (SELECT 1 FROM exchanges x "
        "WHERE x.interview_id = search_docs.interview_id AND ("
        "(x.question_turn = search_docs.ref AND x.question_text = search_docs.text) "
        "OR (x.answer_turn = search_docs.ref AND x.answer_text = search_docs.text)))"
    )
    if sqlite:
        op.drop_index(INDEX, table_name="search_docs")
        op.create_index(INDEX, "search_docs", COLUMNS)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.drop_index(INDEX, table_name="search_docs")
    with op.batch_alter_table("search_docs") as batch:
        batch.drop_column("shadowed")
    if sqlite:
        op.create_index(INDEX, "search_docs", OLD_COLUMNS)
