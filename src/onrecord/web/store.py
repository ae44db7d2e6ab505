"""What the web app needs from a corpus, and a small in-memory one.

The app codes against :class:`Store` only.  :class:`MemoryStore` implements it
over plain Python structures (for tests, demos and ``--db memory:``);
:mod:`onrecord.web.corpus_store` adapts the SQL corpus of
:mod:`onrecord.corpus` to the same protocol.  Rows are pydantic models so that
the JSON API and its OpenAPI schema come from the same definitions.
"""

from __future__ import annotations

import heapq
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Generic, Literal, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel, Field

from onrecord.document import Interview
from onrecord.render.html import target_name

T = TypeVar("T")

HitKind = Literal["turn", "question", "answer", "claim"]
HIT_KINDS: tuple[str, ...] = ("turn", "question", "answer", "claim")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    offset: int = 0
    limit: int = 50


class InterviewRow(BaseModel):
    id: str
    title: str
    date: str | None = None
    outlet: str | None = None
    program: str | None = None
    speakers: list[str] = Field(default_factory=list)
    turns: int = 0
    questions: int = 0
    claims: int = 0
    added: str | None = None


class SpeakerRow(BaseModel):
    name: str
    interviews: int
    turns: int
    claims: int


class ClaimRow(BaseModel):
    id: str
    interview_id: str
    interview_title: str
    turn: str
    anchor: str
    speaker: str | None
    text: str
    type: str | None = None
    score: float
    date: str | None = None
    note: str | None = None
    """Why a related claim is listed (``same`` / ``opposite`` reason), when it is one."""


class StanceRow(BaseModel):
    interview_id: str
    interview_title: str
    kind: str
    text: str
    target: str | None
    """What the stance is about, in words: the claim, the person or the reported speech."""
    anchor: str


class AnswerRow(BaseModel):
    interview_id: str
    interview_title: str
    exchange: str
    question: str
    clarity: str | None
    evasion: str | None
    anchor: str


class SpeakerRecord(BaseModel):
    name: str
    roles: list[str]
    interviews: list[InterviewRow]
    claims: list[ClaimRow]
    stances: list[StanceRow]
    answers: list[AnswerRow]
    clarity: dict[str, int]


class Hit(BaseModel):
    kind: str
    interview_id: str
    interview_title: str
    speaker: str | None
    role: str | None
    text: str
    anchor: str
    date: str | None = None
    outlet: str | None = None
    score: float = 0.0
    clarity: str | None = None


class SearchFilters(BaseModel):
    kind: str | None = None
    speaker: str | None = None
    role: str | None = None
    outlet: str | None = None
    clarity: str | None = None
    date_from: str | None = None
    date_to: str | None = None


class SearchResult(BaseModel):
    query: str
    filters: SearchFilters
    total: int
    offset: int
    limit: int
    hits: list[Hit]
    more: bool = False
    """True when ``total`` is a lower bound (the store counts no further than the next page)."""


class RelatedClaims(BaseModel):
    claim: ClaimRow
    related: list[ClaimRow]
    opposite: list[ClaimRow]


@runtime_checkable
class Store(Protocol):
    """The corpus operations behind every page and API route."""

    def add(self, doc: Interview, name: str) -> str:
        """Store ``doc``; return its id (the same id when the same text is stored again)."""
        ...

    def get(self, interview_id: str) -> Interview | None: ...

    def delete(self, interview_id: str) -> bool: ...

    def interviews(self, offset: int = 0, limit: int = 50) -> Page[InterviewRow]: ...

    def speakers(self, q: str | None = None, offset: int = 0, limit: int = 100) -> Page[SpeakerRow]: ...

    def speaker(self, name: str) -> SpeakerRecord | None: ...

    def claims(self, speaker: str | None = None, offset: int = 0, limit: int = 50) -> Page[ClaimRow]: ...

    def related(self, claim_id: str, limit: int = 10) -> RelatedClaims | None: ...

    def search(self, q: str, filters: SearchFilters, offset: int = 0, limit: int = 20) -> SearchResult: ...


