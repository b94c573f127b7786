"""The build-side search engine (lunr-python), as the tests use it: the same index file,
the same synonym expansion and the same grouping per page as the browser worker."""
from __future__ import annotations

import json
from pathlib import Path

from lunr.index import Index

from kennisbank.search.synonyms import expand


class PythonSearch:
    def __init__(self, index_file: Path):
        self.data = json.loads(index_file.read_text(encoding="utf-8"))
        self.index = Index.load(self.data["index"])

    def rank(self, query: str) -> list[tuple[str, float]]:
        expanded = expand(query, self.data["synonyms"])
        if not expanded:
            return []
        return [(r["ref"], r["score"]) for r in self.index.search(expanded)]

    def pages(self, query: str) -> list[str]:
        """Page URLs in the order of their best-ranked section."""
        docs, seen = self.data["docs"], []
        for ref, _ in self.rank(query):
            doc = docs[int(ref)]
            page = doc["l"] if doc["p"] == -1 else docs[doc["p"]]["l"]
            if page not in seen:
                seen.append(page)
        return seen
