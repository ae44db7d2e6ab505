"""Ingest: idempotence by content hash, one transaction per document, kill -9, parallel workers."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from onrecord.corpus import Corpus, schema, store
from onrecord.corpus.ingest import date_from_name, expand_paths
from onrecord.errors import InputError

from .conftest import ALIYEV, DEBATES


def _counts(corpus: Corpus) -> dict[str, int]:
    with corpus.engine.connect() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in (schema.interviews, schema.turns, schema.exchanges, schema.search_docs, schema.speakers)
        }


def _consistent(corpus: Corpus) -> None:
    """Every stored interview has exactly the child rows its document implies; no orphans."""
    with corpus.engine.connect() as conn:
        for iid, n_turns, n_ex in conn.execute(
            select(schema.interviews.c.id, schema.interviews.c.n_turns, schema.interviews.c.n_exchanges)
        ):
            turns = conn.execute(select(func.count()).where(schema.turns.c.interview_id == iid)).scalar_one()
            ex = conn.execute(select(func.count()).where(schema.exchanges.c.interview_id == iid)).scalar_one()
            assert (turns, ex) == (n_turns, n_ex)
        ids = select(schema.interviews.c.id)
        for t in (schema.turns, schema.exchanges, schema.search_docs, schema.appearances):
            orphans = conn.execute(select(func.count()).select_from(t).where(t.c.interview_id.not_in(ids)))
            assert orphans.scalar_one() == 0
        if conn.dialect.name == "sqlite":
            # the full-text index reads its text from search_docs: it must hold exactly those rows
            conn.execute(text("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)"))
            indexed = conn.execute(text("SELECT count(*) FROM search_fts_docsize")).scalar_one()
            assert indexed == conn.execute(select(func.count()).select_from(schema.search_docs)).scalar_one()


def test_ingest_is_idempotent_by_content_hash(corpus: Corpus, transcripts: Path) -> None:
    first = corpus.ingest([transcripts], stages=[])
    assert sorted(Path(p).name for p in first.stored) == [
        "2021-03-01_aliyev.txt",
        "2022-06-15_aliyev.txt",
        "2023-01-10_smith.txt",
    ]
    before = _counts(corpus)
    second = corpus.ingest([transcripts], stages=[])
    assert second.stored == [] and len(second.skipped) == 3
    # the same text under another name is the same transcript
    copy = transcripts / "copy_of_aliyev.txt"
    shutil.copy(transcripts / "2021-03-01_aliyev.txt", copy)
    third = corpus.ingest([copy], stages=[])
    assert third.skipped == [str(copy)]
    assert _counts(corpus) == before
    _consistent(corpus)


def test_reanalyze_only_when_versions_differ(corpus: Corpus, transcripts: Path) -> None:
    corpus.ingest([transcripts], stages=[])
    same = corpus.ingest([transcripts], stages=[], reanalyze=True)
    assert same.reanalysed == [] and len(same.skipped) == 3
    with corpus.engine.begin() as conn:
        conn.execute(schema.interviews.update().values(analyzers='{"structure": "0.0-old"}'))
    redo = corpus.ingest([transcripts], stages=[], reanalyze=True)
    assert len(redo.reanalysed) == 3
    assert all(r["analyzers"] != {"structure": "0.0-old"} for r in corpus.interviews())
    _consistent(corpus)


def test_directory_walk_skips_readme_and_dates_come_from_file_names(corpus: Corpus, transcripts: Path) -> None:
    files = expand_paths([transcripts])
    assert "README.md" not in {Path(f).name for f in files}
    corpus.ingest([transcripts], stages=[])
    assert sorted(r["date"] for r in corpus.interviews()) == ["2021-03-01", "2022-06-15", "2023-01-10"]
    assert date_from_name("debate_2016-02-30.txt") is None
    assert date_from_name("x/1960-09-26.txt") == "1960-09-26"


def test_missing_paths_and_unmatched_globs_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        expand_paths([tmp_path / "nope.txt"])
    with pytest.raises(InputError, match="matches no files"):
        expand_paths([str(tmp_path / "*.srt")])


def test_bad_files_fail_alone(corpus: Corpus, transcripts: Path) -> None:
    (transcripts / "empty.txt").write_text("", encoding="utf-8")
    (transcripts / "binary.txt").write_bytes(bytes(range(256)) * 4)
    report = corpus.ingest([transcripts], stages=[])
    assert len(report.stored) == 3
    assert {Path(p).name for p, _ in report.failed} == {"empty.txt", "binary.txt"}
    assert all(msg for _, msg in report.failed)


def test_failure_mid_document_stores_nothing(
    corpus: Corpus, transcripts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error after the interview row and its turns are written rolls the whole document back."""
    real_insert = store.insert
    calls = {"n": 0}

    def failing_insert(table):  # type: ignore[no-untyped-def]
        if table is schema.claims or table is schema.search_docs:
            calls["n"] += 1
            raise RuntimeError("simulated crash while storing")
        return real_insert(table)

    monkeypatch.setattr(store, "insert", failing_insert)
    with pytest.raises(RuntimeError, match="simulated crash"):
        corpus.ingest([transcripts / "2021-03-01_aliyev.txt"], stages=[])
    assert calls["n"] == 1
    counts = _counts(corpus)
    assert counts["interviews"] == counts["turns"] == counts["exchanges"] == counts["speakers"] == 0
    monkeypatch.setattr(store, "insert", real_insert)
    report = corpus.ingest([transcripts], stages=[])
    assert len(report.stored) == 3
    _consistent(corpus)


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from onrecord.corpus import Corpus, store
    real = store.store_document
    done = []
    def store_then_die(conn, doc, digest, source, embeddings=None):
        iid = real(conn, doc, digest, source, embeddings)   # every row written, not committed
        done.append(iid)
        if len(done) == 3:
            os.kill(os.getpid(), signal.SIGKILL)
        return iid
    store.store_document = store_then_die
    Corpus.open(sys.argv[1]).ingest([sys.argv[2]], stages=[], workers=1)
    """
)


@pytest.mark.skipif(not DEBATES.is_dir(), reason="shared transcripts not present")
def test_kill_9_mid_document_leaves_nothing_half_stored(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "debates"
    folder.mkdir()
    for f in sorted(DEBATES.glob("*.txt"))[:5]:
        shutil.copy(f, folder / f.name)
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, db_url, str(folder)],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert proc.returncode == -signal.SIGKILL
    with Corpus.open(db_url) as corpus:
        assert len(corpus.interviews()) == 2  # the third was killed before its commit
        _consistent(corpus)
        rerun = corpus.ingest([folder], stages=[])
        assert len(rerun.skipped) == 2 and len(rerun.stored) == 3
        assert len(corpus.interviews()) == 5
        _consistent(corpus)


def test_parallel_workers_store_everything_once(corpus: Corpus, transcripts: Path) -> None:
    for i in range(4):  # distinct texts, so distinct content hashes
        (transcripts / f"extra_{i}.txt").write_text(ALIYEV + f"\nHOST: Thank you ({i}).\n", encoding="utf-8")
    seen: list[tuple[str, str]] = []
    report = corpus.ingest([transcripts], stages=[], workers=2, progress=lambda p, o: seen.append((p, o)))
    assert len(report.stored) == 7 and not report.failed
    assert sorted(o for _, o in seen) == ["stored"] * 7
    assert len(set(report.interview_ids.values())) == 7
    _consistent(corpus)
