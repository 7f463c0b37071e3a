"""``communique eval``: score the pipeline against hand-labelled gold files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from communique.cli.app import DbOption, app
from communique.store.database import Store, default_db_path


@app.command("eval")
def evaluate(
    gold: Annotated[
        list[Path] | None, typer.Argument(help="Gold JSONL files (format: ../shared/gold/README.md).")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Also write the report as JSON here.")] = None,
    pipeline: Annotated[str | None, typer.Option(help="Comma-separated components (default: all).")] = None,
    pairs: Annotated[
        Path | None,
        typer.Option(
            help="Score story clustering on this pairs file (docs/stories.md) against --db's articles."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Score events (type, source, target), dates, places and actor linking, per dataset and language;
    with --pairs, score story clustering (pairwise P/R/F1 and Pearson r per language pair)."""
    if pairs is not None:
        from communique.eval.clustering import run_pairs_eval

        with Store(db or default_db_path()) as store:
            clustering = run_pairs_eval(pairs, store)
        typer.echo(clustering.table())
        if out is not None:
            out.write_text(clustering.model_dump_json(indent=2), encoding="utf-8")
    if not gold:
        if pairs is None:
            raise typer.BadParameter("give gold files, --pairs, or both")
        return
    from communique.cli.articles import build_config
    from communique.eval import run_eval

    report = run_eval(gold, config=build_config(pipeline, None, None), out=None if pairs else out)
    typer.echo(report.table())
