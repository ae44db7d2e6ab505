"""One identity per person across interviews.

The rule (documented in docs/corpus.md):

* A name is parsed with :func:`onrecord.structure.names.parse_label`: honorifics
  ("President", "Mr.", "Senator"), descriptors ("CNN HOST") and suffixes are
  dropped, ALL-CAPS labels are title-cased.  What is left splits into a
  surname key (last token, lower-case), a first name and middle names/initials.
* Two full names are the same person when the surnames agree, the first names
  agree (or one is the initial of the other: "G. Bush" ~ "George Bush"), and
  their middle names agree *as written*: "George Bush" and "George W. Bush"
  are kept apart, because one carrying a middle initial the other lacks is how
  transcripts tell father from son.  Compatible middles: equal, or one an
  initial of the other ("W." ~ "Walker").
* A surname alone ("ALIYEV:", "Mr. Kennedy") joins the only identity with that
  surname when there is exactly one; with several it joins (or creates) the
  surname-only identity, so an ambiguous "Bush" never pollutes either Bush.
* A full name arriving where only a surname-only identity exists upgrades it
  (its display name becomes the fuller form).
* Title-only labels ("THE PRESIDENT"), function labels ("HOST", "MODERATOR",
  "SENIOR ADMINISTRATION OFFICIAL") and anonymous ones ("Q", "REPORTER")
  name nobody across interviews by themselves.  "The President" becomes a
  person when the interview says who: a title naming "President Biden", or,
  for the US government's own layouts (White House, Public Papers), the US
  president in office on the interview's date.  Otherwise a title-only
  label gets an identity scoped to its interview, and anonymous ones none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, select

from onrecord.corpus import schema
from onrecord.structure.names import TITLE_ONLY, parse_label


@dataclass(frozen=True)
class NameParts:
    display: str
    key: str
    first: str | None
    middle: str | None
    scoped: bool = False


# labels that name a function, not a person ("HOST", "MODERATOR", "SENIOR ADMINISTRATION OFFICIAL")
_ROLE_ONLY = re.compile(
    r"^(?:(?:the|a|an|senior|administration|white|house|cnn|abc|nbc|cbs|fox|bbc|pbs|npr|member|of|co-?)\s*)*"
    r"(?:host|co-?host|moderator|anchor|correspondent|interviewer|reporter|journalist|panelist|official|aide|"
    r"audience|staff|spokesperson|spokesman|spokeswoman|narrator|announcer|translator|interpreter)s?$",
    re.I,
)


def _norm(token: str) -> str:
    return token.lower().strip(".,")


def parse_name(raw: str, scope: str | None = None) -> NameParts | None:
    """Split a speaker name into identity parts; None for anonymous labels."""
    if not raw or not raw.strip():
        return None
    parsed = parse_label(raw)
    if parsed.name is None or parsed.key is None:
        return None
    low = raw.strip().rstrip(":.").strip().lower()
    if low in TITLE_ONLY or parsed.name in TITLE_ONLY.values() or _ROLE_ONLY.match(parsed.name):
        key = f"{parsed.key}#{scope or ''}"
        return NameParts(parsed.name, key, None, None, scoped=True)
    tokens = [t for t in re.split(r"\s+", parsed.name) if t]
    if len(tokens) <= 1:
        return NameParts(parsed.name, parsed.key, None, None)
    first = _norm(tokens[0])
    middle = " ".join(_norm(t) for t in tokens[1:-1]) or None
    return NameParts(parsed.name, parsed.key, first, middle)


# Inauguration dates of US presidents (for "The President" in White House / Public Papers transcripts)
US_PRESIDENTS: tuple[tuple[str, str], ...] = (
    ("1953-01-20", "Dwight D. Eisenhower"),
    ("1961-01-20", "John F. Kennedy"),
    ("1963-11-22", "Lyndon B. Johnson"),
    ("1969-01-20", "Richard Nixon"),
    ("1974-08-09", "Gerald Ford"),
    ("1977-01-20", "Jimmy Carter"),
    ("1981-01-20", "Ronald Reagan"),
    ("1989-01-20", "George H. W. Bush"),
    ("1993-01-20", "Bill Clinton"),
    ("2001-01-20", "George W. Bush"),
    ("2009-01-20", "Barack Obama"),
    ("2017-01-20", "Donald Trump"),
    ("2021-01-20", "Joe Biden"),
    ("2025-01-20", "Donald Trump"),
)
US_GOVERNMENT_LAYOUTS = frozenset({"whitehouse", "ppp"})
_TITLE_PRESIDENT_RE = re.compile(
    r"\bPresident\s+((?:[A-Z][\w'’-]+\.?\s+){0,2}[A-Z][\w'’-]+)(?=\s+(?i:and|in|at|on|of|to|with|for|during|aboard)\b|[,:;.]|$)"
)


def title_holder(raw: str, title: str | None, layout: str | None, date: str | None) -> str | None:
    """Who a title-only label ("THE PRESIDENT") names in this interview, when the interview says; else None."""
    low = raw.strip().rstrip(":.").strip().lower()
    if TITLE_ONLY.get(low) != "The President":
        return None
    if title:
        named = {m.group(1).strip() for m in _TITLE_PRESIDENT_RE.finditer(title)}
        if len(named) == 1:
            return named.pop()
        if len(named) > 1:
            return None  # "President Biden and President Zelenskyy": the label does not say which
    if layout in US_GOVERNMENT_LAYOUTS and date and re.match(r"^\d{4}-\d{2}-\d{2}$", date):
        holder = None
        for start, name in US_PRESIDENTS:
            if date >= start:
                holder = name
        return holder
    return None


def _token_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return False


def _middle_compatible(a: str | None, b: str | None) -> bool:
    if a is None and b is None:
        return True
    if a is None or b is None:
        return False
    ta, tb = a.split(), b.split()
    return len(ta) == len(tb) and all(_token_compatible(x, y) for x, y in zip(ta, tb, strict=True))


def same_person(a: NameParts, b: NameParts) -> bool:
    """Full-name compatibility (both have first names)."""
    if a.key != b.key or a.first is None or b.first is None:
        return False
    return _token_compatible(a.first, b.first) and _middle_compatible(a.middle, b.middle)


def alias_forms(raw: str) -> list[str]:
    """Lower-case lookup forms of a name as written."""
    forms = {raw.strip().rstrip(":").strip().lower()}
    parsed = parse_label(raw)
    if parsed.name:
        forms.add(parsed.name.lower())
    return sorted(f for f in forms if f)


def _fuller(a: str, b: str) -> str:
    return b if len(b.split()) > len(a.split()) or (len(b.split()) == len(a.split()) and len(b) > len(a)) else a


def resolve(conn: Connection, raw: str, scope: str | None = None) -> int | None:
    """Find or create the speaker identity for ``raw``; returns its id (None: anonymous)."""
    parts = parse_name(raw, scope)
    if parts is None:
        return None
    rows = conn.execute(
        select(schema.speakers.c.id, schema.speakers.c.name, schema.speakers.c.first, schema.speakers.c.middle).where(
            schema.speakers.c.key == parts.key
        )
    ).all()
    cands = [(int(r.id), NameParts(str(r.name), parts.key, r.first, r.middle)) for r in rows]
    chosen: int | None = None
    if parts.first is None:
        if len(cands) == 1:
            chosen = cands[0][0]
        else:
            bare = [c for c in cands if c[1].first is None]
            chosen = bare[0][0] if bare else None
    else:
        strong = [c for c in cands if same_person(parts, c[1])]
        if strong:
            chosen = strong[0][0]
            # an initial ("G. Bush") is upgraded by the spelled-out form
            if len(parts.first) > 1 and strong[0][1].first is not None and len(strong[0][1].first) == 1:
                conn.execute(
                    schema.speakers.update()
                    .where(schema.speakers.c.id == chosen)
                    .values(first=parts.first, name=_fuller(strong[0][1].display, parts.display))
                )
        else:
            named = [c for c in cands if c[1].first is not None]
            bare = [c for c in cands if c[1].first is None]
            if len(bare) == 1 and not named:
                chosen = bare[0][0]
                conn.execute(
                    schema.speakers.update()
                    .where(schema.speakers.c.id == chosen)
                    .values(first=parts.first, middle=parts.middle, name=parts.display)
                )
    if chosen is None:
        chosen = int(
            conn.execute(
                schema.speakers.insert().values(
                    name=parts.display, key=parts.key, first=parts.first, middle=parts.middle
                )
            ).inserted_primary_key[0]  # type: ignore[index]
        )
    _add_aliases(conn, chosen, raw)
    return chosen


def _add_aliases(conn: Connection, speaker_id: int, raw: str) -> None:
    have = set(
        conn.execute(
            select(schema.speaker_aliases.c.alias).where(schema.speaker_aliases.c.speaker_id == speaker_id)
        ).scalars()
    )
    new = [a[:300] for a in alias_forms(raw) if a[:300] not in have]
    if new:
        conn.execute(schema.speaker_aliases.insert(), [{"speaker_id": speaker_id, "alias": a} for a in new])


def lookup(conn: Connection, name: str) -> list[int]:
    """Speaker ids a user-typed ``name`` may mean (exact alias first, then identity rule)."""
    forms = alias_forms(name)
    ids = list(
        dict.fromkeys(
            conn.execute(
                select(schema.speaker_aliases.c.speaker_id).where(schema.speaker_aliases.c.alias.in_(forms))
            ).scalars()
        )
    )
    if ids:
        return [int(i) for i in ids]
    parts = parse_name(name)
    if parts is None:
        return []
    rows = conn.execute(
        select(schema.speakers.c.id, schema.speakers.c.name, schema.speakers.c.first, schema.speakers.c.middle).where(
            schema.speakers.c.key == parts.key
        )
    ).all()
    if parts.first is None:
        return [int(r.id) for r in rows]
    out = []
    for r in rows:
        cand = NameParts(str(r.name), parts.key, r.first, r.middle)
        if cand.first is None or (
            _token_compatible(parts.first, cand.first)
            and (parts.middle is None or _middle_compatible(parts.middle, cand.middle))
        ):
            out.append(int(r.id))
    return out
