"""One row per event in the ICEWS, GDELT 2.0 and POLECAT layouts (published column names and order)."""

from __future__ import annotations

from typing import Any

from communique.about import __version__
from communique.models import Place
from communique.store.layouts import codes, geo
from communique.store.layouts.columns import GDELT_COLUMNS, ICEWS_COLUMNS, POLECAT_COLUMNS
from communique.store.layouts.context import ActorView, EventRow, ExportContext

Row = dict[str, Any]
_MULTI = ";"  # between the values of POLECAT's multi-valued columns
_GDELT_GEO_TYPE = {"country": 1, "us_state": 2, "city": 4}  # 3: a US city; 5: a non-US ADM1 region


def _place_columns(context: ExportContext, place: Place | None) -> tuple[str | None, str | None]:
    """(city, country name) of an event's place."""
    if place is None:
        return None, None
    kind = geo.place_kind(place)
    return (place.name if kind == "city" else None), context.country_name(place.country)


def icews_row(context: ExportContext, item: EventRow) -> Row:
    event, article = item.event, item.article
    source, target = context.view(event.source, item.date), context.view(event.target, item.date)
    city, country = _place_columns(context, event.place)
    place = event.place
    values: Row = {
        "Event ID": codes.numeric_id(event.id),
        "Event Date": codes.iso_date(item.date),
        "Source Name": source.name if source else None,
        "Source Sectors": codes.sector_name(source.sector) if source else None,
        "Source Country": context.country_name(source.country) if source else None,
        "Event Text": codes.cameo_name(event.cameo),
        "CAMEO Code": event.cameo,
        "Intensity": event.goldstein,
        "Target Name": target.name if target else None,
        "Target Sectors": codes.sector_name(target.sector) if target else None,
        "Target Country": context.country_name(target.country) if target else None,
        "Story ID": article.id,
        "Sentence Number": event.sentence + 1,
        "Publisher": article.outlet,
        "City": city,
        "District": None,
        "Province": None,
        "Country": country,
        "Latitude": place.latitude if place else None,
        "Longitude": place.longitude if place else None,
    }
    return {column: values[column] for column in ICEWS_COLUMNS}


def _gdelt_actor(n: int, view: ActorView | None) -> Row:
    prefix = f"Actor{n}"
    return {
        f"{prefix}Code": view.cameo if view else None,
        f"{prefix}Name": view.name.upper() if view and view.name else None,
        f"{prefix}CountryCode": view.country if view else None,
        f"{prefix}KnownGroupCode": view.group if view else None,
        f"{prefix}EthnicCode": None,
        f"{prefix}Religion1Code": None,
        f"{prefix}Religion2Code": None,
        f"{prefix}Type1Code": view.sector if view else None,
        f"{prefix}Type2Code": None,
        f"{prefix}Type3Code": None,
    }


def _gdelt_geo(prefix: str, context: ExportContext, place: Place | None) -> Row:
    columns = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    empty = {f"{prefix}_{part}": None for part in columns}
    if place is None:
        return empty
    kind = geo.place_kind(place)
    geo_type = _GDELT_GEO_TYPE.get(kind) if kind else None
    if geo_type == 4 and place.country == "USA":
        geo_type = 3
    country = geo.country(place.country)
    country_name = context.country_name(place.country)
    full = place.name if kind == "country" or not country_name else f"{place.name}, {country_name}"
    return {
        **empty,
        f"{prefix}_Type": geo_type,
        f"{prefix}_FullName": full,
        f"{prefix}_CountryCode": (country.fips or None) if country else None,
        f"{prefix}_Lat": place.latitude,
        f"{prefix}_Long": place.longitude,
    }


def gdelt_row(context: ExportContext, item: EventRow) -> Row:
    event, article, day = item.event, item.article, item.date
    source, target = context.view(event.source, day), context.view(event.target, day)
    cameo = event.cameo
    lead = event.trigger.start < article.lead_end
    added = article.ingested_at
    values: Row = {
        "GLOBALEVENTID": codes.numeric_id(event.id),
        "SQLDATE": int(day.strftime("%Y%m%d")) if day else None,
        "MonthYear": int(day.strftime("%Y%m")) if day else None,
        "Year": day.year if day else None,
        "FractionDate": codes.gdelt_fraction(day) if day else None,
        **_gdelt_actor(1, source),
        **_gdelt_actor(2, target),
        "IsRootEvent": int(lead),
        "EventCode": cameo,
        "EventBaseCode": cameo[:3] if cameo else None,
        "EventRootCode": cameo[:2] if cameo else None,
        "QuadClass": codes.gdelt_quad(cameo),
        "GoldsteinScale": event.goldstein,
        "NumMentions": item.mentions,
        "NumSources": item.sources,
        "NumArticles": item.articles,
        "AvgTone": None,
        **_gdelt_geo("Actor1Geo", context, None),
        **_gdelt_geo("Actor2Geo", context, None),
        **_gdelt_geo("ActionGeo", context, event.place),
        "DATEADDED": int(added.strftime("%Y%m%d%H%M%S")) if added else None,
        "SOURCEURL": article.url or article.source,
    }
    return {column: values[column] for column in GDELT_COLUMNS}


def _polecat_side(side: str, context: ExportContext, view: ActorView | None) -> Row:
    sector = codes.sector_name(view.sector) if view else None
    return {
        f"{side} Name": view.name if view else None,
        f"{side} Country": view.country if view else None,
        f"{side} COW": None,
        f"Primary {side} Sector": sector,
        f"{side} Sectors": sector,
        f"{side} Title": view.office if view else None,
        f"{side} Name Raw": view.text if view else None,
        f"Wikipedia {side} ID": view.wikidata if view else None,
    }


def polecat_row(context: ExportContext, item: EventRow) -> Row:
    event, article, day = item.event, item.article, item.date
    place = event.place
    city, country = _place_columns(context, place)
    story = context.story_entities(article.id)
    values: Row = {
        "Event ID": event.id,
        "Event Date": codes.iso_date(day),
        "Event Type": event.type,
        "Event Mode": event.mode,
        "Intensity": event.intensity,
        "Quad Code": codes.PLOVER_QUAD.get(event.type),
        "Contexts": _MULTI.join(event.context) or None,
        **_polecat_side("Actor", context, context.view(event.source, day)),
        **_polecat_side("Recipient", context, context.view(event.target, day)),
        "Placename": place.name if place else None,
        "City": city,
        "District": None,
        "Province": None,
        "Country": country,
        "Latitude": place.latitude if place else None,
        "Longitude": place.longitude if place else None,
        "GeoNames ID": place.geonames_id if place else None,
        "Raw Placename": place.span.text if place and place.span else None,
        "Feature Type": None,
        "Source": article.outlet,
        "Publication Date": codes.iso_date(article.published),
        "Story People": _MULTI.join(story.people) or None,
        "Story Organizations": _MULTI.join(story.organisations) or None,
        "Story Locations": _MULTI.join(story.locations) or None,
        "Language": article.language,
        "Version": f"communique-{__version__}",
    }
    return {column: values[column] for column in POLECAT_COLUMNS}
