"""What the header says: outlet, program, date and who was interviewed.

Publishers put these in a line or two above the transcript ("CNN
International TV channel's The Connect World program broadcast interview
with President Ilham Aliyev ... On October 9 ...").  Cheap patterns over the
header are enough, and keep the structure stage free of model loading.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from urllib.parse import urlsplit

from dateutil import parser as date_parser

from onrecord.structure.names import is_outlet_acronym

OUTLETS = (
    "CNN International",
    "CNN",
    "BBC World News",
    "BBC News",
    "BBC",
    "Fox News",
    "Fox Business",
    "MSNBC",
    "CNBC",
    "NBC News",
    "NBC",
    "ABC News",
    "ABC",
    "CBS News",
    "CBS",
    "PBS",
    "NPR",
    "C-SPAN",
    "Al Jazeera",
    "Reuters",
    "Associated Press",
    "Bloomberg",
    "Sky News",
    "Euronews",
    "France 24",
    "Deutsche Welle",
    "DW",
    "RT",
    "Russia Today",
    "The New York Times",
    "The Washington Post",
    "The Wall Street Journal",
    "The Guardian",
    "The Economist",
    "Financial Times",
    "Time",
    "Newsweek",
    "Politico",
    "Axios",
    "The Atlantic",
    "The New Yorker",
    "Der Spiegel",
    "Le Monde",
    "Le Figaro",
    "TRT World",
    "Anadolu Agency",
    "Channel 4 News",
    "ITV News",
    "CBC",
    "Australian Broadcasting Corporation",
    "Voice of America",
    "The White House",
)
PROGRAMS = (
    "Meet the Press",
    "Face the Nation",
    "This Week",
    "Fox News Sunday",
    "State of the Union",
    "60 Minutes",
    "Hardtalk",
    "Newsnight",
    "The Situation Room",
    "Anderson Cooper 360",
    "Amanpour",
    "Connect the World",
    "GPS",
    "Fareed Zakaria GPS",
    "PBS NewsHour",
    "NewsHour",
    "Frontline",
    "Morning Edition",
    "All Things Considered",
    "Good Morning America",
    "Today",
    "The Daily Show",
    "Nightline",
    "Dateline",
)
#: the outlet a source URL's host names, for transcripts whose header does not (a White House
#: page says "Press Briefing by Press Secretary Jen Psaki", never "The White House"); a host matches
#: itself and its subdomains
OUTLET_HOSTS: dict[str, str] = {
    "whitehouse.gov": "The White House",
    "presidency.ucsb.edu": "The American Presidency Project",
    "cnn.com": "CNN",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "foxnews.com": "Fox News",
    "foxbusiness.com": "Fox Business",
    "msnbc.com": "MSNBC",
    "cnbc.com": "CNBC",
    "nbcnews.com": "NBC News",
    "abcnews.go.com": "ABC News",
    "cbsnews.com": "CBS News",
    "pbs.org": "PBS",
    "npr.org": "NPR",
    "c-span.org": "C-SPAN",
    "aljazeera.com": "Al Jazeera",
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "bloomberg.com": "Bloomberg",
    "news.sky.com": "Sky News",
    "euronews.com": "Euronews",
    "france24.com": "France 24",
    "dw.com": "Deutsche Welle",
    "rt.com": "RT",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "theguardian.com": "The Guardian",
    "economist.com": "The Economist",
    "ft.com": "Financial Times",
    "time.com": "Time",
    "newsweek.com": "Newsweek",
    "politico.com": "Politico",
    "axios.com": "Axios",
    "theatlantic.com": "The Atlantic",
    "newyorker.com": "The New Yorker",
    "spiegel.de": "Der Spiegel",
    "lemonde.fr": "Le Monde",
    "lefigaro.fr": "Le Figaro",
    "trtworld.com": "TRT World",
    "aa.com.tr": "Anadolu Agency",
    "channel4.com": "Channel 4 News",
    "itv.com": "ITV News",
    "cbc.ca": "CBC",
    "abc.net.au": "Australian Broadcasting Corporation",
    "voanews.com": "Voice of America",
}
#: the National Archives keep each past administration's site: bidenwhitehouse.archives.gov, ...
_ARCHIVED_WHITE_HOUSE = re.compile(r"^(?:[a-z0-9-]+\.)*[a-z]*whitehouse\.archives\.gov$")


def outlet_of_url(url: str | None) -> str | None:
    """The outlet named by ``url``'s host (see OUTLET_HOSTS), or None for a host not listed."""
    if not url:
        return None
    try:
        bare = url.strip()
        host = (urlsplit(bare if "://" in bare else "//" + bare).hostname or "").rstrip(".")
    except ValueError:  # a malformed URL (an unclosed IPv6 bracket) names no outlet
        return None
    if _ARCHIVED_WHITE_HOUSE.match(host):
        return "The White House"
    labels = host.split(".")
    for i in range(len(labels) - 1):
        hit = OUTLET_HOSTS.get(".".join(labels[i:]))
        if hit:
            return hit
    return None


