"""The event ontology: CAMEO 1.1b3 codes (name, Goldstein score, quad class, PLOVER type and mode) and the PLOVER
types (definition, modes, default CAMEO code, intensity) and contexts.

The tables live in ``events/data/cameo.tsv`` and ``events/data/plover.yaml`` and are read once per process.
How they were derived is in ``docs/lexicons.md``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from communique.errors import ConfigError

__all__ = [
    "STATEMENT",
    "CameoCode",
    "PloverType",
    "auxiliary_modes",
    "cameo",
    "cameo_codes",
    "contexts",
    "goldstein",
    "plover_intensity",
    "plover_types",
    "quad_class",
    "quad_for_root",
]

STATEMENT = "STATEMENT"
"""Pseudo-type of speech verbs in the trigger lexicons: a statement, not an event by itself (CAMEO 01)."""

_PACKAGE = "communique.events"


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class PloverType:
    name: str
    definition: str
    modes: tuple[str, ...]
    default_cameo: str
    intensity: float
    mode_intensity: tuple[tuple[str, float], ...] = ()


def quad_for_root(root: str) -> int:
    """Phoenix quad class of a CAMEO root: 0 neutral, 1 verbal coop., 2 material coop., 3 verbal conflict,
    4 material conflict."""
    r = int(root[:2])
    if not 1 <= r <= 20:
        raise ValueError(f"not a CAMEO root: {root!r}")
    if r <= 2:
        return 0
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13 or r == 16:
        return 3
    return 4


def _read_text(name: str) -> str:
    return resources.files(_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")


@cache
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO code of the table, by code."""
    out: dict[str, CameoCode] = {}
    reader = csv.DictReader(_read_text("cameo.tsv").splitlines(), delimiter="\t")
    for n, row in enumerate(reader, start=2):
        try:
            code = row["code"].strip()
            if not code.isdigit() or len(code) not in (2, 3, 4):
                raise ValueError(f"bad code {code!r}")
            out[code] = CameoCode(
                code=code,
                name=row["name"].strip(),
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
                plover_type=row["plover_type"].strip() or None,
                plover_mode=row["plover_mode"].strip() or None,
            )
        except (KeyError, ValueError, AttributeError) as exc:
            raise ConfigError(f"cameo.tsv:{n}: {exc}") from exc
    return out


def cameo(code: str) -> CameoCode:
    """The entry of a CAMEO code, or of its longest known prefix ("0431" -> "043" -> "04"); KeyError if none."""
    codes = cameo_codes()
    c = code.strip()
    while len(c) >= 2:
        hit = codes.get(c)
        if hit is not None:
            return hit
        c = c[:-1]
    raise KeyError(code)


def goldstein(code: str) -> float:
    return cameo(code).goldstein


def quad_class(code: str) -> int:
    return cameo(code).quad_class


@cache
def _plover_doc() -> dict[str, Any]:
    doc = yaml.safe_load(_read_text("plover.yaml"))
    if not isinstance(doc, dict) or not isinstance(doc.get("types"), dict):
        raise ConfigError("plover.yaml: expected a mapping with `types`")
    return doc


@cache
def plover_types() -> dict[str, PloverType]:
    """The 16 PLOVER types, by name."""
    out: dict[str, PloverType] = {}
    for name, spec in _plover_doc()["types"].items():
        try:
            mi = spec.get("mode_intensity") or {}
            out[name] = PloverType(
                name=name,
                definition=str(spec["definition"]),
                modes=tuple(str(m) for m in spec.get("modes") or ()),
                default_cameo=str(spec["default_cameo"]),
                intensity=float(spec["intensity"]),
                mode_intensity=tuple((str(k), float(v)) for k, v in mi.items()),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"plover.yaml:{name}: {exc}") from exc
    return out


def auxiliary_modes() -> tuple[str, ...]:
    """Modes any type may carry (historical, future, hypothetical, negation, intend)."""
    return tuple(str(m) for m in _plover_doc().get("auxiliary_modes") or ())


def contexts() -> tuple[str, ...]:
    """The PLOVER contexts."""
    return tuple(str(c) for c in _plover_doc().get("contexts") or ())


def plover_intensity(type_: str, mode: str | None = None) -> float:
    """Intensity (-10..+10) of a PLOVER type, refined by mode where the table has one; KeyError for an
    unknown type. STATEMENT has intensity 0."""
    if type_ == STATEMENT:
        return 0.0
    pt = plover_types()[type_]
    if mode is not None:
        for m, v in pt.mode_intensity:
            if m == mode:
                return v
    return pt.intensity
