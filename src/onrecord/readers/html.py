"""News pages: find the article, then read it as the text layout it turns out to be.

Navigation, "Latest news" boxes and footers are not part of the record, and
no offset into markup would mean anything to a reader of the JSON, so the
result's text is the extracted article (paragraphs separated by blank lines)
and boilerplate around it is simply not carried over.  Extraction uses
trafilatura on the given string (never the network); a page it cannot make
sense of falls back to a plain tag stripper so that no words are lost.
"""

from __future__ import annotations

import itertools
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
    """The article text and what the page says about itself (title, date, outlet, source URL, author).

    The article comes out as Markdown so that the markup that says who speaks survives: bold questions
    and bold speaker names stay ``**bold**`` (the Q&A and labelled readers know them), and so does the
    headline as a ``#`` heading, which no reader takes for a speaker ("Senator Pike: 'The compact is
    dead'").  Definition lists and two-column speaker tables are turned into "**Name:** words" first,
    since Markdown has no form for them that keeps the speaker with the words."""
    text: str | None = None
    meta: dict[str, str] = {}
    try:
        import trafilatura

        page = _speaker_lists_as_paragraphs(html)
        text = trafilatura.extract(
            page,
            output_format="markdown",
            include_formatting=True,
            include_comments=False,
            include_tables=True,
        )
        doc: Any = trafilatura.extract_metadata(html)
        if doc is not None:
            fields = (
                ("title", "title"),
                ("date", "date"),
                ("sitename", "outlet"),
                ("url", "source"),
                ("author", "author"),
            )
            for attr, key in fields:
                value = getattr(doc, attr, None)
                if value:
                    meta[key] = " ".join(str(value).split())
    except Exception:  # extraction is best effort; the stripper below still gets the words
        text = None
    stripped = _strip(html) if "author" in meta or not text or not text.strip() else ""
    if "author" in meta and not _bylined(meta["author"], stripped):
        del meta["author"]  # a name in the page's metadata only: a web producer's, a user's handle
    if not text or not text.strip():
        return _paragraphs(stripped), meta
    return _paragraphs(_from_markdown(text)), meta


def _bylined(author: str, page: str) -> bool:
    """Whether the page shows ``author`` in a byline ("By Maya Lindqvist"), not as a photographer's credit."""
    by = re.compile(
        rf"(?<![Pp]hotographs )(?<![Pp]hotograph )(?<![Pp]hotos )(?<![Pp]hoto )\b[Bb]y\s+{re.escape(author)}\b"
    )
    return by.search(" ".join(page.split())) is not None


# A Markdown escape trafilatura adds before punctuation ("\[laughs\]"): the transcript did not have it.
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
# a question set as a subheading ("### Who are those customers?"): a question, as if set in bold
_QUESTION_HEADING = re.compile(r"^#{2,6}[ \t]+(.*\?)[ \t]*$", re.MULTILINE)
_TABLE_RULE = re.compile(r"^\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")


def _from_markdown(text: str) -> str:
    text = _QUESTION_HEADING.sub(lambda m: f"**{m.group(1).strip()}**", text)
    lines = [_ESCAPE.sub(r"\1", _plain_emphasis(line)) for line in text.splitlines()]
    return "\n".join(_table_rows_as_lines(lines))


