"""Opening a corpus database and storing analysed interviews in it.

One transaction per interview: the document JSON, its speakers, turns,
exchanges, claims, stances and search rows are written together or not at
all, so a crash or ``kill -9`` mid-ingest leaves no half-stored interview
(SQLite in WAL mode and PostgreSQL both roll back the open transaction).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, insert, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from onrecord.corpus import schema, speakers
from onrecord.document import QUESTION_ROLES, Interview
from onrecord.errors import OnrecordError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class CorpusError(OnrecordError):
    """The corpus database cannot be opened, migrated or queried as asked."""


def content_hash(text: str) -> str:
    """sha256 of the decoded text: the identity of a transcript in the corpus."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def normalise_url(url: str) -> str:
    """Accept a bare path as SQLite; ``postgresql://`` means psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def in_memory(url: str) -> bool:
    """Whether ``url`` names a SQLite database that lives only as long as the process."""
    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError:
        return False
    return parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")


def open_engine(url: str, create: bool = True) -> Engine:
    """Create the engine and bring the schema to the head revision (Alembic).

    ``create=False`` is for commands that only read: a mistyped SQLite path must be an
    error, not a new empty corpus that answers "no matches".
    """
    given = url
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise CorpusError(f"not a database URL: {url!r}") from None
    backend = parsed.get_backend_name()
    if backend not in {"sqlite", "postgresql"}:
        raise CorpusError(f"unsupported database {backend!r}: use sqlite:///FILE or postgresql://...")
    if backend == "sqlite":
        db = parsed.database
        if not create and (not db or db == ":memory:" or not Path(db).expanduser().is_file()):
            raise CorpusError(
                f"no corpus at {given!r}: store transcripts first with `onrecord ingest FILES --db {given}`"
            )
        if db and db != ":memory:":
            parent = Path(db).expanduser().resolve().parent
            if not parent.is_dir():
                raise CorpusError(f"{parent}: no such directory for the SQLite database")
        engine = create_engine(url, poolclass=NullPool if db and db != ":memory:" else None)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        try:
            engine = create_engine(url, pool_pre_ping=True)
        except (ImportError, ArgumentError) as exc:
            raise CorpusError(f"cannot use {parsed.render_as_string(hide_password=True)}: {exc}") from None
    try:
        migrate(engine)
    except OperationalError as exc:
        raise CorpusError(
            f"cannot open {parsed.render_as_string(hide_password=True)}: {str(exc.orig).strip().splitlines()[0]}"
        ) from None
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc  # the driver's own words, without SQLAlchemy's help link
        first = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
        raise CorpusError(f"cannot open {parsed.render_as_string(hide_password=True)}: {first}") from None
    return engine


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def migrate(engine: Engine) -> None:
    """Run the package's Alembic migrations up to head (skipped when already there).

    A database that holds tables but no onrecord revision is someone else's: it is refused,
    not filled with the corpus schema.
    """
    with engine.connect() as conn:
        revision = current_revision(conn)
        if revision == schema.SCHEMA_HEAD:
            return
        if revision is None and inspect(conn).get_table_names():
            raise CorpusError(
                f"{engine.url.render_as_string(hide_password=True)} is not an onrecord corpus (it holds other "
                "tables): give a new file or an empty database"
            )
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def stored_analyzers(conn: Connection, digest: str) -> dict[str, str] | None:
    row = conn.execute(select(schema.interviews.c.analyzers).where(schema.interviews.c.content_hash == digest)).first()
    return None if row is None else dict(json.loads(row[0]))


def delete_interview(conn: Connection, interview_id: int) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            text("DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_docs WHERE interview_id = :iid)"),
            {"iid": interview_id},
        )
    for table in schema.NORMALISED_TABLES:
        conn.execute(delete(table).where(table.c.interview_id == interview_id))
    conn.execute(delete(schema.interviews).where(schema.interviews.c.id == interview_id))


def _label(label: Any) -> tuple[str | None, float | None]:
    if label is None:
        return None, None
    return str(label.label), float(label.confidence)


def store_document(
    conn: Connection,
    doc: Interview,
    digest: str,
    source: str | None,
    embeddings: dict[str, bytes] | None = None,
) -> int:
    """Write one analysed interview (call inside a transaction); returns its id.

    An interview with the same content hash already stored is replaced.
    """
    old = conn.execute(select(schema.interviews.c.id).where(schema.interviews.c.content_hash == digest)).first()
    if old is not None:
        delete_interview(conn, int(old[0]))
    md = doc.metadata
    interview_id = int(
        conn.execute(
            insert(schema.interviews).values(
                content_hash=digest,
                source=source,
                title=md.title,
                date=md.date,
                outlet=md.outlet,
                program=md.program,
                layout=doc.layout,
                analyzers=json.dumps(doc.analyzers, sort_keys=True),
                n_turns=len(doc.turns),
                n_exchanges=len(doc.exchanges),
                n_claims=len(doc.claims),
                ingested_at=_dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
                document=doc.model_dump_json(),
            )
        ).inserted_primary_key[0]  # type: ignore[index]
    )
    scope = digest[:12]
    ids: dict[str, int | None] = {}

    def sid(name: str | None) -> int | None:
        if not name:
            return None
        if name not in ids:
            holder = speakers.title_holder(name, md.title, doc.layout, md.date)
            if holder is not None:
                ids[name] = speakers.resolve(conn, holder, scope)
                if ids[name] is not None:
                    speakers._add_aliases(conn, ids[name], name)  # type: ignore[arg-type]
            else:
                ids[name] = speakers.resolve(conn, name, scope)
        return ids[name]

    appearances: dict[int, dict[str, Any]] = {}
    for p in md.participants:
        if p.name:
            s = sid(p.name)
            for alias in p.aliases:
                if s is not None:
                    speakers._add_aliases(conn, s, alias)
            if s is not None:
                appearances.setdefault(
                    s, {"interview_id": interview_id, "speaker_id": s, "name": p.name, "role": p.role}
                )
    turn_rows = []
    turn_speaker: dict[str, tuple[int | None, str | None, str]] = {}
    for seq, t in enumerate(doc.turns):
        s = sid(t.speaker)
        turn_speaker[t.id] = (s, t.speaker, t.role)
        if s is not None:
            appearances.setdefault(
                s, {"interview_id": interview_id, "speaker_id": s, "name": t.speaker, "role": t.role}
            )
        turn_rows.append(
            {
                "interview_id": interview_id,
                "turn_id": t.id,
                "seq": seq,
                "speaker_id": s,
                "speaker_name": t.speaker,
                "role": t.role,
                "text": t.text,
                "start": t.start,
                "end": t.end,
            }
        )
    base = {"interview_id": interview_id, "date": md.date, "outlet": md.outlet, "shadowed": False}
    search_rows: list[dict[str, Any]] = []
    repeated = doc.repeated_turns()  # stored below as a question or an answer too
    for row in turn_rows:
        search_rows.append(
            {
                **base,
                "kind": "turn",
                "shadowed": row["turn_id"] in repeated,
                "ref": row["turn_id"],
                "speaker_id": row["speaker_id"],
                "speaker_name": row["speaker_name"],
                "role": row["role"],
                "clarity": None,
                "evasion": None,
                "claim_type": None,
                "text": row["text"],
            }
        )
    exchange_rows = []
    for x in doc.exchanges:
        asker = turn_speaker.get(x.question.turn, (None, None, x.asked_by))
        answerer = turn_speaker.get(x.answer.turn, (None, None, "interviewee")) if x.answer else (None, None, None)
        clarity, clarity_conf = _label(x.clarity)
        evasion, evasion_conf = _label(x.evasion)
        exchange_rows.append(
            {
                "interview_id": interview_id,
                "exchange_id": x.id,
                "question_turn": x.question.turn,
                "question_text": x.question.text,
                "question_kind": x.question.kind,
                "asker_id": asker[0],
                "asked_by": x.asked_by,
                "answer_turn": x.answer.turn if x.answer else None,
                "answer_text": x.answer.text if x.answer else None,
                "answerer_id": answerer[0],
                "follow_up_of": x.follow_up_of,
                "pushback": bool(x.pushback),
                "clarity": clarity,
                "clarity_confidence": clarity_conf,
                "evasion": evasion,
                "evasion_confidence": evasion_conf,
            }
        )
        search_rows.append(
            {
                **base,
                "kind": "question",
                "ref": x.id,
                "speaker_id": asker[0],
                "speaker_name": asker[1],
                "role": x.asked_by if x.asked_by in QUESTION_ROLES else asker[2],
                "clarity": clarity,
                "evasion": evasion,
                "claim_type": None,
                "text": x.question.text,
            }
        )
        if x.answer is not None:
            search_rows.append(
                {
                    **base,
                    "kind": "answer",
                    "ref": x.id,
                    "speaker_id": answerer[0],
                    "speaker_name": answerer[1],
                    "role": answerer[2],
                    "clarity": clarity,
                    "evasion": evasion,
                    "claim_type": None,
                    "text": x.answer.text,
                }
            )
    claim_rows = []
    for c in doc.claims:
        spk = turn_speaker.get(c.turn, (None, None, "other"))
        s = sid(c.speaker) if c.speaker else spk[0]
        claim_rows.append(
            {
                "interview_id": interview_id,
                "claim_id": c.id,
                "turn_id": c.turn,
                "speaker_id": s,
                "speaker_name": c.speaker or spk[1],
                "holder": c.holder,
                "text": c.text,
                "score": float(c.score),
                "type": c.type,
                "start": c.start,
                "end": c.end,
                "embedding": (embeddings or {}).get(c.id),
            }
        )
        search_rows.append(
            {
                **base,
                "kind": "claim",
                "ref": c.id,
                "speaker_id": s,
                "speaker_name": c.speaker or spk[1],
                "role": spk[2],
                "clarity": None,
                "evasion": None,
                "claim_type": c.type,
                "text": c.text,
            }
        )
    stance_rows = [
        {
            "interview_id": interview_id,
            "kind": st.kind,
            "text": st.span.text,
            "target": st.target,
            "speaker_id": sid(st.speaker),
            "speaker_name": st.speaker,
            "start": st.span.start,
            "end": st.span.end,
        }
        for st in doc.stances
    ]
    for table, rows in (
        (schema.appearances, list(appearances.values())),
        (schema.turns, turn_rows),
        (schema.exchanges, exchange_rows),
        (schema.claims, claim_rows),
        (schema.stances, stance_rows),
        (schema.search_docs, search_rows),
    ):
        if rows:
            conn.execute(insert(table), rows)
    if conn.dialect.name == "sqlite" and search_rows:
        conn.execute(
            text("INSERT INTO search_fts(rowid, text) SELECT id, text FROM search_docs WHERE interview_id = :iid"),
            {"iid": interview_id},
        )
    return interview_id
