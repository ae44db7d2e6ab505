"""Plain paragraphs with no speaker markers at all: the last resort.

Without labels the only evidence of a speaker change is a question: a
question paragraph after a statement opens the asking voice's turn (voice 0),
a statement after a question opens the answering voice's turn (voice 1), and
anything else continues the current turn.  Paragraphs before the first
question are the intro (header).  A text with no question at all is read as
one stretch of speech by an unknown speaker rather than invented turns.
Detection returns a low constant so that any marked layout wins.
"""

from __future__ import annotations

from onrecord.readers.assemble import Mark, assemble, blocks_in
from onrecord.readers.base import RawTurn, ReadResult
from onrecord.readers.dash import _ends_question, _looks_like_question

ASKER, ANSWERER = 0, 1


class PlainReader:
    name = "plain"

    def detect(self, text: str) -> float:
        return 0.05 if text.strip() else 0.01

    def read(self, text: str) -> ReadResult:
        blocks = blocks_in(text, 0, len(text))
        if len(blocks) <= 2 and text.count("\n") > 4:
            blocks = blocks_in(text, 0, len(text), by_line=True)
        first_q = next((i for i, b in enumerate(blocks) if _looks_like_question(b.text)), None)
        if first_q is None:
            result = assemble(text, self.name, [])
            if blocks:
                # one unknown voice; no mark, so no label span
                result.unattributed = []
                result.turns = [RawTurn(blocks[0].start, blocks[-1].end)]
            return result
        result = assemble(text, self.name, [Mark(blocks[first_q].start, blocks[first_q].start, None)])
        result.turns = []
        voice = ASKER
        current = RawTurn(blocks[first_q].start, blocks[first_q].end, voice=voice)
        result.turns.append(current)
        asking = True
        for b in blocks[first_q + 1 :]:
            is_q = _looks_like_question(b.text)
            if is_q and not asking:
                voice, asking = ASKER, True
            elif not _ends_question(b.text) and asking:
                voice, asking = ANSWERER, False
            else:
                current.end = b.end
                continue
            current = RawTurn(b.start, b.end, voice=voice)
            result.turns.append(current)
        return result
