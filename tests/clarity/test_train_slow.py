from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.clarity.evaluate import evaluate
from onrecord.clarity.model import ClarityModel
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
