"""Transcripts published as PDF or Word files: their text, or a clear refusal.

Court reporters, parliaments and government press offices publish PDFs; transcription services and
newsrooms hand over Word files.  Both are read with well-kept libraries (pypdf, python-docx) into the
plain text the readers know, and the rest of the pipeline never sees the difference.

What each keeps:

- PDF: the text layer, page by page, pages separated by a form feed (which, like pdftotext's, becomes
  a line break).  A PDF without one (a scan) is refused with a hint to run OCR first: silently
  analysing nothing would be worse.  Page numbers and running headers or footers are page furniture:
  they are left out, and how many lines that was is part of the reported encoding, so nothing goes
  silently.
- Word: the body's paragraphs and tables in order, a blank line between paragraphs, a table row's
  cells joined by tabs (so a "Speaker | what was said" table reads as the tab layout).  A paragraph
  set wholly in bold or italic keeps the emphasis as Markdown ("**How many ...?**"), and so does a
  bold label opening a paragraph ("**Host:** ..."): that is how newspaper Q&As and scripts mark
  their questions and speakers.  Running page headers and footers are page furniture, not read.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile

from onrecord.errors import InputError

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_DOCX_PART = "word/document.xml"


def sniff(data: bytes) -> str | None:
    """ "pdf" or "docx" when ``data`` is one (by content, not by file name), else None."""
    if _PDF_MAGIC in data[:1024]:  # the header may follow a few bytes of junk
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if _DOCX_PART in zf.namelist():
                    return "docx"
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
    return None


def pdf_text(data: bytes, name: str) -> tuple[str, int, int]:
    """The text layer of a PDF, its page count, and how many lines of page furniture (page numbers, running
    headers and footers) were left out."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs each repair it makes to a damaged file ("EOF marker not found"); onrecord reports what
    # matters itself, in one line, so those would only be noise on the command line
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name}: the PDF is encrypted with a password; decrypt it first")
        pages: list[str] = []
        total = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            total += len(pages[-1])
            if total > MAX_TEXT:  # checked page by page: a huge document stops early
                raise InputError(
                    f"{name}: this PDF holds more than {MAX_TEXT // (1024 * 1024)} MiB of text, over the limit"
                )
    except InputError:
        raise
    # pypdf parses untrusted bytes: a damaged file can fail in its parser with any of these
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError) as exc:
        raise InputError(f"{name}: not a readable PDF ({type(exc).__name__}: {str(exc)[:120]})") from None
    pages, furniture = _without_page_furniture(pages)
    if not any(p.strip() for p in pages):
        raise InputError(
            f"{name}: this PDF has no text layer (a scan?): run OCR on it first (for example ocrmypdf), "
            "then give onrecord the result"
        )
    # a page's text ends with a line break; without it, a sentence that runs over the page break stays one
    # paragraph
    return "\f".join(p.removesuffix("\n") for p in pages), len(pages), furniture


# "Page 3", "Page 3 of 12", "3 / 12", "- 3 -", "Page 1 sur 2", "Seite 2 von 5", "Página 2 de 4"
_PAGE_NUMBER = re.compile(
    r"[ \t]*(?:(?:page|p\.|seite|página|pagina|pag\.)[ \t]*)?[-–—]?[ \t]*\d{1,4}[ \t]*[-–—]?"
    r"(?:[ \t]*(?:of|/|sur|de|von|di|van)[ \t]*\d{1,4})?[ \t]*",
    re.IGNORECASE,
)


def _without_page_furniture(pages: list[str]) -> tuple[list[str], int]:
    """The pages without their page numbers and running headers or footers, and how many lines that was.

    A page number printed at the foot of a page would otherwise land inside the answer that runs over
    the page break ("... without anyone looking\nPage 1 of 2\nat the whole."), and a running header
    ("Senate Hearing - Uncorrected Transcript") would be read as speech on every page.  Only a page's
    first and last lines are looked at: a page-number line, or the same line opening (or closing) every
    page of a document of two pages or more.
    """
    split = [p.split("\n") for p in pages]

    def edge(lines: list[str], last: bool) -> int:
        """Index of the page's first (or last) line with text, or -1."""
        order = range(len(lines) - 1, -1, -1) if last else range(len(lines))
        return next((i for i in order if lines[i].strip()), -1)

    dropped = 0
    for last in (False, True):
        edges = [edge(lines, last) for lines in split]
        texts = [" ".join(lines[i].split()) if i >= 0 else None for lines, i in zip(split, edges, strict=True)]
        running = len(pages) >= 2 and len(set(texts)) == 1 and texts[0] is not None
        for lines, i, text in zip(split, edges, texts, strict=True):
            if i >= 0 and text is not None and (running or _PAGE_NUMBER.fullmatch(lines[i])):
                del lines[i]
                dropped += 1
    return ["\n".join(lines) for lines in split], dropped


def docx_text(data: bytes, name: str) -> str:
    """The body of a Word file as paragraphs (see the module's docstring)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _refuse_zip_bomb(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                blocks.append(_paragraph(item))
            elif isinstance(item, Table):
                for row in item.rows:
                    blocks.append("\t".join(cell.text.strip() for cell in row.cells))
    # python-docx reads untrusted XML in a zip: a damaged file can fail with any of these
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, AttributeError, OSError) as exc:
        raise InputError(f"{name}: not a readable Word file ({type(exc).__name__}: {str(exc)[:120]})") from None
    return "\n\n".join(b for b in blocks if b.strip())


#: the most a Word file may unpack to, and the most text a document may give: a file that unpacks to
#: gigabytes (a "zip bomb") would take the service down, not give a transcript
MAX_UNPACKED = 200 * 1024 * 1024
MAX_TEXT = 50 * 1024 * 1024


def _refuse_zip_bomb(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{name}: not a readable Word file ({type(exc).__name__}: {str(exc)[:120]})") from None
    if unpacked > MAX_UNPACKED:
        raise InputError(
            f"{name}: this Word file unpacks to {unpacked // (1024 * 1024)} MiB, over the "
            f"{MAX_UNPACKED // (1024 * 1024)} MiB limit"
        )


def _paragraph(paragraph: object) -> str:
    from docx.text.paragraph import Paragraph

    assert isinstance(paragraph, Paragraph)
    text = paragraph.text
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs or not text.strip():
        return text
    stripped = text.strip()
    if all(r.bold for r in runs):
        return f"**{stripped}**"
    if all(r.italic for r in runs):
        return f"*{stripped}*"
    first = runs[0]
    label = first.text.strip()
    if first.bold and label.endswith(":") and text.lstrip().startswith(label):
        rest = text.lstrip()[len(label) :]
        return f"**{label}**{rest}"
    return text
