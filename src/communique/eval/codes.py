"""When a predicted actor code counts as the gold one.

Codes are ``COUNTRY[.SECTOR[.MORE]]`` (``IRN``, ``IRN.GOV``, ``IGO.OIC``), and ``---.SEC`` in gold means "sector
known, country unknown". The rules (docs/evaluation.md):

* an empty gold code is a wildcard;
* equal codes agree (case-insensitively);
* a gold code agrees with ours when ours extends it: gold ``USA`` (the state or its people, sector unknown)
  accepts ``USA.GOV``; gold ``USA.GOV`` accepts ``USA.GOV.DIP``;
* gold ``---.SEC`` accepts any code whose sector is ``SEC`` (``COL.REB`` for ``---.REB``);
* the converse is *not* agreement: ours ``USA`` against gold ``USA.GOV`` misses, because the sector is what
  tells the government from its opposition, rebels or people.
"""

from __future__ import annotations

__all__ = ["SYMMETRIC_TYPES", "codes_agree", "country_of", "place_codes_agree"]

SYMMETRIC_TYPES = frozenset({"CONSULT"})
"""Event types whose source and target may be given in either order (meetings, talks, visits, mediation).

AGREE and COOPERATE are not here: in the gold files they are nearly all directed (a commitment to a
target: "APEC agreed to set up a centre in Tokyo", "the EC agreed aid for Romania"); a joint "X and Y agreed"
is better predicted as a multilateral event, which matches in any order (see ``matching``).
"""

UNKNOWN_COUNTRY = "---"


def _parts(code: str) -> list[str]:
    return [part for part in code.strip().upper().split(".") if part]


def codes_agree(gold: str | None, ours: str | None) -> bool:
    """Whether our code ``ours`` counts as the gold code ``gold`` (see the module's rules)."""
    if not gold or not gold.strip():
        return True
    if not ours or not ours.strip():
        return False
    want, have = _parts(gold), _parts(ours)
    if not want:
        return True
    if want[0] == UNKNOWN_COUNTRY:
        sector = want[1:]
        return not sector or have[1 : 1 + len(sector)] == sector
    return have[: len(want)] == want


def country_of(code: str | None) -> str | None:
    """The country (or ``IGO``) part of a code; None for an empty code or an unknown country."""
    if not code:
        return None
    parts = _parts(code)
    if not parts or parts[0] == UNKNOWN_COUNTRY:
        return None
    return parts[0]


def place_codes_agree(gold: str, ours: str | None) -> bool:
    """A place is coded by its country: ``Kremlin`` gold ``RUS.GOV`` accepts any ``RUS`` code."""
    country = country_of(gold)
    return country is not None and country == country_of(ours)
