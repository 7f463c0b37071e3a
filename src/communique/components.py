"""Every built-in component, registered in one place.

Factories import their stage lazily so that ``import communique`` stays cheap and a worker loads only the
models its configured pipeline needs.
"""

from __future__ import annotations

from communique.config import Config
from communique.pipeline import Component, registry


@registry.component("meta.language", assigns=["language", "language_confidence"])
def make_language(config: Config) -> Component:
    """Identify the article's language offline; "und" for short or uncertain texts."""
    from communique.meta.language import LanguageIdentifier

    return LanguageIdentifier(config.language)


@registry.component("meta.dates", requires=["language"], assigns=["published", "dateline", "outlet"])
def make_dates(config: Config) -> Component:
    """Find the publication date (metadata, dateline, content) and the dateline's place and outlet."""
    from communique.meta.dates import PublicationDater

    return PublicationDater()


@registry.component("nlp.parse", requires=["language"], assigns=["sentences"])
def make_parser(config: Config) -> Component:
    """Sentences, tokens, dependencies and entities with the article's language's spaCy pipeline; the full
    parse only for sentences with a word that could be one of the language's event triggers."""
    from communique.events.lexicon import load_lexicon
    from communique.nlp import Parser

    if config.parse_all:
        return Parser()
    return Parser(lambda language: load_lexicon(language, config.lexicon_paths).forms())


@registry.component("actors.resolve", requires=["sentences", "published"], assigns=["mentions"])
def make_actor_resolver(config: Config) -> Component:
    """Find every actor mention and resolve it with the knowledge base, titles and chains."""
    from communique.actors.resolver import make_resolver

    return make_resolver(config)


@registry.component("events.extract", requires=["sentences", "mentions"], assigns=["events", "times"])
def make_event_extractor(config: Config) -> Component:
    """Code each sentence's events (PLOVER, CAMEO) with their source, target, date, place and evidence."""
    from communique.events.extract import EventExtractor

    return EventExtractor(config)


@registry.component("stories.embed", requires=["text"], assigns=["story_vector"])
def make_story_embedder(config: Config) -> Component:
    """Embed each article's title and lede for story clustering, in the worker (the driver only compares)."""
    from communique.stories.embed import StoryEmbedder

    return StoryEmbedder(enabled=config.stories)
