"""Session-wide guard: a run whose tests are done must also end."""

from __future__ import annotations

import faulthandler
import sys

import pytest

#: seconds the interpreter may take to exit after the last test
_EXIT_GRACE_SECONDS = 120


def pytest_unconfigure(config: pytest.Config) -> None:
    """If a thread or process pool left behind keeps the interpreter from exiting, print every
    thread's stack and exit with status 1 instead of waiting for the CI job's time limit: a hang
    becomes a failure that says where it hung."""
    stream = sys.__stderr__
    if stream is not None:
        faulthandler.dump_traceback_later(_EXIT_GRACE_SECONDS, exit=True, file=stream)
