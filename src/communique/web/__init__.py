"""The dashboard: static HTML, CSS and JavaScript written for Communiqué, served by the API's app at ``/``.

No third-party files and no CDN: charts, the network and the map are SVG drawn by ``static/*.js``.
"""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"

__all__ = ["STATIC_DIR"]
