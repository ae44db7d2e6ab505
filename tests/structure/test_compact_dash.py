"""Short dash interviews pasted without blank lines, as users paste them into a terminal or the web form."""

from __future__ import annotations

from onrecord.pipeline import analyze


def test_one_turn_per_dashed_line_with_wrapped_continuations() -> None:
    text = "- Sir, how many\ncasualties have you had?\n- We will disclose that\nlater.\n- That wasn't the question.\n"
    doc = analyze(text, stages=())
    assert doc.layout == "dash"
    assert [t.text for t in doc.turns] == [
        "Sir, how many\ncasualties have you had?",
        "We will disclose that\nlater.",
        "That wasn't the question.",
    ]
    assert [t.role for t in doc.turns] == ["interviewer", "interviewee", "interviewer"]
    (x,) = doc.exchanges
    assert x.pushback


def test_two_dashed_lines_are_enough_when_nothing_else_is_there() -> None:
    doc = analyze("- Will you resign?\n- No.\n", stages=())
    assert doc.layout == "dash"
    assert len(doc.turns) == 2
    assert doc.exchanges[0].answer is not None


def test_markup_in_a_transcript_is_printed_as_text() -> None:
    from click.testing import CliRunner

    from onrecord.cli import main

    result = CliRunner().invoke(
        main, ["analyze", "-", "--structure-only"], input="- [bold]Hi[/bold], how [red]many?\n- We [/] will say.\n"
    )
    assert result.exit_code == 0, result.stderr
    assert "[bold]Hi[/bold]" in result.stdout
    assert "We [/] will say." in result.stdout