_OUTLET_RE = re.compile(r"\b(" + "|".join(re.escape(o) for o in OUTLETS) + r")\b")
_PUBLICATION = r"(?P<outlet>(?:The )?[A-Z][\w'’&.-]*(?: (?:of |& )?[A-Z][\w'’&.-]*){0,4})"
#: "By Peter Lang, The Example Herald — June 3, 2024", "Posted on The Local Ledger · April 9, 2024"
_BYLINE_RE = re.compile(
    rf"(?:^|\n)[*_ \t]*(?:By [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){{0,3}}(?:,| \|)|(?:Posted|Published) (?:on|in)) "
    rf"{_PUBLICATION}[ \t]*(?:[—–|·•,*_]|$)",
    re.MULTILINE,
)
_JOB_TITLE = re.compile(
    r"\b(?:staff|senior|contributing|special|chief|associate|freelance|political|national|foreign)\b|"
    r"\b(?:writer|reporter|correspondent|editor|columnist|journalist|producer|contributor|intern)s?\b",
    re.I,
)
_PROGRAM_KNOWN_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in PROGRAMS) + r")\b")
_PROGRAM_RE = re.compile(r"\b((?:The\s+)?[A-Z][\w'’]*(?:\s+[A-Z0-9][\w'’]*){0,4})\s+(?:program|programme|show)\b")
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Case-insensitive: debate and wire transcripts write "OCTOBER 16, 2012".
_DATE_RES = (
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"\b" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b", re.I),
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r",?\s+\d{4}\b", re.I),
    re.compile(r"\b" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?\b", re.I),
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"\b", re.I),
)
_WITH_RE = re.compile(r"\b(?:interview(?:ed|s)?|conversation|talks?|spoke|speaks|sat down)\s+with\s+([^.\n;]+)", re.I)
_JOURNALIST_JOBS = r"(?:host|anchor|correspondent|reporter|editor|journalist|columnist|presenter|interviewer|writer)"
#: a journalist's job right before a name, or right after the outlet: "spoke with Capitol Wire host Omar Reyes"
_JOURNALIST_BEFORE = re.compile(rf"\b{_JOURNALIST_JOBS}\s+$", re.I)
_JOURNALIST_AFTER = re.compile(rf"\s+{_JOURNALIST_JOBS}\b", re.I)
_CAP_RUN = re.compile(r"(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*))*")
_NOT_NAME = {
    "president",
    "prime",
    "minister",
    "republic",
    "of",
    "the",
    "senator",
    "governor",
    "secretary",
    "chancellor",
    "mr",
    "mrs",
    "ms",
    "dr",
    "king",
    "queen",
    "foreign",
    "general",
    "his",
    "her",
    "excellency",
    "head",
    "state",
    "leader",
    "former",
    "vice",
    "cnn",
    "bbc",
    "international",
    "tv",
    "channel",
    "program",
    "sir",
}
#: titles and offices, never part of a person's name (for other stages)
NOT_A_NAME: frozenset[str] = frozenset(_NOT_NAME)


#: month names in the other languages of the transcripts we meet (Spanish, French, German, Italian, Portuguese)
_FOREIGN_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            "enero janvier januar gennaio janeiro",
            "febrero février fevrier februar febbraio fevereiro",
            "marzo mars märz maerz março marco",
            "abril avril aprile",
            "mayo mai maggio maio",
            "junio juin juni giugno junho",
            "julio juillet juli luglio julho",
            "agosto août aout",
            "septiembre setiembre septembre settembre setembro",
            "octubre octobre oktober ottobre outubro",
            "noviembre novembre november novembro",
            "diciembre décembre decembre dezember dicembre dezembro",
        ],
        start=1,
    )
    for name in names.split()
}
# "15 de enero de 2024", "6 mars 2024", "1er juillet 2023", "3. März 2022"
_FOREIGN_DATE = re.compile(
    r"\b(\d{1,2})(?:er|º|°|\.)?\s+(?:de\s+)?(" + "|".join(_FOREIGN_MONTHS) + r")\s+(?:de\s+|del\s+)?(\d{4})\b",
    re.IGNORECASE,
)


