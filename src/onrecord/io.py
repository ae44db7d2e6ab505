"""Turning bytes from a file or stdin into text, or a clear refusal.

Transcripts arrive as UTF-8 (with or without BOM), UTF-16 from Windows tools,
and cp1251/cp1252 from older news sites.  We trust BOMs first, then strict
UTF-8, then UTF-8 with a few damaged places (marked U+FFFD, and said so in the
encoding), then charset-normalizer's guess; binary input is refused rather than
decoded into mojibake, since silently analysing garbage is worse than failing.
PDF and Word files are recognised by their content and go to
:mod:`onrecord.documents` for their text; speech-to-text JSON exports go to
:mod:`onrecord.speech_json`, which gives them as WebVTT.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import CharsetMatch, from_bytes

from onrecord import documents, speech_json
from onrecord.errors import InputError

MAX_BYTES = 50 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Source:
    """Decoded input plus where it came from, so errors and metadata can name it."""

    text: str
    name: str
    encoding: str
    guessed: bool = False
    """The encoding was inferred from the bytes (no BOM, not valid UTF-8)."""


def _looks_utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_zeros > 0.4 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.4 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    return None


def _is_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return "\x00" in sample or control > 0.01 * len(sample)


# Legacy code pages seen on news sites, most common first.  On short texts
# charset-normalizer often cannot separate cp1252 from cp1250 (both decode
# "crème" without chaos); a tie goes to the more common page.
_LEGACY = ("cp1252", "cp1251", "cp1250", "latin_1")


def _guess(data: bytes) -> CharsetMatch | None:
    matches = list(from_bytes(data, cp_isolation=[*_LEGACY, "utf_8"]))
    if not matches:
        return None

    def rank(m: CharsetMatch) -> tuple[float, float, int]:
        pref = _LEGACY.index(m.encoding) if m.encoding in _LEGACY else len(_LEGACY)
        return (round(m.chaos, 3), -round(m.coherence, 3), pref)

    return min(matches, key=rank)


_REPLACED = re.compile("\ufffd+")


def _damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few bad bytes (a truncated download, one byte flipped): the text with U+FFFD for
    each bad sequence and an encoding that says how many, or None.  It is UTF-8 when its valid
    multi-byte characters (curly quotes, accents) far outnumber the bad sequences; a legacy code
    page ("caf\xe9") has none and goes to the guesser instead."""
    text = data.decode("utf-8", errors="replace")
    bad = len(_REPLACED.findall(text)) - data.count("\ufffd".encode())  # damaged places, not bytes
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if bad <= 0 or good < 3 * bad:
        return None
    return text, f"utf-8 ({bad} damaged place{'s' if bad > 1 else ''}: invalid bytes replaced by U+FFFD)"


def decode(data: bytes, name: str = "<input>") -> Source:
    """Decode ``data`` or raise :class:`InputError` saying why it is not a transcript."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than the {MAX_BYTES}-byte limit for one transcript")
    kind = documents.sniff(data)
    if kind is not None:
        return _from_document(data, name, kind)
    encoding: str | None = None
    guessed = False
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding = enc
            break
    if encoding is None:
        encoding = _looks_utf16_without_bom(data)
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            if b"\x00" in data[:4000]:
                raise InputError(f"{name}: binary data, not a text transcript") from None
            damaged = _damaged_utf8(data)
            best = None if damaged else _guess(data)
            if damaged:
                text, encoding = damaged
            elif best is None:
                raise InputError(f"{name}: cannot tell which text encoding this is") from None
            else:
                encoding = best.encoding
                text = str(best)
            guessed = True
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not valid {encoding} text ({exc.reason})") from None
    if _is_binary(text):
        raise InputError(f"{name}: binary data, not a text transcript")
    text = normalize_newlines(text)
    if not text.strip():
        raise InputError(f"{name}: empty input, no transcript to read")
    if speech_json.looks_like_json(text):
        converted = speech_json.to_webvtt(text, name)
        if converted is not None:
            text, kind = converted
            encoding = f"{encoding}; {kind} JSON, read as WebVTT"
    return Source(text=text, name=name, encoding=encoding, guessed=guessed)


#: control characters a PDF's text layer may carry (other than tab and the line breaks)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def _from_document(data: bytes, name: str, kind: str) -> Source:
    """A PDF's or Word file's text (see :mod:`onrecord.documents`)."""
    if kind == "pdf":
        raw, pages, furniture = documents.pdf_text(data, name)
        left_out = f"; {furniture} line{'s' if furniture != 1 else ''} of page numbers or running heads left out"
        encoding = (
            f"pdf text layer ({pages} page{'s' if pages != 1 else ''}, read with pypdf{left_out if furniture else ''})"
        )
    else:
        raw = documents.docx_text(data, name)
        encoding = "docx (read with python-docx)"
    text = normalize_newlines(_CONTROL.sub(" ", raw))
    if not text.strip():
        raise InputError(f"{name}: empty document, no transcript to read")
    return Source(text=text, name=name, encoding=encoding)


#: every other way to break a line: CR, a form feed (pdftotext's page break), VT, NEL, U+2028, U+2029
_BREAKS = re.compile("\r\n?|[\f\v\x85\u2028\u2029]")


def normalize_newlines(text: str) -> str:
    """``text`` with every line break as "\n": the readers find labels at line starts, and a label after
    a page break ("\fHOLT: ...") must not be read as the previous speaker's words."""
    return _BREAKS.sub("\n", text)


def stdin_bytes() -> BinaryIO:
    """Standard input as bytes, or an :class:`InputError` when the process was started without it."""
    if sys.stdin is None:
        raise InputError("standard input is closed: give a file instead of '-'")
    return sys.stdin.buffer


def read_file(path: str | Path) -> Source:
    """Read and decode one transcript file ('-' reads standard input)."""
    # Never read more than one byte past the limit: /dev/zero or an endless pipe must end
    # in the size error, not in exhausted memory.
    if str(path) == "-":
        return decode(stdin_bytes().read(MAX_BYTES + 1), "<stdin>")
    p = Path(path)
    name = display_path(p)
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return decode(data, name)


def display_path(path: str | Path) -> str:
    """``path`` as text that can be printed and written as JSON: a file name that is not valid UTF-8
    ("\xffbad.txt") shows U+FFFD where the bad bytes are, instead of unencodable surrogates."""
    return os.fsencode(path).decode("utf-8", "replace")
