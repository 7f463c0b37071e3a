"""The CLI through Typer's runner, on the seeds and on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from communique.cli import app

runner = CliRunner()


def _invoke(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ingest_then_articles_as_json(tmp_path: Path, seeds: Path) -> None:
    db = str(tmp_path / "db.duckdb")
    _invoke("ingest", str(seeds), "--db", db)
    rows = json.loads(_invoke("articles", "--db", db, "--format", "json"))
    assert [r["language"] for r in rows] == ["en", "fr", "en", "en"]
    assert rows[2]["published"]["date"] == "2025-07-24" and rows[2]["published"]["precision"] == "day"
    assert rows[3]["dateline"]["place"] == "Moscow" and rows[3]["outlet"] == "RIA Novosti"
    assert rows[3]["published"]["date"] == "XXXX-05-21"
    assert "2019" not in json.dumps(rows[3]["published"])
    french = json.loads(_invoke("articles", "--db", db, "--lang", "fr", "--format", "json"))
    assert len(french) == 1 and french[0]["language"] == "fr"
    assert len(json.loads(_invoke("articles", "--db", db, "--since", "2025", "--format", "json"))) == 1


def test_strict_turns_skips_into_a_nonzero_exit(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "ok.txt").write_text(
        "PARIS (AFP) - The ministers met on Monday to discuss the budget. " * 3
    )
    db = str(tmp_path / "db.duckdb")
    lenient = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", db])
    assert lenient.exit_code == 0 and "empty.txt" in lenient.stderr
    strict = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", db, "--strict", "--force"])
    assert strict.exit_code == 2


def test_runs_lists_each_input_outcome(tmp_path: Path, seeds: Path) -> None:
    db = str(tmp_path / "db.duckdb")
    _invoke("ingest", str(seeds), str(tmp_path / "missing"), "--db", db)
    runs = json.loads(_invoke("runs", "--db", db, "--format", "json"))
    assert runs[0]["ok"] == 4 and runs[0]["failed"] == 1
    problems = json.loads(
        _invoke("runs", "--db", db, "--run", runs[0]["id"], "--problems", "--format", "json")
    )
    assert [p["status"] for p in problems] == ["failed"] and "missing" in problems[0]["source"]


def test_export_writes_files_pandas_reads(tmp_path: Path, seeds: Path) -> None:
    db = str(tmp_path / "db.duckdb")
    _invoke("ingest", str(seeds), "--db", db)
    path = _invoke("export", "--db", db, "--out", str(tmp_path / "out"), "--format", "csv").strip()
    assert pd.read_csv(path)["language"].tolist() == ["en", "fr", "en", "en"]


def test_stdin_is_an_input(tmp_path: Path, seeds: Path) -> None:
    db = str(tmp_path / "db.duckdb")
    text = (seeds / "001_366b52a3a2b13764.txt").read_bytes()
    result = runner.invoke(app, ["ingest", "-", "--db", db], input=text)
    assert result.exit_code == 0, result.output
    rows = json.loads(_invoke("articles", "--db", db, "--format", "json"))
    assert [(r["source"], r["language"]) for r in rows] == [("stdin", "fr")]


def test_every_command_has_help() -> None:
    for command in ["ingest", "articles", "export", "runs"]:
        assert "Usage" in _invoke(command, "--help")
