"""Exact and near-duplicate detection across every article seen so far.

Exact duplicates share the hash of their normalised text. Near duplicates (the same wire copy with another
headline, a corrected paragraph, page furniture left in) are found with MinHash over word shingles and an LSH
index, so each new article is compared with a handful of candidates, never with all articles. Duplicates keep
their row and get ``duplicate_of``: they are evidence that several outlets carried the story.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from communique.config import DedupConfig
from communique.models import Article

_WORD = re.compile(r"\w+", re.UNICODE)
# Scripts written without spaces between words: shingle characters instead of words.
_UNSPACED_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my"})
# Stored signatures are only comparable with signatures made by the same hashing scheme.
_SCHEME = "affine32"


def shingles(text: str, language: str, size: int) -> set[bytes]:
    if language in _UNSPACED_LANGUAGES:
        units = [c for c in text.casefold() if not c.isspace()]
    else:
        units = _WORD.findall(text.casefold())
    if len(units) <= size:
        return {" ".join(units).encode()} if units else set()
    return {" ".join(units[i : i + size]).encode() for i in range(len(units) - size + 1)}


@functools.cache
def _permutations(num_perm: int) -> Any:
    """The hash permutations of every signature (the same seed): computed once, not per article."""
    return MinHash(num_perm=num_perm, seed=1, scheme=_SCHEME).permutations


def _minhash(num_perm: int, hashvalues: Any = None) -> MinHash:
    return MinHash(
        num_perm=num_perm, seed=1, scheme=_SCHEME, hashvalues=hashvalues, permutations=_permutations(num_perm)
    )


def signature_values(article: Article, config: DedupConfig) -> Any:
    """The MinHash values of an article's text (a numpy array), as :meth:`DuplicateFinder.check` compares them;
    the executors compute them in the workers and set ``article._minhash``."""
    minhash = _minhash(config.num_perm)
    minhash.update_batch(list(shingles(article.text, article.language, config.shingle_size)))
    return minhash.hashvalues


class DuplicateFinder:
    """Holds the signatures of the originals seen so far and marks new articles that repeat one."""

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self._lsh = MinHashLSH(threshold=config.near_threshold, num_perm=config.num_perm)
        self._hashes: dict[str, str] = {}  # content hash -> first article id
        self._signatures: dict[str, MinHash] = {}

    def signature(self, article: Article) -> MinHash:
        values = article._minhash
        if values is None or len(values) != self.config.num_perm:
            values = signature_values(article, self.config)
        return _minhash(self.config.num_perm, values)

    def add_known(self, article_id: str, content_hash: str | None, signature: Iterable[int]) -> None:
        """Index an original already in the store (a previous run)."""
        minhash = _minhash(self.config.num_perm, np.array(list(signature), np.uint32))
        if content_hash is not None:
            self._hashes.setdefault(content_hash, article_id)
        if article_id not in self._signatures:
            self._signatures[article_id] = minhash
            self._lsh.insert(article_id, minhash)

    def check(self, article: Article) -> list[int] | None:
        """Set ``duplicate_of`` on a duplicate; index an original and return its signature to store."""
        if article.id in self._signatures:  # the same article again (a re-run): already an original
            return None
        first = self._hashes.get(article.content_hash)
        if first is not None and first != article.id:
            article.duplicate_of, article.duplicate_kind = first, "exact"
            return None
        minhash = self.signature(article)
        candidates = [c for c in self._lsh.query(minhash) if c != article.id]
        if candidates:
            best = max(candidates, key=lambda c: (minhash.jaccard(self._signatures[c]), c))
            if minhash.jaccard(self._signatures[best]) >= self.config.near_threshold:
                article.duplicate_of, article.duplicate_kind = best, "near"
                return None
        self._hashes.setdefault(article.content_hash, article.id)
        self._signatures[article.id] = minhash
        self._lsh.insert(article.id, minhash)
        return [int(v) for v in minhash.hashvalues]