def _foreign_date(text: str) -> tuple[str | None, str | None]:
    m = _FOREIGN_DATE.search(text)
    if not m:
        return None, None
    try:
        return date(int(m.group(3)), _FOREIGN_MONTHS[m.group(2).lower()], int(m.group(1))).isoformat(), m.group()
    except ValueError:
        return None, m.group()


#: "14/11/2022" (day first) or "11/14/2022" (month first): read only when one of them is over 12
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")


def _numeric_date(text: str) -> tuple[str | None, str | None]:
    m = _NUMERIC_DATE.search(text)
    if not m:
        return None, None
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a:
        day, month = b, a
    else:  # "03/04/2022" is March or April depending on who wrote it
        return None, m.group()
    try:
        return date(year, month, day).isoformat(), m.group()
    except ValueError:
        return None, m.group()


def find_date(text: str) -> tuple[str | None, str | None]:
    """(ISO date or None, the date as written or None)."""
    for pattern in _DATE_RES:
        m = pattern.search(text)
        if not m:
            continue
        written = m.group()
        if not re.search(r"\d{4}", written):
            return None, written
        try:
            parsed = date_parser.parse(written, default=date_parser.parse("2000-01-01"))
        except (ValueError, OverflowError):
            return None, written
        return parsed.date().isoformat(), written
    found = _foreign_date(text)
    return found if found[1] is not None else _numeric_date(text)


def normalise_date(value: str) -> str | None:
    try:
        return str(date_parser.parse(value).date().isoformat())
    except (ValueError, OverflowError, TypeError):
        return None


def find_outlet(text: str) -> str | None:
    """A known outlet the text names, else the publication a byline or a "Posted on" line names
    ("By Peter Lang, The Example Herald — June 3, 2024", "Posted on The Local Ledger · April 9")."""
    m = _OUTLET_RE.search(text)
    if m:
        return m.group(1)
    m = _BYLINE_RE.search(text[:3000])
    if m is None or _JOB_TITLE.search(m.group("outlet")):  # "By Jenna Morrow, Staff Writer"
        return None
    return m.group("outlet")


def find_program(text: str) -> str | None:
    m = _PROGRAM_KNOWN_RE.search(text)
    if m:
        return m.group(1)
    for m in _PROGRAM_RE.finditer(text):
        candidate = m.group(1).strip()
        if find_outlet(candidate) != candidate:
            return candidate
    return None


# Official titles name the speaker after "by": "Remarks by President Biden in
# Press Conference", "Press Gaggle by President Trump Aboard Air Force One".
_BY_TITLE_RE = re.compile(
    r"\b(?:remarks|conference|gaggle|briefing|statement|address|call|interview)\s+(?:by|of|with)\s+(?:the\s+)?"
    r"(President|Vice President|Prime Minister)\s+([A-Z][\w'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’-]+)?)",
    re.I,
)
_NOT_SURNAME = {"aboard", "and", "in", "at", "on", "during", "with", "en", "before", "after", "to", "of", "for"}


#: a newspaper headline: "'We were told the river was safe': Mayor Ana Ruiz on the Delmar flood",
#: "Senator Lena Hart on the farm bill" (the person, then "on" and the topic)
_HEADLINE_RE = re.compile(
    r"(?:^|[:—–-]\s+|^#+\s+)(?:(?P<title>Mayor|Senator|Sen\.|Governor|Gov\.|President|Secretary|Minister|"
    r"Prime Minister|Chancellor|Dr\.|Professor|Judge|General|Ambassador|Rep\.|Representative)\s+)?"
    r"(?P<name>[A-ZÀ-ÖØ-Þ](?:[’'][A-Z])?[a-zß-öø-ÿ][\w'’-]*(?:\s+[A-Z]\.)?(?:\s+[A-ZÀ-ÖØ-Þ](?:[’'][A-Z])?[a-zß-öø-ÿ][\w'’-]*){1,2})\s+on\s+(?:the\s+|his\s+|her\s+)?[a-z\w]",
    re.MULTILINE,
)


#: what a headline may put before a name: "Novelist Ana Ruiz on ..."
_OCCUPATIONS = frozenset(
    [
        "astronaut",
        "author",
        "novelist",
        "chef",
        "actor",
        "actress",
        "director",
        "singer",
        "artist",
        "coach",
        "scientist",
        "economist",
        "historian",
        "architect",
        "designer",
        "poet",
        "writer",
        "photographer",
        "filmmaker",
        "composer",
        "musician",
        "activist",
        "entrepreneur",
        "founder",
        "ceo",
        "doctor",
        "nurse",
        "pilot",
        "farmer",
        "teacher",
        "lawyer",
        "comedian",
        "player",
        "captain",
        "manager",
        "bishop",
        "cardinal",
        "rabbi",
        "imam",
        "pastor",
        "explorer",
        "athlete",
        "climber",
        "sculptor",
        "dancer",
    ]
)
_QA_PREFIX = re.compile(r"^(?:#+\s+)?(?:Q\s*&\s*A|Q and A|Interview|The interview)\s*[:—–-]\s+", re.IGNORECASE)


