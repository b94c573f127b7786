"""Checks relative links in page bodies before MkDocs renders anything.

MkDocs reports a missing link target without a line number; authors need the line.
Anchors are left to MkDocs' own `validation.anchors`, which sees the rendered page.
"""
from __future__ import annotations

import difflib
import posixpath
import re

from ..errors import ContentError
from ..yamlmarks import prose_lines

LINK = re.compile(r"(?<!\!)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


def iter_links(body: str, first_line: int):
    """(line, target) for every inline Markdown link outside code blocks."""
    for line, text in prose_lines(body, first_line):
        for match in LINK.finditer(text):
            yield line, match.group(1)


def iter_meta_links(value, marks, path=()):
    """(line, field, target) for every Markdown link in the text values of front matter
    (summaries, feedback, trainer notes): they are rendered as HTML by the plugins, which
    MkDocs' own link check does not see."""
    if isinstance(value, str):
        for match in LINK.finditer(value):
            field = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in path).replace(".[", "[")
            yield marks.line_of(path), field, match.group(1)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_meta_links(item, marks, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_meta_links(item, marks, path + (index,))


def check_links(model, doc_uris: set[str], docs_label: str) -> tuple[list[ContentError], list[tuple]]:
    """Report links to missing files; record body links as references between entries.
    Also returns the anchors that links in front matter expect: (lang, entry id, anchor,
    file, line, field), checked once the pages are rendered."""
    errors, anchors = [], []
    versions = [v for e in model.entries.values() for v in e.versions.values()]
    versions += list(model.untyped.values())
    for version in versions:
        here = posixpath.dirname(version.src_uri)
        owner = model.lookup(version.src_uri)
        body = ((line, None, target) for line, target in iter_links(version.front.body, version.front.body_first_line))
        meta = iter_meta_links(version.front.meta.data, version.front.meta)
        for line, field, target in (*body, *meta):
            if EXTERNAL.match(target):
                continue
            path, _, anchor = target.split("?", 1)[0].partition("#")
            if not path:
                continue
            resolved = posixpath.normpath(posixpath.join(here, path)) if not path.startswith("/") else path.lstrip("/")
            if resolved in doc_uris:
                hit = model.lookup(resolved)
                if hit and hit[0] is not None and owner and owner[0] is not None and hit[0] is not owner[0]:
                    hit[0].referrers.add(owner[0].id)
                if field is not None and anchor and hit and hit[0] is not None:
                    anchors.append((version.lang, hit[0].id, anchor, version.file, line, field))
                continue
            # Suggest Dutch file names only: links always point to those.
            candidates = sorted(u for u in doc_uris if model.lookup(u) is None or model.lookup(u)[1] == model.default_language)
            close = difflib.get_close_matches(resolved, candidates, n=1, cutoff=0.6)
            fix = (f"did you mean '{posixpath.relpath(close[0], here or '.')}'?" if close
                   else "link to an existing page with a path relative to this file")
            label = f"{field}: link" if field else "link"
            errors.append(ContentError(version.file, line, f"{label}: '{target}' points to a file that does not exist ({fix})"))
    return errors, anchors
