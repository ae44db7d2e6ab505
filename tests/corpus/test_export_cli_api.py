"""Export round trips (CSV, Parquet, ConvoKit), the CLI's --format json, and the Python API."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.corpus import Corpus

from .conftest import FILLED_TITLES


def _expected_turns(corpus: Corpus) -> list[tuple[int, str, str]]:
    return [
        (r["interview_id"], t.id, t.text) for r in corpus.interviews() for t in corpus.document(r["interview_id"]).turns
    ]


def test_csv_round_trip(filled: Corpus, tmp_path: Path) -> None:
    files = filled.export(tmp_path / "out", "csv")
    assert sorted(p.name for p in files) == sorted(
        f"{t}.csv" for t in ("interviews", "speakers", "turns", "exchanges", "claims", "stances")
    )
    with (tmp_path / "out" / "turns.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(int(r["interview_id"]), r["turn_id"], r["text"]) for r in rows] == _expected_turns(filled)
    with (tmp_path / "out" / "interviews.csv").open(encoding="utf-8", newline="") as fh:
        titles = [r["title"] for r in csv.DictReader(fh)]
    assert titles == list(FILLED_TITLES)  # the comma survives quoting
    with (tmp_path / "out" / "claims.csv").open(encoding="utf-8", newline="") as fh:
        claims = list(csv.DictReader(fh))
    assert {c["text"] for c in claims} == {
        "Unemployment fell to 5 percent last year",
        "The pipeline carries oil and gas to Europe",
        "unemployment in the regions rose to 12 percent",
    }
    assert "embedding" not in claims[0]


def test_parquet_round_trip(filled: Corpus, tmp_path: Path) -> None:
    filled.export(tmp_path / "pq", "parquet")
    turns = pq.read_table(tmp_path / "pq" / "turns.parquet").to_pylist()
    assert [(r["interview_id"], r["turn_id"], r["text"]) for r in turns] == _expected_turns(filled)
    ex = pq.read_table(tmp_path / "pq" / "exchanges.parquet")
    assert ex.num_rows == sum(r["exchanges"] for r in filled.interviews())
    assert set(ex.column("clarity").to_pylist()) <= {"Clear Reply", "Ambivalent", "Clear Non-Reply"}
    assert str(ex.schema.field("pushback").type) == "bool"


def test_convokit_format(filled: Corpus, tmp_path: Path) -> None:
    filled.export(tmp_path / "ck", "convokit")
    d = tmp_path / "ck"
    assert {p.name for p in d.iterdir()} == {
        "utterances.jsonl",
        "speakers.json",
        "conversations.json",
        "corpus.json",
        "index.json",
    }
    utts = [json.loads(line) for line in (d / "utterances.jsonl").read_text(encoding="utf-8").splitlines()]
    speakers = json.loads((d / "speakers.json").read_text(encoding="utf-8"))
    convs = json.loads((d / "conversations.json").read_text(encoding="utf-8"))
    index = json.loads((d / "index.json").read_text(encoding="utf-8"))
    assert len(utts) == len(_expected_turns(filled)) and len(convs) == len(FILLED_TITLES)
    for u in utts:
        assert set(u) >= {"id", "speaker", "conversation_id", "reply_to", "text", "meta"}
        assert u["speaker"] in speakers and u["conversation_id"] in convs
    by_id = {u["id"]: u for u in utts}
    for u in utts:  # replies stay within the conversation and the root replies to nothing
        if u["reply_to"] is None:
            assert u["id"] == u["conversation_id"]
        else:
            assert by_id[u["reply_to"]]["conversation_id"] == u["conversation_id"]
    assert {"utterances-index", "speakers-index", "conversations-index", "overall-index"} <= set(index)
    assert {c["title"] for c in convs.values()} == set(FILLED_TITLES)


def test_unknown_export_format_is_a_user_error(filled: Corpus, tmp_path: Path) -> None:
    from onrecord.errors import OnrecordError

    with pytest.raises(OnrecordError, match="unknown export format"):
        filled.export(tmp_path, "xlsx")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_json_outputs(db_url: str, transcripts: Path, tmp_path: Path) -> None:
    code, out, _ = _run("ingest", str(transcripts), "--db", db_url, "--structure-only", "-j", "1", "--format", "json")
    assert code == 0 and len(json.loads(out)["stored"]) == 3
    code, out, _ = _run("ingest", str(transcripts), "--db", db_url, "--structure-only", "--format", "json")
    assert code == 0 and len(json.loads(out)["skipped"]) == 3
    code, out, _ = _run("search", "pipeline", "--db", db_url, "--speaker", "Aliyev", "--format", "json")
    res = json.loads(out)
    assert code == 0 and res["count"] == len(res["hits"]) > 0
    assert {h["speaker"] for h in res["hits"]} == {"Ilham Aliyev"}
    code, out, _ = _run("speaker", "ILHAM ALIYEV:", "--db", db_url, "--format", "json")
    assert code == 0 and json.loads(out)["name"] == "Ilham Aliyev"
    code, out, _ = _run("interviews", "--db", db_url, "--format", "json")
    assert code == 0 and json.loads(out)["count"] == 3
    code, out, _ = _run("export", "--db", db_url, "--out", str(tmp_path / "e"), "--format", "json")
    assert code == 0 and all(Path(p).is_file() for p in json.loads(out)["files"])


def test_cli_related_json(filled: Corpus, db_url: str) -> None:
    hit = filled.search("unemployment", kind="claim")[0]
    assert hit.claim_id is not None
    code, out, _ = _run("related", str(hit.claim_id), "--db", db_url, "--format", "json")
    res = json.loads(out)
    assert code == 0 and res["claim"]["text"] == hit.text and isinstance(res["related"], list)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "AND ("], "nothing to search for"),
        (["search", "pipeline", "--since", "2021-13"], "from date '2021-13': no such date"),
        (["speaker", "Nobody Here"], "no speaker matching"),
        (["related", "999999"], "no claim 999999"),
        (["ingest", "-"], "not standard input"),
    ],
)
def test_cli_errors_are_one_line_exit_2(db_url: str, transcripts: Path, args: list[str], message: str) -> None:
    _run("ingest", str(transcripts), "--db", db_url, "--structure-only", "-j", "1")
    code, out, err = _run(*args, "--db", db_url)
    assert code == 2 and err.startswith("onrecord: error:") and message in err
    assert "Traceback" not in err + out


def test_read_commands_do_not_create_a_corpus(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    for args in (["search", "pipeline"], ["speaker", "Aliyev"], ["related", "1"], ["interviews"]):
        for url in (str(typo), f"sqlite:///{typo}"):
            code, _, err = _run(*args, "--db", url)
            assert code == 2 and "no corpus at" in err and "onrecord ingest" in err, (args, url, err)
        for url in ("sqlite://", "sqlite:///", "sqlite:///:memory:"):  # a corpus that would vanish at exit
            code, _, err = _run(*args, "--db", url)
            assert code == 2 and "names no database file" in err, (args, url, err)
    assert not typo.exists()
    code, _, err = _run("related", "99999999999999999999999", "--db", str(typo))
    assert code == 2 and "Traceback" not in err and "internal error" not in err


def test_a_database_that_is_not_a_corpus_is_left_alone(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "app.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE interviews (id INTEGER PRIMARY KEY, who TEXT)")
    (tmp_path / "t.txt").write_text("HOST: Why?\n\nGUEST: Because.\n", encoding="utf-8")
    for args in (["interviews"], ["ingest", str(tmp_path / "t.txt")]):
        code, _, err = _run(*args, "--db", str(other))
        assert code == 2 and "is not an onrecord corpus" in err, (args, err)
    with sqlite3.connect(other) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"interviews"}
    code, _, err = _run("ingest", str(tmp_path / "t.txt"), "--db", "sqlite:///")
    assert code == 2 and "names no database file" in err


def test_export_tables_without_json_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = _run("export", "--out", str(tmp_path / "out"), "--db", str(tmp_path / "x.db"), "--tables", "parquet")
    assert code == 2 and "--tables goes with --format json" in err


def test_cli_bad_database_urls(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("these are my notes, not a database\n" * 40, encoding="utf-8")
    for url in (
        "mysql://x/y",
        f"sqlite:///{tmp_path}/no/such/dir/c.db",
        "postgresql://u:p@127.0.0.1:1/db",
        f"sqlite:///{not_a_db}",
    ):
        code, _, err = _run("interviews", "--db", url)
        assert code == 2 and err.startswith("onrecord: error:") and "Traceback" not in err, url
        assert len(err.strip().splitlines()) == 1, err  # one line: no "Background on this error" link


def test_python_api(db_url: str, transcripts: Path) -> None:
    with Corpus.open(db_url) as corpus:
        report = corpus.ingest([transcripts], stages=[])
        assert len(report.stored) == 3
        hits = corpus.search("troops", speaker="Aliyev", kind="answer")
        assert hits and all(h.kind == "answer" and h.speaker == "Ilham Aliyev" for h in hits)
        assert corpus.speaker("Aliyev")["name"] == "Ilham Aliyev"
        iid = report.interview_ids[str(transcripts / "2021-03-01_aliyev.txt")]
        assert corpus.document(iid).text == (transcripts / "2021-03-01_aliyev.txt").read_text(encoding="utf-8")
    with Corpus.open(db_url) as again:  # reopening does not migrate or lose anything
        assert len(again.interviews()) == 3


def test_ingest_of_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = _run("ingest", str(tmp_path / "empty"), "--db", str(tmp_path / "c.db"), "--structure-only")
    assert code == 2 and "no transcript files found" in err
