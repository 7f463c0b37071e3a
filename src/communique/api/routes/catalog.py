"""Actors, articles, mentions and stories."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from communique.api import deps, queries
from communique.api.csvout import CSV_RESPONSE, csv_response
from communique.api.db import Database
from communique.api.evidence import detail, load_article, load_times
from communique.api.params import DATE_PATTERN, FormatQuery, Limit, Offset, parse_date
from communique.api.problems import PROBLEM_RESPONSES, ProblemError
from communique.api.schemas import (
    Activity,
    ActorDetail,
    ActorPage,
    ArticleDetail,
    ArticlePage,
    EventRow,
    MentionPage,
    StoryDetail,
    StoryPage,
)
from communique.models import ActorKind
from communique.store.database import Store

router = APIRouter(responses=PROBLEM_RESPONSES)
StoreDep = Annotated[Store, Depends(deps.store)]
DatabaseDep = Annotated[Database, Depends(deps.database)]
Id = Annotated[str, Path(max_length=200, pattern=r"^[\w.:\-]+$")]


@router.get("/actors", response_model=ActorPage, tags=["actors"])
def list_actors(
    store: StoreDep,
    name: Annotated[str | None, Query(max_length=100, description="Part of the name or id.")] = None,
    kind: ActorKind | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> ActorPage:
    """Actors the stored mentions resolved to, most active first."""
    items, total = queries.actor_page(store.connection, name, kind.value if kind else None, limit, offset)
    return ActorPage.model_validate({"items": items, "total": total, "limit": limit, "offset": offset})


@router.get("/actors/{actor_id}", response_model=ActorDetail, tags=["actors"])
def get_actor(store: StoreDep, actor_id: Id, interval: queries.Interval = "year") -> ActorDetail:
    """An actor with its aliases and offices, the codes it was given and its events over time."""
    actor = store.actor(actor_id)
    if actor is None:
        raise ProblemError(404, f"no actor {actor_id!r}")
    activity = queries.actor_activity(store.connection, actor_id, interval)
    total = queries.scalar(
        store.connection,
        "SELECT count(*) FROM events WHERE source_actor = ? OR target_actor = ?",
        [actor_id] * 2,
    )
    return ActorDetail(
        actor=actor,
        codes=queries.actor_codes(store.connection, actor_id),
        events=int(total or 0),
        activity=[Activity.model_validate(a) for a in activity],
    )


@router.get("/articles", response_model=ArticlePage, responses=CSV_RESPONSE, tags=["articles"])
def list_articles(
    store: StoreDep,
    language: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,3}$")] = None,
    since: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
    until: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words in the title or text.")] = None,
    sort: queries.ArticleSort = "source",
    limit: Limit = 100,
    offset: Offset = 0,
    format: FormatQuery = "json",
) -> ArticlePage | Response:
    """Articles (without their text) with how many events each gave."""
    items, total = queries.article_page(
        store.connection,
        language=language.lower() if language else None,
        since=parse_date(since, "since"),
        until=parse_date(until, "until"),
        outlet=outlet,
        text=text,
        sort=sort,
        limit=limit,
        offset=offset,
    )
    if format == "csv":
        return csv_response(items, [*queries.ARTICLE_COLUMNS, "events"], "articles")
    return ArticlePage.model_validate({"items": items, "total": total, "limit": limit, "offset": offset})


@router.get("/articles/{article_id}", response_model=ArticleDetail, tags=["articles"])
def get_article(store: StoreDep, article_id: Id) -> ArticleDetail:
    """An article's text with its sentences, mentions, dates in the text, and each event's evidence."""
    article = load_article(store, article_id)
    if article is None:
        raise ProblemError(404, f"no article {article_id!r}")
    events = store.events(article_id=article_id)
    return ArticleDetail(
        id=article.id,
        source=article.source,
        format=article.format,
        title=article.title,
        url=article.url,
        outlet=article.outlet,
        language=article.language,
        published=article.published.date.iso if article.published else None,
        published_provenance=article.published.provenance.value if article.published else None,
        dateline=article.dateline.model_dump(mode="json") if article.dateline else None,
        duplicate_of=article.duplicate_of,
        text=article.text,
        sentences=article.sentences,
        mentions=store.mentions(article_id=article_id),
        times=load_times(store, article_id),
        events=[detail(article, event) for event in sorted(events, key=lambda e: e.trigger.start)],
    )


@router.get("/mentions", response_model=MentionPage, responses=CSV_RESPONSE, tags=["articles"])
def list_mentions(
    store: StoreDep,
    article_id: Annotated[str | None, Query(max_length=200)] = None,
    actor: Annotated[str | None, Query(max_length=100, description="An actor id or code.")] = None,
    unresolved: Annotated[bool, Query(description="Only mentions left unresolved.")] = False,
    limit: Limit = 100,
    offset: Offset = 0,
    format: FormatQuery = "json",
) -> MentionPage | Response:
    """Stretches of text that name an actor, with the actor and code each resolved to (or why not)."""
    items, total = queries.mention_page(
        store.connection,
        article_id=article_id,
        actor=actor,
        unresolved=unresolved,
        limit=limit,
        offset=offset,
    )
    if format == "csv":
        columns = list(items[0]) if items else ["id", "article_id", "text", "actor", "code"]
        return csv_response(items, columns, "mentions")
    return MentionPage.model_validate({"items": items, "total": total, "limit": limit, "offset": offset})


def _stories_table(database: Database) -> None:
    if "stories" not in database.tables():
        raise ProblemError(404, "this database has no stories (run the stories step first)")


def _story_columns(store: Store) -> str:
    """The stories table's columns but vectors (the table is another module's; its columns may change)."""
    found = store.connection.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'stories' "
        "ORDER BY ordinal_position"
    ).fetchall()
    return ", ".join(f'"{name}"' for name, kind in found if not str(kind).startswith(("FLOAT[", "DOUBLE[")))


@router.get("/stories", response_model=StoryPage, tags=["stories"])
def list_stories(store: StoreDep, database: DatabaseDep, limit: Limit = 100, offset: Offset = 0) -> StoryPage:
    """Stories: articles and events about the same happening, across languages (when the database has them)."""
    _stories_table(database)
    total = queries.scalar(store.connection, "SELECT count(*) FROM stories")
    items = queries.rows(
        store.connection,
        f"SELECT {_story_columns(store)} FROM stories ORDER BY id LIMIT ? OFFSET ?",
        [limit, offset],
    )
    return StoryPage(items=items, total=int(total or 0), limit=limit, offset=offset)


@router.get("/stories/{story_id}", response_model=StoryDetail, tags=["stories"])
def get_story(store: StoreDep, database: DatabaseDep, story_id: Id) -> StoryDetail:
    """One story with its events."""
    _stories_table(database)
    found = queries.rows(
        store.connection, f"SELECT {_story_columns(store)} FROM stories WHERE id = ?", [story_id]
    )
    if not found:
        raise ProblemError(404, f"no story {story_id!r}")
    member = (
        " OR article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)"
        if "story_articles" in database.tables()
        else ""
    )
    events = queries.rows(
        store.connection,
        f"SELECT {', '.join(queries.EVENT_COLUMNS)} FROM events WHERE story_id = ?{member} "
        "ORDER BY event_date NULLS LAST, id",
        [story_id] * (2 if member else 1),
    )
    return StoryDetail(story=found[0], events=[EventRow.model_validate(e) for e in events])
