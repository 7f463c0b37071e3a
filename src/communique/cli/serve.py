"""``communique serve`` commands (registered on the shared app)."""

from __future__ import annotations
