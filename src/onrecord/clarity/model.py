"""The clarity / evasion classifier: features + MiniLM embeddings -> blended softmax heads.

Each head (9-class evasion, 3-class clarity) is a blend of a logistic regression
over the whole design matrix (hand-made features, question-answer similarity,
MiniLM block) and gradient-boosted trees over the hand-made features and the
similarity (:mod:`onrecord.clarity.trees`), then temperature-scaled.  The
artifact is two small files in a directory (``model.npz`` with the
standardiser, the weights, the trees as arrays, the temperatures and decision
offsets; ``model.json`` with labels, feature layout and the training record),
so loading it is a numpy read, with no pickles.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from onrecord.clarity import features as feats
from onrecord.clarity.encoder import A_PIECES, Q_PIECES, PairEncoder
from onrecord.clarity.labels import CLARITY_LABELS, EVASION_LABELS, EVASION_PARENT
from onrecord.clarity.ngrams import NgramHead
from onrecord.clarity.trees import TREE_ARRAYS, raw_scores
from onrecord.embeddings import MiniLMEmbedder, shared_embedder
from onrecord.errors import ModelError

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "clarity"
ARTIFACT_VERSION = 2
#: leading columns of the design matrix that the trees read: the hand-made features and (in a model with
#: frozen MiniLM vectors) the question-answer similarity
N_FEATURES = len(feats.FEATURE_NAMES)
N_HAND = N_FEATURES + 1


def hand_columns(vectors: bool) -> int:
    """How many leading design-matrix columns the trees read, with or without the frozen vectors."""
    return N_HAND if vectors else N_FEATURES


FloatArray = npt.NDArray[np.float64]

#: MiniLM truncation lengths (word pieces) of the embedded texts.  Short on purpose: on 2 slow cores MiniLM
#: costs about 0.5 ms of CPU per word piece, and the speed target is 50 exchanges/s (see docs/clarity.md).
Q_TOKENS = 32
A_TOKENS = 32


@dataclass(frozen=True)
class Pair:
    """One exchange to label: a (sub-)question, the answer, and optionally the whole interviewer turn."""

    question: str
    answer: str
    context: str | None = None


@dataclass(frozen=True)
class Prediction:
    clarity: str
    clarity_confidence: float
    evasion: str
    evasion_confidence: float
    clarity_probs: dict[str, float] = field(default_factory=dict)
    evasion_probs: dict[str, float] = field(default_factory=dict)
    source: str = "model"

    def as_json(self) -> dict[str, Any]:
        return {
            "clarity": {"label": self.clarity, "confidence": round(self.clarity_confidence, 4)},
            "evasion": {"label": self.evasion, "confidence": round(self.evasion_confidence, 4)},
        }


def _softmax(z: FloatArray) -> FloatArray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: FloatArray = e / e.sum(axis=1, keepdims=True)
    return out


def embedding_blocks(pairs: Sequence[Pair], embedder: MiniLMEmbedder | None = None) -> tuple[FloatArray, FloatArray]:
    """MiniLM vectors of the questions and the answer openings (identical texts embedded once)."""
    emb = embedder or shared_embedder()
    answers = [feats.clean_answer(p.answer) for p in pairs]
    questions = [p.question for p in pairs]

    def unique_embed(texts: list[str], tokens: int) -> FloatArray:
        uniq = sorted(set(texts))
        pos = {t: i for i, t in enumerate(uniq)}
        vecs = emb.embed(uniq, max_tokens=tokens).astype(np.float64)
        return vecs[[pos[t] for t in texts]] if texts else np.zeros((0, vecs.shape[1]))

    return unique_embed(questions, Q_TOKENS), unique_embed(answers, A_TOKENS)


def design_matrix(
    pairs: Sequence[Pair],
    blocks: Sequence[str],
    embedder: MiniLMEmbedder | None = None,
    cached: tuple[FloatArray, FloatArray] | None = None,
    vectors: bool = True,
) -> FloatArray:
    """The model input: hand-made features, then (when ``vectors``) the question-answer similarity of the
    frozen MiniLM vectors and the embedding blocks named in ``blocks``.  Without vectors nothing is embedded:
    a model whose pair encoder reads the texts may not need them (see the model card)."""
    hand = np.asarray([feats.features(p.question, p.answer, p.context) for p in pairs], dtype=np.float64)
    hand = hand.reshape(len(pairs), N_FEATURES)
    if not vectors:
        if blocks:
            raise ModelError("embedding blocks need the frozen MiniLM vectors")
        return hand
    q, a = cached if cached is not None else embedding_blocks(pairs, embedder)
    sims = (q * a).sum(1, keepdims=True) if len(pairs) else np.zeros((0, 1))
    parts = [hand, sims]
    table = {"q": q, "a": a, "qa": q * a}
    for b in blocks:
        if b not in table:
            raise ModelError(f"unknown feature block {b!r}")
        parts.append(table[b])
    return np.hstack(parts)


class ClarityModel:
    """Loaded artifact; :meth:`predict_pairs` labels exchanges in batches."""

    def __init__(
        self,
        arrays: Mapping[str, FloatArray],
        meta: Mapping[str, Any],
        ngram_vocab: Mapping[str, Sequence[str]] | None = None,
        model_dir: Path | None = None,
    ) -> None:
        self.meta = dict(meta)
        if self.meta.get("artifact_version") != ARTIFACT_VERSION:
            got = self.meta.get("artifact_version")
            raise ModelError(f"clarity model artifact version {got} != {ARTIFACT_VERSION}")
        if list(self.meta.get("feature_names", [])) != feats.FEATURE_NAMES:
            raise ModelError("clarity model was trained with a different feature set; retrain it")
        self.blocks: list[str] = list(self.meta["blocks"])
        #: models trained before this option existed all had the vectors
        self.vectors = bool(self.meta.get("frozen_vectors", True))
        self.n_hand = hand_columns(self.vectors)
        self.mean = np.asarray(arrays["mean"], dtype=np.float64)
        self.scale = np.asarray(arrays["scale"], dtype=np.float64)
        self.w_e = np.asarray(arrays["w_e"], dtype=np.float64)
        self.b_e = np.asarray(arrays["b_e"], dtype=np.float64)
        self.w_c = np.asarray(arrays["w_c"], dtype=np.float64)
        self.b_c = np.asarray(arrays["b_c"], dtype=np.float64)
        self.t_e = _scalar(arrays["t_e"])
        self.t_c = _scalar(arrays["t_c"])
        self.bias_e = np.asarray(arrays["bias_e"], dtype=np.float64)
        self.bias_c = np.asarray(arrays["bias_c"], dtype=np.float64)
        self.mix = _scalar(arrays["mix"])
        self.blend = _scalar(arrays["blend"]) if "blend" in arrays else 0.0
        self.trees_e: dict[str, FloatArray] = {}
        self.trees_c: dict[str, FloatArray] = {}
        if self.blend > 0:
            for name in TREE_ARRAYS:
                self.trees_e[name] = np.asarray(arrays[f"gb_e_{name}"], dtype=np.float64)
                self.trees_c[name] = np.asarray(arrays[f"gb_c_{name}"], dtype=np.float64)
        self.ngram_weight = _scalar(arrays["ngram_weight"]) if "ngram_weight" in arrays else 0.0
        self.ngram_e: NgramHead | None = None
        self.ngram_c: NgramHead | None = None
        if self.ngram_weight > 0:
            if ngram_vocab is None:
                raise ModelError("clarity model uses n-grams but has no n-gram vocabulary")
            va, vq = list(ngram_vocab["answer"]), list(ngram_vocab["question"])
            idf = {"idf_a": arrays["ng_idf_a"], "idf_q": arrays["ng_idf_q"]}
            try:
                self.ngram_e = NgramHead(va, vq, {**idf, "w": arrays["ng_w_e"], "b": arrays["ng_b_e"]})
                self.ngram_c = NgramHead(va, vq, {**idf, "w": arrays["ng_w_c"], "b": arrays["ng_b_c"]})
            except ValueError as exc:
                raise ModelError(f"clarity model n-gram head: {exc}") from exc
        self.encoder_weight = _scalar(arrays["encoder_weight"]) if "encoder_weight" in arrays else 0.0
        self.trees_read_encoder = bool(self.meta.get("trees_read_encoder"))
        self.encoder: PairEncoder | None = None
        if self.encoder_weight > 0 or self.trees_read_encoder:
            info = self.meta.get("pair_encoder")
            if not isinstance(info, Mapping) or model_dir is None:
                raise ModelError("clarity model uses a pair encoder but does not say where it is")
            trained_on = (info.get("q_pieces"), info.get("a_pieces"))
            if trained_on != (Q_PIECES, A_PIECES):
                raise ModelError(
                    f"the clarity pair encoder was trained on (question, answer) word pieces {trained_on}, but this"
                    f" onrecord builds {(Q_PIECES, A_PIECES)}: retrain it with 'onrecord train clarity-encoder'"
                )
            self.encoder = PairEncoder(Path(model_dir) / str(info["file"]), sha256=str(info["sha256"]))
        if self.w_e.shape != (len(EVASION_LABELS), self.mean.shape[0]) or self.w_c.shape != (
            len(CLARITY_LABELS),
            self.mean.shape[0],
        ):
            raise ModelError("clarity model weights have the wrong shape")
        self._embedder: MiniLMEmbedder | None = None

    @classmethod
    def load(cls, path: str | Path | None = None) -> ClarityModel:
        d = Path(path) if path is not None else MODEL_DIR
        npz, js, ng = d / "model.npz", d / "model.json", d / "ngrams.json"
        if not npz.is_file() or not js.is_file():
            raise ModelError(f"no clarity model in {d} (train one with `onrecord train clarity`)")
        try:
            with np.load(npz, allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
            meta = json.loads(js.read_text(encoding="utf-8"))
            vocab = json.loads(ng.read_text(encoding="utf-8")) if ng.is_file() else None
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read the clarity model in {d}: {exc}") from exc
        try:
            return cls(arrays, meta, vocab, model_dir=d)
        except KeyError as exc:
            raise ModelError(f"clarity model in {d} lacks {exc}") from exc

    @property
    def embedder(self) -> MiniLMEmbedder:
        if self._embedder is None:
            self._embedder = shared_embedder()
        return self._embedder

    def probabilities(self, x: FloatArray, pairs: Sequence[Pair] | None = None) -> tuple[FloatArray, FloatArray]:
        """Calibrated (clarity 3-class, evasion 9-class) probabilities for a design matrix
        (and, when the model has n-gram heads or a pair encoder, the pairs the matrix was made from)."""
        z_enc: FloatArray | None = None
        if self.encoder is not None:
            texts = self._pairs_for(x, pairs)
            z_enc = self.encoder.logits([p.question for p in texts], [feats.clean_answer(p.answer) for p in texts])
        z = (x - self.mean) / self.scale
        pe = _softmax(z @ self.w_e.T + self.b_e)
        pc_direct = _softmax(z @ self.w_c.T + self.b_c)
        if self.blend > 0:
            hand = x[:, : self.n_hand]
            if z_enc is not None and self.trees_read_encoder:
                hand = np.hstack([hand, z_enc])
            pe = (1.0 - self.blend) * pe + self.blend * _softmax(raw_scores(self.trees_e, hand))
            pc_direct = (1.0 - self.blend) * pc_direct + self.blend * _softmax(raw_scores(self.trees_c, hand))
        if self.ngram_e is not None and self.ngram_c is not None:
            pairs = self._pairs_for(x, pairs)
            qs, ans = [p.question for p in pairs], [p.answer for p in pairs]
            w = self.ngram_weight
            pe = (1.0 - w) * pe + w * _softmax(self.ngram_e.logits(qs, ans))
            pc_direct = (1.0 - w) * pc_direct + w * _softmax(self.ngram_c.logits(qs, ans))
        if z_enc is not None and self.encoder_weight > 0:
            n_e, w = len(EVASION_LABELS), self.encoder_weight
            pe = (1.0 - w) * pe + w * _softmax(z_enc[:, :n_e])
            pc_direct = (1.0 - w) * pc_direct + w * _softmax(z_enc[:, n_e:])
        # temperature scaling of the blended distributions (fitted on out-of-fold predictions)
        pe = _softmax(np.log(np.clip(pe, 1e-12, None)) / self.t_e)
        pc_direct = _softmax(np.log(np.clip(pc_direct, 1e-12, None)) / self.t_c)
        agg = np.zeros((x.shape[0], len(CLARITY_LABELS)))
        for j, parent in enumerate(EVASION_PARENT):
            agg[:, parent] += pe[:, j]
        pc = self.mix * pc_direct + (1.0 - self.mix) * agg
        return pc, pe

    @staticmethod
    def _pairs_for(x: FloatArray, pairs: Sequence[Pair] | None) -> Sequence[Pair]:
        """The n-gram heads and the pair encoder read the texts, not the design matrix."""
        if pairs is None or len(pairs) != x.shape[0]:
            raise ModelError("this clarity model needs the pairs the design matrix was made from")
        return pairs

    def decide(self, pc: FloatArray, pe: FloatArray) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Decision rule: argmax after the per-class offsets chosen by cross-validation for macro-F1.

        The evasion label is picked among the fine labels of the chosen clarity class, so the two
        always agree (a Clear Reply is Explicit; see the model card for what this costs in CV).
        """
        return decide(pc, pe, self.bias_c, self.bias_e)

    def predict_pairs(self, pairs: Iterable[Pair | Mapping[str, Any]], batch_size: int = 256) -> list[Prediction]:
        items = [p if isinstance(p, Pair) else _pair(p) for p in pairs]
        out: list[Prediction] = []
        for b in range(0, len(items), batch_size):
            chunk = items[b : b + batch_size]
            x = design_matrix(chunk, self.blocks, self.embedder if self.vectors else None, vectors=self.vectors)
            pc, pe = self.probabilities(x, chunk)
            ci, ei = self.decide(pc, pe)
            for i in range(len(chunk)):
                out.append(
                    Prediction(
                        clarity=CLARITY_LABELS[ci[i]],
                        clarity_confidence=float(pc[i, ci[i]]),
                        evasion=EVASION_LABELS[ei[i]],
                        evasion_confidence=float(pe[i, ei[i]]),
                        clarity_probs={lab: float(pc[i, k]) for k, lab in enumerate(CLARITY_LABELS)},
                        evasion_probs={lab: float(pe[i, k]) for k, lab in enumerate(EVASION_LABELS)},
                    )
                )
        return out


