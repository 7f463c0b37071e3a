"""Dependencies: the per-request store and the write guard."""

from __future__ import annotations

import hmac
from collections.abc import Iterator

from fastapi import Request

from communique.api.db import Database
from communique.api.problems import ProblemError
from communique.api.settings import Settings
from communique.store.database import Store


def database(request: Request) -> Database:
    db: Database = request.app.state.database
    return db


def settings(request: Request) -> Settings:
    found: Settings = request.app.state.settings
    return found


def store(request: Request) -> Iterator[Store]:
    """A store on this request's own cursor."""
    with database(request).reader() as opened:
        yield opened


def require_token(request: Request) -> None:
    """Writes need the configured token as ``Authorization: Bearer``; with no token they are off."""
    token = settings(request).token
    if not token:
        raise ProblemError(403, "writes are disabled: start the server with --token or $COMMUNIQUE_API_TOKEN")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ProblemError(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})
