"""``create_app``: the FastAPI application behind ``accordingto serve``.

    from accordingto.serve.app import create_app
    app = create_app("corpus.db")                   # read-only, public URLs only
    # uvicorn.run(app, host="127.0.0.1", port=8000)

One app holds: a pool of read-only corpus connections, one analysis worker (the spaCy
pipeline, loaded once), a writer when writes are allowed, the templates and static files.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request as StarletteRequest
from starlette.responses import Response
from starlette.types import Scope

from accordingto.query import Corpus
from accordingto.serve import apidocs, pages, review_api, review_pages
from accordingto.serve.api import router as api_router
from accordingto.serve.config import Access, Limits
from accordingto.serve.errors import error_response, html_error_fallback, install_error_handlers, wants_page
from accordingto.serve.fetching import Resolver, resolve
from accordingto.serve.middleware import GuardMiddleware
from accordingto.serve.review_auth import ReviewAccess
from accordingto.serve.service import Service
from accordingto.serve.templating import Pages
from accordingto.serve.workers import AnalysisWorker, AnalyzerLike
from accordingto.settings import Settings
from accordingto.version import __version__

DESCRIPTION = """
The sourcing maps of news articles: analyse an article (`POST /api/analyze`), check a
draft's sourcing as a standards editor would (`POST /api/check`), and browse a corpus of
them (articles, sources, search, statistics, quote trails) with the same filters as the
`accordingto` command line. Lists are pages (`limit`, `offset`, `next_offset`); every
error is `{"ok": false, "error": "...", "status": N}`.
"""


def create_app(
    db_path: str | Path,
    *,
    allow_writes: bool = False,
    allow_private_urls: bool = False,
    settings: Settings | None = None,
    limits: Limits | None = None,
    trusted_hosts: tuple[str, ...] | None = None,
    analyzer: AnalyzerLike | None = None,
    preload: bool = False,
    resolver: Resolver = resolve,
    review: ReviewAccess | None = None,
) -> FastAPI:
    """The app over the corpus at ``db_path`` (created when missing).

    ``settings`` are the analysis settings (model...); ``limits`` the server's (body size,
    timeouts, queue lengths); ``trusted_hosts`` the only Host names answered (the CLI gives
    the loopback names when it binds to loopback); ``analyzer`` replaces the pipeline (tests);
    ``preload`` loads the pipeline before the first request; ``review`` enables ``/api/review``
    (docs/review.md) and its pages (``/review``) with its token, else every review route refuses."""
    path = Path(db_path)
    limits = limits or Limits()
    access = Access(allow_writes=allow_writes, allow_private_urls=allow_private_urls, trusted_hosts=trusted_hosts)
    # refuse a file that is not a corpus before serving (review writes its edits: it needs a writable corpus)
    open_corpus(path, allow_writes=allow_writes or review is not None).close()
    worker = AnalysisWorker(
        (settings or Settings.from_env()).with_(max_chars=limits.max_chars),
        timeout=limits.analysis_timeout,
        max_waiting=limits.max_waiting_analyses,
        analyzer=analyzer,
    )
    service = Service(path, limits=limits, access=access, analysis=worker, resolver=resolver)
    ui = Pages(allow_writes=allow_writes)
    reviewing = None if review is None else review_api.ReviewService(path, review, timeout=limits.query_timeout + 10)
    ui.env.globals["review_enabled"] = reviewing is not None  # the Review link, the review pages

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if preload:
            worker.load()
        yield
        service.close()
        if reviewing is not None:
            reviewing.close()

    app = FastAPI(
        title="accordingto",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # the bundled Swagger UI loads from a CDN: /docs is ours (apidocs.py)
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service
    app.state.pages = ui
    app.include_router(api_router)
    app.state.review = reviewing
    app.include_router(review_api.router if reviewing is not None else review_api.disabled_router)
    app.include_router(pages.router)
    app.include_router(review_pages.router)  # /review: 404 unless review is enabled
    app.include_router(apidocs.router)
    static = files("accordingto.serve").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    install_error_handlers(app, ui.error)
    app.add_middleware(
        GuardMiddleware,
        max_body_bytes=limits.max_body_bytes,
        respond=_responder(ui),
        trusted_hosts=trusted_hosts,
    )
    return app


def open_corpus(path: Path, *, allow_writes: bool) -> Corpus:
    """The corpus, created when missing. A read-only server opens an existing one as the read
    commands do (``create=False``), so that a corpus on read-only media can be served."""
    return Corpus(path, create=allow_writes or not path.exists())


def _responder(ui: Pages) -> Any:
    """Errors the guard answers itself, before any route: JSON, or a page for a browser."""

    def respond(scope: Scope, status: int, message: str) -> Response:
        request = StarletteRequest(scope)
        if wants_page(request):
            try:
                return ui.error(request, status, message)
            except Exception:  # the error page must not fail in turn
                return html_error_fallback(status, message)
        return error_response(status, message)

    return respond
