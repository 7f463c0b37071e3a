"""Reading KB files: YAML with line numbers, dates, and errors that name ``file:line``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import yaml

from communique.errors import KnowledgeBaseError

LINE = "__line__"
_QID = re.compile(r"^Q[1-9]\d*$")


# libyaml's parser when PyYAML was built with it: several times faster on the shipped files.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):  # type: ignore[misc,valid-type]
    """A safe loader that records, in every mapping, the line it starts on (1-based)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        # YAML lets a repeated key silently replace the first: in a KB that loses an entry.
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice in one mapping", key_node.start_mark
                )
            seen.add(key)
        mapping: dict[Hashable, Any] = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


# YAML 1.1 reads an unquoted 2011-06-28 as a date and "no"/"NO" (Norway!) as False; keep both as written.
for _first, _resolvers in list(_LineLoader.yaml_implicit_resolvers.items()):
    _LineLoader.yaml_implicit_resolvers[_first] = [
        (tag, regexp)
        for tag, regexp in _resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]


def read_yaml(path: Path) -> dict[str, Any]:
    """The top-level mapping of a YAML file; every nested mapping carries its line under ``__line__``."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise KnowledgeBaseError(f"{path.name}:{line}", str(exc.problem)) from exc
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(path.name, f"cannot read: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"{path.name}:1", "the file must hold a mapping at the top level")
    return data


def where(path: Path | str, entry: Mapping[Any, Any] | None) -> str:
    """``file:line`` of a mapping read by :func:`read_yaml`."""
    name = path.name if isinstance(path, Path) else path
    line = entry.get(LINE) if entry is not None else None
    return f"{name}:{line}" if line else name


def parse_date(value: object, source: str, *, end: bool = False) -> dt.date | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; a partial end date means the last day of its month or year."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if match is None:
        raise KnowledgeBaseError(source, f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    year = int(match.group(1))
    month, day = (int(part) if part else None for part in match.groups()[1:])
    try:
        if month is None:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if day is None:
            if not end:
                return dt.date(year, month, 1)
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(year, month, day)
    except ValueError as exc:
        raise KnowledgeBaseError(source, f"impossible date {text!r}: {exc}") from exc


def check_qid(value: object, source: str) -> str | None:
    """A Wikidata id ``Q123``, or None when empty."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not _QID.match(text):
        raise KnowledgeBaseError(source, f"not a Wikidata id (Q followed by digits): {text!r}")
    return text


def names_by_language(value: object, source: str) -> dict[str, list[str]]:
    """``{lang: [names]}`` from a mapping whose values are a name or a list of names."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise KnowledgeBaseError(source, "expected a mapping of language to names")
    out: dict[str, list[str]] = {}
    for language, names in value.items():
        if language == LINE:
            continue
        listed = [names] if isinstance(names, str) else names
        if not isinstance(listed, list) or not all(isinstance(name, str) and name.strip() for name in listed):
            raise KnowledgeBaseError(source, f"names for {language!r} must be non-empty strings")
        out[str(language)] = [name.strip() for name in listed]
    return out
