"""The JSON-lines batch commands (``onrecord checkworthy``, ``onrecord clarity``)
share one contract: read one object per line from a file or stdin, score good
lines in batches, write each back with fields added, report bad lines by number
on stderr without stopping, and exit 1 if any line failed.  Keeping that
contract in one place keeps the two commands from drifting apart."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

import click

from onrecord.errors import OnrecordError

Record = dict[str, Any]
Validator = Callable[[Record], str | None]
Scorer = Callable[[list[Record]], None]  # adds its fields to each record in place


def string_fields(required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Validator:
    """A validator: ``required`` keys must hold strings, ``optional`` ones strings or null."""

    def check(rec: Record) -> str | None:
        for key in required:
            if not isinstance(rec.get(key), str):
                return f'missing "{key}" string'
        for key in optional:
            if rec.get(key) is not None and not isinstance(rec[key], str):
                return f'"{key}" must be a string'
        return None

    return check


def _records(stream: IO[str], validate: Validator) -> Iterator[tuple[int, Record | None, str | None]]:
    """(line number, record or None, error or None) for each non-blank line."""
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield n, None, f"not JSON ({e.msg})"
            continue
        if not isinstance(rec, dict):
            yield n, None, "not a JSON object"
            continue
        err = validate(rec)
        yield (n, None, err) if err else (n, rec, None)


def score_lines(path: str, validate: Validator, score: Scorer, batch_size: int) -> None:
    """Run the batch contract over ``path`` ('-' for stdin), writing to stdout."""
    name = "<stdin>" if path == "-" else path
    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    except OSError as e:
        raise OnrecordError(f"cannot read {path}: {e.strerror or e}") from None
    failed = 0
    batch: list[Record] = []

    def flush() -> None:
        score(batch)
        for rec in batch:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        batch.clear()

    try:
        for n, rec, err in _records(stream, validate):
            if rec is None:
                failed += 1
                click.echo(f"onrecord: {name}: line {n}: {err}", err=True)
                continue
            batch.append(rec)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
    except UnicodeDecodeError as e:
        raise OnrecordError(f"{name}: not UTF-8 text ({e.reason})") from None
    finally:
        if stream is not sys.stdin:
            stream.close()
    if failed:
        click.echo(f"onrecord: {failed} line(s) failed", err=True)
        sys.exit(1)
