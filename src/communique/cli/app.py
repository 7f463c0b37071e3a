"""The Typer application and the options every command shares."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from communique.cli.output import OutputFormat
from communique.errors import CommuniqueError
from communique.store.database import Store, default_db_path

app = typer.Typer(
    name="communique",
    help="Multilingual news articles in, coded political events with their evidence out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="COMMUNIQUE_DB",
        help="Database file (default: communique.duckdb in the user data dir).",
        dir_okay=False,
    ),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


def parse_date(value: str | None) -> dt.date | None:
    """Accept 2003, 2003-05 or 2003-05-27 (the first day of a year or month)."""
    if value is None:
        return None
    parts = value.split("-")
    try:
        return dt.date(
            int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1
        )
    except (ValueError, IndexError):
        raise typer.BadParameter(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None


@contextmanager
def existing_store(db: Path | None) -> Iterator[Store]:
    """The database to read: read-only when it exists (several readers may share it), else created empty."""
    path = db or default_db_path()
    with Store(path, read_only=path.exists()) as store:
        yield store


@contextmanager
def resumable() -> Iterator[None]:
    """An ingest stopped with Ctrl-C says what became of its work (Typer would exit 130 in silence)."""
    try:
        yield
    except KeyboardInterrupt:
        typer.echo(
            "interrupted: the articles stored so far are kept; the same command resumes with the rest",
            err=True,
        )
        raise typer.Exit(130) from None


def main() -> None:
    try:
        app()
    except CommuniqueError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
