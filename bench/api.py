"""API latency on a database of at least a million events.

    .venv/bin/python bench/api.py [--source corpus.duckdb] [--db bench-api.duckdb] [--target 1000000] [--runs 40]

The database is made by running the full pipeline over ../shared/corpus/news-10lang.jsonl (or taking a database
that run already made, ``--source``), then replicating its events with dates shifted by a week per copy and new
ids until there are ``--target`` of them (articles, mentions and actors are not replicated). Each query goes
through the ASGI app (Starlette's test client: routing, validation, DuckDB, JSON) in this one process; the
first calls warm up and are not counted. Writes bench/results/api.json.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import duckdb
from fastapi.testclient import TestClient

import communique
from common import CORPUS, peak_rss_mb, write
from communique.api import Settings, create_app
from communique.store.rows import EVENT_SCHEMA


def build(source: Path | None, db: Path, target: int) -> dict[str, object]:
    """Copy (or make) the corpus database and replicate its events up to ``target``."""
    start = time.perf_counter()
    if source is None:
        source = Path(tempfile.mkdtemp()) / "corpus.duckdb"
        communique.ingest([CORPUS], db=source)
    shutil.copy(source, db)
    with duckdb.connect(str(db)) as connection:
        row = connection.execute("SELECT count(*) FROM events").fetchone()
        base = int(row[0]) if row else 0
        copies = max(0, -(-target // max(1, base)) - 1)
        columns = list(EVENT_SCHEMA.names)
        shifted = {
            "id": "id || '-r' || k",
            "event_date": "event_date + INTERVAL (7 * k) DAY",
            "record": "json_merge_patch(record, json_object('id', id || '-r' || k))",
        }
        select = ", ".join(shifted.get(c, c) for c in columns)
        connection.execute(
            f"INSERT INTO events ({', '.join(columns)}) "
            f"SELECT {select} FROM (SELECT * FROM events) e, range(1, ?) r(k)",
            [copies + 1],
        )
        row = connection.execute("SELECT count(*) FROM events").fetchone()
        total = int(row[0]) if row else 0
        connection.execute("CHECKPOINT")
    return {
        "corpus_events": base,
        "copies": copies + 1,
        "events": total,
        "build_s": time.perf_counter() - start,
    }


QUERIES = {
    "events by actor (USA)": "/api/events?actor=USA&limit=100",
    "events by type (CONSULT)": "/api/events?type=CONSULT&limit=100",
    "events in a date range (one year)": "/api/events?since=2020-01-01&until=2020-12-31&limit=100",
    "events by actor, type and date range": "/api/events?actor=USA&type=CONSULT&since=2015&until=2024&limit=100",
    "events by country, sorted by Goldstein": "/api/events?country=RUS&sort=-goldstein&limit=100",
    "events by text": "/api/events?text=minister&limit=100",
    "events, page 100 of all": "/api/events?limit=100&offset=9900",
    "one event with evidence": "/api/events/{event_id}",
    "stats (all events)": "/api/stats",
    "stats by actor": "/api/stats?actor=USA",
    "timeline by type, per month": "/api/stats/timeline?by=type&interval=month",
    "network by actor": "/api/stats/network?actor=USA",
    "places": "/api/stats/places",
}


def measure(client: TestClient, path: str, runs: int) -> dict[str, float]:
    for _ in range(3):
        response = client.get(path)
        assert response.status_code == 200, (path, response.text)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(samples[min(len(samples) - 1, int(0.95 * len(samples)))], 2),
        "max_ms": round(samples[-1], 2),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, help="a database made from the corpus (else ingest it now)")
    parser.add_argument(
        "--db", type=Path, default=Path(tempfile.gettempdir()) / "communique-bench-api.duckdb"
    )
    parser.add_argument("--target", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--reuse", action="store_true", help="reuse --db as it is")
    args = parser.parse_args()
    built = {"reused": str(args.db)} if args.reuse else build(args.source, args.db, args.target)
    results = {}
    with TestClient(create_app(Settings(db=args.db))) as client:
        events = client.get("/api/events?actor=USA&limit=1").json()
        event_id = events["items"][0]["id"]
        total = client.get("/api/stats").json()["events"]
        for name, path in QUERIES.items():
            results[name] = measure(client, path.format(event_id=event_id), args.runs)
            print(f"{name:42} p50 {results[name]['p50_ms']:8.2f} ms  p95 {results[name]['p95_ms']:8.2f} ms")
    filtered = [v["p95_ms"] for k, v in results.items() if k.startswith("events")]
    write(
        "api",
        {
            "what": "HTTP API latency through the ASGI app (Starlette test client, one process, sequential calls)",
            "database": (
                "full pipeline over ../shared/corpus/news-10lang.jsonl, then its events replicated with dates "
                "shifted by 7 days per copy and new ids (id-rK); articles, mentions and actors not replicated"
            ),
            "events": total,
            "build": built,
            "queries": {name: {"path": QUERIES[name], **value} for name, value in results.items()},
            "filtered_event_queries_p95_max_ms": max(filtered),
            "target": "p95 < 100 ms for filtered event queries",
            "peak_rss_mb": round(peak_rss_mb(), 1),
        },
    )


if __name__ == "__main__":
    main()
