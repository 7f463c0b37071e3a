"""``communique events``, ``explain``, ``actors`` and ``times``: what the pipeline found, and why."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from communique.cli.app import DbOption, FormatOption, app, existing_store, parse_date
from communique.cli.output import OutputFormat, render
from communique.models import Article, Event

# Evidence colours, the same in the terminal and the dashboard.
EVIDENCE_STYLES = {
    "trigger": "bold white on dark_orange3",
    "source": "bold white on green4",
    "target": "bold white on red3",
    "date": "bold white on blue",
    "place": "bold white on magenta",
    "quote": "italic",
}


@app.command()
def events(
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option(help="An actor id or code on either side: OIC, IRN.GOV, IRN.")
    ] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="A PLOVER type: CONSULT, ACCUSE…")] = None,
    quad: Annotated[int | None, typer.Option(help="Quad class 0-4.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO alpha-3 country of either side.")] = None,
    since: Annotated[str | None, typer.Option(help="On or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="On or before (YYYY[-MM[-DD]]).")] = None,
    lang: Annotated[str | None, typer.Option(help="Language of the article.")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article's events.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List coded events: who did what to whom, when and where."""
    with existing_store(db) as store:
        frame = store.events_frame(
            article_id=article,
            actor=actor,
            type=event_type,
            quad_class=quad,
            country=country,
            since=parse_date(since),
            until=parse_date(until),
            language=lang,
        )
    if fmt is OutputFormat.table:
        columns = [
            "id",
            "date",
            "type",
            "cameo",
            "source_code",
            "target_code",
            "place",
            "trigger_text",
            "confidence",
        ]
        frame = frame[columns]
    render(json.loads(frame.to_json(orient="records", date_format="iso")), fmt)


@app.command()
def explain(
    event_id: Annotated[str, typer.Argument(help="An event id (from `communique events`).")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Show an event's sentence with every supporting span marked, its codes and the rule that made it."""
    with existing_store(db) as store:
        event = store.event(event_id)
        if event is None:
            raise typer.BadParameter(f"no event {event_id!r}", param_hint="EVENT_ID")
        article = store.article(event.article)
    assert article is not None
    if fmt == "json":
        sentence = article.sentences[event.sentence] if event.sentence < len(article.sentences) else None
        payload = event.model_dump(mode="json") | {
            "sentence_text": article.text[sentence.start : sentence.end] if sentence else None,
            "article_source": article.source,
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    Console(width=120 if not sys.stdout.isatty() else None).print(explanation(article, event))


def explanation(article: Article, event: Event) -> Text:
    """The event's sentence with its evidence highlighted, then its fields."""
    sentence = next((s for s in article.sentences if s.start <= event.trigger.start < s.end), None)
    start, end = (sentence.start, sentence.end) if sentence else (event.trigger.start, event.trigger.end)
    text = Text(article.text[start:end])
    for name, span in evidence_spans(event).items():
        if span is not None and start <= span[0] and span[1] <= end:
            text.stylize(EVIDENCE_STYLES[name], span[0] - start, span[1] - start)
    out = Text()
    out.append(f"{event.id}  {article.source}  sentence {event.sentence}\n\n", style="dim")
    out.append_text(text)
    out.append("\n\n")
    rows = [
        ("type", f"{event.type}" + (f" ({event.mode})" if event.mode else "")),
        ("CAMEO", f"{event.cameo}  Goldstein {event.goldstein}  quad class {event.quad_class}"),
        ("source", _side(event.source)),
        ("target", _side(event.target)),
        ("date", _date(event)),
        ("place", _place(event)),
        ("confidence", f"{event.confidence}"),
        ("rule", event.rule),
    ]
    for label, value in rows:
        style = EVIDENCE_STYLES.get(label.lower(), "")
        out.append(f"{label:>10}  ", style=style)
        out.append(f"{value}\n")
    return out


def evidence_spans(event: Event) -> dict[str, tuple[int, int] | None]:
    """Character spans of each field's evidence, by field."""

    def span_of(item: object) -> tuple[int, int] | None:
        span = getattr(item, "span", None)
        return (span.start, span.end) if span is not None else None

    return {
        "trigger": (event.trigger.start, event.trigger.end),
        "source": span_of(event.source),
        "target": span_of(event.target),
        "date": span_of(event.date),
        "place": span_of(event.place) if event.place and event.place.provenance == "sentence" else None,
    }


def _side(side: object) -> str:
    if side is None:
        return "—"
    code = getattr(side, "code", None)
    actor = getattr(side, "actor", None)
    span = getattr(side, "span", None)
    return f"{code}  ({actor})  “{span.text if span else ''}”"


def _date(event: Event) -> str:
    if event.date is None:
        return "—"
    end = f" to {event.date_end.iso}" if event.date_end else ""
    return f"{event.date.date.iso}{end}  [{event.date.precision}, {event.date.provenance.value}] {event.date.note or ''}"


def _place(event: Event) -> str:
    place = event.place
    if place is None:
        return "—"
    return f"{place.name} ({place.country}, {place.latitude:.2f}, {place.longitude:.2f}) [{place.provenance}]"


@app.command()
def actors(
    db: DbOption = None,
    article: Annotated[str | None, typer.Option(help="Only this article's mentions.")] = None,
    unresolved: Annotated[bool, typer.Option(help="Only mentions left unresolved, with the reason.")] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List actor mentions with the actor and code each resolved to (or why not)."""
    with existing_store(db) as store:
        frame = store.mentions_frame(article_id=article, unresolved=unresolved)
    columns = ["article_id", "sentence", "text", "kind", "actor", "code", "role", "confidence", "method"]
    if unresolved or fmt is not OutputFormat.table:
        columns.append("unresolved_reason")
    render(json.loads(frame[columns].to_json(orient="records")), fmt)


@app.command()
def times(
    db: DbOption = None,
    article: Annotated[str | None, typer.Option(help="Only this article's expressions.")] = None,
    fmt: FormatOption = OutputFormat.json,
) -> None:
    """List every temporal expression found, normalised against its article's date."""
    with existing_store(db) as store:
        frame = store.times_frame(article_id=article)
    render(json.loads(frame.to_json(orient="records")), fmt)
