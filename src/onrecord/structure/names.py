"""Speaker labels into people: honorifics, descriptors and aliases.

Transcripts name one person many ways ("WALLACE", "CHRIS WALLACE",
"Chris Wallace:", "MR. WALLACE"); a record that counts what each person said
must see one identity.  The key is the surname once honorifics and
descriptors are stripped; the display name is the fullest form seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.readers.common import NUMBERED_VOICE, QUESTION_NUMBER

HONORIFICS = (
    # briefing officials' job and rank ("PRESS SECRETARY AIR FORCE MAJ. GEN. PAT RYDER"); longer first
    "deputy press secretary",
    "press secretary",
    # what may come before an office: "Federal Chancellor", "Foreign Minister", "Acting Director"
    "federal",
    "foreign",
    "deputy",
    "acting",
    "air force",
    "army",
    "navy",
    "marine corps",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "brig.",
    "maj.",
    "lt.",
    "col.",
    "capt.",
    "cmdr.",
    "adm.",
    "sgt.",
    "colonel",
    "captain",
    "lieutenant",
    "the vice president",
    "vice president",
    "the president",
    "president",
    "prime minister",
    "senator",
    "sen.",
    "governor",
    "gov.",
    "secretary",
    "ambassador",
    "general",
    "gen.",
    "admiral",
    "dr.",
    "dr",
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "miss",
    "rep.",
    "representative",
    "congressman",
    "congresswoman",
    "speaker",
    "chancellor",
    "minister",
    "king",
    "queen",
    "prince",
    "judge",
    "justice",
    "professor",
    "prof.",
    "rev.",
    "reverend",
    "mayor",
    "sir",
    "lord",
    "lady",
    "chairman",
    "chairwoman",
    "director",
    "colonel",
    "captain",
)
_HONORIFIC_RE = re.compile(r"^(?:(?:" + "|".join(re.escape(h) for h in HONORIFICS) + r")\s+)+", re.IGNORECASE)
_SUFFIX_RE = re.compile(r",?\s+(jr\.?|sr\.?|ii|iii|iv)$", re.IGNORECASE)
_PAREN_RE = re.compile(r"\s*[\(\[].*?[\)\]]\s*")

TITLE_ONLY = {
    "the president": "The President",
    "president": "The President",
    "the vice president": "The Vice President",
    "vice president": "The Vice President",
    "the first lady": "The First Lady",
    "the prime minister": "The Prime Minister",
    "prime minister": "The Prime Minister",
}
ANONYMOUS = {
    "q",
    "question",
    "questioner",
    "reporter",
    "audience member",
    "audience",
    "participant",
    "unidentified",
    "unidentified male",
    "unidentified person",
    "unidentified man",
    "unidentified woman",
    "unidentified speaker",
    "unidentified female",
    "male speaker",
    "female speaker",
    "unknown",
    "voice",
    "crosstalk",
    "a",
    "answer",
    "interviewer",
    "interviewee",
    "respondent",
}

_DESCRIPTOR_ROLES: tuple[tuple[re.Pattern[str], str], ...] = (
    # a press conference's media officer runs it the way a moderator runs a debate
    (re.compile(r"\b(?:moderator|media officer|press officer)\b", re.I), "moderator"),
    (re.compile(r"\b(audience|questioner|citizen|participant|caller|voter)\b", re.I), "audience"),
    (
        re.compile(r"\b(host|anchor|correspondent|interviewer|reporter|journalist|panelist|editor|co-?host)\b", re.I),
        "interviewer",
    ),
    (re.compile(r"\b(announcer|narrator|voice[- ]over|unidentified|crosstalk|video clip|commercial)\b", re.I), "other"),
)


#: labels of people who carry others' words: their asides are neither question nor answer
_GO_BETWEENS = frozenset(["interpreter", "translator", "the interpreter", "the translator"])

#: a person's name opening an aside: "Dave, Leeds", "Ruth Allen"
_NAMED_ASIDE = re.compile(r"([A-Z][a-z][\w'’-]*(?: [A-Z][a-z][\w'’-]*){0,2})(?:,|$)")
# "AUDIENCE QUESTION", "QUESTION FROM THE AUDIENCE", "STUDIO AUDIENCE MEMBER":
# a role written as a label, not a person.
_AUDIENCE_LABEL = re.compile(
    r"(?:an? |the )?(?:studio )?audience(?: member| question(?:er)?| participant)?|"
    r"question(?:er)? from (?:the )?(?:studio )?(?:audience|floor)",
    re.I,
)


_CONTINUING = re.compile(r"cont(?:inuing|inued|'?d|\.)?|off[- ]camera|via (?:telephone|phone|video)", re.I)


@dataclass(frozen=True)
class ParsedLabel:
    """A label as written, split into who and what they are."""

    raw: str
    name: str | None  # display form, e.g. "Chris Wallace"; None for anonymous labels
    key: str | None  # alias key: lower-case surname (or title for title-only labels)
    descriptor: str | None  # e.g. "CNN HOST", "MODERATOR"
    honorific: str | None
    role_hint: str | None


#: an all-capitals word with no vowel is an acronym, an outlet's as a rule ("CCTV:", "NBC NEWS"): no
#: surname is spelt so, and "Cctv" would read as a misprint; so are the agencies and broadcasters whose
#: acronyms have vowels, when they ask at a briefing ("AFP:")
_ACRONYM = re.compile(r"[B-DF-HJ-NP-TV-XZ]{3,6}")
_NOT_ACRONYMS = frozenset({"MRS", "SGT", "CPL", "CPT", "PVT", "LTC", "MSGT", "CMDR", "SSGT"})
_VOWEL_ACRONYMS = frozenset(
    [
        "AAP",
        "ABC",
        "AFP",
        "AP",
        "ARD",
        "DPA",
        "EPA",
        "IANS",
        "IRNA",
        "ITV",
        "KBS",
        "KCNA",
        "ORF",
        "PTI",
        "QNA",
        "RTE",
        "SABC",
        "TASS",
        "UPI",
        "WAFA",
        "YTN",
    ]
)


def is_outlet_acronym(word: str) -> bool:
    """An outlet's acronym: capitals with no vowel (ZDF, NHK, CNN) or a known agency's (AFP, TASS)."""
    return bool(_ACRONYM.fullmatch(word) and word not in _NOT_ACRONYMS) or word in _VOWEL_ACRONYMS


def smart_title(text: str) -> str:
    """Title-case an ALL-CAPS name without mangling McCain, O'Brien, initials or acronyms."""
    if not text.isupper():
        return text
    out = []
    for upper in text.split():
        word = upper.lower()
        if is_outlet_acronym(upper):
            out.append(upper)
            continue
        parts = []
        for part in re.split(r"([-'’])", word):
            if part.startswith("mc") and len(part) > 2:
                parts.append("Mc" + part[2:].capitalize())
            elif part in {"-", "'", "’"}:
                parts.append(part)
            else:
                parts.append(part.capitalize())
        out.append("".join(parts))
    return " ".join(out)


