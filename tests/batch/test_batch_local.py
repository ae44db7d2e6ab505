"""The local batch engine: outputs, failures, resume, determinism, CLI errors."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from batch_support import GOOD, debates
from click.testing import CliRunner

from onrecord.batch import SCHEMAS, TABLES, OutputDir, list_inputs, run_batch
from onrecord.cli import main


def _files(root: Path) -> dict[str, bytes]:
    """Every output file under ``root`` (relative path -> bytes), except the run settings."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "batch.json"
    }


@pytest.fixture(scope="module")
def one_worker(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out1")
    summary = run_batch([str(corpus)], out, stages=[], workers=1, part_size=2)
    assert (summary.analysed, summary.failed, summary.skipped) == (len(GOOD), 2, 0)
    return out


def test_outputs_for_good_inputs_and_failures_for_bad(corpus: Path, one_worker: Path) -> None:
    ids = {hashlib.sha256((corpus / n).read_bytes()).hexdigest(): str(corpus / n) for n in GOOD}
    assert {p.stem for p in (one_worker / "json").glob("*.json")} == set(ids)
    doc = json.loads((one_worker / "json" / f"{next(iter(ids))}.json").read_text())
    assert doc["turns"] and doc["metadata"]["source"] == ids[next(iter(ids))]

    failures = OutputDir(one_worker).failures()
    assert sorted(Path(f["source"]).name for f in failures) == ["empty.txt", "garbage.txt"]
    assert all(f["error"] and f["error_type"] == "InputError" for f in failures)


def test_tables_readable_with_pyarrow_with_stable_columns(corpus: Path, one_worker: Path) -> None:
    ids = {hashlib.sha256((corpus / n).read_bytes()).hexdigest() for n in GOOD}
    for table in TABLES:
        t = pq.read_table(one_worker / "tables" / table)  # plain pyarrow, no onrecord helper
        assert t.schema.names == SCHEMAS[table].names, table
        assert set(t.column("doc_id").to_pylist()) <= ids
    interviews = pq.read_table(one_worker / "tables" / "interviews")
    assert sorted(interviews.column("doc_id").to_pylist()) == sorted(ids)
    turns = OutputDir(one_worker).read_table("turns")
    assert turns.num_rows == sum(interviews.column("n_turns").to_pylist())
    # spans are offsets into the interview text
    texts = dict(zip(interviews.column("doc_id").to_pylist(), interviews.column("text").to_pylist(), strict=True))
    for row in turns.slice(0, 50).to_pylist():
        assert texts[row["doc_id"]][row["start"] : row["end"]] == row["text"]


def test_one_and_two_workers_write_identical_files(corpus: Path, one_worker: Path, tmp_path: Path) -> None:
    run_batch([str(corpus)], tmp_path, stages=[], workers=2, part_size=2)
    assert _files(tmp_path) == _files(one_worker)


def test_resume_after_a_part_is_deleted(corpus: Path, one_worker: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(one_worker, out)
    victim = sorted((out / "tables" / "claims").glob("*.parquet"))[0]
    victim.unlink()
    summary = run_batch([str(corpus)], out, stages=[], workers=1, part_size=2)
    assert (summary.analysed, summary.skipped, summary.failed) == (2, 2, 2)
    got, want = _files(out), _files(one_worker)
    # the redone part is committed last: same lines, another order
    assert sorted(got.pop("manifest.jsonl").splitlines()) == sorted(want.pop("manifest.jsonl").splitlines())
    assert got == want


def test_a_part_committed_twice_counts_once(corpus: Path, one_worker: Path, tmp_path: Path) -> None:
    # what a Ctrl-C between the manifest append and the writer forgetting its part used to leave
    out = tmp_path / "out"
    shutil.copytree(one_worker, out)
    manifest = out / "manifest.jsonl"
    first = manifest.read_text(encoding="utf-8").splitlines()[0]
    manifest.write_text(manifest.read_text(encoding="utf-8") + first + "\n", encoding="utf-8")
    for table in TABLES:
        assert OutputDir(out).read_table(table).equals(OutputDir(one_worker).read_table(table)), table
    summary = run_batch([str(corpus)], out, stages=[], workers=1, part_size=2)
    assert (summary.analysed, summary.skipped) == (0, len(GOOD))
    assert manifest.read_text(encoding="utf-8") == (one_worker / "manifest.jsonl").read_text(encoding="utf-8")


def test_limit_then_resume_skips_done_inputs(corpus: Path, one_worker: Path, tmp_path: Path) -> None:
    first = run_batch([str(corpus)], tmp_path, stages=[], workers=1, part_size=2, limit=2)
    assert first.analysed == 2
    second = run_batch([str(corpus)], tmp_path, stages=[], workers=1, part_size=2)
    assert (second.analysed, second.skipped) == (2, 2)
    out = OutputDir(tmp_path)
    ref = OutputDir(one_worker)
    for table in TABLES:
        assert out.read_table(table).equals(ref.read_table(table)), table
    assert len(out.failures()) == 2  # re-tried, re-recorded, not duplicated


def test_duplicate_content_is_analysed_once(corpus: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(corpus / GOOD[0], inputs / "a.txt")
    shutil.copy(corpus / GOOD[0], inputs / "b.txt")
    summary = run_batch([str(inputs)], tmp_path / "out", stages=[], workers=1)
    assert (summary.analysed, summary.duplicates) == (1, 1)


def _start_and_stop(tmp_path: Path, sig: int) -> tuple[Path, Path, int, int | None]:
    """Start the CLI on 8 debates, send ``sig`` to its process group once 2 parts are committed."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    files = debates()[:8]
    for f in files:
        shutil.copy(f, inputs / f.name)
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-c",
        "from onrecord.cli import main; main()",
        "batch",
        str(inputs),
        "--out",
        str(out),
        "--structure-only",
        "--workers",
        "1",
        "--part-size",
        "1",
        "-q",
    ]
    proc = subprocess.Popen(cmd, start_new_session=True)
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and len(manifest.read_text().splitlines()) >= 2:
            break
        time.sleep(0.05)
    stopped = proc.poll() is None
    if stopped:
        os.killpg(proc.pid, sig)
    try:
        code = proc.wait(timeout=30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    return inputs, out, len(files), code if stopped else None


def _resume_and_check(inputs: Path, out: Path, n: int) -> None:
    assert len(OutputDir(out).committed()) >= 2
    resumed = run_batch([str(inputs)], out, stages=[], workers=2, part_size=1)
    assert resumed.skipped >= 2
    assert resumed.skipped + resumed.analysed == n
    ids = OutputDir(out).read_table("interviews").column("doc_id").to_pylist()
    assert len(ids) == len(set(ids)) == n
    assert len(list((out / "tables" / "turns").glob("*.parquet"))) == n


def test_killed_run_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    inputs, out, n, _code = _start_and_stop(tmp_path, signal.SIGKILL)
    _resume_and_check(inputs, out, n)


def test_ctrl_c_stops_cleanly_and_resumes(tmp_path: Path) -> None:
    inputs, out, n, code = _start_and_stop(tmp_path, signal.SIGINT)
    if code is not None:  # the run was still going when Ctrl-C was sent
        # 130, or 0 when the signal landed after the last result was written (a race on a busy machine)
        assert code == 130 or (code == 0 and len(OutputDir(out).committed()) == n), code
    _resume_and_check(inputs, out, n)


def test_list_inputs_dirs_globs_and_exclusions(corpus: Path, tmp_path: Path) -> None:
    listed = list_inputs([str(corpus)])
    assert ".hidden.txt" not in {Path(p).name for p in listed}
    assert {Path(p).name for p in listed} == {*GOOD, "garbage.txt", "empty.txt"}
    assert list_inputs([str(corpus / "19*.txt")]) == sorted(str(corpus / n) for n in GOOD)
    assert all(os.path.isabs(p) for p in listed)
    # the output directory is never read as input
    out = corpus / "out"
    out.mkdir(exist_ok=True)
    (out / "x.json").write_text("{}")
    try:
        assert str(out / "x.json") not in list_inputs([str(corpus)], exclude=[out])
    finally:
        shutil.rmtree(out)
    # overlapping specs are merged, not taken for an empty directory
    assert list_inputs([str(corpus), str(corpus)]) == listed
    assert list_inputs([str(corpus / GOOD[0]), str(corpus)]) == listed


def test_cli_errors_are_one_line_and_exit_2(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(main, ["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2 and "no such file" in r.output and "Traceback" not in r.output
    r = runner.invoke(main, ["batch", str(corpus), "--out", str(tmp_path / "o"), "--stages", "no-such-stage"])
    assert r.exit_code == 2 and "unknown analyzer" in r.output
    r = runner.invoke(main, ["batch", str(corpus), "--out", str(tmp_path / "o"), "--address", "x"])
    assert r.exit_code == 2 and "--engine ray" in r.output


def test_cli_refuses_to_mix_settings_in_one_out_dir(corpus: Path, one_worker: Path) -> None:
    r = CliRunner().invoke(main, ["batch", str(corpus), "--out", str(one_worker), "--layout", "dash", "-q"])
    assert r.exit_code == 2 and "another --out" in r.output


def _pool_workers() -> list[int]:
    """Pids of the local engine's worker processes (children of our forkserver)."""
    procs: dict[int, tuple[int, str]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            procs[int(entry)] = (int(stat.rsplit(")", 1)[1].split()[1]), cmd)
    servers = {p for p, (pp, cmd) in procs.items() if pp == os.getpid() and "forkserver" in cmd}
    return [p for p, (pp, _cmd) in procs.items() if pp in servers]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_dying_worker_costs_no_input(corpus: Path, one_worker: Path, tmp_path: Path) -> None:
    killed: list[int] = []

    def kill_a_worker(_result: object) -> None:
        if not killed:
            victims = _pool_workers()
            assert victims
            os.kill(victims[0], signal.SIGKILL)
            killed.append(victims[0])

    summary = run_batch([str(corpus)], tmp_path, stages=[], workers=2, part_size=2, on_result=kill_a_worker)
    assert killed
    assert (summary.analysed, summary.failed) == (len(GOOD), 2)
    assert _files(tmp_path) == _files(one_worker)


def test_url_inputs_are_read_through_pyarrow_fs(corpus: Path, one_worker: Path, tmp_path: Path) -> None:
    url = corpus.as_uri() + "/"
    listed = list_inputs([url])
    assert listed == sorted(f"file://{p}" for p in list_inputs([str(corpus)]))
    summary = run_batch([url], tmp_path, stages=[], workers=1, part_size=2)
    assert (summary.analysed, summary.failed) == (len(GOOD), 2)
    got = OutputDir(tmp_path).read_table("turns")
    assert got.equals(OutputDir(one_worker).read_table("turns"))
    sources = OutputDir(tmp_path).read_table("interviews").column("source").to_pylist()
    assert all(s.startswith("file:///") for s in sources)


@pytest.mark.slow
def test_models_give_identical_outputs_with_one_and_two_workers(tmp_path: Path) -> None:
    """With model stages too (slow: models load in every worker)."""
    from batch_support import SHARED

    from onrecord.pipeline import analyze, default_stages

    seed = SHARED / "seeds" / "000_d64bfc97030efaab.txt"
    if not seed.is_file():
        pytest.skip(f"{seed} not found")
    text = seed.read_text(encoding="utf-8")
    stages = []
    for name in default_stages():
        try:
            analyze(text[:4000], stages=[name])
            stages.append(name)
        except Exception:  # analyzers still being written are left out
            continue
    if not stages:
        pytest.skip("no model stage runs in this installation")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(3):
        (inputs / f"{i}.txt").write_text(text + f"\n[copy {i}]\n", encoding="utf-8")
    run_batch([str(inputs)], tmp_path / "w1", stages=stages, workers=1, part_size=2)
    run_batch([str(inputs)], tmp_path / "w2", stages=stages, workers=2, part_size=2)
    assert not OutputDir(tmp_path / "w1").failures()
    assert _files(tmp_path / "w1") == _files(tmp_path / "w2")


def test_a_fixed_input_leaves_failures_and_one_beyond_limit_stays(corpus: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_bytes(b"")
    (inputs / "b.txt").write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "out"
    first = run_batch([str(inputs)], out, stages=[], workers=1)
    assert first.failed == 2
    shutil.copy(corpus / GOOD[0], inputs / "a.txt")  # a is fixed, b is still garbage
    second = run_batch([str(inputs)], out, stages=[], workers=1, limit=1)
    assert second.analysed == 1
    assert [Path(f["source"]).name for f in OutputDir(out).failures()] == ["b.txt"]


def test_a_dead_worker_the_executor_missed_still_breaks_the_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    # a worker SIGKILLed while holding the call queue's lock can leave the executor unaware
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool
    from types import SimpleNamespace

    from onrecord.batch import local

    monkeypatch.setattr(local, "_POLL_SECONDS", 0.01)
    never: Future[object] = Future()
    alive = SimpleNamespace(_processes={1: SimpleNamespace(exitcode=None)})
    dead = SimpleNamespace(_processes={1: SimpleNamespace(exitcode=None), 2: SimpleNamespace(exitcode=-9)})
    with pytest.raises(BrokenProcessPool):
        local._result(never, dead)  # type: ignore[arg-type]
    done: Future[object] = Future()
    done.set_result("ok")
    assert local._result(done, alive) == "ok"  # type: ignore[arg-type]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_discarded_pool_does_not_wait_forever_for_half_a_result() -> None:
    """A worker killed while sending its result leaves half a message in the result pipe; the executor's
    manager thread must not wait for the rest forever (that kept the interpreter from exiting)."""
    import multiprocessing
    import struct
    import threading
    from concurrent.futures import ProcessPoolExecutor

    from onrecord.batch import local

    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("forkserver"))
    assert pool.submit(abs, -1).result(timeout=60) == 1
    manager = pool._executor_manager_thread  # type: ignore[attr-defined]
    assert isinstance(manager, threading.Thread) and manager.is_alive()
    # what a worker killed mid-send leaves: a length header, and none of the bytes it announces
    os.write(pool._result_queue._writer.fileno(), struct.pack("!i", 4096))  # type: ignore[attr-defined]
    local._discard(pool)
    manager.join(timeout=30)
    assert not manager.is_alive()
