"""The fine-tuned pair encoder: all-MiniLM-L6-v2 trained as a cross-encoder on QEvasion.

The frozen MiniLM vectors of the model's other heads see the question and the
answer apart; this encoder reads them together ("[CLS] question [SEP] answer
opening [SEP]"), so attention can tell whether the answer takes up what was
asked.  It is fine-tuned by :mod:`onrecord.clarity.finetune` (torch, the
``train`` extra) and shipped as an int8 ONNX graph, so running it needs only
onnxruntime and the vendored tokenizer, never torch.

The input layout lives here, in one function, because training and inference
must build identical token ids.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from onrecord.embeddings import TOKENIZER_PATH, TOKENIZER_SHA256, checked_file, cpu_session
from onrecord.errors import ModelError

ENCODER_FILE = "encoder.onnx"
#: word pieces kept of the question and of the answer opening.  Short because the encoder runs on
#: every exchange and the speed target is 50 exchanges/s on 2 cores (about 0.25 ms per piece).
Q_PIECES = 24
A_PIECES = 40
#: outputs: 9 evasion logits, then 3 clarity logits
N_OUT = 12
#: The int8 graph quantises activations with one scale per batch, so a pair's logits would depend on the
#: pairs batched with it (up to 0.7 in a logit, 2% of clarity decisions on the public test).  One pair per
#: run makes an exchange's label its own; at about 67 pieces a pair this costs about a quarter of the speed.
BATCH = 1
CLS, SEP = 101, 102

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def load_tokenizer() -> Any:
    """The vendored WordPiece tokenizer, without the padding and truncation it ships with."""
    from tokenizers import Tokenizer

    checked_file(TOKENIZER_PATH, TOKENIZER_SHA256, "MiniLM tokenizer")
    tok = Tokenizer.from_file(str(TOKENIZER_PATH))
    tok.no_padding()
    tok.no_truncation()
    return tok


def pair_ids(tokenizer: Any, questions: Sequence[str], answers: Sequence[str]) -> list[tuple[list[int], list[int]]]:
    """(token ids, token type ids) of each pair: ``[CLS] q [SEP] a [SEP]``, each side cut to its budget."""
    qs = tokenizer.encode_batch([q or " " for q in questions], add_special_tokens=False)
    ans = tokenizer.encode_batch([a or " " for a in answers], add_special_tokens=False)
    out: list[tuple[list[int], list[int]]] = []
    for q, a in zip(qs, ans, strict=True):
        qi, ai = q.ids[:Q_PIECES], a.ids[:A_PIECES]
        out.append(([CLS, *qi, SEP, *ai, SEP], [0] * (len(qi) + 2) + [1] * (len(ai) + 1)))
    return out


def padded(rows: Sequence[tuple[list[int], list[int]]]) -> tuple[IntArray, IntArray, IntArray]:
    """Right-padded (input ids, token types, attention mask) of a batch."""
    width = max(len(ids) for ids, _ in rows)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    types = np.zeros_like(ids)
    mask = np.zeros_like(ids)
    for r, (i, t) in enumerate(rows):
        ids[r, : len(i)] = i
        types[r, : len(t)] = t
        mask[r, : len(i)] = 1
    return ids, types, mask


class PairEncoder:
    """Loaded ``encoder.onnx``; :meth:`logits` scores pairs in length-sorted batches."""

    def __init__(self, path: Path, sha256: str | None = None) -> None:
        if sha256 is not None:
            checked_file(path, sha256, "clarity encoder")
        elif not path.is_file():
            raise ModelError(f"clarity encoder not found at {path}")
        self._tokenizer = load_tokenizer()
        try:
            self._session = cpu_session(path)
        except ImportError as exc:  # pragma: no cover - core dependency
            raise ModelError(f"the clarity encoder needs onnxruntime: {exc}") from exc
        except Exception as exc:  # onnxruntime raises its own exception types for a bad graph
            raise ModelError(f"cannot load the clarity encoder {path}: {exc}") from exc
        self._lock = threading.Lock()

    def logits(self, questions: Sequence[str], answers: Sequence[str]) -> FloatArray:
        """(n, 12) raw scores: 9 evasion classes, then 3 clarity classes."""
        if not len(questions):
            return np.zeros((0, N_OUT), dtype=np.float64)
        return self.logits_of_rows(pair_ids(self._tokenizer, questions, answers))

    def logits_of_rows(self, rows: Sequence[tuple[list[int], list[int]]]) -> FloatArray:
        """:meth:`logits` of pairs already laid out by :func:`pair_ids`."""
        out = np.zeros((len(rows), N_OUT), dtype=np.float64)
        with self._lock:
            for b in range(0, len(rows), BATCH):
                ids, types, mask = padded(rows[b : b + BATCH])
                feed = {"input_ids": ids, "token_type_ids": types, "attention_mask": mask}
                out[b : b + BATCH] = np.asarray(self._session.run(None, feed)[0], dtype=np.float64)
        return out
