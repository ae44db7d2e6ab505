from __future__ import annotations

import pytest

from onrecord.clarity.model import MODEL_DIR


@pytest.fixture(scope="session", autouse=True)
def _shipped_model() -> None:
    if not (MODEL_DIR / "model.npz").is_file():
        pytest.fail(f"the shipped clarity model is missing from {MODEL_DIR}")
