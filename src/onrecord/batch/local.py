"""The local engine: a pool of worker processes on this machine.

The parent reads and hashes each input (in sorted order), skips those already
done, and hands the bytes to a worker; each worker loads the models once (the
pool initializer) and returns a :class:`DocResult`.  Results are consumed in
input order, so the parts written, and every output file, are the same
whatever the number of workers.  A worker that dies (segfault, out of memory)
is replaced, and the inputs it may have been holding are retried one at a time
so the one that kills a worker is recorded as a failure and the rest go on.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import forkserver

from onrecord.batch.core import DocResult, Options, analyse_one, failure, one_thread_per_worker, warm_up
from onrecord.batch.inputs import content_id, read_bytes
from onrecord.batch.output import OutputDir
from onrecord.errors import InputError, OnrecordError

Advance = Callable[[DocResult | None], None]

# A worker that dies on this many inputs in a row is not the inputs' fault.
_MAX_DEATHS_IN_A_ROW = 5


def _init_worker(options: Options) -> None:
    # Ctrl-C goes to the whole process group: let the parent decide, so a
    # worker never dies half-way through a result.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    one_thread_per_worker()
    warm_up(options)


def _start_forkserver() -> None:
    """Start the fork server with Ctrl-C ignored (inherited through exec), so that a
    Ctrl-C while it is still importing does not print its traceback."""
    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


_POLL_SECONDS = 2.0


def _processes(pool: ProcessPoolExecutor) -> list[multiprocessing.process.BaseProcess]:
    # ProcessPoolExecutor keeps its workers in a private dict; no public way to see them
    return list((getattr(pool, "_processes", None) or {}).values())


def _result(fut: Future[DocResult], pool: ProcessPoolExecutor) -> DocResult:
    """``fut.result()``, but a worker found dead counts as a broken pool even when the executor
    has not noticed: a worker killed while it held the call queue's lock can leave
    ``ProcessPoolExecutor`` waiting forever (CPython gh-94777 and relatives)."""
    while True:
        try:
            return fut.result(timeout=_POLL_SECONDS)
        except TimeoutError:
            if any(p.exitcode is not None for p in _processes(pool)):
                raise BrokenProcessPool("a worker process died") from None


def _discard(pool: ProcessPoolExecutor) -> None:
    """Shut ``pool`` down without waiting, killing its workers so that a wedged one cannot keep
    the executor's management thread (and so the interpreter's exit) waiting."""
    workers = _processes(pool)
    # shutdown() drops the executor's references to its queues, so take the result pipe's write end first
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for p in workers:
        if p.exitcode is None:
            p.kill()
    # A worker killed while sending its result leaves half a message in the result pipe, and the
    # executor's manager thread waits for the rest forever: the pipe's write end is still open in this
    # process (the executor keeps it), so no end-of-file ever comes, and the interpreter cannot exit
    # while that thread runs (seen as a rare hang after the test run).  With the workers dead, closing
    # this process's write end lets the read fail, and the manager thread winds the pool down.
    for p in workers:
        p.join(timeout=_POLL_SECONDS)
    if writer is not None:
        writer.close()


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class _Writer:
    """Buffers results in arrival order and commits a part every ``part_size`` documents."""

    def __init__(self, out: OutputDir, part_size: int) -> None:
        self.out = out
        self.part_size = part_size
        self.buffer: list[DocResult] = []
        self.analysed = 0
        self.failed = 0

    def add(self, result: DocResult) -> None:
        if not result.ok or result.document is None or result.doc_id is None:
            self.out.record_failure(result)
            self.failed += 1
            return
        self.out.write_json(result.doc_id, result.document)
        self.buffer.append(result)
        if len(self.buffer) >= self.part_size:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        batch = self.buffer
        part = self.out.write_part(batch)  # interrupted here: the buffer is intact, a later flush redoes it
        # Forget the batch before committing, so that a Ctrl-C landing during or just after
        # the manifest append cannot make the flush in the interrupt handler commit it again.
        self.buffer = []
        self.analysed += len(batch)
        self.out.commit(part, [(str(r.doc_id), r.source) for r in batch])


Job = tuple[str, bytes]


def _jobs(
    inputs: list[str], done: set[str], advance: Advance, limit: int | None, stats: dict[str, int]
) -> Iterator[Job | DocResult]:
    """Inputs still to analyse: read, hashed, skipped when done or a duplicate.

    An input that cannot be read is yielded as its failed result, so that it
    is recorded in input order like every other outcome.
    """
    seen: set[str] = set()
    submitted = 0
    for source in inputs:
        if limit is not None and submitted >= limit:
            return
        try:
            data = read_bytes(source)
        except InputError as exc:
            yield failure(source, None, exc)
            continue
        doc_id = content_id(data)
        if doc_id in done:
            stats["skipped"] += 1
            advance(None)
            continue
        if doc_id in seen:
            stats["duplicates"] += 1
            advance(None)
            continue
        seen.add(doc_id)
        submitted += 1
        yield source, data


def run_local(
    inputs: list[str],
    out: OutputDir,
    options: Options,
    done: set[str],
    *,
    workers: int | None = None,
    part_size: int = 200,
    limit: int | None = None,
    advance: Advance = lambda _r: None,
) -> dict[str, int]:
    """Analyse ``inputs`` not in ``done`` into ``out``; returns counts."""
    n = workers or default_workers()
    window = max(2, 4 * n)
    # forkserver: workers are forked from a clean server process that has
    # imported onrecord once (no threads inherited, unlike fork; no re-import
    # per worker, unlike spawn).
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["onrecord.batch.core"])
    _start_forkserver()
    writer = _Writer(out, part_size)
    stats = {"skipped": 0, "duplicates": 0, "crashed": 0}

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init_worker, initargs=(options,))

    def deliver(result: DocResult) -> None:
        writer.add(result)
        advance(result)

    pool: ProcessPoolExecutor | None = None  # started on the first input that needs it
    deaths = 0  # inputs in a row on which a worker died
    inflight: deque[tuple[Job | DocResult, Future[DocResult] | None]] = deque()
    jobs = _jobs(inputs, done, advance, limit, stats)
    try:
        exhausted = False
        while True:
            while not exhausted and len(inflight) < window:
                job = next(jobs, None)
                if job is None:
                    exhausted = True
                    break
                if isinstance(job, DocResult):
                    inflight.append((job, None))
                else:
                    pool = pool or new_pool()
                    inflight.append((job, pool.submit(analyse_one, job[0], job[1], options)))
            if not inflight:
                break
            job, fut = inflight.popleft()
            if fut is None:
                assert isinstance(job, DocResult)
                deliver(job)
                continue
            try:
                assert pool is not None
                deliver(_result(fut, pool))
            except BrokenProcessPool:
                # Some worker died.  Retry everything that was in flight, one at
                # a time on a fresh pool, so that only the culprit is blamed.
                suspects = [job] + [j for j, _f in inflight]
                inflight.clear()
                if pool is not None:
                    _discard(pool)
                pool = new_pool()
                for s in suspects:
                    if isinstance(s, DocResult):
                        deliver(s)
                        continue
                    try:
                        deliver(_result(pool.submit(analyse_one, s[0], s[1], options), pool))
                        deaths = 0
                    except BrokenProcessPool:
                        stats["crashed"] += 1
                        deaths += 1
                        if deaths >= _MAX_DEATHS_IN_A_ROW:
                            raise OnrecordError(
                                f"worker processes died on {deaths} inputs in a row (last: {s[0]}): "
                                "they cannot start, or run out of memory; try fewer --workers"
                            ) from None
                        deliver(
                            DocResult(
                                source=s[0],
                                doc_id=content_id(s[1]),
                                error=f"{s[0]}: the worker process died while analysing this input "
                                "(crash or out of memory)",
                                error_type="WorkerDied",
                            )
                        )
                        _discard(pool)
                        pool = new_pool()
        writer.flush()
    except (KeyboardInterrupt, OnrecordError):
        # Keep what is finished: commit the buffered results, drop the rest.
        if pool is not None:
            _discard(pool)
        writer.flush()
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return {
        "analysed": writer.analysed,
        "failed": writer.failed,
        "skipped": stats["skipped"],
        "duplicates": stats["duplicates"],
        "crashed": stats["crashed"],
    }
