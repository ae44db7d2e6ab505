"""The HTML report: one self-contained page per interview.

``render_html(doc)`` returns a complete document with its CSS and JavaScript
inline (no network needed to open it) and a Content-Security-Policy that
allows only those two inline blocks, by hash.  Templates are Jinja2 with
autoescaping on; the transcript is cut into nested ``<mark>`` elements from
span offsets (overlaps are split into fragments, see :func:`mark_text`), and
every character and attribute value taken from the input is escaped.

The web app (:mod:`onrecord.web`) renders its pages with the same environment,
stylesheet and script, so one policy covers both.
"""

from __future__ import annotations

import base64
import hashlib
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import accumulate, pairwise
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from onrecord import __version__
from onrecord.document import Exchange, Interview, Label, Turn

# ---------------------------------------------------------------- nested marks

#: nesting priority when two spans cover exactly the same stretch (lower = outer)
LAYER_RANK: dict[str, int] = {
    "answer": 0,
    "question": 1,
    "attribution": 2,
    "claim": 3,
    "denial": 4,
    "accusation": 5,
    "confirmation": 6,
    "evidence": 7,
    "number": 8,
}

_ID_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def safe_id(*parts: str | int) -> str:
    """An HTML id / URL fragment built only of ``[A-Za-z0-9_-]``."""
    return "-".join(_ID_SAFE.sub("_", str(p)) for p in parts)


@dataclass(frozen=True)
class MarkSpan:
    """One span to mark: ``[start, end)`` in the document text."""

    start: int
    end: int
    layer: str
    key: str
    """Unique per span; also its HTML id (on the first fragment) when ``anchor``."""
    title: str = ""
    classes: tuple[str, ...] = ()
    anchor: bool = True
    data: Mapping[str, str] = field(default_factory=dict)

    def sort_key(self) -> tuple[int, int, int, str]:
        return (self.start, -self.end, LAYER_RANK.get(self.layer, 99), self.key)


def _open_tag(span: MarkSpan, first: bool) -> str:
    classes = " ".join(["m", f"l-{span.layer}", *span.classes])
    attrs = [f'class="{escape(classes)}"', f'data-span="{escape(span.key)}"', f'data-layer="{escape(span.layer)}"']
    if first and span.anchor:
        attrs.append(f'id="{escape(span.key)}"')
    if span.title:
        attrs.append(f'title="{escape(span.title)}"')
    for name, value in span.data.items():
        attrs.append(f'data-{_ID_SAFE.sub("", name)}="{escape(value)}"')
    return "<mark " + " ".join(attrs) + ">"


def mark_text(text: str, lo: int, hi: int, spans: Iterable[MarkSpan], emitted: set[str] | None = None) -> Markup:
    """Escape ``text[lo:hi]`` with ``spans`` (clipped to the range) as nested marks.

    ``emitted`` collects the keys of spans that got an element (and so an id),
    so that links elsewhere in the page point only at anchors that exist.
    """
    lo, hi = max(0, lo), min(len(text), hi)
    if hi <= lo:
        return Markup("")
    inside = sorted(
        (s for s in spans if s.end > lo and s.start < hi and min(s.end, hi) > max(s.start, lo)),
        key=MarkSpan.sort_key,
    )
    clipped = [(max(s.start, lo), min(s.end, hi), s) for s in inside]
    cuts = sorted({lo, hi, *(a for a, _, _ in clipped), *(b for _, b, _ in clipped)})
    out: list[str] = []
    stack: list[MarkSpan] = []
    seen: set[str] = set()
    # a sweep: spans are sorted by start, so those opening at a cut join the end of the
    # active list in order, and the list stays sorted outermost-first
    active: list[MarkSpan] = []
    ends: dict[int, int] = {}
    nxt = 0
    for a, b in pairwise(cuts):
        active = [s for s in active if ends[id(s)] > a]
        while nxt < len(clipped) and clipped[nxt][0] <= a:
            _, sb, s = clipped[nxt]
            if sb > a:
                ends[id(s)] = sb
                active.append(s)
            nxt += 1
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        out.extend("</mark>" for _ in stack[keep:])
        del stack[keep:]
        for s in active[keep:]:
            out.append(_open_tag(s, s.key not in seen))
            seen.add(s.key)
            stack.append(s)
        out.append(_unwrapped(text[a:b]))
    out.extend("</mark>" for _ in stack)
    if emitted is not None:
        emitted.update(seen)
    return Markup("".join(out))


_LONE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


