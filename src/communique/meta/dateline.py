"""Agency datelines ("MOSCOW, May 21 (RIA Novosti) -") and written dates, in many languages.

Month names come from CLDR (babel) for the locales in :data:`LOCALES`, in wide and abbreviated forms and in
both format ("21 мая") and stand-alone ("май") contexts, so that adding a language means adding a locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from communique.meta.calendar import DAY_PATTERN, LOCALES, YEAR_PATTERN
from communique.meta.calendar import month_names as calendar_month_names
from communique.models import Dateline, Span

# Words that open a headline, not a place ("BREAKING -", "UPDATE 2-").
_NOT_PLACES = frozenset({
    "breaking", "update", "exclusive", "analysis", "factbox", "wrapup", "urgent", "corrected", "refile",
    "column", "interview", "photos", "video", "live", "opinion", "editorial", "watch", "hinweis", "analyse",
    "eilmeldung", "kommentar", "exclusif", "urgente", "exclusiva", "срочно", "عاجل",
})  # fmt: skip
# Words kept lower-case inside a place name ("Rio de Janeiro", "Frankfurt am Main").
_CONNECTORS = frozenset({
    "de", "del", "la", "le", "les", "du", "des", "el", "di", "da", "do", "dos", "das", "am", "an", "im",
    "der", "upon", "on", "sur",
})  # fmt: skip
_HEAD_CHARS = 300  # a dateline starts in the first ~300 characters (after a title or some page clutter)


def month_names() -> dict[str, int]:
    """Casefolded month name (no final dot) -> month number, from CLDR; ambiguous names are left out."""
    return calendar_month_names(LOCALES)


def _month_pattern() -> str:
    names = sorted(month_names(), key=len, reverse=True)
    return "|".join(re.escape(name) for name in names)


_DAY = DAY_PATTERN
_YEAR = YEAR_PATTERN


@lru_cache(maxsize=1)
def date_regex() -> re.Pattern[str]:
    """A written date: "21 May", "May 21", "24th July, 2025", "5 de mayo de 2025", "5. Mai", "21 мая"."""
    # Case-insensitive here only: the dateline around it tells capitals from lower case.
    month = rf"(?P<{{g}}>(?i:{_month_pattern()}))\.?(?!\w)"
    dmy = (
        _DAY.format(g="d1")
        + r"\s*(?:de\s+|of\s+)?"
        + month.format(g="m1")
        + r"(?:,?\s*(?:de\s+|del\s+)?"
        + _YEAR.format(g="y1")
        + ")?"
    )
    mdy = month.format(g="m2") + r"\s+" + _DAY.format(g="d2") + r"(?:,?\s*" + _YEAR.format(g="y2") + ")?"
    return re.compile(rf"(?<!\w)(?:{dmy}|{mdy})")


@dataclass(frozen=True)
class DateParts:
    """A date as written: the year may be missing; not yet checked to be a real calendar date."""

    day: int
    month: int
    year: int | None
    span: Span


def date_parts(match: re.Match[str], text: str) -> DateParts:
    """The parts of a :func:`date_regex` match."""
    day = match.group("d1") or match.group("d2")
    month = match.group("m1") or match.group("m2")
    year = match.group("y1") or match.group("y2")
    return DateParts(
        day=int(day),
        month=month_names()[month.rstrip(".").casefold()],
        year=int(year) if year else None,
        span=Span.of(text, match.start(), match.end()),
    )


def _upper_class() -> str:
    # Python's re has no \p{Lu}: list the upper-case letters of the Latin, Greek and Cyrillic blocks.
    return "".join(ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper())


_UP = _upper_class()
_ARABIC_LETTERS = r"\u0621-\u064A\u0671-\u06D3\u06FA-\u06FC"
_PLACE_WORD = rf"[{_UP}](?:[^\W\d_]|['’.\-])*"  # letters only: "COVID-19", "WAZ031" are no places
_CONNECTOR = "|".join(sorted(_CONNECTORS))
_LATIN_PLACE = rf"{_PLACE_WORD}(?:[ \t]+(?:(?:{_CONNECTOR})[ \t]+)?{_PLACE_WORD}){{0,3}}"
_ARABIC_PLACE = rf"(?!في\s)[{_ARABIC_LETTERS}]+(?:[ \t]+(?!في\s)[{_ARABIC_LETTERS}]+){{0,2}}"
# The separator after a dateline: "-", "--", "–", "—", ".-" (EFE) or a full stop (TASS: "/ТАСС/."). A hyphen
# must be followed by a space: "POL-HH", "CDU-Politiker" are compounds.
_SEP = r"\.?[ \t]*(?:--?(?=\s)|–|—)|\.(?=\s)"
_PAREN_OUTLET = r"\((?P<{g}>[^()\n]{{2,40}})\)"
_SLASH_OUTLET = r"/(?P<slash>[^/\n]{2,30})/"
_BARE_OUTLET = rf"(?P<bare>[{_UP}][\w'’\-]*(?:[ \t]+[{_UP}][\w'’\-]*){{0,2}})\.(?=\s)"


@lru_cache(maxsize=1)
def _dateline_regex() -> re.Pattern[str]:
    date = date_regex().pattern.replace("(?<!\\w)", "", 1)
    return re.compile(
        rf"""
        (?P<place>{_LATIN_PLACE}(?:[ \t]*,[ \t]*{_LATIN_PLACE})?|{_ARABIC_PLACE})
        (?:(?:[ \t]*,[ \t]*|[ \t]+)(?:في[ \t]+)?(?P<date>{date}))?
        [ \t]*\.?[ \t]*
        (?:{_PAREN_OUTLET.format(g="paren")}|{_SLASH_OUTLET})?
        (?P<sep>{_SEP})
        (?:[ \t]*{_PAREN_OUTLET.format(g="paren2")}[ \t]*(?P<sep2>{_SEP})|[ \t]*{_BARE_OUTLET})?
        """,
        re.VERBOSE,
    )


@dataclass(frozen=True)
class DatelineMatch:
    """A dateline found in the text and the date parts it gives (None when it has no date)."""

    dateline: Dateline
    date: DateParts | None


def _looks_like_outlet(name: str) -> bool:
    first = name.strip()[:1]
    if not first:
        return False
    # A lower-case name is an outlet only when it is a short acronym ("dpa"), not a caption ("pictured").
    return first.isupper() or not first.isalpha() or first.lower() == first.upper() or len(name) <= 4


def normalise_place(text: str) -> str:
    """ "NEW YORK" -> "New York", "RIO DE JANEIRO" -> "Rio de Janeiro"; words in mixed case are kept."""
    words = re.split(r"([ \t,]+)", text)
    out = []
    for i, word in enumerate(words):
        if word.isupper() and len(word) > 1:
            word = word.lower() if i and word.lower() in _CONNECTORS else word.title()
        out.append(word)
    return "".join(out)


def _is_place(match: re.Match[str]) -> bool:
    place = match.group("place")
    first = place.split()[0].casefold()
    if first in _NOT_PLACES or place.casefold() in _NOT_PLACES:
        return False
    has_outlet = any(match.group(g) for g in ("paren", "slash", "paren2", "bare"))
    if has_outlet:
        return True
    if match.group("sep").strip() == ".":
        return False  # a full stop ends a dateline only after its outlet ("/ТАСС/."); else it ends a sentence
    if match.group("date"):
        return True
    # A bare "PLACE -" counts only for a place in capitals, or a one-word place in a script without case.
    letters = [ch for ch in place if ch.isalpha()]
    uncased = all(ch.lower() == ch.upper() for ch in letters)
    if uncased:
        # "طهران - ": one word and a spaced dash; "كتب-" ("wrote-") opens a byline, not a dateline.
        spaced = match.string[match.start("sep") - 1].isspace()
        return len(letters) >= 3 and len(place.split()) == 1 and spaced
    return len(letters) >= 3 and place.isupper()


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [m.end() for m in re.finditer(r"\n[ \t]*", text[:_HEAD_CHARS])]
    return starts


def find_dateline(text: str) -> DatelineMatch | None:
    """The dateline at the start of a line in the first ~300 characters of ``text``, or None."""
    regex = _dateline_regex()
    for start in _line_starts(text):
        match = regex.match(text, start)
        if match is None or not _is_place(match):
            continue
        outlet_group = next((g for g in ("paren", "slash", "paren2", "bare") if match.group(g)), None)
        if outlet_group and not _looks_like_outlet(match.group(outlet_group)):
            continue
        return _build(text, match, outlet_group)
    return None


def _build(text: str, match: re.Match[str], outlet_group: str | None) -> DatelineMatch:
    place_start, place_end = match.span("place")
    last = text[place_start:place_end].split()[-1]
    if last.endswith(".") and last.count(".") == 1 and last.isupper() and len(last) > 4:
        place_end -= 1  # "CAMARGO.-": the full stop belongs to the separator, not to an abbreviation
    outlet = outlet_span = None
    if outlet_group:
        o_start, o_end = match.span(outlet_group)
        raw = text[o_start:o_end]
        # Keep the span on the name itself, without the spaces a "( AFP )" may have.
        o_start += len(raw) - len(raw.lstrip())
        o_end -= len(raw) - len(raw.rstrip())
        outlet_span = Span.of(text, o_start, o_end)
        outlet = outlet_span.text
    date = None
    date_span = None
    if match.group("date"):
        date_match = date_regex().match(text, match.start("date"), match.end("date"))
        if date_match is not None:
            date = date_parts(date_match, text)
            date_span = date.span
    dateline = Dateline(
        place=normalise_place(text[place_start:place_end]),
        place_span=Span.of(text, place_start, place_end),
        date_span=date_span,
        outlet=outlet,
        outlet_span=outlet_span,
        span=Span.of(text, match.start(), match.end()),
    )
    return DatelineMatch(dateline=dateline, date=date)
