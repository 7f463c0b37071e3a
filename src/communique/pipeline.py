"""Pipeline components and their registry, in the manner of spaCy's ``Language.factory``.

A component is a callable ``Article -> Article`` that declares what it ``requires`` and ``assigns``. It is
made by a factory from the :class:`~communique.config.Config`; heavy resources (models, the knowledge base) load
in the factory, which :class:`Pipeline` calls once per process. Built-in components register themselves in
:mod:`communique.components`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from communique.config import Config
from communique.errors import ConfigError, StageError
from communique.models import Article

Component = Callable[[Article], Article]
Factory = Callable[[Config], Component]


@runtime_checkable
class BatchComponent(Protocol):
    """A component that is faster on many articles at once (a neural parser): also has ``pipe``."""

    def __call__(self, article: Article) -> Article: ...

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]: ...


@dataclass(frozen=True)
class ComponentSpec:
    name: str
    factory: Factory
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    doc: str = ""


@dataclass
class Registry:
    specs: dict[str, ComponentSpec] = field(default_factory=dict)

    def component(
        self, name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
    ) -> Callable[[Factory], Factory]:
        """Register a component factory under ``name`` (e.g. ``"meta.language"``)."""

        def register(factory: Factory) -> Factory:
            if name in self.specs:
                raise ConfigError(f"component {name!r} is registered twice")
            self.specs[name] = ComponentSpec(
                name, factory, tuple(requires), tuple(assigns), (factory.__doc__ or "").strip()
            )
            return factory

        return register

    def get(self, name: str) -> ComponentSpec:
        try:
            return self.specs[name]
        except KeyError:
            known = ", ".join(sorted(self.specs))
            raise ConfigError(f"unknown component {name!r}; known: {known}") from None


registry = Registry()

# Fields every article has when it leaves a reader.
READER_ASSIGNS = ("text", "title", "source", "format", "date_hints", "metadata")


def check_order(names: list[str], reg: Registry = registry) -> None:
    """Fail before running if a component requires a field no earlier component assigns."""
    available = set(READER_ASSIGNS)
    for name in names:
        spec = reg.get(name)
        missing = [r for r in spec.requires if r not in available]
        if missing:
            raise ConfigError(f"component {name!r} requires {missing}, which no earlier component assigns")
        available.update(spec.assigns)


class Pipeline:
    """The per-article pipeline built from a config: ``pipeline(article) -> article``."""

    def __init__(self, config: Config | None = None, reg: Registry | None = None) -> None:
        import communique.components  # noqa: F401  (registers the built-in components)

        self.config = config or Config()
        self.registry = reg or registry
        check_order(self.config.pipeline, self.registry)
        self.names = list(self.config.pipeline)
        self.components: list[tuple[str, Component]] = [
            (name, self.registry.get(name).factory(self.config)) for name in self.names
        ]

    def __call__(self, article: Article) -> Article:
        for name, component in self.components:
            try:
                article = component(article)
            except Exception as exc:
                raise StageError(name, article.id, exc) from exc
        return article

    def process(self, articles: list[Article]) -> list[Article | StageError]:
        """Run a batch through every component; an article that fails becomes its StageError, the rest go on."""
        results: list[Article | StageError] = list(articles)
        for name, component in self.components:
            alive = [i for i, r in enumerate(results) if isinstance(r, Article)]
            if isinstance(component, BatchComponent) and len(alive) > 1:
                try:
                    done = list(component.pipe([results[i] for i in alive]))  # type: ignore[misc]
                except Exception:  # isolate the failing article(s) below, one by one
                    pass
                else:
                    for i, article in zip(alive, done, strict=True):
                        results[i] = article
                    continue
            for i, result in enumerate(results):
                if isinstance(result, Article):
                    try:
                        results[i] = component(result)
                    except Exception as exc:
                        results[i] = StageError(name, result.id, exc)
        return results
