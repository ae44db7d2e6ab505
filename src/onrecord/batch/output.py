"""The output directory of a batch run, and what makes it resumable.

Layout (see docs/batch.md)::

    DIR/batch.json                      run settings (stages + versions, layout); a resume must match them
    DIR/manifest.jsonl                  one line per committed part: {"part", "docs": [{"doc_id", "source"}]}
    DIR/failures.jsonl                  one line per failed input: {"source", "doc_id", "error_type", "error"}
    DIR/json/<doc_id>.json              the document JSON of every analysed input
    DIR/tables/<table>/<part>.parquet   one file per table per part

Every file is written to a hidden temporary name and renamed into place.  A
part becomes visible to a resume only when its manifest line is appended
(after all its table files exist), so a crash at any point leaves either a
committed part or files that the next run deletes and redoes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from onrecord.batch.core import DocResult
from onrecord.batch.tables import TABLES, Row, to_arrow
from onrecord.errors import OnrecordError

FORMAT = 1
_TMP = ".tmp-"


def _atomic_write(path: Path, data: bytes) -> None:
    # hidden, and not ending in .parquet/.json, so no reader's glob picks it up
    tmp = path.with_name(f"{_TMP}{uuid.uuid4().hex}-{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def part_name(doc_ids: Iterable[str]) -> str:
    """A part is named by its contents, so rewriting it (a retried task) is idempotent."""
    digest = hashlib.sha256("\n".join(sorted(doc_ids)).encode()).hexdigest()
    return f"part-{digest[:20]}"


class OutputDir:
    """Writes and recovers one batch output directory (a local or mounted path)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.json_dir = self.root / "json"
        self.tables_dir = self.root / "tables"
        self.config_path = self.root / "batch.json"
        self.manifest_path = self.root / "manifest.jsonl"
        self.failures_path = self.root / "failures.jsonl"

    # -- settings ----------------------------------------------------------
    def prepare(self, settings: dict[str, Any]) -> None:
        """Create the layout; refuse to mix runs with different settings in one directory."""
        if self.root.exists() and not self.root.is_dir():
            raise OnrecordError(f"{self.root}: exists and is not a directory")
        for d in (self.root, self.json_dir, *(self.tables_dir / t for t in TABLES)):
            d.mkdir(parents=True, exist_ok=True)
        if self.config_path.exists():
            try:
                old = json.loads(self.config_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise OnrecordError(f"{self.config_path}: unreadable ({exc})") from None
            keys = ("format", "stages", "layout")
            if any(old.get(k) != settings.get(k) for k in keys):
                raise OnrecordError(
                    f"{self.root} holds a run with stages {old.get('stages')} and layout {old.get('layout')!r}; "
                    f"this run asks for stages {settings.get('stages')} and layout {settings.get('layout')!r}: "
                    "use another --out directory"
                )
        else:
            _atomic_write(self.config_path, (json.dumps(settings, indent=2, sort_keys=True) + "\n").encode())

    # -- recovery ----------------------------------------------------------
    def _part_files(self, part: str) -> list[Path]:
        return [self.tables_dir / t / f"{part}.parquet" for t in TABLES]

    def committed(self) -> list[dict[str, Any]]:
        """Manifest entries, in commit order (a torn last line is ignored).

        A part committed twice (an interrupt between the manifest append and the
        writer forgetting the part, or a retried Ray task) counts once: its rows
        would otherwise be read twice.
        """
        if not self.manifest_path.exists():
            return []
        entries: list[dict[str, Any]] = []
        seen: set[str] = set()
        for line in self.manifest_path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and "part" in entry and "docs" in entry and entry["part"] not in seen:
                seen.add(entry["part"])
                entries.append(entry)
        return entries

    def recover(self) -> set[str]:
        """Make the directory consistent after any crash; return the doc_ids already done.

        Parts whose files are not all present (deleted by hand, or a crash) are
        forgotten and their documents redone; part files no manifest line names
        and temporary files are removed.
        """
        raw = self.manifest_path.read_text(encoding="utf-8").splitlines() if self.manifest_path.exists() else []
        entries = self.committed()
        keep = [e for e in entries if all(p.exists() for p in self._part_files(e["part"]))]
        if len(keep) != len(raw):
            body = "".join(json.dumps(e, sort_keys=True) + "\n" for e in keep)
            _atomic_write(self.manifest_path, body.encode())
        parts = {e["part"] for e in keep}
        for t in TABLES:
            d = self.tables_dir / t
            if not d.is_dir():
                continue
            for f in d.iterdir():
                if f.name.startswith(_TMP) or (f.suffix == ".parquet" and f.stem not in parts):
                    f.unlink(missing_ok=True)
        if self.json_dir.is_dir():
            for f in self.json_dir.glob(f"{_TMP}*"):
                f.unlink(missing_ok=True)
        return {d["doc_id"] for e in keep for d in e["docs"]}

    # -- writing -----------------------------------------------------------
    def write_json(self, doc_id: str, document: str) -> None:
        _atomic_write(self.json_dir / f"{doc_id}.json", document.encode("utf-8"))

    def write_part(self, results: Sequence[DocResult]) -> str:
        """Write the table files of one part (not yet committed); return its name."""
        docs = sorted((r for r in results if r.ok and r.doc_id is not None), key=lambda r: str(r.doc_id))
        name = part_name(str(r.doc_id) for r in docs)
        for t in TABLES:
            rows: list[Row] = [row for r in docs for row in r.rows.get(t, [])]
            table: pa.Table = to_arrow(t, rows)
            sink = pa.BufferOutputStream()
            pq.write_table(table, sink, compression="zstd")
            _atomic_write(self.tables_dir / t / f"{name}.parquet", sink.getvalue().to_pybytes())
        return name

    def commit(self, part: str, docs: Sequence[tuple[str, str]]) -> None:
        """Append the manifest line that makes ``part`` (doc_id, source pairs) count as done."""
        entry = {"part": part, "docs": [{"doc_id": d, "source": s} for d, s in sorted(docs)]}
        with open(self.manifest_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, sort_keys=True) + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    # -- failures ----------------------------------------------------------
    def compact_failures(self, touched: set[str], succeeded: set[str]) -> None:
        """Rewrite ``failures.jsonl`` after a run: one line per input that is still failing.

        ``touched`` are the inputs this run tried and ``succeeded`` those that
        worked; a touched input keeps only its latest failure, one that worked
        or whose (source, doc_id) is committed keeps none, and inputs this run
        did not reach keep theirs.  Lines are sorted by source, so the file
        does not depend on the engine or the order results arrived in.
        """
        if not self.failures_path.exists():
            return
        committed = {(d["source"], d["doc_id"]) for e in self.committed() for d in e["docs"]}
        latest: dict[str, dict[str, Any]] = {}
        kept: list[dict[str, Any]] = []
        for entry in self.failures():
            source = entry.get("source")
            if not isinstance(source, str) or source in succeeded or (source, entry.get("doc_id")) in committed:
                continue
            if source in touched:
                latest[source] = entry
            else:
                kept.append(entry)
        kept.extend(latest.values())
        kept.sort(key=lambda e: (str(e.get("source")), str(e.get("doc_id"))))
        body = "".join(json.dumps(e, sort_keys=True, ensure_ascii=False) + "\n" for e in kept)
        _atomic_write(self.failures_path, body.encode("utf-8"))

    def record_failure(self, result: DocResult) -> None:
        entry = {
            "source": result.source,
            "doc_id": result.doc_id,
            "error_type": result.error_type,
            "error": result.error,
        }
        with open(self.failures_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n")
            fh.flush()

    def failures(self) -> list[dict[str, Any]]:
        if not self.failures_path.exists():
            return []
        out: list[dict[str, Any]] = []
        for line in self.failures_path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError):
                out.append(json.loads(line))
        return out

    # -- reading -----------------------------------------------------------
    def read_table(self, table: str) -> pa.Table:
        """All committed rows of ``table``, sorted by (doc_id, seq): one canonical order."""
        if table not in TABLES:
            raise OnrecordError(f"unknown table {table!r} (tables: {', '.join(TABLES)})")
        files = [self.tables_dir / table / f"{e['part']}.parquet" for e in self.committed()]
        from onrecord.batch.tables import SCHEMAS

        parts = [pq.read_table(f, schema=SCHEMAS[table]) for f in files]
        combined = pa.concat_tables(parts) if parts else SCHEMAS[table].empty_table()
        return combined.sort_by([("doc_id", "ascending"), ("seq", "ascending")])
