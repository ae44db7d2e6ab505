"""The command line as a user meets it: readable output, one JSON document that
matches the published schema, and one-line errors with exit status 2."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from onrecord.cli import main
from support import EXAMPLE, SEED

SMALL = "- Sir, how many casualties have you had?\n- We will disclose that later.\n- That wasn't the question.\n"


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_json_output_validates_against_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    code, out, err = run("analyze", str(EXAMPLE), "--format", "json", "--structure-only")
    assert code == 0, err
    doc = json.loads(out)
    jsonschema.validate(doc, schema)
    for key in ("title", "date", "date_text", "outlet", "program", "participants"):
        assert key in doc["metadata"]
    for t in doc["turns"]:
        assert doc["text"][t["start"] : t["end"]] == t["text"]
        assert t["role"] in {"interviewer", "interviewee", "moderator", "audience", "other"}
    for x in doc["exchanges"]:
        assert set(x) >= {"id", "question", "answer", "follow_up_of", "pushback"}


def test_bundled_example_summary_names_the_president() -> None:
    code, out, err = run("analyze", str(EXAMPLE), "--structure-only")
    assert code == 0, err
    assert "The President" in out or "Bush" in out
    assert "turns" in out


def test_stdin_and_markdown() -> None:
    code, out, err = run("analyze", "-", "--format", "markdown", "--structure-only", stdin=SMALL)
    assert code == 0, err
    assert "casualties" in out


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("analyze", "/no/such/file.txt"), None, "no such file"),
        (("analyze", "-"), b"\x00\x01\x02" * 100, "binary data"),
        (("analyze", "-"), "", "empty input"),
        (("analyze", "-", "--layout", "qa", "--structure-only"), "just words with no speakers at all", "no speaker"),
        (("analyze", "-", "--stages", "nonsense"), SMALL, "unknown analyzer"),
        (("analyze", "-", "--stages", "claims", "--structure-only"), SMALL, "exclude each other"),
    ],
    ids=["missing", "binary", "empty", "no-turns", "bad-stage", "stages-and-structure-only"],
)
def test_errors_are_one_line_and_exit_2(args: tuple[str, ...], stdin: str | bytes | None, message: str) -> None:
    code, out, err = run(*args, stdin=stdin)
    assert code == 2
    assert err.startswith("onrecord: error:")
    assert message in err
    assert "Traceback" not in err + out


def test_directory_input_writes_one_document_per_file(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SMALL, encoding="utf-8")
    (src / "b.txt").write_text(SMALL.replace("casualties", "tanks"), encoding="utf-16")
    out_dir = tmp_path / "out"
    code, _, err = run("analyze", str(src), "--structure-only", "--out", str(out_dir))
    assert code == 0, err
    docs = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in out_dir.glob("*.json")}
    assert len(docs) == 2
    assert any("tanks" in d["text"] for d in docs.values())


def test_directory_output_mirrors_the_tree_and_skips_its_own_output(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "a" / "b.txt").write_text(SMALL, encoding="utf-8")
    (src / "a__b.txt").write_text(SMALL.replace("casualties", "tanks"), encoding="utf-8")  # the old names collided
    out_dir = src / "out"  # inside the input tree
    for _ in range(2):  # the second run must not analyse the first run's JSON
        code, _, err = run("analyze", str(src), "--structure-only", "--out", str(out_dir))
        assert code == 0 and "2 of 2 transcripts analysed" in err, err
    written = sorted(str(p.relative_to(out_dir)) for p in out_dir.rglob("*.json"))
    assert written == ["a/b.txt.json", "a__b.txt.json"]


def test_options_that_do_not_apply_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "one.txt"
    f.write_text(SMALL, encoding="utf-8")
    code, _, err = run("analyze", str(f), "--structure-only", "--out", str(tmp_path / "o"))
    assert code == 2 and "--out is for a directory" in err
    code, _, err = run("analyze", str(tmp_path), "--structure-only", "--html", str(tmp_path / "r.html"))
    assert code == 2 and "--html writes the report of one transcript" in err
    code, _, err = run("analyze", str(f), "--structure-only", "--html", str(tmp_path / "no" / "dir" / "r.html"))
    assert code == 2 and err.startswith("onrecord: error:") and "No such file or directory" in err


def test_seed_json_has_turns_and_boilerplate() -> None:
    if not SEED.exists():
        pytest.skip("../shared/seeds is not available")
    code, out, err = run("analyze", str(SEED), "--format", "json", "--structure-only")
    assert code == 0, err
    doc = json.loads(out)
    assert len(doc["turns"]) == 51
    assert any(doc["text"][b["start"] : b["end"]] == "Latest news" for b in doc["boilerplate"])


def test_an_html_file_with_few_tags_is_read_as_html(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>REPORTER: Caf&eacute; open?</p><p>SENATOR: Yes &lt;b&gt;.</p>", encoding="utf-8")
    code, out, err = run("analyze", str(page), "--structure-only", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["layout"].startswith("html+")
    assert [t["text"] for t in doc["turns"]] == ["Café open?", "Yes <b>."]


def test_text_output_into_a_closed_pipe_exits_zero(tmp_path: Path) -> None:
    """`onrecord analyze x | head -1`: the reader closing the pipe is not an error."""
    import subprocess
    import sys

    big = tmp_path / "long.txt"
    big.write_text("".join(f"Q: Question number {i} about the budget?\nA: Answer number {i}.\n" for i in range(3000)))
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "onrecord"), "analyze", str(big), "--structure-only"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.read(100)
    proc.stdout.close()  # the output is far larger than a pipe buffer, so the writer meets a closed pipe
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert first and "Traceback" not in err


def test_the_summary_says_why_and_wraps_under_each_exchange() -> None:
    text = (
        "HOST: Minister, how many soldiers have you lost since the fighting began in the north of the country?\n\n"
        "MINISTER: We will disclose that later.\n\nHOST: That wasn't the question. How many?\n\n"
        "MINISTER: I'm not going to comment on that.\n"
    )
    code, out, err = run("analyze", "-", stdin=text)
    assert code == 0, err
    assert "1 follow-up," in out and "1 follow-ups" not in out
    assert "the model's confidence" in out
    lines = out.splitlines()
    why = [line for line in lines if line.lstrip().startswith("why: ")]
    assert why and all(line.startswith("    why: ") for line in why)
    assert any("refuses or postpones the answer" in line for line in why)
    # wrapped lines stay indented, and no line carries trailing blanks
    block = lines[lines.index(next(line for line in lines if line.startswith("x1"))) :]
    assert all(line == line.rstrip() for line in block)
