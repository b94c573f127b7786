"""Render the project's Jinja templates (overrides/kb/) with the theme's environment."""
from __future__ import annotations

import posixpath

import yaml


class Renderer:
    """The kb/ templates and their interface labels, made once per build; Jinja reloads a
    changed template itself, and refresh() reloads changed labels (mkdocs serve)."""

    def __init__(self, env, labels_template: str):
        self.env, self.labels_template = env, labels_template
        self._labels_uptodate = None
        self.refresh()

    def refresh(self) -> None:
        if self._labels_uptodate is not None and self._labels_uptodate():
            return
        source, _, self._labels_uptodate = self.env.loader.get_source(self.env, self.labels_template)
        self.labels = yaml.safe_load(source)

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)

    def t(self, lang: str) -> dict:
        return self.labels.get(lang) or self.labels["nl"]


def relative_link(from_src: str, to_src: str) -> str:
    """A Markdown link target from one source file to another (MkDocs resolves it)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
