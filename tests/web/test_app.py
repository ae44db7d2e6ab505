"""The web app through its HTTP interface (no browser): pages, API, safety."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi", reason="the web extras are not installed: pip install -e '.[web]'")

from collections.abc import Iterator

from click.testing import CliRunner
from fastapi.testclient import TestClient
from render_support import HOSTILE, seed_bytes

from onrecord.cli import main
from onrecord.commands.web import is_loopback
from onrecord.web import open_store
from onrecord.web.app import create_app, default_analyzer
from onrecord.web.store import MemoryStore, SearchFilters, SearchResult, Store

TOKEN = "correct-horse-battery-staple"


@pytest.fixture()
def locked(store: MemoryStore) -> Iterator[TestClient]:
    app = create_app(store, token=TOKEN, analyzer=default_analyzer([]))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_pages_render(client: TestClient) -> None:
    for url in (
        "/",
        "/interviews",
        "/interviews/1",
        "/speakers",
        "/speakers/Ilham%20Aliyev",
        "/claims",
        "/claims/1:c1",
        "/search",
        "/search?q=Turkish",
        "/api",
        "/interviews/1/delete",
    ):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        assert "default-src 'none'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "<main" in r.text


def test_report_page_is_the_report_with_site_navigation(client: TestClient) -> None:
    r = client.get("/interviews/1")
    assert 'id="q-x1"' in r.text and 'href="#a-x1"' in r.text
    assert 'href="/search"' in r.text and 'href="/api/v1/interviews/1"' in r.text
    d = client.get("/interviews/1/report.html")
    assert d.status_code == 200 and "attachment" in d.headers["content-disposition"]


def test_search_with_filters(client: TestClient) -> None:
    r = client.get("/search", params={"q": "Turkish"})
    assert "result" in r.text and 'href="/interviews/1#turn-' in r.text
    api = client.get("/api/v1/search", params={"q": "flying"}).json()
    assert api["total"] >= 2 and {h["interview_id"] for h in api["hits"]} == {"1", "2"}
    only = client.get("/api/v1/search", params={"q": "flying", "outlet": "other"}).json()
    assert {h["interview_id"] for h in only["hits"]} == {"2"}
    claims = client.get("/api/v1/search", params={"q": "Turkish", "kind": "claim"}).json()
    assert all(h["kind"] == "claim" for h in claims["hits"])
    questions = client.get("/api/v1/search", params={"kind": "question", "clarity": "Clear Non-Reply"}).json()
    assert questions["total"] > 0 and all(h["kind"] == "question" for h in questions["hits"])
    bad = client.get("/search", params={"q": "x", "kind": "nonsense"})
    assert bad.status_code == 400 and "Unknown kind" in bad.text


def test_search_lists_a_question_turn_once(client: TestClient) -> None:
    """ "Q: Mr Aliyev, are Turkish F-16s flying?" is a turn and a question; without a kind filter it is
    listed once, as the question, and asking for turns still finds it."""
    hits = client.get("/api/v1/search", params={"q": "Turkish flying", "limit": 50}).json()["hits"]
    asked = [h for h in hits if h["text"] == "Mr Aliyev, are Turkish F-16s flying?"]
    assert [h["kind"] for h in asked] == ["question"]
    turns = client.get("/api/v1/search", params={"q": "Turkish flying", "kind": "turn"}).json()["hits"]
    assert "Mr Aliyev, are Turkish F-16s flying?" in {h["text"] for h in turns}


def test_speaker_page_across_interviews(client: TestClient) -> None:
    rec = client.get("/api/v1/speakers/ilham aliyev").json()
    assert rec["name"] == "Ilham Aliyev"
    assert rec["claims"] and rec["answers"] and rec["clarity"]
    targets = [st["target"] for st in rec["stances"] if st["target"]]
    assert targets and not any(re.fullmatch(r"[cEA]\d+", t) for t in targets), targets  # words, not ids
    page = client.get("/speakers/Ilham%20Aliyev").text
    assert "How they answered" in page and "Claims" in page
    assert client.get("/speakers/Nobody%20Here").status_code == 404


def test_claim_page_related_and_opposite(store: Store) -> None:
    ms = MemoryStore()
    doc1 = store.get("1")
    doc2 = store.get("2")
    assert doc1 is not None and doc2 is not None
    ms.add(doc1, "a")
    ms.add(doc2, "b")
    rel = ms.related("1:c1")
    assert rel is not None and rel.claim.id == "1:c1"
    assert ms.related("nope") is None


def test_api_crud_and_openapi(client: TestClient) -> None:
    listing = client.get("/api/v1/interviews").json()
    assert listing["total"] == 2
    doc = client.get("/api/v1/interviews/1").json()
    assert doc["exchanges"] and doc["text"]
    created = client.post("/api/v1/interviews", json={"text": "Q: Why?\nA: Because.\n", "name": "w.txt"})
    assert created.status_code == 201, created.text
    iid = created.json()["id"]
    assert client.delete(f"/api/v1/interviews/{iid}").status_code == 204
    assert client.get(f"/api/v1/interviews/{iid}").status_code == 404
    spec = client.get("/openapi.json").json()
    for path in ("/api/v1/search", "/api/v1/interviews", "/api/v1/speakers/{name}", "/api/v1/claims/{cid}"):
        assert path in spec["paths"], path


def test_upload_seed_and_paste(client: TestClient) -> None:
    r = client.post("/interviews", files={"file": ("seed.txt", seed_bytes(), "text/plain")}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/interviews/")
    r = client.post("/interviews", data={"text": HOSTILE}, follow_redirects=True)
    assert r.status_code == 200
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in r.text
    assert len(re.findall(r"<script\b", r.text)) == 1


@pytest.mark.parametrize(
    ("name", "data", "ctype", "status"),
    [
        ("x.png", b"\x89PNG\r\n\x1a\n", "image/png", 415),
        ("x.exe", b"MZ", "application/octet-stream", 415),
        ("x.txt", b"\x00\x01\x02\x03" * 200, "text/plain", 400),
        ("x.txt", b"", "text/plain", 400),
        ("x.txt", b"   \n \n", "text/plain", 400),
        ("x.txt", b"Q: hi?\nA: yes.\n", "application/pdf", 415),
    ],
)
def test_uploads_are_type_checked(client: TestClient, name: str, data: bytes, ctype: str, status: int) -> None:
    r = client.post("/interviews", files={"file": (name, data, ctype)})
    assert r.status_code == status, r.text
    assert "Traceback" not in r.text and 'class="error"' in r.text


def test_pdf_and_word_uploads_are_read(client: TestClient) -> None:
    import io

    import docx

    from support import make_pdf

    d = docx.Document()
    for line in ["MODERATOR: Will you run again?", "SMITH: No.", "MODERATOR: Why not?", "SMITH: I am tired."]:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    r = client.post("/interviews", files={"file": ("smith.docx", buf.getvalue(), word)}, follow_redirects=True)
    assert r.status_code == 200 and "I am tired." in r.text
    pdf = make_pdf([["MODERATOR: Will you run again?", "SMITH: No.", "MODERATOR: Why not?", "SMITH: I am tired."]])
    r = client.post("/interviews", files={"file": ("smith.pdf", pdf, "application/pdf")}, follow_redirects=True)
    assert r.status_code == 200 and "I am tired." in r.text
    r = client.post("/interviews", files={"file": ("scan.pdf", make_pdf([[]]), "application/pdf")})
    assert r.status_code == 400 and "no text layer" in r.text


def test_uploads_are_size_limited(store: MemoryStore) -> None:
    app = create_app(store, analyzer=default_analyzer([]), max_upload=10_000)
    with TestClient(app, raise_server_exceptions=False) as c:
        big = b"Q: a?\nA: " + b"b" * 200_000 + b"\n"
        r = c.post("/interviews", files={"file": ("big.txt", big, "text/plain")})
        assert r.status_code == 413 and "limit" in r.text
        r = c.post("/api/v1/interviews", json={"text": "x" * 200_000})
        assert r.status_code == 413 and r.json()["detail"]
        r = c.post("/interviews", files={"file": ("mid.txt", b"Q: a?\nA: " + b"b" * 20_000, "text/plain")})
        assert r.status_code == 413


def test_writes_need_the_token_when_set(locked: TestClient) -> None:
    assert locked.get("/interviews/1").status_code == 200  # reads stay open
    r = locked.post("/interviews", data={"text": "Q: a?\nA: b.\n"})
    assert r.status_code == 401 and "token" in r.text
    assert locked.post("/interviews/1/delete").status_code == 401
    assert locked.delete("/api/v1/interviews/1").status_code == 401
    assert locked.delete("/api/v1/interviews/1", headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = locked.post("/interviews", data={"text": "Q: a?\nA: b.\n", "token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303
    assert locked.delete("/api/v1/interviews/1", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 204
    assert 'type="password"' in locked.get("/").text


def test_cross_site_form_posts_are_refused(client: TestClient) -> None:
    r = client.post("/interviews", data={"text": "Q: a?\nA: b.\n"}, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    r = client.post("/interviews/1/delete", headers={"Origin": "null"})
    assert r.status_code == 403
    ok = client.post(
        "/interviews", data={"text": "Q: a?\nA: b.\n"}, headers={"Origin": "http://testserver"}, follow_redirects=False
    )
    assert ok.status_code == 303


def test_host_header_is_checked_on_loopback(store: MemoryStore) -> None:
    app = create_app(store, analyzer=default_analyzer([]), allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"Host": "attacker.example"}).status_code == 400


def test_errors_are_pages_without_tracebacks(store: MemoryStore) -> None:
    class Broken(MemoryStore):
        def search(self, q: str, filters: SearchFilters, offset: int = 0, limit: int = 20) -> SearchResult:
            raise RuntimeError("secret internals /etc/passwd")

    app = create_app(Broken(), analyzer=default_analyzer([]))
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/search?q=x")
        assert r.status_code == 500 and "went wrong" in r.text
        assert "secret" not in r.text and "Traceback" not in r.text
        assert c.get("/api/v1/search?q=x").json() == {
            "detail": "Something went wrong on the server; the details are in its log."
        }
        r = c.get("/no/such/page")
        assert r.status_code == 404 and "no page" in r.text
        r = c.get("/interviews?offset=-3")
        assert r.status_code == 422 and "offset" in r.text


def test_escaping_everywhere(client: TestClient) -> None:
    evil = '<script>window.__pwned=1</script>" onmouseover="x'
    for url in (
        f"/search?q={evil}",
        f"/speakers?q={evil}",
        f"/claims?speaker={evil}",
        f"/speakers/{evil}",
        f"/interviews/{evil}",
    ):
        r = client.get(url)
        assert "<script>window.__pwned" not in r.text, url
        assert '" onmouseover="x' not in r.text, url


def test_serve_refuses_public_bind_without_token() -> None:
    r = CliRunner().invoke(main, ["serve", "--db", "memory:", "--host", "0.0.0.0"])
    assert r.exit_code != 0 and "token" in r.output
    r = CliRunner().invoke(main, ["serve", "--db", "memory:", "--host", "0.0.0.0", "--token", "short"])
    assert r.exit_code != 0 and "too short" in r.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
    assert isinstance(open_store("memory:"), MemoryStore)
