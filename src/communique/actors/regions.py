"""First-level subdivisions of states (ISO 3166-2, from ``pycountry``), and the regions ISO's names miss
(``data/regions.yaml``), as country cues.

A province, state or department names the state it belongs to: "in Sindh province" is in Pakistan, "ANTIOQUIA" in
Colombia, "California" in the United States. The resolver matches these names like any other and makes them place
mentions coded with their state (method ``region``), so a group of no known state in the same sentence takes that
state (:func:`communique.actors.resolver._sentence_countries`). No coordinates come with them: they are cues, not
places for the gazetteer.

A name is left out when it would mislead more often than it helps: shared by subdivisions of several states
("Punjab", "Amazonas", "Córdoba"), shorter than five letters ("Meta" is also a company), or made only of compass and generic words ("Centre",
"North East", "Est"). Names the knowledge base knows (a state, a capital: "Georgia", "Madrid") are left to it by
the resolver.
"""

from __future__ import annotations

import functools
import re

import pycountry
import yaml

from communique.actors.kb import DATA_DIR
from communique.actors.matcher import fold

__all__ = ["curated_regions", "region_states"]

_GENERIC = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "centre",
        "center",
        "centrale",
        "nord",
        "sud",
        "est",
        "ouest",
        "norte",
        "sur",
        "este",
        "oeste",
        "upper",
        "lower",
        "haute",
        "basse",
        "coast",
        "coastal",
        "littoral",
        "plateau",
        "capital",
        "region",
        "province",
        "district",
        "islands",
        "island",
        "city",
        "the",
        "of",
        "and",
        "de",
        "la",
        "le",
        "el",
        "del",
        "des",
        "du",
        "al",
    ]
)
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*")  # "Sofia (stolitsa)", "Guyane (française)"


def _names(name: str) -> list[str]:
    """A registry name's usable forms: "Madrid, Comunidad de" → Madrid; "A / B" → A and B."""
    out = []
    for part in name.split(" / "):
        part = _QUALIFIER.sub(" ", part).split(",")[0].strip()
        words = re.findall(r"[^\W\d_]+", part.casefold())
        if len(part) >= 5 and words and not all(w in _GENERIC for w in words):
            out.append(part)
    return out


@functools.cache
def region_states() -> dict[str, str]:
    """First-level subdivision name → its state's ISO alpha-3 code, for names of one state only."""
    states: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None:
            continue
        country = pycountry.countries.get(alpha_2=subdivision.country_code)
        if country is None:
            continue
        for name in _names(subdivision.name):
            states.setdefault(name, set()).add(country.alpha_3)
    # one name as the matcher sees it, case and accents aside: "Huila" (Colombia) is also "Huíla" (Angola)
    folded: dict[str, set[str]] = {}
    for name, codes in states.items():
        folded.setdefault(fold(name), set()).update(codes)
    regions = {name: next(iter(codes)) for name, codes in states.items() if len(folded[fold(name)]) == 1}
    return regions | curated_regions()


@functools.cache
def curated_regions() -> dict[str, str]:
    """The regions ISO's names miss ("Chechnya", "Darfur", "التبت"), from ``data/regions.yaml``: name → state."""
    listed = yaml.safe_load((DATA_DIR / "regions.yaml").read_text(encoding="utf-8"))
    return {str(name): str(state) for state, names in listed.items() for name in names}
