"""kb-csp: a Content Security Policy (meta tag) in every HTML file of the built site."""
from __future__ import annotations

import time
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority

from .. import i18n
from ..base import KeptAcrossRebuilds
from ..offline import is_offline
from .config import CspConfig
from .policy import with_policy


class CspPlugin(KeptAcrossRebuilds, BasePlugin[CspConfig]):
    def __init__(self):
        self._languages: list[str] = []
        self._started = 0  # when the outermost language build began (ns)

    def on_pre_build(self, config):
        if not self._languages:
            self._started = time.time_ns()
        self._languages.append(i18n.build_language(config))

    @event_priority(-300)  # last: after mkdocs-redirects and every language wrote its pages
    def on_post_build(self, config):
        lang = self._languages.pop() if self._languages else i18n.build_language(config)
        if not self.config.enabled or lang != i18n.languages(config)[0]:
            return  # the build of the first language ends last and sees every file
        if is_offline(config):
            # Pages opened from a folder have no origin to hold them to, and the worker shim
            # writes an inline script into its iframe: the copy on the reader's disk goes without.
            return
        # Only the files this build wrote: `mkdocs serve --dirty` leaves the others as they
        # were (with their policy), and reading thousands of them cost seconds per edit. A
        # second of margin, as a file's time stamp can lag the clock.
        since = self._started - 1_000_000_000
        for path in Path(config.site_dir).rglob("*.html"):
            if path.stat().st_mtime_ns < since:
                continue
            text = path.read_text(encoding="utf-8")
            new = with_policy(text, self.config.policy)
            if new != text:
                path.write_text(new, encoding="utf-8")

    def on_build_error(self, error):
        self._languages.clear()
