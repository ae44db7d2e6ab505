"""Score a clarity model on QEvasion's public test split with the official scorers.

onrecord evaluate clarity --data ../shared/data/qevasion [--format json]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from onrecord.clarity.labels import CLARITY_LABELS, EVASION_LABELS
from onrecord.clarity.metrics import (
    accuracy,
    any_annotator_accuracy,
    any_annotator_macro_f1,
    any_annotator_per_class_f1,
    confusion,
    expected_calibration_error,
    macro_f1,
    per_class_f1,
)
from onrecord.clarity.model import ClarityModel, load_model

DEFAULT_DATA = Path("../shared/data/qevasion")


def gold_sets(df: Any) -> list[list[str]]:
    """Distinct fine labels per row: annotator1..3 where present, else evasion_label."""
    out: list[list[str]] = []
    cols = [c for c in ("annotator1", "annotator2", "annotator3") if c in df.columns]
    for _, row in df.iterrows():
        labs = [row[c] for c in cols if isinstance(row[c], str) and row[c]]
        if not labs and isinstance(row.get("evasion_label"), str) and row["evasion_label"]:
            labs = [row["evasion_label"]]
        out.append(sorted(set(labs)))
    return out


def score(
    gold_clarity: list[str],
    gold_evasion: list[list[str]],
    pred_clarity: list[str],
    pred_evasion: list[str],
    clarity_conf: list[float],
    evasion_conf: list[float],
) -> dict[str, Any]:
    ok_c = [g == p for g, p in zip(gold_clarity, pred_clarity, strict=True)]
    ok_e = [p in g for g, p in zip(gold_evasion, pred_evasion, strict=True)]
    # the majority (or only) fine label, for a readable single-reference confusion matrix
    return {
        "rows": len(gold_clarity),
        "task1_macro_f1": round(macro_f1(gold_clarity, pred_clarity, CLARITY_LABELS), 4),
        "task1_accuracy": round(accuracy(gold_clarity, pred_clarity), 4),
        "task1_per_class_f1": {
            k: round(v, 4) for k, v in per_class_f1(gold_clarity, pred_clarity, CLARITY_LABELS).items()
        },
        "task1_confusion": {
            "labels": list(CLARITY_LABELS),
            "rows_gold_cols_pred": confusion(gold_clarity, pred_clarity, CLARITY_LABELS),
        },
        "task2_macro_f1": round(any_annotator_macro_f1(gold_evasion, pred_evasion, EVASION_LABELS), 4),
        "task2_accuracy": round(any_annotator_accuracy(gold_evasion, pred_evasion), 4),
        "task2_per_class_f1": {
            k: round(v, 4) for k, v in any_annotator_per_class_f1(gold_evasion, pred_evasion, EVASION_LABELS).items()
        },
        "task2_confusion": {
            "labels": list(EVASION_LABELS),
            "rows_gold_cols_pred": confusion(
                [_first_match(g, p) for g, p in zip(gold_evasion, pred_evasion, strict=True)],
                pred_evasion,
                EVASION_LABELS,
            ),
            "note": "gold = the predicted label when any annotator gave it, else the first annotator's label",
        },
        "clarity_ece": round(expected_calibration_error(np.asarray(clarity_conf), np.asarray(ok_c)), 4),
        "evasion_ece": round(expected_calibration_error(np.asarray(evasion_conf), np.asarray(ok_e)), 4),
    }


def _first_match(gold: list[str], pred: str) -> str:
    if pred in gold:
        return pred
    return gold[0] if gold else ""


def evaluate_frame(model: ClarityModel, df: Any) -> dict[str, Any]:
    from onrecord.clarity.train import pairs_of

    preds = model.predict_pairs(pairs_of(df))
    return score(
        [str(x) for x in df["clarity_label"]],
        gold_sets(df),
        [p.clarity for p in preds],
        [p.evasion for p in preds],
        [p.clarity_confidence for p in preds],
        [p.evasion_confidence for p in preds],
    )


def evaluate(data_dir: Path = DEFAULT_DATA, model_dir: str | None = None, split: str = "test") -> dict[str, Any]:
    from onrecord.clarity.train import load_split

    df = load_split(Path(data_dir) / f"{split}.parquet")
    report = evaluate_frame(load_model(model_dir), df)
    report["split"] = split
    report["data"] = str(data_dir)
    return report


def format_text(report: dict[str, Any]) -> str:
    lines = [
        f"QEvasion {report.get('split', 'test')} ({report['rows']} exchanges)",
        f"Task 1 clarity: macro-F1 {report['task1_macro_f1']:.4f}  accuracy {report['task1_accuracy']:.4f}  "
        f"ECE {report['clarity_ece']:.4f}",
        f"Task 2 evasion: macro-F1 {report['task2_macro_f1']:.4f}  accuracy {report['task2_accuracy']:.4f}  "
        f"ECE {report['evasion_ece']:.4f}  (any-annotator matching)",
        "",
        "Per-class F1 (task 1): " + ", ".join(f"{k} {v:.3f}" for k, v in report["task1_per_class_f1"].items()),
        "Per-class F1 (task 2): " + ", ".join(f"{k} {v:.3f}" for k, v in report["task2_per_class_f1"].items()),
        "",
    ]
    for key in ("task1_confusion", "task2_confusion"):
        conf = report[key]
        labels = conf["labels"]
        width = max(len(x) for x in labels)
        lines.append(f"Confusion ({key[:5]}; rows gold, columns predicted in the same order):")
        for lab, row in zip(labels, conf["rows_gold_cols_pred"], strict=True):
            lines.append(f"  {lab:<{width}} " + " ".join(f"{n:4d}" for n in row))
        lines.append("")
    return "\n".join(lines)