def _unwrapped(piece: str) -> str:
    """Escaped text in which a single line break (a hard wrap inside a paragraph, as in White
    House transcripts) is shown as a space, while staying in the text for copying and search;
    a blank line still separates paragraphs."""
    parts = _LONE_NEWLINE.split(piece)
    return '<span class="nl">\n</span>'.join(str(escape(x)) for x in parts)


# ------------------------------------------------------------- shared assets

CLARITY_CLASS: dict[str, str] = {
    "Clear Reply": "clear",
    "Ambivalent": "ambivalent",
    "Clear Non-Reply": "nonreply",
}
CLARITY_ORDER: tuple[str, ...] = ("Clear Reply", "Ambivalent", "Clear Non-Reply")

#: the toggleable layers, in the order the toggles are shown
LAYERS: tuple[tuple[str, str], ...] = (
    ("question", "Questions"),
    ("evidence", "Clarity evidence"),
    ("claim", "Check-worthy claims"),
    ("number", "Numbers"),
    ("denial", "Denials"),
    ("accusation", "Accusations"),
    ("confirmation", "Confirmations"),
    ("attribution", "Reported speech"),
)


@dataclass(frozen=True)
class Assets:
    css: Markup
    js: Markup
    css_hash: str
    js_hash: str

    def csp(self, *, page: bool = False) -> str:
        """The policy: nothing loads or runs but our own inline style and script."""
        policy = (
            f"default-src 'none'; style-src '{self.css_hash}'; script-src '{self.js_hash}'; "
            "img-src data:; base-uri 'none'"
        )
        # form-action and frame-ancestors are ignored in <meta>; the app sends them as a header
        return policy + ("; form-action 'self'; frame-ancestors 'none'" if page else "; form-action 'none'")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def assets() -> Assets:
    base = resources.files("onrecord.render") / "templates" / "static"
    css = (base / "report.css").read_text(encoding="utf-8")
    js = (base / "report.js").read_text(encoding="utf-8")
    # the files are ours, not input: they go into <style>/<script> verbatim
    return Assets(Markup(css), Markup(js), _sha256(css), _sha256(js))


def _fmt_conf(value: float) -> str:
    return f"{value:.2f}"


def _clarity_class(label: str | None) -> str:
    return CLARITY_CLASS.get(label or "", "unlabeled")