#: a name's words open with a capital, accented ones too ("Élise Marchand", "Ángel Ruiz"), or an O' ("O’Brien")
_CAP_WORD = r"[A-ZÀ-ÖØ-Þ](?:[’'][A-Z])?[a-zß-öø-ÿ][\w'’-]*"
_NAME = rf"{_CAP_WORD}(?:\s+{_CAP_WORD}){{1,2}}"
#: other headline forms that name the person interviewed: "Kelechi Adeyemi: ‘I never wanted to leave’",
#: "Camille Fournier : « Le Rhône ... »", "Priya Raman, CEO of Gridwell, on batteries ...", "Larkspur Foods
#: CFO Helen Achterberg on prices", "In Conversation: Aurelio Benn".  Each with whether the name must come
#: back elsewhere: "Name: 'quote'" and "In Conversation: Name" name a topic as often ("Flood Defences: ...")
_HEADLINE_FORMS: tuple[tuple[re.Pattern[str], bool], ...] = (
    (re.compile(rf"^(?:#+\s+)?(?:[\w-]+\s+)?(?P<name>{_NAME})\s?[:：]\s*[“\"‘'«„]"), True),
    (
        re.compile(
            rf"^(?:#+\s+)?(?P<name>{_NAME}),\s(?=[^,\n]*\b(?:CEO|CFO|chief|founder|head|director|chair|minister|"
            rf"president|professor|author|editor|governor|mayor|secretary|of)\b)[^,\n]{{2,60}},\s+on\s+[a-z]"
        ),
        False,
    ),
    (
        re.compile(
            rf"^(?:#+\s+)?(?:[A-Z][\w&.'’-]*\s+){{0,4}}(?:CEO|CFO|COO|CTO|chair(?:man|woman)?|chief executive|founder|"
            rf"director|head)\s+(?P<name>{_NAME})\s+on\s+[a-z]"
        ),
        False,
    ),
    # "Climate scientist Jonas Berg on ...", "“We were never told”: Calder valley farmer Ruth Bell on ..."
    (
        re.compile(
            rf"^(?:#+\s+)?(?:[“\"‘'«][^\n]+[”\"’'»]\s*[:—–-]\s*)?(?:[\w-]+\s+){{0,3}}?"
            rf"(?i:{'|'.join(sorted(_OCCUPATIONS))})\s+(?P<name>{_NAME})\s+on\s+[a-z]"
        ),
        False,
    ),
    (
        re.compile(
            rf"^(?:#+\s+)?(?:in conversation|conversation|talking|meet|interview)(?: with)?\s*[:—–-]\s*"
            rf"(?P<name>{_NAME})\s*$",
            re.I,
        ),
        True,
    ),
)
#: words a headline may open with that are no one's name: "Breaking News: 'We will not resign'"
_HEADLINE_NOT_NAME = frozenset(
    [
        "breaking",
        "hurricane",
        "storm",
        "typhoon",
        "cyclone",
        "operation",
        "news",
        "exclusive",
        "watch",
        "live",
        "update",
        "opinion",
        "analysis",
        "review",
        "full",
        "transcript",
        "video",
        "audio",
        "podcast",
        "episode",
        "special",
        "report",
        "read",
        "the",
    ]
)


def _named_by_headline(header: str, body: str = "") -> str | None:
    """The person a headline in the first lines of ``header`` names, in the forms of ``_HEADLINE_FORMS``;
    where the form asks for it, the surname must also appear, capitalised, elsewhere in the header or in
    ``body``."""
    for line in header.strip().splitlines()[:6]:
        line = _QA_PREFIX.sub("", line.strip())
        for form, confirm in _HEADLINE_FORMS:
            m = form.search(line)
            if m is None:
                continue
            words = m.group("name").split()
            if any(w.lower() in _HEADLINE_NOT_NAME or w.lower() in _NOT_NAME for w in words):
                continue
            if words[-1].lower() in _NOT_SURNAMES:
                continue
            if _OUTLET_RE.search(m.group("name")) or any(w.lower() in _OUTLET_WORDS for w in words):
                continue
            elsewhere = header.replace(line, " ") + " " + body
            if confirm and not re.search(rf"\b{re.escape(words[-1])}\b", elsewhere):
                continue
            return m.group("name")
    return None


