"""``communique kb``: look up, validate, extend and import the actor knowledge base."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Annotated

import typer

from communique.actors.kb import KnowledgeBase, user_kb_dir
from communique.actors.kb.importers import Position, import_petrarch, import_wikidata
from communique.actors.kb.validate import validate
from communique.cli.app import app

kb_app = typer.Typer(
    help="The actor knowledge base: look up, validate, add your own files, import.", no_args_is_help=True
)
app.add_typer(kb_app, name="kb")


@kb_app.command("show")
def show(
    name: Annotated[
        str, typer.Argument(help="A name, alias or actor id: OIC, OCI, Khatami's full name, IRN.")
    ],
    lang: Annotated[str | None, typer.Option(help="Prefer names given in this language.")] = None,
    on: Annotated[
        str | None, typer.Option(help="Code people by their office on this day (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Show the actors a name can refer to, with their code, aliases and offices."""
    kb = KnowledgeBase.load([user_kb_dir()])
    found = [kb.get(name)] if name in kb else kb.lookup(name, lang)
    if not found:
        typer.echo(f"no actor is called {name!r}", err=True)
        raise typer.Exit(1)
    day = dt.date.fromisoformat(on) if on else None
    payload = [actor.model_dump(mode="json") | {"code": kb.code(actor.id, day)} for actor in found]
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


@kb_app.command("validate")
def validate_files(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Your files to check with the shipped KB.")
    ] = None,
) -> None:
    """Check the knowledge base (and your files): unique ids, tenures, dates, aliases, codes."""
    problems = validate(KnowledgeBase.load([user_kb_dir(), *(files or [])]))
    for problem in problems:
        typer.echo(str(problem))
    typer.echo(f"{len(problems)} problems", err=True)
    if problems:
        raise typer.Exit(1)


@kb_app.command("add")
def add(
    files: Annotated[list[Path], typer.Argument(help="Files in the KB formats (YAML states/IGOs, TSV).")],
) -> None:
    """Add your own actors, aliases and office-holders (validated first) to the KB every run uses."""
    problems = validate(KnowledgeBase.load([user_kb_dir(), *files]))
    if problems:
        for problem in problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(1)
    folder = user_kb_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for file in files:
        shutil.copy(file, folder / file.name)
        typer.echo(str(folder / file.name))


@kb_app.command("import-wikidata")
def wikidata(
    dump: Annotated[Path, typer.Argument(help="Wikidata JSON dump lines (one entity per line).")],
    positions: Annotated[
        Path, typer.Option(help="TSV: position QID, office, organisation, sector (which P39 values to keep).")
    ],
    out: Annotated[Path, typer.Option(help="Folder to write the KB files into.")],
) -> None:
    """Convert Wikidata entities (office-holders with P39 positions, organisations) into KB files."""
    mapping = {}
    for line in positions.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            qid, office, organisation, *sector = line.split("\t")
            mapping[qid] = Position(office, organisation, sector[0] if sector else "GOV")
    with dump.open(encoding="utf-8") as lines:
        imported = import_wikidata(lines, mapping, source=dump.name)
    for path in imported.write(out, dump.stem):
        typer.echo(str(path))
    for skipped in imported.skipped:
        typer.echo(f"skipped {skipped}", err=True)


@kb_app.command("import-petrarch")
def petrarch(
    dictionary: Annotated[Path, typer.Argument(help="A CAMEO/PETRARCH actor dictionary.")],
    out: Annotated[Path, typer.Option(help="Folder to write the KB files into.")],
) -> None:
    """Convert a CAMEO/PETRARCH actor dictionary into office-holder rows."""
    with dictionary.open(encoding="utf-8") as lines:
        imported = import_petrarch(lines, source=dictionary.name)
    for path in imported.write(out, dictionary.stem):
        typer.echo(str(path))
    for skipped in imported.skipped:
        typer.echo(f"skipped {skipped}", err=True)
