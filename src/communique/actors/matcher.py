"""A fast multi-pattern matcher over knowledge-base names and titles, in running text.

The text is folded one character for one character (case, accents, typographic quotes), so match offsets are
offsets in the original text. A match must stand on word boundaries and respect case where case carries
meaning: an acronym matches only in capitals ("UN", not the French article "un"), and a capitalised name only
where the text capitalises it ("Chad", not "chad"; "Turkey", not "turkey").
"""

from __future__ import annotations

import copy
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ahocorasick

from communique.actors.kb.normalise import ARABIC_LETTER_VARIANTS

_QUOTES = {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "–": "-", "‑": "-", "‐": "-", **ARABIC_LETTER_VARIANTS}


def fold_char(ch: str) -> str:
    """One character, case- and accent-folded, always one character long."""
    ch = _QUOTES.get(ch, ch)
    low = ch.lower()
    if len(low) != 1:
        return ch
    if low.isascii():
        return low
    base = unicodedata.normalize("NFD", low)[0]
    # Accent folding only for Latin letters: other scripts' marks are part of the letter.
    if base.isascii() and base.isalpha():
        return base
    return low


class _FoldTable(dict[int, str]):
    """``str.translate`` table computing each character's fold once, on first sight."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Case- and accent-folded text of the same length (so offsets carry over)."""
    return text.translate(_FOLD)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _unspaced(text: str) -> bool:
    """Scripts written without spaces between words (Chinese, Japanese, Thai): no word boundaries."""
    return any("CJK" in unicodedata.name(ch, "") or "\u0e00" <= ch <= "\u0e7f" for ch in text[:4])


@dataclass(frozen=True)
class Pattern:
    """One name of something: its surface form and what it names (a KB actor id, or a role)."""

    surface: str
    target: str
    kind: str  # "actor" or "role"
    acronym: bool
    capitalised: bool


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    patterns: tuple[Pattern, ...]

    @property
    def text_length(self) -> int:
        return self.end - self.start


class Matcher:
    """Finds the longest, non-overlapping occurrences of many names at once."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        grouped: dict[str, list[Pattern]] = {}
        for pattern in patterns:
            key = fold(pattern.surface.strip())
            if len(key) >= 2:
                grouped.setdefault(key, []).append(pattern)
        self._automaton = ahocorasick.Automaton()
        for key, group in grouped.items():
            self._automaton.add_word(key, (len(key), tuple(group)))
        self._empty = not grouped
        if not self._empty:
            self._automaton.make_automaton()
        self._shared: Matcher | None = None

    def beside(self, shared: Matcher) -> Matcher:
        """This matcher searching ``shared`` too: names every language has (people's, provinces') are in one
        automaton, built once per process and searched beside each language's, not copied into each."""
        joined = copy.copy(self)
        joined._shared = shared
        return joined

    def find(self, text: str) -> list[Match]:
        """Longest-first, non-overlapping matches, in text order."""
        folded = fold(text)
        found: dict[tuple[int, int], tuple[Pattern, ...]] = {}
        for matcher in (self._shared, self):  # the shared names first, as in one automaton of both
            if matcher is not None:
                for start, end, patterns in matcher._candidates(text, folded):
                    found[start, end] = found.get((start, end), ()) + patterns
        candidates = sorted(
            (Match(start, end, patterns) for (start, end), patterns in found.items()),
            key=lambda m: (-m.text_length, m.start),
        )
        taken: list[Match] = []
        occupied = bytearray(len(text))
        for match in candidates:
            if any(occupied[match.start : match.end]):
                continue
            occupied[match.start : match.end] = b"\x01" * match.text_length
            taken.append(match)
        return sorted(taken, key=lambda m: m.start)

    def _candidates(self, text: str, folded: str) -> Iterator[tuple[int, int, tuple[Pattern, ...]]]:
        if self._empty:
            return
        for last, (length, patterns) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            surface = text[start:end]
            if not _unspaced(surface) and not _on_boundaries(text, start, end):
                continue
            fitting = tuple(p for p in patterns if _case_fits(p, surface))
            if fitting:
                yield start, end, fitting


def _on_boundaries(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start], text[end - 1]
    return not (_is_word_char(before) and _is_word_char(first)) and not (
        _is_word_char(after) and _is_word_char(last)
    )


def _case_fits(pattern: Pattern, surface: str) -> bool:
    if pattern.acronym:
        return surface == surface.upper() and surface != surface.lower()
    if pattern.capitalised:
        first = next((ch for ch in surface if ch.isalpha()), "")
        return not first or first.upper() == first  # scripts without case always fit
    return True


_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_ARTICLE = "ال"
# Proclitics written as one word with the noun: "and", "with/by", "for", "so", "like"; with the article,
# li + al- is written lil- ("للقوات", "for the forces").
_PROCLITICS = ("و", "ب", "ل", "ف", "ك")


def arabic_forms(surface: str, kind: str) -> list[str]:
    """The forms an Arabic name or role word also takes in running text: with a proclitic ("والجيش", "للقوات",
    "بالعراق"); for a role word, without its article ("جنود" beside "الجنود") and in its other cases
    (:func:`arabic_cases`)."""
    if not _ARABIC_LETTER.match(surface):
        return []
    words = [surface, *arabic_cases(surface)] if kind == "role" else [surface]
    forms: list[str] = [w for w in words if w != surface]
    for word in words:
        if word.startswith(_ARTICLE) and len(word) > 3:
            bare = word[len(_ARTICLE) :]
            forms += ["لل" + bare, "ولل" + bare] + [c + word for c in _PROCLITICS if c != "ل"]
            if kind == "role" and fold(bare) not in _arabic_function_words():
                forms += [bare, *(c + bare for c in _PROCLITICS)]
        else:
            forms += [c + word for c in _PROCLITICS]
    return list(dict.fromkeys(forms))


@functools.cache
def _arabic_function_words() -> frozenset[str]:
    """spaCy's Arabic stop words, folded: a role word without its article must not be one ("إمام" → "امام" is
    "أمام", "in front of", once the hamza is folded)."""
    from spacy.lang.ar.stop_words import STOP_WORDS

    return frozenset(fold(word) for word in STOP_WORDS)


def arabic_cases(word: str) -> list[str]:
    """A one-word role noun in its other grammatical cases: a sound masculine plural's nominative, oblique and
    construct forms ("متظاهرون", "متظاهرين", "متظاهرو", "متظاهري") and an indefinite singular's accusative
    ("جنديا")."""
    if " " in word or len(word) < 4:
        return []
    if word.endswith(("ون", "ين")):
        stem = word[:-2]
        return [f for f in (stem + "ون", stem + "ين", stem + "و", stem + "ي") if f != word]
    if word.startswith(_ARTICLE) or word.endswith(("ا", "ة", "ى", "ء", "ات")):
        return []
    return [word + "ا"]


def pattern(surface: str, target: str, kind: str) -> Pattern:
    cased = [ch for ch in surface if ch.isalpha() and ch.lower() != ch.upper()]
    acronym = (
        bool(cased) and " " not in surface.strip() and all(ch.isupper() for ch in cased) and len(cased) <= 6
    )
    first = cased[0] if cased else ""
    return Pattern(surface, target, kind, acronym, capitalised=bool(first) and first.isupper())
