"""Flattening a document into rows: every table, every annotation kind."""

from __future__ import annotations

import json

from onrecord.batch.tables import SCHEMAS, TABLES, flatten, to_arrow
from onrecord.document import (
    Attribution,
    Claim,
    Entity,
    Evidence,
    Interview,
    Label,
    NumberMention,
    Stance,
)
from onrecord.pipeline import analyze

TEXT = "HOST: Did taxes rise 4 percent?\n\nSMITH: No. Jones said they fell.\n"


def _doc() -> Interview:
    doc = analyze(TEXT, stages=[], name="mem.txt")
    answer = doc.turns[1]
    no = TEXT.index("No.")
    said = TEXT.index("Jones said they fell.")
    pct = TEXT.index("4 percent")
    doc.claims.append(
        Claim(
            id="C1",
            turn=answer.id,
            start=said,
            end=said + 21,
            text=TEXT[said : said + 21],
            score=0.9,
            type="attributed",
            speaker="SMITH",
            holder="Jones",
        )
    )
    doc.stances.append(Stance(kind="denial", span=doc.span(no, no + 3), target="C0", speaker="SMITH", rule="r1"))
    doc.entities.append(Entity(id="E1", name="Jones", type="PERSON", mentions=[doc.span(said, said + 5)]))
    doc.numbers.append(
        NumberMention(start=pct, end=pct + 9, text="4 percent", value=4.0, unit="percent", counts=None, qualifier=None)
    )
    doc.attributions.append(
        Attribution(
            start=said,
            end=said + 21,
            text=TEXT[said : said + 21],
            holder="Jones",
            cue="said",
            content=doc.span(said + 11, said + 20),
            speaker="SMITH",
            turn=answer.id,
            id="A1",
        )
    )
    doc.exchanges[0].clarity = Label(
        label="clear", confidence=0.75, evidence=[Evidence(start=no, end=no + 3, text="No.", reason="direct")]
    )
    return doc


def test_every_table_gets_rows_that_fit_its_schema() -> None:
    doc = _doc()
    rows = flatten("abc", "mem.txt", doc)
    assert set(rows) == set(TABLES)
    for table in TABLES:
        arrow = to_arrow(table, rows[table])
        assert arrow.schema.equals(SCHEMAS[table])
        assert arrow.num_rows == len(rows[table]) >= 1, table
        assert set(arrow.column("doc_id").to_pylist()) == {"abc"}
        assert arrow.column("seq").to_pylist() == list(range(arrow.num_rows))
    (interview,) = rows["interviews"]
    assert interview["n_claims"] == interview["n_stances"] == interview["n_entities"] == 1
    assert interview["text"] == doc.text and interview["source"] == "mem.txt"
    assert rows["entities"][0]["mention_starts"] == [doc.text.index("Jones")]
    assert rows["stances"][0]["text"] == "No." and rows["stances"][0]["rule"] == "r1"
    ex = rows["exchanges"][0]
    assert ex["clarity_label"] == "clear" and json.loads(ex["evidence_json"])["clarity"][0]["text"] == "No."
    assert rows["attributions"][0]["content_start"] == doc.attributions[0].content.start


def test_spans_in_rows_are_offsets_into_the_text() -> None:
    doc = _doc()
    rows = flatten("abc", "mem.txt", doc)
    for table in ("turns", "claims", "stances", "numbers", "attributions"):
        for row in rows[table]:
            assert doc.text[row["start"] : row["end"]] == row["text"], table
