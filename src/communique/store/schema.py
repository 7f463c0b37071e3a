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
    (
        "mentions, actors, events and temporal expressions",
        """
        CREATE TABLE mentions (
            id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            sentence INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            actor VARCHAR,
            code VARCHAR,
            role VARCHAR,
            confidence DOUBLE NOT NULL,
            chain INTEGER,
            method VARCHAR,
            unresolved_reason VARCHAR
        );
        CREATE INDEX mentions_article ON mentions (article_id);
        CREATE INDEX mentions_actor ON mentions (actor);
        CREATE TABLE actors (
            id VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            country VARCHAR,
            sector VARCHAR,
            cameo VARCHAR,
            wikidata VARCHAR,
            record JSON NOT NULL
        );
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            sentence INTEGER NOT NULL,
            language VARCHAR,
            type VARCHAR NOT NULL,
            mode VARCHAR,
            cameo VARCHAR,
            cameo_root VARCHAR,
            quad_class INTEGER,
            goldstein DOUBLE,
            intensity DOUBLE,
            source_actor VARCHAR,
            source_code VARCHAR,
            source_text VARCHAR,
            target_actor VARCHAR,
            target_code VARCHAR,
            target_text VARCHAR,
            event_date DATE,
            date VARCHAR,
            date_end VARCHAR,
            date_precision VARCHAR,
            date_provenance VARCHAR,
            place VARCHAR,
            place_country VARCHAR,
            latitude DOUBLE,
            longitude DOUBLE,
            geonames_id BIGINT,
            trigger_text VARCHAR NOT NULL,
            confidence DOUBLE NOT NULL,
            negated BOOLEAN NOT NULL,
            hypothetical BOOLEAN NOT NULL,
            rule VARCHAR,
            story_id VARCHAR,
            record JSON NOT NULL
        );
        CREATE INDEX events_article ON events (article_id);
        CREATE INDEX events_date ON events (event_date);
        CREATE TABLE temporal_expressions (
            article_id VARCHAR NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            value VARCHAR,
            end_value VARCHAR,
            precision VARCHAR,
            anchor VARCHAR,
            kind VARCHAR,
            PRIMARY KEY (article_id, start_char, end_char)
        );
        """,
    ),
    (
        "stories, article embeddings and merged events",
        """
        CREATE TABLE article_embeddings (
            article_id VARCHAR PRIMARY KEY,
            model VARCHAR NOT NULL,
            vector FLOAT[] NOT NULL          -- unit length
        );
        CREATE TABLE stories (
            id VARCHAR PRIMARY KEY,          -- 'st-' + the id of the article that started it: stable
            first_date DATE,
            last_date DATE,
            n_articles INTEGER NOT NULL,
            n_undated INTEGER NOT NULL,      -- articles without a publication day
            languages VARCHAR[] NOT NULL,
            actors JSON NOT NULL,            -- actor id -> how many of its articles mention it
            event_types VARCHAR[] NOT NULL,
            title VARCHAR,
            vector_sum FLOAT[] NOT NULL,     -- sum of its articles' embeddings (the centroid's direction)
            updated_at TIMESTAMP NOT NULL
        );
        CREATE TABLE story_articles (
            article_id VARCHAR PRIMARY KEY,
            story_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,            -- order of joining within the story
            score DOUBLE,                    -- the joining score (NULL for the article that started it)
            reason VARCHAR NOT NULL
        );
        CREATE INDEX story_articles_story ON story_articles (story_id);
        CREATE TABLE merged_events (
            id VARCHAR PRIMARY KEY,          -- 'me-' + the id of its earliest raw event: recomputable
            story_id VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            cameo VARCHAR,
            quad_class INTEGER,
            goldstein DOUBLE,
            source_actor VARCHAR,
            source_code VARCHAR,
            target_actor VARCHAR,
            target_code VARCHAR,
            event_date DATE,
            date VARCHAR,
            place VARCHAR,
            place_country VARCHAR,
            n_mentions INTEGER NOT NULL,     -- raw events merged (GDELT NumMentions)
            n_sources INTEGER NOT NULL,      -- distinct outlets (GDELT NumSources)
            n_articles INTEGER NOT NULL,     -- distinct articles (GDELT NumArticles)
            languages VARCHAR[] NOT NULL,
            reason VARCHAR NOT NULL,
            evidence JSON NOT NULL           -- every supporting span of every raw event
        );
        CREATE INDEX merged_events_story ON merged_events (story_id);
        CREATE TABLE merged_event_members (
            event_id VARCHAR PRIMARY KEY,
            merged_id VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL
        );
        CREATE INDEX merged_event_members_merged ON merged_event_members (merged_id);
        """,
    ),
    (
        "event code parts stored for fast actor and country filters",
        """
        ALTER TABLE events ADD COLUMN source_root VARCHAR;   -- "IRN" of IRN.GOV, "IGO" of IGO.OIC
        ALTER TABLE events ADD COLUMN source_leaf VARCHAR;   -- "GOV", "OIC"
        ALTER TABLE events ADD COLUMN target_root VARCHAR;
        ALTER TABLE events ADD COLUMN target_leaf VARCHAR;
        UPDATE events SET
            source_root = nullif(split_part(source_code, '.', 1), ''),
            source_leaf = nullif(split_part(source_code, '.', 2), ''),
            target_root = nullif(split_part(target_code, '.', 1), ''),
            target_leaf = nullif(split_part(target_code, '.', 2), '');
        """,
    ),
]


def latest_version() -> int:
    return len(MIGRATIONS)
