"""A rich console for standard output that treats a closed pipe as the reader having seen enough.

rich's own answer to a broken pipe is ``SystemExit(1)``, so ``onrecord search x | head``
failed while the JSON output (plain writes, see ``cli._Group``) exited 0.
"""

from __future__ import annotations

import os
import sys

from rich.console import Console


class PipeConsole(Console):
    def on_broken_pipe(self) -> None:
        self.quiet = True
        # later writes (and the interpreter's final flush) must not hit the closed pipe again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0)
