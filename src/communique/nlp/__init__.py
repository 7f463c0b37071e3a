"""The NLP layer: sentences, tokens, lemmas, dependencies and named entities, routed by language.

Paragraphs are parsed separately (a sentence never crosses a line break: titles and datelines stay apart), and
the parse is attached to the article for the later stages of the same pipeline run; it is not stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from communique.models import Article, Sentence
from communique.nlp.models import has_parser, load

__all__ = ["ParsedSentence", "Parser", "parse_of"]

PARSE_BATCH = 64


@dataclass(frozen=True)
class ParsedSentence:
    """One sentence: its index in the article, character offsets in ``article.text`` and its spaCy span."""

    index: int
    start: int
    end: int
    span: SpacySpan
    offset: int  # where the sentence's paragraph starts in article.text; token.idx + offset = article offset

    def char(self, token_start: int, token_end: int) -> tuple[int, int]:
        """Article offsets of tokens ``token_start:token_end`` (indexes in the paragraph doc)."""
        doc = self.span.doc
        end_token = doc[token_end - 1]
        return doc[token_start].idx + self.offset, end_token.idx + len(end_token.text) + self.offset


@dataclass
class Parse:
    language: str
    parsed: bool  # True when a trained model tagged and parsed; False for sentencizer-only languages
    sentences: list[ParsedSentence]


def parse_of(article: Article) -> Parse:
    """The parse attached by the ``nlp.parse`` component."""
    parse = article._parse
    if not isinstance(parse, Parse):
        raise LookupError(f"article {article.id} has not been through nlp.parse")
    return parse


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield start, line
        start += len(line) + 1


class Parser:
    """Component ``nlp.parse``: parse every paragraph with its language's pipeline, batched."""

    def __call__(self, article: Article) -> Article:
        return next(iter(self.pipe([article])))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        batch = list(articles)
        by_language: dict[str, list[Article]] = {}
        for article in batch:
            by_language.setdefault(article.language, []).append(article)
        for language, group in by_language.items():
            nlp = load(language)
            pieces = [
                (article, offset, text) for article in group for offset, text in _paragraphs(article.text)
            ]
            docs = nlp.pipe((text for _, _, text in pieces), batch_size=PARSE_BATCH)
            sentences: dict[str, list[ParsedSentence]] = {a.id: [] for a in group}
            for (article, offset, _), doc in zip(pieces, docs, strict=True):
                sentences[article.id].extend(_sentences(doc, offset, len(sentences[article.id])))
            for article in group:
                found = sentences[article.id]
                article.sentences = [Sentence(start=s.start, end=s.end) for s in found]
                article._parse = Parse(language, has_parser(language), found)
        return iter(batch)


def _sentences(doc: Doc, offset: int, first_index: int) -> Iterator[ParsedSentence]:
    sents = [sent for sent in doc.sents if sent.text.strip()]
    for i, sent in enumerate(sents, start=first_index):
        yield ParsedSentence(i, sent.start_char + offset, sent.end_char + offset, sent, offset)
