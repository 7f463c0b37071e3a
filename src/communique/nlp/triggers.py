"""Which paragraphs are worth a full parse: those with a word that the lemmatiser could turn into a trigger.

The trigger lexicons list lemmas (and a few surface forms); the parse is what gives a word its lemma, so before
the parse a word is tested against the lemmas' inflected forms, built from the model's own lemmatiser tables:
the exception lists inverted ("met" -> meet, "dit" -> dire, "fue" -> ir), the suffix rules run backwards
("ed" -> "" makes "condemned" from "condemn"), and the form-to-lemma lookup table where the model has one
(French). Running the rules backwards overgenerates ("condemns", "condemnes"): a superset is what is wanted,
since a sentence let through is only parsed, while one kept out loses its events. What a suffix rule makes of a
short lemma can be a function word (Spanish "dar" -> "de", "parar" -> "para"): such a form is left out when it
is one of the model's stop words, unless a whole-word rule or an exception gives it ("dio" -> dar).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from communique.cache import derived

__all__ = ["TriggerWords"]


class TriggerWords:
    """The lower-case surface forms of a language's trigger lemmas, for one spaCy pipeline."""

    def __init__(self, nlp: Language, lemmas: Iterable[str]) -> None:
        self.lemmas = frozenset(word.casefold() for word in lemmas)
        tables = nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.pipe_names else None  # type: ignore[attr-defined]
        # the form-to-lemma table, where the model has one, is keyed by the hash of the form: asked, not inverted
        self._lookup: Any = (
            tables.get_table("lemma_lookup") if tables and tables.has_table("lemma_lookup") else None
        )
        model = f"{nlp.lang}|{nlp.meta.get('name')}|{nlp.meta.get('version')}"
        self.forms: frozenset[str] = derived(
            "trigger-forms",
            f"{model}|{sorted(self.lemmas)}",
            lambda: _forms(nlp, tables, self.lemmas),
            frozenset,
        )

    def __contains__(self, word: str) -> bool:
        lower = word.lower()
        if lower in self.forms:
            return True
        if self._lookup is None:
            return False
        found = self._lookup.get(lower)  # a lemma, or a list of them
        return any(lemma in self.lemmas for lemma in ([found] if isinstance(found, str) else found or ()))

    def any_in(self, tokens: Doc | Span) -> bool:
        """Whether one of the tokens could be a trigger."""
        return any(token.lower_ in self for token in tokens)


def _forms(nlp: Language, tables: Any, lemmas: frozenset[str]) -> frozenset[str]:
    """The lemmas and the forms the lemmatiser's tables could turn into them (the module's doc)."""
    forms = set(lemmas)
    if tables is not None:
        rules: set[tuple[str, str]] = set()
        for name in tables.tables:
            if name == "lemma_lookup":
                continue
            for value in tables.get_table(name).values():
                rules.update(_suffix_rules(value))
                forms.update(_exception_forms(value, lemmas))
        stop_words = nlp.Defaults.stop_words
        for lemma in lemmas:
            for old, new in rules:
                if lemma.endswith(new):
                    form = lemma[: len(lemma) - len(new)] + old
                    if new == lemma or form not in stop_words:
                        forms.add(form)
    return frozenset(forms)


def _suffix_rules(value: Any) -> Iterator[tuple[str, str]]:
    """The (form suffix, lemma suffix) pairs in a rule table's value, however it nests them."""
    if isinstance(value, list | tuple):
        if len(value) == 2 and all(isinstance(v, str) for v in value):
            yield value[0], value[1]
        else:
            for item in value:
                yield from _suffix_rules(item)


def _exception_forms(value: Any, lemmas: frozenset[str]) -> Iterator[str]:
    """The forms of an exception table's value (form -> its lemmas) whose lemma is one of ``lemmas``."""
    if isinstance(value, dict):
        for form, its_lemmas in value.items():
            if isinstance(its_lemmas, list | tuple) and any(str(x).casefold() in lemmas for x in its_lemmas):
                yield str(form).casefold()
