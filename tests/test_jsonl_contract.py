"""The JSON-lines contract shared by ``onrecord clarity`` and ``onrecord checkworthy``:
a bad line costs that line only, whatever is wrong with it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from onrecord.cli import main

GOOD = {
    "clarity": {"question": "Will you run again?", "answer": "Yes, I will run again next year."},
    "checkworthy": {"text": "Unemployment fell to 5 percent last year."},
}
FIELD = {"clarity": "question", "checkworthy": "text"}


@pytest.mark.parametrize("command", ["clarity", "checkworthy"])
def test_each_bad_line_is_reported_and_the_rest_scored(command: str) -> None:
    good = json.dumps(GOOD[command]).encode()
    field = FIELD[command]
    bad = {
        2: json.dumps({**GOOD[command], field: "A lone \ud800 surrogate?"}).encode(),  # json.dumps escapes it
        3: json.dumps({**GOOD[command], field: "caf\u00e9?"}, ensure_ascii=False).encode("latin-1"),
        4: json.dumps({**GOOD[command], field: "   "}).encode(),
        5: b'{"text": "unterminated',
        6: b'{"context": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",  # deeper than the JSON parser recurses
        7: json.dumps({**GOOD[command], field: 123}).encode(),
    }
    lines = [b"\xef\xbb\xbf" + good] + [bad[n] for n in sorted(bad)] + [good]
    result = CliRunner().invoke(main, [command, "-"], input=b"\n".join(lines) + b"\n")
    assert result.exit_code == 1, result.output
    assert len(result.stdout.splitlines()) == 2  # the first line (after its byte-order mark) and the last
    err = result.stderr
    assert "line 1:" not in err and "Traceback" not in err and "internal error" not in err
    assert "line 2: " in err and "lone surrogate" in err
    assert "line 3: not UTF-8 text" in err
    assert f'line 4: "{field}" is empty' in err
    assert "line 5: not JSON" in err and "column" in err
    assert "line 6: not JSON this tool reads (nested too deeply)" in err
    assert f'line 7: "{field}" must be a string' in err
    assert "6 line(s) failed" in err


def test_empty_input_says_so() -> None:
    result = CliRunner().invoke(main, ["clarity", "-"], input=b"")
    assert result.exit_code == 0 and result.stdout == "" and "no lines to score" in result.stderr


@pytest.mark.parametrize(
    ("args", "fd", "message"),
    [
        (["clarity", "-"], 0, "standard input is closed"),
        (["analyze", "-"], 0, "standard input is closed"),
        (["layouts"], 1, "standard output is closed"),
    ],
)
def test_a_closed_standard_stream_is_an_error_not_a_crash(args: list[str], fd: int, message: str) -> None:
    """As "onrecord clarity - <&-" or "onrecord layouts >&-" in a shell: the descriptor is closed at start."""
    code = "import sys; from onrecord.cli import main; sys.argv = ['onrecord', *sys.argv[1:]]; main()"
    got = subprocess.run(
        [sys.executable, "-c", code, *args],
        stdin=None if fd == 0 else subprocess.DEVNULL,
        stdout=None if fd == 1 else subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(fd),
        check=False,
    )
    err = got.stderr.decode()
    assert got.returncode == 2 and message in err and "internal error" not in err
