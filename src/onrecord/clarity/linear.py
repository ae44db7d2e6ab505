"""Class-balanced logistic heads, fitted with scikit-learn at training time and kept as
plain (weights, bias) arrays, so that the shipped model needs neither pickles nor
scikit-learn at run time.  The feature head and the n-gram head both use it."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

# A class missing from a training fold gets this bias, so it is never predicted
# rather than breaking the array shapes.
_ABSENT_BIAS = -30.0


def fit_logistic_head(
    x: Any, y: npt.NDArray[np.int64], n_classes: int, c: float, seed: int
) -> tuple[FloatArray, FloatArray]:
    """(weights [n_classes, n_features], bias [n_classes]) of a balanced multinomial logistic regression."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=seed)
    clf.fit(x, y)
    w = np.zeros((n_classes, x.shape[1]))
    b = np.full(n_classes, _ABSENT_BIAS)
    for k, cls in enumerate(clf.classes_):
        w[int(cls)] = clf.coef_[k]
        b[int(cls)] = clf.intercept_[k]
    return w, b
