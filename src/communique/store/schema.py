"""The database schema as an ordered list of migrations.

Version N of the schema is migrations ``[0, N)`` applied in order; ``schema_migrations`` records which ran. A
migration is only ever appended, never edited, so every database can be brought up to date.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "articles, runs and ingested files",
        """
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            content_hash VARCHAR NOT NULL,
            source VARCHAR NOT NULL,
            format VARCHAR NOT NULL,
            url VARCHAR,
            title VARCHAR,
            outlet VARCHAR,
            language VARCHAR NOT NULL,
            language_confidence DOUBLE,
            published VARCHAR,             -- partial ISO date: 2004-05-21, 2004-05, XXXX-05-21
            published_date DATE,           -- the same when the year is known (day/month default to 1)
            published_precision VARCHAR,
            published_provenance VARCHAR,
            dateline_place VARCHAR,
            duplicate_of VARCHAR,
            duplicate_kind VARCHAR,
            n_chars INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            record JSON NOT NULL,          -- the whole Article (without text), for exact round-trips
            run_id VARCHAR,
            ingested_at TIMESTAMP NOT NULL
        );
        CREATE INDEX articles_content_hash ON articles (content_hash);
        CREATE TABLE article_signatures (
            article_id VARCHAR PRIMARY KEY,
            minhash UINTEGER[] NOT NULL
        );
        CREATE TABLE runs (
            id VARCHAR PRIMARY KEY,
            started TIMESTAMP NOT NULL,
            finished TIMESTAMP,
            command VARCHAR NOT NULL,
            inputs JSON NOT NULL,
            ok INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            added INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE run_inputs (
            run_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            source VARCHAR NOT NULL,
            status VARCHAR NOT NULL,
            reason VARCHAR,
            article_id VARCHAR,
            PRIMARY KEY (run_id, seq)
        );
        -- A file whose every item is stored: a re-run skips it while size, mtime and pipeline are unchanged.
        CREATE TABLE ingested_files (
            path VARCHAR PRIMARY KEY,
            size BIGINT NOT NULL,
            mtime_ns BIGINT NOT NULL,
            pipeline VARCHAR NOT NULL,
            run_id VARCHAR NOT NULL,
            items INTEGER NOT NULL
        );
        """,
    ),
]


def latest_version() -> int:
    return len(MIGRATIONS)
