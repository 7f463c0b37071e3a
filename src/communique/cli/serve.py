"""``communique serve``: the HTTP API and the dashboard over one database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from communique.api.settings import TOKEN_ENV
from communique.cli.app import DbOption, app
from communique.store.database import default_db_path


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(envvar=TOKEN_ENV, help="Turn writes on; they then need 'Authorization: Bearer TOKEN'."),
    ] = None,
    cors_origin: Annotated[
        str | None,
        typer.Option(help="Allow this one origin (https://host:port) to call the API from a browser."),
    ] = None,
) -> None:
    """Serve the HTTP API (/api, /openapi.json) and the dashboard (/) over the database."""
    import uvicorn

    from communique.api import Settings, create_app

    path = Path(db) if db else default_db_path()
    settings = Settings(db=path, token=token or None, cors_origin=cors_origin)
    application = create_app(settings)
    mode = "writes on (token required)" if settings.writable else "read-only"
    typer.echo(f"serving {path} ({mode}) on http://{host}:{port}/", err=True)
    uvicorn.run(application, host=host, port=port, log_level="info")
