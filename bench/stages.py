"""Where a warm pipeline spends its time, stage by stage, on the same texts as raw spaCy.

    .venv/bin/python bench/stages.py [--articles 600] [--runs 3]

Every component is built once (models and knowledge base loaded before the clock starts), then each stage runs
over the whole slice in turn (batched where the component is), so each stage's time is its own. The reference is
the parse of every sentence (``nlp.parse`` with ``parse_all``: spaCy's ``nlp.pipe`` over the same paragraphs,
routed by language), timed on a copy of the same articles; the pipeline's own ``nlp.parse`` parses only the
sentences that could hold an event. Writes bench/results/stages.json: seconds per stage (median of the runs),
articles per second of the whole chain, the actor and event stages' cost relative to the full parse and the
whole chain's throughput relative to it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import CORPUS, peak_rss_mb, summarise, write
from communique.components import make_parser
from communique.config import Config
from communique.ingest.readers import read_file
from communique.models import Article
from communique.pipeline import BatchComponent, Pipeline


def slice_articles(n: int, folder: Path) -> list[Article]:
    lines = CORPUS.read_text("utf-8").splitlines()
    path = folder / "slice.jsonl"
    path.write_text("\n".join(lines[:: max(1, len(lines) // n)][:n]) + "\n", "utf-8")
    return [item for item in read_file(path, Config().ingest) if isinstance(item, Article)]


FULL_PARSE = "nlp.parse, every sentence (reference)"


def one_run(pipeline: Pipeline, articles: list[Article]) -> dict[str, float]:
    batch = [a.model_copy(deep=True) for a in articles]
    seconds: dict[str, float] = {}
    parse_all = make_parser(Config(parse_all=True))
    for name, component in pipeline.components:
        if name == "nlp.parse":
            copies = [a.model_copy(deep=True) for a in batch]
            start = time.perf_counter()
            list(parse_all.pipe(copies))  # type: ignore[attr-defined]
            seconds[FULL_PARSE] = time.perf_counter() - start
        start = time.perf_counter()
        if isinstance(component, BatchComponent):
            batch = list(component.pipe(batch))
        else:
            batch = [component(a) for a in batch]
        seconds[name] = time.perf_counter() - start
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        articles = slice_articles(args.articles, Path(folder))
    pipeline = Pipeline(Config())
    one_run(pipeline, articles[:20])  # warm-up: every language's model and matcher built
    runs = [one_run(pipeline, articles) for _ in range(args.runs)]
    stages = {name: summarise([r[name] for r in runs]) for name in runs[0]}
    total = summarise([sum(v for k, v in r.items() if k != FULL_PARSE) for r in runs])
    parse = stages[FULL_PARSE]["median"]
    path = write(
        "stages",
        {
            "what": "seconds per pipeline stage on the same articles, warm, one process (medians of the runs)",
            "corpus": f"{CORPUS.name}, {len(articles)} articles spread over the file",
            "articles": len(articles),
            "stages_seconds": stages,
            "total_seconds": total,
            "articles_per_second": len(articles) / total["median"],
            "full_parse_articles_per_second": len(articles) / parse,
            "selective_over_full_parse": stages["nlp.parse"]["median"] / parse,
            "actors_over_parse": stages["actors.resolve"]["median"] / parse,
            "events_over_parse": stages["events.extract"]["median"] / parse,
            "pipeline_over_parse_throughput": parse / total["median"],
            "peak_rss_mb": round(peak_rss_mb(), 1),
        },
    )
    for name, value in stages.items():
        print(f"{name:16} {value['median']:7.2f} s")
    print(f"total {total['median']:.2f} s, {len(articles) / total['median']:.1f} articles/s -> {path}")


if __name__ == "__main__":
    main()
