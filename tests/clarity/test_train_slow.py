from __future__ import annotations

from pathlib import Path

import pytest

from onrecord import embeddings
from onrecord.clarity.evaluate import evaluate
from onrecord.clarity.model import ClarityModel, Pair
from onrecord.clarity.train import train

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "qevasion"


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "train.parquet").is_file(), reason="QEvasion data not available")
def test_retrain_on_a_small_subset_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    meta = train(DATA, a, seed=3, limit=250, c_grid=(0.03,), log=lambda m: None)
    train(DATA, b, seed=3, limit=250, c_grid=(0.03,), log=lambda m: None)
    assert (a / "model.npz").read_bytes() == (b / "model.npz").read_bytes()
    assert (a / "model.json").read_text() == (b / "model.json").read_text()
    assert "CC BY-NC-ND 4.0" in (a / "MODEL_CARD.md").read_text() and "MIT" in (a / "MODEL_CARD.md").read_text()
    assert 250 <= meta["train_rows"] < 400
    ClarityModel.load(a)
    report = evaluate(DATA, str(a))
    assert report["rows"] == 308 and 0.2 < report["task1_macro_f1"] <= 1.0


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "train.parquet").is_file(), reason="QEvasion data not available")
def test_a_model_without_frozen_vectors_never_embeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_embedder() -> None:
        raise AssertionError("a model trained with --no-vectors must not load the MiniLM embedder")

    monkeypatch.setattr(embeddings, "shared_embedder", no_embedder)
    monkeypatch.setattr("onrecord.clarity.model.shared_embedder", no_embedder)
    meta = train(DATA, tmp_path, seed=3, limit=250, c_grid=(0.03,), log=lambda m: None, vectors=False)
    assert meta["frozen_vectors"] is False and meta["blocks"] == []
    assert "--no-vectors" in (tmp_path / "MODEL_CARD.md").read_text()
    model = ClarityModel.load(tmp_path)
    assert not model.vectors and model.mean.shape == (model.n_hand,)
    [pred] = model.predict_pairs([Pair("Will you resign?", "I'm not going to answer that.")])
    assert pred.clarity in {"Clear Reply", "Ambivalent", "Clear Non-Reply"}
