"""The ingest stage's entry points: which files to read, and each input to articles or outcomes.

Files are local paths or URIs of object stores and remote filesystems (``s3://bucket/news/``, ``gs://…``,
``hdfs://…``, ``file:///…``), listed and read through pyarrow's filesystems (credentials from the environment, as
pyarrow takes them: ``AWS_*`` variables, ``~/.aws``, a GCP service account).

A reader never raises for bad content: an input that is not an article (empty, binary, too large, too
short) yields a SKIPPED :class:`~communique.models.InputOutcome`, one that cannot be read (unreadable file,
invalid JSON, truncated archive) a FAILED one, each with its reason. Container formats (JSONL, WARC) are
streamed and their size limit applies to each record; any other input over ``max_bytes`` is skipped before
it is read.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from communique.config import IngestConfig
from communique.errors import InputError, SkipInput
from communique.ingest.article import ReadItem, failed, skipped
from communique.ingest.decode import decode
from communique.ingest.feeds import link_feed_entries, read_feed
from communique.ingest.html import read_html
from communique.ingest.jsonl import read_jsonl
from communique.ingest.sniff import HEAD_BYTES, Format, sniff, strip_gz
from communique.ingest.text import read_text
from communique.ingest.warc import read_warc

__all__ = ["ReadItem", "RemoteFile", "iter_files", "link_feed_entries", "read_bytes", "read_file"]

_HINT_NAMES = {"text": "input.txt", "rss": "input.rss", "atom": "input.atom", "gzip": "input.gz"}
_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


@dataclass(frozen=True)
class RemoteFile:
    """A file named by a URI, with what its filesystem says of it (``mtime_ns`` 0 where it says nothing)."""

    uri: str
    size: int
    mtime_ns: int
    path: str = field(repr=False)  # the filesystem's own path for it
    filesystem: Any = field(repr=False, compare=False)  # a pyarrow.fs.FileSystem

    def __str__(self) -> str:
        return self.uri

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    def open(self) -> io.BufferedReader:
        """Seekable (ranged reads on object stores), as the sniffing of a file's head needs; buffered, as the
        line-by-line readers need (pyarrow's own file has no ``readline``), a MiB per request."""
        return io.BufferedReader(self.filesystem.open_input_file(self.path), buffer_size=1 << 20)


def _is_uri(path: str | Path) -> bool:
    """A string with a scheme (``s3://…``); a :class:`Path` is always local."""
    return isinstance(path, str) and _URI.match(path) is not None


def iter_files(paths: Sequence[str | Path]) -> Iterator[Path | RemoteFile]:
    """The files named by ``paths`` (local or URIs), folders expanded recursively in name order, hidden entries
    left out.

    Raises :class:`InputError` for a path that does not exist or a folder that cannot be listed.
    """
    for raw in paths:
        if _is_uri(raw):
            yield from _remote_files(str(raw))
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, set())
        elif path.exists() or path.is_symlink():  # a dangling link is reported when it is read
            yield path
        else:
            raise InputError(str(path), "no such file or directory")


def _walk(folder: Path, seen: set[Path]) -> Iterator[Path]:
    real = folder.resolve()
    if real in seen:  # a link back up the tree
        return
    seen.add(real)
    try:
        children = sorted(folder.iterdir(), key=lambda child: child.name)
    except OSError as exc:
        raise InputError(str(folder), f"cannot list folder: {exc}") from exc
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child, seen)
        else:
            yield child


def _remote_files(uri: str) -> Iterator[RemoteFile]:
    from pyarrow import fs

    try:
        filesystem, root = fs.FileSystem.from_uri(uri)
        info = filesystem.get_file_info(root)
        if info.type == fs.FileType.NotFound:
            raise InputError(uri, "no such file or folder")
        if info.type == fs.FileType.Directory:
            infos = filesystem.get_file_info(fs.FileSelector(root, recursive=True))
        else:
            infos = [info]
    except (OSError, ValueError) as exc:  # no such scheme, no network, no credentials, a malformed URI
        raise InputError(uri, f"cannot list: {exc}") from exc
    # The URI of each file: the given one's scheme and authority (what precedes the filesystem's path in it) and
    # query (options such as ?region=), around the file's own path.
    base, mark, query = uri.partition("?")
    base, root = base.rstrip("/"), root.rstrip("/")
    prefix = base[: len(base) - len(root)] if root and base.endswith(root) else base[: base.index("://") + 3]
    top = len(root)
    for entry in sorted(infos, key=lambda i: i.path.split("/")):  # a folder's files in the local walk's order
        inside = entry.path[top:].lstrip("/")
        if entry.type != fs.FileType.File or any(part.startswith(".") for part in inside.split("/")):
            continue
        yield RemoteFile(
            uri=f"{prefix}{entry.path}{mark}{query}",
            size=entry.size or 0,
            mtime_ns=entry.mtime_ns or 0,
            path=entry.path,
            filesystem=filesystem,
        )


