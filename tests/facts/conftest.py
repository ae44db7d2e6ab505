"""Shared fixtures: the seed interview, analysed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord import Interview, analyze
from onrecord.document import Claim

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_d64bfc97030efaab.txt"
FACT_STAGES = ["numbers", "entities", "attributions", "stance"]


def sentence_claims(doc: Interview) -> list[Claim]:
    """Every turn sentence as a claim (stands in for the claims stage, whose model is trained separately)."""
    from onrecord.structure.sentences import split

    out: list[Claim] = []
    for t in doc.turns:
        for s, e in split(doc.text, t.start, t.end):
            out.append(
                Claim(
                    id=f"c{len(out) + 1}",
                    turn=t.id,
                    start=s,
                    end=e,
                    text=doc.text[s:e],
                    score=1.0,
                    type="event",
                    speaker=t.speaker,
                    holder=t.speaker,
                )
            )
    return out


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed transcript not found at {SEED} (the shared/ folder is not checked out)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(seed_text: str) -> Interview:
    return analyze(seed_text, stages=FACT_STAGES)


@pytest.fixture(scope="session")
def seed_with_claims(seed_text: str) -> Interview:
    """The seed with sentence claims put in before attributions and stance run."""
    from onrecord import analyzers

    doc = analyze(seed_text, stages=["entities"])
    doc.claims = sentence_claims(doc)
    analyzers.run(doc, ["attributions", "stance"])
    return doc
