"""The unit of work: one input's bytes -> its document JSON and table rows.

:func:`analyse_one` is what every engine runs per interview.  It never raises:
a transcript that cannot be analysed becomes a :class:`DocResult` carrying the
error, so that one bad file among millions costs one line in ``failures.jsonl``.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
from dataclasses import dataclass, field

from onrecord import analyzers
from onrecord.batch.inputs import content_id
from onrecord.batch.tables import Row, flatten
from onrecord.errors import OnrecordError
from onrecord.io import display_path
from onrecord.pipeline import analyze

log = logging.getLogger(__name__)

# A short transcript run once per worker at start-up, so that lazily loaded
# models are in memory before the first real input arrives.
_WARM_UP_TEXT = (
    "INTERVIEWER: Did the committee meet on Tuesday to discuss the budget?\n\n"
    "SENATOR SMITH: Yes. We met for three hours and agreed on 4 percent.\n"
)


@dataclass(frozen=True)
class Options:
    """What every worker needs to analyse an input; picklable."""

    stages: tuple[str, ...]
    layout: str | None = None


@dataclass
class DocResult:
    source: str
    doc_id: str | None
    document: str | None = None
    rows: dict[str, list[Row]] = field(default_factory=dict)
    error: str | None = None
    error_type: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def failure(source: str, doc_id: str | None, exc: BaseException) -> DocResult:
    message = str(exc) if isinstance(exc, OnrecordError) else f"internal error: {type(exc).__name__}: {exc}"
    return DocResult(source=display_path(source), doc_id=doc_id, error=message, error_type=type(exc).__name__)


def analyse_one(source: str, data: bytes, options: Options) -> DocResult:
    """Analyse one input's bytes; errors of any kind are returned, not raised."""
    doc_id = content_id(data)
    try:
        doc = analyze(data, layout=options.layout, stages=options.stages, name=source)
        return DocResult(
            source=source, doc_id=doc_id, document=doc.model_dump_json(), rows=flatten(doc_id, source, doc)
        )
    except Exception as exc:  # one input must never stop the batch
        return failure(source, doc_id, exc)


def stage_versions(stages: tuple[str, ...]) -> dict[str, str]:
    """Name -> version of each requested stage; raises OnrecordError for unknown ones."""
    return {name: analyzers.get(name).version for name in stages}


_THREAD_VARS = ("ONRECORD_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_thread_per_worker() -> None:
    """Batch workers parallelise across documents: one compute thread each.

    Avoids oversubscribing cores (N workers x N model threads), and keeps
    floating-point results independent of the worker count, which a
    thread-count-dependent reduction order could otherwise change.
    """
    for var in _THREAD_VARS:
        os.environ[var] = "1"
    with contextlib.suppress(ImportError):
        importlib.import_module("threadpoolctl").threadpool_limits(1)


def warm_up(options: Options) -> None:
    """Import the stage modules and run them once, so models load before real work."""
    stage_versions(options.stages)
    try:
        analyze(_WARM_UP_TEXT, layout=options.layout, stages=options.stages, name="<warm-up>")
    except Exception as exc:  # warm-up is an optimisation; real inputs report real errors
        log.debug("warm-up failed: %s", exc)
