"""``onrecord speaker NAME``: one person's record across the corpus."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from sqlalchemy import Connection, func, select

from onrecord.corpus import schema, speakers
from onrecord.errors import OnrecordError

_WORD = re.compile(r"[a-z][a-z'’-]{2,}")
_STOP = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "aren't",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "can't",
        "cannot",
        "could",
        "couldn't",
        "did",
        "didn't",
        "do",
        "does",
        "doesn't",
        "doing",
        "don't",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "get",
        "got",
        "go",
        "going",
        "gonna",
        "had",
        "hadn't",
        "has",
        "hasn't",
        "have",
        "haven't",
        "having",
        "he",
        "he'd",
        "he'll",
        "he's",
        "her",
        "here",
        "here's",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "how's",
        "i",
        "i'd",
        "i'll",
        "i'm",
        "i've",
        "if",
        "in",
        "into",
        "is",
        "isn't",
        "it",
        "it's",
        "its",
        "itself",
        "just",
        "know",
        "let's",
        "like",
        "lot",
        "make",
        "me",
        "more",
        "most",
        "mr",
        "much",
        "must",
        "mustn't",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "ought",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "people",
        "really",
        "right",
        "said",
        "same",
        "say",
        "says",
        "see",
        "shall",
        "shan't",
        "she",
        "she'd",
        "she'll",
        "she's",
        "should",
        "shouldn't",
        "so",
        "some",
        "such",
        "sure",
        "than",
        "that",
        "that's",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "there's",
        "these",
        "they",
        "they'd",
        "they'll",
        "they're",
        "they've",
        "think",
        "this",
        "those",
        "through",
        "thing",
        "things",
        "time",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "want",
        "was",
        "wasn't",
        "way",
        "we",
        "we'd",
        "we'll",
        "we're",
        "we've",
        "well",
        "were",
        "weren't",
        "what",
        "what's",
        "when",
        "when's",
        "where",
        "where's",
        "which",
        "while",
        "who",
        "who's",
        "whom",
        "why",
        "why's",
        "will",
        "with",
        "won't",
        "would",
        "wouldn't",
        "yes",
        "yeah",
        "you",
        "you'd",
        "you'll",
        "you're",
        "you've",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "going",
        "want",
        "wanted",
        "tell",
        "told",
        "thank",
        "thanks",
        "okay",
        "mean",
        "look",
        "let",
        "there'll",
        "that'll",
        "ve",
        "ll",
        "re",
    ]
)


class SpeakerNotFound(OnrecordError):
    """No identity in the corpus matches the name asked for."""


def _terms(text: str) -> list[str]:
    return [w.strip("'’-") for w in _WORD.findall(text.lower()) if w.strip("'’-") not in _STOP]


def profile(conn: Connection, name: str, top: int = 10) -> dict[str, Any]:
    ids = speakers.lookup(conn, name)
    if not ids:
        raise SpeakerNotFound(f"no speaker matching {name!r} in this corpus")
    sp = schema.speakers.c
    people = conn.execute(select(sp.id, sp.name).where(sp.id.in_(ids)).order_by(sp.id)).all()
    if len(people) > 1:
        # several identities match (e.g. two Bushes): report the one with most turns, list the others
        counts: dict[int, int] = {
            int(r[0]): int(r[1])
            for r in conn.execute(
                select(schema.turns.c.speaker_id, func.count())
                .where(schema.turns.c.speaker_id.in_(ids))
                .group_by(schema.turns.c.speaker_id)
            ).all()
        }
        people = sorted(people, key=lambda p: -int(counts.get(p.id, 0)))
    sid, display = int(people[0].id), str(people[0].name)
    aliases = sorted(
        conn.execute(select(schema.speaker_aliases.c.alias).where(schema.speaker_aliases.c.speaker_id == sid)).scalars()
    )
    iv, ap = schema.interviews.c, schema.appearances.c
    interviews = [
        {"interview_id": int(r.id), "title": r.title, "date": r.date, "outlet": r.outlet, "role": r.role}
        for r in conn.execute(
            select(iv.id, iv.title, iv.date, iv.outlet, ap.role)
            .join(schema.appearances, ap.interview_id == iv.id)
            .where(ap.speaker_id == sid)
            .order_by(iv.date, iv.id)
        ).all()
    ]
    ex = schema.exchanges.c
    rows = conn.execute(select(ex.clarity, ex.evasion).where(ex.answerer_id == sid)).all()
    faced = len(rows)
    labelled = [r for r in rows if r.clarity is not None]
    clarity_counts = Counter(str(r.clarity) for r in labelled)
    evasion_counts = Counter(str(r.evasion) for r in rows if r.evasion is not None)
    n_lab = len(labelled)

    def share(label: str) -> float | None:
        return round(clarity_counts.get(label, 0) / n_lab, 3) if n_lab else None

    asked = conn.execute(select(func.count()).select_from(schema.exchanges).where(ex.asker_id == sid)).scalar_one()
    # topics: terms this speaker uses far more than the corpus does (tf * idf over turns)
    tc = schema.turns.c
    own = Counter[str]()
    n_turns = 0
    for (t,) in conn.execute(select(tc.text).where(tc.speaker_id == sid)):
        own.update(set(_terms(t)))
        n_turns += 1
    background = Counter[str]()
    sample = conn.execute(select(tc.text).where(tc.speaker_id != sid).limit(4000)).scalars().all()
    for t in sample:
        background.update(set(_terms(t)))
    n_bg = max(1, len(sample))
    scored = [
        (w, c * math.log((n_bg + 1) / (background.get(w, 0) + 1))) for w, c in own.items() if c >= 2 or n_turns < 5
    ]
    topics = [w for w, _ in sorted(scored, key=lambda x: (-x[1], x[0]))[:top]]
    cl = schema.claims.c
    claims = [
        {
            "claim_id": int(r.id),
            "interview_id": int(r.interview_id),
            "text": r.text,
            "score": round(float(r.score), 4),
            "type": r.type,
        }
        for r in conn.execute(
            select(cl.id, cl.interview_id, cl.text, cl.score, cl.type)
            .where(cl.speaker_id == sid)
            .order_by(cl.score.desc(), cl.id)
            .limit(top)
        ).all()
    ]
    return {
        "speaker_id": sid,
        "name": display,
        "aliases": aliases,
        "other_matches": [{"speaker_id": int(p.id), "name": p.name} for p in people[1:]],
        "interviews": interviews,
        "turns": n_turns,
        "questions_faced": faced,
        "questions_asked": int(asked),
        "clarity_labelled": n_lab,
        "answered": share("Clear Reply"),
        "ambivalent": share("Ambivalent"),
        "not_answered": share("Clear Non-Reply"),
        "clarity": dict(clarity_counts.most_common()),
        "evasion_techniques": dict(evasion_counts.most_common()),
        "topics": topics,
        "check_worthy_claims": claims,
    }