def parse_label(raw: str) -> ParsedLabel:
    label = raw.strip().rstrip(":.").strip()
    label = re.sub(r"\*+", "", label).strip()
    numbered = QUESTION_NUMBER.match(label) is not None  # a numbered question is a member's: they ask
    label = QUESTION_NUMBER.sub("", label)
    descriptor: str | None = None
    paren = _PAREN_RE.search(label)
    if paren:
        descriptor = paren.group().strip(" ()[]")
        label = _PAREN_RE.sub(" ", label).strip()
        if _CONTINUING.fullmatch(descriptor):
            descriptor = None  # "SIMPSON (continuing)" is the same speaker resuming
    if "," in label:
        label, _, desc = label.partition(",")
        descriptor = (desc.strip() + (" " + descriptor if descriptor else "")).strip() or descriptor
        label = label.strip()
    role_hint: str | None = None
    if label.lower() in _GO_BETWEENS:  # "INTERPRETER:" speaks for someone else ("(through interpreter)" does not)
        role_hint = "other"
    for pattern, role in () if role_hint else _DESCRIPTOR_ROLES:
        if (
            (descriptor and pattern.search(descriptor))
            or pattern.fullmatch(label.lower())
            or (role == "moderator" and pattern.search(label))
            or (role == "other" and pattern.match(label.lower()))  # "UNIDENTIFIED PERSON" (an archive clip)
        ):
            role_hint = role
            break
    if role_hint is None and numbered:
        role_hint = "interviewer"
    low = label.lower()
    audience_label = _AUDIENCE_LABEL.fullmatch(low) is not None
    caller = _NAMED_ASIDE.match(descriptor or "") if audience_label or role_hint == "audience" else None
    if caller and not any(pattern.search(caller.group(1)) for pattern, _ in _DESCRIPTOR_ROLES):
        # "CALLER (Dave, Leeds)", "AUDIENCE MEMBER (Ruth Allen)": the aside names who it is
        name = caller.group(1)
        return ParsedLabel(raw, name, name.lower(), descriptor, None, "audience")
    if audience_label:
        return ParsedLabel(raw, None, None, descriptor, None, "audience")
    if low in ANONYMOUS or not label:
        if low in {"q", "question", "questioner", "reporter", "interviewer"}:
            role_hint = role_hint or ("audience" if low == "questioner" else "interviewer")
        elif low in {"a", "answer", "respondent", "interviewee"}:
            role_hint = "interviewee"
        return ParsedLabel(raw, None, None, descriptor, None, role_hint)
    if NUMBERED_VOICE.match(label):  # "Speaker 1" is not Mr. 1
        return ParsedLabel(raw, smart_title(label), low, descriptor, None, role_hint)
    if low in TITLE_ONLY:
        return ParsedLabel(raw, TITLE_ONLY[low], low.removeprefix("the "), descriptor, TITLE_ONLY[low], role_hint)
    hon_match = _HONORIFIC_RE.match(label)
    honorific = hon_match.group().strip() if hon_match else None
    bare = _HONORIFIC_RE.sub("", label).strip()
    bare = _SUFFIX_RE.sub("", bare).strip() or label
    if role_hint is None and re.fullmatch(r"moderator", bare, re.I):
        role_hint = "moderator"
    name = smart_title(bare)
    tokens = [t for t in re.split(r"\s+", bare) if t]
    key = tokens[-1].lower().strip(".") if tokens else None
    return ParsedLabel(raw, name, key, descriptor, smart_title(honorific) if honorific else None, role_hint)


def surname_key(name: str) -> str:
    """Alias key for a name from a header or metadata ("President Ilham Aliyev" -> "aliyev")."""
    parsed = parse_label(name)
    return parsed.key or name.lower()