def decide(
    pc: FloatArray, pe: FloatArray, bias_c: FloatArray, bias_e: FloatArray
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(clarity, evasion) indices: offset argmax for clarity, then the best evasion label under it."""
    ci = np.argmax(np.log(np.clip(pc, 1e-12, None)) + bias_c, axis=1).astype(np.int64)
    parent = np.asarray(EVASION_PARENT, dtype=np.int64)
    score = np.log(np.clip(pe, 1e-12, None)) + bias_e
    score = np.where(parent[None, :] == ci[:, None], score, -np.inf)
    return ci, np.argmax(score, axis=1).astype(np.int64)


def _scalar(value: FloatArray) -> float:
    """A stored scalar (0-d, or 1-element as the reproducible npz writer stores it)."""
    return float(np.asarray(value, dtype=np.float64).reshape(-1)[0])


def _pair(obj: Mapping[str, Any]) -> Pair:
    q, a, c = obj.get("question"), obj.get("answer"), obj.get("context")
    if not isinstance(q, str) or not isinstance(a, str):
        raise ModelError('each pair needs string "question" and "answer" fields')
    if c is not None and not isinstance(c, str):
        raise ModelError('"context", when given, must be a string')
    return Pair(q, a, c)


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> ClarityModel:
    """The shipped model (or the one in ``path``), loaded once per process."""
    return ClarityModel.load(path)


def predict_pairs(pairs: Iterable[Pair | Mapping[str, Any]], model_dir: str | None = None) -> list[Prediction]:
    """Label question-answer pairs (dicts with question/answer/context or :class:`Pair`) in batches."""
    return load_model(model_dir).predict_pairs(pairs)
