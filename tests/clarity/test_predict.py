from __future__ import annotations

import math

import numpy as np
import pytest

from onrecord.clarity import CLARITY_LABELS, EVASION_LABELS, EVASION_TO_CLARITY, predict_pairs
from onrecord.clarity.model import N_FEATURES, Pair, design_matrix, load_model
from onrecord.errors import ModelError

PAIRS = [
    {
        "question": "When will you announce the sanctions?",
        "answer": "I'm not going to get into that. We will disclose this information after the meeting.",
    },
    {
        "question": "How many troops are still in the country?",
        "answer": "I don't know. I haven't seen the latest numbers, so I can't tell you.",
    },
    {
        "question": "Will you veto the bill if it reaches your desk?",
        "answer": "Yes. I will veto the bill if it reaches my desk, and I've told the Speaker that.",
    },
    {"question": "Do you support the ceasefire?", "answer": "What do you mean? Which ceasefire?"},
]


def test_obvious_pairs() -> None:
    preds = predict_pairs(PAIRS)
    assert len(preds) == len(PAIRS)
    refusal, ignorance, yes, clarify = preds
    assert refusal.clarity == "Clear Non-Reply" and refusal.evasion == "Declining to answer"
    assert ignorance.clarity == "Clear Non-Reply" and ignorance.evasion == "Claims ignorance"
    assert yes.clarity == "Clear Reply" and yes.evasion == "Explicit"
    assert clarify.clarity == "Clear Non-Reply" and clarify.evasion == "Clarification"


def test_probabilities_are_consistent() -> None:
    for p in predict_pairs(PAIRS):
        assert p.clarity in CLARITY_LABELS and p.evasion in EVASION_LABELS
        assert math.isclose(sum(p.clarity_probs.values()), 1.0, abs_tol=1e-6)
        assert math.isclose(sum(p.evasion_probs.values()), 1.0, abs_tol=1e-6)
        assert 0.0 < p.clarity_confidence <= 1.0 and p.clarity_confidence == p.clarity_probs[p.clarity]
        assert p.as_json()["evasion"]["label"] == p.evasion
        assert set(EVASION_TO_CLARITY) == set(EVASION_LABELS)


def test_batching_does_not_change_results() -> None:
    model = load_model()
    together = model.predict_pairs(PAIRS, batch_size=256)
    apart = [model.predict_pairs([p])[0] for p in PAIRS]
    for a, b in zip(together, apart, strict=True):
        assert a.evasion == b.evasion and a.clarity == b.clarity
        assert abs(a.evasion_confidence - b.evasion_confidence) < 0.02


def test_empty_input() -> None:
    assert predict_pairs([]) == []


def test_without_vectors_the_design_matrix_is_the_hand_features_alone() -> None:
    pairs = [Pair(p["question"], p["answer"]) for p in PAIRS]
    x = design_matrix(pairs, (), embedder=None, vectors=False)  # no embedder is loaded for it
    assert x.shape == (len(PAIRS), N_FEATURES) and np.isfinite(x).all()
    with pytest.raises(ModelError, match="vectors"):
        design_matrix(pairs, ("a",), vectors=False)
