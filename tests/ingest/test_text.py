from __future__ import annotations

from pathlib import Path

from communique.config import IngestConfig
from communique.ingest import read_file
from communique.ingest.clutter import remove_clutter
from communique.ingest.text import find_title, read_text, split_header
from communique.models import Article, InputStatus

from .conftest import only_article, only_outcome

BODY = "The minister said on Tuesday that talks with the delegation would continue next week in the capital."


def test_seed_002_header_becomes_a_date_hint(seeds: Path, config: IngestConfig) -> None:
    article = only_article(list(read_file(next(seeds.glob("002_*")), config)))
    assert article.date_hints == ["2025-07-24"]
    assert article.text.startswith("NEW YORK, 24th July, 2025 (WAM) –")
    assert article.metadata["header"] == {"date": "2025-07-24"}


def test_seed_003_loses_its_clutter_and_keeps_every_paragraph(seeds: Path, config: IngestConfig) -> None:
    path = next(seeds.glob("003_*"))
    article = only_article(list(read_file(path, config)))
    clutter = [
        "14:10 GMT +323 February 2019",
        "Listen Live",
        "Onlinenews (archive)",
        "Get short URL",
        "0 01",
        "Community standards",
        "Comment via Facebook",
    ]
    for line in clutter:
        assert line not in article.text
    assert article.text.startswith("MOSCOW, May 21 (RIA Novosti) - Russian Security Council Secretary")
    paragraphs = [p.strip() for p in path.read_text().split("\n\n") if p.strip().endswith(".")]
    assert paragraphs[0].endswith("(OIC).")
    for paragraph in paragraphs[1:]:
        assert paragraph in article.text
    assert article.metadata["clutter_removed"] == 8
    assert article.date_hints == []  # the page clock is not a date


def test_clean_seeds_are_left_whole(seeds: Path, config: IngestConfig) -> None:
    for name in ("000_*", "001_*"):
        path = next(seeds.glob(name))
        article = only_article(list(read_file(path, config)))
        assert "clutter_removed" not in article.metadata
        assert article.text.split()[-3:] == path.read_text().split()[-3:]
        assert article.format == "text" and article.source == str(path)


def test_headers_one_per_line_with_colons() -> None:
    text = "Title: Talks resume\nDate: Tuesday, 20 May 2003\nSource: https://example.org/a\n\n" + BODY
    header, body = split_header(text)
    assert header.fields == {
        "title": "Talks resume",
        "date": "Tuesday, 20 May 2003",
        "source": "https://example.org/a",
    }
    assert header.date_hints == ["Tuesday, 20 May 2003"]
    assert body.strip() == BODY


def test_a_headline_starting_with_a_key_word_is_not_a_header() -> None:
    header, body = split_header("Title IX cases rise\n\n" + BODY)
    assert header.fields == {} and body.startswith("Title IX")


def test_title_is_a_short_first_line_followed_by_a_blank_line(config: IngestConfig) -> None:
    article = read_text("Khatami urges OIC unity\n\n" + BODY, "t.txt", config)
    assert isinstance(article, Article)
    assert article.title == "Khatami urges OIC unity"
    assert article.text.startswith("Khatami urges OIC unity\n\n")
    assert find_title(BODY + "\n\n" + BODY) is None  # a sentence is not a title
    assert find_title("Short line\n" + BODY) is None  # no blank line after it


def test_clutter_rules_are_general_and_spare_short_sentences() -> None:
    text = "\n".join(
        [
            "Accueil",
            "Partager",
            "Mis à jour 09:45 CET",
            "Поделиться",
            BODY,
            "He left.",  # a one-line paragraph: stays
            "Share prices fell sharply",  # one interface word does not make a line clutter
            BODY.replace("Tuesday", "Wednesday"),
            "Tags: Iran, OIC",
            "*** | ***",
            "Follow us on Twitter",
        ]
    )
    cleaned = remove_clutter(text)
    assert cleaned.removed == [
        "Accueil",
        "Partager",
        "Mis à jour 09:45 CET",
        "Поделиться",
        "Tags: Iran, OIC",
        "*** | ***",
        "Follow us on Twitter",
    ]
    assert "He left." in cleaned.text and "Share prices fell sharply" in cleaned.text


def test_edge_lines_go_only_where_the_page_shows_clutter() -> None:
    plain = remove_clutter("World\n\n" + BODY)
    assert plain.removed == []
    page = remove_clutter("World\nMiddle East\nListen live\n\n" + BODY + "\n\nMore from us\nPrint")
    assert page.removed == ["World", "Middle East", "Listen live", "More from us", "Print"]


def test_short_text_is_skipped(tmp_path: Path, config: IngestConfig) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Listen Live\nToo short.\n")
    outcome = only_outcome(list(read_file(path, config)), InputStatus.SKIPPED)
    assert "under the minimum of 40" in (outcome.reason or "")


def test_wide_characters_count_double_towards_the_minimum(config: IngestConfig) -> None:
    assert isinstance(read_text("部长周二表示，与代表团的会谈将于下周继续。", "zh.txt", config), Article)
    outcome = read_text("Ten chars.", "en.txt", config)
    assert not isinstance(outcome, Article) and outcome.status is InputStatus.SKIPPED
