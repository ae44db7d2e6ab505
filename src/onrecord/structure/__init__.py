"""The structure stage: from a reader's raw turns to a typed document.

It is the one place where roles, names, questions and exchanges are decided,
so every layout gets the same logic and the same tests.
"""

from __future__ import annotations

import re

from onrecord.document import QUESTION_ROLES, Interview, LabeledSpan, Metadata, Participant, Span, Turn
from onrecord.readers.base import ReadResult
from onrecord.readers.common import DATELINE, NUMBERED_VOICE, all_caps, front_matter
from onrecord.structure import metadata as meta
from onrecord.structure.exchanges import build_exchanges, is_interrupted
from onrecord.structure.names import parse_label
from onrecord.structure.roles import Speaker, participants_order, resolve

VERSION = "1.0"
#: a label of two or three capitals, perhaps initials: "JD", "JS"
_INITIALS = re.compile(r"[A-Z]{2,3}")
#: "# Title" in a Markdown page: the markers are not part of the title
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+")


def _title_of(header: str) -> str | None:
    """The header's first line, with the lines that continue it when a title in capitals was
    wrapped ("PRESIDENT BARACK OBAMA AND FORMER GOV. MITT ROMNEY / PARTICIPATE IN A CANDIDATES
    DEBATE, ..."); a line in another case, or one holding a date, is not part of the title."""
    para = header.strip().split("\n\n", 1)[0] if header.strip() else ""
    lines = [ln.strip() for ln in para.splitlines() if ln.strip()]
    if not lines:
        return None
    title = [_MARKDOWN_HEADING.sub("", lines[0]) or lines[0]]
    for ln in lines[1:4]:
        if not (all_caps(title[-1]) and all_caps(ln)) or meta.find_date(ln)[1] is not None:
            break
        title.append(ln)
    return " ".join(title)


#: a line under the piece that dates it: "Published: 21.06.2022 | 09:15", "Zagora, 14 November 2023"
_PUBLISHED_LINE = re.compile(
    rf"[ \t]*(?:(?:publication date|published|posted|date)\b|{DATELINE}[ \t]*$)", re.IGNORECASE
)
#: speaker labels that name a role held by one person, whose own words may name them
_ROLE_NAMES = {"moderator", "host", "anchor", "presenter"}
#: role labels a header's cast list may name: "Host: Rachel Kim", "Guest: Tom Hughes, economist"
_LEGEND_ROLES = _ROLE_NAMES | {
    "guest",
    "interviewer",
    "interviewee",
    "reporter",
    "correspondent",
    "caller",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "interpreter",
}
#: the candidates a debate's title names: "The First Reagan-Mondale Presidential Debate"
_MATCHUP = re.compile(r"\b([A-Z][a-z]+)-([A-Z][a-z]+)\b")


