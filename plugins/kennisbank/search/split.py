"""Split a lunr index into parts that a query loads on demand.

The inverted index is cut into parts of consecutive terms in sorted order (as Pagefind
does), so that a term, or the prefix a reader is still typing, needs one or two parts; the
manifest lists the first term of each part. Each posting carries the document's precomputed weight for that term and field,
taken from lunr's field vectors, so that the browser computes exactly lunr's score
(query-vector dot field-vector, divided by the query vector's magnitude) without loading the
whole index. Document titles, locations and snippets are stored in small chunks of whole
pages (a page and its sections share a chunk), so that each result page costs one request.
"""
from __future__ import annotations

import json


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _chunk_starts(page_starts: list[int], total: int, size: int) -> list[int]:
    """First doc of each chunk: whole pages, at most `size` docs unless one page is longer."""
    starts: list[int] = []
    first = [0] if total and (not page_starts or page_starts[0] != 0) else []
    pages = first + page_starts
    for start, end in zip(pages, pages[1:] + [total]):
        if not starts or end - starts[-1] > size:
            starts.append(start)
    return starts


def split_index(serialized: dict, docs: list[dict], shard_bytes: int = 48_000, chunk_size: int = 16):
    """Return (manifest, {relative path: JSON text}) for a serialized lunr index."""
    fields = serialized["fields"]
    # Weight of each (field, doc, termIndex) from the field vectors.
    weights: dict[tuple[str, str], dict[int, float]] = {}
    for field_ref, vector in serialized["fieldVectors"]:
        field, ref = field_ref.split("/", 1)
        weights[(field, ref)] = dict(zip(vector[0::2], vector[1::2]))
    entries = {}
    for term, posting in serialized["invertedIndex"]:
        index = posting["_index"]
        entry = {"i": index}
        for field in fields:
            refs = sorted(posting.get(field, {}), key=int)  # lunr.js iterates numeric keys ascending
            entry[field] = [[int(ref), weights[(field, ref)][index]] for ref in refs]
        entries[term] = entry
    # Terms sorted by UTF-16 code units, the order JavaScript compares strings in.
    terms = sorted(entries, key=lambda t: t.encode("utf-16-be"))
    files, bounds, part, size = {}, [], {}, 0
    for term in terms:
        cost = len(_dumps(entries[term])) + len(term) + 4
        if part and size + cost > shard_bytes:
            files[f"t{len(bounds) - 1}.json"] = _dumps(part)
            part, size = {}, 0
        if not part:
            bounds.append(term)
        part[term] = entries[term]
        size += cost
    if part:
        files[f"t{len(bounds) - 1}.json"] = _dumps(part)
    page_starts = [n for n, d in enumerate(docs) if d["p"] == -1]
    chunk_starts = _chunk_starts(page_starts, len(docs), chunk_size)
    for number, (start, end) in enumerate(zip(chunk_starts, chunk_starts[1:] + [len(docs)])):
        files[f"d{number}.json"] = _dumps([[d["l"], d["t"], d["p"], d["x"]] for d in docs[start:end]])
    manifest = {"version": 4, "fields": fields, "shards": len(bounds), "bounds": bounds, "chunks": chunk_starts,
                "docs": len(docs), "pages": page_starts, "pipeline": serialized["pipeline"]}
    return manifest, files
