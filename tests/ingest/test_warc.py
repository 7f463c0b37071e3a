from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from communique.config import IngestConfig
from communique.ingest import read_file
from communique.models import Article, InputOutcome, InputStatus

PARAGRAPH = (
    "President Khatami said on Tuesday that Muslim states need cooperation and solidarity to ensure peace."
)
PAGE = (
    "<html><head><title>Khatami urges unity</title>"
    '<link rel="canonical" href="https://example.org/canonical"></head>'
    f"<body><article><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article></body></html>"
).encode()


def build_warc(gzip: bool) -> bytes:
    """A small archive: warcinfo, an HTML page, an image, a 404 page and a request."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    responses = [
        ("https://example.org/a", "200 OK", "text/html; charset=utf-8", PAGE),
        ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
        ("https://example.org/gone", "404 Not Found", "text/html", PAGE),
    ]
    for uri, status, content_type, body in responses:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
            )
        )
    request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    writer.write_record(writer.create_warc_record("https://example.org/a", "request", http_headers=request))
    return buffer.getvalue()


@pytest.mark.parametrize("gzip", [False, True])
def test_only_html_responses_are_articles(tmp_path: Path, config: IngestConfig, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(build_warc(gzip))
    items = list(read_file(path, config))
    assert len(items) == 5
    articles = [item for item in items if isinstance(item, Article)]
    assert len(articles) == 1
    page = articles[0]
    assert page.format == "warc" and page.url == "https://example.org/a"
    assert page.source.startswith(f"{path}#<urn:uuid:") and page.title == "Khatami urges unity"
    assert page.metadata["canonical_url"] == "https://example.org/canonical"
    reasons = [item.reason for item in items if isinstance(item, InputOutcome)]
    assert reasons == [
        "WARC record is not an HTML response (type=warcinfo, content-type=none)",
        "WARC record is not an HTML response (type=response, content-type=image/png)",
        "WARC response has HTTP status 404, not 2xx",
        "WARC record is not an HTML response (type=request, content-type=none)",
    ]


@pytest.mark.parametrize("gzip", [False, True])
@pytest.mark.parametrize("keep", [0.4, 0.7, 0.97])
def test_a_truncated_warc_fails_for_the_rest(
    tmp_path: Path, config: IngestConfig, gzip: bool, keep: float
) -> None:
    data = build_warc(gzip)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: int(len(data) * keep)])
    items = list(read_file(path, config))
    last = items[-1]
    assert isinstance(last, InputOutcome) and last.status is InputStatus.FAILED
    assert "truncated or corrupt WARC" in (last.reason or "")
    assert all(item.status is InputStatus.SKIPPED for item in items[:-1] if isinstance(item, InputOutcome))


def test_a_warc_that_is_not_one_is_read_by_its_content(tmp_path: Path, config: IngestConfig) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("This is not an archive at all, just words in a file that has the wrong name.\n")
    (article,) = list(read_file(path, config))
    assert isinstance(article, Article) and article.format == "text"


def test_a_corrupt_gzipped_warc_fails(tmp_path: Path, config: IngestConfig) -> None:
    data = build_warc(gzip=True)
    path = tmp_path / "bad.warc.gz"
    middle = len(data) // 2
    path.write_bytes(data[:middle] + bytes(range(256)) + data[middle + 256 :])
    first, *_, last = list(read_file(path, config))
    assert isinstance(first, InputOutcome) and first.status is InputStatus.SKIPPED  # the warcinfo record
    assert isinstance(last, InputOutcome) and last.status is InputStatus.FAILED
    assert "truncated or corrupt WARC after record" in (last.reason or "")
