"""A reporter's narration between the labelled turns of a broadcast package.

"60 Minutes"-style transcripts label what people say to camera ("Walter Penhaligon: Somebody has to be
here.") but print the correspondent's voice-over as plain paragraphs in between ("Penhaligon lives alone
in the keeper's cottage ...").  Read the usual way, an unlabelled paragraph continues the turn above, so
the narration would become the interviewee's own words, and its claims theirs.

A paragraph that opens with the previous speaker's own name as its subject is the sign: people do not
talk about themselves that way, narrators do.  To tell it from a speaker who says "Young people are
leaving" (Mr Young) or "Morales is a common name where we grew up", the sign paragraph must also speak
of them as "he" or "she", have no "I" or "we", and the labels must be names in Title Case, as CBS
prints them (a debate's "HOLLIS:" speaking of her company Hollis is not narrated).

Only in a transcript that shows that sign at least once are other unlabelled paragraphs weighed, and
then one counts as narration when it has no "I", "me" or "my" and speaks of someone in the third
person: the previous speaker by name, "he" or "she" opening it, or the person who speaks next, being
introduced ("Lieutenant Commander Anne Voss speaks for the Coast Guard.").  A turn stops where its
narration starts; the narration is left unattributed, because no
label says whose voice it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from onrecord.readers.assemble import Mark, blocks_in
from onrecord.readers.common import Block

_FIRST_PERSON_SINGULAR = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|me|my|mine|myself)\b")
_FIRST_PERSON_PLURAL = re.compile(r"\b(?:we|we're|we’re|we've|we’ve|our|ours|us)\b", re.IGNORECASE)
_THIRD_PERSON = re.compile(r"\b(?:he|she|his|her|him|hers)\b", re.IGNORECASE)
_HE_OR_SHE = re.compile(r"(?:He|She|His|Her)\s+[a-z]")
_TITLE = r"(?:(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+)?"
# label words that name a role, not a person: "HOST", "CORRESPONDENT (voice-over)"
_NOT_A_NAME = frozenset(
    ["host", "anchor", "moderator", "reporter", "correspondent", "narrator", "interviewer", "voice"]
)


def _surname(label: str | None) -> str | None:
    """The last word of a person's label, as prose writes it ("PENHALIGON" -> "Penhaligon")."""
    if not label:
        return None
    words: list[str] = re.findall(r"[A-Za-z][A-Za-z'’-]+", label.split(",")[0])
    if not words or words[-1].lower() in _NOT_A_NAME or len(words[-1]) < 3:
        return None
    last = words[-1]
    return last if not last.isupper() else last.capitalize()


def _as_subject(names: str) -> str:
    """A pattern for one of ``names`` (a regex alternation) as the subject of what follows: "Penhaligon
    lives alone", "Walter Penhaligon has", "Mr. Penhaligon's cottage"."""
    return rf"{_TITLE}(?:[A-Z][a-z]+\s+)?(?:{names})(?:'s|’s)?\s+[a-z]"


def _opens_with(paragraph: str, surname: str) -> bool:
    return re.match(_as_subject(re.escape(surname)), paragraph) is not None


def _mentions(paragraph: str, surname: str) -> bool:
    return re.search(rf"\b{re.escape(surname)}\b", paragraph) is not None


def _is_sign(paragraph: str, surname: str) -> bool:
    """ "Penhaligon lives alone in the keeper's cottage. His wife died in 2015.": the speaker's name as the
    subject, "he" or "she" about them, and no "I" or "we" (a speaker saying "Morales is a common name
    where we grew up", or "Young people are leaving", speaks for themselves)."""
    return (
        _opens_with(paragraph, surname)
        and not _FIRST_PERSON_SINGULAR.search(paragraph)
        and not _FIRST_PERSON_PLURAL.search(paragraph)
        and _THIRD_PERSON.search(paragraph) is not None
    )


def narration_starts(text: str, marks: Sequence[Mark], body_end: int) -> list[tuple[int, int]]:
    """Spans of the paragraphs where a labelled turn gives way to narration (see the module's docstring)."""
    # the style is CBS's: names in Title Case ("Walter Penhaligon:"); a debate's "HOLLIS:" speaking of her
    # company Hollis is not narrated
    names = {n for m in marks if m.speaker and not m.speaker.isupper() and (n := _surname(m.speaker))}
    if not names:
        return []
    # the sign, looked for in one pass before any paragraph is split: a line opening with a speaker's name
    opener = re.compile(rf"(?m)^[ \t]*{_as_subject('|'.join(map(re.escape, names)))}")
    if not opener.search(text, marks[0].end if marks else 0, body_end):
        return []
    regions: list[tuple[str | None, str | None, list[Block]]] = []
    for i, mark in enumerate(marks):
        if mark.speaker and mark.speaker.isupper():
            continue
        end = marks[i + 1].start if i + 1 < len(marks) else body_end
        paragraphs = blocks_in(text, mark.end, end)
        following = marks[i + 1].speaker if i + 1 < len(marks) else None
        regions.append((_surname(mark.speaker), _surname(following), paragraphs[1:]))
    if not any(name and any(_is_sign(p.text, name) for p in rest) for name, _, rest in regions):
        return []
    starts: list[tuple[int, int]] = []
    for name, following, rest in regions:
        for p in rest:
            if _FIRST_PERSON_SINGULAR.search(p.text):
                continue
            if (
                (name and (_opens_with(p.text, name) or _mentions(p.text, name)))
                or _HE_OR_SHE.match(p.text)
                or (following and following != name and _mentions(p.text, following))
            ):
                starts.append((p.start, p.end))
                break
    return starts
