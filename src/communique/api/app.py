"""The ASGI application: the JSON API under ``/api``, its OpenAPI document and the dashboard at ``/``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from communique.about import __version__
from communique.api import problems
from communique.api.db import Database
from communique.api.limits import BodyLimit
from communique.api.routes import catalog, events, writes
from communique.api.settings import Settings
from communique.api.styles import evidence_css
from communique.web import STATIC_DIR

# The dashboard loads only its own files; SVG and charts are drawn by its scripts.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


class Info(BaseModel):
    version: str
    writable: bool
    stories: bool


def create_app(settings: Settings, database: Database | None = None) -> FastAPI:
    """An app serving ``settings.db`` (opened read-only unless a write token is configured)."""
    db = database or Database(settings.db, writable=settings.writable)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if database is None:
            db.close()

    app = FastAPI(
        title="Communiqué",
        version=__version__,
        description="Coded political events (PLOVER/CAMEO) with their evidence, from multilingual news.",
        docs_url=None,  # FastAPI's docs pages load scripts from a CDN; the OpenAPI document is enough
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = db
    problems.install(app)
    for router in (events.router, catalog.router, writes.router):
        app.include_router(router, prefix="/api")

    @app.get("/api/info", response_model=Info, tags=["meta"])
    def info() -> Info:
        """The server's version, whether writes are on, and whether the database has stories."""
        return Info(version=__version__, writable=settings.writable, stories="stories" in db.tables())

    css = evidence_css()

    @app.get("/evidence.css", include_in_schema=False)
    def evidence_styles() -> Response:
        return Response(css, media_type="text/css")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if not request.url.path.startswith("/api"):
            response.headers.setdefault("Content-Security-Policy", _CSP)
        return response

    app.add_middleware(BodyLimit, max_bytes=settings.max_upload_bytes)
    if settings.cors_origin:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=[settings.cors_origin],
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    return app
