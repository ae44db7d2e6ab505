"""Corpus test fixtures: every corpus test runs on SQLite, and on PostgreSQL when
``ONRECORD_TEST_PG_URL`` is set (``eval "$(.ci/postgres.sh)"`` sets it)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from onrecord.corpus import Corpus
from onrecord.corpus.store import normalise_url
from onrecord.document import Claim, Interview, Label
from onrecord.pipeline import analyze

PG_URL = os.environ.get("ONRECORD_TEST_PG_URL")
DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "transcripts"
DEBATES = DATA / "claimbuster_debates"

# Small transcripts written for these tests (not real interviews).
ALIYEV = """HOST: Good evening. President Aliyev, will you withdraw the troops from the border?

PRESIDENT ILHAM ALIYEV: We will never withdraw the troops. The border is secure and the pipeline is safe.

HOST: And what about unemployment in the regions?

ALIYEV: Unemployment fell to 5 percent last year, the lowest level in a decade.
"""

ALIYEV_2 = """INTERVIEWER: Mr. Aliyev, is the pipeline finished?

ILHAM ALIYEV: The pipeline carries oil and gas to Europe every single day.

INTERVIEWER: Will the troops stay at the border?

ALIYEV: The troops stay where they are. Nobody will move them.
"""

SMITH = """MODERATOR: Senator Smith, your view on the pipeline?

SENATOR JANE SMITH: The pipeline leaks, and unemployment in the regions rose to 12 percent.

MODERATOR: Thank you, Senator.
"""


def _reset_pg(url: str) -> None:
    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty corpus database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'corpus.db'}"
        return
    if not PG_URL:
        pytest.skip('ONRECORD_TEST_PG_URL not set (eval "$(.ci/postgres.sh)" to run against PostgreSQL)')
    _reset_pg(PG_URL)
    yield PG_URL


@pytest.fixture
def corpus(db_url: str) -> Iterator[Corpus]:
    with Corpus.open(db_url) as c:
        yield c


@pytest.fixture
def transcripts(tmp_path: Path) -> Path:
    """A folder of three small transcripts (dates in the file names), plus a README to be passed over."""
    d = tmp_path / "transcripts"
    d.mkdir()
    (d / "2021-03-01_aliyev.txt").write_text(ALIYEV, encoding="utf-8")
    (d / "2022-06-15_aliyev.txt").write_text(ALIYEV_2, encoding="utf-8")
    (d / "2023-01-10_smith.txt").write_text(SMITH, encoding="utf-8")
    (d / "README.md").write_text("# About these files\n\nWritten for the tests.\n", encoding="utf-8")
    return d


def labelled_doc(text: str, *, title: str, date: str, outlet: str, claims: list[tuple[str, str]] = ()) -> Interview:
    """Structure-only analysis plus metadata, clarity labels and claims set by the test.

    ``claims`` are (text, type) pairs that must occur in an interviewee turn.
    """
    doc = analyze(text, stages=())
    doc.metadata.title, doc.metadata.date, doc.metadata.outlet = title, date, outlet
    for i, x in enumerate(doc.exchanges):
        clarity = ("Clear Reply", "Ambivalent", "Clear Non-Reply")[i % 3]
        evasion = ("Explicit", "Dodging", "Declining to answer")[i % 3]
        x.clarity = Label(label=clarity, confidence=0.9)
        x.evasion = Label(label=evasion, confidence=0.8)
    for n, (claim_text, kind) in enumerate(claims, 1):
        turn = next(t for t in doc.turns if claim_text in t.text)
        start = doc.text.index(claim_text, turn.start)
        doc.claims.append(
            Claim(
                id=f"c{n}",
                turn=turn.id,
                start=start,
                end=start + len(claim_text),
                text=claim_text,
                score=1.0 - n / 100,
                type=kind,
                speaker=turn.speaker,
                holder=turn.speaker,
            )
        )
    doc.analyzers["test"] = "1"
    return doc


FILLED_TITLES = ("Aliyev, the border", "Aliyev on energy", "Smith on the pipeline")


@pytest.fixture
def filled(corpus: Corpus) -> Corpus:
    """Three labelled interviews: two with the same person under different names, one with
    another speaker; the first title holds a comma so that CSV quoting is exercised."""
    docs = [
        (ALIYEV, "2021-03-01", "Euronews", ("Unemployment fell to 5 percent last year", "statistic")),
        (ALIYEV_2, "2022-06-15", "BBC World", ("The pipeline carries oil and gas to Europe", "fact")),
        (SMITH, "2023-01-10", "CNN", ("unemployment in the regions rose to 12 percent", "statistic")),
    ]
    for n, (title, (body, date, outlet, claim)) in enumerate(zip(FILLED_TITLES, docs, strict=True)):
        corpus.add(labelled_doc(body, title=title, date=date, outlet=outlet, claims=[claim]), f"{'abc'[n]}.txt")
    return corpus
