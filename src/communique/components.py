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
