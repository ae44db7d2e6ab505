"""``onrecord checkworthy`` on JSONL, including bad lines."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from onrecord.cli import main

LINES = [
    json.dumps({"text": "We have cut taxes for 95 percent of working families.", "speaker": "OBAMA"}),
    "{not json",
    json.dumps({"speaker": "X"}),
    "",
    json.dumps(["a list"]),
    json.dumps({"text": "Thank you very much.", "context": "Closing remarks", "id": 7}),
]


def test_jsonl_with_bad_lines(tmp_path: Path) -> None:
    src = tmp_path / "s.jsonl"
    src.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["checkworthy", str(src)])
    assert r.exit_code == 1
    assert "Traceback" not in r.output + r.stderr
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["text"] for o in out] == [json.loads(LINES[0])["text"], "Thank you very much."]
    assert out[1]["id"] == 7 and out[1]["context"] == "Closing remarks"
    for o in out:
        assert 0.0 <= o["checkworthy"]["score"] <= 1.0
        assert isinstance(o["checkworthy"]["label"], bool)
    assert out[0]["checkworthy"]["label"] is True
    assert out[1]["checkworthy"]["label"] is False
    for n in (2, 3, 5):
        assert f"line {n}:" in r.stderr


def test_stdin_and_threshold() -> None:
    r = CliRunner().invoke(main, ["checkworthy", "-", "--threshold", "0"], input=LINES[5] + "\n")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["checkworthy"]["label"] is True


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["checkworthy", str(tmp_path / "nope.jsonl")])
    assert r.exit_code != 0
    assert "Traceback" not in r.output
