"""A test-only component, imported by the tests and (as a config plugin) by every worker.

``test.faults`` passes articles through, except: text containing ``RAISE-HERE`` raises; ``EXIT-HERE`` ends the
worker process at once (``os._exit``, as a segfault or the OOM killer would); ``KILL-DRIVER <path>`` kills the
worker's parent (the driver) the first time, leaving ``<path>`` behind so a re-run goes through.

``test.dies_on_build`` ends the worker while it builds its pipeline, as long as deaths are left: with
``COMMUNIQUE_TEST_BUILD_DEATHS=<folder>:<n>`` in the environment, the first ``n`` builds die (each claims a marker
file in ``<folder>``, so workers building at once do not count one death twice).
"""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

from communique.config import Config
from communique.models import Article
from communique.pipeline import Component, registry


class Faults:
    def __call__(self, article: Article) -> Article:
        if "RAISE-HERE" in article.text:
            raise ValueError("injected failure")
        if "EXIT-HERE" in article.text:
            os._exit(13)
        if match := re.search(r"KILL-DRIVER (\S+)", article.text):
            marker = Path(match.group(1).rstrip("."))
            if not marker.exists():
                marker.write_text("killed once")
                os.kill(os.getppid(), signal.SIGKILL)
        return article


@registry.component("test.dies_on_build")
def make_dies_on_build(config: Config) -> Component:
    folder, deaths = os.environ["COMMUNIQUE_TEST_BUILD_DEATHS"].rsplit(":", 1)
    for i in range(int(deaths)):
        try:
            os.close(os.open(Path(folder) / f"death-{i}", os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            continue
        os._exit(14)
    return lambda article: article


@registry.component("test.faults", requires=["language"])
def make_faults(config: Config) -> Component:
    return Faults()
