"""Full-text search over turns, questions, answers and claims.

User queries never reach the full-text engine as syntax: :func:`parse_query`
reduces them to words, quoted phrases, a trailing ``*`` for prefixes and the
operator ``OR``; everything else (parentheses, ``AND (``, stray quotes,
colons, ``NEAR``, ``-``) is treated as punctuation.  The FTS5 query is then
rebuilt with every term double-quoted, and it and every filter value are
bound as parameters, never formatted into SQL.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, text

from onrecord.claims.types import CLAIM_TYPES
from onrecord.clarity.labels import CLARITY_LABELS, EVASION_LABELS
from onrecord.corpus import schema, speakers
from onrecord.corpus.defaults import KINDS
from onrecord.errors import OnrecordError

MARK_START, MARK_END = "<mark>", "</mark>"
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*\*?", re.UNICODE)


class QueryError(OnrecordError):
    """A search query or filter the user typed cannot be run; the message says why."""


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False
    or_before: bool = False


def parse_query(query: str) -> list[Term]:
    """Words, "quoted phrases", prefix* terms and OR; raises QueryError when nothing searchable is left."""
    if not query or not query.strip():
        raise QueryError("empty query: give one or more words to search for, or a filter")
    if len(query) > 1000:
        raise QueryError("query too long (over 1000 characters)")
    terms: list[Term] = []
    or_next = False
    # split on double quotes: odd segments are phrases (an unbalanced last quote just ends the phrase)
    for i, segment in enumerate(query.replace("“", '"').replace("”", '"').split('"')):
        words = _WORD_RE.findall(segment)
        if i % 2 == 1:
            clean = tuple(w.rstrip("*").lower() for w in words if w.rstrip("*"))
            if clean:
                terms.append(Term(clean, False, or_next))
                or_next = False
            continue
        for w in words:
            if w == "OR" and terms:
                or_next = True
                continue
            if w in {"AND", "NOT", "NEAR"}:
                continue
            bare = w.rstrip("*")
            if not bare:
                continue
            terms.append(Term((bare.lower(),), w.endswith("*"), or_next))
            or_next = False
    if not terms:
        raise QueryError(f"nothing to search for in {query!r}: give one or more words")
    return terms[:64]


def fts5_query(terms: list[Term]) -> str:
    parts: list[str] = []
    for t in terms:
        quoted = '"' + " ".join(w.replace('"', "") for w in t.words) + '"' + ("*" if t.prefix else "")
        if t.prefix:
            # FTS5 runs a prefix through the porter stemmer too ("unemploy" -> "unemploi"), which then
            # misses the indexed stems; also match the prefix without the endings porter rewrites
            trimmed = t.words[-1].rstrip("yeis")
            if len(t.words) == 1 and len(trimmed) >= 3 and trimmed != t.words[-1]:
                quoted = f'({quoted} OR "{trimmed}"*)'

        if parts:
            parts.append("OR" if t.or_before else "AND")
        parts.append(quoted)
    return " ".join(parts)


def pg_query(terms: list[Term]) -> str:
    """A websearch_to_tsquery string (that function never raises on any input)."""
    parts: list[str] = []
    for t in terms:
        s = " ".join(t.words)
        if len(t.words) > 1:
            s = f'"{s}"'
        if t.or_before and parts:
            parts.append("or")
        parts.append(s)
    return " ".join(parts)


_LABELS: dict[str, tuple[str, ...]] = {
    "clarity": CLARITY_LABELS,
    "evasion": EVASION_LABELS,
    "claim_type": CLAIM_TYPES,
}


def _check_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    v = value.strip()
    if not _DATE_RE.match(v):
        raise QueryError(f"{name} date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        _dt.date.fromisoformat((v + "-01-01")[:10] if len(v) < 10 else v)
    except ValueError:
        raise QueryError(f"{name} date {value!r}: no such date") from None
    return v


@dataclass
class Hit:
    kind: str
    interview_id: int
    ref: str
    speaker: str | None
    speaker_id: int | None
    role: str | None
    date: str | None
    outlet: str | None
    title: str | None
    clarity: str | None
    evasion: str | None
    claim_type: str | None
    score: float
    snippet: str
    text: str
    claim_id: int | None = None
    """For claim hits: the claim's corpus id, for ``onrecord related CLAIM_ID``."""

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def search(
    conn: Connection,
    query: str,
    *,
    speaker: str | None = None,
    role: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    clarity: str | None = None,
    evasion: str | None = None,
    claim_type: str | None = None,
    kind: str | list[str] | tuple[str, ...] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[Hit]:
    """Ranked hits for ``query`` with the given filters (all optional, combined with AND).

    An empty query with at least one filter lists what the filters select, most recently
    stored first ("every non-reply by this speaker"); with no filter either it is an error.
    Without ``kind``, a turn whose whole text is an exchange's question or answer is listed
    once, as that question or answer; ``kind="turn"`` lists every turn.
    """
    terms = parse_query(query) if query and query.strip() else None
    if limit < 1 or limit > 1000:
        raise QueryError("--limit must be between 1 and 1000")
    params: dict[str, Any] = {"limit": limit, "offset": max(0, offset)}
    where: list[str] = []
    kinds = [kind] if isinstance(kind, str) else list(kind or [])
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise QueryError(f"unknown kind {bad[0]!r} (use {', '.join(KINDS)})")
    if kinds:
        names = []
        for i, k in enumerate(kinds):
            params[f"kind{i}"] = k
            names.append(f":kind{i}")
        where.append(f"d.kind IN ({', '.join(names)})")
    if speaker is not None:
        ids = speakers.lookup(conn, speaker)
        if not ids:
            return []
        names = []
        for i, sid in enumerate(ids):
            params[f"spk{i}"] = sid
            names.append(f":spk{i}")
        where.append(f"d.speaker_id IN ({', '.join(names)})")
    if role is not None:
        where.append("d.role = :role")
        params["role"] = role
    if outlet is not None:
        where.append("lower(d.outlet) LIKE :outlet ESCAPE '\\'")
        esc = outlet.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params["outlet"] = f"%{esc}%"
    s, u = _check_date(since, "from"), _check_date(until, "to")
    if s is not None and u is not None and s[: len(u)] > u:
        raise QueryError(f"--since {since} is after --until {until}: no date is in that range")
    if s is not None:
        where.append("d.date >= :since")
        params["since"] = s
    if u is not None:
        where.append("d.date <= :until")
        params["until"] = u + "\uffff"  # "2020" covers 2020-12-31
    for col, val in (("clarity", clarity), ("evasion", evasion), ("claim_type", claim_type)):
        if val is not None:
            known = _LABELS[col]
            if val.lower() not in {k.lower() for k in known}:  # a typo must not read as "no matches"
                raise QueryError(f"unknown {col.replace('_', ' ')} {val!r} (one of: {', '.join(known)})")
            where.append(f"lower(d.{col}) = :{col}")
            params[col] = val.lower()
    if terms is None and not where:
        parse_query(query)  # nothing to search for and nothing to filter by: say so
    if not kinds:
        # a turn stored word for word as a question or an answer is listed once, as that (with its labels)
        where.append("NOT d.shadowed")
    extra = "".join(f" AND {w}" for w in where)
    cols = (
        "d.kind, d.interview_id, d.ref, d.speaker_name, d.speaker_id, d.role, d.date, d.outlet, i.title, "
        "d.clarity, d.evasion, d.claim_type, d.text"
    )
    if terms is None:
        sql = (
            f"SELECT {cols}, 0.0 AS score, substr(d.text, 1, 240) AS snip "
            "FROM search_docs d JOIN interviews i ON i.id = d.interview_id "
            f"WHERE 1 = 1{extra} ORDER BY d.id DESC LIMIT :limit OFFSET :offset"
        )
    elif conn.dialect.name == "sqlite":
        params["q"] = fts5_query(terms)
        # Rank first, on row ids and scores alone, then fetch columns and build snippets for the
        # page only: with everything in one SELECT, SQLite builds a snippet (reading and
        # re-tokenising the text) and carries every column through the sort for each match.
        # Filters read the narrow covering index (migration 0002), not the wide rows; with no
        # filter the ranking needs no join at all.
        join = "JOIN search_docs d INDEXED BY ix_search_docs_filters ON d.id = search_fts.rowid " if extra else ""
        sql = (
            f"SELECT {cols}, top.score AS score, "
            "snippet(search_fts, 0, '<mark>', '</mark>', '…', 24) AS snip "
            "FROM (SELECT search_fts.rowid AS rid, bm25(search_fts) AS score "
            f"FROM search_fts {join}"
            f"WHERE search_fts MATCH :q{extra} ORDER BY score, rid LIMIT :limit OFFSET :offset) AS top "
            "CROSS JOIN search_fts ON search_fts.rowid = top.rid "
            "JOIN search_docs d ON d.id = top.rid JOIN interviews i ON i.id = d.interview_id "
            "WHERE search_fts MATCH :q ORDER BY top.score, top.rid"
        )
    else:
        params["q"] = pg_query(terms)
        sql = (
            "WITH q AS (SELECT websearch_to_tsquery('english', :q) AS tsq) "
            f"SELECT {cols}, -ts_rank(d.tsv, q.tsq) AS score, "
            "ts_headline('english', d.text, q.tsq, "
            "'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=\" … \"') "
            "AS snip FROM search_docs d CROSS JOIN q JOIN interviews i ON i.id = d.interview_id "
            f"WHERE d.tsv @@ q.tsq{extra} ORDER BY score, d.id LIMIT :limit OFFSET :offset"
        )
    rows = conn.execute(text(sql), params).all()
    hits = [
        Hit(
            kind=r.kind,
            interview_id=int(r.interview_id),
            ref=r.ref,
            speaker=r.speaker_name,
            speaker_id=r.speaker_id,
            role=r.role,
            date=r.date,
            outlet=r.outlet,
            title=r.title,
            clarity=r.clarity,
            evasion=r.evasion,
            claim_type=r.claim_type,
            score=round(-float(r.score), 4),
            snippet=r.snip,
            text=r.text,
        )
        for r in rows
    ]
    claim_hits = [h for h in hits if h.kind == "claim"]
    if claim_hits:
        c = schema.claims.c
        pks = {
            (int(r.interview_id), str(r.claim_id)): int(r.id)
            for r in conn.execute(
                select(c.id, c.interview_id, c.claim_id).where(
                    c.interview_id.in_({h.interview_id for h in claim_hits}),
                    c.claim_id.in_({h.ref for h in claim_hits}),
                )
            )
        }
        for h in claim_hits:
            h.claim_id = pks.get((h.interview_id, h.ref))
    return hits
