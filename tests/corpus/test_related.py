"""The same claim elsewhere: repeated and opposite claims on small constructed pairs (real MiniLM embeddings)."""

from __future__ import annotations

import numpy as np
import pytest

from onrecord.corpus import Corpus
from onrecord.corpus.related import VectorIndex, ann_available, negated, numbers, relation

from .conftest import labelled_doc

PAIRS = [
    # (claim in interview A, claim in interview B, expected relation)
    ("Unemployment fell to 5 percent last year.", "Last year unemployment fell to 5 percent.", "same"),
    ("We will withdraw our troops from the border.", "We will never withdraw our troops from the border.", "opposite"),
    (
        "The pipeline carries 40 million tons of oil a year.",
        "The pipeline carries 25 million tons of oil a year.",
        "opposite",
    ),
    ("Inflation is the highest it has been in forty years.", "Inflation is the highest in forty years.", "same"),
]
NOISE = ["The weather in the mountains was pleasant.", "Our football team won the cup."]


def _transcript(sentences: list[str]) -> str:
    return "".join(f"Q: Question {i}?\n\nMINISTER ALPHA: {s}\n\n" for i, s in enumerate(sentences))


@pytest.fixture
def paired(corpus: Corpus) -> Corpus:
    a = [p[0] for p in PAIRS] + NOISE[:1]
    b = [p[1] for p in PAIRS] + NOISE[1:]
    for n, (title, sents) in enumerate((("A", a), ("B", b))):
        corpus.add(
            labelled_doc(
                _transcript(sents), title=title, date=f"202{n}-01-01", outlet="x", claims=[(s, "fact") for s in sents]
            )
        )
    return corpus


def _claim_id(corpus: Corpus, text: str) -> int:
    hits = corpus.search(f'"{text.rstrip(".")}"', kind="claim", limit=5)
    return next(h.claim_id for h in hits if h.text == text and h.claim_id is not None)


@pytest.mark.parametrize(("left", "right", "expected"), PAIRS)
def test_pairs_are_found_with_the_right_relation(paired: Corpus, left: str, right: str, expected: str) -> None:
    found = paired.related(_claim_id(paired, left), k=5)
    assert found, left
    top = found[0]
    assert (top.text, top.relation) == (right, expected)
    assert all(r.interview_id != paired.claim(_claim_id(paired, left))["interview_id"] for r in found)
    back = paired.related(_claim_id(paired, right), k=5)
    assert back and (back[0].text, back[0].relation) == (left, expected)


def test_unrelated_claims_are_not_linked(paired: Corpus) -> None:
    found = paired.related(_claim_id(paired, NOISE[0]), k=5)
    assert all(r.text != NOISE[1] for r in found)


def test_relation_rules() -> None:
    assert negated("They did not raise taxes.") and negated("They didn't raise taxes.")
    assert not negated("It is not untrue.")  # two negations cancel
    assert numbers("$1,300 and 5 percent") == {"1300", "5%"}
    assert relation("a", "b", 0.1) is None
    assert relation("Taxes rose.", "Taxes never rose.", 0.9) == ("opposite", "one negates what the other asserts")


@pytest.mark.skipif(not ann_available(), reason="usearch not installed")
def test_ann_index_agrees_with_exact_search() -> None:
    rng = np.random.default_rng(3)
    centres = rng.standard_normal((50, 32)).astype(np.float32)
    vecs = np.repeat(centres, 20, axis=0) + 0.05 * rng.standard_normal((1000, 32)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = np.arange(1000, dtype=np.int64) + 100
    exact, ann = VectorIndex(vecs, ids, ann=False), VectorIndex(vecs, ids, ann=True)
    assert ann.ann and not exact.ann
    pe, se = exact.query(vecs[:50], 5)
    pa, sa = ann.query(vecs[:50], 5)
    assert np.mean([pe[i, 0] == pa[i, 0] for i in range(50)]) >= 0.95
    assert np.allclose(se[:, 0], sa[:, 0], atol=1e-2)
