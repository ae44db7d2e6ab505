from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from onrecord.cli import main

LINES = [
    json.dumps({"question": "Will you run again?", "answer": "I'm not going to comment on that.", "id": 7}),
    "{not json",
    json.dumps({"question": "What is the deficit?"}),
    "",
    json.dumps({"question": "Are you confident?", "answer": "Yes, absolutely.", "context": "Sir, are you confident?"}),
]


def test_jsonl_command_scores_good_lines_and_reports_bad_ones() -> None:
    result = CliRunner().invoke(main, ["clarity", "-"], input="\n".join(LINES) + "\n")
    assert result.exit_code == 1
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r.get("id") for r in out] == [7, None]
    for r in out:
        assert set(r["clarity"]) == {"label", "confidence"} and set(r["evasion"]) == {"label", "confidence"}
    assert out[0]["clarity"]["label"] == "Clear Non-Reply"
    assert "line 2: not JSON" in result.stderr and 'line 3: missing "answer" string' in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["clarity", "/nonexistent/pairs.jsonl"])
    assert result.exit_code != 0 and "Traceback" not in result.stderr


def test_all_good_exits_zero(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["clarity"], input=LINES[0] + "\n")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1
