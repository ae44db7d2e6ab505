"""The HTML report: structure, links, layers, escaping, self-containment."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from render_support import HOSTILE, labeled, seed_path, structure_only

from onrecord.cli import main
from onrecord.document import Claim, Interview, Span, Stance
from onrecord.render.html import MarkSpan, build_view, mark_text, render_html, safe_id, write_html

VOID = {"meta", "br", "input", "img", "line", "rect", "link", "hr", "wbr", "col", "source", "area", "base", "embed"}


class Tree(HTMLParser):
    """Parses a page, checking that elements nest, and collects what the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.errors: list[str] = []
        self._raw: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if a.get("href"):
            self.hrefs.append(str(a["href"]))
        if tag in ("script", "style"):
            self._raw = tag
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw == "script":
            self.scripts.append(data)
        elif self._raw == "style":
            self.styles.append(data)
        else:
            self.text.append(data)


def parse(page: str) -> Tree:
    t = Tree()
    t.feed(page)
    t.close()
    assert not t.errors, t.errors[:5]
    assert t.stack == [], t.stack
    return t


@pytest.fixture(scope="module")
def seed_page() -> tuple[Interview, str, Tree]:
    doc = labeled()
    page = render_html(doc)
    return doc, page, parse(page)


def test_report_has_landmarks_header_and_participants(seed_page: tuple[Interview, str, Tree]) -> None:
    doc, page, tree = seed_page
    tags = [t for t, _ in tree.tags]
    for landmark in ("header", "main", "footer", "section", "article", "h1", "h2", "fieldset", "legend", "svg"):
        assert landmark in tags, landmark
    assert '<html lang="en">' in page
    assert html.escape(doc.metadata.title or "", quote=False) in page
    for p in doc.metadata.participants:
        if p.name:
            assert html.escape(p.name) in page
    assert tags.count("h1") == 1


def test_every_question_links_to_its_answer_and_back(seed_page: tuple[Interview, str, Tree]) -> None:
    doc, _, tree = seed_page
    ids = set(tree.ids)
    assert len(ids) == len(tree.ids), "duplicate ids"
    for x in doc.exchanges:
        q = safe_id("q", x.id)
        assert q in ids
        assert f"#{q}" in tree.hrefs
        if x.answer is not None:
            a = safe_id("a", x.id)
            assert a in ids and f"#{a}" in tree.hrefs
    # every in-page link lands somewhere
    for href in tree.hrefs:
        assert href.startswith("#"), href
        assert href[1:] in ids, href


def test_summary_counts_and_lists(seed_page: tuple[Interview, str, Tree]) -> None:
    doc, page, _ = seed_page
    view = build_view(doc)
    asked = [x for x in doc.exchanges if x.asked_by != "interviewee"]
    counts = {name: n for name, n, _ in view.counts}
    assert counts["Questions asked"] == len(asked)
    assert counts.get("Asked by the interviewee", 0) == len(doc.exchanges) - len(asked)
    assert counts["Answered"] + counts["Ambivalent"] + counts["Not answered"] == len(asked)
    assert dict(view.evasions).get("Deflection", 0) > 0 and "Explicit" not in dict(view.evasions)
    assert view.pushbacks == sum(1 for x in asked if x.pushback)
    assert [c.text for c in view.top_claims] == [c.text for c in sorted(doc.claims, key=lambda c: -c.score)][:5]
    assert {s.kind for s in view.stances} == {"denial", "accusation"}
    assert all(s.href for s in view.stances)
    assert "Top check-worthy claims" in page and "Denials and accusations" in page
    assert "Evasion techniques used" in page


def test_chart_has_one_bar_per_question(seed_page: tuple[Interview, str, Tree]) -> None:
    doc, page, tree = seed_page
    bars = [a for t, a in tree.tags if t == "rect" and "bar" in (a.get("class") or "")]
    assert len(bars) == sum(1 for x in doc.exchanges if x.asked_by != "interviewee")
    assert {"clr-clear", "clr-ambivalent", "clr-nonreply"} <= {c for b in bars for c in (b.get("class") or "").split()}
    assert "<title" in page.split("<svg", 1)[1]
    assert all(float(b["x"] or 0) + float(b["width"] or 0) <= 600 for b in bars)


