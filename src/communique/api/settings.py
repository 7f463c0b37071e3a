"""What a server is started with: the database, the write token, CORS and upload limits."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TOKEN_ENV = "COMMUNIQUE_API_TOKEN"
MAX_UPLOAD_BYTES = 20_000_000  # the whole of one ingest request
MAX_UPLOAD_FILES = 100
MAX_KB_FILE_BYTES = 5_000_000


@dataclass(frozen=True)
class Settings:
    """One server's configuration; ``token=None`` turns every write off."""

    db: Path
    token: str | None = None
    cors_origin: str | None = None
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_upload_files: int = MAX_UPLOAD_FILES
    kb_dir: Path | None = None  # where KB additions go (default: the user KB folder every run reads)

    @property
    def writable(self) -> bool:
        return bool(self.token)

    @classmethod
    def from_env(cls, db: Path, token: str | None = None, cors_origin: str | None = None) -> Settings:
        """``token`` or else ``$COMMUNIQUE_API_TOKEN``; an empty token is no token."""
        return cls(db=db, token=token or os.environ.get(TOKEN_ENV) or None, cors_origin=cors_origin)
