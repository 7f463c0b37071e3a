"""``communique stories`` commands (registered on the shared app)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from communique.cli.app import DbOption, FormatOption, app, existing_store, parse_date
from communique.cli.output import OutputFormat, render
from communique.store.database import Store, default_db_path


@app.command()
def stories(
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option(help="Only stories mentioning this actor id (USA, vladimir-putin).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Stories dated on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Stories dated on or before (YYYY[-MM[-DD]]).")] = None,
    lang: Annotated[str | None, typer.Option(help="Only stories with an article in this language.")] = None,
    min_articles: Annotated[int, typer.Option(help="Only stories with at least this many articles.")] = 1,
    limit: Annotated[int | None, typer.Option(help="At most this many stories.")] = None,
    update: Annotated[
        bool, typer.Option("--update", help="First place articles not in a story yet.")
    ] = False,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="First cluster every article again.")] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List stories (articles about one happening, across languages), largest first."""
    if update or rebuild:
        from communique.stories import rebuild as rebuild_stories
        from communique.stories import update_stories

        with Store(db or default_db_path()) as store:
            report = rebuild_stories(store) if rebuild else update_stories(store)
        typer.echo(
            f"{report.articles} articles placed: {report.joined} joined a story, {report.new_stories} started "
            f"one; {report.merged_events} merged events in {report.stories_touched} stories",
            err=True,
        )
    with existing_store(db) as store:
        frame = store.stories(
            actor=actor,
            since=parse_date(since),
            until=parse_date(until),
            language=lang,
            min_articles=min_articles,
            limit=limit,
        )
    rows = json.loads(frame.to_json(orient="records", date_format="iso"))
    for row in rows:
        actors = json.loads(row["actors"])
        top = sorted(actors, key=lambda a: (-actors[a], a))[:4]
        row["actors"] = actors if fmt is OutputFormat.json else ", ".join(top)
        for key in ("first_date", "last_date"):
            row[key] = row[key][:10] if row[key] else None
        if fmt is OutputFormat.table:
            row["languages"] = ",".join(row["languages"])
            del row["event_types"]
            row["title"] = " ".join((row.pop("title") or "").split())[:60]
        elif fmt is OutputFormat.csv:
            row["languages"] = ",".join(row["languages"])
            row["event_types"] = ",".join(row["event_types"])
    render(rows, fmt)


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="A story id (from `communique stories`).")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Show a story: its articles and languages, its timeline and its merged events with their counts."""
    with existing_store(db) as store:
        detail = store.story(story_id)
    if detail is None:
        typer.echo(f"error: no story {story_id}", err=True)
        raise typer.Exit(1)
    if fmt == "json":
        typer.echo(detail.model_dump_json(indent=2))
        return
    span = f"{detail.first} .. {detail.last}" if detail.first else "undated"
    typer.echo(f"{detail.id}  {detail.title}")
    typer.echo(f"{len(detail.articles)} articles in {', '.join(detail.languages)}; {span}")
    typer.echo("actors: " + ", ".join(f"{a} ({n})" for a, n in list(detail.actors.items())[:8]))
    typer.echo("\ntimeline:")
    for day, count in detail.timeline.items():
        typer.echo(f"  {day:<12}{'#' * min(count, 60)} {count}")
    typer.echo("\narticles:")
    render(
        [
            {
                "id": m.id,
                "language": m.language,
                "published": m.published,
                "outlet": Path(m.outlet).name if m.outlet else None,
                "score": None if m.score is None else round(m.score, 3),
                "title": m.title[:70],
            }
            for m in detail.members
        ],
        OutputFormat.table,
    )
    typer.echo("\nmerged events:")
    render(
        [
            {
                "id": e["id"],
                "date": e["date"],
                "type": e["type"],
                "source": e["source_code"],
                "target": e["target_code"],
                "mentions": e["n_mentions"],
                "sources": e["n_sources"],
                "languages": ",".join(e["languages"]),
            }
            for e in detail.merged_events
        ],
        OutputFormat.table,
    )
