"""Flattening one :class:`~onrecord.document.Interview` into table rows.

Every table has one fixed Arrow schema (column order is part of the contract:
add columns at the end, never rename or reorder).  Every row carries ``doc_id``,
the SHA-256 of the input's bytes, and ``seq``, the row's position inside its
document, so ``(doc_id, seq)`` is a key and sorting by it gives one canonical
order whatever engine or worker count produced the rows.
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from onrecord.document import Interview

Row = dict[str, Any]

_S = pa.string()
_I = pa.int64()
_F = pa.float64()
_B = pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "interviews": pa.schema(
        [
            ("doc_id", _S),
            ("seq", _I),
            ("source", _S),
            ("schema_version", _S),
            ("layout", _S),
            ("source_format", _S),
            ("title", _S),
            ("date", _S),
            ("date_text", _S),
            ("outlet", _S),
            ("program", _S),
            ("participants_json", _S),
            ("analyzers_json", _S),
            ("n_chars", _I),
            ("n_turns", _I),
            ("n_exchanges", _I),
            ("n_claims", _I),
            ("n_stances", _I),
            ("n_entities", _I),
            ("n_numbers", _I),
            ("n_attributions", _I),
            ("text", _S),
        ]
    ),
    "turns": pa.schema(
        [
            ("doc_id", _S),
            ("seq", _I),
            ("turn_id", _S),
            ("speaker", _S),
            ("role", _S),
            ("start", _I),
            ("end", _I),
            ("text", _S),
            ("label_start", _I),
            ("label_end", _I),
            ("label_text", _S),
            ("time_start", _F),
            ("time_end", _F),
            ("interrupted", _B),
        ]
    ),
    "exchanges": pa.schema(
        [
            ("doc_id", _S),
            ("seq", _I),
            ("exchange_id", _S),
            ("asked_by", _S),
            ("question_turn", _S),
            ("question_kind", _S),
            ("question_start", _I),
            ("question_end", _I),
            ("question_text", _S),
            ("answer_turn", _S),
            ("answer_start", _I),
            ("answer_end", _I),
            ("answer_text", _S),
            ("follow_up_of", _S),
            ("pushback", _B),
            ("pushback_start", _I),
            ("pushback_end", _I),
            ("clarity_label", _S),
            ("clarity_confidence", _F),
            ("evasion_label", _S),
            ("evasion_confidence", _F),
            ("evidence_json", _S),
        ]
    ),
    "claims": pa.schema(
        [
            ("doc_id", _S),
            ("seq", _I),
            ("claim_id", _S),
            ("turn_id", _S),
            ("start", _I),
            ("end", _I),
            ("text", _S),
            ("score", _F),
            ("type", _S),
            ("speaker", _S),
            ("holder", _S),
        ]
    ),
    "stances": pa.schema(
        [
            ("doc_id", _S),
            ("seq", _I),
            ("kind", _S),
            ("start", _I),
            ("end", _I),
            ("text", _S),
            ("target", _S),
            ("speaker", _S),
            ("rule", _S),
        ]
    ),
    "entities": pa.schema(
        [
            ("doc_id", _S),
            ("seq", _I),
            ("entity_id", _S),
            ("name", _S),
            ("type", _S),
            ("n_mentions", _I),
            ("mention_starts", pa.list_(_I)),
            ("mention_ends", pa.list_(_I)),
        ]
    ),
    "numbers": pa.schema(
        [
            ("doc_id", _S),
            ("seq", _I),
            ("start", _I),
            ("end", _I),
            ("text", _S),
            ("value", _F),
            ("unit", _S),
            ("counts", _S),
            ("qualifier", _S),
            ("normalized", _S),
        ]
    ),
    "attributions": pa.schema(
        [
            ("doc_id", _S),
            ("seq", _I),
            ("attribution_id", _S),
            ("turn_id", _S),
            ("start", _I),
            ("end", _I),
            ("text", _S),
            ("holder", _S),
            ("holder_entity", _S),
            ("cue", _S),
            ("content_start", _I),
            ("content_end", _I),
            ("speaker", _S),
        ]
    ),
}

TABLES: tuple[str, ...] = tuple(SCHEMAS)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def flatten(doc_id: str, source: str, doc: Interview) -> dict[str, list[Row]]:
    """The rows of every table for one document (each list in document order)."""
    md = doc.metadata
    interview: Row = {
        "doc_id": doc_id,
        "seq": 0,
        "source": source,
        "schema_version": doc.schema_version,
        "layout": doc.layout,
        "source_format": doc.source_format,
        "title": md.title,
        "date": md.date,
        "date_text": md.date_text,
        "outlet": md.outlet,
        "program": md.program,
        "participants_json": _dumps([p.model_dump(mode="json") for p in md.participants]),
        "analyzers_json": _dumps(doc.analyzers),
        "n_chars": len(doc.text),
        "n_turns": len(doc.turns),
        "n_exchanges": len(doc.exchanges),
        "n_claims": len(doc.claims),
        "n_stances": len(doc.stances),
        "n_entities": len(doc.entities),
        "n_numbers": len(doc.numbers),
        "n_attributions": len(doc.attributions),
        "text": doc.text,
    }
    turns: list[Row] = [
        {
            "doc_id": doc_id,
            "seq": i,
            "turn_id": t.id,
            "speaker": t.speaker,
            "role": t.role,
            "start": t.start,
            "end": t.end,
            "text": t.text,
            "label_start": t.label.start if t.label else None,
            "label_end": t.label.end if t.label else None,
            "label_text": t.label.text if t.label else None,
            "time_start": t.time_start,
            "time_end": t.time_end,
            "interrupted": t.interrupted,
        }
        for i, t in enumerate(doc.turns)
    ]
    exchanges: list[Row] = []
    for i, x in enumerate(doc.exchanges):
        evidence: dict[str, Any] = {}
        if x.clarity is not None and x.clarity.evidence:
            evidence["clarity"] = [e.model_dump(mode="json") for e in x.clarity.evidence]
        if x.evasion is not None and x.evasion.evidence:
            evidence["evasion"] = [e.model_dump(mode="json") for e in x.evasion.evidence]
        exchanges.append(
            {
                "doc_id": doc_id,
                "seq": i,
                "exchange_id": x.id,
                "asked_by": x.asked_by,
                "question_turn": x.question.turn,
                "question_kind": x.question.kind,
                "question_start": x.question.start,
                "question_end": x.question.end,
                "question_text": x.question.text,
                "answer_turn": x.answer.turn if x.answer else None,
                "answer_start": x.answer.start if x.answer else None,
                "answer_end": x.answer.end if x.answer else None,
                "answer_text": x.answer.text if x.answer else None,
                "follow_up_of": x.follow_up_of,
                "pushback": x.pushback,
                "pushback_start": x.pushback_evidence.start if x.pushback_evidence else None,
                "pushback_end": x.pushback_evidence.end if x.pushback_evidence else None,
                "clarity_label": x.clarity.label if x.clarity else None,
                "clarity_confidence": x.clarity.confidence if x.clarity else None,
                "evasion_label": x.evasion.label if x.evasion else None,
                "evasion_confidence": x.evasion.confidence if x.evasion else None,
                "evidence_json": _dumps(evidence) if evidence else None,
            }
        )
    claims: list[Row] = [
        {
            "doc_id": doc_id,
            "seq": i,
            "claim_id": c.id,
            "turn_id": c.turn,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "score": c.score,
            "type": c.type,
            "speaker": c.speaker,
            "holder": c.holder,
        }
        for i, c in enumerate(doc.claims)
    ]
    stances: list[Row] = [
        {
            "doc_id": doc_id,
            "seq": i,
            "kind": s.kind,
            "start": s.span.start,
            "end": s.span.end,
            "text": s.span.text,
            "target": s.target,
            "speaker": s.speaker,
            "rule": s.rule,
        }
        for i, s in enumerate(doc.stances)
    ]
    entities: list[Row] = [
        {
            "doc_id": doc_id,
            "seq": i,
            "entity_id": e.id,
            "name": e.name,
            "type": e.type,
            "n_mentions": len(e.mentions),
            "mention_starts": [m.start for m in e.mentions],
            "mention_ends": [m.end for m in e.mentions],
        }
        for i, e in enumerate(doc.entities)
    ]
    numbers: list[Row] = [
        {
            "doc_id": doc_id,
            "seq": i,
            "start": n.start,
            "end": n.end,
            "text": n.text,
            "value": n.value,
            "unit": n.unit,
            "counts": n.counts,
            "qualifier": n.qualifier,
            "normalized": n.normalized,
        }
        for i, n in enumerate(doc.numbers)
    ]
    attributions: list[Row] = [
        {
            "doc_id": doc_id,
            "seq": i,
            "attribution_id": a.id,
            "turn_id": a.turn,
            "start": a.start,
            "end": a.end,
            "text": a.text,
            "holder": a.holder,
            "holder_entity": a.holder_entity,
            "cue": a.cue,
            "content_start": a.content.start,
            "content_end": a.content.end,
            "speaker": a.speaker,
        }
        for i, a in enumerate(doc.attributions)
    ]
    return {
        "interviews": [interview],
        "turns": turns,
        "exchanges": exchanges,
        "claims": claims,
        "stances": stances,
        "entities": entities,
        "numbers": numbers,
        "attributions": attributions,
    }


def to_arrow(table: str, rows: list[Row]) -> pa.Table:
    """Rows of ``table`` as an Arrow table with that table's schema."""
    return pa.Table.from_pylist(rows, schema=SCHEMAS[table])
