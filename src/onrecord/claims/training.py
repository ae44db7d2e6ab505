"""Training and evaluation of the check-worthiness model from ``shared/data/claims``.

``train_model`` is what ``onrecord train checkworthy`` runs; ``evaluate_model``
is ``onrecord evaluate checkworthy``.  CheckThat! 2024 ``dev-test.tsv`` is never
used for training or for choosing anything: only for the reported F1.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from onrecord.claims import data as D
from onrecord.claims.model import (
    CheckworthyModel,
    Settings,
    average_precision,
    fit,
    grouped_folds,
    train,
)
from onrecord.errors import InputError

Log = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def load_examples(data: Path, sources: Sequence[str]) -> list[D.Example]:
    out: list[D.Example] = []
    for src in sources:
        if src == "claimbuster":
            out += D.claimbuster(data)
        elif src in ("clef2019", "clef2020"):
            out += D.clef(data, src.removeprefix("clef"))
        else:
            raise InputError(f"unknown training source {src!r} (claimbuster, clef2019, clef2020)")
    return out


class EmbeddingCache:
    """MiniLM vectors keyed by the sha1 of the text, optionally persisted as .npz (saves minutes on re-runs)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.vecs: dict[str, npt.NDArray[np.float32]] = {}
        if path is not None and path.exists():
            z = np.load(path)
            self.vecs = dict(zip(z["keys"].tolist(), z["vecs"], strict=True))

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def encode(self, texts: Sequence[str], log: Log = _quiet) -> npt.NDArray[np.float32]:
        from onrecord.claims.model import EMBED_TOKENS
        from onrecord.embeddings import shared_embedder

        keys = [self.key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self.vecs}.items())
        if missing:
            log(f"embedding {len(missing)} sentences with MiniLM (int8 ONNX)...")
            emb = shared_embedder()
            for b in range(0, len(missing), 2048):
                chunk = missing[b : b + 2048]
                vecs = emb.embed([t for _, t in chunk], max_tokens=EMBED_TOKENS, batch_size=64)
                for (k, _), v in zip(chunk, vecs, strict=True):
                    self.vecs[k] = v
                log(f"  {min(b + 2048, len(missing))}/{len(missing)}")
            self.save()
        return np.stack([self.vecs[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, 384), np.float32)

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(self.vecs)
        np.savez(self.path, keys=np.asarray(keys), vecs=np.stack([self.vecs[k] for k in keys]))


def train_model(
    data: Path,
    out: Path | None,
    seed: int = 0,
    settings: Settings | None = None,
    limit: int | None = None,
    cache: EmbeddingCache | None = None,
    log: Log = _quiet,
) -> CheckworthyModel:
    """Train on ``settings.sources`` with grouped-CV calibration; save to ``out``."""
    s = settings or Settings()
    ex = load_examples(data, s.sources)
    if limit is not None:
        ex = _subset(ex, limit, seed)
    texts = [e.text for e in ex]
    emb = (cache or EmbeddingCache()).encode(texts, log) if s.use_embeddings else None
    log(f"training on {len(ex)} sentences ({sum(e.label for e in ex)} check-worthy) from {', '.join(s.sources)}")
    model = train(texts, [e.label for e in ex], [e.group for e in ex], s, emb, seed=seed, log=log)
    model.info["data_sha256"] = _fingerprint(ex)
    if out is not None:
        model.save(out)
        log(f"saved {out}")
    return model


def _subset(ex: list[D.Example], limit: int, seed: int) -> list[D.Example]:
    """A deterministic subset of whole groups, about ``limit`` sentences."""
    groups = sorted({e.group for e in ex})
    rng = np.random.default_rng(seed)
    rng.shuffle(groups)
    keep: set[str] = set()
    n = 0
    for g in groups:
        if n >= limit:
            break
        keep.add(g)
        n += sum(1 for e in ex if e.group == g)
    return [e for e in ex if e.group in keep]


def _fingerprint(ex: Sequence[D.Example]) -> str:
    h = hashlib.sha256()
    for e in ex:
        h.update(f"{e.group}\t{e.label}\t{e.text}\n".encode())
    return h.hexdigest()


def _f1(y: npt.NDArray[np.int_], pred: npt.NDArray[np.bool_]) -> tuple[float, float, float]:
    tp = float((pred & (y == 1)).sum())
    p = tp / pred.sum() if pred.sum() else 0.0
    r = tp / y.sum() if y.sum() else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def evaluate_devtest(model: CheckworthyModel, data: Path, threshold: float | None = None) -> dict[str, Any]:
    dt = D.checkthat2024_devtest(data)
    y = np.asarray([e.label for e in dt], dtype=np.int_)
    p = model.scores([e.text for e in dt])
    t = model.threshold if threshold is None else threshold
    f, prec, rec = _f1(y, p >= t)
    return {
        "set": "CheckThat! 2024 task 1 English dev-test",
        "n": len(dt),
        "positives": int(y.sum()),
        "threshold": t,
        "f1_positive": round(f, 4),
        "precision": round(prec, 4),
        "recall": round(rec, 4),
    }


def clef2019_cv_map(
    data: Path,
    settings: Settings,
    folds: int = 5,
    seed: int = 0,
    cache: EmbeddingCache | None = None,
    log: Log = _quiet,
) -> dict[str, Any]:
    """MAP over CLEF 2019 transcripts, grouped CV: each fold's transcripts are scored by a model
    trained without them (nor any other transcript or debate that shares sentences with them)."""
    c19 = D.clef(data, "2019")
    pools = load_examples(data, [s for s in settings.sources if s != "clef2019"])
    if "clef2019" in settings.sources:
        pools += c19
    cache = cache or EmbeddingCache()
    groups = [e.group for e in c19]
    names = sorted(set(groups))
    aps: dict[str, float] = {}
    for k, te_idx in enumerate(grouped_folds(groups, folds)):
        held = {groups[i] for i in te_idx}
        held_texts = {c19[i].text for i in te_idx if len(c19[i].text) > 30}
        overlapping = {e.group for e in pools if e.text in held_texts}
        tr = [e for e in pools if e.group not in held and e.group not in overlapping]
        texts = [e.text for e in tr]
        emb = cache.encode(texts, log) if settings.use_embeddings else None
        m = fit(texts, [e.label for e in tr], settings, emb, seed)
        for g in sorted(held):
            te = [e for e in c19 if e.group == g]
            te_texts = [e.text for e in te]
            s = m.margins(te_texts, cache.encode(te_texts) if settings.use_embeddings else None)
            aps[g] = average_precision([e.label for e in te], s.tolist())
        log(f"fold {k + 1}/{folds}: {len(tr)} training sentences, left out {len(overlapping)} overlapping groups")
    return {
        "set": "CLEF CheckThat! 2019 task 1 training transcripts, grouped CV",
        "folds": folds,
        "transcripts": len(names),
        "map": round(float(np.mean(list(aps.values()))), 4),
        "ap_per_transcript": {g.split(":", 1)[1]: round(v, 4) for g, v in sorted(aps.items())},
    }
