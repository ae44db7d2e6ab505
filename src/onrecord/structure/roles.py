"""Who speaks in each turn, and in what role.

Evidence is weighed in this order: what the layout itself says ("Q.",
"MODERATOR"), what the header says (the interviewee's name), then what the
turns say — questioners ask ("?"), address the other side ("sir",
"Mr. President", "you") and speak briefly; interviewees answer at length.
Alternation is only the fallback for anonymous layouts, never the evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from onrecord.document import Role
from onrecord.readers.base import RawTurn
from onrecord.structure.names import ParsedLabel, parse_label, surname_key

_ADDRESS = re.compile(
    r"\b(sir|madam|ma'am|mr\.? president|madam president|madame president|mr\.? prime minister|your excellency|"
    r"mr\.? secretary|senator|governor)\b",
    re.I,
)
_YOU = re.compile(r"\b(you|your|yourself)\b", re.I)


@dataclass
class Speaker:
    """One person (or one anonymous voice) across the turns of an interview."""

    key: str
    name: str | None
    role: Role | None = None
    aliases: set[str] = field(default_factory=set)
    descriptor: str | None = None
    turns: list[int] = field(default_factory=list)


def _question_score(texts: list[str]) -> float:
    """How much a set of turns sounds like the one asking."""
    if not texts:
        return 0.0
    score = 0.0
    for t in texts:
        words = max(1, len(t.split()))
        score += 1.0 if "?" in t else 0.0
        score += 0.5 if _ADDRESS.search(t) else 0.0
        score += min(1.0, 10 * len(_YOU.findall(t)) / words) * 0.5
        score -= min(1.0, words / 300)
    return score / len(texts)


def resolve(
    turns: list[RawTurn], text: str, interviewee: str | None, interviewee_title: str | None, is_debate: bool
) -> tuple[list[Speaker], list[str]]:
    """Group turns into speakers and give every speaker a role.

    Returns the speakers and, per turn, the key of its speaker.
    """
    speakers: dict[str, Speaker] = {}
    turn_keys: list[str] = []
    parsed: dict[str, ParsedLabel] = {}
    target_key = surname_key(interviewee) if interviewee else None

    for i, turn in enumerate(turns):
        if turn.speaker is None:
            key = f"voice{turn.voice if turn.voice is not None else 0}"
            name = None
            hint = turn.role_hint
            raw = None
        else:
            raw = turn.speaker
            p = parsed.setdefault(raw, parse_label(raw))
            hint = turn.role_hint or p.role_hint  # type: ignore[assignment]
            if p.key is None:
                # "REPORTER (Sky Sports)" and "REPORTER (BBC Radio Westshire)" are two people: which outlet
                # asked is the point of the aside
                aside = f":{p.descriptor.lower()}" if p.descriptor else ""
                key = f"anon:{hint or raw.lower()}{aside}"
                name = None
            else:
                key = p.key
                name = p.name
            # "THE PRESIDENT" in a transcript headed "interview with President X" is X.
            if (
                p.key in {"president", "vice president", "prime minister"}
                and interviewee
                and target_key
                and interviewee_title
                and interviewee_title.lower().startswith(p.key.split()[0])
            ):
                key, name = target_key, interviewee
        sp = speakers.get(key)
        if sp is None:
            sp = speakers[key] = Speaker(key=key, name=name)
        elif name and (sp.name is None or len(name) > len(sp.name)):
            sp.name = name
        if raw:
            sp.aliases.add(raw.strip().rstrip(":."))
            if sp.descriptor is None and raw in parsed:
                sp.descriptor = parsed[raw].descriptor
        if hint and sp.role is None:
            sp.role = hint
        sp.turns.append(i)
        turn_keys.append(key)

    if target_key and target_key in speakers:
        sp = speakers[target_key]
        sp.role = sp.role or "interviewee"
        if interviewee and (sp.name is None or len(interviewee) > len(sp.name)):
            sp.name = interviewee
    _assign_roles_by_content(speakers, turns, text, is_debate)
    if interviewee:
        # an unnamed answering voice: a dash transcript's, or a magazine's "A:"
        voices = [s for s in speakers.values() if s.key.startswith(("voice", "anon:")) and s.role == "interviewee"]
        if len(voices) == 1 and voices[0].name is None:
            voices[0].name = interviewee
    return list(speakers.values()), turn_keys


def _assign_roles_by_content(speakers: dict[str, Speaker], turns: list[RawTurn], text: str, is_debate: bool) -> None:
    undecided = [s for s in speakers.values() if s.role is None]
    if not undecided:
        return
    scores = {s.key: _question_score([text[turns[i].start : turns[i].end] for i in s.turns]) for s in speakers.values()}
    has_asker = any(s.role in {"interviewer", "moderator"} for s in speakers.values())
    has_answerer = any(s.role == "interviewee" for s in speakers.values())
    if len(speakers) == 2 and len(undecided) == 2:
        a, b = undecided
        asker, answerer = (a, b) if scores[a.key] >= scores[b.key] else (b, a)
        asker.role, answerer.role = "interviewer", "interviewee"
        return
    if len(undecided) == 1:
        s = undecided[0]
        if has_asker and not has_answerer:
            s.role = "interviewee"
        elif has_answerer and not has_asker:
            s.role = "moderator" if is_debate else "interviewer"
        else:
            s.role = "interviewer" if scores[s.key] > 0.4 else "interviewee"
        return
    # Many speakers: a debate or panel.  Those who mostly ask are questioners; in a debate the one who
    # speaks first opens it and is its moderator (the panelists who ask more come later).
    best = max(undecided, key=lambda s: scores[s.key])
    askers = [s for s in undecided if scores[s.key] > 0.3 or (s is best and not has_asker)]
    opener = min(askers, key=lambda s: s.turns[0]) if askers else None  # every speaker has a turn
    for s in undecided:
        if s in askers:
            s.role = "moderator" if is_debate and s is opener and not has_asker else "interviewer"
        elif is_debate and s.turns == [0]:
            s.role = "other"  # opens the debate and never speaks again: the host organisation's introduction
        else:
            s.role = "interviewee"


def participants_order(speakers: list[Speaker]) -> list[Speaker]:
    order: dict[str, int] = {"interviewer": 0, "moderator": 1, "interviewee": 2, "audience": 3, "other": 4}
    return sorted(speakers, key=lambda s: (order.get(s.role or "other", 5), min(s.turns) if s.turns else 0))


def group_by_role(speakers: list[Speaker]) -> dict[str, list[Speaker]]:
    out: dict[str, list[Speaker]] = defaultdict(list)
    for s in speakers:
        out[s.role or "other"].append(s)
    return out
