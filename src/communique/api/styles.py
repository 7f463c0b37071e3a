"""The evidence colours of the terminal (``EVIDENCE_STYLES``) as CSS, so both show the same colours."""

from __future__ import annotations

from rich.color import Color
from rich.style import Style
from rich.terminal_theme import DEFAULT_TERMINAL_THEME

from communique.cli.inspect import EVIDENCE_STYLES


def _css_color(color: Color | None, *, foreground: bool) -> str | None:
    if color is None:
        return None
    if color.name in ("white", "bright_white"):
        return "#ffffff"
    return color.get_truecolor(DEFAULT_TERMINAL_THEME, foreground=foreground).hex


def evidence_css() -> str:
    """``.ev-trigger``, ``.ev-source``… and ``--ev-trigger``… custom properties, one per evidence field."""
    rules, variables = [], []
    for field, text in EVIDENCE_STYLES.items():
        style = Style.parse(text)
        declarations = []
        background = _css_color(style.bgcolor, foreground=False)
        foreground = _css_color(style.color, foreground=True)
        if background:
            declarations.append(f"background-color: {background}")
            variables.append(f"--ev-{field}: {background};")
        if foreground:
            declarations.append(f"color: {foreground}")
        if style.bold:
            declarations.append("font-weight: bold")
        if style.italic:
            declarations.append("font-style: italic")
        rules.append(f".ev-{field} {{ {'; '.join(declarations)} }}")
    return ":root { " + " ".join(variables) + " }\n" + "\n".join(rules) + "\n"
