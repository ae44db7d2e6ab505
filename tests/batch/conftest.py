from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from batch_support import GOOD, debates


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few debates, a garbage binary file, an empty file and a hidden file."""
    d = tmp_path_factory.mktemp("corpus")
    for f in debates(GOOD):
        shutil.copy(f, d / f.name)
    (d / "garbage.txt").write_bytes(bytes(range(256)) * 40)
    (d / "empty.txt").write_bytes(b"")
    (d / ".hidden.txt").write_text("SMITH: not read\n")
    return d
