"""Gradient-boosted trees stored as plain arrays, evaluated with numpy.

Training uses scikit-learn's ``HistGradientBoostingClassifier``; :func:`pack_hgb`
copies its fitted trees into five padded arrays (feature, threshold, left,
right, leaf value; one row per tree) so the artifact stays a pickle-free
``.npz`` and prediction needs only numpy.  :func:`raw_scores` walks every tree
at once, one level per step, and reproduces ``clf._raw_predict`` (the tests
check it against scikit-learn).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

#: array names (prefixed in the artifact) that :func:`pack_hgb` writes and :func:`raw_scores` reads
TREE_ARRAYS: tuple[str, ...] = ("feature", "threshold", "left", "right", "value", "nan_left", "klass", "base")


def pack_hgb(clf: Any, n_classes: int) -> dict[str, FloatArray]:
    """The fitted trees of a multiclass ``HistGradientBoostingClassifier`` as arrays (all float64).

    Classes absent from the training labels get a baseline of -30 (probability ~0), as the
    logistic heads do.
    """
    predictors = clf._predictors  # list (iterations) of lists (one tree per class seen)
    classes = [int(c) for c in clf.classes_]
    if len(classes) < 3:
        raise ValueError("pack_hgb handles multiclass models only")
    trees = [(classes[k], tree.nodes) for it in predictors for k, tree in enumerate(it)]
    width = max(len(nodes) for _, nodes in trees)
    n = len(trees)
    feature = np.zeros((n, width))
    threshold = np.zeros((n, width))
    left = np.zeros((n, width))
    right = np.zeros((n, width))
    value = np.zeros((n, width))
    nan_left = np.zeros((n, width))
    klass = np.zeros(n)
    for t, (cls, nodes) in enumerate(trees):
        if np.any(nodes["is_categorical"]):
            raise ValueError("categorical splits are not supported")
        m = len(nodes)
        leaf = nodes["is_leaf"].astype(bool)
        idx = np.arange(m)
        # a leaf points to itself, so walking past the bottom stays put
        feature[t, :m] = np.where(leaf, 0, nodes["feature_idx"])
        threshold[t, :m] = np.where(leaf, np.inf, nodes["num_threshold"])
        left[t, :m] = np.where(leaf, idx, nodes["left"])
        right[t, :m] = np.where(leaf, idx, nodes["right"])
        value[t, :m] = np.where(leaf, nodes["value"], 0.0)
        nan_left[t, :m] = nodes["missing_go_to_left"]
        klass[t] = cls
    base = np.full(n_classes, -30.0)
    baseline = np.asarray(clf._baseline_prediction, dtype=np.float64).reshape(-1)
    for k, cls in enumerate(classes):
        base[cls] = baseline[k]
    depth = max(int(np.max(nodes["depth"])) for _, nodes in trees)
    return {
        "feature": feature,
        "threshold": threshold,
        "left": left,
        "right": right,
        "value": value,
        "nan_left": nan_left,
        "klass": klass,
        "base": np.concatenate([base, [float(depth)]]),
    }


def raw_scores(arrays: dict[str, FloatArray], x: FloatArray) -> FloatArray:
    """Summed tree outputs plus the baseline, per class: shape (len(x), n_classes)."""
    base = arrays["base"]
    n_classes, depth = len(base) - 1, int(base[-1])
    feature = arrays["feature"].astype(np.int64)
    left = arrays["left"].astype(np.int64)
    right = arrays["right"].astype(np.int64)
    threshold, value = arrays["threshold"], arrays["value"]
    nan_left = arrays["nan_left"].astype(bool)
    klass = arrays["klass"].astype(np.int64)
    n_trees = feature.shape[0]
    out = np.tile(base[:n_classes], (x.shape[0], 1))
    if x.shape[0] == 0 or n_trees == 0:
        return out
    rows = np.arange(n_trees)[None, :]
    node = np.zeros((x.shape[0], n_trees), dtype=np.int64)
    for _ in range(depth):
        f = feature[rows, node]
        v = np.take_along_axis(x, f, axis=1)
        go_left = np.where(np.isnan(v), nan_left[rows, node], v <= threshold[rows, node])
        node = np.where(go_left, left[rows, node], right[rows, node])
    leaf_values = value[rows, node]
    for k in range(n_classes):
        cols = klass == k
        if np.any(cols):
            out[:, k] += leaf_values[:, cols].sum(axis=1)
    return out
