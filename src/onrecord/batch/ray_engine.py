"""The Ray engine: the same unit of work on Ray Data, for clusters.

Two passes over the input list, both embarrassingly parallel (no shuffles):

1. ``map_batches(_hash_batch)``: read and hash every input where it lives, so
   the driver can skip inputs already done and duplicates without reading a
   single byte itself (inputs may be object-storage URLs);
2. ``map_batches(RayAnalyser)``: a stateful actor pool (models load once per
   actor); each batch of ``part_size`` inputs is analysed and written as one
   part (JSON documents and one Parquet file per table) straight into ``out``,
   and only a small status row per input travels back to the driver, which
   commits each part to the manifest once all its rows have arrived.

``out`` must be a directory every worker can write (a shared mount on a
cluster); the layout is the one the local engine writes.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable
from typing import Any

import pyarrow as pa

from onrecord.batch.core import DocResult, Options, analyse_one, failure, one_thread_per_worker, warm_up
from onrecord.batch.inputs import content_id, read_bytes
from onrecord.batch.output import OutputDir
from onrecord.errors import InputError, OnrecordError

Advance = Callable[[DocResult | None], None]

_STATUS = pa.schema(
    [
        ("source", pa.string()),
        ("doc_id", pa.string()),
        ("part", pa.string()),
        ("part_docs", pa.int64()),
        ("error_type", pa.string()),
        ("error", pa.string()),
    ]
)


def _hash_batch(batch: pa.Table) -> pa.Table:
    sources: list[str] = batch.column("source").to_pylist()
    ids: list[str | None] = []
    errors: list[str | None] = []
    for source in sources:
        try:
            ids.append(content_id(read_bytes(source)))
            errors.append(None)
        except InputError as exc:
            ids.append(None)
            errors.append(str(exc))
    return pa.table(
        {
            "source": pa.array(sources, pa.string()),
            "doc_id": pa.array(ids, pa.string()),
            "error": pa.array(errors, pa.string()),
        }
    )


class RayAnalyser:
    """The stateful ``map_batches`` actor: loads models once, writes one part per batch."""

    def __init__(self, out: str, options: Options) -> None:
        self.out = OutputDir(out)
        self.options = options
        one_thread_per_worker()
        warm_up(options)

    def __call__(self, batch: pa.Table) -> pa.Table:
        results: list[DocResult] = []
        for source in batch.column("source").to_pylist():
            try:
                data = read_bytes(source)
            except InputError as exc:
                results.append(failure(source, None, exc))
                continue
            results.append(analyse_one(source, data, self.options))
        ok = [r for r in results if r.ok and r.document is not None and r.doc_id is not None]
        for r in ok:
            self.out.write_json(str(r.doc_id), str(r.document))
        part = self.out.write_part(ok) if ok else None
        rows: list[dict[str, Any]] = [
            {
                "source": r.source,
                "doc_id": r.doc_id,
                "part": part if r.ok else None,
                "part_docs": len(ok),
                "error_type": r.error_type,
                "error": r.error,
            }
            for r in results
        ]
        return pa.Table.from_pylist(rows, schema=_STATUS)


def _connect(address: str | None, workers: int | None) -> Any:
    try:
        import ray
    except ImportError:
        raise OnrecordError("--engine ray needs Ray: pip install 'onrecord[ray]'") from None
    if not ray.is_initialized():
        try:
            if address is None and not os.environ.get("RAY_ADDRESS"):
                # no cluster named: start a private local instance
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
            else:
                # --address, or RAY_ADDRESS (which `ray job submit` sets for the driver)
                ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise OnrecordError(f"cannot start or reach Ray at {address or 'local'}: {exc}") from None
    return ray


def run_ray(
    inputs: list[str],
    out: OutputDir,
    options: Options,
    done: set[str],
    *,
    address: str | None = None,
    workers: int | None = None,
    part_size: int = 200,
    limit: int | None = None,
    advance: Advance = lambda _r: None,
) -> tuple[dict[str, int], int]:
    """Analyse ``inputs`` not in ``done`` on Ray; returns (counts, number of actors)."""
    ray = _connect(address, workers)
    from ray.data import ActorPoolStrategy, DataContext

    ctx = DataContext.get_current()
    ctx.enable_progress_bars = False  # onrecord's own bar counts interviews
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    n = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    counts = {"analysed": 0, "failed": 0, "skipped": 0, "duplicates": 0, "crashed": 0}

    def fail(result: DocResult) -> None:
        out.record_failure(result)
        counts["failed"] += 1
        advance(result)

    # Pass 1: content hashes, computed where the inputs are.
    items = [{"source": s} for s in inputs]
    hashed = ray.data.from_items(items, override_num_blocks=max(1, min(len(items), 4 * n))).map_batches(
        _hash_batch, batch_format="pyarrow", batch_size=64
    )
    try:
        by_source = {row["source"]: row for row in hashed.take_all()}
    except ray.exceptions.RayError as exc:
        raise OnrecordError(f"Ray failed while reading the inputs: {_last_line(exc)}") from None
    seen: set[str] = set()
    pending: list[str] = []
    for source in inputs:
        row = by_source[source]
        if row["doc_id"] is None:
            fail(DocResult(source=source, doc_id=None, error=row["error"], error_type="InputError"))
        elif row["doc_id"] in done:
            counts["skipped"] += 1
            advance(None)
        elif row["doc_id"] in seen:
            counts["duplicates"] += 1
            advance(None)
        elif limit is None or len(pending) < limit:
            seen.add(row["doc_id"])
            pending.append(source)
    if not pending:
        return counts, n

    # Pass 2: analysis on an actor pool, one part per batch; smaller parts when
    # there are too few inputs to keep every actor busy.
    size = max(1, min(part_size, math.ceil(len(pending) / n)))
    ds = ray.data.from_items([{"source": s} for s in pending], override_num_blocks=math.ceil(len(pending) / size))
    results = ds.map_batches(
        RayAnalyser,
        fn_constructor_kwargs={"out": str(out.root), "options": options},
        batch_size=size,
        batch_format="pyarrow",
        compute=ActorPoolStrategy(size=n),
        num_cpus=1,
    )
    try:
        _collect(results, out, counts, fail, advance)
    except ray.exceptions.RayError as exc:
        raise OnrecordError(f"Ray failed while analysing (finished parts are kept): {_last_line(exc)}") from None
    return counts, n


def _last_line(exc: BaseException) -> str:
    lines = [ln for ln in str(exc).splitlines() if ln.strip()]
    return lines[-1] if lines else type(exc).__name__


def _collect(
    results: Any, out: OutputDir, counts: dict[str, int], fail: Callable[[DocResult], None], advance: Advance
) -> None:
    """Commit each part once the status rows of all its documents have arrived."""
    arrived: dict[str, list[tuple[str, str]]] = {}
    for batch in results.iter_batches(batch_size=None, batch_format="pyarrow"):
        for row in batch.to_pylist():
            if row["error"] is not None:
                fail(
                    DocResult(
                        source=row["source"], doc_id=row["doc_id"], error=row["error"], error_type=row["error_type"]
                    )
                )
                continue
            part = row["part"]
            docs = arrived.setdefault(part, [])
            docs.append((row["doc_id"], row["source"]))
            if len(docs) == row["part_docs"]:
                out.commit(part, docs)
                counts["analysed"] += len(docs)
                del arrived[part]
            advance(DocResult(source=row["source"], doc_id=row["doc_id"]))
