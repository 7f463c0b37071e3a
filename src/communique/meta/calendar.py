"""Calendar words from CLDR (babel): month and weekday names per locale, shared by ``meta`` and ``events``.

Names are casefolded and lose a final dot; a name that means two different months (or days) across the
locales asked for is left out, so that a lookup never guesses.
"""

from __future__ import annotations

from functools import lru_cache

from communique.cache import derived, versions

# Locales whose month names we read. Arabic has two calendars' month names in use: the Egyptian/Gulf
# ("مارس") and the Levantine/Iraqi ("آذار"), so locales of both regions are listed.
LOCALES = (
    "en", "en_GB", "fr", "es", "de", "it", "pt", "nl", "ca", "ro", "sv", "da", "nb", "pl", "tr", "id",
    "ru", "uk", "bg", "ar", "ar_EG", "ar_SY", "ar_LB", "ar_IQ", "ar_JO", "ar_MA", "ar_TN", "ar_DZ", "fa",
)  # fmt: skip

# Pieces of written dates, as ``str.format`` templates taking the group name ``g``.
# Ordinal endings: 24th, 1er/1re, 5. (German), 1º (Spanish).
DAY_PATTERN = r"(?<!\d)(?P<{g}>\d{{1,2}})(?:st|nd|rd|th|er|re|e|º|°|ª)?\.?(?!\d)"
YEAR_PATTERN = r"(?P<{g}>\d{{4}})(?!\d)"


def _unambiguous(found: dict[str, set[int]]) -> dict[str, int]:
    return {name: next(iter(values)) for name, values in found.items() if len(values) == 1}


@lru_cache(maxsize=64)
def month_names(locales: tuple[str, ...] = LOCALES) -> dict[str, int]:
    """Casefolded month name (no final dot) -> month number, wide and abbreviated, format and stand-alone."""
    return derived("months", f"{versions('babel')}|{locales}", lambda: _month_names(locales), dict)


def _month_names(locales: tuple[str, ...]) -> dict[str, int]:
    from babel.dates import get_month_names

    found: dict[str, set[int]] = {}
    for locale in locales:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    key = name.strip().rstrip(".").casefold()
                    if len(key) >= 3:  # shorter abbreviations ("ma") are words in too many languages
                        found.setdefault(key, set()).add(number)
    return _unambiguous(found)


@lru_cache(maxsize=64)
def weekday_names(locales: tuple[str, ...] = LOCALES) -> dict[str, int]:
    """Casefolded weekday name -> weekday (0 = Monday, as :meth:`datetime.date.weekday`); wide names only:
    abbreviations ("mar", "sat") are ordinary words in too many languages."""
    return derived("weekdays", f"{versions('babel')}|{locales}", lambda: _weekday_names(locales), dict)


def _weekday_names(locales: tuple[str, ...]) -> dict[str, int]:
    from babel.dates import get_day_names

    found: dict[str, set[int]] = {}
    for locale in locales:
        for context in ("format", "stand-alone"):
            for number, name in get_day_names("wide", context, locale).items():
                key = name.strip().rstrip(".").casefold()
                if len(key) >= 3:
                    found.setdefault(key, set()).add(number)
    return _unambiguous(found)


@lru_cache(maxsize=256)
def locales_for(language: str) -> tuple[str, ...]:
    """The locales of :data:`LOCALES` for a language code ("ar" -> all Arabic ones), else the code itself when
    CLDR knows it, else nothing."""
    base = language.replace("-", "_").split("_")[0].casefold()
    listed = tuple(loc for loc in LOCALES if loc.split("_")[0] == base)
    if listed:
        return listed
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(base)
    except (UnknownLocaleError, ValueError):
        return ()
    return (base,)
