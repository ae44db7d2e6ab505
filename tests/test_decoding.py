"""Input decoding: whatever encoding a transcript was saved in, the text comes
back intact, or the user is told why it cannot be read."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from onrecord import io
from onrecord.errors import InputError

RUSSIAN = "- Господин президент, сколько у вас потерь?\n- Мы сообщим об этом позже.\n"
ENGLISH = "- Mr. President, how many casualties?\n- We will disclose this later.\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ENGLISH.encode("utf-8"), ENGLISH),
        (codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), ENGLISH),
        (ENGLISH.encode("utf-16"), ENGLISH),  # with BOM
        (ENGLISH.encode("utf-16-le"), ENGLISH),  # Windows tools without BOM
        (ENGLISH.encode("utf-16-be"), ENGLISH),
        ((RUSSIAN * 5).encode("cp1251"), RUSSIAN * 5),
        ("- Café crème, déjà vu?\n- Oui, naïveté.\n".encode("cp1252"), "- Café crème, déjà vu?\n- Oui, naïveté.\n"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1251", "cp1252"],
)
def test_decodes_common_encodings(data: bytes, expected: str) -> None:
    assert io.decode(data, "t").text == expected


def test_line_endings_are_normalised() -> None:
    assert io.decode(b"- a?\r\n- b.\r- c\n", "t").text == "- a?\n- b.\n- c\n"


@pytest.mark.parametrize("brk", ["\f", "\v", "\x85", "\u2028", "\u2029", "\n\f"])
def test_page_breaks_and_unicode_separators_break_lines(brk: str) -> None:
    """pdftotext starts each page with a form feed: the label after it must still open a turn."""
    from onrecord.pipeline import analyze

    text = f"MODERATOR: Why?\n\nSMITH: Because.{brk}MODERATOR: Thank you.\n\nSMITH: Thanks."
    doc = analyze(text.encode("utf-8"), stages=[])
    assert [t.speaker for t in doc.turns] == ["Moderator", "Smith", "Moderator", "Smith"]
    assert len(doc.text) == len(text) and brk[-1] not in doc.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"  \n\t\n", "empty input"),
        (bytes(range(256)) * 20, "binary data"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "binary data"),
    ],
    ids=["empty", "blank", "bytes", "png"],
)
def test_refuses_what_is_not_a_transcript(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        io.decode(data, "t")


def test_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(io, "MAX_BYTES", 10)
    with pytest.raises(InputError, match="larger than"):
        io.decode(b"- a question?\n- an answer.\n", "t")


def test_read_file_errors_name_the_path(tmp_path: Path) -> None:
    missing = f"{tmp_path}/nope.txt"
    with pytest.raises(InputError, match=r"nope\.txt: cannot read"):
        io.read_file(missing)
    with pytest.raises(InputError, match="is a directory"):
        io.read_file(str(tmp_path))


def test_the_document_says_how_it_was_decoded_and_whether_that_was_a_guess() -> None:
    from onrecord.pipeline import analyze

    text = "Q: Was the café in Zürich open?\n\nA: Oui, le café était ouvert, très tôt.\n"
    guessed = analyze(text.encode("cp1252"), stages=())
    assert guessed.metadata.encoding_guessed and guessed.metadata.encoding
    assert "café" in guessed.text
    sure = analyze(text.encode("utf-8"), stages=())
    assert (sure.metadata.encoding, sure.metadata.encoding_guessed) == ("utf-8", False)
    assert analyze(text, stages=()).metadata.encoding is None  # given as text: nothing was decoded


def test_utf8_with_a_damaged_place_is_read_with_replacement_characters() -> None:
    """A flipped byte in a UTF-8 transcript full of curly quotes and accents costs that place, not the file."""
    good = "HOST: What’s the plan — café or naïve résumé?\n\nGUEST: My plan is simple.\n".encode()
    damaged = good.replace(b"My plan", b"My\xff\xfe\x80 plan")
    src = io.decode(damaged, "t")
    assert src.guessed and src.encoding.startswith("utf-8 (1 damaged place")
    assert "My\ufffd\ufffd\ufffd plan" in src.text and "What’s the plan — café" in src.text
    # a legacy code page has no valid UTF-8 characters at all: it is still decoded as that page
    legacy = io.decode("HOST: Café? Oui.\n\nGUEST: Très bien, señor.\n".encode("cp1252"), "t")
    assert "\ufffd" not in legacy.text and "Très bien, señor" in legacy.text
