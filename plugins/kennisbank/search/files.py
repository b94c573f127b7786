"""The search files of one language, computed apart from MkDocs so that the build can run it in
a second process while mkdocs-static-i18n renders the next language."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable

from .index import build_index, term_filler
from .split import split_index
from .stream import PageStream
from .text import sections


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class LanguageFiles:
    manifest_json: str
    files: dict[str, str]  # name inside search/<lang>/ -> JSON text
    full_json: str | None = None  # the unsplit index, for tests and the benchmark
    new_terms: dict = field(default_factory=dict)  # cache entries the build added


def page_documents(url: str, title: str, html: str, boost: float = 1.0, levels=(2, 3)) -> list[dict]:
    """One document for the page's intro and one per section: [{'l': url, 't': title, 'p': -1
    for the intro or 0 (its page's document, counted from the page), 'body': text}]."""
    docs: list[dict] = []
    for section in sections(html, levels):
        if section["id"]:
            docs.append({"l": f"{url}#{section['id']}", "t": section["title"], "p": 0, "body": section["text"]})
        else:
            docs.append({"l": url, "t": title, "p": -1, "body": section["text"]})
        if boost != 1.0:
            docs[-1]["boost"] = boost
    return docs


def _joined(pages: Iterable[list[dict]]) -> list[dict]:
    """The documents of all pages in one list, each section pointing at its page's document."""
    docs: list[dict] = []
    for page in pages:
        parent = len(docs)
        for doc in page:
            docs.append({**doc, "p": parent} if doc["p"] != -1 else doc)
    return docs


def documents(pages: Iterable[tuple], levels) -> list[dict]:
    """One document per page intro and per section, in page order: [{'l': url, 't': title,
    'p': index of its page's document or -1, 'body': text}]. pages: [(url, title, html[, boost])];
    a page's boost (front matter search.boost) weighs all its documents."""
    return _joined(page_documents(url, title, html, *rest, levels=levels) for url, title, html, *rest in pages)


def _streamed(lang: str, stream: PageStream, levels, cache: dict) -> tuple[list[dict], dict]:
    """The documents of a PageStream of (src_uri, url, title, html, boost), each page split and
    tokenised as it arrives, in the order its end gives; and the end's details."""
    fill = term_filler(lang, cache)
    parsed: dict[str, list[dict]] = {}
    for src_uri, url, title, html, boost in stream:
        parsed[src_uri] = page = page_documents(url, title, html, boost, levels)
        for doc in page:
            fill("title", doc["t"])
            fill("text", doc["body"])
    order = stream.details.get("order")
    return _joined(parsed[s] for s in (order if order is not None else parsed) if s in parsed), stream.details


def language_files(lang: str, pages: Iterable[tuple] | PageStream, levels, synonyms: dict, snippet_length: int,
                   keep_full: bool, cache: dict | None) -> LanguageFiles | None:
    """The index files of one language from its rendered pages, in page order: a list of
    (url, title, html[, boost]), or a PageStream of (src_uri, url, title, html, boost) whose
    end may name the order (``order``: src_uris) and the ``synonyms``.

    ``cache`` keeps the terms of each field text for the next build (`mkdocs serve`), and the
    result brings back the new ones; with None nothing is kept. None when there is no page."""
    keep_terms = cache is not None
    cache = cache if keep_terms else {}
    known = set(cache) if keep_terms else set()
    if isinstance(pages, PageStream):
        docs, details = _streamed(lang, pages, levels, cache)
        synonyms = details.get("synonyms", synonyms)
    else:
        docs = documents(pages, levels)
    if not docs:
        return None
    small_docs = [{"l": d["l"], "t": d["t"], "p": d["p"], "x": d["body"][:snippet_length]} for d in docs]
    index = build_index(lang, [{"ref": str(n), "title": d["t"], "text": d["body"], "boost": d.get("boost", 1.0)}
                               for n, d in enumerate(docs)], cache, searchable=False)
    del docs
    full = None
    if keep_full:
        full = _dumps({"version": 1, "lang": lang, "index": index.serialize(), "docs": small_docs, "synonyms": synonyms})
    manifest, files = split_index(index, small_docs)
    manifest.update({"lang": lang, "synonyms": synonyms})
    new_terms = {k: v for k, v in cache.items() if k not in known} if keep_terms else {}
    return LanguageFiles(_dumps(manifest), files, full, new_terms)
