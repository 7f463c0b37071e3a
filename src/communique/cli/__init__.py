"""The ``communique`` command: a thin layer over the Python API.

Each command parses its options, opens the :class:`~communique.store.database.Store`, calls one library function
with the same argument names and renders the result; our errors become a message and exit code 1.
"""

from __future__ import annotations

from communique.cli import (  # noqa: F401  (each module registers its commands)
    articles,
    evaluate,
    inspect,
    kb,
    scale,
    serve,
    stories,
)
from communique.cli.app import app, main

__all__ = ["app", "main"]
