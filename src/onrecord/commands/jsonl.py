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
from onrecord.io import stdin_bytes

Record = dict[str, Any]
Validator = Callable[[Record], str | None]
Scorer = Callable[[list[Record]], None]  # adds its fields to each record in place


def _bad_text(value: str) -> bool:
    """True for a string that is not text: lone surrogates (from "\\ud800" escapes) cannot be encoded."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def string_fields(required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Validator:
    """A validator: ``required`` keys must hold non-empty strings, ``optional`` ones strings or null."""

    def check(rec: Record) -> str | None:
        for key in required:
            value = rec.get(key)
            if value is None:
                return f'missing "{key}" string'
            if not isinstance(value, str):
                return f'"{key}" must be a string'
            if not value.strip():
                return f'"{key}" is empty'
        for key in optional:
            if rec.get(key) is not None and not isinstance(rec[key], str):
                return f'"{key}" must be a string'
        for key in (*required, *optional):
            if isinstance(rec.get(key), str) and _bad_text(rec[key]):
                return f'"{key}" is not valid text (a lone surrogate such as \\ud800)'
        return None

    return check


def _records(stream: IO[bytes], validate: Validator) -> Iterator[tuple[int, Record | None, str | None]]:
    """(line number, record or None, error or None) for each non-blank line.

    Lines are decoded one at a time, so a line in another encoding costs that line only.
    """
    for n, raw in enumerate(stream, 1):
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a UTF-8 byte-order mark, as Windows editors write
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield n, None, f"not UTF-8 text ({e.reason} at byte {e.start + 1})"
            continue
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            # json's messages may end in "at" themselves ("Unterminated string starting at")
            yield n, None, f"not JSON ({e.msg.removesuffix(' at')} at column {e.colno})"
            continue
        except RecursionError:
            yield n, None, "not JSON this tool reads (nested too deeply)"
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
        stream = stdin_bytes() if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as e:
        raise OnrecordError(f"cannot read {path}: {e.strerror or e}") from None
    failed = scored = 0
    batch: list[Record] = []

    def flush() -> None:
        nonlocal scored
        score(batch)
        scored += len(batch)
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
    except OSError as e:
        raise OnrecordError(f"cannot read {name}: {e.strerror or e}") from None
    finally:
        if path != "-":
            stream.close()
    if not scored and not failed:
        click.echo(f"onrecord: {name}: no lines to score", err=True)
    if failed:
        click.echo(f"onrecord: {failed} line(s) failed", err=True)
        sys.exit(1)
