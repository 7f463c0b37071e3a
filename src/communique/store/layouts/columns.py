"""The published layouts' column names, in their published order, and the type of each column.

Sources: the ICEWS Coded Event Data files on Harvard Dataverse (doi:10.7910/DVN/28075), the GDELT 2.0 Event
Database codebook (61 columns), the POLECAT weekly files on Dataverse and the PLOVER manual's JSON field table
(see ``docs/exports.md``).
"""

from __future__ import annotations

from typing import Literal

ColumnType = Literal["int", "float", "str"]

ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)


def _gdelt_actor(n: int) -> tuple[str, ...]:
    return tuple(
        f"Actor{n}{part}"
        for part in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    )


def _gdelt_geo(prefix: str) -> tuple[str, ...]:
    return tuple(
        f"{prefix}_{part}"
        for part in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    )


GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *_gdelt_actor(1),
    *_gdelt_actor(2),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *_gdelt_geo("Actor1Geo"),
    *_gdelt_geo("Actor2Geo"),
    *_gdelt_geo("ActionGeo"),
    "DATEADDED",
    "SOURCEURL",
)


def _polecat_side(side: str) -> tuple[str, ...]:
    return (
        f"{side} Name",
        f"{side} Country",
        f"{side} COW",
        f"Primary {side} Sector",
        f"{side} Sectors",
        f"{side} Title",
        f"{side} Name Raw",
        f"Wikipedia {side} ID",
    )


POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Intensity",
    "Quad Code",
    "Contexts",
    *_polecat_side("Actor"),
    *_polecat_side("Recipient"),
    "Placename",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Source",
    "Publication Date",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
)

PLOVER_REQUIRED: tuple[str, ...] = ("id", "date", "actor", "event")
PLOVER_FIELDS: tuple[str, ...] = (
    "id",
    "has_event",
    "date",
    "time",
    "enddate",
    "endtime",
    "actor",
    "recipient",
    "event",
    "event_loc",
    "event_text",
    "quad_code",
    "event_scale",
    "mode",
    "context",
    "link",
    "text",
    "text_info",
    "cite_info",
    "coder",
    "coded_date",
    "coded_time",
    "comment",
)
PLOVER_ENTITY_FIELDS: tuple[str, ...] = (
    "code",
    "sector",
    "entity_text",
    "identifier_id",
    "identifier_text",
    "religion",
    "ethnicity",
    "office",
    "gender",
    "age",
)


def _types(ints: tuple[str, ...], floats: tuple[str, ...], columns: tuple[str, ...]) -> dict[str, ColumnType]:
    unknown = (set(ints) | set(floats)) - set(columns)
    if unknown:
        raise ValueError(f"typed columns not in the layout: {sorted(unknown)}")
    return {c: "int" if c in ints else "float" if c in floats else "str" for c in columns}


_GEO_INT = tuple(f"{p}_Type" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo"))
_GEO_FLOAT = tuple(f"{p}_{x}" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo") for x in ("Lat", "Long"))

COLUMN_TYPES: dict[str, dict[str, ColumnType]] = {
    "icews": _types(("Event ID", "Sentence Number"), ("Intensity", "Latitude", "Longitude"), ICEWS_COLUMNS),
    "gdelt": _types(
        (
            "GLOBALEVENTID",
            "SQLDATE",
            "MonthYear",
            "Year",
            "IsRootEvent",
            "QuadClass",
            "NumMentions",
            "NumSources",
            "NumArticles",
            "DATEADDED",
            *_GEO_INT,
        ),
        ("FractionDate", "GoldsteinScale", "AvgTone", *_GEO_FLOAT),
        GDELT_COLUMNS,
    ),
    "polecat": _types(
        ("Quad Code", "Actor COW", "Recipient COW", "GeoNames ID"),
        ("Intensity", "Latitude", "Longitude"),
        POLECAT_COLUMNS,
    ),
}

LAYOUT_COLUMNS: dict[str, tuple[str, ...]] = {
    "icews": ICEWS_COLUMNS,
    "gdelt": GDELT_COLUMNS,
    "polecat": POLECAT_COLUMNS,
    "plover-json": PLOVER_FIELDS,
}
