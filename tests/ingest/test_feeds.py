from __future__ import annotations

from pathlib import Path

from communique.config import IngestConfig
from communique.ingest import link_feed_entries, read_file
from communique.models import Article, InputOutcome, InputStatus

SUMMARY = "Foreign ministers of the member states will meet next week to discuss the situation in the region."
RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://example.org/</link>
<item><title>Ministers to meet</title><link>https://example.org/news/meet/</link><guid>meet-1</guid>
<pubDate>Tue, 20 May 2003 23:30:00 -0500</pubDate>
<description>&lt;p&gt;{SUMMARY}&lt;/p&gt;&lt;p&gt;More &lt;b&gt;soon&lt;/b&gt;.&lt;/p&gt;</description></item>
<item><title>Short</title><link>https://example.org/news/short</link><description>Tiny.</description></item>
</channel></rss>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:feed</id>
<updated>2003-05-21T10:00:00Z</updated>
<entry><title>Talks resume</title><id>urn:entry:1</id><link href="https://example.org/talks"/>
<updated>2003-05-21T10:00:00+02:00</updated>
<content type="html">&lt;p&gt;{SUMMARY}&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_entries_become_articles(tmp_path: Path, config: IngestConfig) -> None:
    path = tmp_path / "wire.xml"
    path.write_text(RSS)
    entry, short = list(read_file(path, config))
    assert isinstance(entry, Article)
    assert entry.format == "rss" and entry.source == f"{path}#meet-1"
    assert (entry.title, entry.url, entry.outlet) == (
        "Ministers to meet",
        "https://example.org/news/meet/",
        "Example Wire",
    )
    assert entry.text == f"{SUMMARY}\n\nMore soon."
    assert entry.date_hints == ["2003-05-20T23:30:00-05:00"]  # the day as published, not as UTC
    assert isinstance(short, InputOutcome) and short.status is InputStatus.SKIPPED


def test_atom_entries_become_articles(tmp_path: Path, config: IngestConfig) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(ATOM)
    (entry,) = list(read_file(path, config))
    assert isinstance(entry, Article)
    assert entry.format == "atom" and entry.text == SUMMARY and entry.outlet == "Example Atom"
    assert entry.date_hints == ["2003-05-21T10:00:00+02:00"]


def test_a_broken_feed_fails(tmp_path: Path, config: IngestConfig) -> None:
    path = tmp_path / "broken.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Cut')
    (outcome,) = list(read_file(path, config))
    assert isinstance(outcome, InputOutcome) and outcome.status is InputStatus.FAILED
    assert (outcome.reason or "").startswith("malformed feed")


def test_a_linked_page_wins_over_its_feed_entry(tmp_path: Path, config: IngestConfig) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_text(RSS)
    page = tmp_path / "meet.html"
    body = f"<p>{SUMMARY}</p><p>{SUMMARY}</p>"
    page.write_text(
        f'<html><head><link rel="canonical" href="https://EXAMPLE.org/news/meet"></head><body>{body}</body></html>'
    )
    items = [item for path in (feed, page) for item in read_file(path, config) if isinstance(item, Article)]
    kept, outcomes = link_feed_entries(items)
    assert [a.format for a in kept] == ["html"]
    assert kept[0].title == "Ministers to meet" and kept[0].date_hints == ["2003-05-20T23:30:00-05:00"]
    (outcome,) = outcomes
    assert outcome.status is InputStatus.SKIPPED and outcome.source == f"{feed}#meet-1"
    assert outcome.reason == f"entry's linked page {page} was ingested"
    assert items[1].title is None  # the page read first is not changed in place
