"""The CLI through Typer's runner, on the seeds and on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from communique.cli import app

runner = CliRunner()


def _invoke(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ingest_then_articles_as_json(tmp_path: Path, seeds: Path) -> None:
    db = str(tmp_path / "db.duckdb")
    _invoke("ingest", str(seeds), "--db", db, "--pipeline", "meta.language,meta.dates")
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
    paths = _invoke("export", "--db", db, "--out", str(tmp_path / "out"), "--format", "csv").split()
    path = next(p for p in paths if p.endswith("articles.csv"))
    assert pd.read_csv(path)["language"].tolist() == ["en", "fr", "en", "en"]


def test_stdin_is_an_input(tmp_path: Path, seeds: Path) -> None:
    db = str(tmp_path / "db.duckdb")
    text = (seeds / "001_366b52a3a2b13764.txt").read_bytes()
    result = runner.invoke(app, ["ingest", "-", "--db", db], input=text)
    assert result.exit_code == 0, result.output
    rows = json.loads(_invoke("articles", "--db", db, "--format", "json"))
    assert [(r["source"], r["language"]) for r in rows] == [("stdin", "fr")]


def test_events_explain_actors_and_times_on_the_seeds(tmp_path: Path, seeds: Path) -> None:
    db = str(tmp_path / "db.duckdb")
    _invoke("ingest", str(seeds), "--db", db)
    oic = json.loads(_invoke("events", "--db", db, "--actor", "OIC", "--format", "json"))
    assert oic and all("IGO.OIC" in (e["source_code"], e["target_code"]) for e in oic)
    consults = json.loads(
        _invoke("events", "--db", db, "--type", "CONSULT", "--since", "2003", "--format", "json")
    )
    assert {"IGO.OIC", "IGO.EU", "RUS.GOV"} <= {
        c for e in consults for c in (e["source_code"], e["target_code"])
    }
    french = json.loads(_invoke("events", "--db", db, "--lang", "fr", "--format", "json"))
    assert french and {e["language"] for e in french} == {"fr"}
    dakar = next(e for e in oic if e["place"] == "Dakar")
    explained = _invoke("explain", dakar["id"], "--db", db)
    assert "Dakar" in explained and "2025-07-09" in explained and "CONSULT" in explained
    detail = json.loads(_invoke("explain", dakar["id"], "--db", db, "--format", "json"))
    assert detail["sentence_text"].startswith("Most recently") and detail["place"]["span"]["text"] == "Dakar"
    mentions = json.loads(_invoke("actors", "--db", db, "--format", "json"))
    assert any(m["text"] == "OCI" and m["actor"] == "OIC" for m in mentions)
    unresolved = json.loads(_invoke("actors", "--db", db, "--unresolved", "--format", "json"))
    assert unresolved and all(m["actor"] is None and m["unresolved_reason"] for m in unresolved)
    expressions = json.loads(_invoke("times", "--db", db))
    assert {"Thursday", "May 28-31", "9 July"} <= {t["text"] for t in expressions}


def test_kb_show_finds_renamed_organisations() -> None:
    shown = json.loads(_invoke("kb", "show", "Organization of the Islamic Conference"))
    assert shown[0]["id"] == "OIC" and shown[0]["code"] == "IGO.OIC"
    khatami = json.loads(_invoke("kb", "show", "Mohammad Khatami", "--on", "2003-05-27"))
    assert khatami[0]["code"] == "IRN.GOV"


def test_every_command_has_help() -> None:
    for command in [
        "ingest",
        "articles",
        "export",
        "runs",
        "events",
        "explain",
        "actors",
        "times",
        "eval",
        "kb",
    ]:
        assert "Usage" in _invoke(command, "--help")


def test_an_interrupted_ingest_says_it_can_be_resumed(
    tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import communique.runner

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(communique.runner, "ingest", interrupted)
    result = runner.invoke(app, ["ingest", str(seeds), "--db", str(tmp_path / "db.duckdb")])
    assert result.exit_code == 130
    assert "interrupted: the articles stored so far are kept" in result.output


def test_run_and_ingest_take_uris(tmp_path: Path, seeds: Path) -> None:
    """A URI reaches the reader whole (a Path would fold ``file:///`` into ``file:/``)."""
    for command in ("run", "ingest"):
        db = str(tmp_path / f"{command}.duckdb")
        args = [command, seeds.resolve().as_uri(), "--db", db, "--pipeline", "meta.language"]
        args += ["--engine", "memory"] if command == "run" else []
        result = runner.invoke(app, args, catch_exceptions=False)
        assert result.exit_code == 0 and "4 ok" in result.output and "0 failed" in result.output, (
            result.output
        )
