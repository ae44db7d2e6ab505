"""What a publisher sets inside and after an interview that nobody said in it.

Web pages interleave an interview with the site's own matter: "Advertisement", "Continue reading
below", a "Read more:" link to another story; and they close with notices, appeals and the writer's
bio.  A reader that knows its layout sets aside what it recognises, but these inserts turn up in
every layout, so they are handled once, here, for every reader's result: a run of them at the end
of a turn is taken out of the turn and kept as boilerplate (kind "insert"), and a run of
publisher's notices at the end of the last turn as "trailer".  Nothing is dropped: every character
stays accounted for, as the readers promise.

Only the end of a turn is looked at.  An insert in the middle of an answer would split it in two,
and a reader of the record can see it there; in practice pages put them between a question and
its answer's end, where they are taken out.
"""

from __future__ import annotations

import re

from onrecord.readers.assemble import blocks_in
from onrecord.readers.base import ReadResult
from onrecord.readers.common import FIRST_PERSON, Block, is_end_line, is_trailer_block

# a whole paragraph that only an advertiser or the site's layout puts there
_FURNITURE = re.compile(
    r"[*_\s]*(?:advertisements?|sponsored content|(?:story|article) continues (?:below|after "
    r"(?:this )?(?:advertisement|ad))|continue reading(?: below| the main story)?|scroll to continue(?: with content)?|"
    r"skip (?:the )?advertisement|anzeige|werbung|publicité|publicidad|pubblicità|\[(?:ad|commercial) break\]|"
    r"\[\d{1,2}:\d{2}(?::\d{2})?\] \[(?:ad|commercial) break\])[*_\s:]*",
    re.IGNORECASE,
)
# a link to another story: "Read more: Why Europe's polar budget is shrinking", "**Lire aussi :** ..."
_LINK_OUT = re.compile(
    r"[*_\s]*(?:read more|read also|also read|see also|related(?: story| article| coverage)?|more on this(?: story)?|"
    r"lire aussi|à lire aussi|voir aussi|mehr zum thema|lesen sie auch|auch interessant|leer más|"
    r"lee también|ver también|leggi anche)[*_\s]*[:：|][^\n]{1,200}",
    re.IGNORECASE,
)


def is_insert(block: Block, *, page: bool = False) -> bool:
    """A paragraph set into the interview by the publisher: an ad marker, or a link to another story: bold
    ("**Read more:** ..."), or on a web page (``page``) a headline with no full stop after the label.

    Pull quotes are left alone: a page's pull quote and a speaker repeating their own words look the same
    once the page is text (trafilatura keeps no mark of a <blockquote>), and dropping said words is worse
    than keeping a repeated line."""
    text = block.text
    if _FURNITURE.fullmatch(text):
        return True
    if FIRST_PERSON.search(text) or len(text.split()) > 40 or not _LINK_OUT.fullmatch(text):
        return False
    styled = text.lstrip().startswith(("*", "_")) or "](" in text
    return styled or (page and not text.rstrip("*_ ").endswith((".", "!", "?")))


def set_aside(result: ReadResult) -> None:
    """Take publishers' inserts off the end of every turn, and notices off the end of the last one."""
    text = result.text
    for k, turn in enumerate(result.turns):
        if turn.end <= turn.start:
            continue
        blocks = blocks_in(text, turn.start, turn.end)
        last = k == len(result.turns) - 1
        cut = len(blocks)
        while cut > 1:
            block = blocks[cut - 1]
            if is_insert(block, page=result.source_format == "html"):
                kind = "insert"
            elif last and (is_trailer_block(block.text) or is_end_line(block.text)):
                kind = "trailer"
            else:
                break
            result.boilerplate.append((block.start, block.end, kind))
            cut -= 1
        if cut < len(blocks):
            turn.end = blocks[cut - 1].end
    result.boilerplate.sort()
