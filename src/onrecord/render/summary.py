"""The readable terminal summary that ``onrecord analyze`` prints by default."""

from __future__ import annotations

import textwrap
from collections import Counter

from rich.console import Console
from rich.markup import escape

from onrecord.document import Exchange, Interview


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _indented(console: Console, text: str, style: str | None = None, indent: int = 4, hang: int = 0) -> None:
    """Plain ``text`` wrapped to the terminal by whole words, every line ``indent`` spaces in (continuation
    lines ``hang`` more): Rich's own wrapping leaves a blank at the end of each wrapped line."""
    width = max(console.width, 44) - indent
    lines = textwrap.wrap(text, width=width, subsequent_indent=" " * hang) or [""]
    for line in lines:
        console.print(" " * indent + escape(line), style=style, soft_wrap=True, highlight=False)


def _why(x: Exchange) -> str | None:
    """The first piece of evidence for the label a reader sees first: the fine label's when it is shown."""
    label = x.evasion if x.evasion and x.evasion.label != "Explicit" and x.evasion.evidence else x.clarity
    if label is None or not label.evidence:
        return None
    ev = label.evidence[0]
    return f"why: {ev.reason}: “{_short(ev.text, 110)}”"


def print_summary(doc: Interview, console: Console) -> None:
    md = doc.metadata
    console.print(f"[bold]{escape(md.title or 'Untitled interview')}[/bold]", highlight=False)
    facts = [
        ("outlet", md.outlet),
        ("program", md.program),
        ("date", md.date or md.date_text),
        ("layout", doc.layout),
    ]
    console.print("  ".join(f"[dim]{k}:[/dim] {escape(v)}" for k, v in facts if v), highlight=False)
    people = ", ".join(f"{escape(p.name or 'unnamed')} ({p.role})" for p in md.participants)
    console.print(f"[dim]participants:[/dim] {people}", highlight=False)
    if md.encoding_guessed:
        console.print(
            f"[yellow]decoded as {escape(md.encoding or '?')}, a guess from the bytes: "
            "check accented letters against the original[/yellow]",
            highlight=False,
        )
    roles = Counter(t.role for t in doc.turns)
    asked = [x for x in doc.exchanges if x.asked_by != "interviewee"]
    _indented(
        console,
        f"{_n(len(doc.turns), 'turn')} ({', '.join(f'{n} {r}' for r, n in roles.items())}); "
        f"{_n(len(asked), 'question')}: {sum(1 for x in asked if x.answer)} with a reply (answered or not: see "
        f"clarity), {_n(sum(1 for x in asked if x.follow_up_of), 'follow-up')}, "
        f"{sum(1 for x in asked if x.pushback)} met with pushback",
        indent=0,
    )
    if any(x.clarity for x in doc.exchanges):
        clar = Counter(x.clarity.label for x in doc.exchanges if x.clarity)
        ev = Counter(x.evasion.label for x in doc.exchanges if x.evasion and x.evasion.label != "Explicit")
        _indented(console, "clarity: " + ", ".join(f"{n} {k}" for k, n in clar.most_common()), indent=0)
        if ev:
            _indented(console, "evasion: " + ", ".join(f"{n} {k}" for k, n in ev.most_common()), indent=0)
        _indented(
            console,
            "The percentage after a label is the model's confidence in it; 'why' quotes the words behind the "
            "label (--format json or markdown gives all of them).",
            style="dim",
            indent=0,
        )

    # One block per exchange rather than a table: questions are long, and a
    # four-column table on an 80-column terminal wraps every cell into a tower.
    console.print()
    for x in doc.exchanges:
        tag = []
        if x.clarity:
            tag.append(f"[bold]{x.clarity.label}[/bold] {x.clarity.confidence:.0%}")
        if x.evasion and x.evasion.label != "Explicit":
            tag.append(x.evasion.label)
        if x.pushback:
            tag.append("[red]pushback[/red]")
        if x.follow_up_of:
            tag.append(f"follows {x.follow_up_of}")
        if x.asked_by == "interviewee":
            tag.append("asked by the interviewee")
        elif x.answer is not None and x.clarity is None and "clarity" in doc.analyzers:
            tag.append("[dim]not labelled (a hand-over of the floor, or answered by a questioner)[/dim]")
        console.print(f"[cyan]{x.id}[/cyan]  " + " · ".join(tag), highlight=False)
        _indented(console, f"Q: {_short(x.question.text, 150)}")
        _indented(console, f"A: {_short(x.answer.text, 150) if x.answer else '(no answer)'}")
        why = _why(x)
        if why:
            _indented(console, why, style="dim")
    if doc.claims:
        console.print("[bold]Most check-worthy claims[/bold]")
        for c in sorted(doc.claims, key=lambda c: -c.score)[:5]:
            _indented(
                console, f"{c.score:.2f} [{c.type}] {c.speaker or 'unnamed'}: {_short(c.text, 110)}", indent=2, hang=5
            )
    if doc.stances:
        kinds = Counter(s.kind for s in doc.stances)
        console.print("stances: " + ", ".join(f"{n} {k}" for k, n in kinds.items()), highlight=False)
