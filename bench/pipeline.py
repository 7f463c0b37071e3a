"""Full-pipeline throughput: 1 and 2 local processes, Ray with 2 actors, and raw spaCy ``nlp.pipe`` as reference.

    .venv/bin/python bench/pipeline.py [--articles 0] [--runs 3]

Every engine ingests the same JSONL slice of the shared corpus (``--articles 0``, the default: all of it; else
every k-th line) into a fresh DuckDB file: read, the five pipeline stages, dedup, store. Times are wall-clock from
the call to the report, worker start-up and model loading included. Each engine also runs on every other line of
the slice: the steady rate is the extra articles over the extra time (start-up, model loading and the other
one-off costs cancel), what a corpus much larger than this one would see. The reference is spaCy alone on the same texts,
routed as our pipeline routes them (by detected language: the en/fr/es trained models; every other language a blank
tokenizer + sentencizer, as nlp.parse does), paragraph by paragraph, ``nlp.pipe`` batches of 64, models loaded
anew each round before the clock starts: a model kept from the round before has every word of the corpus in its
vocabulary already and parses it about 15 % faster (31.8 s against 37.4 s), which no worker of ours, nor any
parse of unseen text, gets. The runs go in rounds (the reference, then every engine, back to back) and each ratio is
the median of its per-round values, so that a slow spell of the machine weighs on both of its sides. Writes
bench/results/pipeline.json (medians of the runs).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import communique
from common import CORPUS, peak_rss_mb, summarise, write
from communique.config import Config
from communique.ingest.readers import read_file
from communique.models import Article


def make_slice(n: int, folder: Path) -> Path:
    lines = CORPUS.read_text("utf-8").splitlines()
    n = n or len(lines)
    step = max(1, len(lines) // n)
    path = folder / "slice.jsonl"
    path.write_text("\n".join(lines[::step][:n]) + "\n", "utf-8")
    return path


def engine_run(path: Path, engine: str, workers: int) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        report = communique.run([path], engine=engine, workers=workers, db=Path(folder) / "b.duckdb")  # type: ignore[arg-type]
        elapsed = time.perf_counter() - start
        with communique.open(Path(folder) / "b.duckdb") as store:
            events = store.count("events")
    return elapsed, report.run.ok, events


def raw_spacy(path: Path) -> tuple[float, dict[str, int]]:
    from communique.meta.language import LanguageIdentifier
    from communique.nlp import PARSE_BATCH, _paragraphs
    from communique.nlp.models import load

    config = Config()
    identify = LanguageIdentifier(config.language)
    articles = [identify(a) for a in read_file(path, config.ingest) if isinstance(a, Article)]
    languages = Counter(a.language for a in articles)
    load.cache_clear()  # fresh models, as a worker has: no vocabulary left from the round before
    for language in languages:
        load(language)  # models loaded before the clock starts
    start = time.perf_counter()
    for language in languages:
        nlp = load(language)
        texts = [t for a in articles if a.language == language for _, t in _paragraphs(a.text)]
        for _ in nlp.pipe(texts, batch_size=PARSE_BATCH):
            pass
    return time.perf_counter() - start, dict(languages)


ENGINES = (("local_1", "local", 1), ("local_2", "local", 2), ("ray_2", "ray", 2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=0, help="0: the whole corpus")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    raw: list[float] = []
    languages: dict[str, int] = {}
    runs: dict[str, dict[str, Any]] = {
        name: {"full": [], "half": [], "articles": 0, "events": 0, "half_articles": 0}
        for name, _, _ in ENGINES
    }
    with tempfile.TemporaryDirectory() as folder:
        path = make_slice(args.articles, Path(folder))
        half = Path(folder) / "half.jsonl"
        half.write_text("\n".join(path.read_text("utf-8").splitlines()[::2]) + "\n", "utf-8")
        # Round by round, the reference and then every engine, back to back: a slow spell of the machine (identical
        # runs have differed by 25 %) then weighs on both sides of a ratio, which is taken per round.
        for round_ in range(args.runs):
            elapsed, languages = raw_spacy(path)
            raw.append(elapsed)
            for name, engine, workers in ENGINES:
                run = runs[name]
                elapsed, run["half_articles"], _ = engine_run(half, engine, workers)
                run["half"].append(elapsed)
                elapsed, run["articles"], run["events"] = engine_run(path, engine, workers)
                run["full"].append(elapsed)
                print(
                    f"round {round_ + 1}, {name}: {run['articles']} articles in {elapsed:.1f} s",
                    file=sys.stderr,
                )
            write("pipeline-partial", {"load_average": os.getloadavg(), "raw": raw, "runs": runs})
    n = sum(languages.values())
    results: dict[str, Any] = {
        "raw_spacy": {
            "what": "spaCy nlp.pipe only, routed by detected language (en, fr, es models, every sentence; others blank+sentencizer)",
            "languages": languages,
            "seconds": summarise(raw),
            "articles_per_second": summarise([n / s for s in raw]),
        }
    }
    rate: dict[str, list[float]] = {"raw_spacy": [n / s for s in raw]}
    steady: dict[str, list[float]] = {}
    for name, engine, workers in ENGINES:
        run = runs[name]
        rate[name] = [run["articles"] / s for s in run["full"]]
        steady[name] = [
            (run["articles"] - run["half_articles"]) / max(s - h, 1e-9)
            for s, h in zip(run["full"], run["half"], strict=True)
        ]
        results[name] = {
            "engine": engine,
            "workers": workers,
            "articles": run["articles"],
            "events": run["events"],
            "seconds": summarise(run["full"]),
            "articles_per_second": summarise(rate[name]),
            "half": {"articles": run["half_articles"], "seconds": summarise(run["half"])},
            "steady_articles_per_second": summarise(steady[name]),
        }

    def per_round(top: dict[str, list[float]], bottom: dict[str, list[float]], a: str, b: str) -> float:
        """The median over the rounds of one round's ratio."""
        return float(statistics.median(x / y for x, y in zip(top[a], bottom[b], strict=True)))

    out = write(
        "pipeline",
        {
            "what": "full pipeline (read, language, dates, parse, actors, events, dedup, store) per engine",
            "corpus": f"{CORPUS.name}, "
            + (
                f"every {len(CORPUS.read_text('utf-8').splitlines()) // args.articles}th line"
                if args.articles
                else "all"
            ),
            "load_average_at_end": os.getloadavg(),
            **results,
            "ratios": {
                "how": "median over the rounds of each round's ratio (a round: raw spaCy, then every engine)",
                "local_2_over_local_1": per_round(rate, rate, "local_2", "local_1"),
                "ray_2_over_local_2": per_round(rate, rate, "ray_2", "local_2"),
                "local_1_over_raw_spacy": per_round(rate, rate, "local_1", "raw_spacy"),
                "steady_local_2_over_local_1": per_round(steady, steady, "local_2", "local_1"),
                "steady_ray_2_over_local_2": per_round(steady, steady, "ray_2", "local_2"),
                "steady_local_1_over_raw_spacy": per_round(steady, rate, "local_1", "raw_spacy"),
            },
            "peak_rss_mb": {
                "driver": round(peak_rss_mb(), 1),
                "largest_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
            },
        },
    )
    (out.parent / "pipeline-partial.json").unlink(missing_ok=True)  # the run finished: no partial results
    print(out)


if __name__ == "__main__":
    main()
