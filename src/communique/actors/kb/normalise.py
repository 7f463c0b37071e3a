"""Alias keys: how a surface form is looked up.

A name is case-folded, with one exception: a short all-capital acronym ("US", "UN", "AU", "OCI") keeps its
case, because its lower-case form is a common word in some language ("us", "un", "au"). Latin-script names
get a second, accent-folded key so that "Perou" finds "Pérou"; other scripts keep their marks, except in
Arabic: harakat are dropped and alef with hamza or madda is plain alef, since news text writes them either way.
Dots inside acronyms go ("U.S." is "US").
"""

from __future__ import annotations

import re
import unicodedata

# Arabic letters that news text writes either way: alef with or without hamza or madda, final alef maqsura or
# yaa ("إسرائيل" / "اسرائيل", "أميركي" / "اميركي").
ARABIC_LETTER_VARIANTS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"}
# Acronyms up to this length match case-sensitively only; longer ones ("NATO", "OPEC") also in any case.
SHORT_ACRONYM = 3

_SPACES = re.compile(r"\s+")
_DOTTED = re.compile(r"^(?:\w\.){2,}\w?\.?$")
_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "–": "-", "‑": "-", "ـ": "", **ARABIC_LETTER_VARIANTS}
)
# Arabic short vowels, shadda, sukun and tanwin: optional in writing, so not part of a key.
_HARAKAT = re.compile("[\u064b-\u0652\u0670]")


def clean(surface: str) -> str:
    """NFKC, one space between words, typographic quotes unified, dots of a dotted acronym removed."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", surface)).strip().translate(_QUOTES)
    text = _HARAKAT.sub("", text)
    if _DOTTED.match(text):
        text = text.replace(".", "")
    return text


def is_acronym(text: str) -> bool:
    """All cased letters are capitals, no space: "UN", "OCI", "ОИС" (and a shouted word: "TEHRAN")."""
    return " " not in text and text.upper() == text and text.lower() != text


def fold_accents(text: str) -> str:
    """Strip combining marks from a Latin-script text; other scripts are returned unchanged."""
    if not _is_latin(text):
        return text
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).replace("ß", "ss").replace("ı", "i")


def keys(surface: str) -> tuple[str, ...]:
    """The lookup keys of a surface form, most specific first."""
    text = clean(surface)
    if not text:
        return ()
    out: list[str] = []
    if is_acronym(text):
        out.append("=" + text)
        if len(text) <= SHORT_ACRONYM:
            return tuple(out)
    folded = text.casefold()
    out.append(folded)
    accentless = fold_accents(folded)
    if accentless != folded:
        out.append(accentless)
    return tuple(out)


def _is_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(ch, "") for ch in letters)
