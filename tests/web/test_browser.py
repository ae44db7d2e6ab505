"""End-to-end tests in headless Chromium: the report file and the running web app.

Needs Debian's ``chromium`` (``apt-get install -y chromium``) and Playwright for
Python (``pip install playwright``; never ``playwright install``: the system
browser is used).  Screenshots go to ``$ONRECORD_SCREENSHOTS`` when set, else
to a pytest temporary folder, whose path the tests print.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from render_support import HOSTILE, labeled, seed_path, structure_only

from onrecord.render.html import write_html

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("ONRECORD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

if not Path(CHROMIUM).exists():
    pytest.skip("no chromium: apt-get install -y chromium (or set ONRECORD_CHROMIUM)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install playwright")
uvicorn = pytest.importorskip("uvicorn", reason="the web extras are not installed: pip install -e '.[web]'")

from onrecord.web.app import create_app, default_analyzer  # noqa: E402
from onrecord.web.store import MemoryStore  # noqa: E402


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = os.environ.get("ONRECORD_SCREENSHOTS")
    path = Path(where) if where else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots in {path}")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, errors


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    store = MemoryStore()
    other = labeled(structure_only("Q: Mr Aliyev, are F-16s flying?\nALIYEV: No, they are on the ground.\n"))
    other.metadata.title = "A second interview"
    store.add(other, "second.txt")
    port = _free_port()
    app = create_app(store, analyzer=default_analyzer([]), allowed_hosts=["127.0.0.1", "localhost"])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def test_report_question_to_answer_and_layers(page: Page, tmp_path: Path, shots: Path) -> None:
    doc = labeled()
    report = tmp_path / "seed.html"
    write_html(doc, report)
    page.goto(report.as_uri())
    assert page.locator("h1").inner_text().strip() == (doc.metadata.title or "").strip()
    page.screenshot(path=str(shots / "report-top.png"))

    x = doc.exchanges[1]
    page.locator(f'a.go[href="#a-{x.id}"]').click()
    assert page.evaluate("location.hash") == f"#a-{x.id}"
    answer = page.locator(f"#a-{x.id}")
    assert answer.is_visible()
    # focus follows the link (moved by the hashchange handler, so wait for it)
    page.wait_for_function("id => document.activeElement && document.activeElement.id === id", arg=f"a-{x.id}")
    box = answer.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    page.screenshot(path=str(shots / "report-answer.png"))
    page.locator(f'li.answers a.go[href="#q-{x.id}"]').first.click()
    assert page.evaluate("location.hash") == f"#q-{x.id}"

    claim = page.locator("mark.l-claim").first
    before = claim.evaluate("e => getComputedStyle(e).backgroundColor")
    toggle = page.get_by_role("checkbox", name=re.compile("^Check-worthy claims"))
    toggle.focus()
    page.keyboard.press("Space")  # toggles are real checkboxes: the keyboard works
    assert not toggle.is_checked()
    assert page.evaluate("document.body.classList.contains('hide-claim')")
    after = claim.evaluate("e => getComputedStyle(e).backgroundColor")
    assert before != after and after in ("rgba(0, 0, 0, 0)", "transparent")
    toggle.click()
    assert claim.evaluate("e => getComputedStyle(e).backgroundColor") == before

    # a chart bar leads to its question
    page.locator("figure.chart svg a").first.click()
    assert page.evaluate("location.hash").startswith("#q-")
    page.emulate_media(media="print")  # the layer key is printed to explain the marks; controls are not
    assert page.locator("fieldset.layers").is_visible()
    assert not page.locator("fieldset.layers input").first.is_visible()
    assert not page.locator("a.go").first.is_visible()
    page.emulate_media(media="screen")


def test_phone_width_no_sideways_scroll_and_link_targets_stay_visible(
    browser: Browser, server: str, tmp_path: Path
) -> None:
    report = tmp_path / "seed.html"
    write_html(labeled(), report)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    for url in (report.as_uri(), server + "/interviews", server + "/claims", server + "/speakers"):
        pg.goto(url)
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), url
    pg.goto(report.as_uri())
    pg.locator("a.go").first.click()
    target = pg.evaluate("location.hash")
    top = pg.evaluate("h => document.querySelector(h).getBoundingClientRect().top", target)
    panel = pg.evaluate("document.querySelector('fieldset.layers').getBoundingClientRect()")
    assert top >= 0 and not (panel["top"] <= top < panel["bottom"])  # the layer panel does not cover it
    context.close()


def test_keyboard_skip_link(page: Page, tmp_path: Path) -> None:
    report = tmp_path / "r.html"
    write_html(structure_only(), report)
    page.goto(report.as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_hostile_report_does_not_execute(page: Page, tmp_path: Path, shots: Path) -> None:
    doc = labeled(structure_only(HOSTILE))
    doc.metadata.title = '<script>window.__pwned="title"</script><img src=x onerror="window.__pwned=9">'
    report = tmp_path / "hostile.html"
    write_html(doc, report)
    page.goto(report.as_uri())
    for mark in page.locator("li.turn p.text").all():
        mark.hover()
    page.mouse.move(5, 5)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "<script>window.__pwned=1</script>" in page.locator("main").inner_text()
    assert page.locator("img").count() == 0
    page.screenshot(path=str(shots / "report-hostile.png"), full_page=True)


def test_app_upload_search_speaker(page: Page, server: str, shots: Path) -> None:
    page.goto(server + "/")
    page.screenshot(path=str(shots / "app-home.png"))
    page.set_input_files("input#file", str(seed_path()))
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_url("**/interviews/*")
    assert page.locator("h1").count() == 1
    assert page.locator("li.turn").count() > 5
    page.screenshot(path=str(shots / "app-report.png"))

    page.get_by_role("searchbox", name="Search the corpus").fill("Turkish")
    page.get_by_role("searchbox", name="Search the corpus").press("Enter")
    page.wait_for_url("**/search?q=Turkish*")
    hits = page.locator("li.hit")
    assert hits.count() > 0
    page.screenshot(path=str(shots / "app-search.png"))

    speaker = page.locator("li.hit .where a[href^='/speakers/']").first
    name = speaker.inner_text()
    speaker.click()
    page.wait_for_url("**/speakers/**")
    assert page.locator("h1").inner_text() == name
    page.screenshot(path=str(shots / "app-speaker.png"), full_page=False)

    # filters narrow the results
    page.goto(server + "/search?q=ground&kind=turn&role=interviewee")
    assert all(w.inner_text().startswith("turn") for w in page.locator("li.hit .where").all())


def test_upload_form_shows_it_is_busy_and_sends_once(page: Page, server: str) -> None:
    posts: list[str] = []

    def hold(route: Any) -> None:  # "204 No Content": the browser stays on the page, still busy
        posts.append(route.request.method)
        route.fulfill(status=204)

    page.route("**/interviews", hold)
    page.goto(server + "/")
    page.fill("textarea#text", "Q: Will you run?\n\nA: Yes.\n")
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_function("document.querySelector('form.upload').getAttribute('aria-busy') === 'true'")
    assert page.get_by_role("button", name="Analyse").is_disabled()
    assert "Analysing the transcript" in page.locator("form.upload .busy").inner_text()
    page.evaluate("document.querySelector('form.upload').requestSubmit()")  # a second try is not sent
    page.wait_for_timeout(300)
    assert posts == ["POST"]


def test_app_hostile_paste_does_not_execute(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.fill("textarea#text", HOSTILE)
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_url("**/interviews/*")
    page.locator("li.turn p.text").first.hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "window.__pwned=1" in page.locator("main").inner_text()
    page.goto(server + "/search?q=" + "%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E")
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_api_docs_render_without_internet(page: Page, server: str) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(server + "/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "onrecord" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 5  # the endpoints are listed
    assert all(u.startswith(server) for u in requested), [u for u in requested if not u.startswith(server)]


def test_app_error_page(page: Page, server: str) -> None:
    response = page.goto(server + "/interviews/424242")
    assert response is not None and response.status == 404
    assert page.get_by_role("alert").inner_text().startswith("No interview")


AXE = os.environ.get("ONRECORD_AXE_JS", "")


@pytest.mark.skipif(
    not AXE or not Path(AXE).is_file(),
    reason="axe-core not found: npm install axe-core and set ONRECORD_AXE_JS to its axe.min.js",
)
def test_accessibility_audit(browser: Browser, server: str, tmp_path: Path) -> None:
    """axe-core (WCAG 2.1 A/AA and best practices) finds nothing on the report and the app's pages."""
    report = tmp_path / "seed.html"
    write_html(labeled(), report)
    script = Path(AXE).read_text(encoding="utf-8")
    urls = [
        report.as_uri(),
        server + "/",
        server + "/interviews",
        server + "/search?q=ground",
        server + "/speakers",
        server + "/claims",
        server + "/api",
        server + "/no/such/page",
    ]
    context = browser.new_context(bypass_csp=True)  # to inject axe; the pages' own policy is tested elsewhere
    pg = context.new_page()
    problems = []
    for url in urls:
        pg.goto(url)
        pg.add_script_tag(content=script)
        result = pg.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']})"
        )
        problems += [(url, v["id"], v["help"], len(v["nodes"])) for v in result["violations"]]
    context.close()
    assert not problems, problems
