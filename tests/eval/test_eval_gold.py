from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.config import IngestConfig
from communique.eval import GoldDate, GoldFormatError, articles_for, load_gold
from communique.ingest.readers import read_file
from communique.models import Article, PartialDate

# records, events per gold file (events as written, unmapped ones included)
COUNTS = {
    "arabic-event-gsr-detection.dev.jsonl": (549, 142),
    "arabic-event-gsr-spans.dev.jsonl": (211, 211),
    "case2021-task2-finegrained.dev.jsonl": (343, 343),
    "glocon-gold-document.dev.jsonl": (311, 23),
    "glocon-gold-sentence.dev.jsonl": (420, 75),
    "plover-gsr-cameo.dev.jsonl": (111, 120),
    "seeds.jsonl": (4, 28),
    "universalpetrarch-en-petr2-gsr.dev.jsonl": (25, 27),
    "universalpetrarch-es-1018-cameo.dev.jsonl": (22, 26),
    "universalpetrarch-es-fight-v2.dev.jsonl": (107, 97),
    "universalpetrarch-es-protest-plover.dev.jsonl": (246, 271),
}


@pytest.fixture(scope="module")
def gold_dir(shared: Path) -> Path:
    return shared / "gold"


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_every_gold_file_loads(gold_dir: Path, name: str) -> None:
    records = load_gold([gold_dir / name])
    assert (len(records), sum(len(r.events) for r in records)) == COUNTS[name]
    dataset = name.removesuffix(".jsonl").removesuffix(".dev")
    assert {r.dataset for r in records} == {dataset}
    assert all(r.line >= 1 and r.file == gold_dir / name for r in records)


def test_gold_files_are_all_counted(gold_dir: Path) -> None:
    assert sorted(p.name for p in gold_dir.glob("*.jsonl")) == sorted(COUNTS)


def test_seed_records(gold_dir: Path, seeds: Path) -> None:
    records = load_gold([gold_dir / "seeds.jsonl"])
    first = records[0]
    assert first.doc_path == seeds / "000_e3df0066fa1946bb.txt"
    assert first.language == "en" and first.task is None and first.text is None
    assert first.published == GoldDate(PartialDate(year=2003, month=5, day=27))
    assert first.actors[0].text == "Mohammad Khatami" and first.actors[0].code == "IRN.GOV"
    assert first.actors[-1].kind == "place"
    ranged = [e for e in first.events if e.date and e.date.end]
    assert len(ranged) == 1 and ranged[0].date is not None and ranged[0].date.iso == "2003-05-28/2003-05-31"
    assert sum(bool(e.required) for r in records for e in r.events) == 14
    assert records[1].published is not None and records[1].published.start.precision == "year"
    assert records[1].events[-1].target is None  # "" is a wildcard


def test_sentence_records(gold_dir: Path) -> None:
    spans = load_gold([gold_dir / "arabic-event-gsr-spans.dev.jsonl"])
    assert spans[2].events[0].source == "---.CVL" and spans[2].events[0].source_text == "المتظاهرون"
    case = load_gold([gold_dir / "case2021-task2-finegrained.dev.jsonl"])
    assert case[0].task == "classification"
    assert sum(e.unmapped for r in case for e in r.events) == 110
    detection = load_gold([gold_dir / "glocon-gold-sentence.dev.jsonl"])
    assert detection[0].detection_type == "PROTEST"
    assert detection[0].extra == {"split_key": "5da6f8180d84000017827a0b"}


def test_gold_date() -> None:
    assert GoldDate.parse("2009").interval()[1].isoformat() == "2009-12-31"
    assert GoldDate.parse("2024-02").interval()[1].isoformat() == "2024-02-29"
    assert GoldDate.parse("2003-05-28/2003-05-31").interval()[0].isoformat() == "2003-05-28"
    with pytest.raises(ValueError):
        GoldDate.parse("XXXX-05-21")


def _write(path: Path, *lines: object) -> Path:
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n")
    return path


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "Expecting property name"),
        ({"text": "x", "events": [{"type": "PROTEST", "date": "2009-13"}]}, "month"),
        ({"doc": "missing.txt", "events": []}, "missing.txt"),
        ({"text": "x", "doc": "y"}, "exactly one"),
        ({"text": "x", "events": [{"source": "USA"}]}, "needs a 'type'"),
        ({"text": "x", "task": "tagging"}, "unknown task"),
        ({"text": "x", "actors": [{"text": "UN"}]}, "'text' and 'code'"),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, line: object, message: str) -> None:
    path = _write(tmp_path / "bad.jsonl", {"text": "fine", "events": []}, "", line)
    with pytest.raises(GoldFormatError, match=message) as info:
        load_gold([path], seeds_dir=tmp_path)
    assert info.value.source == f"{path}:3"


def test_articles_for_documents_and_snippets(tmp_path: Path, gold_dir: Path, seeds: Path) -> None:
    records = load_gold([gold_dir / "seeds.jsonl", gold_dir / "universalpetrarch-en-petr2-gsr.dev.jsonl"])
    articles = articles_for(records)
    assert len(articles) == len(records)
    seed = next(item for item in read_file(seeds / "003_a9a3d9c4bdde8030.txt", IngestConfig()))
    assert isinstance(seed, Article)
    assert articles[3].text == seed.text and articles[3].date_hints == []  # never a hint for documents
    snippet = articles[4]
    assert snippet.source == f"gold:universalpetrarch-en-petr2-gsr:{records[4].id}"
    assert snippet.text == records[4].text and snippet.date_hints == ["2008-08-06"]
    plover = articles_for(load_gold([gold_dir / "plover-gsr-cameo.dev.jsonl"]))
    assert plover[0].date_hints == []  # no published date given


def test_documents_from_other_folders(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "corpus").mkdir()
    (tmp_path / "mine").mkdir()
    body = "The ministers met in Geneva on Monday to talk about the ceasefire and the aid convoys."
    (tmp_path / "corpus" / "c.jsonl").write_text(
        json.dumps({"id": "a1", "text": "Nothing to see here, only a long enough text to be an article."})
        + "\n"
        + json.dumps({"id": "b2", "text": body})
        + "\n"
    )
    (tmp_path / "mine" / "d.txt").write_text(body)
    gold = _write(
        tmp_path / "gold" / "g.jsonl", {"doc": "c.jsonl#b2", "events": []}, {"doc": "d.txt", "events": []}
    )
    records = load_gold([gold], seeds_dir=tmp_path / "mine")
    assert records[0].doc_path == tmp_path / "corpus" / "c.jsonl"
    assert records[1].doc_path == tmp_path / "mine" / "d.txt"
    assert [a.text for a in articles_for(records)] == [body, body]