# a headline's quotation before the name: "“The ice is telling us something”: Tomas Eriksen on ..."
_QUOTE_BEFORE = re.compile(r"^(?:#+\s+)?[“\"‘'«„][^\n]+[”\"’'»“]\s*[:—–-]\s*$")


def _speaker_by_title(text: str, body: str = "") -> tuple[str | None, str | None]:
    m = _BY_TITLE_RE.search(text)
    if not m:
        lines = [ln for ln in text.strip().splitlines() if ln.strip()][:4] if text.strip() else []
        # the headline may follow a kicker ("Science · Interview"): the first line that is a heading
        first_line = next((ln for ln in lines if ln.lstrip().startswith("#")), lines[0] if lines else "")
        first_line = _QA_PREFIX.sub("", first_line)  # "Q&A: Senator Lena Hart on ...": the name opens it
        first_line = re.sub(r"^#+\s+", "", first_line.lstrip())  # "# Ruth Bell on ...": a page's headline
        h = _HEADLINE_RE.search(first_line)
        # without a title ("Mayor"), only a name that opens the headline: "Ask the Expert: First-time
        # Buyers on the hunt" is about buyers, not a person called that
        quoted = h is not None and _QUOTE_BEFORE.match(first_line[: h.start("name")]) is not None
        if h and not h.group("title") and ((h.start("name") > 0 and not quoted) or "-" in h.group("name")):
            h = None
        if h and h.group("name").split()[0].lower() not in _NOT_NAME:
            words = h.group("name").split()
            if len(words) == 3 and words[0].lower() in _OCCUPATIONS and not h.group("title"):
                return " ".join(words[1:]), words[0]  # "Astronaut Lena Sorvino on six months aboard"
            return h.group("name"), (h.group("title") or "").rstrip(".") or None
        return _named_by_headline(text, body), None
    if not m.group(2)[0].isupper():
        return None, None
    words = m.group(2).split()
    while words and words[-1].lower() in _NOT_SURNAME:
        words.pop()
    if not words or words[0].lower() in _NOT_SURNAME:
        return None, None
    return " ".join(words), m.group(1).title()


#: "President Rustam Karimli's interview with Global News Network": the interview is the person's, and the
#: name after "with" is the outlet's
_POSSESSIVE_INTERVIEW = re.compile(
    r"\b((?:[A-Z][\w.'’-]*\s+){0,5}[A-Z][\w'’-]*?)['’]s\s+(?:exclusive\s+|first\s+)?interview\s+(?:with|to)\b"
)


#: "Minister Claire Dubois interview with Radio North", as press offices title their transcripts
_NAMED_INTERVIEW = re.compile(r"\b((?:[A-Z][\w.'’-]*\s+){1,5}?)interview\s+(?:with|to)\b")


#: "Interview of Foreign Minister Sergei Lavrenko to Channel One", as presidential and ministry sites put it
_INTERVIEW_OF = re.compile(
    r"\b[Ii]nterview (?:of|given by) (?:the )?((?:[A-Z][\w.'’-]*\s+){1,5}?[A-Z][\w'’-]*)\s+(?:to|for)\b"
)


def _possessive_interviewee(text: str) -> tuple[str | None, str | None]:
    m = _POSSESSIVE_INTERVIEW.search(text) or _INTERVIEW_OF.search(text)
    named = m is None
    m = m or _NAMED_INTERVIEW.search(text)
    if m is None:
        return None, None
    words = m.group(1).split()
    lead: list[str] = []
    while words and words[0].lower().strip(".") in _NOT_NAME:
        lead.append(words.pop(0))
    # "Front Row interview with ...", "Foreign Affairs Weekly interview with ...": a programme's; "Minister
    # Claire Dubois interview with ...": an office holder's
    if named and not any(w.lower().strip(".") in _OFFICE_WORDS for w in lead):
        return None, None
    name = " ".join(words)
    # "Al Jazeera's interview with ...", "Fox News's interview with ...": an outlet's, not a person's
    if not 2 <= len(words) <= 3 or _OUTLET_RE.search(name) or any(w.lower() in _OUTLET_WORDS for w in words):
        return None, None
    return name, (" ".join(lead) or None)


_OUTLET_WORDS = frozenset(
    ["tv", "news", "radio", "channel", "network", "times", "post", "journal", "agency", "press", "television", "daily"]
)


