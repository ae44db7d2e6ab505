"""The check-worthiness model: one logistic regression over four views of a sentence.

* word 1-2-gram TF-IDF and character 2-5-gram TF-IDF (what is said),
* a MiniLM sentence embedding (what it means, robust to wording),
* the named regex cues of :mod:`onrecord.claims.cues` (numbers, dates, tense...).

The margin is mapped to [0, 1] with a Platt sigmoid fitted on out-of-fold
margins, and the default threshold is the one that maximised positive-class F1
in grouped (by debate) cross-validation on the training data.  The artifact is
plain data: JSON (vocabularies, settings, metrics) and one ``.npz`` of weights.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from onrecord.claims.cues import CUE_NAMES, cue_matrix
from onrecord.errors import ModelError

FORMAT = "onrecord-checkworthy/1"
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "models" / "checkworthy"
# MiniLM word pieces per sentence; the shipped model was trained with this truncation.
EMBED_TOKENS = 128

Embed = Callable[[Sequence[str]], npt.NDArray[np.float32]]

WORD_PARAMS: dict[str, Any] = {"ngram_range": (1, 2), "min_df": 2, "sublinear_tf": True, "max_features": 60000}
CHAR_PARAMS: dict[str, Any] = {
    "analyzer": "char_wb",
    "ngram_range": (2, 5),
    "min_df": 3,
    "sublinear_tf": True,
    "max_features": 150000,
}


@dataclass
class Settings:
    """Hyper-parameters; the defaults are the ones chosen by grouped CV (see docs/claims.md)."""

    C: float = 1.0
    emb_weight: float = 2.0
    cue_weight: float = 1.0
    use_embeddings: bool = True
    sources: tuple[str, ...] = ("claimbuster",)

    def to_json(self) -> dict[str, Any]:
        return {
            "C": self.C,
            "emb_weight": self.emb_weight,
            "cue_weight": self.cue_weight,
            "use_embeddings": self.use_embeddings,
            "sources": list(self.sources),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Settings:
        return cls(
            C=float(d["C"]),
            emb_weight=float(d["emb_weight"]),
            cue_weight=float(d["cue_weight"]),
            use_embeddings=bool(d["use_embeddings"]),
            sources=tuple(d["sources"]),
        )


def _vectorizer(params: dict[str, Any], vocabulary: dict[str, int] | None = None) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(vocabulary=vocabulary, dtype=np.float32, **params)


_WORD_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_MULTI_WS = re.compile(r"\s\s+")


def word_ngrams(text: str) -> list[str]:
    """Exactly scikit-learn's word analyzer for ``WORD_PARAMS`` (lowercase, 1-2-grams)."""
    toks = _WORD_TOKEN.findall(text.lower())
    lo, hi = WORD_PARAMS["ngram_range"]
    out = list(toks) if lo == 1 else []
    for n in range(max(lo, 2), min(hi, len(toks)) + 1):
        out += [" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1)]
    return out


def char_wb_ngrams(text: str) -> list[str]:
    """Exactly scikit-learn's ``char_wb`` analyzer for ``CHAR_PARAMS``."""
    lo, hi = CHAR_PARAMS["ngram_range"]
    out: list[str] = []
    for w in _MULTI_WS.sub(" ", text.lower()).split():
        w = " " + w + " "
        for n in range(lo, hi + 1):
            if len(w) <= n:
                out.append(w)
                break
            out += [w[i : i + n] for i in range(len(w) - n + 1)]
    return out


class LinearTfidf:
    """The dot product of one L2-normalised, sublinear-tf TF-IDF view with its weights,
    computed straight from n-gram counts: no scikit-learn or scipy at inference time."""

    def __init__(
        self,
        vocab: list[str],
        idf: npt.NDArray[np.floating[Any]],
        coef: npt.NDArray[np.floating[Any]],
        analyzer: Callable[[str], list[str]],
    ) -> None:
        self.table: dict[str, tuple[float, float]] = {
            t: (float(i), float(c)) for t, i, c in zip(vocab, idf.tolist(), coef.tolist(), strict=True)
        }
        self.analyzer = analyzer

    def dot(self, text: str) -> float:
        counts: dict[str, int] = {}
        for g in self.analyzer(text):
            if g in self.table:
                counts[g] = counts.get(g, 0) + 1
        num = 0.0
        norm = 0.0
        for g, n in counts.items():
            idf, coef = self.table[g]
            v = (1.0 + math.log(n)) * idf
            num += v * coef
            norm += v * v
        return num / math.sqrt(norm) if norm > 0 else 0.0


class FrozenTfidf:
    """A fitted TF-IDF vectorizer as loaded from the artifact; scikit-learn is built only if asked."""

    def __init__(self, params: dict[str, Any], vocab: list[str], idf: npt.NDArray[np.floating[Any]]) -> None:
        self.params = params
        self.vocab = list(vocab)
        self.idf_ = np.asarray(idf, dtype=np.float64)
        self._sk: Any = None

    @property
    def vocabulary_(self) -> dict[str, int]:
        return {t: i for i, t in enumerate(self.vocab)}

    def transform(self, texts: list[str]) -> Any:
        if self._sk is None:
            self._sk = _vectorizer(self.params, self.vocabulary_)
            self._sk.idf_ = self.idf_
        return self._sk.transform(texts)


@dataclass
class CheckworthyModel:
    settings: Settings
    word: Any
    char: Any
    coef: npt.NDArray[np.float32]
    intercept: float
    platt_a: float
    platt_b: float
    threshold: float
    info: dict[str, Any] = field(default_factory=dict)
    embed: Embed | None = None
    _fast: tuple[LinearTfidf, LinearTfidf] | None = None

    # ---- features -------------------------------------------------------------------------------
    def features(self, texts: Sequence[str], emb: npt.NDArray[np.float32] | None = None) -> Any:
        """The scikit-learn feature matrix (used in training; scoring uses :meth:`margins`)."""
        return _features(self.settings, self.word, self.char, texts, emb if emb is not None else self._embed(texts))

    def _embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32] | None:
        if not self.settings.use_embeddings:
            return None
        if self.embed is None:
            from onrecord.embeddings import shared_embedder

            emb = shared_embedder()
            self.embed = lambda t: emb.embed(t, max_tokens=EMBED_TOKENS, batch_size=16)
        return self.embed(texts)

    # ---- scoring --------------------------------------------------------------------------------
    def margins(self, texts: Sequence[str], emb: npt.NDArray[np.float32] | None = None) -> npt.NDArray[np.float64]:
        if not texts:
            return np.zeros(0)
        t = list(texts)
        word, char = self._views()
        out = np.asarray([word.dot(x) + char.dot(x) for x in t], dtype=np.float64)
        coef = self.coef.astype(np.float64)
        rest = coef[len(word.table) + len(char.table) :]
        if self.settings.use_embeddings:
            e = emb if emb is not None else self._embed(t)
            if e is None:
                raise ModelError("this model needs sentence embeddings")
            out += (e.astype(np.float64) @ rest[: e.shape[1]]) * self.settings.emb_weight
            rest = rest[e.shape[1] :]
        out += (cue_matrix(t).astype(np.float64) @ rest) * self.settings.cue_weight
        return out + self.intercept

    def margins_sklearn(
        self, texts: Sequence[str], emb: npt.NDArray[np.float32] | None = None
    ) -> npt.NDArray[np.float64]:
        """The same margins through scikit-learn's vectorizers (training and a consistency test)."""
        x = self.features(texts, emb)
        return np.asarray(x @ self.coef.astype(np.float64), dtype=np.float64).ravel() + self.intercept

    def _views(self) -> tuple[LinearTfidf, LinearTfidf]:
        if self._fast is None:
            wv, cv = _vocab_list(self.word), _vocab_list(self.char)
            nw, nc = len(wv), len(cv)
            self._fast = (
                LinearTfidf(wv, self.word_idf(), self.coef[:nw], word_ngrams),
                LinearTfidf(cv, self.char_idf(), self.coef[nw : nw + nc], char_wb_ngrams),
            )
        return self._fast

    def word_idf(self) -> npt.NDArray[np.float64]:
        return np.asarray(self.word.idf_, dtype=np.float64)

    def char_idf(self) -> npt.NDArray[np.float64]:
        return np.asarray(self.char.idf_, dtype=np.float64)

    def scores(self, texts: Sequence[str], emb: npt.NDArray[np.float32] | None = None) -> npt.NDArray[np.float64]:
        """Calibrated probability that each sentence is check-worthy."""
        return platt(self.margins(texts, emb), self.platt_a, self.platt_b)

    # ---- persistence ----------------------------------------------------------------------------
    def save(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        vocab = {
            "word": _vocab_list(self.word),
            "char": _vocab_list(self.char),
        }
        with (out / "vocab.json").open("w", encoding="utf-8") as f:
            json.dump(vocab, f, ensure_ascii=False, separators=(",", ":"))
        np.savez_compressed(
            out / "weights.npz",
            coef=self.coef.astype(np.float32),
            word_idf=self.word.idf_.astype(np.float32),
            char_idf=self.char.idf_.astype(np.float32),
        )
        meta = {
            "format": FORMAT,
            "settings": self.settings.to_json(),
            "intercept": self.intercept,
            "platt": [self.platt_a, self.platt_b],
            "threshold": self.threshold,
            "cues": CUE_NAMES,
            "info": self.info,
        }
        (out / "model.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _vocab_list(vec: Any) -> list[str]:
    if isinstance(vec, FrozenTfidf):
        return vec.vocab
    vocab: dict[str, int] = vec.vocabulary_
    out = [""] * len(vocab)
    for term, i in vocab.items():
        out[i] = term
    return out


def platt(m: npt.NDArray[np.float64], a: float, b: float) -> npt.NDArray[np.float64]:
    z = np.clip(a * m + b, -40.0, 40.0)
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


def _features(s: Settings, word: Any, char: Any, texts: Sequence[str], emb: npt.NDArray[np.float32] | None) -> Any:
    import scipy.sparse as sp

    t = list(texts)
    mats: list[Any] = [word.transform(t), char.transform(t)]
    if s.use_embeddings:
        if emb is None:
            raise ModelError("this model needs sentence embeddings")
        mats.append(sp.csr_matrix(emb.astype(np.float32) * s.emb_weight))
    mats.append(sp.csr_matrix(cue_matrix(t) * s.cue_weight))
    return sp.hstack(mats, format="csr", dtype=np.float32)


# ---- loading ------------------------------------------------------------------------------------
_CACHE: dict[Path, CheckworthyModel] = {}


def load(path: Path | None = None) -> CheckworthyModel:
    """Load (once per process) the model saved in ``path`` (default: the shipped one)."""
    where = (path or DEFAULT_DIR).resolve()
    if where in _CACHE:
        return _CACHE[where]
    try:
        meta = json.loads((where / "model.json").read_text(encoding="utf-8"))
        vocab = json.loads((where / "vocab.json").read_text(encoding="utf-8"))
        weights = np.load(where / "weights.npz")
    except (OSError, ValueError) as e:
        raise ModelError(f"cannot load check-worthiness model from {where}: {e}") from e
    if meta.get("format") != FORMAT:
        raise ModelError(f"{where}: unknown model format {meta.get('format')!r} (expected {FORMAT})")
    word = FrozenTfidf(WORD_PARAMS, vocab["word"], weights["word_idf"])
    char = FrozenTfidf(CHAR_PARAMS, vocab["char"], weights["char_idf"])
    model = CheckworthyModel(
        settings=Settings.from_json(meta["settings"]),
        word=word,
        char=char,
        coef=np.asarray(weights["coef"], dtype=np.float32),
        intercept=float(meta["intercept"]),
        platt_a=float(meta["platt"][0]),
        platt_b=float(meta["platt"][1]),
        threshold=float(meta["threshold"]),
        info=dict(meta.get("info", {})),
    )
    _CACHE[where] = model
    return model


# ---- training -----------------------------------------------------------------------------------
def fit(
    texts: Sequence[str],
    labels: Sequence[int] | npt.NDArray[np.int_],
    settings: Settings,
    emb: npt.NDArray[np.float32] | None,
    seed: int = 0,
) -> CheckworthyModel:
    """Fit vectorizers and the logistic regression (no calibration: see :func:`train`)."""
    from sklearn.linear_model import LogisticRegression

    t = list(texts)
    word = _vectorizer(WORD_PARAMS).fit(t)
    char = _vectorizer(CHAR_PARAMS).fit(t)
    x = _features(settings, word, char, t, emb)
    clf = LogisticRegression(C=settings.C, solver="liblinear", max_iter=5000, random_state=seed)
    clf.fit(x, np.asarray(labels))
    return CheckworthyModel(
        settings=settings,
        word=word,
        char=char,
        coef=np.asarray(clf.coef_[0], dtype=np.float32),
        intercept=float(clf.intercept_[0]),
        platt_a=1.0,
        platt_b=0.0,
        threshold=0.5,
    )


def fit_platt(m: npt.NDArray[np.float64], y: npt.NDArray[np.int_]) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000)
    lr.fit(m.reshape(-1, 1), y)
    return float(lr.coef_[0][0]), float(lr.intercept_[0])


def best_threshold(y: npt.NDArray[np.int_], p: npt.NDArray[np.float64]) -> tuple[float, float]:
    """The probability threshold (on a 0.01 grid) with the highest positive-class F1, and that F1."""
    best_t, best_f = 0.5, -1.0
    pos = int(y.sum())
    for t in np.round(np.arange(0.05, 0.951, 0.01), 2):
        pred = p >= t
        tp = int((pred & (y == 1)).sum())
        denom = int(pred.sum()) + pos
        f = 2 * tp / denom if denom else 0.0
        if f > best_f + 1e-12:
            best_t, best_f = float(t), f
    return best_t, best_f


def grouped_folds(groups: Sequence[str], k: int) -> list[npt.NDArray[np.int_]]:
    """Deterministic grouped folds: groups sorted by name and dealt round-robin."""
    names = sorted(set(groups))
    fold_of = {g: i % k for i, g in enumerate(names)}
    ids = np.asarray([fold_of[g] for g in groups])
    return [np.flatnonzero(ids == f) for f in range(k)]


def train(
    texts: Sequence[str],
    labels: Sequence[int],
    groups: Sequence[str],
    settings: Settings,
    emb: npt.NDArray[np.float32] | None,
    seed: int = 0,
    folds: int = 5,
    log: Callable[[str], None] | None = None,
) -> CheckworthyModel:
    """Grouped CV for calibration and threshold, then a final fit on everything."""
    y = np.asarray(labels, dtype=np.int_)
    oof = np.zeros(len(y))
    t0 = time.time()
    for k, te in enumerate(grouped_folds(groups, folds)):
        tr = np.setdiff1d(np.arange(len(y)), te)
        m = fit([texts[i] for i in tr], y[tr], settings, None if emb is None else emb[tr], seed)
        oof[te] = m.margins([texts[i] for i in te], None if emb is None else emb[te])
        if log:
            log(f"fold {k + 1}/{folds} done ({time.time() - t0:.0f} s)")
    a, b = fit_platt(oof, y)
    threshold, cv_f1 = best_threshold(y, platt(oof, a, b))
    model = fit(texts, y, settings, emb, seed)
    model.platt_a, model.platt_b, model.threshold = a, b, threshold
    model.info = {
        "cv_folds": folds,
        "cv_f1_at_threshold": round(cv_f1, 4),
        "cv_f1_at_0.5": round(_f1(y, platt(oof, a, b) >= 0.5), 4),
        "n_train": len(y),
        "n_positive": int(y.sum()),
        "seed": seed,
        "trained_on": list(settings.sources),
    }
    return model


def _f1(y: npt.NDArray[np.int_], pred: npt.NDArray[np.bool_]) -> float:
    tp = int((pred & (y == 1)).sum())
    denom = int(pred.sum()) + int(y.sum())
    return 2 * tp / denom if denom else 0.0


def average_precision(y: Sequence[int], s: Sequence[float]) -> float:
    """Average precision of ranking by ``s`` (ties broken by input order), as the CLEF scorer does."""
    order = sorted(range(len(s)), key=lambda i: -s[i])
    hits, total = 0, 0.0
    for rank, i in enumerate(order, 1):
        if y[i]:
            hits += 1
            total += hits / rank
    pos = sum(1 for v in y if v)
    return total / pos if pos else 0.0


def log_loss(y: npt.NDArray[np.int_], p: npt.NDArray[np.float64]) -> float:
    q = np.clip(p, 1e-7, 1 - 1e-7)
    return float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))) if len(y) else math.nan
