"""Ingest: find transcripts, analyse them in worker processes, store each in its own transaction.

The parent process decodes each file and hashes the text first, so files
already stored are skipped without being analysed; only new (or, with
``reanalyze``, out-of-date) documents go to the workers.  At most
``2 * workers`` documents are in flight, so memory stays flat however many
files a directory holds.
"""

from __future__ import annotations

import datetime as _dt
import glob
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from onrecord import analyzers
from onrecord.corpus import store
from onrecord.errors import InputError, OnrecordError
from onrecord.io import display_path, read_file
from onrecord.transcript_files import TRANSCRIPT_SUFFIXES, transcripts_in

_FILENAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")


def date_from_name(path: str) -> str | None:
    """An ISO date written in a file name ("2016-10-09.txt"), when it is a real date."""
    m = _FILENAME_DATE.search(Path(path).name)
    if m is None:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


@dataclass
class IngestReport:
    """What one ``ingest`` call did, per file."""

    stored: list[str] = field(default_factory=list)
    reanalysed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    interview_ids: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        shown = display_path  # a file name that is not valid UTF-8 cannot go into JSON as it is
        return {
            "stored": [shown(p) for p in self.stored],
            "reanalysed": [shown(p) for p in self.reanalysed],
            "skipped": [shown(p) for p in self.skipped],
            "failed": [{"path": shown(p), "error": e} for p, e in self.failed],
            "interview_ids": {shown(p): i for p, i in self.interview_ids.items()},
        }


@dataclass(frozen=True)
class _Job:
    path: str
    text: str
    digest: str
    stages: tuple[str, ...] | None
    embed: bool


@dataclass(frozen=True)
class _Result:
    path: str
    digest: str
    document_json: str | None
    embeddings: dict[str, bytes]
    error: str | None


def expand_paths(paths: Iterable[str | Path]) -> list[str]:
    """Files, directories (recursively, transcript suffixes only) and glob patterns, in order, deduplicated."""
    out: dict[str, None] = {}
    for raw in paths:
        s = str(raw)
        p = Path(s)
        if s == "-":
            raise InputError("ingest reads files, not standard input: save the transcript to a file first")
        if p.is_dir():
            found = transcripts_in(p)
            if not found:  # as analyze and batch say: an empty folder is most likely the wrong one
                kinds = ", ".join(sorted(x for x in TRANSCRIPT_SUFFIXES if x))
                raise InputError(f"{s}: no transcript files found (looked for {kinds} files)")
            for f in found:
                out[str(f)] = None
        elif p.is_file():
            out[s] = None
        elif any(ch in s for ch in "*?["):
            matches = sorted(glob.glob(s, recursive=True))
            if not matches:
                raise InputError(f"{s}: the pattern matches no files")
            for m in matches:
                if Path(m).is_file():
                    out[m] = None
        else:
            raise InputError(f"{s}: no such file or directory")
    return list(out)


def expected_versions(stages: Sequence[str] | None) -> dict[str, str]:
    """Analyzer versions an analysis with ``stages`` would record (``None``: the defaults)."""
    from onrecord.pipeline import default_stages
    from onrecord.structure import VERSION

    names = default_stages() if stages is None else list(stages)
    out = {"structure": VERSION}
    todo = list(names)
    while todo:
        spec = analyzers.get(todo.pop())
        out[spec.name] = spec.version
        todo.extend(r for r in spec.requires if r not in out)
    return out


def _embed_claims(texts: list[tuple[str, str]]) -> dict[str, bytes]:
    if not texts:
        return {}
    try:
        from onrecord.corpus.related import embed_texts

        vecs = embed_texts([t for _, t in texts])
    except (OnrecordError, ImportError, OSError):
        return {}  # computed lazily by ``related`` instead
    return {cid: vecs[i].astype("float16").tobytes() for i, (cid, _) in enumerate(texts)}


