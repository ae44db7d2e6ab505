"""Markdown rendering: the transcript with its exchanges, for notes and wikis."""

from __future__ import annotations

from onrecord.document import Interview


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*").replace("_", "\\_")


def to_markdown(doc: Interview) -> str:
    md = doc.metadata
    out = [f"# {_escape(md.title or 'Interview')}", ""]
    for key, value in (("Outlet", md.outlet), ("Program", md.program), ("Date", md.date or md.date_text)):
        if value:
            out.append(f"- **{key}:** {_escape(value)}")
    for p in md.participants:
        out.append(f"- **{p.role.capitalize()}:** {_escape(p.name or 'unnamed')}")
    out += ["", "## Exchanges", ""]
    for x in doc.exchanges:
        labels = []
        if x.clarity:
            labels.append(f"{x.clarity.label} ({x.clarity.confidence:.2f})")
        if x.evasion:
            labels.append(x.evasion.label)
        if x.pushback:
            labels.append("pushback")
        suffix = f" — _{'; '.join(labels)}_" if labels else ""
        out.append(f"{x.id}. **Q ({x.question.turn}):** {_escape(x.question.text)}{suffix}")
        if x.answer:
            out.append(f"   **A ({x.answer.turn}):** {_escape(x.answer.text[:300])}{'…' if len(x.answer.text) > 300 else ''}")
        out.append("")
    out += ["## Transcript", ""]
    for t in doc.turns:
        who = t.speaker or t.role
        out.append(f"**{_escape(who)}** ({t.role}): {_escape(t.text)}")
        out.append("")
    if doc.claims:
        out += ["## Check-worthy claims", ""]
        for c in sorted(doc.claims, key=lambda c: -c.score):
            out.append(f"- {c.score:.2f} [{c.type}] {_escape(c.speaker or 'unnamed')}: {_escape(c.text)}")
    return "\n".join(out) + "\n"
