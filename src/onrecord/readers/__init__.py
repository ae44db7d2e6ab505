"""Readers, one per published layout, and the detector that picks one.

Adding a layout is adding a module with a class that has ``name``,
``detect(text) -> float`` and ``read(text) -> ReadResult``, and listing it in
``_READERS`` below.  Detection asks every reader how sure it is and takes the
surest; ties go to the earlier entry, so more specific layouts come first.
"""

from __future__ import annotations

from onrecord.errors import OnrecordError
from onrecord.readers.base import RawTurn, Reader, ReadResult
from onrecord.readers.dash import DashReader
from onrecord.readers.deposition import DepositionReader
from onrecord.readers.email import EmailReader
from onrecord.readers.html import HTMLReader
from onrecord.readers.labeled import LabeledReader
from onrecord.readers.plain import PlainReader
from onrecord.readers.ppp import PublicPapersReader
from onrecord.readers.qa import QAReader
from onrecord.readers.subtitles import SRTReader, WebVTTReader
from onrecord.readers.timestamped import TimestampedReader
from onrecord.readers.whitehouse import WhiteHouseReader

# Most specific first: file formats (an e-mail's headers among them), then layouts with a distinctive marker
# (bare "Q" + officials, "Q."/"The President.", numbered court lines, Q:/A:), then generic NAME:
# scripts, dashes, and plain paragraphs as the fallback.
_READERS: list[Reader] = [
    WebVTTReader(),
    SRTReader(),
    TimestampedReader(),
    HTMLReader(),
    EmailReader(),
    WhiteHouseReader(),
    PublicPapersReader(),
    DepositionReader(),
    QAReader(),
    LabeledReader(),
    DashReader(),
    PlainReader(),
]


def names() -> list[str]:
    return [r.name for r in _READERS]


def get(name: str) -> Reader:
    for reader in _READERS:
        if reader.name == name:
            return reader
    raise OnrecordError(f"unknown layout {name!r} (known: {', '.join(names())})")


def detect(text: str) -> Reader:
    """The reader most confident about ``text``; the plain-paragraph reader when none is."""
    best: Reader | None = None
    best_score = 0.0
    for reader in _READERS:
        score = reader.detect(text)
        if score > best_score:
            best, best_score = reader, score
    if best is None:
        return get("plain") if "plain" in names() else _READERS[0]
    return best


__all__ = ["RawTurn", "ReadResult", "Reader", "detect", "get", "names"]
