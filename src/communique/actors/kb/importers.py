"""Importers from standard sources into our file formats (they write files; the KB loads those).

- Wikidata JSON dump lines (one entity per line, as in ``latest-all.json``): humans with "position held"
  (P39) statements become office-holder rows; other items become organisation entries with their labels
  and aliases per language.
- CAMEO/PETRARCH actor dictionaries: an entry is a phrase in capitals with words joined by ``_``, then
  ``+`` synonym lines and ``[CODE]`` lines, a code optionally restricted in time (``[RUSGOV 990101-040309]``,
  ``[USAELI >090120]``, ``[IRNGOV <050803]``); ``#`` starts a comment.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from communique.actors.kb.build import OFFICEHOLDER_COLUMNS
from communique.errors import KnowledgeBaseError

HUMAN = "Q5"
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Position:
    """What a Wikidata position (P39 value) means for us: "President of Iran" → head of state of IRN."""

    office: str
    organisation: str
    sector: str = "GOV"


@dataclass
class Imported:
    """Rows and entries ready to be written in our formats."""

    officeholders: list[dict[str, str]] = field(default_factory=list)
    organisations: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "source:line: why"

    def write(self, folder: Path, stem: str) -> list[Path]:
        """Write ``<stem>.tsv`` and/or ``<stem>.yaml`` into a KB folder; returns the files written."""
        folder.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        if self.officeholders:
            path = folder / f"{stem}.tsv"
            lines = ["\t".join(OFFICEHOLDER_COLUMNS)]
            lines += [
                "\t".join(row.get(column, "") for column in OFFICEHOLDER_COLUMNS)
                for row in self.officeholders
            ]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            written.append(path)
        if self.organisations:
            path = folder / f"{stem}.yaml"
            text = yaml.safe_dump({"organisations": self.organisations}, allow_unicode=True, sort_keys=False)
            path.write_text(text, encoding="utf-8")
            written.append(path)
        return written


def slug(name: str) -> str:
    """A person id from a name: "Mohammad Khatami" → "mohammad-khatami"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_name.lower()).strip("-")


# -- Wikidata ----------------------------------------------------------------------------------------


def import_wikidata(
    lines: Iterable[str],
    positions: Mapping[str, Position],
    *,
    languages: Iterable[str] = ("en", "fr", "es", "ar", "ru", "de", "fa", "tr", "zh", "pt"),
    source: str = "wikidata",
) -> Imported:
    """Convert dump lines. ``positions`` maps the P39 values we care about to an office; others are skipped.

    Non-human items become organisation entries (id: the English acronym alias if one exists, otherwise the
    QID) with no CAMEO code: validation then asks for one, on purpose.
    """
    wanted = tuple(languages)
    out = Imported()
    for number, raw in enumerate(lines, 1):
        text = raw.strip().rstrip(",")
        if text in ("", "[", "]"):  # the dump is one JSON array, one entity per line
            continue
        where = f"{source}:{number}"
        try:
            entity = json.loads(text)
        except json.JSONDecodeError as exc:
            raise KnowledgeBaseError(where, f"not a JSON entity: {exc.msg}") from exc
        if not isinstance(entity, dict) or not str(entity.get("id", "")).startswith("Q"):
            out.skipped.append(f"{where}: not an item")
            continue
        if HUMAN in _item_values(entity, "P31"):
            rows = _officeholder_rows(entity, positions, wanted)
            if not rows:
                out.skipped.append(f"{where}: {entity['id']} holds no mapped position")
            out.officeholders.extend(rows)
        else:
            out.organisations.append(_organisation_entry(entity, wanted))
    return out


def _label(entity: Mapping[str, Any], language: str) -> str | None:
    value = entity.get("labels", {}).get(language)
    return str(value["value"]) if isinstance(value, dict) and value.get("value") else None


def _aliases(entity: Mapping[str, Any], language: str) -> list[str]:
    return [str(item["value"]) for item in entity.get("aliases", {}).get(language, []) if item.get("value")]


