"""A fast, offset-preserving sentence splitter for transcript prose.

Regex rather than a statistical model: the structure stage must stay faster
than spaCy's tokenizer (see bench/), and transcript sentences are mostly
well punctuated.  Abbreviations and initials are protected; ellipses and
dashes that mark interruptions end a sentence.
"""

from __future__ import annotations

import re

#: words a period follows without ending the sentence
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "gen",
        "gov",
        "rep",
        "st",
        "jr",
        "sr",
        "lt",
        "col",
        "sgt",
        "capt",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "etc",
        "vs",
        "no",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "a.m",
        "p.m",
        "d.c",
        "approx",
        "rev",
        "hon",
        "mt",
        "ft",
        "pres",
        "adm",
        "maj",
        "cpl",
        "messrs",
    }
)
_BOUNDARY = re.compile(r"(?:\.\.\.|…|[.!?]+)[\"'\u201d\u2019)\]]*(?=\s+|$)|\n\s*\n")
_WS = " \t\n\r\u00a0"


def _protected(text: str, end: int) -> bool:
    """Is the period just before ``end`` part of an abbreviation or an initial?"""
    if text[end - 1] != ".":
        return False
    i = end - 1
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i : end - 1].lower()
    if word == "no":  # "No. 10 Downing Street", but "No. We won't."
        return bool(re.match(r"\s*\d", text[end : end + 3]))
    if word in _ABBREVIATIONS:
        return True
    # single capital initial ("K." in "Howard K. Smith"), not a pronoun "I."
    return len(word) == 1 and word.isalpha() and text[i].isupper() and text[i] != "I"


def split(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` as absolute, whitespace-trimmed offsets."""
    stop = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, stop):
        b = m.end()
        if m.group().strip() == "." and _protected(text, b):
            continue
        nxt = b
        while nxt < stop and text[nxt] in _WS:
            nxt += 1
        if nxt < stop and text[nxt].islower() and "\n" not in text[b:nxt] and m.group()[0] not in "?!":
            continue  # "... said the U.S. and" / ellipsis mid-sentence
        _push(text, pos, b, out)
        pos = b
    _push(text, pos, stop, out)
    return out


def _push(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s] in _WS:
        s += 1
    while e > s and text[e - 1] in _WS:
        e -= 1
    if e > s:
        out.append((s, e))