def test_chart_without_labels_shows_answer_length() -> None:
    doc = structure_only()
    doc.exchanges[0].asked_by = "interviewee"  # not counted as a question asked
    view = build_view(doc)
    assert view.chart is not None and not view.labeled
    assert len(view.chart.bars) == sum(1 for x in doc.exchanges if x.asked_by != "interviewee")
    assert max(b.x + b.width for b in view.chart.bars) <= view.chart.width
    assert len({b.height for b in view.chart.bars}) > 3  # heights follow the answers' lengths
    assert "How long each answer was" in render_html(doc)


def test_layers_are_labelled_checkboxes(seed_page: tuple[Interview, str, Tree]) -> None:
    _, page, tree = seed_page
    boxes = [a for t, a in tree.tags if t == "input" and a.get("type") == "checkbox"]
    layers = {b.get("data-layer") for b in boxes}
    assert {"claim", "number", "denial", "accusation", "evidence"} <= layers
    # each checkbox sits inside a <label>
    assert len(re.findall(r'<label class="toggle"><input type="checkbox"', page)) == len(boxes)
    for layer in ("claim", "number", "denial", "accusation", "evidence"):
        assert f'class="m l-{layer}' in page, layer


def test_clarity_chips_link_to_highlighted_evidence(seed_page: tuple[Interview, str, Tree]) -> None:
    doc, page, tree = seed_page
    x = doc.exchanges[0]
    assert x.clarity is not None
    key = safe_id("ev", x.id, "clarity", 0)
    assert key in tree.ids
    assert re.search(rf'<a class="chip clr-\w+" href="#{key}"', page)
    assert "how the answer opens" in page
    weak_doc = doc.model_copy(deep=True)  # the fixture is shared: change a copy
    assert weak_doc.exchanges[0].clarity is not None
    weak_doc.exchanges[0].clarity.confidence = 0.31  # a weak label says so in words, not only in its number
    weak = render_html(weak_doc)
    assert re.search(r'class="chip clr-\w+ unsure"[^>]*>[^<]*<span class="conf">[^<]*· unsure</span>', weak)
    sure = all(lab.confidence >= 0.4 for e in doc.exchanges for lab in (e.clarity, e.evasion) if lab)
    assert not sure or "· unsure" not in page
    boxes = re.findall(r'<details class="why">(.*?)</details>', page, re.S)
    assert boxes
    for box in boxes:  # clarity and evasion share their sentences: each is listed once
        items = re.findall(r"<li>(.*?)</li>", box, re.S)
        texts = [re.sub(r"<[^>]+>", "", i).split("”:")[0] for i in items]
        assert items and len(texts) == len(set(texts)), items


def test_transcript_text_is_kept_whole(seed_page: tuple[Interview, str, Tree]) -> None:
    doc, page, _ = seed_page
    for t in doc.turns:
        body = re.search(
            rf'<li class="turn[^"]*" id="{safe_id("turn", t.id)}">.*?<p class="text">(.*?)</p>', page, re.S
        )
        assert body, t.id
        text = html.unescape(re.sub(r"<[^>]+>", "", body.group(1)))
        assert text.replace(" (interrupted)", "") == doc.text[t.start : t.end]


def test_self_contained_with_hash_pinned_csp(seed_page: tuple[Interview, str, Tree]) -> None:
    _, page, tree = seed_page
    assert len(tree.scripts) == 1 and len(tree.styles) == 1
    for tag, attrs in tree.tags:
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
        for name in ("src", "href", "action"):
            value = attrs.get(name) or ""
            assert not re.match(r"(https?:)?//", value), value
    assert "@media print" in tree.styles[0]
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp
    policy = html.unescape(csp.group(1))
    assert "default-src 'none'" in policy

    def digest(s: str) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()

    assert f"'{digest(tree.scripts[0])}'" in policy
    assert f"'{digest(tree.styles[0])}'" in policy