def analyse_job(job: _Job) -> _Result:
    """Worker: analyse one decoded transcript; errors come back as text, never raised."""
    from onrecord.pipeline import analyze

    try:
        doc = analyze(job.text, stages=job.stages, name=job.path)
        doc.metadata.source = doc.metadata.source or job.path
        if doc.metadata.source == "<input>":
            doc.metadata.source = job.path
        if not doc.metadata.date:
            doc.metadata.date = date_from_name(job.path)
        emb = _embed_claims([(c.id, c.text) for c in doc.claims]) if job.embed else {}
        return _Result(job.path, job.digest, doc.model_dump_json(), emb, None)
    except OnrecordError as exc:
        return _Result(job.path, job.digest, None, {}, str(exc))
    except Exception as exc:  # an analyzer bug must not stop a 10,000-file ingest
        return _Result(job.path, job.digest, None, {}, f"{type(exc).__name__}: {exc}")


Progress = Callable[[str, str], None]
"""``progress(path, outcome)`` with outcome one of stored/reanalysed/skipped/failed."""


def ingest(
    engine: Engine,
    paths: Iterable[str | Path],
    *,
    stages: Sequence[str] | None = None,
    reanalyze: bool = False,
    workers: int | None = None,
    embed: bool = True,
    progress: Progress | None = None,
    files: list[str] | None = None,
) -> IngestReport:
    """Analyse and store every transcript under ``paths``; see the module docstring."""
    from onrecord.corpus.store import content_hash, store_document, stored_analyzers

    todo = files if files is not None else expand_paths(paths)
    report = IngestReport()
    want = expected_versions(stages) if reanalyze else {}
    stage_tuple = None if stages is None else tuple(stages)
    n_workers = workers if workers is not None else min(os.cpu_count() or 1, 8)

    def note(path: str, outcome: str) -> None:
        if progress is not None:
            progress(path, outcome)

    def jobs() -> Iterator[_Job]:
        seen: set[str] = set()
        for path in todo:
            try:
                src = read_file(path)
            except OnrecordError as exc:
                report.failed.append((path, str(exc)))
                note(path, "failed")
                continue
            digest = content_hash(src.text)
            if digest in seen:
                report.skipped.append(path)
                note(path, "skipped")
                continue
            seen.add(digest)
            with engine.connect() as conn:
                have = stored_analyzers(conn, digest)
            if have is not None and (not reanalyze or have == want):
                report.skipped.append(path)
                note(path, "skipped")
                continue
            yield _Job(src.name, src.text, digest, stage_tuple, embed)  # src.name: the path, printable

    def write(res: _Result, was_stored: bool) -> None:
        if res.error is not None or res.document_json is None:
            report.failed.append((res.path, res.error or "no document"))
            note(res.path, "failed")
            return
        from onrecord.document import Interview

        doc = Interview.model_validate_json(res.document_json)
        try:
            with engine.begin() as conn:
                iid = store_document(conn, doc, res.digest, res.path, res.embeddings)
        except IntegrityError:  # another ingest stored the same text meanwhile
            report.skipped.append(res.path)
            note(res.path, "skipped")
            return
        report.interview_ids[res.path] = iid
        (report.reanalysed if was_stored else report.stored).append(res.path)
        note(res.path, "reanalysed" if was_stored else "stored")

    def previously_stored(digest: str) -> bool:
        with engine.connect() as conn:
            return stored_analyzers(conn, digest) is not None

    if n_workers <= 1:
        for job in jobs():
            was = previously_stored(job.digest)
            write(analyse_job(job), was)
        return report
    with ProcessPoolExecutor(max_workers=n_workers) as pool:
        pending: dict[Future[_Result], bool] = {}
        for job in jobs():
            pending[pool.submit(analyse_job, job)] = previously_stored(job.digest)
            if len(pending) >= 2 * n_workers:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    write(fut.result(), pending.pop(fut))
        for fut in list(pending):
            write(fut.result(), pending.pop(fut))
    return report


def analyzers_of(engine: Engine, interview_id: int) -> dict[str, str]:
    from sqlalchemy import select

    from onrecord.corpus import schema

    with engine.connect() as conn:
        row = conn.execute(select(schema.interviews.c.analyzers).where(schema.interviews.c.id == interview_id)).first()
    if row is None:
        raise store.CorpusError(f"no interview {interview_id}")
    return dict(json.loads(row[0]))
