from __future__ import annotations

import json
import time
from pathlib import Path

from communique.config import IngestConfig, JsonlFields
from communique.ingest import read_file
from communique.models import Article, InputOutcome, InputStatus

TEXT = "The minister said on Tuesday that talks with the delegation would continue next week in the capital."


def test_jsonl_lines_become_articles_and_outcomes(tmp_path: Path, config: IngestConfig) -> None:
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": TEXT,
                "headline": "Talks",
                "link": "https://ex.org/1",
                "lang": "en",
                "date": "2003-05-20",
                "section": "world",
                "tags": ["iran"],
            }
        ),
        "",
        '{"id": "a2", "text": "unterminated',
        json.dumps({"content": TEXT + " Again."}),
        json.dumps({"id": "a4", "text": "   "}),
        json.dumps({"id": "a5"}),
        json.dumps([1, 2]),
        json.dumps({"id": "a7", "text": 42}),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = list(read_file(path, config))
    first = items[0]
    assert isinstance(first, Article)
    assert first.source == f"{path}#a1" and first.format == "jsonl"
    assert (first.title, first.url, first.date_hints) == ("Talks", "https://ex.org/1", ["2003-05-20"])
    assert first.metadata == {"section": "world", "tags": ["iran"], "declared_language": "en"}
    bad = items[1]
    assert isinstance(bad, InputOutcome) and bad.status is InputStatus.FAILED
    assert (bad.reason or "").startswith(f"{path}:3: invalid JSON: ")
    second = items[2]
    assert isinstance(second, Article) and second.source == f"{path}#line 4"
    outcomes = items[3:]
    assert [(o.status, o.source) for o in outcomes if isinstance(o, InputOutcome)] == [
        (InputStatus.SKIPPED, f"{path}#a4"),
        (InputStatus.SKIPPED, f"{path}#a5"),
        (InputStatus.FAILED, f"{path}#line 7"),
        (InputStatus.FAILED, f"{path}#a7"),
    ]
    assert all(isinstance(o, InputOutcome) and f"{path}:" in (o.reason or "") for o in outcomes)


def test_field_names_come_from_the_config(tmp_path: Path) -> None:
    config = IngestConfig(jsonl=JsonlFields(text=["story"], id=["key"]))
    path = tmp_path / "custom.jsonl"
    path.write_text(json.dumps({"key": 7, "story": TEXT, "text": "ignored"}) + "\n")
    (article,) = list(read_file(path, config))
    assert isinstance(article, Article)
    assert article.source == f"{path}#7" and article.text == TEXT and article.metadata == {"text": "ignored"}


def test_the_corpus_reads_fast(shared: Path, config: IngestConfig) -> None:
    start = time.perf_counter()
    items = list(read_file(shared / "corpus" / "news-10lang.jsonl", config))
    elapsed = time.perf_counter() - start
    articles = [item for item in items if isinstance(item, Article)]
    assert len(items) == 2503 and len(articles) == 2503
    assert len({a.id for a in articles}) == 2503
    assert all(a.metadata.get("declared_language") for a in articles)
    assert elapsed < 5
