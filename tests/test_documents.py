"""Transcripts published as PDF or Word files are read like any other; damaged, encrypted or scanned
ones get a one-line reason."""

from __future__ import annotations

import io as _io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from onrecord import io
from onrecord.cli import main
from onrecord.errors import InputError
from onrecord.pipeline import analyze
from support import make_pdf

PAGE_1 = [
    "INTERVIEW WITH MAYOR ANA RUIZ",
    "June 3, 2024",
    "HOST: How many families are still out of their homes?",
    "RUIZ: About 140. We expect most of them back by",
]
PAGE_2 = ["August.", "HOST: Who pays for the repairs?", "RUIZ: The state pays 75 per cent, the city the rest."]


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_pdf_is_read_from_its_text_layer(tmp_path: Path) -> None:
    src = io.decode(make_pdf([PAGE_1, PAGE_2]), "ruiz.pdf")
    assert src.encoding == "pdf text layer (2 pages, read with pypdf)"
    doc = analyze(src.text, stages=[])
    assert doc.layout == "labeled"
    assert doc.metadata.date == "2024-06-03"
    # the answer that runs over the page break stays one turn
    assert [t.text for t in doc.turns] == [
        "How many families are still out of their homes?",
        "About 140. We expect most of them back by\nAugust.",
        "Who pays for the repairs?",
        "The state pays 75 per cent, the city the rest.",
    ]


def test_a_word_file_keeps_its_paragraphs_bold_questions_and_tables(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Mayor Ana Ruiz on the flood", 1)
    for question, answer in [("How many families are still out?", "About 140."), ("Who pays?", "The state, mostly.")]:
        d.add_paragraph().add_run(question).bold = True
        d.add_paragraph(answer)
    buf = _io.BytesIO()
    d.save(buf)
    src = io.decode(buf.getvalue(), "ruiz.docx")
    assert src.encoding == "docx (read with python-docx)"
    doc = analyze(src.text, stages=[])
    assert doc.layout == "qa"
    assert [(t.role, t.text) for t in doc.turns] == [
        ("interviewer", "How many families are still out?"),
        ("interviewee", "About 140."),
        ("interviewer", "Who pays?"),
        ("interviewee", "The state, mostly."),
    ]

    table = docx.Document()
    rows = [("Rachel Kim", "Where were you when the water came?"), ("Tom Hughes", "On the roof.")] * 2
    grid = table.add_table(rows=len(rows), cols=2)
    for row, (who, said) in zip(grid.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = who, said
    buf = _io.BytesIO()
    table.save(buf)
    doc = analyze(io.decode(buf.getvalue(), "t.docx").text, stages=[])
    assert [(t.speaker, t.text) for t in doc.turns][:2] == [
        ("Rachel Kim", "Where were you when the water came?"),
        ("Tom Hughes", "On the roof."),
    ]


def test_bold_labels_in_a_word_file_are_read(tmp_path: Path) -> None:
    d = docx.Document()
    turns = [
        ("Ann Lee:", " Why now?"),
        ("Bo Chen:", " The money ran out."),
        ("Ann Lee:", " Then?"),
        ("Bo Chen:", " We shut."),
    ]
    for who, said in turns:
        p = d.add_paragraph()
        p.add_run(who).bold = True
        p.add_run(said)
    buf = _io.BytesIO()
    d.save(buf)
    text = io.decode(buf.getvalue(), "x.docx").text
    assert text.startswith("**Ann Lee:** Why now?")
    assert [t.speaker for t in analyze(text, stages=[]).turns] == ["Ann Lee", "Bo Chen", "Ann Lee", "Bo Chen"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (make_pdf([[], []]), "no text layer (a scan?): run OCR"),
        (make_pdf([PAGE_1])[:300], "not a readable PDF"),
        (b"PK\x03\x04" + b"\x00" * 200, "binary data"),
    ],
    ids=["scanned", "truncated", "broken-zip"],
)
def test_unreadable_documents_get_a_one_line_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    code, out, err = _cli("analyze", str(path))
    assert code == 2 and not out
    assert reason in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=_io.BytesIO(make_pdf([PAGE_1])))
    writer.encrypt("secret", algorithm="RC4-128")
    buf = _io.BytesIO()
    writer.write(buf)
    with pytest.raises(InputError, match="encrypted with a password"):
        io.decode(buf.getvalue(), "locked.pdf")


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=600), st.integers(min_value=0, max_value=2000))
def test_damaged_pdfs_never_raise_anything_but_an_input_error(junk: bytes, cut: int) -> None:
    good = make_pdf([PAGE_1, PAGE_2])
    data = good[:cut] + junk + good[cut + len(junk) :]
    try:
        src = io.decode(data, "fuzz.pdf")
    except InputError as exc:
        assert str(exc).startswith("fuzz.pdf: ")  # one line naming the file, whatever broke
    else:
        assert src.text.strip()


def test_page_numbers_and_running_heads_are_left_out_and_counted() -> None:
    head = "Harbour Inquiry - Uncorrected Transcript"
    pages = [
        [head, "CHAIR: Why was the gate open?", "WARDEN: Because the lock had failed", "Page 1 of 2"],
        [head, "three days before.", "CHAIR: Thank you.", "Page 2 of 2"],
    ]
    src = io.decode(make_pdf(pages), "inquiry.pdf")
    assert src.encoding.endswith("; 4 lines of page numbers or running heads left out)")
    doc = analyze(src.text, stages=[])
    assert doc.turns[1].text == "Because the lock had failed\nthree days before."
    assert "Page" not in src.text and head not in src.text


def test_a_word_file_that_unpacks_to_too_much_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord import documents

    d = docx.Document()
    d.add_paragraph("x " * 400_000)  # about 800 KB of text, packed to a few KB
    buf = _io.BytesIO()
    d.save(buf)
    monkeypatch.setattr(documents, "MAX_UNPACKED", 500_000)
    with pytest.raises(InputError, match=r"unpacks to .* over the 0 MiB limit"):
        io.decode(buf.getvalue(), "bomb.docx")


def test_a_pdf_with_too_much_text_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord import documents

    monkeypatch.setattr(documents, "MAX_TEXT", 100)
    with pytest.raises(InputError, match="more than 0 MiB of text"):
        io.decode(make_pdf([PAGE_1, PAGE_2]), "big.pdf")
