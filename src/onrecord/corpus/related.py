"""The same claim elsewhere: nearest claims in other interviews, classed as
*same* (the assertion repeated) or *opposite* (one side negates what the other
asserts, or both give numbers about the same thing that disagree).

Embeddings are all-MiniLM-L6-v2 (int8 ONNX) through the clarity stage's
embedder; vectors are unit length so inner product is cosine.  The index is a
numpy brute-force scan below ``ANN_THRESHOLD`` claims and an HNSW graph
(usearch, which ships wheels) above it, which keeps a query in milliseconds at a
million claims.  Without usearch installed the exact scan is used at any size.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, select

from onrecord.corpus import schema
from onrecord.errors import OnrecordError

FloatArray = npt.NDArray[np.float32]
DIM = 384
ANN_THRESHOLD = 50_000
SAME_THRESHOLD = 0.80
RELATED_THRESHOLD = 0.62

_NEG_RE = re.compile(
    r"\b(not|no|never|none|nobody|nothing|neither|nor|cannot|without|deny|denies|denied|false|untrue|wrong|"
    r"reject|rejects|rejected)\b|n[’']t\b",
    re.I,
)
_NUM_RE = re.compile(r"(?<![\w.])[-+]?\$?\d[\d,]*(?:\.\d+)?\s*(?:%|percent|million|billion|trillion|thousand)?", re.I)
_WORD_RE = re.compile(r"[a-z]{3,}")


def embed_texts(texts: Sequence[str]) -> FloatArray:
    """Unit-length 384-d sentence embeddings (the MiniLM embedder every stage shares)."""
    try:
        from onrecord.embeddings import shared_embedder
    except ImportError as exc:  # pragma: no cover - the clarity package is part of onrecord
        raise OnrecordError(f"sentence embeddings unavailable: {exc}") from exc
    return np.asarray(shared_embedder().embed(list(texts)), dtype=np.float32)


def from_bytes(blob: bytes) -> FloatArray:
    return np.frombuffer(blob, dtype=np.float16).astype(np.float32)


def _import_usearch() -> Any:
    """``usearch.index``, imported after onnxruntime: loading usearch's extension first makes a later
    ``import onnxruntime`` crash the process (usearch 2.26.6, onnxruntime 1.32), so the order is fixed here."""
    with contextlib.suppress(ImportError):
        import onnxruntime  # noqa: F401
    import usearch.index

    return usearch.index


def ann_available() -> bool:
    try:
        _import_usearch()
    except ImportError:
        return False
    return True


class VectorIndex:
    """Top-k inner-product search over unit vectors: exact (numpy) or HNSW (usearch)."""

    def __init__(
        self,
        vectors: FloatArray,
        ids: npt.NDArray[np.int64],
        ann: bool | None = None,
        ef: int = 128,
        m: int = 16,
    ) -> None:
        self.ids = ids
        self.vectors = vectors
        want = len(ids) >= ANN_THRESHOLD if ann is None else ann
        self.ann = bool(want and len(ids) and ann_available())
        self._ef = ef
        self._hnsw: Any = None
        if self.ann:
            index = _import_usearch().Index(
                ndim=vectors.shape[1], metric="ip", dtype="f16", connectivity=m, expansion_add=200, expansion_search=ef
            )
            index.add(np.arange(len(ids), dtype=np.uint64), np.ascontiguousarray(vectors, dtype=np.float32), threads=0)
            self._hnsw = index

    def query(self, vecs: FloatArray, k: int) -> tuple[npt.NDArray[np.int64], FloatArray]:
        """Row positions (into ``ids``) and similarities of the k nearest, per query row."""
        k = min(k, len(self.ids))
        if k == 0:
            return np.zeros((len(vecs), 0), dtype=np.int64), np.zeros((len(vecs), 0), dtype=np.float32)
        if self._hnsw is not None:
            self._hnsw.expansion_search = max(k, self._ef)
            found = self._hnsw.search(np.ascontiguousarray(vecs, dtype=np.float32), k)
            keys = np.asarray(found.keys, dtype=np.int64).reshape(len(vecs), -1)
            dist = np.asarray(found.distances, dtype=np.float32).reshape(len(vecs), -1)
            return keys, (1.0 - dist).astype(np.float32)
        sims = vecs @ self.vectors.T
        part = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        order = np.take_along_axis(sims, part, axis=1).argsort(axis=1)[:, ::-1]
        top = np.take_along_axis(part, order, axis=1)
        return top.astype(np.int64), np.take_along_axis(sims, top, axis=1).astype(np.float32)


def negated(text: str) -> bool:
    return len(_NEG_RE.findall(text)) % 2 == 1


def numbers(text: str) -> set[str]:
    return {re.sub(r"[\s,$]", "", m.group()).lower().replace("percent", "%") for m in _NUM_RE.finditer(text)}


def relation(a: str, b: str, similarity: float) -> tuple[str, str] | None:
    """('same'|'opposite', why) for two claim texts, or None when merely similar."""
    if similarity < RELATED_THRESHOLD:
        return None
    if negated(a) != negated(b):
        return "opposite", "one negates what the other asserts"
    na, nb = numbers(a), numbers(b)
    wa, wb = set(_WORD_RE.findall(a.lower())), set(_WORD_RE.findall(b.lower()))
    overlap = len(wa & wb) / max(1, min(len(wa), len(wb)))
    if na and nb and not (na & nb) and overlap >= 0.4:
        return "opposite", f"numbers disagree ({', '.join(sorted(na))} vs {', '.join(sorted(nb))})"
    if similarity >= SAME_THRESHOLD:
        return "same", "the same assertion"
    return None


@dataclass
class Related:
    claim_id: int
    interview_id: int
    text: str
    speaker: str | None
    similarity: float
    relation: str
    why: str

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def fill_embeddings(conn: Connection, batch: int = 256) -> int:
    """Embed claims stored without a vector (e.g. ingested where the model was missing)."""
    c = schema.claims.c
    done = 0
    while True:
        rows = conn.execute(select(c.id, c.text).where(c.embedding.is_(None)).limit(batch)).all()
        if not rows:
            return done
        vecs = embed_texts([r.text for r in rows])
        for r, v in zip(rows, vecs, strict=True):
            conn.execute(schema.claims.update().where(c.id == r.id).values(embedding=v.astype(np.float16).tobytes()))
        done += len(rows)


def load_index(conn: Connection, ann: bool | None = None) -> tuple[VectorIndex, npt.NDArray[np.int64]]:
    """All claim vectors: (index, interview id per row)."""
    c = schema.claims.c
    rows = conn.execute(select(c.id, c.interview_id, c.embedding).where(c.embedding.is_not(None))).all()
    if not rows:
        return VectorIndex(np.zeros((0, DIM), np.float32), np.zeros(0, np.int64), ann=False), np.zeros(0, np.int64)
    vecs = np.vstack([from_bytes(r.embedding) for r in rows]).astype(np.float32)
    ids = np.asarray([r.id for r in rows], dtype=np.int64)
    iv = np.asarray([r.interview_id for r in rows], dtype=np.int64)
    return VectorIndex(vecs, ids, ann=ann), iv


def related(
    conn: Connection, claim_pk: int, k: int = 10, index: tuple[VectorIndex, Any] | None = None
) -> list[Related]:
    """Claims in *other* interviews that repeat or oppose claim ``claim_pk``."""
    c = schema.claims.c
    row = conn.execute(select(c.id, c.interview_id, c.text, c.embedding).where(c.id == claim_pk)).first()
    if row is None:
        raise OnrecordError(f"no claim {claim_pk} in this corpus (see 'onrecord search --kind claim')")
    if row.embedding is None:
        fill_embeddings(conn)
        row = conn.execute(select(c.id, c.interview_id, c.text, c.embedding).where(c.id == claim_pk)).first()
        assert row is not None
    idx, interview_of = index or load_index(conn)
    q = from_bytes(row.embedding)[None, :]
    pos, sims = idx.query(q, min(len(idx.ids), k * 5 + 20))
    cands = [
        (int(idx.ids[p]), float(s))
        for p, s in zip(pos[0], sims[0], strict=True)
        if int(interview_of[p]) != int(row.interview_id)
    ]
    if not cands:
        return []
    texts = {
        int(r.id): r
        for r in conn.execute(
            select(c.id, c.interview_id, c.text, c.speaker_name).where(c.id.in_([cid for cid, _ in cands]))
        ).all()
    }
    out: list[Related] = []
    for cid, sim in cands:
        other = texts[cid]
        rel = relation(row.text, other.text, sim)
        if rel is not None:
            out.append(Related(cid, int(other.interview_id), other.text, other.speaker_name, round(sim, 4), *rel))
        if len(out) >= k:
            break
    return out
