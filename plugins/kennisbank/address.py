"""The address the site is published at, or None.

Citations, permanent links and exports need the published address (SITE_URL). During
`mkdocs serve` MkDocs puts its own local address into `site_url`; a page must not present
that as the site's address, so without SITE_URL there is none."""
from __future__ import annotations

import os


def published_url(config) -> str | None:
    value = (os.environ.get("SITE_URL") or "").strip()
    if not value:
        return None
    return value.rstrip("/") + "/"
