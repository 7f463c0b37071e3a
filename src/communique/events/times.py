"""Temporal expressions: every date, range, weekday or relative time written in an article, normalised.

:func:`find_times` finds them with our own patterns over CLDR month and weekday names (from
:mod:`communique.meta.calendar`, shared with the publication-date code) and small per-language lexicons
(en, fr, es, de, ru, ar; weekday and month names for every CLDR locale). dateparser is not used: it gets
same-day weekdays, ranges and seasons wrong (see ``shared/OFFLINE-MODELS.md``).

Conventions, as news is written:

* A bare weekday is the most recent such day on or before the article's date (the same day included);
  with a future cue in its clause ("will", "prochain", a French/Spanish future verb) it is the next one (on
  or after); "last Tuesday" is strictly before, "next Tuesday" strictly after.
* A date without a year takes the latest year that puts it on or before the article's date, or with a
  future cue the first that puts it on or after it, with a week of slack either way: "28 December" in an
  article of 3 January is last year's, "5 January" with "will" in one of 28 December is next year's, "on 28
  May" in one of 27 May stays in its year.
* "last/this/next week" is the Monday-Sunday range of that week (day precision, ``value`` to ``end``);
  month and year units give month or year precision.
* Seasons ("fall 2003", "l'automne 2003", "otoño de 2003") are the year, year precision (``text_kind`` is
  "season"): the months a season covers depend on the hemisphere and winter straddles two years.
* Vague relatives ("recently", "shortly before", "récemment") are the article's month.
* A year alone needs a preposition or a year word around it ("in 2003", "en 2003", "в 2003 году", "عام
  2003") and must lie in 1900-2100: "57 countries", "1 billion", "2000 people" are not years.
* Clock times ("14:10 GMT") are never dates, and a short line holding a clock is a page stamp: no date on
  it is taken.

An expression that depends on the anchor keeps, in ``relative``, what :func:`resolve_relative` needs to
resolve it again against another anchor: "D:-1" (a day offset), "W:-1"/"M:0"/"Y:1" (unit offsets), "WD:1:<="
(a weekday and its direction), "MD:05-28/05-31" (a day and month without a year), "MO:5" (a month without
a year), "S:9:-1" (a season: its first month and offset), "V" (vague).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from pydantic import ValidationError

from communique.meta.calendar import DAY_PATTERN, LOCALES, locales_for, month_names, weekday_names
from communique.models import DateEvidence, PartialDate, Span, TemporalExpression

Mode = Literal["past", "future"] | None


@dataclass(frozen=True)
class _Words:
    """The words of one language, as regular-expression alternations (case-insensitive)."""

    deictic: dict[str, int] = field(default_factory=dict)  # "yesterday" -> -1
    units: dict[str, str] = field(default_factory=dict)  # "weeks?" -> "W"
    unit_before: dict[int, str] = field(default_factory=dict)  # -1 -> "last|past"
    unit_after: dict[int, str] = field(default_factory=dict)  # -1 -> "dernier|dernière"
    weekday_before: dict[int, str] = field(default_factory=dict)
    weekday_after: dict[int, str] = field(default_factory=dict)
    weekday_forms: dict[str, int] = field(default_factory=dict)  # inflected forms CLDR lacks ("среду")
    weekday_needs: str = ""  # a word that must precede a bare weekday ("в|во": "среда" is "environment")
    vague: str = ""
    ago: str = ""  # with groups n (a number) and u (a unit word)
    ago_units: dict[str, str] = field(default_factory=dict)  # unit word prefix -> "D"/"W"/"M"/"Y"
    ago_words: str = ""  # the words that find an "ago" phrase ("ago", "hace", "назад")
    numbers: dict[str, int] = field(default_factory=dict)
    seasons: dict[str, int] = field(default_factory=dict)  # season word -> its first month (northern)
    future: str = ""  # a future cue anywhere in the clause
    future_cs: str = ""  # the same, case-sensitive (verb endings)
    clause: str = ""  # words that open a new clause ("that", "que")


_EN_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a few": 3,
    "several": 3,
}

_WORDS: dict[str, _Words] = {
    "en": _Words(
        deictic={
            "yesterday": -1,
            "today": 0,
            "tomorrow": 1,
            "tonight": 0,
            "this morning": 0,
            "this afternoon": 0,
            "this evening": 0,
            "last night": -1,
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
        },
        units={"week": "W", "month": "M", "year": "Y"},
        unit_before={
            -1: "last|past|previous",
            0: "this|earlier this|later this|the current",
            1: "next|the coming|the next|coming",
        },
        weekday_before={-1: "last|this past", 1: "next|this coming|coming", 0: "this"},
        vague="recently|most recently|lately|shortly before|shortly after|in recent days|in recent weeks",
        ago=r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+"
        r"(?P<u>days?|weeks?|months?|years?)\s+ago",
        ago_units={"day": "D", "week": "W", "month": "M", "year": "Y"},
        ago_words="ago",
        numbers=_EN_NUMBERS,
        seasons={"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12},
        future=r"will|won['’]t|shall|\w+['’]ll|going to|is to|are to|scheduled|planned|upcoming|expected to"
        r"|next|coming|plans? to|intends? to",
        clause=r"that|which|who|but|while|after|before|when|because",
    ),
    "fr": _Words(
        deictic={
            "hier": -1,
            "aujourd['’]hui": 0,
            "demain": 1,
            "avant-hier": -2,
            "après-demain": 2,
            "hier soir": -1,
            "ce matin": 0,
            "ce soir": 0,
            "cet après-midi": 0,
        },
        units={"semaine": "W", "mois": "M", "an": "Y", "année": "Y"},
        unit_before={0: "cette|ce|cet|en ce début d['’]|en cette fin d['’]"},
        unit_after={
            -1: "dernier|dernière|passé|passée|écoulé|écoulée",
            0: "-ci|en cours",
            1: "prochain|prochaine|à venir",
        },
        weekday_after={-1: "dernier|passé", 1: "prochain"},
        weekday_before={0: "ce"},
        vague=r"récemment|dernièrement|peu avant|ces derniers jours|ces dernières semaines|il y a peu",
        ago=r"il y a\s+(?P<n>\d{1,3}|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quelques)\s+"
        r"(?P<u>jours?|semaines?|mois|ans?|années?)",
        ago_units={"jour": "D", "semaine": "W", "mois": "M", "an": "Y", "année": "Y"},
        ago_words="jour|jours|semaine|semaines|mois|an|ans|année|années",
        numbers={
            "un": 1,
            "une": 1,
            "deux": 2,
            "trois": 3,
            "quatre": 4,
            "cinq": 5,
            "six": 6,
            "sept": 7,
            "huit": 8,
            "neuf": 9,
            "dix": 10,
            "quelques": 3,
        },
        seasons={"printemps": 3, "été": 6, "automne": 9, "hiver": 12},
        future=r"va|vont|prochain|prochaine|prévu|prévue|prévus|prévues|doit|doivent|devrait|devraient",
        future_cs=r"\w{2,}(?:era|eront|ira|iront|dra|dront|ura|uront)",
        clause=r"que|qu['’]|qui|mais|lorsque|quand|après|avant",
    ),
    "es": _Words(
        deictic={
            "ayer": -1,
            "hoy": 0,
            "mañana": 1,
            "anteayer": -2,
            "antier": -2,
            "pasado mañana": 2,
            "anoche": -1,
            "esta mañana": 0,
            "esta tarde": 0,
            "esta noche": 0,
        },
        units={"semana": "W", "mes": "M", "año": "Y"},
        unit_before={
            -1: "el pasado|la pasada",
            0: "este|esta|el presente|el actual",
            1: "el próximo|la próxima|el siguiente|la siguiente",
        },
        unit_after={-1: "pasado|pasada|anterior", 1: "próximo|próxima|que viene|entrante"},
        weekday_before={-1: "el pasado", 1: "el próximo|este próximo", 0: "este"},
        weekday_after={-1: "pasado", 1: "próximo|que viene"},
        vague=r"recientemente|últimamente|hace poco|poco antes|en los últimos días|recién",
        ago=r"hace\s+(?P<n>\d{1,3}|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|unos|unas)\s+"
        r"(?P<u>días?|semanas?|mes|meses|años?)",
        ago_units={"día": "D", "dia": "D", "semana": "W", "mes": "M", "año": "Y"},
        ago_words="hace",
        numbers={
            "un": 1,
            "una": 1,
            "dos": 2,
            "tres": 3,
            "cuatro": 4,
            "cinco": 5,
            "seis": 6,
            "siete": 7,
            "ocho": 8,
            "nueve": 9,
            "diez": 10,
            "unos": 3,
            "unas": 3,
        },
        seasons={"primavera": 3, "verano": 6, "otoño": 9, "invierno": 12},
        future=r"va a|van a|próximo|próxima|previsto|prevista|tendrá lugar|planea|prevé",
        future_cs=r"\w{2,}(?:rá|rán)",
        clause=r"que|quien|pero|cuando|después|antes",
    ),
    "de": _Words(
        deictic={
            "gestern": -1,
            "heute": 0,
            "morgen": 1,
            "vorgestern": -2,
            "übermorgen": 2,
            "gestern abend": -1,
            "heute morgen": 0,
        },
        units={"woche": "W", "monat": "M", "monats": "M", "jahr": "Y", "jahres": "Y", "jahrs": "Y"},
        unit_before={
            -1: r"(?:im\s+|in\s+der\s+)?(?:letzt|vergangen|vorig)\w*",
            0: r"(?:in\s+)?dies\w*|(?:im\s+|in\s+der\s+)?laufend\w*",
            1: r"(?:im\s+|in\s+der\s+)?(?:nächst|kommend)\w*",
        },
        weekday_before={
            -1: r"(?:am\s+)?(?:letzt|vergangen|vorig)\w*",
            1: r"(?:am\s+)?(?:nächst|kommend)\w*",
            0: r"diese[nm]?",
        },
        vague=r"kürzlich|vor kurzem|neulich|jüngst|unlängst|in den letzten tagen",
        ago=r"vor\s+(?P<n>\d{1,3}|einem|einer|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|wenigen)\s+"
        r"(?P<u>tagen|tag|wochen|woche|monaten|monat|jahren|jahr)",
        ago_units={"tag": "D", "woche": "W", "monat": "M", "jahr": "Y"},
        ago_words="vor",
        numbers={
            "einem": 1,
            "einer": 1,
            "zwei": 2,
            "drei": 3,
            "vier": 4,
            "fünf": 5,
            "sechs": 6,
            "sieben": 7,
            "acht": 8,
            "neun": 9,
            "zehn": 10,
            "wenigen": 3,
        },
        seasons={"frühling": 3, "frühjahr": 3, "sommer": 6, "herbst": 9, "winter": 12},
        future=r"wird|werden|soll|sollen|nächst\w*|kommend\w*|geplant\w*|bevorstehend\w*",
        clause=r"dass|der|die|das|aber|als|nachdem|bevor|wenn",
    ),
    "ru": _Words(
        deictic={
            "вчера": -1,
            "сегодня": 0,
            "завтра": 1,
            "позавчера": -2,
            "послезавтра": 2,
            "накануне": -1,
            "вчера вечером": -1,
        },
        units={
            "неделе": "W",
            "неделю": "W",
            "недели": "W",
            "месяце": "M",
            "месяц": "M",
            "месяца": "M",
            "году": "Y",
            "год": "Y",
            "года": "Y",
        },
        unit_before={
            -1: r"(?:(?:в|на)\s+)?(?:прошл|минувш|предыдущ)\w*",
            0: r"(?:(?:в|на)\s+)?(?:эт|текущ|нынешн)\w*",
            1: r"(?:(?:в|на)\s+)?(?:следующ|будущ|предстоящ)\w*",
        },
        weekday_before={
            -1: r"в\s+(?:прошл|минувш)\w*",
            1: r"в\s+(?:следующ|ближайш|предстоящ)\w*",
            0: r"в\s+(?:этот|эту|это)",
        },
        weekday_forms={"среду": 2, "пятницу": 4, "субботу": 5},
        weekday_needs=r"во?",
        vague=r"недавно|на днях|незадолго до|в последние дни|в последнее время",
        ago=r"(?P<n>\d{1,3}|один|одну|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|несколько)\s+"
        r"(?P<u>дн(?:я|ей)|день|недел[юиь]|месяц(?:а|ев)?|год(?:а)?|лет)\s+назад",
        ago_units={"дн": "D", "ден": "D", "нед": "W", "мес": "M", "год": "Y", "лет": "Y"},
        ago_words="назад",
        numbers={
            "один": 1,
            "одну": 1,
            "два": 2,
            "две": 2,
            "три": 3,
            "четыре": 4,
            "пять": 5,
            "шесть": 6,
            "семь": 7,
            "восемь": 8,
            "девять": 9,
            "десять": 10,
            "несколько": 3,
        },
        seasons={
            "весной": 3,
            "весна": 3,
            "весны": 3,
            "летом": 6,
            "лето": 6,
            "лета": 6,
            "осенью": 9,
            "осень": 9,
            "осени": 9,
            "зимой": 12,
            "зима": 12,
            "зимы": 12,
        },
        future=r"будет|будут|буду|будем|состоится|состоятся|следующ\w*|предстоящ\w*|планиру\w*|намерен\w*",
        clause=r"что|который|которая|которые|но|когда|после|перед",
    ),
    "ar": _Words(
        deictic={
            "أمس": -1,
            "امس": -1,
            "الأمس": -1,
            "البارحة": -1,
            "اليوم": 0,
            "غدا": 1,
            "غداً": 1,
            "أول أمس": -2,
            "أول من أمس": -2,
            "بعد غد": 2,
        },
        units={"الأسبوع": "W", "الاسبوع": "W", "الشهر": "M", "العام": "Y", "السنة": "Y", "عام": "Y"},
        unit_before={0: "هذا|هذه"},
        unit_after={
            -1: "الماضي|الماضية|المنصرم|المنصرمة|الفائت|الفائتة",
            0: "الحالي|الحالية|الجاري|الجارية",
            1: "المقبل|المقبلة|القادم|القادمة",
        },
        weekday_after={-1: "الماضي|الفائت", 1: "المقبل|القادم"},
        vague=r"مؤخرا|مؤخراً|في الآونة الأخيرة|قبل أيام|منذ أيام",
        ago=r"(?:قبل|منذ)\s+(?P<u>يومين|أسبوعين|شهرين|عامين|سنتين|يوم|أسبوع|شهر|عام|سنة)(?P<n>)",
        ago_units={"يوم": "D", "أسبوع": "W", "شهر": "M", "عام": "Y", "سنة": "Y", "سنت": "Y"},
        ago_words="قبل|منذ",
        seasons={"ربيع": 3, "صيف": 6, "خريف": 9, "شتاء": 12},
        future=r"[وف]?سوف|المقبل|المقبلة|القادم|القادمة|سيتم|سيعقد|ستعقد|سيلتقي|سيزور|ستبدأ|سيبدأ|من المقرر|من المنتظر",
        clause=r"أن|أنه|التي|الذي|لكن",
    ),
}

# A year alone is a year only with one of these words before it (or a year word after it).
_YEAR_BEFORE = (
    r"in|since|until|till|before|after|during|from|early|late|mid|end\s+of|beginning\s+of|the\s+year|year"
    r"|en|depuis|dès|jusqu['’]en|avant|après|pendant|début|fin|l['’]année|l['’]an|année"
    r"|desde|hasta|antes\s+de|después\s+de|durante|principios\s+de|finales\s+de|el\s+año|año"
    r"|im|seit|bis|vor|nach|jahr|jahres|anfang|ende|mitte"
    r"|в|с|до|после|начале|конце|середине|году"
    r"|عام|العام|سنة|منذ|في|خلال|حتى|مطلع|أواخر|أوائل"
)
_NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent|per\s+cent|pour\s+cent|por\s+ciento|prozent|процент|people|persons|personnes|personas"
    r"|menschen|человек|troops|soldiers|soldats|soldados|km|kilomet|dollars|euros|\$|€|tonnes|tons)",
    re.IGNORECASE,
)
_YEAR_WORD_AFTER = re.compile(r"\s*(?:год[ауе]?|г\.)(?!\w)", re.IGNORECASE)
_PLAUSIBLE_YEAR = r"(?:19|20)\d\d|2100"

_MONTH_WORD = r"[^\W\d_]{3,}"
_ORD = r"(?:st|nd|rd|th|er|re|e|º|°|ª)?\.?"
_TO = r"\s*(?:-|–|—|to|through|until|till|and|au|à|et|al|a|y|hasta|bis|und|zum|по|до|и|إلى|الى|حتى)\s*"
_DAY = DAY_PATTERN
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
_STAMP_LETTERS = 30  # a line with a clock and fewer letters than this is a page stamp
_BOUNDARY = r"[.!?;\n\"“”«»]"
_WEEK = dt.timedelta(days=7)
_SLACK = dt.timedelta(days=7)  # how far past the article a date without a year may lie and stay in its year
_TOKEN = re.compile(r"\w+")
_BEFORE, _AFTER = 48, 64  # the window around a trigger word that a pattern is tried in
# Which patterns a number or a month name can be part of.
_DAY_KINDS: tuple[str, ...] = ("day",)
_YEAR_KINDS: tuple[str, ...] = ("year4",)
_KINDS = {
    "day": ("range_dm", "date_dm", "numeric"),
    "year4": ("iso", "years", "year", "year_after"),
    "month": ("range_md", "date_md", "month_year", "month_alone"),
}


def _alt(words: str | list[str] | dict[str, int] | dict[str, str]) -> str:
    """A regex alternation of words or phrases; spaces match any run of spaces, "'" any apostrophe."""
    items = words.split("|") if isinstance(words, str) else list(words)
    items = sorted(items, key=len, reverse=True)
    return "|".join(re.sub(r" +", r"\\s+", item) for item in items if item)


@dataclass(frozen=True)
class _Grammar:
    language: str
    words: _Words
    months: dict[str, int]
    weekdays: dict[str, int]
    deictic: dict[str, int]
    patterns: dict[str, re.Pattern[str]]
    triggers: dict[str, tuple[str, ...]]  # a casefolded word -> the patterns to try around it
    future: re.Pattern[str] | None
    boundary: re.Pattern[str]


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold().replace("’", "'"))


@lru_cache(maxsize=64)
def _grammar(language: str) -> _Grammar:
    base = language.replace("-", "_").split("_")[0].casefold()
    words = _WORDS.get(base, _Words())
    own = locales_for(base) if base not in ("", "und", "root") else ()
    months = dict(month_names(LOCALES if not own else (*own, "en")))
    weekdays = dict(weekday_names((*own, "en") if own else ("en",)))
    weekdays.update(words.weekday_forms)
    deictic = {_key(k.replace("['’]", "'")): v for k, v in words.deictic.items()}
    pats: dict[str, re.Pattern[str]] = {}

    def add(kind: str, pattern: str, flags: int = re.IGNORECASE) -> None:
        pats[kind] = re.compile(pattern, flags)

    month = rf"(?P<m>{_MONTH_WORD})\.?"
    # Dates and ranges, month names verified against the tables after matching.
    add(
        "range_dm",
        rf"(?<!\w){_DAY.format(g='d1')}(?:\s*(?:de\s+|of\s+)?(?P<m1>{_MONTH_WORD})\.?)?{_TO}"
        rf"{_DAY.format(g='d2')}\s*(?:de\s+|of\s+)?{month}(?!\w)(?:,?\s*(?:de\s+|del\s+)?(?P<y>\d{{4}})(?!\d))?",
    )
    add(
        "range_md",
        rf"(?<!\w)(?P<m1>{_MONTH_WORD})\.?\s+{_DAY.format(g='d1')}{_TO}(?:(?P<m>{_MONTH_WORD})\.?\s+)?"
        rf"{_DAY.format(g='d2')}(?!\w)(?:,?\s*(?P<y>\d{{4}})(?!\d))?",
    )
    add(
        "date_dm",
        rf"(?<!\w){_DAY.format(g='d')}\s*(?:de\s+|of\s+)?{month}(?!\w)(?:,?\s*(?:de\s+|del\s+)?(?P<y>\d{{4}})(?!\d))?",
    )
    add("date_md", rf"(?<!\w){month}\s+{_DAY.format(g='d')}(?!\w)(?:,?\s*(?P<y>\d{{4}})(?!\d))?")
    add("month_year", rf"(?<!\w){month},?\s+(?:of\s+|de\s+|del\s+)?(?P<y>{_PLAUSIBLE_YEAR})(?!\d)")
    add(
        "month_alone",
        rf"(?<!\w)(?:in|since|early|late|mid|en|depuis|début|fin|desde|im|seit|anfang|ende|mitte|في)\s+"
        rf"(?:de\s+|d['’])?(?P<m>{_MONTH_WORD})(?!\w)(?!\.?\s*\d)",
    )
    add("iso", r"(?<![\w.\-/])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\w\-])")
    add("numeric", r"(?<![\w.\-/])(?P<a>\d{1,2})([/.])(?P<b>\d{1,2})\2(?P<y>(?:19|20)\d\d)(?![\w/])")
    add(
        "years",
        rf"(?:(?<!\w)(?P<between>between|from|entre|de|desde|zwischen|von|между|с|بين|من)\s+)?"
        rf"(?<![\w.,$€£/\-])(?P<y>{_PLAUSIBLE_YEAR})\s*(?:-|–|to|au|à|a|al|hasta|bis|по|до|إلى"
        rf"|(?P<and>and|et|y|und|и|و))\s*(?P<y2>{_PLAUSIBLE_YEAR})(?![\d.,]\d|\d)",
    )
    add(
        "year",
        rf"(?<!\w)(?P<pre>{_YEAR_BEFORE})\s+(?:the\s+|el\s+|de\s+|l['’]|del\s+)?"
        rf"(?P<y>{_PLAUSIBLE_YEAR})(?![\d.,]\d|\d|:)",
    )
    add("year_after", rf"(?<![\w.,$€£/\-])(?P<y>{_PLAUSIBLE_YEAR})(?=\s*(?:год[ауе]?|г\.)(?!\w))")
    if words.deictic:
        add("deictic", rf"(?<!\w)(?:{_alt(words.deictic)})(?!\w)")
    if words.units:
        before = "|".join(f"(?P<b{i + 1}>{v})" for i, v in sorted(words.unit_before.items()))
        after = "|".join(f"(?P<a{i + 1}>{v})" for i, v in sorted(words.unit_after.items()))
        pattern = rf"(?<!\w)(?:(?:{before})(?:\s+|(?<=['’])))?" if before else r"(?<!\w)"
        pattern += r"(?:(?:the|le|la|l['’]|el)\s*)?" if words.unit_after else ""
        pattern += rf"(?P<unit>{_alt(words.units)})s?(?!\w)"
        pattern += rf"(?:\s*(?:{after})(?!\w))?" if after else ""
        add("unit", pattern)
    names = _alt(sorted(weekdays, key=len, reverse=True))
    wd_before = "|".join(f"(?P<b{i + 1}>{v})" for i, v in sorted(words.weekday_before.items()))
    wd_after = "|".join(f"(?P<a{i + 1}>{v})" for i, v in sorted(words.weekday_after.items()))
    pattern = rf"(?<!\w)(?:(?:{wd_before})\s+)?" if wd_before else r"(?<!\w)"
    if words.weekday_needs:
        pattern += rf"(?P<need>(?<!\w)(?:{words.weekday_needs})\s+)?"
    pattern += r"(?:(?<=\s)(?:el|le|al)\s+)?" if base in ("es", "fr") else ""
    pattern += r"(?P<clitic>[وفب])?" if base == "ar" else ""
    pattern += rf"(?P<wd>{names})(?!\w)"
    pattern += rf"(?:\s+(?:{wd_after})(?!\w))?" if wd_after else ""
    add("weekday", pattern)
    if words.vague:
        add("vague", rf"(?<!\w)(?:{_alt(words.vague)})(?!\w)")
    if words.ago:
        add("ago", rf"(?<!\w)(?:{words.ago})(?!\w)")
    if words.seasons:
        season_before = r"(?:(?P<sb>last|this|next|cet|l['’]|el|este|el\s+pr[oó]ximo|im|diesen|nächsten)\s+)?"
        add(
            "season",
            rf"(?<!\w){season_before}(?P<season>{_alt(words.seasons)})(?!\w)"
            rf"(?:\s+(?:of\s+|de\s+|del\s+|d['’]|de\s+l['’]an\s+)?(?P<y>{_PLAUSIBLE_YEAR})(?!\d)(?:\s*года)?)?",
        )
    future = None
    if words.future or words.future_cs:
        parts = [rf"(?i:{words.future})"] if words.future else []
        parts += [words.future_cs] if words.future_cs else []
        future = re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)")
    clause = rf"|(?<!\w)(?:{words.clause})(?!\w)" if words.clause else ""
    boundary = re.compile(rf"{_BOUNDARY}{clause}", re.IGNORECASE)
    triggers: dict[str, tuple[str, ...]] = {}

    def trigger(kind: str, names: str | list[str] | dict[str, int]) -> None:
        for name in names.split("|") if isinstance(names, str) else names:
            tokens = _TOKEN.findall(str(name).replace("['’]", "'").casefold())
            if tokens:  # the longest word of a phrase finds it ("shortly before": "shortly")
                word = max(reversed(tokens), key=len)
                if kind not in triggers.get(word, ()):
                    triggers[word] = (*triggers.get(word, ()), kind)

    trigger("month", months)
    trigger("deictic", words.deictic)
    trigger("unit", [f"{unit}{plural}" for unit in words.units for plural in ("", "s")])
    trigger("weekday", [f"{clitic}{name}" for name in weekdays for clitic in ("", "و", "ف", "ب")])
    trigger("vague", words.vague)
    trigger("ago", words.ago_words)
    trigger("season", words.seasons)
    return _Grammar(base, words, months, weekdays, deictic, pats, triggers, future, boundary)


# --- resolution ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ref:
    """What the anchor tells: a reference day (the date, else ``latest``), a year, a month, or month and
    day without a year."""

    day: dt.date | None = None
    year: int | None = None
    month: int | None = None
    month_day: tuple[int, int] | None = None


def _reference(anchor: DateEvidence | None) -> _Ref:
    if anchor is None:
        return _Ref()
    date = anchor.date
    day = date.as_date() if date.year is not None and date.day is not None else anchor.latest
    year = date.year if date.year is not None else None
    if year is None and day is not None and date.month in (None, day.month):
        year = day.year
    month = date.month
    if month is None and day is not None and (date.year in (None, day.year)):
        month = day.month
    month_day = (date.month, date.day) if date.year is None and date.month and date.day else None
    return _Ref(day=day, year=year, month=month, month_day=month_day)


def _partial(year: int | None, month: int | None = None, day: int | None = None) -> PartialDate | None:
    try:
        return PartialDate(year=year, month=month, day=day)
    except ValidationError:
        return None


def _shift_month_day(month_day: tuple[int, int], days: int) -> PartialDate | None:
    """Shift a month and day of an unknown year, when leap years do not change the answer."""
    try:
        shifted = {
            (dt.date(year, *month_day) + dt.timedelta(days=days)).timetuple()[1:3] for year in (2000, 2001)
        }
    except ValueError:
        return None
    if len(shifted) != 1:
        return None
    month, day = shifted.pop()
    return _partial(None, month, day)


def _pick_year(month: int, day: int, ref: _Ref, future: bool) -> int | None:
    """The year of a month/day written without one: the latest on or before the reference day (a week of
    slack: "they meet on 28 May" in an article of 27 May), or with a future cue the first on or after it."""
    if ref.day is None:
        return ref.year
    years = range(ref.day.year - 1, ref.day.year + 2)
    dates = [(year, _safe_date(year, month, day)) for year in years]
    if future:
        ahead = [year for year, date in dates if date is not None and date >= ref.day - _SLACK]
        return ahead[0] if ahead else ref.year
    behind = [year for year, date in dates if date is not None and date <= ref.day + _SLACK]
    return behind[-1] if behind else ref.year


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 29 February of a common year
        return None


def _shift_months(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


Resolved = tuple[PartialDate | None, PartialDate | None]


def _resolve(spec: str, ref: _Ref, mode: Mode) -> Resolved:
    kind, _, rest = spec.partition(":")
    args = rest.split(":") if rest else []
    if kind == "D":
        days = int(args[0])
        if ref.day is not None:
            return PartialDate.from_date(ref.day + dt.timedelta(days=days)), None
        if ref.month_day is not None:
            return _shift_month_day(ref.month_day, days), None
        return None, None
    if kind == "W":
        if ref.day is None:
            return None, None
        monday = ref.day - dt.timedelta(days=ref.day.weekday()) + int(args[0]) * _WEEK
        return PartialDate.from_date(monday), PartialDate.from_date(monday + dt.timedelta(days=6))
    if kind == "M":
        if ref.month is None:
            return None, None
        if ref.year is None:
            return _partial(None, (ref.month - 1 + int(args[0])) % 12 + 1), None
        return _partial(*_shift_months(ref.year, ref.month, int(args[0]))), None
    if kind == "Y":
        return (_partial(ref.year + int(args[0])) if ref.year is not None else None), None
    if kind == "WD":
        return _resolve_weekday(int(args[0]), args[1], ref), None
    if kind == "MD":
        return _resolve_month_day(args[0], ref, mode)
    if kind == "MO":
        month = int(args[0])
        future = mode == "future"
        year = _pick_year(month, 28 if future else 1, ref, future)
        return _partial(year, month), None
    if kind == "S":
        return _resolve_season(int(args[0]), int(args[1]), ref), None
    if kind == "V":
        if ref.year is None and ref.month is None:
            return None, None
        return _partial(ref.year, ref.month), None
    raise ValueError(f"not a relative time: {spec!r}")


def _resolve_weekday(weekday: int, direction: str, ref: _Ref) -> PartialDate | None:
    if ref.day is None:
        return None
    back = (ref.day.weekday() - weekday) % 7
    ahead = (weekday - ref.day.weekday()) % 7
    offsets = {"<=": -back, "<": -(back or 7), ">=": ahead, ">": ahead or 7}
    return PartialDate.from_date(ref.day + dt.timedelta(days=offsets[direction]))


def _resolve_month_day(days: str, ref: _Ref, mode: Mode) -> Resolved:
    first, _, last = days.partition("/")
    month, day = (int(x) for x in first.split("-"))
    year = _pick_year(month, day, ref, mode == "future")
    value = _partial(year, month, day)
    if not last or value is None:
        return value, None
    month2, day2 = (int(x) for x in last.split("-"))
    year2 = year + 1 if year is not None and (month2, day2) < (month, day) else year
    return value, _partial(year2, month2, day2)


def _resolve_season(first_month: int, offset: int, ref: _Ref) -> PartialDate | None:
    """The year a season starts in: "this" season is the reference year's; "last" and "next" step from the
    latest one begun (winter starts in December of its first year)."""
    if ref.year is None:
        return None
    if offset == 0 or ref.month is None:
        return _partial(ref.year + offset)
    latest = ref.year if first_month <= ref.month else ref.year - 1
    if offset > 0:
        return _partial(latest + offset)
    ongoing = (ref.month - first_month) % 12 < 3
    return _partial(latest + offset + (0 if ongoing else 1))


# --- finding ------------------------------------------------------------------------------------------


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    value: PartialDate | None = None
    last: PartialDate | None = None
    spec: str | None = None
    mode: Mode = None
    cue: int | None = None  # an explicit past (-1), this (0) or next (+1) cue in the expression

    @property
    def length(self) -> int:
        return self.end - self.start


def _cue(match: re.Match[str]) -> int | None:
    for name, offset in (("b0", -1), ("a0", -1), ("b1", 0), ("a1", 0), ("b2", 1), ("a2", 1)):
        if match.groupdict().get(name):
            return offset
    return None


class _Finder:
    def __init__(self, text: str, grammar: _Grammar) -> None:
        self.text = text
        self.g = grammar

    def month(self, word: str | None) -> int | None:
        return self.g.months.get(word.rstrip(".").casefold()) if word else None

    def candidates(self) -> Iterator[_Found]:
        """Each pattern is tried only in a window around a word that can be part of it: a month or weekday
        name, a lexicon word or a number. Scanning the whole text with every pattern is ten times slower."""
        text, size, seen = self.text, len(self.text), set()
        patterns, triggers = self.g.patterns, self.g.triggers
        for token in _TOKEN.finditer(text):
            word = token.group()
            if word[0].isdigit():
                digits = len(word) - len(word.lstrip("0123456789٠١٢٣٤٥٦٧٨٩"))
                kinds = _YEAR_KINDS if digits == 4 else _DAY_KINDS if digits <= 2 else ()
            else:
                kinds = triggers.get(word.casefold(), ())
            if not kinds:
                continue
            start, end = token.span()
            lo, hi = max(0, start - _BEFORE), min(size, end + _AFTER)
            while hi < size and not text[hi].isspace():
                hi += 1  # lookaheads must see the real next character
            for group in kinds:
                for kind in _KINDS.get(group, (group,)):
                    pattern = patterns.get(kind)
                    if pattern is None:
                        continue
                    for match in pattern.finditer(text, lo, hi):
                        key = (kind, match.start(), match.end())
                        if match.start() >= end or match.end() <= start or key in seen:
                            continue
                        seen.add(key)
                        handler: Callable[[re.Match[str]], _Found | None] = getattr(self, f"_{kind}")
                        if (found := handler(match)) is not None:
                            yield found

    def _dated(
        self, match: re.Match[str], kind: str, m1: int, d1: int, m2: int | None, d2: int | None
    ) -> _Found | None:
        year = match.groupdict().get("y")
        if year is not None:
            y = int(year)
            value = _partial(y, m1, d1)
            last = None
            if m2 is not None and d2 is not None:
                last = _partial(y + 1 if (m2, d2) < (m1, d1) else y, m2, d2)
            return _Found(match.start(), match.end(), kind, value, last)
        if _partial(None, m1, d1) is None or (d2 is not None and _partial(None, m2, d2) is None):
            return None  # "31 June"
        spec = f"MD:{m1:02d}-{d1:02d}" + (f"/{m2:02d}-{d2:02d}" if m2 is not None and d2 is not None else "")
        return _Found(match.start(), match.end(), kind, spec=spec)

    def _range_dm(self, match: re.Match[str]) -> _Found | None:
        m2 = self.month(match.group("m"))
        m1 = self.month(match.group("m1")) if match.group("m1") else m2
        if m1 is None or m2 is None:
            return None
        d1, d2 = int(match.group("d1")), int(match.group("d2"))
        if (m1, d1) >= (m2, d2) and m1 == m2:
            return None
        return self._dated(match, "range", m1, d1, m2, d2)

    def _range_md(self, match: re.Match[str]) -> _Found | None:
        m1 = self.month(match.group("m1"))
        m2 = self.month(match.group("m")) if match.group("m") else m1
        if m1 is None or m2 is None:
            return None
        d1, d2 = int(match.group("d1")), int(match.group("d2"))
        if (m1, d1) >= (m2, d2) and m1 == m2:
            return None
        return self._dated(match, "range", m1, d1, m2, d2)

    def _date_dm(self, match: re.Match[str]) -> _Found | None:
        month = self.month(match.group("m"))
        if month is None:
            return None
        return self._dated(match, "date", month, int(match.group("d")), None, None)

    _date_md = _date_dm

    def _month_year(self, match: re.Match[str]) -> _Found | None:
        month = self.month(match.group("m"))
        if month is None:
            return None
        return _Found(match.start(), match.end(), "month", _partial(int(match.group("y")), month))

    def _month_alone(self, match: re.Match[str]) -> _Found | None:
        word = match.group("m")
        month = self.month(word)
        if month is None or (self.g.language == "en" and not word[0].isupper()):
            return None
        return _Found(match.start("m"), match.end(), "month", spec=f"MO:{month}")

    def _iso(self, match: re.Match[str]) -> _Found | None:
        value = _partial(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        return _Found(match.start(), match.end(), "date", value) if value else None

    def _numeric(self, match: re.Match[str]) -> _Found | None:
        a, b, y = int(match.group("a")), int(match.group("b")), int(match.group("y"))
        day, month = (b, a) if b > 12 >= a else (a, b)  # day first, as most of the world writes it
        value = _partial(y, month, day)
        return _Found(match.start(), match.end(), "date", value) if value else None

    def _years(self, match: re.Match[str]) -> _Found | None:
        y1, y2 = int(match.group("y")), int(match.group("y2"))
        if y2 <= y1 or y2 - y1 > 50 or (match.group("and") and not match.group("between")):
            return None  # "in 2001 and 2003" are two years, "between 2001 and 2003" a range
        return _Found(match.start(), match.end(), "range", _partial(y1), _partial(y2))

    def _year(self, match: re.Match[str]) -> _Found | None:
        if _NOT_A_YEAR_AFTER.match(self.text, match.end()):
            return None
        return _Found(match.start("y"), match.end("y"), "year", _partial(int(match.group("y"))))

    def _year_after(self, match: re.Match[str]) -> _Found | None:
        end = _YEAR_WORD_AFTER.match(self.text, match.end())
        stop = end.end() if end else match.end()
        return _Found(match.start(), stop, "year", _partial(int(match.group("y"))))

    def _deictic(self, match: re.Match[str]) -> _Found | None:
        offset = self.g.deictic.get(_key(match.group(0)).replace("’", "'"))
        if offset is None:
            return None
        mode: Mode = "past" if offset < 0 else "future" if offset > 0 else None
        return _Found(match.start(), match.end(), "deictic", spec=f"D:{offset}", mode=mode)

    def _unit(self, match: re.Match[str]) -> _Found | None:
        cue = _cue(match)
        if cue is None:
            return None
        unit = self.g.words.units.get(match.group("unit").casefold())
        if unit is None:
            return None
        mode: Mode = "past" if cue < 0 else "future" if cue > 0 else None
        return _Found(match.start(), match.end(), "unit", spec=f"{unit}:{cue}", mode=mode, cue=cue)

    def _weekday(self, match: re.Match[str]) -> _Found | None:
        weekday = self.g.weekdays.get(match.group("wd").casefold())
        if weekday is None:
            return None
        cue = _cue(match)
        if self.g.words.weekday_needs and cue is None and not match.groupdict().get("need"):
            return None
        start = match.start() if cue is not None else match.start("wd")
        if match.groupdict().get("clitic"):
            start = match.start("wd")
        mode: Mode = "past" if cue == -1 else "future" if cue == 1 else None
        direction = "<" if cue == -1 else ">" if cue == 1 else ""
        return _Found(start, match.end(), "weekday", spec=f"WD:{weekday}:{direction}", mode=mode, cue=cue)

    def _vague(self, match: re.Match[str]) -> _Found | None:
        return _Found(match.start(), match.end(), "vague", spec="V", mode="past")

    def _ago(self, match: re.Match[str]) -> _Found | None:
        unit_word = match.group("u").casefold()
        unit = next((u for prefix, u in self.g.words.ago_units.items() if unit_word.startswith(prefix)), None)
        raw = (match.group("n") or "").casefold()
        if unit is None:
            return None
        if raw.isdigit():
            n = int(raw)
        elif raw:
            n = self.g.words.numbers.get(_key(raw), 0)
        else:  # Arabic: the dual ending says two ("يومين"), else one
            n = 2 if unit_word.endswith("ين") else 1
        if not n:
            return None
        spec = f"D:{-n}" if unit == "D" else f"W:{-n}" if unit == "W" else f"{unit}:{-n}"
        return _Found(match.start(), match.end(), "ago", spec=spec, mode="past")

    def _season(self, match: re.Match[str]) -> _Found | None:
        first = self.g.words.seasons.get(match.group("season").casefold())
        if first is None:
            return None
        if match.group("y"):
            return _Found(match.start(), match.end(), "season", _partial(int(match.group("y"))))
        cue_word = (match.group("sb") or "").casefold()
        if not cue_word:
            return None
        cue = -1 if cue_word == "last" else 1 if cue_word.startswith(("next", "nächst", "el pr")) else 0
        mode: Mode = "past" if cue < 0 else "future" if cue > 0 else None
        return _Found(match.start(), match.end(), "season", spec=f"S:{first}:{cue}", mode=mode, cue=cue)


def _select(found: list[_Found], text: str) -> list[_Found]:
    """Non-overlapping expressions, the longest first; a weekday next to a date is part of it."""
    chosen: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for item in sorted(found, key=lambda f: (-f.length, f.start)):
        if any(item.start < end and start < item.end for start, end in taken):
            continue
        chosen.append(item)
        taken.append((item.start, item.end))
    chosen.sort(key=lambda f: f.start)
    for item in chosen:
        if item.end - item.start > 1 and text[item.end - 1] == ".":
            item.end -= 1  # "on 9 July." ends a sentence; "Jan. 5" keeps its dot inside the span
    dated = [f for f in chosen if f.kind in ("date", "range")]
    return [
        f
        for f in chosen
        if f.kind != "weekday"
        or not any(0 <= d.start - f.end <= 3 or 0 <= f.start - d.end <= 3 for d in dated)
    ]


def _is_stamp(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return bool(_CLOCK.search(line)) and sum(ch.isalpha() for ch in line) < _STAMP_LETTERS


def _future_clause(text: str, start: int, end: int, grammar: _Grammar) -> bool:
    if grammar.future is None:
        return False
    lo = max(0, start - 250)
    clause_start = lo
    for boundary in grammar.boundary.finditer(text, lo, start):
        clause_start = boundary.end()
    after = grammar.boundary.search(text, end, end + 250)
    clause_end = after.start() if after else min(len(text), end + 250)
    return grammar.future.search(text, clause_start, clause_end) is not None


def _anchor_kind(found: _Found) -> Literal["absolute", "relative", "weekday"]:
    if found.spec is None:
        return "absolute"
    return "weekday" if found.kind == "weekday" else "relative"


def find_times(text: str, language: str, anchor: DateEvidence | None) -> list[TemporalExpression]:
    """Every temporal expression of ``text``, in order, normalised against ``anchor`` (the article's date)."""
    grammar = _grammar(language or "und")
    finder = _Finder(text, grammar)
    ref = _reference(anchor)
    out: list[TemporalExpression] = []
    for found in _select(list(finder.candidates()), text):
        if _is_stamp(text, found.start, found.end):
            continue
        if found.spec is None and found.kind in ("date", "range") and found.value is None:
            continue  # an impossible date ("31 June 2003")
        if (
            found.spec is not None
            and found.mode is None
            and _future_clause(text, found.start, found.end, grammar)
        ):
            found.mode = "future"
        spec = found.spec
        if spec is not None and spec.startswith("WD:") and spec.endswith(":"):
            spec += ">=" if found.mode == "future" else "<="
        value, last = found.value, found.last
        if spec is not None:
            value, last = _resolve(spec, ref, found.mode)
        out.append(
            TemporalExpression(
                span=Span.of(text, found.start, found.end),
                value=value,
                end=last,
                anchor=_anchor_kind(found),
                text_kind=found.kind,
                mode=found.mode,
                relative=spec,
            )
        )
    return out


def resolve_relative(expr: TemporalExpression, anchor: DateEvidence) -> TemporalExpression:
    """``expr`` normalised again against another anchor (an absolute expression comes back unchanged)."""
    if expr.relative is None:
        return expr
    value, last = _resolve(expr.relative, _reference(anchor), expr.mode)
    return expr.model_copy(update={"value": value, "end": last})