@cache
def environment() -> Environment:
    """The one Jinja2 environment of the report and the app (autoescape always on)."""
    env = Environment(
        loader=PackageLoader("onrecord.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["conf"] = _fmt_conf
    env.filters["clarity_class"] = _clarity_class
    env.filters["short"] = short
    env.filters["highlight"] = highlight
    env.globals["version"] = __version__
    env.globals["assets"] = assets
    return env


def highlight(text: str, query: str, n: int = 300) -> Markup:
    """A window of ``text`` around the first query word, with query words in ``<mark>`` (all escaped)."""
    text = " ".join(text.split())
    words = sorted({w for w in re.findall(r"\w+", query.lower()) if len(w) > 1}, key=len, reverse=True)
    if not words:
        return escape(short(text, n))
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\w*", re.I)
    first = pattern.search(text)
    start = 0
    if first and first.start() > n // 3 and len(text) > n:
        start = max(0, min(first.start() - n // 3, len(text) - n))
        start = text.find(" ", start) + 1 or start
    window = text[start : start + n]
    out = [Markup("…")] if start else []
    pos = 0
    for m in pattern.finditer(window):
        out.append(escape(window[pos : m.start()]))
        out.append(Markup("<mark>") + escape(m.group(0)) + Markup("</mark>"))
        pos = m.end()
    out.append(escape(window[pos:]))
    if start + n < len(text):
        out.append(Markup("…"))
    return Markup("").join(out)


def short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# ------------------------------------------------------------------ the view


@dataclass
class ChipView:
    label: str
    css: str
    confidence: float
    href: str | None
    reasons: list[tuple[str, str, str | None]]
    """(evidence text, reason, anchor or None)"""


@dataclass
class ExchangeView:
    id: str
    anchor_q: str
    anchor_a: str | None
    question: str
    answer_turn: str | None
    question_turn: str
    clarity: ChipView | None
    evasion: ChipView | None
    pushback: bool
    pushback_href: str | None
    follow_up_of: str | None
    follow_href: str | None
    asked_by: str
    index: int
    answer_words: int


@dataclass
class TurnView:
    id: str
    speaker: str
    role: str
    body: Markup
    asks: list[ExchangeView] = field(default_factory=list)
    answers: list[ExchangeView] = field(default_factory=list)
    time: str | None = None
    interrupted: bool = False


@dataclass
class ItemView:
    """A row of the summary lists (claims, stances): text, who, and where it is."""

    text: str
    who: str
    kind: str
    detail: str
    href: str | None


@dataclass
class BarView:
    x: float
    y: float
    width: float
    height: float
    css: str
    href: str
    title: str
    pushback: bool


@dataclass
class ChartView:
    width: int
    height: int
    baseline: float
    bars: list[BarView]


@dataclass
class ReportView:
    title: str
    facts: list[tuple[str, str]]
    participants: list[tuple[str, str, str | None]]
    turns: list[TurnView]
    exchanges: list[ExchangeView]
    counts: list[tuple[str, int, str]]
    evasions: list[tuple[str, int]]
    pushbacks: int
    follow_ups: int
    top_claims: list[ItemView]
    stances: list[ItemView]
    numbers: int
    layers: list[tuple[str, str, int]]
    chart: ChartView | None
    outside: list[tuple[str, str]]
    analyzers: list[tuple[str, str]]
    labeled: bool


def _speaker(turn: Turn) -> str:
    return turn.speaker or turn.role.capitalize()


def _time(turn: Turn) -> str | None:
    if turn.time_start is None:
        return None
    s = int(turn.time_start)
    return f"{s // 3600:d}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:d}:{s % 60:02d}"


def _valid(doc: Interview, start: int, end: int) -> bool:
    return 0 <= start < end <= len(doc.text)


def target_name(doc: Interview, target: str | None) -> str | None:
    """What a stance's target id stands for: a claim ("c3"), an entity ("E5") or reported speech ("A1")."""
    if not target:
        return None
    for c in doc.claims:
        if c.id == target:
            return f"the claim “{short(c.text, 80)}”"
    for e in doc.entities:
        if e.id == target:
            return e.name
    for a in doc.attributions:
        if a.id == target:
            return f"what {a.holder or 'someone'} said (“{short(a.content.text, 60)}”)"
    return target


def collect_spans(doc: Interview, claim_keys: dict[int, str] | None = None) -> list[MarkSpan]:
    """Every span the report marks, with the key that is also its anchor."""
    spans: list[MarkSpan] = []

    used: set[str] = set()

    def add(start: int, end: int, layer: str, key: str, title: str, classes: tuple[str, ...] = ()) -> str | None:
        if not _valid(doc, start, end):
            return None
        if key in used:  # ids that differ only in characters safe_id replaces
            n = 2
            while f"{key}-{n}" in used:
                n += 1
            key = f"{key}-{n}"
        used.add(key)
        spans.append(MarkSpan(start, end, layer, key, title=title, classes=classes))
        return key

    for x in doc.exchanges:
        add(x.question.start, x.question.end, "question", safe_id("q", x.id), title=f"Question {x.id}")
        if x.answer is not None:
            add(x.answer.start, x.answer.end, "answer", safe_id("a", x.id), title=f"Answer to question {x.id}")
        for name, lab in (("clarity", x.clarity), ("evasion", x.evasion)):
            if lab is None:
                continue
            for i, ev in enumerate(lab.evidence):
                add(
                    ev.start,
                    ev.end,
                    "evidence",
                    safe_id("ev", x.id, name, i),
                    title=f"{lab.label} ({x.id}): {ev.reason}",
                    classes=(f"clr-{_clarity_class(x.clarity.label if x.clarity else None)}",),
                )
        if x.pushback_evidence is not None:
            pe = x.pushback_evidence
            add(
                pe.start,
                pe.end,
                "evidence",
                safe_id("pb", x.id),
                title=f"Pushback on question {x.id}",
                classes=("pushback",),
            )
    for ci, c in enumerate(doc.claims):
        key = add(
            c.start, c.end, "claim", safe_id("c", c.id), title=f"Claim ({c.type}, check-worthiness {c.score:.2f})"
        )
        if key is not None and claim_keys is not None:
            claim_keys[ci] = key
    for i, n in enumerate(doc.numbers):
        bits = [
            b for b in (n.qualifier, None if n.value is None else f"{n.value:g}", n.unit, n.counts, n.normalized) if b
        ]
        add(n.start, n.end, "number", safe_id("n", i), title="Number: " + " ".join(bits))
    for i, s in enumerate(doc.stances):
        target = target_name(doc, s.target)
        title = s.kind.capitalize() + (f" of {target}" if target and s.kind != "accusation" else "")
        if s.kind == "accusation" and target:
            title += f" against {target}"
        if s.rule:
            title += f" (rule {s.rule})"
        add(s.span.start, s.span.end, s.kind, safe_id("s", i), title=title)
    for i, a in enumerate(doc.attributions):
        add(a.start, a.end, "attribution", safe_id("r", i), title=f"Reported speech of {a.holder or 'someone unnamed'}")
    return spans


def _chip(ex: Exchange, lab: Label, kind: str, emitted: set[str]) -> ChipView:
    reasons: list[tuple[str, str, str | None]] = []
    first: str | None = None
    for i, ev in enumerate(lab.evidence):
        key = safe_id("ev", ex.id, kind, i)
        href = f"#{key}" if key in emitted else None
        first = first or href
        reasons.append((short(ev.text, 120), ev.reason, href))
    css = _clarity_class(lab.label) if kind == "clarity" else _clarity_class(ex.clarity.label if ex.clarity else None)
    return ChipView(lab.label, css, lab.confidence, first, reasons)


def _chart(exs: Sequence[ExchangeView], labeled: bool) -> ChartView | None:
    """Bars in question order: height by clarity when labelled, else by the answer's length."""
    if not exs:
        return None
    width, height, top = 600, 120, 14
    step = width / len(exs)
    bars: list[BarView] = []
    baseline = height - 6.0
    usable = baseline - top
    longest = max((e.answer_words for e in exs), default=0) or 1
    for pos, e in enumerate(exs):
        lab = e.clarity
        if labeled:
            level = {"clear": 1.0, "ambivalent": 0.6, "nonreply": 0.25}.get(lab.css if lab else "", 0.08)
        else:
            level = e.answer_words / longest
        h = max(3.0, usable * level)
        title = f"{e.id}: {lab.label if lab else 'not labelled'}"
        if lab:
            title += f" ({lab.confidence:.2f})"
        if e.evasion and e.evasion.label != "Explicit":
            title += f", {e.evasion.label}"
        if e.pushback:
            title += ", pushback"
        title += f", {e.answer_words}-word answer" if e.answer_turn else ", no answer"
        title += f" — {short(e.question, 90)}"
        bars.append(
            BarView(
                round(pos * step + step * 0.12, 2),
                round(baseline - h, 2),
                round(max(step * 0.76, 1.0), 2),
                round(h, 2),
                lab.css if lab else "unlabeled",
                f"#{e.anchor_q}",
                title,
                e.pushback,
            )
        )
    return ChartView(width, height, baseline, bars)


def build_view(doc: Interview) -> ReportView:
    """Everything the template shows, computed once; the template only lays it out."""
    md = doc.metadata
    claim_keys: dict[int, str] = {}
    spans = collect_spans(doc, claim_keys)
    by_turn: dict[str, list[MarkSpan]] = {}
    bounds = sorted((t.start, t.end, t.id) for t in doc.turns)
    firsts = [b[0] for b in bounds]
    reach = list(accumulate((b[1] for b in bounds), max))  # furthest end among turns so far
    for s in spans:
        # turns overlapping s start before s.end; walk back while an earlier turn can still reach s
        i = bisect_left(firsts, s.end) - 1
        while i >= 0 and reach[i] > s.start:
            ts, te, tid = bounds[i]
            if s.start < te and s.end > ts:
                by_turn.setdefault(tid, []).append(s)
            i -= 1
    emitted: set[str] = set()
    bodies = {t.id: mark_text(doc.text, t.start, t.end, by_turn.get(t.id, ()), emitted) for t in doc.turns}

    exchanges: list[ExchangeView] = []
    for i, x in enumerate(doc.exchanges):
        qa, aa = safe_id("q", x.id), safe_id("a", x.id)
        pb = safe_id("pb", x.id)
        exchanges.append(
            ExchangeView(
                id=x.id,
                anchor_q=qa if qa in emitted else safe_id("turn", x.question.turn),
                anchor_a=(aa if aa in emitted else safe_id("turn", x.answer.turn)) if x.answer else None,
                question=x.question.text,
                answer_turn=x.answer.turn if x.answer else None,
                question_turn=x.question.turn,
                clarity=_chip(x, x.clarity, "clarity", emitted) if x.clarity else None,
                evasion=_chip(x, x.evasion, "evasion", emitted) if x.evasion else None,
                pushback=x.pushback,
                pushback_href=f"#{pb}" if pb in emitted else None,
                follow_up_of=x.follow_up_of,
                follow_href=f"#{safe_id('q', x.follow_up_of)}"
                if x.follow_up_of and safe_id("q", x.follow_up_of) in emitted
                else None,
                asked_by=x.asked_by,
                index=i,
                answer_words=len(x.answer.text.split()) if x.answer else 0,
            )
        )
    asks_of: dict[str, list[ExchangeView]] = {}
    answers_of: dict[str, list[ExchangeView]] = {}
    for e in exchanges:
        asks_of.setdefault(e.question_turn, []).append(e)
        if e.answer_turn is not None:
            answers_of.setdefault(e.answer_turn, []).append(e)
    turns: list[TurnView] = []
    for t in doc.turns:
        tv = TurnView(
            safe_id("turn", t.id), _speaker(t), t.role, bodies[t.id], time=_time(t), interrupted=t.interrupted
        )
        tv.asks = asks_of.get(t.id, [])
        tv.answers = answers_of.get(t.id, [])
        turns.append(tv)

    asked = [e for e in exchanges if e.asked_by != "interviewee"]
    clar = Counter(e.clarity.label for e in asked if e.clarity)
    counts = [("Questions asked", len(asked), "asked")]
    if len(asked) < len(exchanges):  # so that the counts add up to the questions marked in the text
        counts.append(("Asked by the interviewee", len(exchanges) - len(asked), "asked"))
    names = {"Clear Reply": "Answered", "Ambivalent": "Ambivalent", "Clear Non-Reply": "Not answered"}
    labeled = bool(clar)
    if labeled:
        counts += [(names[k], clar.get(k, 0), CLARITY_CLASS[k]) for k in CLARITY_ORDER]
        other = sum(n for k, n in clar.items() if k not in names)
        unl = sum(1 for e in asked if not e.clarity)
        if other:
            counts.append(("Other labels", other, "unlabeled"))
        if unl:
            counts.append(("Not labelled", unl, "unlabeled"))
    evasions = Counter(e.evasion.label for e in asked if e.evasion and e.evasion.label != "Explicit").most_common()

    def href(key: str) -> str | None:
        return f"#{key}" if key in emitted else None

    top = sorted(range(len(doc.claims)), key=lambda n: -doc.claims[n].score)[:5]
    top_claims = [
        ItemView(c.text, c.speaker or c.holder or "unnamed", c.type, f"{c.score:.2f}", href(claim_keys.get(n, "")))
        for n in top
        for c in (doc.claims[n],)
    ]
    stances = [
        ItemView(s.span.text, s.speaker or "unnamed", s.kind, target_name(doc, s.target) or "", href(safe_id("s", i)))
        for i, s in enumerate(doc.stances)
        if s.kind in ("denial", "accusation")
    ]
    layer_counts = Counter(s.layer for s in spans)
    facts = [
        (k, v)
        for k, v in (
            ("Outlet", md.outlet),
            ("Program", md.program),
            ("Date", md.date or md.date_text),
            ("Source", md.source if md.source and not md.source.startswith("/") else None),
            ("Transcript layout", doc.layout),
            ("Decoded as", f"{md.encoding} (guessed from the bytes)" if md.encoding_guessed else None),
        )
        if v
    ]
    outside = [(b.kind, b.text) for b in doc.boilerplate] + [(n.kind, n.text) for n in doc.notes]
    outside += [("unattributed", u.text) for u in doc.unattributed]
    return ReportView(
        title=md.title or "Untitled interview",
        facts=facts,
        participants=[(p.name or "name not given", p.role, p.description) for p in md.participants],
        turns=turns,
        exchanges=exchanges,
        counts=counts,
        evasions=evasions,
        pushbacks=sum(1 for e in asked if e.pushback),
        follow_ups=sum(1 for e in asked if e.follow_up_of),
        top_claims=top_claims,
        stances=stances,
        numbers=len(doc.numbers),
        layers=[(key, name, layer_counts.get(key, 0)) for key, name in LAYERS],
        chart=_chart(asked, labeled),
        outside=outside,
        analyzers=sorted(doc.analyzers.items()),
        labeled=labeled,
    )


@dataclass(frozen=True)
class Chrome:
    """What the web app adds around a report: navigation links and page actions."""

    nav: Sequence[tuple[str, str]] = ()
    actions: Mapping[str, str] = field(default_factory=dict)


def render_html(doc: Interview, *, chrome: Chrome | None = None) -> str:
    """The report of ``doc`` as one self-contained HTML document."""
    view = build_view(doc)
    return (
        environment()
        .get_template("report.html.j2")
        .render(r=view, chrome=chrome or Chrome(), standalone=chrome is None, csp=assets().csp(page=chrome is not None))
    )


def write_html(doc: Interview, path: str | Path) -> None:
    """Write :func:`render_html` to ``path`` (UTF-8)."""
    Path(path).write_text(render_html(doc), encoding="utf-8")


__all__ = [
    "Chrome",
    "MarkSpan",
    "assets",
    "build_view",
    "environment",
    "mark_text",
    "render_html",
    "safe_id",
    "write_html",
]
