"""Rendering records as a terminal table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from communique.models import Article


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def article_rows(
    articles: Sequence[Article], fmt: OutputFormat, *, with_text: bool = False
) -> list[dict[str, Any]]:
    """One row per article; nested (JSON) or flat (table, CSV)."""
    rows = []
    for a in articles:
        published = a.published
        dateline = a.dateline
        if fmt is OutputFormat.json:
            row: dict[str, Any] = {
                "id": a.id,
                "source": a.source,
                "format": a.format,
                "language": a.language,
                "language_confidence": round(a.language_confidence, 3),
                "title": a.title,
                "url": a.url,
                "outlet": a.outlet,
                "published": published.model_dump(mode="json", exclude={"date"})
                | {"date": published.date.iso, "precision": published.precision}
                if published
                else None,
                "dateline": {"place": dateline.place, "outlet": dateline.outlet, "text": dateline.span.text}
                if dateline
                else None,
                "duplicate_of": a.duplicate_of,
                "duplicate_kind": a.duplicate_kind,
                "warnings": a.warnings,
                "n_chars": len(a.text),
            }
        else:
            row = {
                "id": a.id,
                "source": Path(a.source.split("#")[0]).name
                + ("#" + a.source.split("#", 1)[1] if "#" in a.source else ""),
                "language": a.language,
                "published": published.date.iso if published else None,
                "precision": published.precision if published else None,
                "provenance": published.provenance.value if published else None,
                "dateline": dateline.place if dateline else None,
                "outlet": a.outlet,
                "duplicate_of": a.duplicate_of,
                "title": _shorten(a.title or a.text, 60),
            }
        if with_text:
            row["text"] = a.text
        rows.append(row)
    return rows


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render(rows: Sequence[dict[str, Any]], fmt: OutputFormat) -> None:
    if fmt is OutputFormat.json:
        json.dump(list(rows), sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    elif fmt is OutputFormat.csv:
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        table = Table(show_lines=False)
        for column in rows[0] if rows else ["(no rows)"]:
            table.add_column(column, overflow="fold", no_wrap=column != "title")
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row.values()))
        console = Console()
        if not console.is_terminal:  # a pipe or a log: don't squeeze the table into 80 columns
            console = Console(width=200)
        console.print(table)