# emphasis inside a sentence ("I said **no** to that"): the words were said, the stars were not
_INLINE_BOLD = re.compile(r"(?<![\w*])\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*(?![\w*])")
_INLINE_ITALIC = re.compile(r"(?<![\w*\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
# what the readers read in emphasis: a paragraph set wholly in it, or a bold label opening one
_WHOLE = re.compile(r"^\s*(?:\*\*[^*\n]+\*\*|\*[^*\n]+\*)\s*$")
_LEAD = re.compile(r"^(\s*\*\*[^*\n]{1,80}?\*\*)")


# a bold label ("**Q:** Why?", "**Gordon Pike:** Yes."): the label is what says who speaks, its bold is the
# page's styling, and a bold "Q:" would read as the opening of a bold question
_LABELLED = re.compile(r"(?:Q|A|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})[.:]\s")
_BOLD_LABEL = re.compile(r"^(\s*)\*\*([^*\n]{1,60}?)([:.]?)\*\*([:.]?)(?=\s)")


def _plain_emphasis(line: str) -> str:
    label = _BOLD_LABEL.match(line)
    punct = (label.group(3) or label.group(4)) if label else ""
    # "**Gordon Pike:**", and "**P.**" / "**Pregunta.**" as Spanish papers print them (one word before a full stop)
    if label and (punct == ":" or (punct == "." and " " not in label.group(2).strip())):
        line = f"{label.group(1)}{label.group(2)}{punct}{line[label.end() :]}"
    whole = _WHOLE.match(line)
    if whole and _LABELLED.match(line.strip().strip("*_")):
        return line.strip().strip("*_")  # "**Q: Why?**": the label says it is a question; the bold adds nothing
    if whole:
        return line
    lead = _LEAD.match(line)
    head, rest = (lead.group(1), line[lead.end() :]) if lead else ("", line)
    return head + _INLINE_ITALIC.sub(r"\1", _INLINE_BOLD.sub(r"\1", rest))


def _table_rows_as_lines(lines: list[str]) -> list[str]:
    """A two-column table whose first column names speakers ("| WHITFIELD | When did you start? |") as
    "WHITFIELD: When did you start?" lines; other tables as they are, less their rule lines."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not lines[i].lstrip().startswith("|"):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].lstrip().startswith("|"):
            j += 1
        rows = [_cells(ln) for ln in lines[i:j] if not _TABLE_RULE.match(ln.strip())]
        body = rows[1:] if j - i > 1 and _TABLE_RULE.match(lines[i + 1].strip()) else rows
        names = [r[0] for r in body if len(r) == 2]
        if len(body) >= 3 and len(names) == len(body) and _speakers_column(names, [r[1] for r in body], rows[0]):
            out.extend(" | ".join(r) for r in rows[: len(rows) - len(body)])  # the column headings
            out.extend(f"{name}: {said}" for name, said in body)
        else:
            out.extend(" | ".join(r) for r in rows)
        i = j
    return out


def _speakers_column(names: list[str], said: list[str], heading: list[str]) -> bool:
    """Whether a table's first column names who speaks: short names that take turns (two or more, each
    more than once, changing from row to row), beside sentences; or a heading that says so ("Speaker").
    A status table ("Delayed | Mill Street wall") has neither."""
    if not all(0 < len(n.split()) <= 4 and not n.endswith((".", "?", "!")) for n in names):
        return False
    if heading and heading[0].strip().lower() in ("speaker", "name", "who", "sprecher", "intervenant", "orador"):
        return True
    counts = {n: names.count(n) for n in set(names)}
    changes = sum(1 for a, b in itertools.pairwise(names) if a != b)
    wordy = sum(len(s.split()) for s in said) / len(said) >= 4
    return len(counts) >= 2 and min(counts.values()) >= 2 and changes * 2 >= len(names) - 1 and wordy


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _speaker_lists_as_paragraphs(html: str) -> Any:
    """The page with each definition list of speakers ("<dt>Sofia Marchetti</dt><dd>Why so long?</dd>")
    turned into "<p><b>Sofia Marchetti:</b> Why so long?</p>" paragraphs; the page itself when it has none."""
    if "<dt" not in html.lower():
        return html
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return html
    changed = False
    for dl in tree.iter("dl"):
        items = [el for el in dl if isinstance(el.tag, str) and el.tag in ("dt", "dd")]
        terms = [el.text_content().strip() for el in items if el.tag == "dt"]
        if len(terms) < 2 or not all(0 < len(t.split()) <= 6 and not t.endswith(("?", ".")) for t in terms):
            continue
        paragraphs = []
        name = ""
        for el in items:
            if el.tag == "dt":
                name = el.text_content().strip().rstrip(":").strip()
                continue
            p = lxml_html.Element("p")
            b = lxml_html.Element("b")
            b.text = f"{name}:"
            b.tail = " " + el.text_content().strip()
            p.append(b)
            paragraphs.append(p)
        parent = dl.getparent()
        if parent is None or not paragraphs:
            continue
        at = parent.index(dl)
        for k, p in enumerate(paragraphs):
            parent.insert(at + k, p)
        parent.remove(dl)
        changed = True
    return tree if changed else html


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
