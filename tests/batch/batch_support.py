"""Shared test data for the batch tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# shared/ lies next to the repository (here and in CI); ONRECORD_SHARED overrides
SHARED = Path(os.environ.get("ONRECORD_SHARED", Path(__file__).resolve().parents[3] / "shared"))
DEBATES = SHARED / "data" / "transcripts" / "claimbuster_debates"
GOOD = ["1960-09-26.txt", "1976-09-23.txt", "1980-09-21.txt", "1984-10-07.txt"]


def debates(names: list[str] | None = None) -> list[Path]:
    if not DEBATES.is_dir():
        pytest.skip(f"{DEBATES} not found (the shared/ folder is not next to the repository)")
    files = sorted(DEBATES.glob("*.txt"))
    return [f for f in files if names is None or f.name in names]
