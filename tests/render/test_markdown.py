"""Markdown output: sections for every layer that is present, nothing from the text live."""

from __future__ import annotations

from render_support import HOSTILE, labeled, structure_only

from onrecord.render.markdown import _escape, to_markdown


def test_labeled_document_has_every_section() -> None:
    doc = labeled()
    md = to_markdown(doc)
    for heading in (
        "## Summary",
        "## Exchanges",
        "## Check-worthy claims",
        "## Numbers",
        "## Denials, accusations and confirmations",
        "## Transcript",
    ):
        assert heading in md, heading
    assert "- **Answers:**" in md and "not answered" in md
    assert "- **Evasion techniques:** " in md and "Deflection" in md
    assert "evidence for _Clear Reply_" in md and "how the answer opens" in md
    assert "**denial** by" in md and "**accusation** by" in md
    assert md.count("\n| ") == len(doc.numbers) + 2  # header, separator, one row per number


def test_structure_only_document_leaves_out_empty_sections() -> None:
    md = to_markdown(structure_only())
    assert "## Check-worthy claims" not in md and "## Numbers" not in md
    assert "- **Answers:**" not in md
    assert "## Exchanges" in md and "## Transcript" in md


def test_transcript_text_cannot_become_markup() -> None:
    md = to_markdown(
        structure_only(HOSTILE + "Q: see [here](javascript:x) ![i](http://x/y.png) *bold* `code`?\nA: # no\n")
    )
    assert "<script>" not in md and "<img" not in md and "<svg" not in md
    assert "&lt;script&gt;" in md
    assert "](javascript" not in md.replace("\\](javascript", "")
    assert "\\[here\\]" in md and "\\*bold\\*" in md and "\\`code\\`" in md


def test_escape_line_starts() -> None:
    assert _escape("# title") == "\\# title"
    assert _escape("1. item") == "\\1. item"
    assert _escape("- item") == "\\- item"
    assert _escape("a_b*c") == "a\\_b\\*c"
