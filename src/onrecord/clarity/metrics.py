"""Official QEvasion scorers, plus accuracy, per-class F1, confusion matrix and ECE.

Task 1: macro-F1 over the 3 clarity classes against ``clarity_label``.
Task 2: macro-F1 over the 9 evasion classes with any-annotator matching: for an
item with distinct gold set G, predicting c is a TP for c if c is in G, else an
FP for c; every label of G that was not predicted is one FN.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt


def _f1(tp: float, fp: float, fn: float) -> float:
    denom = 2 * tp + fp + fn
    return 0.0 if denom == 0 else 2 * tp / denom


def per_class_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, float]:
    """Single-reference F1 of each class."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    out: dict[str, float] = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        out[lab] = _f1(tp, fp, fn)
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> float:
    """Task 1 scorer: unweighted mean of the per-class F1 over ``labels``."""
    scores = per_class_f1(gold, pred, labels)
    return float(sum(scores.values()) / len(labels))


def any_annotator_per_class_f1(
    gold_sets: Sequence[Iterable[str]], pred: Sequence[str], labels: Sequence[str]
) -> dict[str, float]:
    """Per-class F1 with any-annotator matching (the task 2 rule)."""
    if len(gold_sets) != len(pred):
        raise ValueError("gold and pred differ in length")
    tp = dict.fromkeys(labels, 0)
    fp = dict.fromkeys(labels, 0)
    fn = dict.fromkeys(labels, 0)
    for golds, p in zip(gold_sets, pred, strict=True):
        g = {x for x in golds if x}
        if p in g:
            if p in tp:
                tp[p] += 1
        elif p in fp:
            fp[p] += 1
        for lab in g:
            if lab != p and lab in fn:
                fn[lab] += 1
    return {lab: _f1(tp[lab], fp[lab], fn[lab]) for lab in labels}


def any_annotator_macro_f1(gold_sets: Sequence[Iterable[str]], pred: Sequence[str], labels: Sequence[str]) -> float:
    """Task 2 scorer: macro-F1 over ``labels`` with any-annotator matching."""
    scores = any_annotator_per_class_f1(gold_sets, pred, labels)
    return float(sum(scores.values()) / len(labels))


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return float(np.mean([g == p for g, p in zip(gold, pred, strict=True)])) if gold else 0.0


def any_annotator_accuracy(gold_sets: Sequence[Iterable[str]], pred: Sequence[str]) -> float:
    hits = [p in set(g) for g, p in zip(gold_sets, pred, strict=True)]
    return float(np.mean(hits)) if hits else 0.0


def confusion(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> list[list[int]]:
    """Rows: gold label, columns: predicted label, in ``labels`` order."""
    pos = {lab: i for i, lab in enumerate(labels)}
    m = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred, strict=True):
        if g in pos and p in pos:
            m[pos[g]][pos[p]] += 1
    return m


def expected_calibration_error(confidence: npt.ArrayLike, correct: npt.ArrayLike, bins: int = 10) -> float:
    """ECE of top-label confidences: sum over equal-width bins of |accuracy - confidence| weighted by bin size."""
    conf = np.asarray(confidence, dtype=np.float64)
    ok = np.asarray(correct, dtype=np.float64)
    if conf.size == 0:
        return 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(conf, edges[1:-1], right=True), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        sel = which == b
        if sel.any():
            ece += float(sel.mean()) * abs(float(ok[sel].mean()) - float(conf[sel].mean()))
    return ece
