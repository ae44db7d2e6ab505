from __future__ import annotations

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from onrecord.clarity.encoder import N_OUT
from onrecord.clarity.model import ClarityModel
from onrecord.clarity.trees import TREE_ARRAYS, pack_hgb, raw_scores


def _data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(600, 12))
    y = (x[:, 0] > 0).astype(np.int64) + 2 * (x[:, 1] > 0.4).astype(np.int64)
    x[::13, 3] = np.nan  # missing values follow the learned default direction
    return x, y


def test_packed_trees_reproduce_sklearn() -> None:
    x, y = _data()
    clf = HistGradientBoostingClassifier(max_iter=40, max_leaf_nodes=15, random_state=0).fit(x, y)
    packed = pack_hgb(clf, 4)
    assert set(packed) == set(TREE_ARRAYS)
    np.testing.assert_allclose(raw_scores(packed, x), clf._raw_predict(x), atol=1e-9)
    xt, _ = _data(1)
    np.testing.assert_allclose(raw_scores(packed, xt), clf._raw_predict(xt), atol=1e-9)
    assert raw_scores(packed, x[:0]).shape == (0, 4)


def test_absent_class_gets_no_mass() -> None:
    x, y = _data()
    y = np.where(y == 3, 2, y)  # class 3 never seen in training
    clf = HistGradientBoostingClassifier(max_iter=10, random_state=0).fit(x, y)
    scores = raw_scores(pack_hgb(clf, 4), x)
    np.testing.assert_allclose(scores[:, :3], clf._raw_predict(x), atol=1e-9)
    assert np.all(scores[:, 3] < -20)


def test_binary_models_are_refused() -> None:
    x, y = _data()
    clf = HistGradientBoostingClassifier(max_iter=5, random_state=0).fit(x, (y > 0).astype(np.int64))
    with pytest.raises(ValueError):
        pack_hgb(clf, 2)


def test_shipped_model_trees_read_only_the_hand_features() -> None:
    """...and the pair encoder's logits when the model says so, never the embedding block."""
    model = ClarityModel.load()
    width = model.n_hand + (N_OUT if model.trees_read_encoder else 0)
    for trees in (model.trees_e, model.trees_c):
        if trees:
            assert int(trees["feature"].max()) < width