def _item_values(entity: Mapping[str, Any], prop: str) -> list[str]:
    values: list[str] = []
    for claim in entity.get("claims", {}).get(prop, []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and "id" in value:
            values.append(str(value["id"]))
    return values


def _qualifier_date(claim: Mapping[str, Any], prop: str) -> str:
    """A time qualifier as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` following its precision (9, 10, 11)."""
    for snak in claim.get("qualifiers", {}).get(prop, []):
        value = snak.get("datavalue", {}).get("value")
        if not isinstance(value, dict) or "time" not in value:
            continue
        match = re.match(r"^\+?(\d{4})-(\d{2})-(\d{2})", str(value["time"]))
        if match is None:
            continue
        precision = int(value.get("precision", 11))
        parts = match.groups()[: 1 if precision <= 9 else 2 if precision == 10 else 3]
        return "-".join(parts)
    return ""


def _officeholder_rows(
    entity: Mapping[str, Any], positions: Mapping[str, Position], languages: tuple[str, ...]
) -> list[dict[str, str]]:
    name = _label(entity, "en") or next(filter(None, (_label(entity, lang) for lang in languages)), None)
    if name is None:
        return []
    names = [label for lang in languages if (label := _label(entity, lang))]
    names += [alias for lang in languages for alias in _aliases(entity, lang)]
    aliases = [
        alias for alias in dict.fromkeys(names) if alias != name and "|" not in alias and "\t" not in alias
    ]
    rows = []
    for claim in entity.get("claims", {}).get("P39", []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        position = positions.get(value.get("id", "")) if isinstance(value, dict) else None
        if position is None:
            continue
        rows.append(
            {
                "person_id": slug(name),
                "name": name,
                "aliases": "|".join(aliases),
                "wikidata": str(entity["id"]),
                "office": position.office,
                "organisation": position.organisation,
                "sector": position.sector,
                "start": _qualifier_date(claim, "P580"),
                "end": _qualifier_date(claim, "P582"),
            }
        )
    return rows


def _organisation_entry(entity: Mapping[str, Any], languages: tuple[str, ...]) -> dict[str, Any]:
    qid = str(entity["id"])
    english = _label(entity, "en") or qid
    acronyms = [alias for alias in _aliases(entity, "en") if re.fullmatch(r"[A-Z][A-Z0-9&-]{1,9}", alias)]
    aliases: dict[str, list[str]] = {}
    for lang in languages:
        names = [n for n in [_label(entity, lang), *_aliases(entity, lang)] if n]
        if names:
            aliases[lang] = list(dict.fromkeys(names))
    entry: dict[str, Any] = {"id": acronyms[0] if acronyms else qid, "name": english, "wikidata": qid}
    if aliases:
        entry["aliases"] = aliases
    return entry


# -- CAMEO / PETRARCH actor dictionaries -------------------------------------------------------------


@dataclass
class _Entry:
    phrase: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    codes: list[tuple[str, str, str]] = field(default_factory=list)  # (code, start, end)


_CODE = re.compile(r"\[([^\]\s]+)(?:\s+([^\]]*))?\]")


def import_petrarch(
    lines: Iterable[str],
    *,
    countries: Iterable[str] | None = None,
    century_pivot: int = 50,
    source: str = "actors.txt",
) -> Imported:
    """Convert an actor dictionary into office-holder rows.

    A code ``RUSGOV`` splits into organisation ``RUS`` and sector ``GOV`` (``IGOUNO``-style codes go to the
    organisation ``IGO``…: map them afterwards). Six-digit dates are ``YYMMDD``; years below
    ``century_pivot`` are 20xx. Each dated code becomes one term with office ``official`` (the dictionary
    does not say which office); an undated code becomes a term without dates.
    """
    known = set(countries) if countries is not None else None
    out = Imported()
    for entry in _petrarch_entries(lines, source):
        name = _phrase(entry.phrase)
        for code, start, end in entry.codes:
            organisation, sector = code[:3], code[3:6] or "GOV"
            if known is not None and organisation not in known:
                out.skipped.append(f"{source}:{entry.line}: {code} is not a country code")
                continue
            out.officeholders.append(
                {
                    "person_id": slug(name),
                    "name": name,
                    "aliases": "|".join(_phrase(s) for s in entry.synonyms),
                    "wikidata": "",
                    "office": "official",
                    "organisation": organisation,
                    "sector": sector,
                    "start": _petrarch_date(start, century_pivot, f"{source}:{entry.line}"),
                    "end": _petrarch_date(end, century_pivot, f"{source}:{entry.line}"),
                }
            )
        if not entry.codes:
            out.skipped.append(f"{source}:{entry.line}: {entry.phrase} has no code")
    return out


def _petrarch_entries(lines: Iterable[str], source: str) -> list[_Entry]:
    entries: list[_Entry] = []
    for number, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<!"):
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            if not entries:
                raise KnowledgeBaseError(f"{source}:{number}", "a synonym (+) before any actor")
            entries[-1].synonyms.append(stripped[1:].split("[", 1)[0].strip())
            continue
        head = stripped.split("[", 1)[0].strip()
        if head:
            entries.append(_Entry(phrase=head, line=number))
        elif not entries:
            raise KnowledgeBaseError(f"{source}:{number}", "a code before any actor")
        for code, restriction in _CODE.findall(stripped):
            entries[-1].codes.append((code, *_restriction(restriction or "", f"{source}:{number}")))
    return entries


def _restriction(text: str, where: str) -> tuple[str, str]:
    text = text.strip()
    if not text:
        return "", ""
    if text.startswith(">"):
        return text[1:].strip(), ""
    if text.startswith("<"):
        return "", text[1:].strip()
    if "-" in text:
        start, end = text.split("-", 1)
        return start.strip(), end.strip()
    raise KnowledgeBaseError(where, f"unreadable date restriction {text!r}")


def _petrarch_date(text: str, pivot: int, where: str) -> str:
    if not text:
        return ""
    if not text.isdigit() or len(text) not in (6, 8):
        raise KnowledgeBaseError(where, f"a date is YYMMDD or YYYYMMDD, not {text!r}")
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year < pivot else 1900 + year}{text[2:]}"
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
    except ValueError as exc:
        raise KnowledgeBaseError(where, f"impossible date {text!r}") from exc


def _phrase(text: str) -> str:
    """``IGOR_IVANOV_`` → ``Igor Ivanov``."""
    words = [word for word in text.replace("_", " ").split() if word]
    return " ".join(word if len(word) <= 1 else word[0] + word[1:].lower() for word in words)
