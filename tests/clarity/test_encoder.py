"""The fine-tuned pair encoder: input layout shared by training and inference, the shipped ONNX graph,
and how the heads' training refuses out-of-fold logits that belong to other rows."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from onrecord.clarity import encoder as enc
from onrecord.clarity.model import MODEL_DIR, ClarityModel
from onrecord.cli import main
from onrecord.errors import ModelError, OnrecordError

SHIPPED = MODEL_DIR / enc.ENCODER_FILE


def test_pair_layout_cuts_each_side_to_its_budget() -> None:
    tok = enc.load_tokenizer()
    long_q = "why " * 100
    long_a = "because " * 200
    (ids, types), (short_ids, short_types) = enc.pair_ids(tok, [long_q, "Why?"], [long_a, "No."])
    assert len(ids) == enc.Q_PIECES + enc.A_PIECES + 3
    assert ids[0] == enc.CLS and ids[enc.Q_PIECES + 1] == enc.SEP and ids[-1] == enc.SEP
    assert types == [0] * (enc.Q_PIECES + 2) + [1] * (enc.A_PIECES + 1)
    # "[CLS] why ? [SEP] no . [SEP]"
    assert len(short_ids) == 7 and short_types == [0, 0, 0, 0, 1, 1, 1]


def test_padding_masks_only_the_tail() -> None:
    ids, types, mask = enc.padded([([101, 5, 102], [0, 0, 0]), ([101, 5, 102, 7, 102], [0, 0, 0, 1, 1])])
    assert ids.shape == (2, 5) and mask.tolist() == [[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]]
    assert types[1].tolist() == [0, 0, 0, 1, 1] and ids[0, 3:].tolist() == [0, 0]


@pytest.mark.skipif(not SHIPPED.is_file(), reason="no fine-tuned encoder shipped")
def test_shipped_encoder_scores_in_input_order() -> None:
    meta = json.loads((MODEL_DIR / "model.json").read_text())
    model = enc.PairEncoder(SHIPPED, sha256=meta["pair_encoder"]["sha256"])
    qs = ["Will you raise taxes?", "How many troops died?", "Do you support the bill?"]
    ans = [
        "No. Absolutely not, and I have said so many times.",
        "I'm not going to give you a number today.",
        "Look, the American people know where I stand on this.",
    ]
    out = model.logits(qs, ans)
    assert out.shape == (3, enc.N_OUT) and np.isfinite(out).all()
    back = model.logits(qs[::-1], ans[::-1])
    assert np.allclose(back[::-1], out)
    assert model.logits([], []).shape == (0, enc.N_OUT)


def test_a_tampered_encoder_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "encoder.onnx"
    bad.write_bytes(b"not a graph")
    with pytest.raises(ModelError, match="sha256"):
        enc.PairEncoder(bad, sha256="0" * 64)
    with pytest.raises(ModelError, match="cannot load"):
        enc.PairEncoder(bad)
    with pytest.raises(ModelError, match="not found"):
        enc.PairEncoder(tmp_path / "missing.onnx")


def test_model_that_blends_an_encoder_must_say_where_it_is(tmp_path: Path) -> None:
    meta = json.loads((MODEL_DIR / "model.json").read_text())
    with np.load(MODEL_DIR / "model.npz") as z:
        arrays = {k: z[k] for k in z.files}
    arrays["encoder_weight"] = np.asarray(0.25)
    meta.pop("pair_encoder", None)
    with pytest.raises(ModelError, match="pair encoder"):
        ClarityModel(arrays, meta, json.loads((MODEL_DIR / "ngrams.json").read_text()), model_dir=tmp_path)


def test_an_encoder_trained_on_another_input_layout_is_refused(tmp_path: Path) -> None:
    meta = json.loads((MODEL_DIR / "model.json").read_text())
    if "pair_encoder" not in meta:
        pytest.skip("the shipped model has no pair encoder")
    with np.load(MODEL_DIR / "model.npz") as z:
        arrays = {k: z[k] for k in z.files}
    meta["pair_encoder"]["a_pieces"] = enc.A_PIECES * 2
    with pytest.raises(ModelError, match="word pieces"):
        ClarityModel(arrays, meta, json.loads((MODEL_DIR / "ngrams.json").read_text()), model_dir=MODEL_DIR)


def test_stale_out_of_fold_logits_are_refused(tmp_path: Path) -> None:
    from onrecord.clarity.finetune import META_FILE, OOF_FILE
    from onrecord.clarity.model import Pair
    from onrecord.clarity.train import TrainData, _encoder_oof

    data = TrainData([Pair("Q?", "A.")], np.zeros(1, np.int64), np.zeros(1, np.int64), ["u"])
    assert _encoder_oof(tmp_path, data) is None  # nothing there: the heads train without it
    np.savez(tmp_path / OOF_FILE, logits=np.zeros((1, enc.N_OUT), np.float32), key=np.asarray("other rows"))
    (tmp_path / enc.ENCODER_FILE).write_bytes(b"x")
    (tmp_path / META_FILE).write_text("{}")
    with pytest.raises(OnrecordError, match="other training rows"):
        _encoder_oof(tmp_path, data)


def test_finetuning_without_torch_is_a_clean_error(tmp_path: Path) -> None:
    try:
        import torch  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("torch is installed here")
    result = CliRunner().invoke(main, ["train", "clarity-encoder", "--data", str(tmp_path), "--out", str(tmp_path)])
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert "[train]" in result.stderr
