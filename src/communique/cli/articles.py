"""``communique ingest``, ``articles``, ``export`` and ``runs``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from communique.cli.app import DbOption, FormatOption, app, existing_store, parse_date, resumable
from communique.cli.output import OutputFormat, article_rows, render
from communique.config import Config
from communique.models import InputStatus
from communique.store.database import Store

if TYPE_CHECKING:
    from communique.runner import IngestReport


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or folders to read, local or URIs (s3://…), or - for standard input."),
    ],
    db: DbOption = None,
    strict: Annotated[
        bool, typer.Option(help="Exit with status 2 if any input was skipped or failed.")
    ] = False,
    force: Annotated[bool, typer.Option(help="Re-read files already ingested unchanged.")] = False,
    show: Annotated[bool, typer.Option(help="Print the articles and their events afterwards.")] = False,
    fmt: FormatOption = OutputFormat.table,
    pipeline: Annotated[
        str | None,
        typer.Option(help="Comma-separated components to run (default: all; e.g. meta.language,meta.dates)."),
    ] = None,
    kb: Annotated[list[Path] | None, typer.Option(help="Extra knowledge-base files or folders.")] = None,
    lexicon: Annotated[list[Path] | None, typer.Option(help="Extra trigger lexicon files.")] = None,
) -> None:
    """Read news files (text, HTML, JSONL, WARC, RSS/Atom, folders) and code their events into the database."""
    from communique.runner import ingest as run_ingest

    config = build_config(pipeline, kb, lexicon)
    with resumable(), Store(db) as store:
        report = run_ingest(paths, db=store, config=config, force=force, progress=sys.stderr.isatty())
        echo_report(report, store)
        if show:
            render(article_rows(store.articles(), fmt), fmt)
            if any(name.startswith("events.") for name in config.pipeline):
                columns = [
                    "date",
                    "type",
                    "cameo",
                    "source_code",
                    "target_code",
                    "place",
                    "trigger_text",
                    "id",
                ]
                frame = store.events_frame()[columns]
                render(json.loads(frame.to_json(orient="records", date_format="iso")), fmt)
    if strict and report.problems:
        raise typer.Exit(2)


def echo_report(report: IngestReport, store: Store, engine: str | None = None) -> None:
    """A run's counts and every skipped or failed input with its reason, on standard error."""
    run = report.run
    where = f" ({engine})" if engine else ""
    typer.echo(
        f"run {run.id}{where}: {run.ok} ok, {run.unchanged} unchanged, {run.skipped} skipped, "
        f"{run.failed} failed; {run.added} new articles, {store.count('events')} events in {store.path}",
        err=True,
    )
    for problem in report.problems:
        typer.echo(f"  {problem.status.value}: {problem.source}: {problem.reason}", err=True)


def build_config(pipeline: str | None, kb: list[Path] | None, lexicon: list[Path] | None) -> Config:
    config = Config(kb_paths=kb or [], lexicon_paths=lexicon or [])
    if pipeline:
        config.pipeline = [name.strip() for name in pipeline.split(",") if name.strip()]
    return config


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
    with existing_store(db) as store:
        found = store.articles(language=lang, since=parse_date(since), until=parse_date(until), outlet=outlet)
        render(article_rows(found, fmt, with_text=text), fmt)


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="Folder to write into.", file_okay=False)],
    db: DbOption = None,
    layout: Annotated[
        str,
        typer.Option(help="native (every table), icews, gdelt, polecat or plover-json."),
    ] = "native",
    export_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="csv, tsv, parquet or jsonl (default: parquet for native, tsv for icews/gdelt/polecat, "
            "jsonl for plover-json).",
        ),
    ] = None,
    since: Annotated[str | None, typer.Option(help="Events on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before (YYYY[-MM[-DD]]).")] = None,
    actor: Annotated[
        str | None, typer.Option(help="An actor id or code on either side (OIC, IRN.GOV).")
    ] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="A PLOVER event type.")] = None,
    country: Annotated[str | None, typer.Option(help="A country (ISO alpha-3) on either side.")] = None,
    lang: Annotated[str | None, typer.Option(help="Only events from articles in this language.")] = None,
    each_report: Annotated[
        bool,
        typer.Option(help="Every article's report of an event, not each merged event once with its counts."),
    ] = False,
) -> None:
    """Export events in a standard layout (ICEWS, GDELT 2.0, POLECAT, PLOVER JSON) or every native table.

    An event that several articles of a story report is exported once, with GDELT's NumMentions, NumSources
    and NumArticles counting them (docs/stories.md); --each-report exports every raw event."""
    from communique.store import layouts

    if layout not in layouts.LAYOUTS:
        raise typer.BadParameter(
            f"{layout!r}: choose one of {', '.join(layouts.LAYOUTS)}", param_hint="--layout"
        )
    if export_format is not None and export_format not in layouts.FORMATS:
        raise typer.BadParameter(
            f"{export_format!r}: choose one of {', '.join(layouts.FORMATS)}", param_hint="--format"
        )
    filters = {
        "since": parse_date(since),
        "until": parse_date(until),
        "actor": actor,
        "type": event_type,
        "country": country,
        "language": lang,
        "each_report": each_report,
    }
    with existing_store(db) as store:
        for path in store.export(out, layout=layout, fmt=export_format, **filters):
            typer.echo(str(path))


@app.command()
def runs(
    db: DbOption = None,
    run_id: Annotated[str | None, typer.Option("--run", help="Show this run's inputs.")] = None,
    problems: Annotated[bool, typer.Option(help="With --run: only skipped and failed inputs.")] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List ingest runs with their counts, or one run's per-input outcomes."""
    with existing_store(db) as store:
        if run_id is None:
            render([r.model_dump(mode="json") for r in store.runs()], fmt)
            return
        outcomes = store.outcomes(run_id)
        if problems:
            outcomes = [o for o in outcomes if o.status in (InputStatus.SKIPPED, InputStatus.FAILED)]
        render([o.model_dump(mode="json") for o in outcomes], fmt)
