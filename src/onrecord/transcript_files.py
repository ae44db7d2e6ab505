"""Which files in a folder are transcripts: one rule for ``analyze DIR``, ``ingest`` and ``batch``.

The three commands used to walk folders each with their own suffix list and
exclusions, so a folder could give different inputs to each.  Files named
explicitly are read whatever their name; these rules only decide what a folder
walk picks up.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

TRANSCRIPT_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".html", ".htm", ".vtt", ".srt", ".text", ".json", ".pdf", ".docx", ""}
)
# a folder's own paperwork, not an interview
NOT_TRANSCRIPTS = re.compile(r"^(readme|license|licence|copying|changelog|notice)(\.|$)", re.I)


def is_transcript_name(name: str) -> bool:
    """A file a folder walk reads: not hidden, a transcript suffix, not a README or licence."""
    base = os.path.basename(name)
    return (
        not base.startswith(".")
        and os.path.splitext(base)[1].lower() in TRANSCRIPT_SUFFIXES
        and not NOT_TRANSCRIPTS.match(base)
    )


def is_under(path: str, roots: Iterable[str]) -> bool:
    """Whether ``path`` is one of ``roots`` or inside one (all absolute, normalised alike)."""
    return any(path == r or path.startswith(r + os.sep) for r in roots)


def transcripts_in(directory: str | Path, skip: Iterable[str | Path] = ()) -> list[Path]:
    """Transcript files under ``directory`` (hidden folders not entered), sorted; paths keep the
    ``directory`` prefix as given.  Files under any of ``skip`` (a run's own output) are left out."""
    roots = tuple(os.path.realpath(s) for s in skip)
    found: list[Path] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = os.path.join(root, name)
            if not is_transcript_name(name) or not os.path.isfile(path):
                continue
            if is_under(os.path.realpath(path), roots):
                continue
            found.append(Path(path))
    return sorted(found)
