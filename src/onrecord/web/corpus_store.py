"""The SQL corpus of :mod:`onrecord.corpus` seen through the web app's :class:`Store`.

Reads go straight to the corpus tables (SQLAlchemy Core, one short connection
per call); writes use the corpus's own ``store_document`` / ``delete_interview``
inside one transaction, and search uses its full-text ``search`` (FTS5 on
SQLite, tsvector on PostgreSQL), so that the app and ``onrecord search`` agree.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Engine, and_, desc, func, select

from onrecord.corpus import schema
from onrecord.corpus import search as corpus_search
from onrecord.corpus import speakers as corpus_speakers
from onrecord.corpus.store import content_hash, delete_interview, open_engine, store_document
from onrecord.document import Interview
from onrecord.errors import InputError, OnrecordError
from onrecord.render.html import target_name
from onrecord.web.store import (
    NEGATION,
    AnswerRow,
    ClaimRow,
    Hit,
    InterviewRow,
    Page,
    RelatedClaims,
    SearchFilters,
    SearchResult,
    SpeakerRecord,
    SpeakerRow,
    StanceRow,
    claim_anchor,
    content_terms,
    turn_anchor,
)

_SAFE = re.compile(r"[^A-Za-z0-9_-]+")
IV, T, X, C, S = schema.interviews, schema.turns, schema.exchanges, schema.claims, schema.stances
SP, AP = schema.speakers, schema.appearances


def _anchor(kind: str, ref: str) -> str:
    if kind == "turn":
        return turn_anchor(ref)
    if kind == "claim":
        return claim_anchor(ref)
    return ("a-" if kind == "answer" else "q-") + _SAFE.sub("_", ref)


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


class CorpusStore:
    """:class:`onrecord.web.store.Store` over a corpus database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> CorpusStore:
        return cls(open_engine(url))

    # writes ------------------------------------------------------------
    def add(self, doc: Interview, name: str) -> str:
        with self.engine.begin() as conn:
            return str(store_document(conn, doc, content_hash(doc.text), name))

    def delete(self, interview_id: str) -> bool:
        iid = _int(interview_id)
        if iid is None:
            return False
        with self.engine.begin() as conn:
            if conn.execute(select(IV.c.id).where(IV.c.id == iid)).first() is None:
                return False
            delete_interview(conn, iid)
        return True

    # reads -------------------------------------------------------------
    def get(self, interview_id: str) -> Interview | None:
        iid = _int(interview_id)
        if iid is None:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(IV.c.document).where(IV.c.id == iid)).first()
        return None if row is None else Interview.model_validate_json(row[0])

    def _rows(self, conn: Any, ids: list[int]) -> list[InterviewRow]:
        if not ids:
            return []
        cols = (
            IV.c.id,
            IV.c.title,
            IV.c.date,
            IV.c.outlet,
            IV.c.program,
            IV.c.n_turns,
            IV.c.n_exchanges,
            IV.c.n_claims,
            IV.c.ingested_at,
        )
        rows = {r.id: r for r in conn.execute(select(*cols).where(IV.c.id.in_(ids)))}
        # questions put to the interviewee, as the report counts them (not the interviewee's own)
        asked = dict(
            conn.execute(
                select(X.c.interview_id, func.count())
                .where(X.c.interview_id.in_(ids), func.coalesce(X.c.asked_by, "") != "interviewee")
                .group_by(X.c.interview_id)
            ).all()
        )
        names: dict[int, list[str]] = {}
        for r in conn.execute(
            select(AP.c.interview_id, SP.c.name).join(SP, SP.c.id == AP.c.speaker_id).where(AP.c.interview_id.in_(ids))
        ):
            if r.name not in names.setdefault(r.interview_id, []):
                names[r.interview_id].append(r.name)
        return [
            InterviewRow(
                id=str(r.id),
                title=r.title or "Untitled interview",
                date=r.date,
                outlet=r.outlet,
                program=r.program,
                speakers=names.get(r.id, []),
                turns=r.n_turns,
                questions=int(asked.get(r.id, 0)),
                claims=r.n_claims,
                added=r.ingested_at,
            )
            for i in ids
            if (r := rows.get(i)) is not None
        ]

    def interviews(self, offset: int = 0, limit: int = 50) -> Page[InterviewRow]:
        with self.engine.connect() as conn:
            total = int(conn.execute(select(func.count()).select_from(IV)).scalar_one())
            ids = [
                int(i)
                for i in conn.execute(select(IV.c.id).order_by(desc(IV.c.id)).offset(offset).limit(limit)).scalars()
            ]
            items = self._rows(conn, ids)
        return Page[InterviewRow](items=items, total=total, offset=offset, limit=limit)

    def speakers(self, q: str | None = None, offset: int = 0, limit: int = 100) -> Page[SpeakerRow]:
        n_int = func.count(func.distinct(AP.c.interview_id))
        base = (
            select(SP.c.id, SP.c.name, n_int.label("n"))
            .join(AP, AP.c.speaker_id == SP.c.id)
            .group_by(SP.c.id, SP.c.name)
        )
        if q:
            esc = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            base = base.where(func.lower(SP.c.name).like(f"%{esc}%", escape="\\"))
        with self.engine.connect() as conn:
            total = int(conn.execute(select(func.count()).select_from(base.subquery())).scalar_one())
            rows = conn.execute(base.order_by(desc("n"), SP.c.name).offset(offset).limit(limit)).all()
            ids = [int(r.id) for r in rows]
            turns: dict[int, int] = dict(
                conn.execute(
                    select(T.c.speaker_id, func.count()).where(T.c.speaker_id.in_(ids)).group_by(T.c.speaker_id)
                ).all()
            )
            claims: dict[int, int] = dict(
                conn.execute(
                    select(C.c.speaker_id, func.count()).where(C.c.speaker_id.in_(ids)).group_by(C.c.speaker_id)
                ).all()
            )
        items = [
            SpeakerRow(name=r.name, interviews=int(r.n), turns=int(turns.get(r.id, 0)), claims=int(claims.get(r.id, 0)))
            for r in rows
        ]
        return Page[SpeakerRow](items=items, total=total, offset=offset, limit=limit)

    def _claim_rows(self, conn: Any, where: Any, offset: int, limit: int) -> list[ClaimRow]:
        q = (
            select(
                C.c.id,
                C.c.interview_id,
                C.c.claim_id,
                C.c.turn_id,
                C.c.speaker_name,
                C.c.text,
                C.c.type,
                C.c.score,
                IV.c.title,
                IV.c.date,
            )
            .join(IV, IV.c.id == C.c.interview_id)
            .where(where)
            .order_by(desc(C.c.score), C.c.id)
            .offset(offset)
            .limit(limit)
        )
        return [
            ClaimRow(
                id=str(r.id),
                interview_id=str(r.interview_id),
                interview_title=r.title or "Untitled interview",
                turn=r.turn_id,
                anchor=claim_anchor(r.claim_id),
                speaker=r.speaker_name,
                text=r.text,
                type=r.type,
                score=float(r.score),
                date=r.date,
            )
            for r in conn.execute(q)
        ]

    def speaker(self, name: str) -> SpeakerRecord | None:
        with self.engine.connect() as conn:
            ids = corpus_speakers.lookup(conn, name)
            if not ids:
                return None
            display = conn.execute(select(SP.c.name).where(SP.c.id == ids[0])).scalar_one()
            roles = sorted(
                {str(r) for r in conn.execute(select(AP.c.role).where(AP.c.speaker_id.in_(ids))).scalars() if r}
            )
            iids = [
                int(i)
                for i in conn.execute(
                    select(func.distinct(AP.c.interview_id))
                    .where(AP.c.speaker_id.in_(ids))
                    .order_by(AP.c.interview_id.desc())
                ).scalars()
            ]
            interviews = self._rows(conn, iids[:200])
            titles = {int(r.id): r.title for r in interviews}
            claims = self._claim_rows(conn, C.c.speaker_id.in_(ids), 0, 100)
            stances: list[StanceRow] = []
            for r in conn.execute(
                select(S.c.id, S.c.interview_id, S.c.kind, S.c.text, S.c.target)
                .where(S.c.speaker_id.in_(ids))
                .order_by(S.c.interview_id.desc(), S.c.id)
                .limit(100)
            ):
                # stances are stored in document order, so a stance's rank in its interview is its index there
                idx = conn.execute(
                    select(func.count()).where(and_(S.c.interview_id == r.interview_id, S.c.id < r.id))
                ).scalar_one()
                stances.append(
                    StanceRow(
                        interview_id=str(r.interview_id),
                        kind=r.kind,
                        text=r.text,
                        target=r.target,
                        interview_title=titles.get(r.interview_id) or "Untitled interview",
                        anchor=f"s-{idx}",
                    )
                )
            answers = [
                AnswerRow(
                    interview_id=str(r.interview_id),
                    interview_title=r.title or "Untitled interview",
                    exchange=r.exchange_id,
                    question=r.question_text,
                    clarity=r.clarity,
                    evasion=r.evasion,
                    anchor="q-" + _SAFE.sub("_", r.exchange_id),
                )
                for r in conn.execute(
                    select(X.c.interview_id, X.c.exchange_id, X.c.question_text, X.c.clarity, X.c.evasion, IV.c.title)
                    .join(IV, IV.c.id == X.c.interview_id)
                    .where(X.c.answerer_id.in_(ids))
                    .order_by(X.c.interview_id.desc(), X.c.id)
                    .limit(200)
                )
            ]
            clarity = {
                str(k): int(n)
                for k, n in conn.execute(
                    select(X.c.clarity, func.count())
                    .where(and_(X.c.answerer_id.in_(ids), X.c.clarity.is_not(None)))
                    .group_by(X.c.clarity)
                ).all()
            }
        docs: dict[str, Interview | None] = {}
        for st in stances:  # stored targets are ids ("c3", "E5"): put them in words
            if st.target:
                if st.interview_id not in docs:
                    docs[st.interview_id] = self.get(st.interview_id)
                doc = docs[st.interview_id]
                st.target = target_name(doc, st.target) if doc is not None else st.target
        return SpeakerRecord(
            name=display,
            roles=roles,
            interviews=interviews,
            claims=claims,
            stances=stances,
            answers=answers,
            clarity=clarity,
        )

    def claims(self, speaker: str | None = None, offset: int = 0, limit: int = 50) -> Page[ClaimRow]:
        with self.engine.connect() as conn:
            where: Any = C.c.id.is_not(None)
            if speaker:
                ids = corpus_speakers.lookup(conn, speaker)
                if not ids:
                    return Page[ClaimRow](items=[], total=0, offset=offset, limit=limit)
                where = C.c.speaker_id.in_(ids)
            total = int(conn.execute(select(func.count()).select_from(C).where(where)).scalar_one())
            items = self._claim_rows(conn, where, offset, limit)
        return Page[ClaimRow](items=items, total=total, offset=offset, limit=limit)

    def related(self, claim_id: str, limit: int = 10) -> RelatedClaims | None:
        """The corpus's embedding neighbours (same / opposite), or a full-text fallback without embeddings."""
        cid = _int(claim_id)
        if cid is None:
            return None
        with self.engine.connect() as conn:
            found = self._claim_rows(conn, C.c.id == cid, 0, 1)
        if not found:
            return None
        claim = found[0]
        try:
            from onrecord.corpus.related import related as corpus_related

            with self.engine.begin() as conn:  # may store embeddings that were missing
                near = corpus_related(conn, cid, k=2 * limit)
                rows = {
                    int(r.id): r for r in self._claim_rows(conn, C.c.id.in_([n.claim_id for n in near]), 0, len(near))
                }
        except (ImportError, OnrecordError):
            return self._related_by_words(claim, limit)
        same = [rows[n.claim_id].model_copy(update={"note": n.why}) for n in near if n.relation != "opposite"]
        opposite = [rows[n.claim_id].model_copy(update={"note": n.why}) for n in near if n.relation == "opposite"]
        return RelatedClaims(claim=claim, related=same[:limit], opposite=opposite[:limit])

    def _related_by_words(self, claim: ClaimRow, limit: int) -> RelatedClaims:
        words = sorted(content_terms(claim.text), key=len, reverse=True)[:8]
        rows: list[ClaimRow] = []
        with self.engine.connect() as conn:
            hits: list[corpus_search.Hit] = []
            if words:
                try:
                    hits = corpus_search.search(conn, " OR ".join(words), kind="claim", limit=100)
                except corpus_search.QueryError:
                    hits = []
            for h in hits:
                if h.interview_id != int(claim.interview_id):
                    rows += self._claim_rows(
                        conn, and_(C.c.interview_id == h.interview_id, C.c.claim_id == h.ref), 0, 1
                    )
        mine = content_terms(claim.text)
        scored = sorted(
            ((len(mine & content_terms(r.text)) / max(1, len(mine | content_terms(r.text))), r) for r in rows),
            key=lambda p: -p[0],
        )
        neg = bool(NEGATION.search(claim.text))
        close = [r for s, r in scored if s >= 0.15]
        return RelatedClaims(
            claim=claim,
            related=[r for r in close if bool(NEGATION.search(r.text)) == neg][:limit],
            opposite=[
                r.model_copy(update={"note": "one negates what the other asserts"})
                for r in close
                if bool(NEGATION.search(r.text)) != neg
            ][:limit],
        )

    def search(self, q: str, filters: SearchFilters, offset: int = 0, limit: int = 20) -> SearchResult:
        with self.engine.connect() as conn:
            try:
                hits = corpus_search.search(
                    conn,
                    q,
                    kind=filters.kind,
                    speaker=filters.speaker,
                    role=filters.role,
                    outlet=filters.outlet,
                    since=filters.date_from,
                    until=filters.date_to,
                    clarity=filters.clarity,
                    limit=min(1000, limit + 1),
                    offset=offset,
                )
            except corpus_search.QueryError as exc:
                raise InputError(str(exc)) from exc
        more = len(hits) > limit
        page = [
            Hit(
                kind=h.kind,
                interview_id=str(h.interview_id),
                interview_title=h.title or "Untitled interview",
                speaker=h.speaker,
                role=h.role,
                text=h.text,
                anchor=_anchor(h.kind, h.ref),
                date=h.date,
                outlet=h.outlet,
                score=float(h.score),
                clarity=h.clarity,
            )
            for h in hits[:limit]
        ]
        return SearchResult(
            query=q,
            filters=filters,
            total=offset + len(page) + (1 if more else 0),
            offset=offset,
            limit=limit,
            hits=page,
            more=more,
        )
