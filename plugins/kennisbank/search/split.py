"""Split a lunr index into parts that a query loads on demand.

The inverted index is cut into parts of consecutive terms in sorted order (as Pagefind
does), so that a term, or the prefix a reader is still typing, needs one or two parts; the
manifest lists the first term of each part. Each posting carries the document's precomputed
weight for that term and field, taken from lunr's field vectors, so that the browser computes
exactly lunr's score (query-vector dot field-vector, divided by the query vector's magnitude)
without loading the whole index. Document titles, locations and snippets are stored in small
chunks of whole pages (a page and its sections share a chunk), so that each result page costs
one request.

The parts are read from the built lunr.Index itself, not from its serialized form: at 2,000
pages per language a serialized copy, a weight table and a list per posting cost the index
process hundreds of MiB. Each term's entry is written as JSON text once, from flat lists.
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


def _postings(index) -> dict[int, dict[str, list]]:
    """{term index: {field: [doc, weight, doc, weight, ...]}} from the field vectors, each
    list in ascending document order (the order lunr.js iterates a posting's numeric keys).
    A field vector holds a weight for exactly the terms of its field and document."""
    postings: dict[int, dict[str, list]] = {}
    vectors = sorted(((int(ref), field, vector) for field, ref, vector in
                      ((*field_ref.split("/", 1), vector) for field_ref, vector in index.field_vectors.items())),
                     key=lambda item: item[0])
    for doc, field, vector in vectors:
        elements = vector.elements
        for position in range(0, len(elements), 2):
            per_field = postings.get(elements[position])
            if per_field is None:
                per_field = postings[elements[position]] = {}
            flat = per_field.get(field)
            if flat is None:
                flat = per_field[field] = []
            flat += (doc, elements[position + 1])
    return postings


def _entry_json(term_index: int, per_field: dict[str, list], fields: list[str]) -> str:
    """_dumps({"i": term_index, field: [[doc, weight], ...], ...}) without the lists."""
    parts = [f'{{"i":{term_index}']
    for field in fields:
        flat = per_field.get(field) or ()
        pairs = ",".join(f"[{flat[n]},{_dumps(flat[n + 1])}]" for n in range(0, len(flat), 2))
        parts.append(f'{_dumps(field)}:[{pairs}]')
    return ",".join(parts) + "}"


def split_index(index, docs: list[dict], shard_bytes: int = 48_000, chunk_size: int = 16):
    """Return (manifest, {relative path: JSON text}) for a lunr.Index (with lunr's field names)."""
    fields = list(index.fields)
    postings = _postings(index)
    # Terms sorted by UTF-16 code units, the order JavaScript compares strings in.
    terms = sorted(index.inverted_index, key=lambda t: t.encode("utf-16-be"))
    files, bounds, part, size = {}, [], [], 0
    for term in terms:
        term_index = index.inverted_index[term]["_index"]
        text = f"{_dumps(term)}:{_entry_json(term_index, postings.pop(term_index, {}), fields)}"
        cost = len(text) + 1  # and its comma
        if part and size + cost > shard_bytes:
            files[f"t{len(bounds) - 1}.json"] = "{" + ",".join(part) + "}"
            part, size = [], 0
        if not part:
            bounds.append(term)
        part.append(text)
        size += cost
    if part:
        files[f"t{len(bounds) - 1}.json"] = "{" + ",".join(part) + "}"
    page_starts = [n for n, d in enumerate(docs) if d["p"] == -1]
    chunk_starts = _chunk_starts(page_starts, len(docs), chunk_size)
    for number, (start, end) in enumerate(zip(chunk_starts, chunk_starts[1:] + [len(docs)])):
        files[f"d{number}.json"] = _dumps([[d["l"], d["t"], d["p"], d["x"]] for d in docs[start:end]])
    manifest = {"version": 4, "fields": fields, "shards": len(bounds), "bounds": bounds, "chunks": chunk_starts,
                "docs": len(docs), "pages": page_starts, "pipeline": index.pipeline.serialize()}
    return manifest, files
