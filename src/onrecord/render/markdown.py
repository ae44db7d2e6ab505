"""Markdown rendering: the interview's record for notes and wikis.

Sections: metadata and participants, a summary (answers, evasion techniques,
pushback), the exchanges with their labels and the evidence for them,
check-worthy claims, numbers, denials / accusations / confirmations, and the
transcript.  Sections whose analyzers did not run are left out.  Text from the
transcript is escaped so that it cannot open links, images, HTML or emphasis.
"""

from __future__ import annotations

import re
from collections import Counter

from onrecord.document import Exchange, Interview, Label
from onrecord.render.html import target_name

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _escape(text: str) -> str:
    """Inline-safe Markdown: specials backslashed, HTML brackets as entities, one line."""
    text = _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    # at the start of a line, these would make a heading, a list item or a rule
    return re.sub(r"^(\s*)([-+=#]|\d+\.)", r"\1\\\2", text)


def _one_line(text: str, n: int | None = None) -> str:
    text = " ".join(text.split())
    if n is not None and len(text) > n:
        text = text[: n - 1] + "…"
    return _escape(text)


def _label(lab: Label) -> str:
    return f"{_escape(lab.label)} ({lab.confidence:.2f})"


def _evidence(x: Exchange) -> list[str]:
    out: list[str] = []
    for lab in (x.clarity, x.evasion):
        if lab is None:
            continue
        for ev in lab.evidence:
            out.append(
                f"   - evidence for _{_escape(lab.label)}_: “{_one_line(ev.text, 200)}” — {_one_line(ev.reason)}"
            )
    if x.pushback_evidence is not None:
        out.append(f"   - pushback: “{_one_line(x.pushback_evidence.text, 200)}”")
    return out


def to_markdown(doc: Interview) -> str:
    md = doc.metadata
    out = [f"# {_one_line(md.title or 'Interview')}", ""]
    for key, value in (("Outlet", md.outlet), ("Program", md.program), ("Date", md.date or md.date_text)):
        if value:
            out.append(f"- **{key}:** {_one_line(value)}")
    for p in md.participants:
        desc = f", {_one_line(p.description)}" if p.description else ""
        out.append(f"- **{p.role.capitalize()}:** {_one_line(p.name or 'unnamed')}{desc}")

    asked = [x for x in doc.exchanges if x.asked_by != "interviewee"]
    out += ["", "## Summary", ""]
    out.append(f"- **Questions asked:** {len(asked)} ({sum(1 for x in asked if x.follow_up_of)} follow-ups)")
    clar = Counter(x.clarity.label for x in asked if x.clarity)
    if clar:
        names = (("Clear Reply", "answered"), ("Ambivalent", "ambivalent"), ("Clear Non-Reply", "not answered"))
        out.append("- **Answers:** " + ", ".join(f"{clar.get(k, 0)} {v}" for k, v in names))
    evasions = Counter(x.evasion.label for x in asked if x.evasion and x.evasion.label != "Explicit")
    if evasions:
        out.append("- **Evasion techniques:** " + ", ".join(f"{_escape(k)} ×{n}" for k, n in evasions.most_common()))
    out.append(f"- **Met with pushback:** {sum(1 for x in asked if x.pushback)}")
    if doc.claims:
        out.append(f"- **Check-worthy claims:** {len(doc.claims)}")
    if doc.stances:
        kinds = Counter(s.kind for s in doc.stances)
        out.append("- **Stances:** " + ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in sorted(kinds.items())))

    out += ["", "## Exchanges", ""]
    for x in doc.exchanges:
        labels = []
        if x.clarity:
            labels.append(_label(x.clarity))
        if x.evasion and x.evasion.label != "Explicit":
            labels.append(_label(x.evasion))
        if x.pushback:
            labels.append("pushback")
        if x.follow_up_of:
            labels.append(f"follows {_escape(x.follow_up_of)}")
        suffix = f" — _{'; '.join(labels)}_" if labels else ""
        out.append(f"{_escape(x.id)}. **Q ({_escape(x.question.turn)}):** {_one_line(x.question.text)}{suffix}  ")
        if x.answer:
            out.append(f"   **A ({_escape(x.answer.turn)}):** {_one_line(x.answer.text, 300)}")
        else:
            out.append("   _no answer_")
        out += _evidence(x)
        out.append("")

    if doc.claims:
        out += ["## Check-worthy claims", ""]
        for c in sorted(doc.claims, key=lambda c: -c.score):
            holder = f" (reporting {_one_line(c.holder)})" if c.holder and c.holder != c.speaker else ""
            out.append(
                f"- {c.score:.2f} [{_escape(c.type)}] **{_one_line(c.speaker or 'unnamed')}**{holder}: "
                f"{_one_line(c.text)}"
            )
        out.append("")
    if doc.numbers:
        out += [
            "## Numbers",
            "",
            "| number | value | unit | of | qualifier | normalized |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for n in doc.numbers:
            value = "" if n.value is None else f"{n.value:g}"
            cells = [n.text, value, n.unit or "", n.counts or "", n.qualifier or "", n.normalized or ""]
            out.append("| " + " | ".join(_one_line(c) for c in cells) + " |")
        out.append("")
    if doc.stances:
        out += ["## Denials, accusations and confirmations", ""]
        for s in doc.stances:
            name = target_name(doc, s.target)
            target = f" → {_one_line(name)}" if name else ""
            out.append(
                f"- **{s.kind}** by {_one_line(s.speaker or 'unnamed')}{target}: “{_one_line(s.span.text, 200)}”"
            )
        out.append("")

    out += ["## Transcript", ""]
    for t in doc.turns:
        who = t.speaker or t.role
        paragraphs = [p for p in doc.text[t.start : t.end].split("\n") if p.strip()] or [t.text]
        out.append(f"**{_one_line(who)}** ({t.role}): {_one_line(paragraphs[0])}")
        out += ["", *(f"{_one_line(p)}\n" for p in paragraphs[1:])] if len(paragraphs) > 1 else [""]
    return "\n".join(out).rstrip("\n") + "\n"
