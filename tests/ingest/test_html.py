from __future__ import annotations

from pathlib import Path

from communique.config import IngestConfig
from communique.ingest import read_file
from communique.models import InputStatus

from .conftest import only_article, only_outcome

PARAGRAPH = (
    "President Khatami said on Tuesday that Muslim states need cooperation and solidarity to ensure peace."
)
PAGE = f"""<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Khatami urges unity | Example News</title>
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://example.org/news/khatami">
<meta property="article:published_time" content="2003-05-20T10:00:00Z">
<meta name="author" content="Jane Doe"></head>
<body><div class="clock">14:10 GMT 23 February 2019</div>
<nav><a href="/">Home</a> | <a href="/w">World</a></nav>
<article><h1>Khatami urges unity</h1><p>{PARAGRAPH}</p>
<p>{PARAGRAPH.replace("Tuesday", "Monday")}</p></article>
<footer>Share this article</footer></body></html>"""


def test_html_page_keeps_text_and_metadata(tmp_path: Path, config: IngestConfig) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    article = only_article(list(read_file(path, config)))
    assert article.format == "html"
    assert PARAGRAPH in article.text and "Share this" not in article.text and "14:10" not in article.text
    assert article.title == "Khatami urges unity"
    assert article.url == "https://example.org/news/khatami"
    assert article.outlet == "Example News"
    assert article.metadata["author"] == "Jane Doe"
    assert article.metadata["declared_language"] == "en-GB"
    assert article.date_hints == ["2003-05-20"]


def test_a_page_clock_is_not_a_date(tmp_path: Path, config: IngestConfig) -> None:
    path = tmp_path / "clock.html"
    path.write_text(f"<html><body><p>Updated 14:10 GMT 23 February 2019</p><p>{PARAGRAPH}</p></body></html>")
    assert only_article(list(read_file(path, config))).date_hints == []


def test_truncated_html_still_yields_text(tmp_path: Path, config: IngestConfig) -> None:
    path = tmp_path / "cut.html"
    path.write_text(PAGE[: PAGE.index("</article>") - 40])
    article = only_article(list(read_file(path, config)))
    assert PARAGRAPH in article.text


def test_html_without_article_text_is_skipped(tmp_path: Path, config: IngestConfig) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>Nothing</title></head><bo")
    outcome = only_outcome(list(read_file(empty, config)), InputStatus.SKIPPED)
    assert outcome.reason == "no article text found in the HTML page"
    short = tmp_path / "short.html"
    short.write_text("<html><body><p>Only a line.</p></body></html>")
    outcome = only_outcome(list(read_file(short, config)), InputStatus.SKIPPED)
    assert "under the minimum of 40" in (outcome.reason or "")


def test_a_declared_legacy_charset_is_used(tmp_path: Path, config: IngestConfig) -> None:
    text = "Le ministre a déclaré mardi que les négociations reprendraient à Téhéran la semaine prochaine."
    path = tmp_path / "latin.html"
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{text}</p></body></html>'
    path.write_bytes(page.encode("cp1252"))
    article = only_article(list(read_file(path, config)))
    assert text in article.text and article.metadata["encoding"] == "cp1252"
