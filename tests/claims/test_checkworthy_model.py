"""The shipped check-worthiness model: loads fast, separates obvious cases, is calibrated to [0, 1]."""

from __future__ import annotations

import json
import time
from pathlib import Path

from onrecord.claims import detect
from onrecord.claims.model import DEFAULT_DIR, FORMAT, load

CHECKWORTHY = [
    "Unemployment went up by 3 percent last year, the highest rise since 1982.",
    "We have cut taxes for 95 percent of working families.",
    "The country spent $700 billion on the war in Iraq.",
    "Crime in our cities has doubled over the last ten years.",
    "My opponent voted against the defense budget 14 times.",
]
NOT_CHECKWORTHY = [
    "Thank you very much.",
    "Good evening and welcome.",
    "I think that's a great question.",
    "Let me finish, please.",
    "What do you say to that?",
]


def test_artifact_is_small_and_plain_data() -> None:
    meta = json.loads((DEFAULT_DIR / "model.json").read_text())
    assert meta["format"] == FORMAT
    assert 0.0 < meta["threshold"] < 1.0
    size = sum(p.stat().st_size for p in Path(DEFAULT_DIR).iterdir() if p.is_file())
    assert size < 50 * 1024 * 1024
    assert (DEFAULT_DIR / "MODEL_CARD.md").is_file()


def test_loads_in_under_two_seconds() -> None:
    t = time.perf_counter()
    m = load()
    m.scores(["Warm-up sentence with 3 numbers."])
    assert time.perf_counter() - t < 2.0 or m is load()  # already loaded by another test: cached


def test_obvious_cases() -> None:
    hits = detect.score_sentences(CHECKWORTHY + NOT_CHECKWORTHY)
    pos, neg = hits[: len(CHECKWORTHY)], hits[len(CHECKWORTHY) :]
    assert all(0.0 <= h.score <= 1.0 for h in hits)
    assert sum(h.label for h in pos) >= 4, [h.score for h in pos]
    assert not any(h.label for h in neg), [h.score for h in neg]
    assert min(h.score for h in pos) > max(h.score for h in neg)


def test_threshold_override_and_empty() -> None:
    assert detect.score_sentences([]) == []
    assert all(h.label for h in detect.score_sentences(NOT_CHECKWORTHY, threshold=0.0))
    assert not any(h.label for h in detect.score_sentences(CHECKWORTHY, threshold=1.0))


def test_pure_python_scorer_matches_scikit_learn() -> None:
    import numpy as np

    m = load()
    texts = [*CHECKWORTHY, *NOT_CHECKWORTHY, "", "F-16s!!", "  two   spaces\tand tabs ", "Ünïcode café, 50 %"]
    emb = np.zeros((len(texts), 384), dtype=np.float32)
    assert np.allclose(m.margins(texts, emb), m.margins_sklearn(texts, emb), atol=1e-5)
