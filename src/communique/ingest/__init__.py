"""The ingest stage: files, bytes and archives in, bare articles (or a reason why not) out."""

from communique.ingest.readers import (
    ReadItem,
    RemoteFile,
    iter_files,
    link_feed_entries,
    read_bytes,
    read_file,
)

__all__ = ["ReadItem", "RemoteFile", "iter_files", "link_feed_entries", "read_bytes", "read_file"]
