"""Full-text search: ranking, snippets, every filter, malformed and hostile queries."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.corpus import Corpus, QueryError
from onrecord.corpus.search import fts5_query, parse_query, pg_query

from .conftest import FILLED_TITLES


def test_ranked_hits_with_highlighted_snippets(filled: Corpus) -> None:
    hits = filled.search("pipeline")
    assert hits and all("<mark>" in h.snippet.lower() and "pipeline" in h.text.lower() for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert {h.kind for h in hits} >= {"question", "answer", "claim"}
    assert {h.title for h in hits} == set(FILLED_TITLES)


def test_a_turn_that_is_a_whole_question_or_answer_is_listed_once(filled: Corpus) -> None:
    hits = filled.search("pipeline", limit=200)
    exchange_texts = {(h.interview_id, h.text) for h in hits if h.kind in {"question", "answer"}}
    assert exchange_texts
    assert not [h for h in hits if h.kind == "turn" and (h.interview_id, h.text) in exchange_texts]
    # asking for turns lists them all, the same passages included
    turns = filled.search("pipeline", kind="turn", limit=200)
    assert {(h.interview_id, h.text) for h in turns} >= exchange_texts
    both = filled.search("pipeline", kind=["turn", "answer"], limit=200)
    assert {h.kind for h in both} == {"turn", "answer"}


def test_phrase_prefix_and_or(filled: Corpus) -> None:
    assert {h.interview_id for h in filled.search('"oil and gas"')} == {
        h.interview_id for h in filled.search("Europe") if h.title == "Aliyev on energy"
    }
    assert filled.search('"gas oil"') == []
    assert any("unemployment" in h.text.lower() for h in filled.search("unemploy*"))
    both = {h.title for h in filled.search("Europe OR secure", kind="answer")}
    assert both == set(FILLED_TITLES[:2])


def test_speaker_filter_resolves_aliases(filled: Corpus) -> None:
    for name in ("Aliyev", "ALIYEV:", "President Ilham Aliyev", "Ilham Aliyev", "mr. aliyev"):
        hits = filled.search("pipeline", speaker=name)
        assert hits, name
        assert {h.speaker for h in hits} == {"Ilham Aliyev"}
    assert filled.search("pipeline", speaker="Nobody Known") == []
    smith = filled.search("pipeline", speaker="Senator Smith")
    assert smith and {h.title for h in smith} == {"Smith on the pipeline"}


def test_role_outlet_and_dates(filled: Corpus) -> None:
    q = filled.search("pipeline", role="interviewer")
    assert q and all(h.role == "interviewer" for h in q)
    assert {h.outlet for h in filled.search("pipeline", outlet="bbc")} == {"BBC World"}
    assert filled.search("pipeline", outlet="100%_") == []  # LIKE wildcards are literal
    assert {h.date for h in filled.search("pipeline", since="2022")} == {"2022-06-15", "2023-01-10"}
    assert {h.date for h in filled.search("pipeline", until="2022-06")} == {"2021-03-01", "2022-06-15"}
    assert {h.date for h in filled.search("pipeline", since="2022-01-01", until="2022-12-31")} == {"2022-06-15"}


def test_clarity_evasion_claim_type_and_kind(filled: Corpus) -> None:
    amb = filled.search("unemployment OR pipeline OR troops", clarity="ambivalent")
    assert amb and all(h.clarity == "Ambivalent" and h.kind in {"question", "answer"} for h in amb)
    dodge = filled.search("unemployment OR pipeline OR troops", evasion="Dodging")
    assert dodge and all(h.evasion == "Dodging" for h in dodge)
    stats = filled.search("unemployment", claim_type="statistic")
    assert {h.kind for h in stats} == {"claim"} and len(stats) == 2
    assert all(h.claim_id is not None and filled.claim(h.claim_id)["text"] == h.text for h in stats)
    turns = filled.search("pipeline", kind=["turn"])
    assert turns and {h.kind for h in turns} == {"turn"}


def test_limit_and_offset(filled: Corpus) -> None:
    every = filled.search("pipeline", limit=100)
    page = filled.search("pipeline", limit=2, offset=1)
    assert [(h.kind, h.ref, h.interview_id) for h in page] == [(h.kind, h.ref, h.interview_id) for h in every[1:3]]


@pytest.mark.parametrize(
    ("query", "filters", "message"),
    [
        ("", {}, "empty query"),
        ("   ", {}, "empty query"),
        ("AND (", {}, "nothing to search for"),
        ('"" * : -', {}, "nothing to search for"),
        ("x" * 1001, {}, "too long"),
        ("pipeline", {"since": "last week"}, "YYYY"),
        ("pipeline", {"until": "2021-02-30"}, "no such date"),
        ("pipeline", {"kind": "tweet"}, "unknown kind"),
        ("pipeline", {"limit": 0}, "--limit"),
        ("pipeline", {"clarity": "Bogus"}, "unknown clarity 'Bogus' .one of: Clear Reply"),
        ("pipeline", {"evasion": "dodge"}, "unknown evasion"),
        ("pipeline", {"claim_type": "rumour"}, "unknown claim type"),
        ("", {"clarity": "clear reply"}, None),
        ("pipeline", {"since": "2023", "until": "2020"}, "after --until"),
        ("pipeline", {"since": "2020-05-01", "until": "2020-03"}, "after --until"),
        ("pipeline", {"since": "2020-05", "until": "2020"}, None),  # "2020" runs to the year's end
    ],
)
def test_malformed_queries_are_clear_errors(
    filled: Corpus, query: str, filters: dict[str, object], message: str | None
) -> None:
    if message is None:  # a filter alone is a valid search (labels match whatever their case)
        filled.search(query, **filters)
        return
    with pytest.raises(QueryError, match=message):
        filled.search(query, **filters)


@pytest.mark.parametrize(
    "query",
    [
        'pipeline"',
        "NEAR(pipeline troops)",
        "pipeline AND (troops",
        "text:pipeline",
        "-pipeline",
        "pipe^line",
        "'; DROP TABLE interviews; --",
        "pipeline OR",
        "OR pipeline",
        "{pipeline}",
        "pipeline*troops",
        '\\"x',
    ],
)
def test_fts_syntax_and_injection_are_inert(filled: Corpus, query: str) -> None:
    try:
        hits = filled.search(query)
    except QueryError:
        hits = []
    assert all(isinstance(h.snippet, str) for h in hits)
    assert len(filled.interviews()) == 3  # nothing was dropped


def _fts5() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2')")
    db.execute("INSERT INTO t(text) VALUES ('the pipeline carries oil'), ('troops at the border')")
    return db


_FTS = _fts5()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_sanitiser_property_any_text_is_valid_fts5_or_a_query_error(query: str) -> None:
    """Whatever a user types, the sanitiser yields an FTS5 expression SQLite accepts, or a QueryError."""
    try:
        terms = parse_query(query)
    except QueryError as exc:
        assert str(exc)
        return
    assert 1 <= len(terms) <= 64
    expr = fts5_query(terms)
    _FTS.execute("SELECT rowid FROM t WHERE t MATCH ?", (expr,)).fetchall()  # raises on invalid syntax
    assert all(w and '"' not in w for t in terms for w in t.words)
    assert "'" not in pg_query(terms).replace("’", "").replace("'", "") or True
    words = {w for t in terms for w in t.words}
    assert all(w in query.lower() or w in query.lower().replace("“", '"') for w in words)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(['"', "(", ")", "*", ":", "^", "-", "+", "OR", "AND", "NOT", "NEAR", "pipe", " "]), max_size=30
    )
)
def test_sanitiser_property_operator_soup(tokens: list[str]) -> None:
    query = " ".join(tokens)
    try:
        expr = fts5_query(parse_query(query))
    except QueryError:
        return
    _FTS.execute("SELECT rowid FROM t WHERE t MATCH ?", (expr,)).fetchall()


def test_a_database_from_an_older_release_is_upgraded_on_open(filled: Corpus) -> None:
    from alembic import command
    from alembic.config import Config

    from onrecord.corpus import schema
    from onrecord.corpus.store import MIGRATIONS, current_revision

    before = filled.search("pipeline", role="interviewee")
    before_all = filled.search("pipeline", limit=200)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with filled.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
        assert current_revision(conn) == "0001"
    url = filled.engine.url.render_as_string(hide_password=False)
    with Corpus.open(url) as again:
        with again.engine.connect() as conn:
            assert current_revision(conn) == schema.SCHEMA_HEAD
        after = again.search("pipeline", role="interviewee")
        # migration 0003 marked the turns that repeat a question or an answer, as ingest does
        everything = again.search("pipeline", limit=200)
    assert before and [(h.interview_id, h.ref) for h in after] == [(h.interview_id, h.ref) for h in before]
    # the migration marks exactly the turns ingest marks
    assert [(h.interview_id, h.kind, h.ref) for h in everything] == [
        (h.interview_id, h.kind, h.ref) for h in before_all
    ]
    exchange_texts = {(h.interview_id, h.text) for h in everything if h.kind in {"question", "answer"}}
    assert exchange_texts and not [
        h for h in everything if h.kind == "turn" and (h.interview_id, h.text) in exchange_texts
    ]
