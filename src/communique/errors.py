"""Communiqué's errors, one tree.

    CommuniqueError
    ├── ConfigError            bad configuration or unknown component name
    ├── InputError             one input cannot be read; carries ``source`` (file[:line])
    │   └── SkipInput          the input is not an article (empty, binary, too large...): skipped, with reason
    ├── StageError             a pipeline stage raised on one article; carries ``stage`` and ``article_id``
    ├── KnowledgeBaseError     a KB file is invalid; carries ``source`` (file:line)
    └── StoreError             the database cannot be opened, migrated or written

Library code raises these and never prints or exits; the CLI decides how to report them. Third-party errors are
wrapped where they enter (a reader wraps its parser's errors in ``InputError``, the store wraps DuckDB's).
"""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base of every error Communiqué raises on purpose."""


class ConfigError(CommuniqueError):
    pass


class InputError(CommuniqueError):
    """An input cannot be read. ``source`` names the file and, where it applies, the line or record."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class SkipInput(InputError):
    """The input is readable but is not an article we can use; it is recorded as skipped."""


class StageError(CommuniqueError):
    def __init__(self, stage: str, article_id: str, cause: BaseException) -> None:
        super().__init__(f"stage {stage!r} failed on article {article_id}: {cause!r}")
        self.stage = stage
        self.article_id = article_id
        self.cause = cause


class KnowledgeBaseError(CommuniqueError):
    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(CommuniqueError):
    pass
