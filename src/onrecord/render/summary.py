"""The readable terminal summary that ``onrecord analyze`` prints by default."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.markup import escape

from onrecord.document import Interview


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


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
    console.print(
        f"{len(doc.turns)} turns ({', '.join(f'{n} {r}' for r, n in roles.items())}); "
        f"{len(asked)} questions, {sum(1 for x in asked if x.answer)} answered turns, "
        f"{sum(1 for x in asked if x.follow_up_of)} follow-ups, "
        f"{sum(1 for x in asked if x.pushback)} met with pushback",
        highlight=False,
    )
    if any(x.clarity for x in doc.exchanges):
        clar = Counter(x.clarity.label for x in doc.exchanges if x.clarity)
        ev = Counter(x.evasion.label for x in doc.exchanges if x.evasion and x.evasion.label != "Explicit")
        console.print("clarity: " + ", ".join(f"{n} {k}" for k, n in clar.most_common()), highlight=False)
        if ev:
            console.print("evasion: " + ", ".join(f"{n} {k}" for k, n in ev.most_common()), highlight=False)

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
        console.print(f"    Q: {escape(_short(x.question.text, 150))}", highlight=False)
        answer = escape(_short(x.answer.text, 150)) if x.answer else "[dim](no answer)[/dim]"
        console.print(f"    A: {answer}", highlight=False)
    if doc.claims:
        console.print("[bold]Most check-worthy claims[/bold]")
        for c in sorted(doc.claims, key=lambda c: -c.score)[:5]:
            console.print(
                f"  {c.score:.2f} \\[{c.type}] {escape(c.speaker or 'unnamed')}: {escape(_short(c.text, 110))}",
                highlight=False,
            )
    if doc.stances:
        kinds = Counter(s.kind for s in doc.stances)
        console.print("stances: " + ", ".join(f"{n} {k}" for k, n in kinds.items()), highlight=False)
