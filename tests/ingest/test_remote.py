"""Files named by URIs (object stores, remote filesystems) read as local ones are; ``file://`` stands in for them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from communique.config import Config, IngestConfig
from communique.errors import InputError
from communique.ingest import ReadItem, RemoteFile, iter_files, read_file
from communique.models import Article, InputStatus
from communique.runner import ingest

from .test_readers import BODY, PAGE
from .test_warc import build_warc


def write_formats(folder: Path) -> Path:
    """One file of each format the readers take, some nested, some hidden."""
    files = {
        "a.txt": BODY.encode(),
        "b/page.html": PAGE.encode(),
        "b-sibling.txt": BODY.replace("capital", "city").encode(),  # after b/ locally: the walk's order kept
        "b/feed.jsonl": "\n".join(
            json.dumps({"text": BODY.replace("Tuesday", day)}) for day in ("Monday", "Friday")
        ).encode(),
        "c/news.txt.gz": gzip.compress(BODY.replace("minister", "president").encode()),
        "c/crawl.warc.gz": build_warc(gzip=True),
        "empty.txt": b"",
        ".hidden.txt": BODY.encode(),
        "d/.cache/x.txt": BODY.encode(),
    }
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def uri(path: Path) -> str:
    return path.resolve().as_uri()


def outcomes(items: list[ReadItem], location: str) -> list[tuple[str, str, str]]:
    """What was read, whatever the file was called: each item's kind, source and text or reason."""
    out = []
    for item in items:
        source = item.source.replace(location, "FILE")
        if isinstance(item, Article):
            out.append(("article", source, item.text))
        else:
            out.append((item.status.value, source, (item.reason or "").replace(location, "FILE")))
    return out


def test_a_folder_uri_lists_and_reads_as_the_local_folder(tmp_path: Path) -> None:
    folder = write_formats(tmp_path / "in")
    config = IngestConfig()
    local = list(iter_files([folder]))
    remote = list(iter_files([uri(folder)]))
    assert all(isinstance(f, RemoteFile) for f in remote)
    assert [str(f) for f in remote] == [uri(f) for f in local]
    assert [f.name for f in remote] == [
        "a.txt",
        "feed.jsonl",
        "page.html",
        "b-sibling.txt",
        "crawl.warc.gz",
        "news.txt.gz",
        "empty.txt",
    ]
    for path, file in zip(local, remote, strict=True):
        read_local, read_remote = list(read_file(path, config)), list(read_file(file, config))
        assert outcomes(read_remote, file.uri) == outcomes(read_local, str(path)), file
    assert sum(isinstance(i, Article) for f in remote for i in read_file(f, config)) >= 6


def test_a_single_file_uri_and_its_query_are_kept() -> None:
    files = list(iter_files(["file:///etc/hostname?use_mmap=false"]))
    assert [f.uri for f in files] == ["file:///etc/hostname?use_mmap=false"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [("file:///no/such/place", "no such file or folder"), ("nosuchscheme://x/y", "cannot list")],
)
def test_a_uri_that_cannot_be_listed_is_an_input_error(name: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        list(iter_files([name]))


def test_an_ingest_of_uris_resumes_by_size_and_mtime(tmp_path: Path) -> None:
    folder = write_formats(tmp_path / "in")
    db = tmp_path / "db.duckdb"
    config = Config(pipeline=["meta.language", "meta.dates"])
    first = ingest([uri(folder), "nosuchscheme://x"], db=db, config=config)
    assert first.run.failed == 1 and first.run.ok >= 6
    assert {o.source for o in first.outcomes if o.status is InputStatus.OK} >= {uri(folder / "a.txt")}
    (folder / "a.txt").write_text(BODY.replace("minister", "mayor"))
    second = ingest([uri(folder)], db=db, config=config)
    read_again = {o.source for o in second.outcomes if o.status is not InputStatus.UNCHANGED}
    assert read_again == {uri(folder / "a.txt")}
