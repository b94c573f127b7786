"""The search files of one language, computed apart from MkDocs so that the build can run it in
a second process while mkdocs-static-i18n renders the next language."""
from __future__ import annotations

import json
import os
import pickle
import tempfile
import weakref
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .index import build_index
from .split import split_index
from .text import sections


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class LanguageFiles:
    manifest_json: str
    files: dict[str, str]  # name inside search/<lang>/ -> JSON text
    full_json: str | None = None  # the unsplit index, for tests and the benchmark
    new_terms: dict = field(default_factory=dict)  # cache entries the build added


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


class PageSpool:
    """The rendered pages of one language in a temporary file, one pickled record per page,
    for the index process to read one at a time. A list of pages would travel as one pickled
    message of all their HTML (about 70 MiB per language at 2,000 pages), held whole by the
    build and by the index process at once. Read once: the file goes when it has been read,
    or when this object goes without being read (a cancelled build)."""

    def __init__(self, pages: Iterable[tuple]):
        fd, self.path = tempfile.mkstemp(prefix="kb-search-", suffix=".pages")
        self._remove = weakref.finalize(self, _unlink, self.path)
        with os.fdopen(fd, "wb") as out:
            for page in pages:
                pickle.dump(page, out, protocol=pickle.HIGHEST_PROTOCOL)

    def __getstate__(self):
        return {"path": self.path}  # the copy in the index process removes the file itself

    def __setstate__(self, state):
        self.path, self._remove = state["path"], None

    def __iter__(self) -> Iterator[tuple]:
        try:
            with open(self.path, "rb") as spool:
                while True:
                    try:
                        yield pickle.load(spool)
                    except EOFError:
                        return
        finally:
            _unlink(self.path)


def documents(pages: Iterable[tuple], levels) -> list[dict]:
    """One document per page intro and per section: [{'l': url, 't': title, 'p': index of its
    page's document or -1, 'body': text}], in page order. pages: [(url, title, html[, boost])];
    a page's boost (front matter search.boost) weighs all its documents."""
    docs: list[dict] = []
    for url, title, html, *rest in pages:
        boost = rest[0] if rest else 1.0
        parent = len(docs)
        for section in sections(html, levels):
            if section["id"]:
                docs.append({"l": f"{url}#{section['id']}", "t": section["title"], "p": parent, "body": section["text"]})
            else:
                docs.append({"l": url, "t": title, "p": -1, "body": section["text"]})
            if boost != 1.0:
                docs[-1]["boost"] = boost
    return docs


def language_files(lang: str, pages: Iterable[tuple], levels, synonyms: dict, snippet_length: int,
                   keep_full: bool, cache: dict) -> LanguageFiles:
    """The index files of one language from its rendered pages (a list, or a PageSpool that
    hands them over one at a time), in page order."""
    docs = documents(pages, levels)
    known = set(cache)
    small_docs = [{"l": d["l"], "t": d["t"], "p": d["p"], "x": d["body"][:snippet_length]} for d in docs]
    index = build_index(lang, [{"ref": str(n), "title": d["t"], "text": d["body"], "boost": d.get("boost", 1.0)}
                               for n, d in enumerate(docs)], cache, searchable=False)
    del docs
    full = None
    if keep_full:
        full = _dumps({"version": 1, "lang": lang, "index": index.serialize(), "docs": small_docs, "synonyms": synonyms})
    manifest, files = split_index(index, small_docs)
    manifest.update({"lang": lang, "synonyms": synonyms})
    return LanguageFiles(_dumps(manifest), files, full, {k: v for k, v in cache.items() if k not in known})
