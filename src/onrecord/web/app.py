"""The web app: server-rendered pages and a JSON API over one :class:`Store`.

Pages: home (paste or upload a transcript), interviews, an interview's report,
speakers, a speaker's record, claims, a claim with related and opposite
claims, search with filters, an API index.  The JSON API lives under
``/api/v1`` and is described at ``/openapi.json``.

Safety, in one place:

* every page is rendered by the report's Jinja2 environment (autoescape on)
  and sent with a Content-Security-Policy that admits only our own inline
  style and script (by hash), so escaped input cannot become markup and
  injected markup could not run;
* request bodies are capped (``max_upload`` bytes) while they are read;
  uploads must be text-like (suffix and content type, then decoding);
* writes (upload, delete) need the token when one is configured, which
  :func:`onrecord.commands.web` makes mandatory off loopback; form posts from
  another origin are refused, and ``allowed_hosts`` stops DNS rebinding;
* any error becomes a page (or JSON) with a message: tracebacks go to the log.
"""

from __future__ import annotations

import hmac
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from onrecord import __version__
from onrecord.document import Interview
from onrecord.errors import InputError, OnrecordError
from onrecord.io import decode
from onrecord.render.html import Chrome, assets, environment, render_html
from onrecord.web.store import (
    HIT_KINDS,
    ClaimRow,
    InterviewRow,
    Page,
    RelatedClaims,
    SearchFilters,
    SearchResult,
    SpeakerRecord,
    SpeakerRow,
    Store,
)

log = logging.getLogger("onrecord.web")

