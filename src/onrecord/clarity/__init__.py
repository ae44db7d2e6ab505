"""Clarity and evasion labels for question-answer exchanges (QEvasion / SemEval-2026 CLARITY taxonomy).

    from onrecord.clarity import predict_pairs
    predict_pairs([{"question": "Will you run again?", "answer": "I'm not going to get into that."}])

The model (hand-made features + MiniLM int8 ONNX embeddings -> calibrated
logistic heads blended with gradient-boosted trees) is described in docs/clarity.md and its MODEL_CARD.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from onrecord.clarity.labels import CLARITY_LABELS, EVASION_LABELS, EVASION_TO_CLARITY
from onrecord.clarity.model import ClarityModel, Pair, Prediction, load_model

__all__ = [
    "CLARITY_LABELS",
    "EVASION_LABELS",
    "EVASION_TO_CLARITY",
    "ClarityModel",
    "Pair",
    "Prediction",
    "load_model",
    "predict_pairs",
]


def predict_pairs(
    pairs: Iterable[Pair | Mapping[str, Any]], model_dir: str | None = None, llm: bool = False
) -> list[Prediction]:
    """Label exchanges in batches; with ``llm=True`` and an endpoint configured, low-confidence
    ones get a second opinion from an OpenAI-compatible chat model (see :mod:`onrecord.clarity.llm`)."""
    items = list(pairs)
    preds = load_model(model_dir).predict_pairs(items)
    if llm:
        from onrecord.clarity.llm import second_opinion

        preds = second_opinion(items, preds)
    return preds
