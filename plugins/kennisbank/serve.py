"""`mkdocs serve` that survives a bad edit.

MkDocs' dev server holds every request while a rebuild is pending and, when the rebuild
fails, keeps holding them until a build succeeds: a typo in front matter freezes every open
page. Wrapped, a failed rebuild leaves the last good pages in place (serve builds with
--dirty, so nothing was cleaned), writes the error where the pages show it, and lets the
server answer again; the next good build removes it."""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import MkDocsException

from .errors import LAST_ERRORS

ERROR_FILE = "kb-build-error.json"


def keep_serving(server, site_dir: str, log):
    builder = server.builder

    def build_or_keep_last(*args, **kwargs):
        error_file = Path(site_dir) / ERROR_FILE
        LAST_ERRORS.clear()
        try:
            builder(*args, **kwargs)
        except (MkDocsException, SystemExit) as exc:
            # MkDocs turns a plugin's error into a bare "Aborted": take the messages from report().
            messages = list(LAST_ERRORS) or [str(exc)]
            error_file.write_text(json.dumps({"messages": messages}, ensure_ascii=False), encoding="utf-8")
            log.error("The last good pages stay served; fix the file above and save it again.")
            return
        error_file.unlink(missing_ok=True)

    server.builder = build_or_keep_last
    return server
