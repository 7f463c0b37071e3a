"""Per-language event trigger lexicons and content cues, read from ``events/data/triggers/<lang>.yaml`` and
from users' own files in the same schema (see ``docs/lexicons.md``).

A trigger is a verb or noun (its lower-case spaCy lemma, plus surface forms for languages matched without a
lemmatiser) mapped to a PLOVER type (or ``STATEMENT`` for speech verbs), a CAMEO code and a mode, with where
its target is found. Cues are words that, inside what a speaker said, turn a statement into an event or mark
it as negated, future or hypothetical.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from communique.cache import derived
from communique.errors import ConfigError
from communique.events.ontology import STATEMENT, auxiliary_modes, cameo_codes, plover_types

__all__ = ["CUE_KINDS", "POS", "Cues", "Lexicon", "Trigger", "languages", "load_lexicon", "parse_lexicon"]

POS = ("verb", "noun")
CUE_KINDS = ("request", "accuse", "support", "intend", "negation", "future", "hypothetical", "population")
_TRIGGER_KEYS = {"lemma", "pos", "forms", "type", "cameo", "mode", "target", "with_word", "negative"}
_PACKAGE = "communique.events"


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    forms: tuple[str, ...]
    type: str
    cameo: str
    mode: str | None
    target: tuple[str, ...]
    with_word: str | None
    negative: bool
    language: str

    @property
    def is_speech(self) -> bool:
        return self.type == STATEMENT


@dataclass(frozen=True)
class Cues:
    request: tuple[str, ...] = ()
    accuse: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    intend: tuple[str, ...] = ()
    negation: tuple[str, ...] = ()
    future: tuple[str, ...] = ()
    hypothetical: tuple[str, ...] = ()
    population: tuple[str, ...] = ()  # measures that fall on a place's people: a curfew, martial law

    def merged(self, other: Cues) -> Cues:
        return Cues(
            **{f.name: _dedupe((*getattr(self, f.name), *getattr(other, f.name))) for f in fields(self)}
        )

    def kinds_of(self, phrase: str) -> list[str]:
        """The cue kinds whose lists contain ``phrase`` (case-folded, exact)."""
        p = phrase.casefold()
        return [f.name for f in fields(self) if p in (c.casefold() for c in getattr(self, f.name))]


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


class Lexicon:
    """The triggers and cues of one language."""

    def __init__(self, language: str, triggers: Sequence[Trigger] = (), cues: Cues | None = None) -> None:
        self.language = language
        self.triggers: tuple[Trigger, ...] = tuple(triggers)
        self.cues: Cues = cues if cues is not None else Cues()
        self._by_lemma: dict[str, list[Trigger]] = {}
        self._by_form: dict[str, list[Trigger]] = {}
        for t in self.triggers:
            self._by_lemma.setdefault(t.lemma.casefold(), []).append(t)
            for f in _dedupe((t.lemma.casefold(), *(f.casefold() for f in t.forms))):
                self._by_form.setdefault(f, []).append(t)

    def __len__(self) -> int:
        return len(self.triggers)

    def __repr__(self) -> str:
        return f"Lexicon({self.language!r}, {len(self.triggers)} triggers)"

    def by_lemma(self, lemma: str, pos: str | None = None) -> list[Trigger]:
        """Triggers whose head lemma is ``lemma`` (case-folded), optionally of one part of speech."""
        hits = self._by_lemma.get(lemma.casefold(), [])
        return [t for t in hits if pos is None or t.pos == pos]

    def by_form(self, form: str) -> list[Trigger]:
        """Triggers one of whose surface forms (or whose lemma) is ``form``, case-folded."""
        return list(self._by_form.get(form.casefold(), []))

    def speech(self, lemma: str) -> bool:
        """Whether ``lemma`` is a speech verb (a STATEMENT trigger) of this language."""
        return any(t.type == STATEMENT for t in self._by_lemma.get(lemma.casefold(), ()))

    def forms(self) -> set[str]:
        """Every case-folded surface form and lemma known to the lexicon."""
        return set(self._by_form)


# YAML 1.1 reads yes/no/on/off as booleans, which would turn the cue "no" or the preposition "on" into a bool:
# this loader keeps only true/false as booleans.
# (on libyaml's parser when PyYAML was built with it: the bundled lexicons load several times faster)
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _str_list(value: Any, where: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: `{what}` must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _trigger(entry: Any, where: str, language: str) -> Trigger:
    if not isinstance(entry, Mapping):
        raise ConfigError(f"{where}: a trigger must be a mapping")
    unknown = set(entry) - _TRIGGER_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(map(str, unknown))}")
    lemma = entry.get("lemma")
    if not isinstance(lemma, str) or not lemma.strip():
        raise ConfigError(f"{where}: `lemma` is required")
    where = f"{where} ({lemma})"
    pos = entry.get("pos", "verb")
    if pos not in POS:
        raise ConfigError(f"{where}: `pos` must be one of {POS}, not {pos!r}")
    type_ = entry.get("type")
    types = plover_types()
    if type_ != STATEMENT and type_ not in types:
        raise ConfigError(f"{where}: `type` {type_!r} is not a PLOVER type or STATEMENT")
    code = entry.get("cameo")
    if isinstance(code, int):
        raise ConfigError(f"{where}: quote `cameo` ({code!r}) so that its leading zero is kept")
    if not isinstance(code, str) or code not in cameo_codes():
        raise ConfigError(f"{where}: `cameo` {code!r} is not a CAMEO code of cameo.tsv")
    mode = entry.get("mode")
    if mode is not None:
        allowed = set(auxiliary_modes()) | (set(types[type_].modes) if type_ in types else set())
        if mode not in allowed:
            raise ConfigError(f"{where}: `mode` {mode!r} is not a mode of {type_} ({sorted(allowed)})")
    target = _str_list(entry.get("target"), where, "target") or ("none",)
    with_word = entry.get("with_word")
    if with_word is not None and (not isinstance(with_word, str) or not with_word.strip()):
        raise ConfigError(f"{where}: `with_word` must be a non-empty string or null")
    negative = entry.get("negative", False)
    if not isinstance(negative, bool):
        raise ConfigError(f"{where}: `negative` must be true or false")
    return Trigger(
        lemma=lemma.strip().lower(),
        pos=pos,
        forms=_str_list(entry.get("forms"), where, "forms"),
        type=type_,
        cameo=code,
        mode=mode,
        target=target,
        with_word=with_word.strip() if with_word else None,
        negative=negative,
        language=language,
    )


def parse_lexicon(doc: Any, source: str, language: str | None = None) -> Lexicon:
    """Validate one lexicon document (already read from YAML) and build its Lexicon; ``source`` names the file
    in errors. ``language`` given: the document must declare it."""
    if not isinstance(doc, Mapping):
        raise ConfigError(f"{source}: expected a mapping with `language`, `triggers` and `cues`")
    unknown = set(doc) - {"language", "triggers", "cues"}
    if unknown:
        raise ConfigError(f"{source}: unknown key(s) {sorted(map(str, unknown))}")
    lang = doc.get("language")
    if not isinstance(lang, str) or not lang:
        raise ConfigError(f"{source}: `language` is required")
    if language is not None and lang != language:
        raise ConfigError(f"{source}: `language` is {lang!r}, expected {language!r}")
    entries = doc.get("triggers") or []
    if not isinstance(entries, list):
        raise ConfigError(f"{source}: `triggers` must be a list")
    triggers = [_trigger(e, f"{source}:{i}", lang) for i, e in enumerate(entries)]
    raw_cues = doc.get("cues") or {}
    if not isinstance(raw_cues, Mapping):
        raise ConfigError(f"{source}:cues: expected a mapping of {CUE_KINDS}")
    bad = set(raw_cues) - set(CUE_KINDS)
    if bad:
        raise ConfigError(f"{source}:cues: unknown cue kind(s) {sorted(map(str, bad))}")
    cues = Cues(**{k: _str_list(raw_cues.get(k), f"{source}:cues.{k}", k) for k in CUE_KINDS})
    return Lexicon(lang, triggers, cues)


def _read_yaml(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: invalid YAML: {exc}") from exc


def languages() -> list[str]:
    """Languages with a bundled lexicon."""
    folder = resources.files(_PACKAGE).joinpath("data", "triggers")
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))


@cache
def _bundled(language: str) -> Lexicon:
    name = f"{language}.yaml"
    res = resources.files(_PACKAGE).joinpath("data", "triggers", name)
    if not res.is_file():
        return Lexicon(language)
    # the disk cache's key covers the bundled files (communique.cache.code_key)
    return derived(
        "lexicon",
        language,
        lambda: parse_lexicon(_read_yaml(res.read_text(encoding="utf-8"), name), name, language),
        Lexicon,
    )


@cache
def _user_file(path: str) -> Lexicon:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    return parse_lexicon(_read_yaml(text, path), path)


@cache
def _load(language: str, extra: tuple[str, ...]) -> Lexicon:
    base = _bundled(language)
    triggers = list(base.triggers)
    cues = base.cues
    for path in extra:
        user = _user_file(path)
        if user.language != language:
            continue
        triggers.extend(user.triggers)
        cues = cues.merged(user.cues)
    return Lexicon(language, triggers, cues)


def load_lexicon(language: str, extra: Sequence[Path] = ()) -> Lexicon:
    """The lexicon of ``language`` (ISO 639-1), cached per process.

    ``extra`` are users' own YAML files in the same schema; those declaring this language are merged after the
    bundled one (their triggers added, their cues appended), the others ignored. A language without a bundled
    file gets only what ``extra`` brings (an empty Lexicon without it)."""
    return _load(language, tuple(str(Path(p)) for p in extra))
