"""Export the corpus as CSV / Parquet tables or a ConvoKit corpus directory.

ConvoKit's on-disk format (``utterances.jsonl``, ``speakers.json``,
``conversations.json``, ``corpus.json``, ``index.json``) is written directly,
so ``convokit.Corpus(filename=DIR)`` loads it without onrecord installed.
One interview is one conversation; a turn is an utterance replying to the
turn before it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select

from onrecord.corpus import schema
from onrecord.errors import OnrecordError

TABLES: dict[str, Table] = {
    "interviews": schema.interviews,
    "speakers": schema.speakers,
    "turns": schema.turns,
    "exchanges": schema.exchanges,
    "claims": schema.claims,
    "stances": schema.stances,
}
FORMATS = ("csv", "parquet", "convokit")


def _columns(table: Table) -> list[str]:
    skip = {"document", "embedding"}
    return [c.name for c in table.columns if c.name not in skip]


def _rows(conn: Connection, table: Table, batch: int = 5000) -> Iterator[list[dict[str, Any]]]:
    cols = [table.c[n] for n in _columns(table)]
    result = conn.execution_options(stream_results=True).execute(select(*cols).order_by(table.c.id))
    while chunk := result.fetchmany(batch):
        yield [dict(r._mapping) for r in chunk]


def export(conn: Connection, out: Path, fmt: str) -> list[Path]:
    if fmt not in FORMATS:
        raise OnrecordError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")
    if out.exists() and not out.is_dir():
        raise OnrecordError(f"{out}: exists and is not a directory")
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "convokit":
        return _convokit(conn, out)
    written: list[Path] = []
    for name, table in TABLES.items():
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            with path.open("w", newline="", encoding="utf-8") as fh:
                writer = csv.DictWriter(fh, fieldnames=_columns(table))
                writer.writeheader()
                for chunk in _rows(conn, table):
                    writer.writerows(chunk)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            pa_schema = pa.schema(
                [(c.name, _arrow_type(c.type.python_type)) for c in table.columns if c.name in _columns(table)]
            )
            with pq.ParquetWriter(str(path), pa_schema) as writer:
                for chunk in _rows(conn, table):
                    writer.write_table(pa.Table.from_pylist(chunk, schema=pa_schema))
        written.append(path)
    return written


def _arrow_type(py: type) -> Any:
    import pyarrow as pa

    return {int: pa.int64(), float: pa.float64(), bool: pa.bool_()}.get(py, pa.string())


def _convokit(conn: Connection, out: Path) -> list[Path]:
    iv, tc = schema.interviews.c, schema.turns.c
    meta = {int(r.id): r for r in conn.execute(select(iv.id, iv.title, iv.date, iv.outlet, iv.program, iv.source))}
    speakers: dict[str, dict[str, Any]] = {}
    root: dict[int, str] = {}
    last: dict[int, str] = {}
    upath = out / "utterances.jsonl"
    with upath.open("w", encoding="utf-8") as fh:
        result = conn.execution_options(stream_results=True).execute(
            select(tc.interview_id, tc.turn_id, tc.seq, tc.speaker_id, tc.speaker_name, tc.role, tc.text).order_by(
                tc.interview_id, tc.seq
            )
        )
        for r in result:
            iid = int(r.interview_id)
            uid = f"i{iid}-{r.turn_id}"
            spk = f"s{r.speaker_id}" if r.speaker_id is not None else f"anonymous-{r.role}"
            speakers.setdefault(spk, {"name": r.speaker_name if r.speaker_id is not None else None})
            utt = {
                "id": uid,
                "speaker": spk,
                "conversation_id": root.setdefault(iid, uid),
                "reply_to": last.get(iid),
                "timestamp": None,
                "text": r.text,
                "meta": {"role": r.role, "turn": r.turn_id, "seq": r.seq},
                "vectors": [],
            }
            last[iid] = uid
            fh.write(json.dumps(utt, ensure_ascii=False) + "\n")
    convs = {
        root[iid]: {
            "interview_id": iid,
            "title": m.title,
            "date": m.date,
            "outlet": m.outlet,
            "program": m.program,
            "source": m.source,
            "vectors": [],
        }
        for iid, m in meta.items()
        if iid in root
    }
    files = {
        "speakers.json": {k: {**v, "vectors": []} for k, v in speakers.items()},
        "conversations.json": convs,
        "corpus.json": {"name": "onrecord export", "n_interviews": len(meta)},
        "index.json": {
            "utterances-index": {"role": ["<class 'str'>"], "turn": ["<class 'str'>"], "seq": ["<class 'int'>"]},
            "speakers-index": {"name": ["<class 'str'>"]},
            "conversations-index": {k: ["<class 'str'>"] for k in ("title", "date", "outlet", "program", "source")}
            | {"interview_id": ["<class 'int'>"]},
            "overall-index": {"name": ["<class 'str'>"], "n_interviews": ["<class 'int'>"]},
            "version": 1,
            "vectors": [],
        },
    }
    written = [upath]
    for fname, obj in files.items():
        p = out / fname
        p.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(p)
    return written
