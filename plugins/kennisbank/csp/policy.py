"""A Content Security Policy in every page's head, allowing its inline scripts by hash.

Scripts run from this site's own files only; the few inline scripts of Material (palette,
scope), of the search's early start and of mkdocs-redirects' pages are allowed one by one by
the sha256 of their text, computed from the written page, so no 'unsafe-inline' is needed."""
from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
DATA_TYPES = ("application/json", "application/ld+json", "text/template")
HEAD = re.compile(r"<head\b[^>]*>", re.I)
OLD = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)


def script_hashes(html: str) -> list[str]:
    hashes = []
    for attributes, body in INLINE_SCRIPT.findall(html):
        kind = re.search(r'\btype="([^"]*)"', attributes)
        if kind and kind.group(1).lower() in DATA_TYPES:
            continue  # data, never run
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


def with_policy(html: str, policy: dict[str, str]) -> str:
    """The page with its policy as the first element of its head (replacing an older one)."""
    if "Content-Security-Policy" in html:  # a regex scan of every page costs ~0.6 s a build
        html = OLD.sub("", html)
    directives = dict(policy)
    hashes = script_hashes(html)
    if hashes:
        directives["script-src"] = " ".join([directives.get("script-src", "'self'"), *hashes])
    content = "; ".join(f"{name} {value}" for name, value in directives.items())
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    match = HEAD.search(html)
    if not match:
        return html
    return html[: match.end()] + meta + html[match.end():]
