"""News pages: find the article, then read it as the text layout it turns out to be.

Navigation, "Latest news" boxes and footers are not part of the record, and
no offset into markup would mean anything to a reader of the JSON, so the
result's text is the extracted article (paragraphs separated by blank lines)
and boilerplate around it is simply not carried over.  Extraction uses
trafilatura on the given string (never the network); a page it cannot make
sense of falls back to a plain tag stripper so that no words are lost.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from onrecord.readers.base import ReadResult

_HTML_SIGNS = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
_TAGS = re.compile(r"</?(?:p|div|span|a|br|li|ul|h[1-6]|article|section|table|td|tr|strong|em|b|i)\b[^>]*>", re.I)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "article",
        "section",
        "tr",
        "table",
        "blockquote",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "pre",
        "dd",
        "dt",
        "figure",
        "figcaption",
    }
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})


class _Stripper(HTMLParser):
    """Text with a paragraph break at every block element: the fallback when extraction finds no article."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _strip(html: str) -> str:
    parser = _Stripper()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # HTMLParser is lenient, but never let a broken page stop the read
        return re.sub(r"<[^>]*>", " ", html)
    return "".join(parser.parts)


def _paragraphs(text: str) -> str:
    """One paragraph per non-empty line, separated by blank lines, inner runs of spaces kept as one."""
    lines = [" ".join(ln.split()) for ln in text.splitlines()]
    return "\n\n".join(ln for ln in lines if ln)


def _is_fragment(head: str) -> bool:
    """Markup without a page around it ("<p><b>HOST:</b> ...</p>"): tags on most lines.  A transcript
    with a few tags pasted in ("<p>" around three lines, "<i>" for emphasis) is text, not HTML."""
    lines = [ln for ln in head.splitlines() if ln.strip()]
    tagged = sum(1 for ln in lines if _TAGS.search(ln))
    return len(_TAGS.findall(head)) >= 5 and tagged * 2 >= len(lines)


def extract(html: str) -> tuple[str, dict[str, str]]:
    """The article text and what the page says about itself (title, date, outlet, source URL)."""
    text: str | None = None
    meta: dict[str, str] = {}
    try:
        import trafilatura

        text = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True)
        doc: Any = trafilatura.extract_metadata(html)
        if doc is not None:
            for attr, key in (("title", "title"), ("date", "date"), ("sitename", "outlet"), ("url", "source")):
                value = getattr(doc, attr, None)
                if value:
                    meta[key] = " ".join(str(value).split())
    except Exception:  # extraction is best effort; the stripper below still gets the words
        text = None
    if not text or not text.strip():
        text = _strip(html)
    return _paragraphs(text), meta


class HTMLReader:
    name = "html"

    def detect(self, text: str) -> float:
        head = text[:5000]
        if _HTML_SIGNS.search(head):
            return 0.97
        return 0.9 if _is_fragment(head) else 0.0

    def read(self, text: str) -> ReadResult:
        from onrecord.readers import detect, get

        if _HTML_SIGNS.search(text[:5000]):
            article, meta = extract(text)
        else:  # a fragment has no page furniture to remove: keep every word, not what trafilatura picks
            article, meta = _paragraphs(_strip(text)), {}
        reader = detect(article)
        if reader.name in {"html", "webvtt", "srt"}:
            reader = get("plain")
        result = reader.read(article)
        result.layout = f"html+{result.layout}"
        result.source_format = "html"
        result.metadata.update(meta)
        return result