def test_hostile_transcript_renders_as_text() -> None:
    doc = structure_only(HOSTILE)
    doc.metadata.title = '<script>window.__pwned="title"</script>'
    doc.metadata.outlet = '" onfocus="window.__pwned=7'
    page = render_html(labeled(doc))
    tree = parse(page)
    assert len(tree.scripts) == 1 and "__pwned" not in tree.scripts[0]
    for tag, attrs in tree.tags:
        assert tag != "img"
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert "__pwned" not in (value or "") or name in ("title", "aria-label"), (tag, name, value)
    text = "".join(tree.text)
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=3">' in text
    assert "{{ 7*7 }}" in text and "{% raw %}" in text


def test_structure_only_document_degrades_gracefully() -> None:
    page = render_html(structure_only())
    parse(page)
    assert "No answer-clarity labels" in page
    assert "No claims in this document" in page
    assert "No denials or accusations" in page
    assert "disabled" in page  # empty layers cannot be toggled


def test_minimal_document() -> None:
    doc = Interview(text="", layout="none")
    page = render_html(doc)
    parse(page)
    assert "Untitled interview" in page


def test_spans_out_of_range_are_ignored() -> None:
    doc = labeled(structure_only())
    doc.stances.append(
        Stance(
            kind="denial",
            span=Span(start=len(doc.text) + 5, end=len(doc.text) + 50, text="x"),
            target=None,
            speaker=None,
        )
    )
    doc.stances.append(Stance(kind="denial", span=Span(start=40, end=10, text="x"), target=None, speaker=None))
    parse(render_html(doc))


def test_write_html_and_cli(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    write_html(structure_only(), out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    cli_out = tmp_path / "cli.html"
    result = CliRunner().invoke(main, ["analyze", str(seed_path()), "--structure-only", "--html", str(cli_out)])
    assert result.exit_code == 0, result.output
    parse(cli_out.read_text(encoding="utf-8"))


# ------------------------------------------------------------ nested marks


def _strip(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_overlapping_spans_nest_and_split() -> None:
    text = "alpha beta gamma delta"
    spans = [MarkSpan(0, 10, "claim", "c1"), MarkSpan(6, 16, "denial", "s1"), MarkSpan(6, 10, "number", "n1")]
    out = str(mark_text(text, 0, len(text), spans))
    parse(out)
    assert _strip(out) == text
    assert out.count('id="s1"') == 1 and out.count('data-span="s1"') == 2  # split into two fragments
    assert out.startswith('<mark class="m l-claim" data-span="c1"')


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n")), min_size=1, max_size=40),
    raw=st.lists(
        st.tuples(st.integers(-5, 45), st.integers(-5, 45), st.sampled_from(["claim", "number", "denial"])), max_size=8
    ),
)
def test_any_spans_give_balanced_escaped_markup(text: str, raw: list[tuple[int, int, str]]) -> None:
    spans = [MarkSpan(a, b, layer, f"k{i}") for i, (a, b, layer) in enumerate(raw)]
    emitted: set[str] = set()
    out = str(mark_text(text, 0, len(text), spans, emitted))
    parse(out)
    assert _strip(out) == text
    assert "<" not in re.sub(r'<mark [^>]*>|</mark>|<span class="nl">\n</span>', "", out)
    for s in spans:
        if max(s.start, 0) < min(s.end, len(text)):
            assert s.key in emitted


def test_ids_stay_unique_when_analyzer_ids_collide() -> None:
    doc = structure_only()
    t = doc.turns[1]
    for cid in ("c 1", "c_1", "c/1"):
        doc.claims.append(
            Claim(
                id=cid,
                turn=t.id,
                start=t.start,
                end=t.start + 10,
                text=doc.text[t.start : t.start + 10],
                score=0.5,
                type="other",
                speaker=t.speaker,
                holder=None,
            )
        )
    tree = parse(render_html(doc))
    assert len(tree.ids) == len(set(tree.ids))
    assert {"c-c_1", "c-c_1-2", "c-c_1-3"} <= set(tree.ids)


def test_stance_targets_are_named() -> None:
    doc = labeled()
    doc.stances[0].target = doc.claims[1].id
    page = render_html(doc)
    assert "the claim “" + html.escape(doc.claims[1].text[:40], quote=False) in page
    doc.stances[0].target = "Z9"  # unknown ids are shown as they are
    assert "→ Z9" in render_html(doc)
