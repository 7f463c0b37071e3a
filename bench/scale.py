"""Cross-article steps at scale: duplicate detection in the driver must grow near-linearly with the articles.

    .venv/bin/python bench/scale.py [--sizes 1000 2000 4000 8000]

Times ``DuplicateFinder.check`` (exact hash + MinHash LSH, the driver's blocked step after the map) over the first
N corpus articles, repeated to reach N (each repeat's text gets a distinct suffix word, so they are near
duplicates, the hard case for LSH buckets). Writes bench/results/scale.json: microseconds per article for each N;
near-linear means that stays flat.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import CORPUS, summarise, write
from communique.config import Config
from communique.ingest.dedup import DuplicateFinder
from communique.ingest.readers import read_file
from communique.models import Article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    config = Config()
    base = [a for a in read_file(CORPUS, config.ingest) if isinstance(a, Article)]
    rows = []
    for size in args.sizes:
        articles = []
        for i in range(size):
            a = base[i % len(base)]
            copy = i // len(base)
            articles.append(a.model_copy(update={"id": f"{a.id}-{copy}", "text": f"{a.text} copy{copy}"}))
        samples = []
        for _ in range(args.runs):
            finder = DuplicateFinder(config.dedup)
            fresh = [a.model_copy() for a in articles]
            start = time.perf_counter()
            for article in fresh:
                finder.check(article)
            samples.append(time.perf_counter() - start)
        per = summarise([s / size * 1e6 for s in samples])
        rows.append({"articles": size, "seconds": summarise(samples), "microseconds_per_article": per})
        print(f"{size}: {per['median']:.0f} us/article", file=sys.stderr)
    out = write(
        "scale",
        {
            "what": "driver-side duplicate detection (exact hash + MinHash LSH) after the map step",
            "corpus": CORPUS.name,
            "dedup": rows,
            "growth_us_per_article_last_over_first": rows[-1]["microseconds_per_article"]["median"]
            / rows[0]["microseconds_per_article"]["median"],
        },
    )
    print(out)


if __name__ == "__main__":
    main()
