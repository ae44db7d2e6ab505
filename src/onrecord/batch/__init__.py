"""Batch analysis of many transcripts into Parquet tables plus JSON documents.

``run_batch(inputs, out)`` lists the inputs, recovers ``out`` after any
earlier crash, skips inputs whose content hash is already done, and runs the
rest on an engine: ``"local"`` (a process pool on this machine) or ``"ray"``
(Ray Data, for clusters).  Both call :func:`onrecord.batch.core.analyse_one`
per interview and write the same layout (see :mod:`onrecord.batch.output`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from onrecord import __version__
from onrecord.batch.core import DocResult, Options, analyse_one, stage_versions
from onrecord.batch.inputs import content_id, list_inputs
from onrecord.batch.output import FORMAT, OutputDir
from onrecord.batch.tables import SCHEMAS, TABLES
from onrecord.errors import OnrecordError

__all__ = [
    "SCHEMAS",
    "TABLES",
    "BatchSummary",
    "DocResult",
    "Options",
    "OutputDir",
    "analyse_one",
    "content_id",
    "list_inputs",
    "run_batch",
]

ENGINES: tuple[str, ...] = ("local", "ray")


@dataclass(frozen=True)
class BatchSummary:
    out: Path
    engine: str
    workers: int
    inputs: int
    analysed: int
    failed: int
    skipped: int
    duplicates: int
    seconds: float

    @property
    def per_minute(self) -> float:
        return 60.0 * self.analysed / self.seconds if self.seconds > 0 else 0.0


@contextmanager
def _compacting(output: OutputDir, touched: set[str], succeeded: set[str]) -> Iterator[None]:
    try:
        yield
    finally:  # also after Ctrl-C or an error: failures.jsonl says what is still failing
        output.compact_failures(touched, succeeded)


def run_batch(
    inputs: Sequence[str],
    out: str | Path,
    *,
    engine: str = "local",
    stages: Sequence[str] | None = None,
    layout: str | None = None,
    workers: int | None = None,
    address: str | None = None,
    part_size: int = 200,
    limit: int | None = None,
    progress: bool = False,
    on_result: Callable[[DocResult | None], None] | None = None,
) -> BatchSummary:
    """Analyse every transcript named by ``inputs`` (files, dirs, globs, URLs) into ``out``.

    ``stages=None`` runs the default analyzers; ``()`` gives structure only.
    Inputs that fail are recorded in ``out/failures.jsonl`` and do not stop
    the run; inputs already done (same content hash) are skipped.
    ``on_result`` is called in the driver for every input as it finishes: with
    its result (analysed or failed; rows and document may be left out), or
    ``None`` when it was skipped.
    """
    from onrecord.pipeline import default_stages

    if engine not in ENGINES:
        raise OnrecordError(f"unknown engine {engine!r} (engines: {', '.join(ENGINES)})")
    if part_size < 1:
        raise OnrecordError("part size must be at least 1")
    if workers is not None and workers < 1:
        raise OnrecordError("workers must be at least 1")
    names = tuple(default_stages() if stages is None else stages)
    options = Options(stages=names, layout=layout)
    versions = stage_versions(names)  # fails fast on an unknown stage, before any work
    output = OutputDir(out)
    sources = list_inputs(inputs, exclude=[output.root])
    if not sources:
        raise OnrecordError("no inputs to analyse")
    output.prepare(
        {
            "format": FORMAT,
            "stages": [[n, versions[n]] for n in names],
            "layout": layout,
            "onrecord": __version__,
            "tables": list(TABLES),
        }
    )
    done = output.recover()
    touched: set[str] = set()
    succeeded: set[str] = set()

    from onrecord.batch.progress import Bar

    started = time.perf_counter()
    with Bar(len(sources), enabled=progress) as bar, _compacting(output, touched, succeeded):

        def advance(result: DocResult | None) -> None:
            if result is not None:
                touched.add(result.source)
                if result.ok:
                    succeeded.add(result.source)
            bar.advance(result)
            if on_result is not None:
                on_result(result)

        if engine == "local":
            from onrecord.batch.local import default_workers, run_local

            n = workers or default_workers()
            counts = run_local(
                sources, output, options, done, workers=n, part_size=part_size, limit=limit, advance=advance
            )
        else:
            from onrecord.batch.ray_engine import run_ray

            counts, n = run_ray(
                sources,
                output,
                options,
                done,
                address=address,
                workers=workers,
                part_size=part_size,
                limit=limit,
                advance=advance,
            )
    return BatchSummary(
        out=output.root,
        engine=engine,
        workers=n,
        inputs=len(sources),
        analysed=counts["analysed"],
        failed=counts["failed"],
        skipped=counts["skipped"],
        duplicates=counts["duplicates"],
        seconds=time.perf_counter() - started,
    )