MAX_UPLOAD = 10 * 1024 * 1024  # room for a PDF or Word file; a text transcript is rarely over 1 MiB
REPORT_CACHE = 64
FORM_SLACK = 64 * 1024  # room for the multipart envelope and the other form fields
TEXT_SUFFIXES = frozenset({"", ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".vtt", ".srt", ".json"})
#: PDF and Word files, and what a browser may call them
DOCUMENT_TYPES: dict[str, frozenset[str]] = {
    ".pdf": frozenset({"application/pdf", "application/x-pdf"}),
    ".docx": frozenset({"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}),
}
TEXT_TYPES = frozenset(
    {
        "application/octet-stream",
        "application/json",
        "application/x-subrip",
        "application/xhtml+xml",
        "application/x-empty",
        "",
    }
)
NAV: tuple[tuple[str, str], ...] = (
    ("/", "onrecord"),
    ("/interviews", "Interviews"),
    ("/speakers", "Speakers"),
    ("/claims", "Claims"),
    ("/search", "Search"),
    ("/api", "API"),
)

Analyzer = Callable[[bytes, str], Interview]


class BodyTooLarge(Exception):
    """Raised while a request body is read once it passes the limit."""


class WebError(Exception):
    """An error with a status and a message meant for the person at the browser."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class BodyLimit:
    """ASGI middleware: refuse bodies over ``limit`` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = self.limit + 1
                if declared > self.limit:
                    await _too_large(scope, send, self.limit)
                    return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge()
            return message

        await self.app(scope, counted, send)


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    path = scope.get("path", "")
    msg = f"The request is larger than the {_size(limit - FORM_SLACK)} limit."
    response: Response
    if str(path).startswith("/api/"):
        response = JSONResponse({"detail": msg}, status_code=413)
    else:
        response = HTMLResponse(_error_html("Too large", msg, 413), status_code=413, headers=_page_headers())

    async def nothing() -> Message:
        return {"type": "http.disconnect"}

    await response(scope, nothing, send)


def _page_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": assets().csp(page=True),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
        "Cache-Control": "no-store",
    }


def _error_html(title: str, message: str, status: int) -> str:
    return (
        environment()
        .get_template("web/error.html.j2")
        .render(
            title=title,
            message=message,
            status_code=status,
            token_required=False,
            chrome=Chrome(nav=NAV),
            csp=assets().csp(page=True),
        )
    )


def default_analyzer(stages: Sequence[str] | None) -> Analyzer:
    """Decode and analyse bytes with :func:`onrecord.analyze` and the given stages."""

    def run(data: bytes, name: str) -> Interview:
        from onrecord.pipeline import analyze

        return analyze(decode(data, name), stages=stages, name=name)

    return run


class TextIn(BaseModel):
    """A transcript to analyse and store."""

    text: str = Field(description="The transcript, as plain text (any layout onrecord reads).")
    name: str = Field(default="pasted.txt", description="A file name, kept as the source.")


class Stored(BaseModel):
    id: str
    title: str
    url: str


def create_app(
    store: Store,
    *,
    token: str | None = None,
    analyzer: Analyzer | None = None,
    max_upload: int = MAX_UPLOAD,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The ASGI app over ``store``.  With ``token`` set, writes must present it."""
    run_analysis = analyzer or default_analyzer(None)
    env = environment()
    # fastapi-offline serves the Swagger UI files itself: FastAPI's own /docs loads them from a
    # CDN, which leaves a blank page on a machine with no internet.
    from fastapi_offline import FastAPIOffline

    app = FastAPIOffline(
        title="onrecord",
        version=__version__,
        description="Interviews as an accountable record: reports, speakers, claims, search.",
        docs_url="/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
        static_url="/docs-assets",
    )
    app.add_middleware(BodyLimit, limit=max_upload + FORM_SLACK)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))

    # rendered reports, newest last; a document never changes under its id, deletion drops it
    reports: OrderedDict[tuple[str, bool], str] = OrderedDict()
    reports_lock = threading.Lock()

    def cached_report(iid: str, standalone: bool) -> str:
        key = (iid, standalone)
        with reports_lock:
            if key in reports:
                reports.move_to_end(key)
                return reports[key]
        doc = get_doc(iid)
        html = render_html(doc) if standalone else render_html(doc, chrome=report_chrome(iid))
        with reports_lock:
            reports[key] = html
            while len(reports) > REPORT_CACHE:
                reports.popitem(last=False)
        return html

    def forget(iid: str) -> None:
        with reports_lock:
            for key in [k for k in reports if k[0] == iid]:
                del reports[key]

    # ------------------------------------------------------------ helpers
    def page(template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = env.get_template(template).render(
            chrome=Chrome(nav=NAV), csp=assets().csp(page=True), token_required=token is not None, **ctx
        )
        return HTMLResponse(html, status_code=status, headers=_page_headers())

    def check_write(request: Request, form_token: str | None) -> None:
        origin = request.headers.get("origin") or request.headers.get("referer")
        if origin and origin != "null":
            host = request.headers.get("host", "")
            if urlsplit(origin).netloc != host:
                raise WebError(403, "This form was sent from another site; open onrecord directly and try again.")
        elif origin == "null":
            raise WebError(403, "This form was sent from an opaque origin; open onrecord directly and try again.")
        if token is None:
            return
        given = form_token or ""
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        given = request.headers.get("x-onrecord-token", given)
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise WebError(401, "This server needs its access token for uploads and deletions.")

    def report_chrome(iid: str) -> Chrome:
        return Chrome(
            nav=NAV,
            actions={
                "JSON": f"/api/v1/interviews/{quote(iid)}",
                "Download report": f"/interviews/{quote(iid)}/report.html",
                "Delete…": f"/interviews/{quote(iid)}/delete",
            },
        )

    def get_doc(iid: str) -> Interview:
        doc = store.get(iid)
        if doc is None:
            raise WebError(404, f"No interview with id {iid!r} is stored.")
        return doc

    async def ingest(data: bytes, name: str) -> str:
        if len(data) > max_upload:
            raise WebError(413, f"The transcript is larger than the {_size(max_upload)} limit.")
        if not data.strip():
            raise WebError(400, "The transcript is empty: paste some text or choose a file.")
        try:
            doc = await run_in_threadpool(run_analysis, data, name)
        except InputError as exc:
            raise WebError(400, f"onrecord could not read this transcript: {exc}") from exc
        except OnrecordError as exc:
            raise WebError(500, f"The analysis failed: {exc}") from exc
        return await run_in_threadpool(store.add, doc, name)

    def search(q: str, f: SearchFilters, offset: int, limit: int) -> SearchResult:
        try:
            return store.search(q, f, offset, limit)
        except InputError as exc:
            raise WebError(400, f"Check the search: {exc}") from exc

    def stored(iid: str) -> Stored:
        """What the API answers for a newly stored interview."""
        title = get_doc(iid).metadata.title or "Untitled interview"
        return Stored(id=iid, title=title, url=f"/interviews/{quote(iid)}")

    # ------------------------------------------------------------ errors
    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(WebError)
    async def on_web_error(request: Request, exc: WebError) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": exc.message}, status_code=exc.status)
        return page(
            "web/error.html.j2",
            status=exc.status,
            title=_title(exc.status),
            message=exc.message,
            status_code=exc.status,
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.status_code != 404 else "There is no page at this address."
        if wants_json(request):
            return JSONResponse({"detail": message}, status_code=exc.status_code)
        return page(
            "web/error.html.j2",
            status=exc.status_code,
            title=_title(exc.status_code),
            message=message,
            status_code=exc.status_code,
        )

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors())
        if wants_json(request):
            return JSONResponse({"detail": problems}, status_code=422)
        return page("web/error.html.j2", status=422, title="Check the form", message=problems, status_code=422)

    @app.exception_handler(BodyTooLarge)
    async def on_too_large(request: Request, exc: BodyTooLarge) -> Response:
        msg = f"The request is larger than the {_size(max_upload)} limit."
        if wants_json(request):
            return JSONResponse({"detail": msg}, status_code=413)
        return page("web/error.html.j2", status=413, title="Too large", message=msg, status_code=413)

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        msg = "Something went wrong on the server; the details are in its log."
        if wants_json(request):
            return JSONResponse({"detail": msg}, status_code=500)
        return page("web/error.html.j2", status=500, title="Server error", message=msg, status_code=500)

    # ------------------------------------------------------------ pages
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> HTMLResponse:
        return page("web/home.html.j2", recent=store.interviews(0, 10), max_size=_size(max_upload))

    @app.post("/interviews", include_in_schema=False)
    async def upload(request: Request) -> Response:
        form = await request.form(max_files=1, max_fields=10, max_part_size=max_upload + 1024)
        tok = form.get("token")
        check_write(request, tok if isinstance(tok, str) else None)
        file = form.get("file")
        text = form.get("text")
        if isinstance(file, StarletteUpload) and file.filename:
            name = PurePosixPath(file.filename.replace("\\", "/")).name or "upload.txt"
            _check_type(name, file.content_type or "")
            data = await file.read(max_upload + 1)
            await file.close()
        elif isinstance(text, str) and text.strip():
            name, data = "pasted.txt", text.encode("utf-8")
        else:
            raise WebError(400, "Paste a transcript or choose a file to upload.")
        iid = await ingest(data, name)
        return RedirectResponse(f"/interviews/{quote(iid)}", status_code=303)

    @app.get("/interviews", response_class=HTMLResponse, include_in_schema=False)
    def interviews_page(offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
        return page("web/interviews.html.j2", page_=store.interviews(offset, 50))

    @app.get("/interviews/{iid}", response_class=HTMLResponse, include_in_schema=False)
    def report_page(iid: str) -> HTMLResponse:
        return HTMLResponse(cached_report(iid, False), headers=_page_headers())

    @app.get("/interviews/{iid}/report.html", include_in_schema=False)
    def report_download(iid: str) -> Response:
        html = cached_report(iid, True)
        headers = _page_headers() | {"Content-Disposition": f'attachment; filename="onrecord-{quote(iid)}.html"'}
        return HTMLResponse(html, headers=headers)

    @app.get("/interviews/{iid}/delete", response_class=HTMLResponse, include_in_schema=False)
    def delete_confirm(iid: str) -> HTMLResponse:
        doc = get_doc(iid)
        return page("web/delete.html.j2", iid=iid, title=doc.metadata.title or "Untitled interview")

    @app.post("/interviews/{iid}/delete", include_in_schema=False)
    def delete_page(request: Request, iid: str, token_: Annotated[str | None, Form(alias="token")] = None) -> Response:
        check_write(request, token_)
        forget(iid)
        if not store.delete(iid):
            raise WebError(404, f"No interview with id {iid!r} is stored.")
        return RedirectResponse("/interviews", status_code=303)

    @app.get("/speakers", response_class=HTMLResponse, include_in_schema=False)
    def speakers_page(q: str | None = None, offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
        return page("web/speakers.html.j2", page_=store.speakers(q or None, offset, 100), q=q or "")

    @app.get("/speakers/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def speaker_page(name: str) -> HTMLResponse:
        rec = store.speaker(name)
        if rec is None:
            raise WebError(404, f"No speaker called {name!r} in the corpus.")
        return page("web/speaker.html.j2", s=rec)

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(speaker: str | None = None, offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
        return page("web/claims.html.j2", page_=store.claims(speaker or None, offset, 50), speaker=speaker or "")

    @app.get("/claims/{cid}", response_class=HTMLResponse, include_in_schema=False)
    def claim_page(cid: str) -> HTMLResponse:
        rel = store.related(cid)
        if rel is None:
            raise WebError(404, f"No claim with id {cid!r} is stored.")
        return page("web/claim.html.j2", r=rel)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        q: str = "",
        kind: str | None = None,
        speaker: str | None = None,
        role: str | None = None,
        outlet: str | None = None,
        clarity: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> HTMLResponse:
        f = _filters(kind, speaker, role, outlet, clarity, date_from, date_to)
        result, error = None, None
        try:
            result = search(q, f, offset, 20) if (q.strip() or any(f.model_dump().values())) else None
        except WebError as exc:  # a malformed query: say so above the form, to be corrected there
            error = exc.message
        return page(
            "web/search.html.j2",
            q=q,
            f=f,
            result=result,
            kinds=HIT_KINDS,
            error=error,
            status=400 if error else 200,
        )

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page() -> HTMLResponse:
        routes: list[tuple[str, str, str]] = []
        for path, ops in app.openapi().get("paths", {}).items():
            for method, op in ops.items():
                routes.append((method.upper(), path, str(op.get("summary", ""))))
        return page("web/api.html.j2", routes=routes)

    # ------------------------------------------------------------ JSON API
    @app.get("/api/v1/interviews", response_model=Page[InterviewRow], tags=["interviews"], summary="List interviews")
    def api_interviews(
        offset: Annotated[int, Query(ge=0)] = 0, limit: Annotated[int, Query(ge=1, le=500)] = 50
    ) -> Page[InterviewRow]:
        return store.interviews(offset, limit)

    @app.get(
        "/api/v1/interviews/{iid}", response_model=Interview, tags=["interviews"], summary="One interview document"
    )
    def api_interview(iid: str) -> Interview:
        return get_doc(iid)

    @app.post(
        "/api/v1/interviews",
        response_model=Stored,
        status_code=201,
        tags=["interviews"],
        summary="Analyse and store a transcript",
    )
    async def api_add(request: Request, body: TextIn) -> Stored:
        check_write(request, None)
        iid = await ingest(body.text.encode("utf-8"), PurePosixPath(body.name).name or "pasted.txt")
        return stored(iid)

    @app.post(
        "/api/v1/upload",
        response_model=Stored,
        status_code=201,
        tags=["interviews"],
        summary="Upload a transcript file",
    )
    async def api_upload(request: Request, file: UploadFile) -> Stored:
        check_write(request, None)
        name = PurePosixPath((file.filename or "upload.txt").replace("\\", "/")).name or "upload.txt"
        _check_type(name, file.content_type or "")
        iid = await ingest(await file.read(max_upload + 1), name)
        return stored(iid)

    @app.delete("/api/v1/interviews/{iid}", status_code=204, tags=["interviews"], summary="Delete an interview")
    def api_delete(request: Request, iid: str) -> Response:
        check_write(request, None)
        forget(iid)
        if not store.delete(iid):
            raise WebError(404, f"No interview with id {iid!r} is stored.")
        return Response(status_code=204)

    @app.get("/api/v1/speakers", response_model=Page[SpeakerRow], tags=["speakers"], summary="List speakers")
    def api_speakers(
        q: str | None = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> Page[SpeakerRow]:
        return store.speakers(q, offset, limit)

    @app.get(
        "/api/v1/speakers/{name:path}",
        response_model=SpeakerRecord,
        tags=["speakers"],
        summary="A speaker's record across interviews",
    )
    def api_speaker(name: str) -> SpeakerRecord:
        rec = store.speaker(name)
        if rec is None:
            raise WebError(404, f"No speaker called {name!r} in the corpus.")
        return rec

    @app.get("/api/v1/claims", response_model=Page[ClaimRow], tags=["claims"], summary="List claims")
    def api_claims(
        speaker: str | None = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> Page[ClaimRow]:
        return store.claims(speaker, offset, limit)

    @app.get(
        "/api/v1/claims/{cid}",
        response_model=RelatedClaims,
        tags=["claims"],
        summary="A claim with related and opposite claims",
    )
    def api_claim(cid: str) -> RelatedClaims:
        rel = store.related(cid)
        if rel is None:
            raise WebError(404, f"No claim with id {cid!r} is stored.")
        return rel

    @app.get("/api/v1/search", response_model=SearchResult, tags=["search"], summary="Search the corpus")
    def api_search(
        q: str = "",
        kind: str | None = None,
        speaker: str | None = None,
        role: str | None = None,
        outlet: str | None = None,
        clarity: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
    ) -> SearchResult:
        return search(q, _filters(kind, speaker, role, outlet, clarity, date_from, date_to), offset, limit)

    return app


def _filters(*values: str | None) -> SearchFilters:
    kind, speaker, role, outlet, clarity, date_from, date_to = (v.strip() if v and v.strip() else None for v in values)
    if kind is not None and kind not in HIT_KINDS:
        raise WebError(400, f"Unknown kind {kind!r}; use one of {', '.join(HIT_KINDS)}.")
    return SearchFilters(
        kind=kind, speaker=speaker, role=role, outlet=outlet, clarity=clarity, date_from=date_from, date_to=date_to
    )


def _check_type(name: str, content_type: str) -> None:
    suffix = PurePosixPath(name).suffix.lower()
    ctype = content_type.split(";")[0].strip().lower()
    if suffix in DOCUMENT_TYPES:
        if ctype and ctype not in DOCUMENT_TYPES[suffix] and ctype not in TEXT_TYPES:
            raise WebError(415, f"{name}: the browser says this is {ctype}, not a {suffix[1:].upper()} file.")
        return
    if suffix not in TEXT_SUFFIXES:
        raise WebError(
            415, f"{name}: only transcripts can be uploaded (.txt, .md, .html, .vtt, .srt, .json, .pdf, .docx)."
        )
    if ctype and not ctype.startswith("text/") and ctype not in TEXT_TYPES:
        raise WebError(415, f"{name}: the browser says this is {ctype}, not text.")


def _size(n: int) -> str:
    return f"{n / 1048576:.3g} MiB" if n >= 1048576 else f"{max(1, n // 1024)} KiB"


def _title(status: int) -> str:
    return {
        400: "Check the input",
        401: "Token needed",
        403: "Refused",
        404: "Not found",
        413: "Too large",
        415: "Not a text file",
        422: "Check the form",
    }.get(status, "Something went wrong")
