"""Render the project's Jinja templates (overrides/kb/) with the theme's environment."""
from __future__ import annotations

import posixpath

import yaml


class Renderer:
    def __init__(self, env, labels_template: str):
        self.env = env
        source, _, _ = env.loader.get_source(env, labels_template)
        self.labels = yaml.safe_load(source)

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)

    def t(self, lang: str) -> dict:
        return self.labels.get(lang) or self.labels["nl"]


def relative_link(from_src: str, to_src: str) -> str:
    """A Markdown link target from one source file to another (MkDocs resolves it)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
