"""A transcript whose file name is not valid UTF-8 (a Latin-1 name on a Linux disk)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.io import display_path, read_file

TEXT = "HOST: Why now?\n\nGUEST: Because the river rose.\n\nHOST: And next?\n\nGUEST: We rebuild.\n"


@pytest.fixture
def badly_named(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    path = Path(os.fsdecode(os.fsencode(folder) + b"/\xffbad.txt"))
    try:
        path.write_text(TEXT, encoding="utf-8")
    except (OSError, UnicodeEncodeError):  # a file system that stores names as UTF-8 only
        pytest.skip("this file system refuses a name that is not UTF-8")
    return folder


def test_the_name_is_shown_with_a_replacement_character(badly_named: Path) -> None:
    (path,) = badly_named.iterdir()
    assert display_path(path).endswith("/\ufffdbad.txt")
    assert read_file(path).name == display_path(path)


def test_analyze_writes_json_for_it(badly_named: Path) -> None:
    (path,) = badly_named.iterdir()
    got = CliRunner().invoke(main, ["analyze", str(path), "--format", "json", "--structure-only"])
    assert got.exit_code == 0, got.output
    assert json.loads(got.stdout)["metadata"]["source"].endswith("\ufffdbad.txt")


def test_batch_records_it_as_failed_and_goes_on(badly_named: Path, tmp_path: Path) -> None:
    (badly_named / "good.txt").write_text(TEXT.replace("river", "sea"), encoding="utf-8")
    out = tmp_path / "out"
    got = CliRunner().invoke(main, ["batch", str(badly_named), "--out", str(out), "--structure-only", "--workers", "1"])
    assert got.exit_code == 0, got.output
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(failures) == 1 and "not valid UTF-8" in failures[0]["error"]


def test_ingest_stores_it_under_a_printable_name(badly_named: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    got = CliRunner().invoke(main, ["ingest", "--db", db, str(badly_named), "--structure-only"])
    assert got.exit_code == 0, got.output
    assert "1 stored" in got.output
