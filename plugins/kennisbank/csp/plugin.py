"""kb-csp: a Content Security Policy (meta tag) in every HTML file of the built site."""
from __future__ import annotations

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

    def on_pre_build(self, config):
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
        for path in Path(config.site_dir).rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            new = with_policy(text, self.config.policy)
            if new != text:
                path.write_text(new, encoding="utf-8")

    def on_build_error(self, error):
        self._languages.clear()
