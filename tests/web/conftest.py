"""Fixtures of the web app tests: an app over an in-memory store, with and without a token."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))

from render_support import labeled, structure_only

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from onrecord.web.store import MemoryStore


@pytest.fixture()
def store() -> MemoryStore:
    from onrecord.web.store import MemoryStore

    s = MemoryStore()
    s.add(labeled(), "seed.txt")
    other = labeled(
        structure_only(
            "Q: Mr Aliyev, are Turkish F-16s flying?\nALIYEV: No, they are not flying. They are on the ground.\n"
            "Q: Did Turkey send weapons?\nALIYEV: Turkey sent political support, not weapons.\n"
        )
    )
    other.metadata.title = "Second interview"
    other.metadata.outlet = "Other Outlet"
    s.add(other, "second.txt")
    return s


@pytest.fixture()
def client(store: MemoryStore) -> Iterator[TestClient]:
    from fastapi.testclient import TestClient

    from onrecord.web.app import create_app, default_analyzer

    app = create_app(store, analyzer=default_analyzer([]))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
