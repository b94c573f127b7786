"""The address the site is published at, or None.

Citations, permanent links, exports and cartridges need the published address (SITE_URL, the
`site_url` of mkdocs.yml). Without it, or with a local address (what `mkdocs serve` puts
there), there is none: a page or an LMS export must not present a local address as the site's."""
from __future__ import annotations

from urllib.parse import urlsplit

LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "::"}


def public_site_url(site_url: str | None) -> str | None:
    if not site_url:
        return None
    parts = urlsplit(site_url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host or host in LOOPBACK or host.startswith("127."):
        return None
    return site_url.rstrip("/") + "/"


def published_url(config) -> str | None:
    return public_site_url(config.site_url)
