"""Ingest throughput: read + clean + language + publication date + dedup + store, on the real corpus.

    .venv/bin/python bench/ingest.py [--runs 3]

Writes bench/results/ingest.json: articles per second (median of the runs, one process) and peak memory.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import communique
from common import CORPUS, peak_rss_mb, summarise, write
from communique.config import Config


def one_run(config: Config) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        report = communique.ingest([CORPUS], db=Path(folder) / "bench.duckdb", config=config)
        elapsed = time.perf_counter() - start
    return elapsed, report.run.ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    config = Config(pipeline=["meta.language", "meta.dates"])
    one_run(config)  # warm-up: model loading and caches are not what we measure
    times, articles = [], 0
    for _ in range(args.runs):
        elapsed, articles = one_run(config)
        times.append(elapsed)
    rates = [articles / t for t in times]
    path = write(
        "ingest",
        {
            "what": "ingest + language + publication date + dedup + DuckDB store, one process",
            "corpus": CORPUS.name,
            "articles": articles,
            "pipeline": config.pipeline,
            "seconds": summarise(times),
            "articles_per_second": summarise(rates),
            "peak_rss_mb": round(peak_rss_mb(), 1),
            "target_articles_per_second_per_core": 200,
        },
    )
    print(
        f"{articles} articles, {summarise(rates)['median']:.0f} articles/s, peak {peak_rss_mb():.0f} MB -> {path}"
    )


if __name__ == "__main__":
    main()
