"""The web app over the SQL corpus (SQLite): same pages and API as over the memory store."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extras are not installed: pip install -e '.[web]'")
pytest.importorskip("sqlalchemy", reason="the corpus needs SQLAlchemy")
pytest.importorskip("alembic", reason="the corpus needs Alembic")

from fastapi.testclient import TestClient
from render_support import HOSTILE, labeled, seed_bytes, structure_only

from onrecord.web import open_store
from onrecord.web.app import create_app, default_analyzer
from onrecord.web.corpus_store import CorpusStore
from onrecord.web.store import SearchFilters


@pytest.fixture()
def corpus(tmp_path: Path) -> CorpusStore:
    store = open_store(f"sqlite:///{tmp_path / 'corpus.db'}")
    assert isinstance(store, CorpusStore)
    store.add(labeled(), "seed.txt")
    other = labeled(
        structure_only("Q: Mr Aliyev, are F-16s flying?\nALIYEV: No, they are not flying. They are on the ground.\n")
    )
    other.metadata.title = "Second interview"
    other.metadata.outlet = "Other Outlet"
    store.add(other, "second.txt")
    return store


@pytest.fixture()
def app(corpus: CorpusStore) -> Iterator[TestClient]:
    with TestClient(create_app(corpus, analyzer=default_analyzer([])), raise_server_exceptions=False) as c:
        yield c


def test_store_protocol(corpus: CorpusStore) -> None:
    page = corpus.interviews()
    assert page.total == 2 and page.items[0].title == "Second interview"
    first = page.items[1].id
    doc = corpus.get(first)
    assert doc is not None and doc.exchanges
    assert corpus.get("nope") is None and corpus.get("999") is None
    rec = corpus.speaker("Aliyev")
    assert rec is not None and rec.name == "Ilham Aliyev" and len(rec.interviews) == 2
    assert rec.clarity and rec.answers and rec.claims and rec.stances
    targets = [st.target for st in rec.stances if st.target]
    assert targets and not any(re.fullmatch(r"[cEA]\d+", t) for t in targets), targets  # words, not ids
    assert corpus.speaker("Nobody Atall") is None
    claims = corpus.claims()
    assert claims.total == len(claims.items) > 0
    assert corpus.related(claims.items[0].id) is not None and corpus.related("x") is None
    hits = corpus.search("flying", SearchFilters(outlet="other"))
    assert hits.total >= 1 and all(h.interview_id == page.items[0].id for h in hits.hits)
    assert all(h.kind == "claim" for h in corpus.search("Turkish", SearchFilters(kind="claim")).hits)
    assert corpus.delete(page.items[0].id) and not corpus.delete(page.items[0].id)
    assert corpus.interviews().total == 1


def test_pages_over_the_corpus(app: TestClient) -> None:
    listing = app.get("/api/v1/interviews").json()
    iid = listing["items"][-1]["id"]
    for url in (
        "/",
        "/interviews",
        f"/interviews/{iid}",
        "/speakers",
        "/speakers/Ilham%20Aliyev",
        "/claims",
        "/search?q=Turkish",
        "/search?q=ground&kind=turn&role=interviewee",
    ):
        r = app.get(url)
        assert r.status_code == 200, url
    cid = app.get("/api/v1/claims").json()["items"][0]["id"]
    assert app.get(f"/claims/{cid}").status_code == 200
    hit = app.get("/api/v1/search", params={"q": "Turkish"}).json()["hits"][0]
    page = app.get(f"/interviews/{hit['interview_id']}").text
    assert f'id="{hit["anchor"]}"' in page  # search results link to anchors that exist


def test_upload_and_hostile_text_over_the_corpus(app: TestClient) -> None:
    r = app.post("/interviews", files={"file": ("seed.txt", seed_bytes(), "text/plain")}, follow_redirects=False)
    assert r.status_code == 303
    r = app.post("/interviews", data={"text": HOSTILE}, follow_redirects=True)
    assert r.status_code == 200 and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in r.text
    r = app.get("/search", params={"q": "pwned"})
    assert r.status_code == 200 and "<script>window" not in r.text


def test_malformed_queries_are_messages(app: TestClient) -> None:
    for q in ('"unbalanced', "AND OR NOT", "*", "a' OR 1=1 --", "NEAR(", "\x00"):
        r = app.get("/search", params={"q": q})
        assert r.status_code in (200, 400), q
        assert "Traceback" not in r.text
        if r.status_code == 400:  # the message sits above the search form, to be corrected there
            assert 'role="alert"' in r.text and 'name="q"' in r.text, q
        api = app.get("/api/v1/search", params={"q": q})
        assert api.status_code in (200, 400)
        assert ("detail" if api.status_code == 400 else "hits") in api.json()


def test_claim_page_shows_same_and_opposite_claims(tmp_path: Path) -> None:
    from onrecord.document import Claim

    store = CorpusStore.open(f"sqlite:///{tmp_path / 'rel.db'}")
    texts = [
        "Turkish F-16s are flying combat missions over Karabakh.",
        "Turkish F-16s are not flying combat missions over Karabakh.",
        "Turkish F-16s are flying combat missions over Karabakh today.",
    ]
    for k, text in enumerate(texts):
        doc = structure_only(f"Q: Are they flying?\nA: {text}\n")
        t = doc.turns[1]
        doc.claims.append(
            Claim(
                id="c1",
                turn=t.id,
                start=t.start,
                end=t.end,
                text=t.text,
                score=0.9,
                type="other",
                speaker=None,
                holder=None,
            )
        )
        store.add(doc, f"{k}.txt")
    rel = store.related("1")
    assert rel is not None
    assert [c.text for c in rel.related] == [texts[2]]
    assert [c.text for c in rel.opposite] == [texts[1]] and rel.opposite[0].note
    with TestClient(create_app(store, analyzer=default_analyzer([]))) as c:
        page = c.get("/claims/1").text
    assert "Opposite claims" in page and "are not flying" in page and "negates" in page


def test_filters_alone_list_what_they_select_and_pages_end_cleanly(app: TestClient) -> None:
    r = app.get("/api/v1/search", params={"clarity": "Clear Non-Reply", "kind": "question"})
    hits = r.json()["hits"]
    assert r.status_code == 200 and hits and all(h["kind"] == "question" for h in hits)
    assert app.get("/search", params={"q": ""}).status_code == 200  # nothing asked: the empty form
    bad = app.get("/search", params={"q": "Turkish", "date_from": "2024-13-45"})
    message = html.unescape(bad.text.split('role="alert">')[1].split("</p>")[0])
    assert bad.status_code == 400 and "from date '2024-13-45': no such date" in message and "--" not in message
    past = app.get("/search", params={"q": "Turkish", "offset": 100000})
    assert past.status_code == 200 and "past the last one" in past.text and "100001" not in past.text
