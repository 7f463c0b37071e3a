from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from communique.config import IngestConfig
from communique.errors import InputError
from communique.ingest import iter_files, read_bytes, read_file
from communique.ingest.sniff import sniff
from communique.models import Article, InputStatus

from .conftest import only_article, only_outcome

BODY = (
    "The minister said on Tuesday that talks with the delegation would continue next week in the capital.\n"
)
PAGE = f"<!doctype html><html><head><title>Talks</title></head><body><article><p>{BODY}</p></article></body>"


def test_iter_files_expands_folders_sorted_without_hidden_entries(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.txt", "a/y.html", ".hidden.txt", ".git/config", "a/.cache/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(BODY)
    files = list(iter_files([tmp_path]))
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a/y.html", "a/z.txt", "b.txt"]
    assert list(iter_files([str(tmp_path / "b.txt")])) == [tmp_path / "b.txt"]


def test_iter_files_raises_for_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(iter_files([tmp_path / "nope.txt"]))


def test_the_seed_folder_reads_four_articles(seeds: Path, config: IngestConfig) -> None:
    items = [item for path in iter_files([seeds]) for item in read_file(path, config)]
    assert len(items) == 4 and all(isinstance(item, Article) for item in items)


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (PAGE.encode(), "page.txt", "html"),  # content wins over the extension
        (b"<p>One</p><p>Two</p><div>Three</div>", "frag.txt", "html"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel>', "feed.xml", "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "", "feed"),
        (b'{"text": "x"}\n{"text": "y"}\n', "data.txt", "jsonl"),
        (b"WARC/1.1\r\n", "x.bin", "warc"),
        (gzip.compress(b"x", mtime=0), "x.txt.gz", "gzip"),
        (b"%PDF-1.7 ...", "report.txt", "binary"),
        (b"Plain words, nothing else.", "notes", "text"),
        (b"Plain words in a page file.", "page.html", "html"),
    ],
)
def test_sniff(head: bytes, name: str, expected: str) -> None:
    assert sniff(head, name) == expected


def test_a_txt_holding_html_is_read_as_html(tmp_path: Path, config: IngestConfig) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAGE)
    article = only_article(list(read_file(path, config)))
    assert article.format == "html" and article.title == "Talks"


def test_gzip_files_are_decompressed_then_sniffed(tmp_path: Path, config: IngestConfig) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode()))
    assert only_article(list(read_file(path, config))).format == "html"
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(gzip.compress(BODY.encode() * 50)[:40])
    outcome = only_outcome(list(read_file(broken, config)), InputStatus.FAILED)
    assert "corrupt gzip" in (outcome.reason or "")


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(BODY * 10)
    small = IngestConfig(max_bytes=100)
    outcome = only_outcome(list(read_file(path, small)), InputStatus.SKIPPED)
    assert outcome.reason == f"file is {len(BODY) * 10} bytes, over the limit of 100"
    bomb = tmp_path / "big.txt.gz"
    bomb.write_bytes(gzip.compress(BODY.encode() * 10))
    outcome = only_outcome(list(read_file(bomb, small)), InputStatus.SKIPPED)
    assert "over the limit of 100" in (outcome.reason or "")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"abc\x00\x01\x02" * 100, "binary file"),
        (b"Too short.", "text is 10 characters, under the minimum of 40"),
    ],
)
def test_bad_files_are_skipped_with_a_reason(
    tmp_path: Path, config: IngestConfig, content: bytes, reason: str
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    assert only_outcome(list(read_file(path, config)), InputStatus.SKIPPED).reason == reason


def test_unreadable_paths_fail_with_the_os_error(tmp_path: Path, config: IngestConfig) -> None:
    outcome = only_outcome(list(read_file(tmp_path, config)), InputStatus.FAILED)
    assert "Is a directory" in (outcome.reason or "")
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    outcome = only_outcome(list(read_file(link, config)), InputStatus.FAILED)
    assert "No such file" in (outcome.reason or "")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_a_file_without_read_permission_fails(tmp_path: Path, config: IngestConfig) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(BODY)
    path.chmod(0)
    outcome = only_outcome(list(read_file(path, config)), InputStatus.FAILED)
    assert "Permission denied" in (outcome.reason or "")


def test_invalid_utf8_is_decoded_with_the_detected_encoding(tmp_path: Path, config: IngestConfig) -> None:
    text = "Le ministre a déclaré mardi que les négociations reprendraient à Téhéran la semaine prochaine.\n"
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252") * 3)
    article = only_article(list(read_file(path, config)))
    assert "négociations" in article.text and "Téhéran" in article.text
    assert article.metadata["encoding"] in ("cp1252", "latin_1", "iso8859_15", "cp1250")


def test_utf16_with_a_bom_is_text(tmp_path: Path, config: IngestConfig) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(BODY.encode("utf-16"))
    article = only_article(list(read_file(path, config)))
    assert article.text == BODY.strip() and article.metadata["encoding"] == "utf-16"


def test_read_bytes_takes_a_format_hint(config: IngestConfig) -> None:
    fragment = f"{BODY}<p>{BODY}</p>".encode()
    article = only_article(list(read_bytes(fragment, "stdin", config, format_hint="html")))
    assert article.format == "html" and article.source == "stdin" and "<p>" not in article.text
    article = only_article(list(read_bytes(fragment, "stdin", config)))
    assert article.format == "text"
    assert only_outcome(list(read_bytes(b"", "stdin", config)), InputStatus.SKIPPED).reason == "empty input"


def test_an_empty_gzip_file_is_skipped(tmp_path: Path, config: IngestConfig) -> None:
    path = tmp_path / "nothing.txt.gz"
    path.write_bytes(gzip.compress(b""))
    assert (
        only_outcome(list(read_file(path, config)), InputStatus.SKIPPED).reason
        == "empty file (after decompression)"
    )
