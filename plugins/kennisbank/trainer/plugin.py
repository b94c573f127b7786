"""kb-trainer: the trainer layer. Teaching notes (front-matter field ``docent``: activities
with timing, discussion questions, misconceptions, answer keys) and the lesson plans of
learning paths, in a block that learners do not see until the trainer view is on."""
from __future__ import annotations

from mkdocs.plugins import BasePlugin, event_priority

from ..base import KeptAcrossRebuilds
from .config import TrainerConfig


class TrainerPlugin(KeptAcrossRebuilds, BasePlugin[TrainerConfig]):
    @event_priority(41)  # after the page's parts (kb-content 50), before its sources (40)
    def on_page_content(self, html, page, config, files):
        if not self.config.enabled or not (page.meta.get("docent") or page.meta.get("sessies")):
            return html
        content = config.plugins["kb-content"]
        context = content.context(page, config, files)
        paths = config.plugins.get("kb-paths")
        steps = paths.step_refs(page, context) if paths else []
        return html + content.renderer.render("kb/html/trainer.html", **context, steps=steps)
