"""The search files of one language, computed apart from MkDocs so that the build can run it in
a second process while mkdocs-static-i18n renders the next language."""
from __future__ import annotations

import json
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from .index import build_index
from .split import split_index


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class LanguageFiles:
    manifest_json: str
    files: dict[str, str]  # name inside search/<lang>/ -> JSON text
    full_json: str | None = None  # the unsplit index, for tests and the benchmark
    new_terms: dict = field(default_factory=dict)  # cache entries the build added


def language_files(lang: str, docs: list[dict], synonyms: dict, snippet_length: int,
                   keep_full: bool, cache: dict) -> LanguageFiles:
    """docs: [{'l': url, 't': title, 'p': parent, 'body': text}] in page order."""
    known = set(cache)
    index = build_index(lang, [{"ref": str(n), "title": d["t"], "text": d["body"]} for n, d in enumerate(docs)],
                        cache)
    serialized = index.serialize()
    small_docs = [{"l": d["l"], "t": d["t"], "p": d["p"], "x": d["body"][:snippet_length]} for d in docs]
    manifest, files = split_index(serialized, small_docs)
    manifest.update({"lang": lang, "synonyms": synonyms})
    full = None
    if keep_full:
        full = _dumps({"version": 1, "lang": lang, "index": serialized, "docs": small_docs, "synonyms": synonyms})
    return LanguageFiles(_dumps(manifest), files, full, {k: v for k, v in cache.items() if k not in known})


class Background:
    """Runs language_files in one forked worker process. Fork, because the child then starts
    with lunr, nltk's stemmer and the term cache already loaded; a build without fork (or with
    `parallel: false`) computes in the MkDocs process itself."""

    def __init__(self, parallel: bool):
        self.pool = None
        if parallel and "fork" in multiprocessing.get_all_start_methods():
            self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))

    def submit(self, *args) -> Future:
        if self.pool is not None:
            return self.pool.submit(language_files, *args)
        future: Future = Future()
        future.set_result(language_files(*args))
        return future

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None
