"""The HTTP API and the dashboard's server (``communique serve``).

    from communique.api import Settings, create_app
    app = create_app(Settings(db=Path("news.duckdb")))   # an ASGI app: uvicorn, TestClient, httpx

Reads open the database read-only; writes (``POST /api/ingest``, ``POST /api/kb``) are off unless a token is
configured, and then need ``Authorization: Bearer <token>``. Errors are RFC 9457 problem documents.
"""

from __future__ import annotations

from communique.api.app import create_app
from communique.api.settings import TOKEN_ENV, Settings

__all__ = ["TOKEN_ENV", "Settings", "create_app"]
