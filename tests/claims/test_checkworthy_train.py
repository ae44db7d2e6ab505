"""Retraining on a subset of ClaimBuster reproduces a working, deterministic model (slow)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from onrecord.claims.model import Settings, load
from onrecord.claims.training import train_model

DATA = Path(os.environ.get("ONRECORD_CLAIMS_DATA", Path(__file__).resolve().parents[3] / "shared/data/claims"))


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "claimbuster").is_dir(), reason="claims data not available")
def test_retrain_subset_is_deterministic(tmp_path: Path) -> None:
    s = Settings(use_embeddings=False)  # the subset test checks the pipeline, not MiniLM
    a = train_model(DATA, tmp_path / "a", seed=3, settings=s, limit=3000)
    b = train_model(DATA, tmp_path / "b", seed=3, settings=s, limit=3000)
    wa, wb = np.load(tmp_path / "a" / "weights.npz"), np.load(tmp_path / "b" / "weights.npz")
    for key in ("coef", "word_idf", "char_idf"):
        assert np.array_equal(wa[key], wb[key])
    assert (tmp_path / "a" / "vocab.json").read_bytes() == (tmp_path / "b" / "vocab.json").read_bytes()
    assert a.threshold == b.threshold
    assert a.info["cv_f1_at_threshold"] > 0.45
    m = load(tmp_path / "a")
    hi, lo = m.scores(["We have cut taxes for 95 percent of working families.", "Thank you very much."])
    assert hi > lo