def build(result: ReadResult, source_name: str = "<input>") -> Interview:
    text = result.text
    header = text[result.header[0] : result.header[1]] if result.header else ""
    # a Markdown export's YAML front matter ("title:", "date:", "publication:") says what the page is,
    # whichever reader read the turns; its lines are not the title (a reader that read it already,
    # and set it aside as "front_matter", has put its fields in result.metadata)
    read_already = any(kind == "front_matter" for _, _, kind in result.boilerplate)
    fm_end, front = (0, {}) if read_already else front_matter(text)
    md = {**front, **result.metadata}
    if fm_end and result.header and result.header[0] < fm_end:
        header = text[fm_end : result.header[1]]
    title = md.get("title") or _title_of(header)
    date_iso, date_text = (None, None)
    if md.get("date"):
        date_text = md["date"]
        date_iso = meta.normalise_date(md["date"])
    if date_iso is None:
        found_iso, found_text = meta.find_date(header)
        if found_iso is None:  # some sites print the date only under the piece: "Published: 21.06.2022"
            # (only a line that says so, or a dateline: a "Related news" list's dates are other articles')
            trailer = "\n".join(
                line
                for s, e, kind in result.boilerplate
                if kind == "trailer"
                for line in text[s:e].splitlines()
                if _PUBLISHED_LINE.match(line)
            )
            found_iso, in_trailer = meta.find_date(trailer)
            found_text = found_text or in_trailer
        date_iso = date_iso or found_iso
        date_text = date_text if date_text and date_iso else (found_text or date_text)
    # the title and the header, once each: a title that is the header's first line would otherwise run into
    # it ("... Ilham Aliyev Al Jazeera's interview with ...")
    context = header if title and title in header else " ".join(x for x in (title or "", header) if x)
    outlet = md.get("outlet") or meta.find_outlet(context) or meta.outlet_of_url(md.get("source"))
    program = md.get("program") or meta.find_program(context)
    interviewee, interviewee_title = meta.find_interviewee(context, text[result.header[1] :] if result.header else text)
    is_debate = bool(re.search(r"\bdebate\b", context, re.I))

    _self_introduced_askers(result)
    speakers, keys = resolve(result.turns, text, interviewee, interviewee_title, is_debate)
    _names_and_roles_from_context(speakers, result, header, is_debate)
    by_key = {s.key: s for s in speakers}
    turns: list[Turn] = []
    for i, (raw, key) in enumerate(zip(result.turns, keys, strict=True)):
        sp = by_key[key]
        label = None
        if raw.label_start is not None and raw.label_end is not None:
            label = Span(start=raw.label_start, end=raw.label_end, text=text[raw.label_start : raw.label_end])
        body = text[raw.start : raw.end]
        turns.append(
            Turn(
                id=f"t{i + 1}",
                speaker=sp.name,
                role=sp.role or "other",
                text=body,
                start=raw.start,
                end=raw.end,
                label=label,
                time_start=raw.time_start,
                time_end=raw.time_end,
                interrupted=is_interrupted(body),
            )
        )
    participants = [
        Participant(
            name=s.name,
            role=s.role or "other",
            aliases=sorted(a for a in s.aliases if a != s.name),
            description=(interviewee_title if s.name == interviewee and interviewee_title else s.descriptor),
        )
        for s in participants_order(speakers)
    ]
    doc = Interview(
        text=text,
        layout=result.layout,
        source_format=result.source_format,
        metadata=Metadata(
            title=title,
            date=date_iso,
            date_text=date_text,
            outlet=outlet,
            program=program,
            participants=participants,
            source=md.get("source") or (None if source_name.startswith("<") else source_name),
        ),
        turns=turns,
        boilerplate=[LabeledSpan(start=s, end=e, text=text[s:e], kind=k) for s, e, k in result.boilerplate],
        unattributed=[Span(start=s, end=e, text=text[s:e]) for s, e in result.unattributed],
        notes=[LabeledSpan(start=s, end=e, text=text[s:e], kind=k) for s, e, k in result.notes],
    )
    doc.exchanges = build_exchanges(doc.turns, text)
    doc.analyzers["structure"] = VERSION
    return doc


#: where reporters in a room ask, not the page's author
_MANY_ASK = re.compile(
    r"\b(?:press conference|news conference|briefing|presser|live (?:updates|blog)|town hall|forum|gaggle|doorstop|"
    r"scrum|stakeout|media availability|questions from (?:reporters|journalists|the press|readers|listeners|viewers|"
    r"the audience)|readers?['’]? questions|your questions|ask me anything|q&a session|press availability|"
    r"phone-in|call-in|callers|editorial board|roundtable|round table|panel discussion)\b",
    re.I,
)


#: labels every reporter at a briefing shares ("Q", "Question:", "REPORTER:")
_GENERIC_ASKERS = frozenset(["q", "question", "reporter", "journalist", "correspondent", "audience member", "press"])
#: a reporter's own name and outlet opening the question: "Katrin Vogel, ZDF.", "Thank you. James Bays from Al
#: Jazeera:"
_SELF_INTRO = re.compile(
    r"(?:(?i:thank you|thanks|hi|hello|good (?:morning|afternoon|evening))(?:,? (?:[A-Z][\w'’-]+|sir|madam))?"
    r"[.,!]\s+)?(?P<name>[A-Z][a-z][\w'’-]*(?: [A-Z][a-z][\w'’-]*){1,2})(?:,| from| with)\s+"
    r"(?P<outlet>[A-Z][\w&'’-]*(?: (?:[A-Z&][\w&'’-]*|de|der|des|di|du|of|the)){0,4})\.\s"
)


def _self_introduced_askers(result: ReadResult) -> None:
    """A briefing's reporters labelled alike ("Question:") who give their name and outlet as they ask are
    those people ("Katrin Vogel (ZDF)"): which outlet asked what is the point of a briefing's record."""
    for raw in result.turns:
        if raw.speaker is None or raw.speaker.strip(" :.").lower() not in _GENERIC_ASKERS:
            continue
        m = _SELF_INTRO.match(result.text, raw.start, raw.end)
        if m is None or any(w.lower().strip(".") in meta.NOT_A_NAME for w in m.group("name").split()):
            continue
        if not meta.looks_like_outlet(m.group("outlet")):
            continue  # "Jens Stoltenberg, NATO.", "Emmanuel Macron, Sorbonne.": whom the question is about
        raw.role_hint = raw.role_hint or parse_label(raw.speaker).role_hint  # type: ignore[assignment]
        raw.speaker = f"{m.group('name')} ({m.group('outlet')})"


