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


def check_links(model, doc_uris: set[str], docs_label: str) -> list[ContentError]:
    """Report links to missing files; record body links as references between entries."""
    errors = []
    versions = [v for e in model.entries.values() for v in e.versions.values()]
    versions += list(model.untyped.values())
    for version in versions:
        here = posixpath.dirname(version.src_uri)
        owner = model.lookup(version.src_uri)
        for line, target in iter_links(version.front.body, version.front.body_first_line):
            if EXTERNAL.match(target):
                continue
            path = target.split("#", 1)[0].split("?", 1)[0]
            if not path:
                continue
            resolved = posixpath.normpath(posixpath.join(here, path)) if not path.startswith("/") else path.lstrip("/")
            if resolved in doc_uris:
                hit = model.lookup(resolved)
                if hit and hit[0] is not None and owner and owner[0] is not None and hit[0] is not owner[0]:
                    hit[0].referrers.add(owner[0].id)
                continue
            # Suggest Dutch file names only: links always point to those.
            candidates = sorted(u for u in doc_uris if model.lookup(u) is None or model.lookup(u)[1] == model.default_language)
            close = difflib.get_close_matches(resolved, candidates, n=1, cutoff=0.6)
            fix = (f"did you mean '{posixpath.relpath(close[0], here or '.')}'?" if close
                   else "link to an existing page with a path relative to this file")
            errors.append(ContentError(version.file, line, f"link: '{target}' points to a file that does not exist ({fix})"))
    return errors
