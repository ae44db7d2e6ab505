"""``Corpus``: the Python API the ``onrecord`` corpus commands call.

from onrecord.corpus import Corpus
corpus = Corpus.open("sqlite:///onrecord.db")
corpus.ingest(["transcripts/"], stages=[])
for hit in corpus.search("troops", speaker="Aliyev", kind="answer"):
    print(hit.snippet)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from onrecord.corpus import export as _export
from onrecord.corpus import ingest as _ingest
from onrecord.corpus import profile as _profile
from onrecord.corpus import related as _related
from onrecord.corpus import schema, store
from onrecord.corpus import search as _search
from onrecord.corpus.defaults import DEFAULT_URL
from onrecord.document import Interview
from onrecord.errors import OnrecordError


class Corpus:
    """A database of analysed interviews (SQLite file or PostgreSQL server)."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._index: tuple[_related.VectorIndex, Any] | None = None

    @classmethod
    def open(cls, url: str = DEFAULT_URL, create: bool = True) -> Corpus:
        """Open (creating and migrating as needed) the corpus at ``url``; with ``create=False``
        a SQLite corpus must already exist."""
        return cls(store.open_engine(url, create=create), url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        stages: Sequence[str] | None = None,
        reanalyze: bool = False,
        workers: int | None = 1,
        embed: bool = True,
        progress: _ingest.Progress | None = None,
    ) -> _ingest.IngestReport:
        """Analyse and store transcripts (files, directories, glob patterns).

        ``stages=None`` runs every installed analyzer, ``stages=[]`` structure only.
        Re-ingesting the same text is a no-op unless ``reanalyze`` and the stored
        analyzer versions differ from the installed ones.
        """
        self._index = None
        return _ingest.ingest(
            self.engine, paths, stages=stages, reanalyze=reanalyze, workers=workers, embed=embed, progress=progress
        )

    def add(self, doc: Interview, source: str | None = None) -> int:
        """Store an already analysed document (one transaction); returns its interview id."""
        self._index = None
        with self.engine.begin() as conn:
            return store.store_document(conn, doc, store.content_hash(doc.text), source)

    def search(self, query: str, **filters: Any) -> list[_search.Hit]:
        """Ranked full-text hits; filters: speaker, role, outlet, since, until, clarity, evasion,
        claim_type, kind, limit, offset."""
        with self.engine.connect() as conn:
            return _search.search(conn, query, **filters)

    def speaker(self, name: str, top: int = 10) -> dict[str, Any]:
        """One person's record: interviews, questions faced, clarity shares, evasions, topics, claims."""
        with self.engine.connect() as conn:
            return _profile.profile(conn, name, top)

    def related(self, claim_id: int, k: int = 10) -> list[_related.Related]:
        """Claims in other interviews that repeat or oppose claim ``claim_id``."""
        with self.engine.begin() as conn:
            if self._index is None:
                if conn.execute(select(func.count()).where(schema.claims.c.embedding.is_(None))).scalar_one():
                    _related.fill_embeddings(conn)
                self._index = _related.load_index(conn)
            return _related.related(conn, claim_id, k, self._index)

    def claim(self, claim_id: int) -> dict[str, Any]:
        c = schema.claims.c
        with self.engine.connect() as conn:
            row = conn.execute(
                select(c.id, c.interview_id, c.claim_id, c.text, c.speaker_name, c.score, c.type).where(
                    c.id == claim_id
                )
            ).first()
        if row is None:
            raise OnrecordError(f"no claim {claim_id} in this corpus")
        return {
            "claim_id": int(row.id),
            "interview_id": int(row.interview_id),
            "ref": row.claim_id,
            "text": row.text,
            "speaker": row.speaker_name,
            "score": row.score,
            "type": row.type,
        }

    def interviews(self) -> list[dict[str, Any]]:
        iv = schema.interviews.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    iv.id,
                    iv.title,
                    iv.date,
                    iv.outlet,
                    iv.source,
                    iv.n_turns,
                    iv.n_exchanges,
                    iv.n_claims,
                    iv.analyzers,
                    iv.content_hash,
                ).order_by(iv.id)
            ).all()
        return [
            {
                "interview_id": int(r.id),
                "title": r.title,
                "date": r.date,
                "outlet": r.outlet,
                "source": r.source,
                "turns": r.n_turns,
                "exchanges": r.n_exchanges,
                "claims": r.n_claims,
                "analyzers": json.loads(r.analyzers),
                "content_hash": r.content_hash,
            }
            for r in rows
        ]

    def document(self, interview_id: int) -> Interview:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(schema.interviews.c.document).where(schema.interviews.c.id == interview_id)
            ).first()
        if row is None:
            raise OnrecordError(f"no interview {interview_id} in this corpus")
        return Interview.model_validate_json(row[0])

    def export(self, out: str | Path, fmt: str = "csv") -> list[Path]:
        """Write turns, exchanges, claims, stances (+ interviews, speakers) as csv/parquet, or a ConvoKit corpus."""
        with self.engine.connect() as conn:
            return _export.export(conn, Path(out), fmt)