def _names_and_roles_from_context(speakers: list[Speaker], result: ReadResult, header: str, is_debate: bool) -> None:
    """What the labels alone do not say: the moderators a header lists, the name a "MODERATOR" gives
    themselves, and the full names ("ROMNEY:" is Mitt Romney) the header or a debate's opening turns give."""
    text = result.text

    def said(turn_index: int) -> str:
        raw = result.turns[turn_index]
        return text[raw.start : raw.end].strip()

    role_named = [sp for sp in speakers if sp.name and sp.name.lower() in _ROLE_NAMES]
    # a debate's opening turns announce the moderator ("Our moderator is Bill Moyers") and introduce the
    # candidates by full name ("Governor George W. Bush of Texas")
    opening = " ".join(text[t.start : t.end][:2000] for t in result.turns[:2]) if is_debate else ""
    moderators = (meta.moderator_surnames(header) | meta.announced_moderators(opening)) if is_debate else set()
    for sp in speakers:  # a listed or announced moderator asks questions like a panelist, but moderates
        if sp.role == "interviewer" and sp.name and sp.name.split()[-1].lower() in moderators:
            sp.role = "moderator"
    for sp in speakers:
        # "Speaker 1 (00:00:03):" in the turns, "Speaker 1: host Rachel Kim" in the header;
        # "JD:" in the turns, "Interviewer: Jane Doe" in the header
        initials = next((a for a in sp.aliases if _INITIALS.fullmatch(a)), None)
        if sp.name and (NUMBERED_VOICE.match(sp.name) or sp.name.lower() in _LEGEND_ROLES):
            who = meta.legend_name(header, sp.name)
        else:
            who = meta.name_with_initials(header, initials) if initials else None
        if who and sp.name:
            sp.aliases.add(sp.name)
            sp.name = who
    # "Question:" in a newspaper's interview of a president is the newspaper asking, not a room: with one
    # person answering, nobody else asking and no briefing or conference in the header, it interviews
    askers = [sp for sp in speakers if sp.role in QUESTION_ROLES]
    answering = [sp for sp in speakers if sp.role == "interviewee"]
    many_ask = _MANY_ASK.search(header) is not None
    if (
        len(askers) == 1
        and askers[0].role == "audience"
        and askers[0].name is None
        and len(answering) == 1
        and not many_ask
    ):
        askers[0].role = "interviewer"
    # "interviewed by Anna Petrova of Channel One": the one unnamed voice that asks is hers
    asked_by = meta.interviewer_in(header)
    if asked_by is None and not many_ask:  # a live blog's or a briefing's author asked nothing
        asked_by = meta.author_as_asker(result.metadata.get("author"), [sp.name for sp in answering if sp.name])
    askers = [sp for sp in speakers if sp.role == "interviewer"]
    if asked_by and len(askers) == 1 and askers[0].name is None:
        askers[0].name = asked_by
    for sp in role_named:  # "MODERATOR: Good evening ... I'm Jim Lehrer of the NewsHour": the label names a role
        who = meta.self_introduction(said(sp.turns[0])[:600])
        if who and sp.name:
            sp.aliases.add(sp.name)
            sp.name = who
    # "THE PRESIDENT:" in "The First Reagan-Mondale Presidential Debate" is the candidate no other label names
    if is_debate:
        titled = [sp for sp in speakers if sp.key in {"president", "vice president"}]
        others = {sp.name.split()[-1].lower() for sp in speakers if sp.name and sp not in titled}
        named = [n for pair in _MATCHUP.findall(header) for n in pair if n.lower() not in others]
        title_label = titled[0].name if len(titled) == 1 else None
        if title_label and len(set(named)) == 1:
            titled[0].aliases.add(title_label)
            titled[0].name = named[0]
    for sp in speakers:  # "ROMNEY:" in the turns, "FORMER GOV. MITT ROMNEY" in the header
        if sp.name and " " not in sp.name and (header or opening):
            full = meta.full_name_in(header, sp.name) or meta.full_name_in(opening, sp.name)
            if full:
                sp.aliases.add(sp.name)
                sp.name = full
