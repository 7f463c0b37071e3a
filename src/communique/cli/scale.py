"""``communique run``: ingest with the pipeline on an engine (registered on the shared app)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Annotated

import typer

from communique.cli.app import DbOption, app, resumable


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to read, local or URIs (s3://…).")],
    engine: Annotated[
        str, typer.Option(help="Where the per-article pipeline runs: local (processes), ray, or memory.")
    ] = "local",
    workers: Annotated[
        int | None, typer.Option(help="Worker processes or Ray actors (default: cores).")
    ] = None,
    db: DbOption = None,
    strict: Annotated[
        bool, typer.Option(help="Exit with status 2 if any input was skipped or failed.")
    ] = False,
    force: Annotated[bool, typer.Option(help="Re-read files already ingested unchanged.")] = False,
    pipeline: Annotated[
        str | None,
        typer.Option(help="Comma-separated components to run (default: all; e.g. meta.language,meta.dates)."),
    ] = None,
    kb: Annotated[list[Path] | None, typer.Option(help="Extra knowledge-base files or folders.")] = None,
    lexicon: Annotated[list[Path] | None, typer.Option(help="Extra trigger lexicon files.")] = None,
    plugin: Annotated[
        list[str] | None, typer.Option(help="Module to import in every worker (registers own components).")
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per map task.")] = 64,
) -> None:
    """Like ingest, with the per-article pipeline mapped over a process pool or a Ray cluster."""
    from communique.cli.articles import build_config, echo_report
    from communique.scale.run import run as run_engine
    from communique.store.database import Store

    if engine not in ("local", "ray", "memory"):
        raise typer.BadParameter(f"{engine!r} is not an engine (local, ray, memory)", param_hint="--engine")
    config = build_config(pipeline, kb, lexicon)
    config.plugins = plugin or []
    for module in config.plugins:  # registered here too: the driver checks the pipeline before it starts
        importlib.import_module(module)
    with resumable(), Store(db) as store:
        report = run_engine(
            paths,
            engine=engine,  # type: ignore[arg-type]
            workers=workers,
            db=store,
            config=config,
            force=force,
            progress=sys.stderr.isatty(),
            batch_size=batch_size,
        )
        echo_report(report, store, engine)
    if strict and report.problems:
        raise typer.Exit(2)
