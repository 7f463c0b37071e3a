"""Small conversions shared by the layouts: ids, CAMEO names and quad classes, sector names, dates."""

from __future__ import annotations

import datetime as dt
import hashlib

from communique.events import ontology

# Our sector codes (``actors/data/roles.yaml``) as words, for the layouts that name sectors.
SECTOR_NAMES: dict[str, str] = {
    "GOV": "Government",
    "MIL": "Military",
    "COP": "Police",
    "SPY": "Intelligence",
    "JUD": "Judicial",
    "LEG": "Legislative",
    "REB": "Rebels",
    "OPP": "Opposition",
    "PTY": "Political Party",
    "CVL": "Civilian",
    "MED": "Media",
    "BUS": "Business",
    "REL": "Religious",
    "EDU": "Education",
    "LAB": "Labor",
    "REF": "Refugees",
    "HLH": "Health",
    "ELI": "Elite",
    "CRM": "Criminal",
    "UAF": "Unidentified Armed Forces",
    "IGO": "International Government Organization",
    "NGO": "Non-Governmental Organization",
}

# PLOVER's numeric quad categories by event type (the manual's "Quad categories in PLOVER" table; REQUEST is
# POLECAT's name for the manual's DEMAND).
PLOVER_QUAD: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}

_UNSPECIFIED = ", not specified below"


def numeric_id(event_id: str) -> int:
    """A stable non-negative 60-bit integer for an event id: its first 15 hex digits when it is hexadecimal
    (our ids are), else the first 60 bits of its BLAKE2b hash."""
    head = event_id[:15]
    if len(head) == 15 and all(c in "0123456789abcdefABCDEF" for c in head):
        return int(head, 16)
    return int.from_bytes(hashlib.blake2b(event_id.encode(), digest_size=8).digest(), "big") >> 4


def cameo_name(code: str | None) -> str | None:
    """The CAMEO name of a code without its ", not specified below" ("040" -> "Consult")."""
    if not code:
        return None
    try:
        name = ontology.cameo(code).name
    except KeyError:
        return None
    return name.removesuffix(_UNSPECIFIED)


def gdelt_quad(cameo: str | None) -> int | None:
    """GDELT's QuadClass of a CAMEO code: 1 verbal cooperation (roots 01-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    if not cameo or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    if 1 <= root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    if root <= 20:
        return 4
    return None


def sector_name(sector: str | None) -> str | None:
    return SECTOR_NAMES.get(sector, sector) if sector else None


def iso_date(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def gdelt_fraction(day: dt.date) -> float:
    """GDELT's FractionDate: YYYY + (MONTH * 30 + DAY) / 365, to four places."""
    return round(day.year + (day.month * 30 + day.day) / 365, 4)