_INTERVIEWED_BY = re.compile(
    r"\b(?:interviewed by|[Ii]nterview by|"
    r"[Pp]ropos recueillis par|[Dd]as (?:Gespräch|Interview) führten?|"
    r"[Ee]ntrevista (?:realizada |hecha )?por|[Ii]ntervista (?:a cura )?di)\s+"
    r"((?:[A-ZÀ-ÖØ-Þ](?:[’'][A-Z])?[a-zß-öø-ÿ][\w'’-]*)(?:\s+[A-ZÀ-ÖØ-Þ](?:[’'][A-Z])?[a-zß-öø-ÿ][\w'’-]*){1,2})"
    r"(?=\s+(?:of|from|for|at|und|et|y)\b|\s*[,.;)\n–—-]|\s*$)"
)


#: "host Sandra Lee spoke with Ellen Marsh": the host asked (without the verb, "former host Tom Reyes" may be
#: the one interviewed)
_HOST_SPOKE = re.compile(
    r"(?<![Ff]ormer )\b(?:[Hh]ost|[Aa]nchor|[Pp]resenter)\s+((?:[A-ZÀ-ÖØ-Þ](?:[’'][A-Z])?[a-zß-öø-ÿ][\w'’-]*)"
    r"(?:\s+[A-ZÀ-ÖØ-Þ](?:[’'][A-Z])?[a-zß-öø-ÿ][\w'’-]*){1,2}),?\s+(?:spoke|talked|sat down)\s+(?:with|to)\b"
)


def interviewer_in(header: str) -> str | None:
    """The journalist a header names as the one who asked: "interviewed by Anna Petrova of Channel One",
    "Propos recueillis par Julien Marchand", "Das Gespräch führte Lukas Brandt", "host Sandra Lee spoke with"."""
    m = _INTERVIEWED_BY.search(header) or _HOST_SPOKE.search(header)
    return m.group(1) if m else None


_PERSON = re.compile(
    r"[A-ZÀ-ÖØ-Þ](?:[’'][A-Z])?[a-zß-öø-ÿ][\w'’-]*(?:\s+(?:[A-Z]\.\s+)?[A-ZÀ-ÖØ-Þ](?:[’'][A-Z])?[a-zß-öø-ÿ][\w'’-]*){1,2}"
)


#: offices that precede a name ("Minister Claire Dubois"), unlike adjectives that may ("Foreign Affairs Weekly")
_OFFICE_WORDS = frozenset(
    {"president", "minister", "secretary", "senator", "sen", "governor", "gov", "mayor", "chancellor"}
    | {"premier", "ambassador", "general", "commissioner", "councillor", "rep", "representative", "chief", "director"}
)
#: last words of places, buildings and bodies, not of people: "Hartley House", "Cedar Falls", "Riverside Trust"
_NOT_SURNAMES = frozenset(
    {"house", "hall", "street", "road", "avenue", "park", "falls", "bridge", "centre"}
    | {"center", "school", "college", "university", "hospital", "council", "court", "square", "station"}
    | {"church", "farm", "lane", "hill", "valley", "river", "lake", "bay", "island"}
    | {"club", "group", "company", "trust", "foundation", "project", "fund", "party", "union"}
    | {"report", "city", "town", "county", "village", "district", "weekly", "daily", "news"}
    | {"review", "magazine"}
)


def author_as_asker(author: str | None, answering: Iterable[str] = ()) -> str | None:
    """The page's bylined author ("By Maya Lindqvist", see :mod:`onrecord.readers.html`) when it is one
    person's name: a Q&A's questions are, as a rule, its author's.  Not a list of authors, a desk ("Staff"),
    an outlet, or one of those ``answering`` (a doctor answering readers' questions wrote the page)."""
    if not author or not _PERSON.fullmatch(author.strip()):
        return None
    if any(author.split()[-1].lower() == a.split()[-1].lower() for a in answering if a):
        return None
    words = author.split()
    if any(w.lower() in _OUTLET_WORDS or w.lower() in _HEADLINE_NOT_NAME for w in words) or _OUTLET_RE.search(author):
        return None
    return author.strip()


_OUTLET_NAME_WORDS = _OUTLET_WORDS | frozenset(
    {"broadcasting", "broadcast", "zeitung", "allgemeine", "dagblad", "herald", "tribune", "gazette", "telegraph"}
    | {"chronicle", "observer", "guardian", "independent", "express", "mirror", "courier", "standard", "media"}
    | {"magazine", "weekly", "review", "wire", "fm", "am", "tv", "nachrichten", "presse", "rundfunk", "télévision"}
)


def looks_like_outlet(name: str) -> bool:
    """Whether ``name`` is a news outlet's: a known one, one with a word outlets have ("Nordic Broadcasting",
    "Frankfurter Allgemeine"), or a broadcaster's acronym (ZDF, AFP)."""
    words = name.split()
    return bool(
        _OUTLET_RE.search(name)
        or any(w.lower() in _OUTLET_NAME_WORDS for w in words)
        or (len(words) == 1 and is_outlet_acronym(name))
    )


