"""The search files of one language, computed apart from MkDocs so that the build can run it in
a second process while mkdocs-static-i18n renders the next language."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

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


def documents(pages: list[tuple[str, str, str]], levels) -> list[dict]:
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


def language_files(lang: str, pages: list[tuple[str, str, str]], levels, synonyms: dict, snippet_length: int,
                   keep_full: bool, cache: dict) -> LanguageFiles:
    """The index files of one language from its rendered pages, in page order."""
    docs = documents(pages, levels)
    known = set(cache)
    index = build_index(lang, [{"ref": str(n), "title": d["t"], "text": d["body"], "boost": d.get("boost", 1.0)}
                               for n, d in enumerate(docs)], cache, searchable=False)
    serialized = index.serialize()
    small_docs = [{"l": d["l"], "t": d["t"], "p": d["p"], "x": d["body"][:snippet_length]} for d in docs]
    manifest, files = split_index(serialized, small_docs)
    manifest.update({"lang": lang, "synonyms": synonyms})
    full = None
    if keep_full:
        full = _dumps({"version": 1, "lang": lang, "index": serialized, "docs": small_docs, "synonyms": synonyms})
    return LanguageFiles(_dumps(manifest), files, full, {k: v for k, v in cache.items() if k not in known})