def read_file(file: Path | RemoteFile, config: IngestConfig) -> Iterator[ReadItem]:
    """The articles in a local or remote file, and an outcome for each part that is not one."""
    source = str(file)
    try:
        size = file.size if isinstance(file, RemoteFile) else file.stat().st_size
        if size == 0:
            yield skipped(source, "empty file")
            return
        with file.open() if isinstance(file, RemoteFile) else file.open("rb") as stream:
            yield from _read_stream(stream, source, file.name, size, config)
    except OSError as exc:
        yield failed(source, f"cannot read file: {exc}")


def read_bytes(
    data: bytes, source: str, config: IngestConfig, *, format_hint: str | None = None
) -> Iterator[ReadItem]:
    """The articles in ``data`` (stdin, an upload); ``format_hint`` is a format or file name used when the
    content is not decisive ("html", "jsonl", "rss", "page.htm")."""
    if not data:
        yield skipped(source, "empty input")
        return
    name = source
    if format_hint:
        name = _HINT_NAMES.get(format_hint, format_hint if "." in format_hint else f"input.{format_hint}")
    yield from _read_stream(io.BytesIO(data), source, name, len(data), config)


def _read_stream(
    stream: io.BufferedIOBase, source: str, name: str, size: int | None, config: IngestConfig
) -> Iterator[ReadItem]:
    """Sniff a seekable stream and hand it to its reader; ``size`` is None for a decompressed stream."""
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    fmt = sniff(head, name)
    if fmt == "gzip":
        yield from _read_gzip(stream, source, name, config)
    elif fmt == "warc":
        yield from read_warc(stream, source, config)
    elif fmt == "jsonl":
        yield from read_jsonl(stream, source, config)
    elif size is not None and size > config.max_bytes:
        yield skipped(source, f"file is {size} bytes, over the limit of {config.max_bytes}")
    else:
        data = stream.read(config.max_bytes + 1)
        if not data:
            yield skipped(source, "empty file (after decompression)")
        elif len(data) > config.max_bytes:
            yield skipped(source, f"decompressed data is over the limit of {config.max_bytes} bytes")
        else:
            yield from _read_document(data, fmt, source, config)


def _read_gzip(stream: io.BufferedIOBase, source: str, name: str, config: IngestConfig) -> Iterator[ReadItem]:
    head = _gunzip_head(stream)
    stream.seek(0)
    try:
        if sniff(head, strip_gz(name)) == "warc":
            yield from read_warc(stream, source, config)  # warcio reads gzipped records itself
        else:
            with gzip.GzipFile(fileobj=stream) as inner:
                yield from _read_stream(inner, source, strip_gz(name), None, config)
    except _GZIP_ERRORS as exc:
        yield failed(source, f"corrupt gzip data: {exc or type(exc).__name__}")


def _gunzip_head(stream: io.BufferedIOBase) -> bytes:
    """The start of the decompressed data, as much as can be had from a cut or corrupt file.

    So a gzipped WARC damaged further on is still known as one, and warcio reads its records up to the damage.
    """
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    head = b""
    while len(head) < HEAD_BYTES and (chunk := stream.read(4096)):
        try:
            head += inflater.decompress(chunk, HEAD_BYTES - len(head))
        except zlib.error:
            break
    return head


def _read_document(data: bytes, fmt: Format, source: str, config: IngestConfig) -> Iterator[ReadItem]:
    """One whole document (a page, a feed, a text) as articles or outcomes."""
    try:
        if fmt == "binary":
            raise SkipInput(source, "binary file")
        if fmt == "feed":
            yield from read_feed(data, source, config)
        elif fmt == "html":
            yield read_html(data, source, config)
        else:
            decoded = decode(data, source)
            yield read_text(decoded.text, source, config, encoding=decoded.encoding)
    except SkipInput as exc:
        yield skipped(source, exc.reason)
    except InputError as exc:
        yield failed(source, exc.reason)
