"""The ``communique`` command: a thin layer over the Python API.

Each command parses its options, opens the :class:`~communique.store.database.Store`, calls one library function
with the same argument names and renders the result; our errors become a message and exit code 1.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from communique.cli.output import OutputFormat, article_rows, render
from communique.errors import CommuniqueError
from communique.models import InputStatus
from communique.store.database import ExportFormat, Store

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


def _date(value: str | None) -> dt.date | None:
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


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to read, or - for standard input.")],
    db: DbOption = None,
    strict: Annotated[
        bool, typer.Option(help="Exit with status 2 if any input was skipped or failed.")
    ] = False,
    force: Annotated[bool, typer.Option(help="Re-read files already ingested unchanged.")] = False,
    show: Annotated[bool, typer.Option(help="Print the article table afterwards.")] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Read news files (text, HTML, JSONL, WARC, RSS/Atom, folders) into the database."""
    from communique.runner import ingest as run_ingest

    with Store(db) as store:
        report = run_ingest(paths, db=store, force=force, progress=sys.stderr.isatty())
        run = report.run
        typer.echo(
            f"run {run.id}: {run.ok} ok, {run.unchanged} unchanged, {run.skipped} skipped, "
            f"{run.failed} failed; {run.added} new articles in {store.path}",
            err=True,
        )
        for problem in report.problems:
            typer.echo(f"  {problem.status.value}: {problem.source}: {problem.reason}", err=True)
        if show:
            render(article_rows(store.articles(), fmt), fmt)
    if strict and report.problems:
        raise typer.Exit(2)


@app.command()
def articles(
    db: DbOption = None,
    lang: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1, or und).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY[-MM[-DD]]).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet (case-insensitive).")] = None,
    text: Annotated[bool, typer.Option(help="Include the article text (json/csv).")] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List the stored articles with their language, publication date and dateline."""
    with Store(db, read_only=_exists(db)) as store:
        found = store.articles(language=lang, since=_date(since), until=_date(until), outlet=outlet)
        render(article_rows(found, fmt, with_text=text), fmt)


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="Folder to write into.", file_okay=False)],
    db: DbOption = None,
    export_format: Annotated[
        ExportFormat, typer.Option("--format", help="parquet, csv or jsonl.")
    ] = "parquet",
) -> None:
    """Export the article table as Parquet, CSV or JSON lines."""
    with Store(db, read_only=_exists(db)) as store:
        typer.echo(str(store.export_articles(out, export_format)))


@app.command()
def runs(
    db: DbOption = None,
    run_id: Annotated[str | None, typer.Option("--run", help="Show this run's inputs.")] = None,
    problems: Annotated[bool, typer.Option(help="With --run: only skipped and failed inputs.")] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List ingest runs with their counts, or one run's per-input outcomes."""
    with Store(db, read_only=_exists(db)) as store:
        if run_id is None:
            render([r.model_dump(mode="json") for r in store.runs()], fmt)
            return
        outcomes = store.outcomes(run_id)
        if problems:
            outcomes = [o for o in outcomes if o.status in (InputStatus.SKIPPED, InputStatus.FAILED)]
        render([o.model_dump(mode="json") for o in outcomes], fmt)


def _exists(db: Path | None) -> bool:
    """Open read-only when the database exists (several readers may share it); otherwise create it."""
    from communique.store.database import default_db_path

    return (db or default_db_path()).exists()


def main() -> None:
    try:
        app()
    except CommuniqueError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
