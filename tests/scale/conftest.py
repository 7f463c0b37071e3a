from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
CORPUS_SLICE = 40


@pytest.fixture(scope="session")
def ray_session() -> Iterator[None]:
    """One local Ray for the whole session (starting Ray takes seconds): 2 CPUs, this folder importable."""
    ray = pytest.importorskip("ray", reason="the ray extra is not installed (pip install -e '.[scale]')")
    path = os.pathsep.join(p for p in (str(HERE), os.environ.get("PYTHONPATH", "")) if p)
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": path}},
    )
    yield
    ray.shutdown()


@pytest.fixture(scope="session")
def corpus_slice(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first articles of each language of the shared corpus, as one JSONL file."""
    lines = (shared / "corpus" / "news-10lang.jsonl").read_text("utf-8").splitlines()
    per_language: dict[str, int] = {}
    kept = []
    for line in lines:
        language = json.loads(line).get("language", "?")
        if per_language.get(language, 0) < CORPUS_SLICE // 10:
            per_language[language] = per_language.get(language, 0) + 1
            kept.append(line)
        if len(kept) >= CORPUS_SLICE:
            break
    path = tmp_path_factory.mktemp("corpus") / "slice.jsonl"
    path.write_text("\n".join(kept) + "\n", "utf-8")
    return path