def find_interviewee(text: str, body: str = "") -> tuple[str | None, str | None]:
    """(name, title) of the person the header says was interviewed (``body``, the rest of the document,
    may confirm a name a headline gives)."""
    owner = _possessive_interviewee(text)
    if owner[0] is not None:
        return owner
    votes: Counter[str] = Counter()
    titles: dict[str, str] = {}
    for m in _WITH_RE.finditer(text):
        phrase = m.group(1)
        for found in _CAP_RUN.finditer(phrase):
            words = found.group().split()
            if (
                any(w.endswith(("'s", "’s")) for w in words[:-1])
                or _JOURNALIST_BEFORE.search(phrase, 0, found.start())
                or _JOURNALIST_AFTER.match(phrase, found.end())
            ):
                continue  # "with Capitol Wire's Omar Reyes", "with Capitol Wire host Omar Reyes": who asked
            lead: list[str] = []
            while words and words[0].lower().strip(".") in _NOT_NAME:
                lead.append(words.pop(0))
            if _OUTLET_RE.search(" ".join(words)) or any(w.lower() in _OUTLET_WORDS for w in words):
                continue  # "Minister Claire Dubois interview with Radio North": the outlet asked
            if len(words) >= 2:
                name = " ".join(words[-2:]) if len(words) > 3 else " ".join(words)
                votes[name] += 1
                tail = " ".join(words[-2:])
                if tail != name:
                    votes[tail] += 1
                if lead:
                    titles.setdefault(name, lead[0].strip("."))
        if "President" in phrase and votes:
            for name in list(votes):
                titles.setdefault(name, "President")
    if not votes:
        return _speaker_by_title(text, body)
    best = max(votes.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
    return best, titles.get(best)


def today_iso() -> str:
    return date.today().isoformat()


_TITLE_WORDS = _NOT_NAME | {
    "gov",
    "sen",
    "rep",
    "amb",
    "gen",
    "lt",
    "col",
    "adm",
    "hon",
    "rev",
    "candidate",
    "moderator",
    "host",
    "anchor",
    "correspondent",
    "panelist",
    "question",
    "questioner",
    "audience",
    "speakers",
    "speaker",
    "participants",
    "journalist",
    "reporter",
    "nominee",
    "democratic",
    "republican",
    "u.s.",
    "us",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "final",
    "last",
    "presidential",
    "debate",
    "member",
    "sens",
    "govs",
    "reps",
    "businessman",
    "businesswoman",
    "entrepreneur",
    "mayor",
    "judge",
    "justice",
    "ambassador",
}


#: capitalised words that stand before a name without being part of it ("Sun. Edwin Newman" in a dateline,
#: "Democrat Walter Mondale")
_NOT_GIVEN = {
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "democrat", "democratic", "republican", "independent", "candidate", "nominee",
}  # fmt: skip
#: a given name or initial: capitalised, and not "I" or "I'm" ("I'm Jim Lehrer" names Jim Lehrer)
_GIVEN = re.compile(r"(?!I(?:[’']m)?$)[A-Z][\w'’.-]*$")


def full_name_in(header: str, surname: str) -> str | None:
    """The fuller form of a one-word speaker label in the header ("SPEAKERS: FORMER GOV. MITT
    ROMNEY, R-MASS." gives "Mitt Romney" for ROMNEY); None when the header has none.

    The given names (one or two words) must stand on the same line right before the surname,
    after any title ("FORMER GOV."), connective ("and") or phrase-ending punctuation ("SPEAKERS:").
    """
    pattern = re.compile(r"((?:[“\"‘]?[A-Za-z][\w'’.:,;”\"-]*[ \t]+){1,5})" + re.escape(surname) + r"\b", re.I)

    def norm(word: str) -> str:
        return word.lower().strip(".,:;")

    for m in pattern.finditer(header):
        words: list[str] = []  # the given names: the words right before the surname, back to a title
        for w in reversed(m.group(1).split()):
            if w[0] in '“"‘' and w[-1] in '”"’':
                continue  # a nickname: Harold “Hal” Jennings is Harold Jennings
            if (
                w[-1] in ",:;"
                or norm(w) in _TITLE_WORDS
                or norm(w) in _GLUE
                or norm(w) in _NOT_GIVEN
                or len(words) == 2
                or not _GIVEN.match(w)
            ):
                break
            words.insert(0, w)
        if not words:
            continue
        given = " ".join(w.capitalize() if w.isupper() else w for w in words)
        last = surname.capitalize() if surname.isupper() else surname
        return f"{given} {last}"
    return None


_GLUE = frozenset({"and", "the", "of", "with", "by", "a", "in", "at", "on", "to"})


# "MODERATORS:  Anderson Cooper (CNN) and  Martha Raddatz (ABC News)", up to the next heading or turn
_MODERATORS_RE = re.compile(r"^[ \t]*(?i:moderators?)[ \t]*:(?P<names>.*?)(?=^[ \t]*[A-Z][A-Z .'’-]*:|\Z)", re.M | re.S)


def moderator_surnames(header: str) -> set[str]:
    """Lower-cased surnames of the people a header lists under "MODERATOR(S):" (none when it has no such list).

    A debate's questioners are told apart by this list: a co-moderator is a moderator, not one of the
    panel of journalists that older debates had.
    """
    m = _MODERATORS_RE.search(header)
    return listed_surnames(m.group("names")) if m else set()


# "Our moderator is Bill Moyers.", "Tonight's moderator will be Jim Lehrer of PBS"
_ANNOUNCED_RE = re.compile(
    r"\b(?:[Oo]ur|[Tt]he|[Tt]onight[’']s|[Yy]our) moderator(?: tonight| this evening)? (?:is|will be) "
    r"((?:[A-ZÀ-ÖØ-Þ](?:[’'][A-Z])?[a-zß-öø-ÿ][\w’'-]*|[A-Z]\.)(?:\s+(?:[A-ZÀ-ÖØ-Þ](?:[’'][A-Z])?[a-zß-öø-ÿ][\w’'-]*|[A-Z]\.)){1,2})"
)


def announced_moderators(opening: str) -> set[str]:
    """Lower-cased surnames of the moderators a debate's opening turn announces ("Our moderator is Bill
    Moyers."): the League of Women Voters' debates list no moderator in the header, and the labels
    ("MR. MOYERS, HOST AND EXECUTIVE EDITOR") call every journalist on stage by their job."""
    return {m.group(1).split()[-1].lower() for m in _ANNOUNCED_RE.finditer(opening)}


def name_with_initials(header: str, initials: str) -> str | None:
    """The one full name in ``header`` whose initials are ``initials`` ("Jane Doe" for "JD"), or None
    when no name or several do: magazines label turns by initials and name the people above."""
    found = {
        run
        for run in re.findall(
            rf"\b{_CAP_WORD}(?:[ \t]+{_CAP_WORD}){{1,2}}\b",
            header,
        )
        if "".join(w[0] for w in run.split()) == initials
    }
    return found.pop() if len(found) == 1 else None


def legend_name(header: str, voice: str) -> str | None:
    """The person a header's legend gives a numbered voice ("Speaker 1: host Rachel Kim." gives
    "Rachel Kim" for "Speaker 1"), or None: automatic transcripts label voices by number."""
    m = re.search(
        rf"(?i:\b{re.escape(voice)})[ \t]*[:=(–-][ \t]*(?:[a-z][\w'’-]*[ \t]+){{0,3}}"
        rf"(?:(?:Dr|Mr|Mrs|Ms|Prof|Professor)\.?[ \t]+)?({_CAP_WORD}(?:[ \t]+{_CAP_WORD}){{1,2}})",
        header,
    )
    if m is None:  # "briefing by Marisol Ebanks, Spokesperson for the Secretary-General"
        m = re.search(
            rf"\b({_CAP_WORD}(?:[ \t]+{_CAP_WORD}){{1,2}}),[ \t]+(?:the[ \t]+)?(?i:{re.escape(voice)})\b",
            header,
        )
    return m.group(1) if m else None


def listed_surnames(listing: str) -> set[str]:
    """Lower-cased surnames in a list of names ("Anderson Cooper (CNN) and Martha Raddatz (ABC News)")."""
    names = re.sub(r"\([^)]*\)", " ", listing)  # "(CNN)"
    out: set[str] = set()
    for part in re.split(r",|;|\band\b|\n", names):
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", part) if w.lower() not in _TITLE_WORDS]
        if words:
            out.add(words[-1].lower())
    return out


# "I'm Jim Lehrer of the NewsHour", "My name is Carole Simpson": two or three capitalised words
_SELF_INTRO_RE = re.compile(
    rf"\b(?:I[’']m|I am|[Mm]y name is)\s+((?:{_CAP_WORD}|[A-Z]\.)(?:\s+(?:{_CAP_WORD}|[A-Z]\.)){{1,2}})\b"
)


def self_introduction(text: str) -> str | None:
    """The full name a speaker introduces themselves with ("I'm Jim Lehrer of the NewsHour" gives
    "Jim Lehrer"), or None."""
    m = _SELF_INTRO_RE.search(text)
    return m.group(1) if m else None
