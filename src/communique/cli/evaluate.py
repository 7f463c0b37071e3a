"""``communique eval``: score the pipeline against hand-labelled gold files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from communique.cli.app import app


@app.command("eval")
def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSONL files (format: ../shared/gold/README.md).")],
    out: Annotated[Path | None, typer.Option(help="Also write the report as JSON here.")] = None,
    pipeline: Annotated[str | None, typer.Option(help="Comma-separated components (default: all).")] = None,
) -> None:
    """Score events (type, source, target), dates, places and actor linking, per dataset and language."""
    from communique.cli.articles import build_config
    from communique.eval import run_eval

    report = run_eval(gold, config=build_config(pipeline, None, None), out=out)
    typer.echo(report.table())