# ----------------------------------------------------------------- in memory

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
NEGATION = re.compile(
    r"\b(?:not|no|never|nothing|none|nobody|neither|nor|deny|denied|false|fake|lie|lying)\b|n['’]t\b", re.I
)
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "i",
        "you",
        "he",
        "she",
        "we",
        "they",
        "me",
        "him",
        "her",
        "us",
        "them",
        "my",
        "your",
        "his",
        "our",
        "their",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "so",
        "if",
        "then",
        "than",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "how",
        "why",
        "when",
        "where",
        "not",
        "no",
    ]
)


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def content_terms(text: str) -> set[str]:
    return {w for w in words(text) if w not in _STOP and len(w) > 1}


def speaker_key(name: str) -> str:
    return " ".join(words(name))


def turn_anchor(turn_id: str) -> str:
    return "turn-" + re.sub(r"[^A-Za-z0-9_-]+", "_", turn_id)


def claim_anchor(claim_id: str) -> str:
    return "c-" + re.sub(r"[^A-Za-z0-9_-]+", "_", claim_id)


def _row(iid: str, doc: Interview, added: str) -> InterviewRow:
    md = doc.metadata
    names = [p.name for p in md.participants if p.name]
    for t in doc.turns:
        if t.speaker and t.speaker not in names:
            names.append(t.speaker)
    return InterviewRow(
        id=iid,
        title=md.title or "Untitled interview",
        date=md.date or md.date_text,
        outlet=md.outlet,
        program=md.program,
        speakers=names,
        turns=len(doc.turns),
        questions=sum(1 for x in doc.exchanges if x.asked_by != "interviewee"),
        claims=len(doc.claims),
        added=added,
    )


