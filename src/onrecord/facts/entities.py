"""People, organisations, places, groups and equipment, one entity per referent.

Mentions come from four sources, each a plain rule:

1. spaCy NER (with the gazetteer/equipment ``entity_ruler`` of
   :mod:`onrecord.facts.nlp`), cleaned: leading "the" and trailing "'s" are
   dropped, "pro-"/"anti-" adjectives are not groups, a generic equipment noun
   that only modifies another noun ("artillery attack") is not equipment, a
   PERSON coordinated with places is a place, a surface form keeps the label
   most of its mentions got.
2. Office descriptions ("the President of Armenia", "the Armenian president",
   "Kremlin spokesman Dmitry Peskov"): one referent per (title, country); a
   description followed by a name ("the Turkish President Recep Tayyip
   Erdogan") links the two; a bare "the prime minister" is the last prime
   minister mentioned.
3. The interview's participants (``metadata.participants``, turn speakers);
   "I"/"me"/"my" in a turn is its speaker, "you" in a question turn is the
   interviewee.
4. Pronouns and short descriptions: "he"/"him"/"his" is the last person
   mentioned (a subject pronoun prefers the last person who was a subject in
   this or the previous sentence); "they"/"their" and "the organization" the
   last organisation (or group, place, equipment for "they") within two
   sentences.

Names merge when one is the other without titles ("President Putin" ~
"Vladimir Putin"), one adds only a generic tail ("Amnesty" ~ "Amnesty
International"), or one ends the other ("Minsk Group" ~ "OSCE Minsk Group",
"Karabakh" ~ "Nagorno-Karabakh").  Adjectival demonyms ("Turkish equipment")
are mentions of the country.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from onrecord.document import QUESTION_ROLES, Entity, Interview, Span, Turn
from onrecord.facts import lexicon
from onrecord.facts.nlp import Segment, parse

TYPE_OF_LABEL = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EQUIPMENT": "equipment",
    "PRODUCT": "equipment",
    "EVENT": "event",
    "LAW": "document",
}
PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
ORG_DESCRIPTIONS = re.compile(
    r"\b(?:the|this|that)\s+(?:organi[sz]ation|group|NGO|agency|watchdog|network|channel|outlet)\b", re.I
)

_NOT_NAME = frozenset({"the", "of", "and", "i'm", "i've", "i'd", "i'll"})
_GAZETTEER = frozenset(lexicon.COUNTRIES) | frozenset(lexicon.COUNTRY_ALIASES) | frozenset(lexicon.PLACES)
_COUNTRY_NAMES = sorted(list(lexicon.COUNTRIES) + list(lexicon.COUNTRY_ALIASES), key=len, reverse=True)
_DEMONYMS = sorted((d for ds in lexicon.COUNTRIES.values() for d in ds[:1]), key=len, reverse=True)
_TITLE_RE = "|".join(re.escape(t) for t in sorted(lexicon.TITLES, key=len, reverse=True))
_COUNTRY_RE = "|".join(re.escape(c) for c in _COUNTRY_NAMES)
_ROLE = re.compile(
    rf"\b(?:(?P<det>[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[Yy]our)\s+)?"
    rf"(?:(?P<former>[Ff]ormer|[Tt]hen|[Nn]ew|[Cc]urrent|[Ll]ate|[Aa]cting)\s+)?"
    rf"(?:(?P<adj>{'|'.join(map(re.escape, _DEMONYMS))})\s+|(?P<poss>{_COUNTRY_RE})['’]s\s+|"
    rf"(?P<org>Kremlin|White House|Pentagon|State Department|NATO|UN|EU|OSCE)\s+)?"
    rf"(?P<title>(?i:{_TITLE_RE}))(?![\w-])"
    rf"(?:\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?(?P<of>{_COUNTRY_RE}))?"
    rf"(?:[ \t]+(?P<name>[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z]\.|[A-Z][\w'’-]*)){{0,3}}))?"
)


@dataclass
class _Ent:
    id: str
    type: str
    names: list[str] = field(default_factory=list)  # proper names seen
    role: tuple[str, str | None] | None = None  # (title, country) of an office description
    mentions: list[tuple[int, int]] = field(default_factory=list)
    participant: bool = False
    name_counts: Counter[str] = field(default_factory=Counter)
    label_name: str | None = None  # name given by a participant record

    def name(self) -> str:
        if self.label_name:
            return self.label_name
        if self.names:
            if self.type == "person":  # the fullest name: "Vladimir Putin", not "Putin"
                return max(self.names, key=lambda n: (len(n.split()), len(n)))
            # the name used most, then the longest: "CNN" over "CNN International TV channel"
            return max(self.names, key=lambda n: (self.name_counts[n], len(n.split()), len(n)))
        if self.role:
            title, country = self.role
            t = " ".join(w.capitalize() if w not in ("of", "de") else w for w in title.split())
            return f"{t} of {country}" if country else t
        return "?"


@dataclass
class _Mention:
    start: int
    end: int
    ent: _Ent
    subject: bool
    sent: int  # sentence index within the interview
    seg: int  # start of the segment (turn) it is in


class _Builder:
    def __init__(self, doc: Interview) -> None:
        self.doc = doc
        self.ents: list[_Ent] = []
        self.by_name: dict[tuple[str, str], _Ent] = {}
        self.by_role: dict[tuple[str, str | None], _Ent] = {}
        self.history: list[_Mention] = []
        self.participant_of_role: dict[str, _Ent] = {}
        self.participant_of_speaker: dict[str, _Ent] = {}
        self.label_votes: dict[str, Counter[str]] = {}
        self.seg_start = 0

    # --- entity store -------------------------------------------------------------------
    def new(self, type_: str) -> _Ent:
        e = _Ent(id=f"E{len(self.ents) + 1}", type=type_)
        self.ents.append(e)
        return e

    def find_name(self, type_: str, name: str) -> _Ent | None:
        key = _norm(name)
        hit = self.by_name.get((type_, key))
        if hit is not None:
            return hit
        for e in reversed(self.ents):
            if e.type != type_:
                continue
            for other in e.names:
                if _same_name(type_, name, other):
                    return e
        return None

    def named(self, type_: str, name: str) -> _Ent:
        e = self.find_name(type_, name)
        if e is None:
            e = self.new(type_)
        if name not in e.names:
            e.names.append(name)
        e.name_counts[name] += 1
        self.by_name[(type_, _norm(name))] = e
        return e

    # --- participants -------------------------------------------------------------------
    def add_participants(self) -> None:
        for p in self.doc.metadata.participants:
            if p.name:
                e = self.named("person", p.name)
                for a in p.aliases:
                    if a and a not in e.names:
                        e.names.append(a)
                        self.by_name[("person", _norm(a))] = e
            else:
                e = self.new("person")
                e.label_name = f"the {p.role}"
            e.participant = True
            self._title_role(e, p.name)
            self.participant_of_role.setdefault(p.role, e)
        for t in self.doc.turns:
            if t.speaker and t.speaker not in self.participant_of_speaker:
                e = self.named("person", t.speaker)
                e.participant = True
                self._title_role(e, t.speaker)
                self.participant_of_speaker[t.speaker] = e
                self.participant_of_role.setdefault(t.role, e)

    @staticmethod
    def _title_role(e: _Ent, name: str | None) -> None:
        """A participant called by an office ("The President") is who "the President" means."""
        key = _norm(name or "")
        if key in lexicon.TITLES and e.role is None:
            e.role = (key, None)

    def speaker_entity(self, turn: Turn) -> _Ent | None:
        if turn.speaker and turn.speaker in self.participant_of_speaker:
            return self.participant_of_speaker[turn.speaker]
        e = self.participant_of_role.get(turn.role)
        if e is None and turn.role in ("interviewer", "interviewee"):
            e = self.new("person")
            e.label_name = f"the {turn.role}"
            e.participant = True
            self.participant_of_role[turn.role] = e
        return e

    def addressee_entity(self, turn: Turn) -> _Ent | None:
        if turn.role in QUESTION_ROLES:
            e = self.participant_of_role.get("interviewee")
            if e is None:
                e = self.new("person")
                e.label_name = "the interviewee"
                e.participant = True
                self.participant_of_role["interviewee"] = e
            return e
        return None

    # --- mentions -----------------------------------------------------------------------
    def mention(self, ent: _Ent, start: int, end: int, subject: bool, sent: int) -> None:
        ent.mentions.append((start, end))
        self.history.append(_Mention(start, end, ent, subject, sent, self.seg_start))

    def last(self, pos: int, sent: int, pred: Any, max_sents: int, subject_first: bool = False) -> _Ent | None:
        if subject_first:
            for m in reversed(self.history):
                if m.start >= pos:
                    continue
                if sent - m.sent > 1 or m.seg != self.seg_start:
                    break
                if m.subject and pred(m.ent):
                    return m.ent
        for m in reversed(self.history):
            if m.start >= pos:
                continue
            if sent - m.sent > max_sents:
                break
            if pred(m.ent):
                return m.ent
        return None


@functools.lru_cache(maxsize=8192)
def _norm(name: str) -> str:
    n = re.sub(r"['’]s$", "", name.strip())
    n = re.sub(r"^(?:the|The)\s+", "", n)
    n = n.strip("\"'“”‘’-–— ")
    n = lexicon.COUNTRY_ALIASES.get(n, n)
    return re.sub(r"\s+", " ", n).lower()


def _tokens(name: str, drop_honorifics: bool) -> list[str]:
    toks = _norm(name).replace("-", " ").split()
    if toks and re.fullmatch(r"\d+[a-z]*s", toks[-1]):
        toks[-1] = toks[-1][:-1]  # "F-16s" ~ "F-16"
    if drop_honorifics:
        toks = [t for t in toks if t not in lexicon.HONORIFICS]
    return toks


def _same_name(type_: str, a: str, b: str) -> bool:
    if _norm(a) == _norm(b):
        return True
    if type_ == "person":
        ta, tb = _tokens(a, True), _tokens(b, True)
        if not ta or not tb:
            return False
        if ta[-1] != tb[-1]:
            # "Martha" ~ "Martha Raddatz": a lone first name
            lone, full = (ta, tb) if len(ta) < len(tb) else (tb, ta)
            return len(lone) == 1 and len(full) > 1 and lone[0] == full[0]
        short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        return len(short) == 1 or short == long_[-len(short) :] or short[0] == long_[0]

    if type_ in ("organization", "place", "equipment"):
        ta, tb = _tokens(a, False), _tokens(b, False)
        if not ta or not tb or ta == tb:
            return bool(ta) and ta == tb
        short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
        if long_[: len(short)] == short and all(t in lexicon.GENERIC_ORG_TAILS for t in long_[len(short) :]):
            return True
        if long_[-len(short) :] == short:
            # "Minsk Group" ends "OSCE Minsk Group"; "Karabakh" ends "Nagorno-Karabakh"
            return len(short) >= 2 or type_ == "place" or (type_ == "equipment" and short[0][:1].isupper())
    return False


def _clean_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in "\"'“”‘’-–—( ":
        s += 1
    while e > s and text[e - 1] in "\"'“”‘’-–—) ,.":
        e -= 1
    m = re.match(r"(?:the|The)\s+", text[s:e])
    if m and e - s > m.end():
        s += m.end()
    m2 = re.search(r"['’]s$", text[s:e])
    if m2:
        e -= 2
    return s, e


def _sentence_index(spans: list[tuple[int, int]], pos: int) -> int:
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


@dataclass
class _Cand:
    start: int
    end: int
    kind: str  # "ent", "role", "pron", "desc"
    label: str = ""
    role: tuple[str, str | None] | None = None
    name_span: tuple[int, int] | None = None
    subject: bool = False
    token: Any = None


def _role_candidates(seg: Segment, text: str) -> list[_Cand]:
    out: list[_Cand] = []
    seg_text = text[seg.start : seg.end]
    for m in _ROLE.finditer(seg_text):
        det = (m.group("det") or "").lower()
        if det in ("a", "an") or m.group("former"):
            continue
        title = m.group("title").lower()
        country_raw = m.group("adj") or m.group("poss") or m.group("of") or m.group("org")
        country: str | None = None
        if country_raw:
            country = lexicon.DEMONYM_TO_COUNTRY.get(country_raw) or lexicon.COUNTRY_ALIASES.get(
                country_raw, country_raw
            )
        name = m.group("name")
        name_span: tuple[int, int] | None = None
        if name:
            # only a real name: stop at the first word that is not capitalised or is a country/title word
            words = name.split()
            keep: list[str] = []
            for w in words:
                if len(w) < 2 or w.lower() in _NOT_NAME or w in lexicon.COUNTRIES or w.lower() in lexicon.HONORIFICS:
                    break
                keep.append(w)
            if keep:
                ns = m.start("name")
                name_span = (seg.start + ns, seg.start + ns + len(" ".join(keep)))
        if not country and not name_span and not det:
            continue  # "President" alone, capitalised mid-sentence: too vague
        s = seg.start + m.start()
        e = seg.start + (m.end("of") if m.group("of") else m.end("title"))
        if name_span and not country:
            e = name_span[1]  # "President Putin", "Chancellor Merkel": one mention
        if det and det not in ("the",):
            s = seg.start + m.start("title") if not country_raw else seg.start + m.start()
        span = seg.doc.char_span(m.start("title"), m.end("title"), alignment_mode="expand")
        subject = span is not None and span[-1].dep_ in ("nsubj", "nsubjpass")
        out.append(_Cand(s, e, "role", role=(title, country), name_span=name_span, subject=subject))
    return out


def _ner_candidates(seg: Segment, text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for whole in seg.doc.ents:
        label = whole.label_
        if label not in TYPE_OF_LABEL:
            continue
        for ent in _split_possessive(whole):
            cand = _ner_candidate(seg, text, ent, label)
            if cand is not None:
                out.append(cand)
    return out


def _split_possessive(ent: Any) -> list[Any]:
    """ "CNN International TV channel's The Connect World" is two names, not one."""
    cuts = [t.i for t in ent[:-1] if t.tag_ == "POS"]
    if not cuts:
        return [ent]
    parts: list[Any] = []
    start = ent.start
    for c in cuts:
        if c > start:
            parts.append(ent.doc[start:c])
        start = c + 1
    if start < ent.end:
        parts.append(ent.doc[start : ent.end])
    return parts


def _ner_candidate(seg: Segment, text: str, ent: Any, label: str) -> _Cand | None:
    root = ent.root
    if label == "NORP" and re.match(r"(?i)(?:pro|anti)\b", ent.text):
        return None
    if label == "ORG" and re.search(r"\bof$", ent.text):
        return None  # a name cut short by the gazetteer ('the "Republic of')
    if label == "NORP":
        prev = seg.doc[ent.start - 1] if ent.start > 0 else None
        if prev is not None and prev.text == "-" and ent.start > 1 and seg.doc[ent.start - 2].lower_ in ("pro", "anti"):
            return None
    if (
        label == "EQUIPMENT"
        and root.dep_ in ("compound", "amod")
        and root.head.pos_ == "NOUN"
        and not ent.text[:1].isupper()
        and root.head.i >= ent.end
    ):
        return None  # "artillery attack"
    if label == "PERSON" and any(c.ent_type_ == "GPE" for c in root.conjuncts):
        label = "GPE"
    s, e = _clean_span(text, seg.start + ent.start_char, seg.start + ent.end_char)
    # drop lower-case lead words and prefixes the model swept in ("united NATO", "post-NATO")
    lead = re.match(r"(?:[a-z][\w]*(?:-|\s+))+(?=[A-Z])", text[s:e])
    if lead:
        s += lead.end()
    if e <= s:
        return None
    surface = text[s:e]
    if label == "PERSON" and re.search(r"\d", surface):
        return None  # "Bush Q3": a speaker label or reference swept into a name
    if len(ent) == 1 and ent[0].is_sent_start and surface.endswith("ly") and surface not in _GAZETTEER:
        return None  # "Certainly," at the start of a sentence
    return _Cand(s, e, "ent", label=label, subject=root.dep_ in ("nsubj", "nsubjpass"), token=root)


def _pronoun_candidates(seg: Segment, text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for t in seg.doc:
        low = t.lower_
        if t.pos_ != "PRON" and low not in ("his", "their", "my", "your", "her"):
            continue
        if low in PERSON_PRONOUNS or low in PLURAL_PRONOUNS or low in FIRST_PERSON or low in SECOND_PERSON:
            s = seg.start + t.idx
            out.append(_Cand(s, s + len(t.text), "pron", label=low, subject=t.dep_ in ("nsubj", "nsubjpass"), token=t))
    for m in ORG_DESCRIPTIONS.finditer(text, seg.start, seg.end):
        out.append(_Cand(m.start(), m.end(), "desc", label="organization"))
    return out


def build_entities(doc: Interview) -> list[Entity]:
    """Entities of ``doc``, each with every mention found (names, descriptions, pronouns)."""
    text = doc.text
    b = _Builder(doc)
    b.add_participants()
    segs = parse(doc)

    # first pass: label votes per surface form, so a form keeps the label most mentions got
    raw: list[tuple[Segment, list[_Cand]]] = []
    for seg in segs:
        ner = _ner_candidates(seg, text)
        for c in ner:
            b.label_votes.setdefault(_norm(text[c.start : c.end]), Counter())[c.label] += 1
        raw.append((seg, ner))

    sent_spans: list[tuple[int, int]] = []
    from onrecord.structure.sentences import split as split_sentences

    for seg in segs:
        sent_spans.extend(split_sentences(text, seg.start, seg.end))

    for seg, ner in raw:
        turn = seg.turn
        b.seg_start = seg.start
        roles = _role_candidates(seg, text)
        prons = _pronoun_candidates(seg, text) if turn is not None else []
        cands = ner + roles + prons
        # a role description swallows NER spans inside it except the name it is linked to
        role_spans = [(r.start, r.end) for r in roles]
        kept: list[_Cand] = []
        for c in cands:
            if c.kind == "ent" and any(rs <= c.start and c.end <= re_ for rs, re_ in role_spans):
                continue
            kept.append(c)
        kept.sort(key=lambda c: (c.start, -c.end))
        for c in kept:
            sent = _sentence_index(sent_spans, c.start)
            if c.kind == "ent":
                _add_named(b, c, text, sent)
            elif c.kind == "role":
                _add_role(b, c, text, sent)
            elif c.kind == "desc":
                e = b.last(c.start, sent, lambda x: x.type == "organization", max_sents=12)
                if e is not None:
                    b.mention(e, c.start, c.end, c.subject, sent)
            elif c.kind == "pron" and turn is not None:
                _add_pronoun(b, c, turn, sent)

    out: list[Entity] = []
    for e in b.ents:
        if not e.mentions and not e.participant:
            continue
        spans = sorted(set(e.mentions))
        out.append(
            Entity(
                id=e.id,
                name=e.name(),
                type=e.type,
                mentions=[Span(start=s, end=en, text=text[s:en]) for s, en in spans],
            )
        )
    return out


def _add_named(b: _Builder, c: _Cand, text: str, sent: int) -> None:
    surface = text[c.start : c.end]
    votes = b.label_votes.get(_norm(surface))
    label = c.label
    if votes and label not in ("NORP", "EQUIPMENT") and surface not in lexicon.COUNTRIES:
        label = votes.most_common(1)[0][0]
    if label == "NORP":
        country = lexicon.DEMONYM_TO_COUNTRY.get(surface)
        tok = c.token
        adjectival = tok is not None and tok.dep_ in ("amod", "compound", "nmod") and tok.head.pos_ in ("NOUN", "PROPN")
        if country and adjectival:
            b.mention(b.named("place", country), c.start, c.end, False, sent)
            return
        if country:
            plural = [d for d in lexicon.COUNTRIES[country][1:] if d.endswith("s")]
            name = plural[0] if plural else f"the {surface}"
            b.mention(b.named("group", name), c.start, c.end, c.subject, sent)
            return
    type_ = TYPE_OF_LABEL.get(label, "other")
    if (
        type_ != "person"
        and surface not in _GAZETTEER
        and b.find_name("person", surface) is not None
        and len(surface.split()) == 1
    ):
        type_ = "person"  # "Scholz" after "Olaf Scholz", whatever the model's label
    if type_ == "place":
        surface = lexicon.COUNTRY_ALIASES.get(surface, surface)
    ent = b.named(type_, surface)
    b.mention(ent, c.start, c.end, c.subject, sent)


def _add_role(b: _Builder, c: _Cand, text: str, sent: int) -> None:
    assert c.role is not None
    title, country = c.role
    ent: _Ent | None = None
    person_name: str | None = None
    if c.name_span:
        person_name = text[c.name_span[0] : c.name_span[1]]
    if country is not None:
        ent = b.by_role.get((title, country))
    elif person_name is None:
        # "the prime minister": the last one of that title mentioned
        for e in reversed(b.ents):
            if e.role and e.role[0] == title:
                ent = e
                break
    if person_name:
        named = b.find_name("person", person_name)
        if ent is not None and named is not None and named is not ent:
            _merge(b, named, ent)
            ent = named
        elif ent is None:
            ent = named
        if ent is None:
            ent = b.new("person")
        if person_name not in ent.names:
            ent.names.append(person_name)
        b.by_name[("person", _norm(person_name))] = ent
    if ent is None:
        ent = b.new("person")
    if ent.role is None:
        ent.role = (title, country)
    if country is not None:
        b.by_role.setdefault((title, country), ent)
    b.mention(ent, c.start, c.end, c.subject, sent)


def _merge(b: _Builder, keep: _Ent, drop: _Ent) -> None:
    keep.mentions.extend(drop.mentions)
    for n in drop.names:
        if n not in keep.names:
            keep.names.append(n)
    keep.name_counts.update(drop.name_counts)
    keep.role = keep.role or drop.role
    keep.participant = keep.participant or drop.participant
    keep.label_name = keep.label_name or drop.label_name
    drop.mentions = []
    drop.participant = False
    for k, v in list(b.by_name.items()):
        if v is drop:
            b.by_name[k] = keep
    for rk, rv in list(b.by_role.items()):
        if rv is drop:
            b.by_role[rk] = keep
    for m in b.history:
        if m.ent is drop:
            m.ent = keep
    for pk, pv in list(b.participant_of_role.items()):
        if pv is drop:
            b.participant_of_role[pk] = keep
    for sk, sv in list(b.participant_of_speaker.items()):
        if sv is drop:
            b.participant_of_speaker[sk] = keep
    b.ents.remove(drop)


_BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "'re", "’re"})


def _add_pronoun(b: _Builder, c: _Cand, turn: Turn, sent: int) -> None:
    low = c.label
    ent: _Ent | None = None
    if low in FIRST_PERSON:
        ent = b.speaker_entity(turn)
    elif low in SECOND_PERSON:
        ent = b.addressee_entity(turn)
    elif low in PERSON_PRONOUNS:

        def is_third_person(e: _Ent) -> bool:
            return e.type == "person" and not e.participant

        ent = b.last(c.start, sent, is_third_person, max_sents=8, subject_first=c.subject)
    elif low in PLURAL_PRONOUNS:
        types = {"organization", "group"}
        head = c.token.head if c.token is not None else None
        if head is not None and (
            head.lower_ in _BE or any(x.lower_ in _BE for x in head.children if x.dep_ in ("aux", "auxpass"))
        ):
            types.add("equipment")  # "they are not flying": equipment only as the subject of "be"
        ent = b.last(c.start, sent, lambda e: e.type in types, max_sents=1)
    if ent is not None:
        b.mention(ent, c.start, c.end, c.subject, sent)
