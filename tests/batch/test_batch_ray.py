"""The Ray engine against a local Ray instance: same outputs as the local engine.

Starting Ray and its worker processes takes 30-60 s on a 2-core machine, so
these tests are marked slow: ``pytest -m slow tests/batch``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from onrecord.batch import TABLES, OutputDir, run_batch

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'onrecord[ray]')")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    if started:
        ray.shutdown()


def test_ray_and_local_outputs_are_identical_and_resume(corpus: Path, tmp_path: Path, local_ray: None) -> None:
    local_out, ray_out = tmp_path / "local", tmp_path / "ray"
    run_batch([str(corpus)], local_out, stages=[], workers=2, part_size=2)
    summary = run_batch([str(corpus)], ray_out, engine="ray", stages=[], workers=2, part_size=2)
    assert (summary.analysed, summary.failed) == (4, 2)

    local, remote = OutputDir(local_out), OutputDir(ray_out)
    for table in TABLES:
        assert remote.read_table(table).equals(local.read_table(table)), table
    assert sorted(p.name for p in (ray_out / "json").iterdir()) == sorted(
        p.name for p in (local_out / "json").iterdir()
    )
    for p in (local_out / "json").iterdir():
        assert (ray_out / "json" / p.name).read_bytes() == p.read_bytes()
    assert (ray_out / "failures.jsonl").read_bytes() == (local_out / "failures.jsonl").read_bytes()
    assert len(remote.failures()) == 2

    # resume on Ray: a deleted part is redone, everything else skipped
    next(iter(sorted((ray_out / "tables" / "turns").glob("*.parquet")))).unlink()
    again = run_batch([str(corpus)], ray_out, engine="ray", stages=[], workers=2, part_size=2)
    assert (again.analysed, again.skipped) == (2, 2)
    for table in TABLES:
        assert remote.read_table(table).equals(local.read_table(table)), table