class MemoryStore:
    """A whole corpus in memory with an inverted index; thread-safe, not persistent."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._docs: dict[str, Interview] = {}
        self._rows: dict[str, InterviewRow] = {}
        self._by_text: dict[int, str] = {}
        self._hits: list[Hit | None] = []
        self._lower: list[str] = []
        self._index: dict[str, set[int]] = defaultdict(set)
        self._hits_of: dict[str, list[int]] = {}
        #: turn hits whose whole text is also a question hit: left out unless turns are asked for
        self._shadowed: set[int] = set()
        self._claims: dict[str, ClaimRow] = {}
        self._next = 1

    # writes ------------------------------------------------------------
    def add(self, doc: Interview, name: str) -> str:
        with self._lock:
            key = hash(doc.text)
            old = self._by_text.get(key)
            if old is not None and self._docs[old].text == doc.text:
                return old
            iid = str(self._next)
            self._next += 1
            added = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
            self._docs[iid] = doc
            self._rows[iid] = row = _row(iid, doc, added)
            self._by_text[key] = iid
            mine: list[int] = []
            base = {"interview_id": iid, "interview_title": row.title, "date": row.date, "outlet": row.outlet}
            turns = {t.id: t for t in doc.turns}
            repeated = doc.repeated_turns(answers=False)  # this store indexes questions, not answers
            for t in doc.turns:
                n = self._put(
                    Hit(kind="turn", speaker=t.speaker, role=t.role, text=t.text, anchor=turn_anchor(t.id), **base)
                )
                mine.append(n)
                if t.id in repeated:
                    self._shadowed.add(n)
            for x in doc.exchanges:
                qt = turns.get(x.question.turn)
                mine.append(
                    self._put(
                        Hit(
                            kind="question",
                            speaker=qt.speaker if qt else None,
                            role=x.asked_by,
                            text=x.question.text,
                            anchor="q-" + re.sub(r"[^A-Za-z0-9_-]+", "_", x.id),
                            score=0.0,
                            clarity=x.clarity.label if x.clarity else None,
                            **base,
                        )
                    )
                )
            for c in doc.claims:
                cid = f"{iid}:{c.id}"
                self._claims[cid] = ClaimRow(
                    id=cid,
                    interview_id=iid,
                    interview_title=row.title,
                    turn=c.turn,
                    anchor=claim_anchor(c.id),
                    speaker=c.speaker,
                    text=c.text,
                    type=c.type,
                    score=c.score,
                    date=row.date,
                )
                mine.append(
                    self._put(
                        Hit(
                            kind="claim",
                            speaker=c.speaker,
                            role=turns[c.turn].role if c.turn in turns else None,
                            text=c.text,
                            anchor=claim_anchor(c.id),
                            score=c.score,
                            **base,
                        )
                    )
                )
            self._hits_of[iid] = mine
            return iid

    def _put(self, hit: Hit) -> int:
        n = len(self._hits)
        self._hits.append(hit)
        self._lower.append(" ".join(words(hit.text)))
        for w in content_terms(hit.text):
            self._index[w].add(n)
        return n

    def delete(self, interview_id: str) -> bool:
        with self._lock:
            doc = self._docs.pop(interview_id, None)
            if doc is None:
                return False
            del self._rows[interview_id]
            self._by_text.pop(hash(doc.text), None)
            for n in self._hits_of.pop(interview_id, []):
                hit = self._hits[n]
                if hit is not None:
                    for w in content_terms(hit.text):
                        self._index[w].discard(n)
                self._hits[n] = None
                self._lower[n] = ""
                self._shadowed.discard(n)
            for cid in [c for c in self._claims if c.startswith(interview_id + ":")]:
                del self._claims[cid]
            return True

    # reads -------------------------------------------------------------
    def get(self, interview_id: str) -> Interview | None:
        return self._docs.get(interview_id)

    def interviews(self, offset: int = 0, limit: int = 50) -> Page[InterviewRow]:
        with self._lock:
            rows = sorted(self._rows.values(), key=lambda r: -int(r.id))
        return Page[InterviewRow](items=rows[offset : offset + limit], total=len(rows), offset=offset, limit=limit)

    def _speaker_stats(self) -> list[SpeakerRow]:
        names: dict[str, str] = {}
        seen_in: dict[str, set[str]] = defaultdict(set)
        turn_n: Counter[str] = Counter()
        claim_n: Counter[str] = Counter()
        for iid, doc in self._docs.items():
            for t in doc.turns:
                if t.speaker:
                    k = speaker_key(t.speaker)
                    names.setdefault(k, t.speaker)
                    seen_in[k].add(iid)
                    turn_n[k] += 1
            for p in doc.metadata.participants:
                if p.name:
                    k = speaker_key(p.name)
                    names.setdefault(k, p.name)
                    seen_in[k].add(iid)
            for c in doc.claims:
                if c.speaker:
                    claim_n[speaker_key(c.speaker)] += 1
        return [
            SpeakerRow(name=names[k], interviews=len(seen_in[k]), turns=turn_n[k], claims=claim_n[k]) for k in names
        ]

    def speakers(self, q: str | None = None, offset: int = 0, limit: int = 100) -> Page[SpeakerRow]:
        with self._lock:
            rows = self._speaker_stats()
        if q:
            qk = speaker_key(q)
            rows = [r for r in rows if qk in speaker_key(r.name)]
        rows.sort(key=lambda r: (-r.interviews, -r.turns, r.name))
        return Page[SpeakerRow](items=rows[offset : offset + limit], total=len(rows), offset=offset, limit=limit)

    def speaker(self, name: str) -> SpeakerRecord | None:
        key = speaker_key(name)
        with self._lock:
            docs = list(self._docs.items())
            rows = dict(self._rows)
        found: str | None = None
        roles: set[str] = set()
        interviews: list[InterviewRow] = []
        claims: list[ClaimRow] = []
        stances: list[StanceRow] = []
        answers: list[AnswerRow] = []
        for iid, doc in docs:
            mine = {t.id for t in doc.turns if t.speaker and speaker_key(t.speaker) == key}
            named = [p for p in doc.metadata.participants if p.name and speaker_key(p.name) == key]
            if not mine and not named:
                continue
            found = found or next((t.speaker for t in doc.turns if t.id in mine), None) or named[0].name
            roles |= {t.role for t in doc.turns if t.id in mine} | {p.role for p in named}
            row = rows[iid]
            interviews.append(row)
            claims += [
                self._claims[f"{iid}:{c.id}"] for c in doc.claims if c.turn in mine and f"{iid}:{c.id}" in self._claims
            ]
            for i, s in enumerate(doc.stances):
                if s.speaker and speaker_key(s.speaker) == key:
                    stances.append(
                        StanceRow(
                            interview_id=iid,
                            interview_title=row.title,
                            kind=s.kind,
                            text=s.span.text,
                            target=target_name(doc, s.target),
                            anchor=f"s-{i}",
                        )
                    )
            for x in doc.exchanges:
                if x.answer is not None and x.answer.turn in mine:
                    answers.append(
                        AnswerRow(
                            interview_id=iid,
                            interview_title=row.title,
                            exchange=x.id,
                            question=x.question.text,
                            clarity=x.clarity.label if x.clarity else None,
                            evasion=x.evasion.label if x.evasion else None,
                            anchor="q-" + re.sub(r"[^A-Za-z0-9_-]+", "_", x.id),
                        )
                    )
        if found is None:
            return None
        clarity = Counter(a.clarity for a in answers if a.clarity)
        claims.sort(key=lambda c: -c.score)
        return SpeakerRecord(
            name=found,
            roles=sorted(roles),
            interviews=interviews,
            claims=claims,
            stances=stances,
            answers=answers,
            clarity=dict(clarity),
        )

    def claims(self, speaker: str | None = None, offset: int = 0, limit: int = 50) -> Page[ClaimRow]:
        with self._lock:
            rows = list(self._claims.values())
        if speaker:
            key = speaker_key(speaker)
            rows = [c for c in rows if c.speaker and speaker_key(c.speaker) == key]
        rows.sort(key=lambda c: (-c.score, c.id))
        return Page[ClaimRow](items=rows[offset : offset + limit], total=len(rows), offset=offset, limit=limit)

    def related(self, claim_id: str, limit: int = 10) -> RelatedClaims | None:
        """Claims elsewhere sharing content words; 'opposite' when one side is negated and the other not."""
        with self._lock:
            claim = self._claims.get(claim_id)
            if claim is None:
                return None
            mine = content_terms(claim.text)
            neg = bool(NEGATION.search(claim.text))
            scored: list[tuple[float, ClaimRow]] = []
            for other in self._claims.values():
                if other.id == claim.id:
                    continue
                theirs = content_terms(other.text)
                if not mine or not theirs:
                    continue
                overlap = len(mine & theirs) / len(mine | theirs)
                if overlap >= 0.2:
                    scored.append((overlap, other))
        scored.sort(key=lambda p: -p[0])
        related = [c for _, c in scored if bool(NEGATION.search(c.text)) == neg][:limit]
        opposite = [
            c.model_copy(update={"note": "one negates what the other asserts"})
            for _, c in scored
            if bool(NEGATION.search(c.text)) != neg
        ][:limit]
        return RelatedClaims(claim=claim, related=related, opposite=opposite)

    def search(self, q: str, filters: SearchFilters, offset: int = 0, limit: int = 20) -> SearchResult:
        terms = content_terms(q) or set(words(q))
        with self._lock:
            if terms:
                sets = sorted((self._index.get(t, set()) for t in terms), key=len)
                ids: Iterable[int] = set(sets[0]).intersection(*sets[1:]) if sets else set()
            elif any(filters.model_dump().values()):
                ids = range(len(self._hits))
            else:
                ids = ()
            hidden = set() if filters.kind else self._shadowed  # a turn that is a whole question: listed once
            found = [n for n in ids if (h := self._hits[n]) is not None and n not in hidden and _keep(h, filters)]
            phrase = " ".join(words(q))
            lower, hits = self._lower, self._hits

            def rank(n: int) -> tuple[int, float, int, int]:
                hit = hits[n]
                assert hit is not None
                exact = len(terms) > 1 and phrase in lower[n]
                return (-int(exact), -hit.score, -int(hit.interview_id) if hit.interview_id.isdigit() else 0, n)

            top = heapq.nsmallest(offset + limit, found, key=rank)[offset:]
            page = [h for n in top if (h := hits[n]) is not None]
        return SearchResult(query=q, filters=filters, total=len(found), offset=offset, limit=limit, hits=page)


def _keep(h: Hit, f: SearchFilters) -> bool:
    if f.kind and h.kind != f.kind:
        return False
    if f.speaker and (not h.speaker or speaker_key(f.speaker) not in speaker_key(h.speaker)):
        return False
    if f.role and h.role != f.role:
        return False
    if f.outlet and (not h.outlet or f.outlet.lower() not in h.outlet.lower()):
        return False
    if f.date_from and (not h.date or h.date < f.date_from):
        return False
    if f.date_to and (not h.date or h.date[: len(f.date_to)] > f.date_to):
        return False
    return not (f.clarity and (h.kind != "question" or h.clarity != f.clarity))
