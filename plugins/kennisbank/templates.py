"""Render the project's Jinja templates (overrides/kb/) into HTML, escaped for its context."""
from __future__ import annotations

import posixpath
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup

from .hyphenate import hyphenate
from .snippets import Snippets, resolve_md_links
from .yamlmarks import Loader


class KeysFirstEnvironment(jinja2.Environment):
    """`t.cite.copy` is the label `copy`, not dict.copy: plain Jinja tries an attribute before
    a key, so labels and content fields named like a dict method (copy, keys, items, values,
    get) would print "<built-in method ...>". Here a mapping's key wins."""

    def getattr(self, obj, attribute):
        if isinstance(obj, Mapping) and isinstance(attribute, str):
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@lru_cache(maxsize=8)
def bytecode_cache(root: Path) -> jinja2.BytecodeCache:
    """Compiled templates kept in <project>/.cache/kennisbank/jinja between builds and
    languages: each language's build makes a new theme environment that compiled Material's
    and the project's templates again (about a tenth of a build). Jinja keys each entry by
    template name and a checksum of its source, so an edited template is compiled afresh."""
    folder = root / ".cache" / "kennisbank" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


class Renderer:
    """The kb/ templates and their interface labels, made once per build; Jinja reloads a
    changed template itself, and refresh() reloads changed labels (mkdocs serve)."""

    def __init__(self, theme_env, labels_template: str, cache: jinja2.BytecodeCache | None = None):
        # The theme's loader (overrides/ first), but autoescape on: MkDocs' own environment
        # leaves values from front matter unescaped.
        self.env = KeysFirstEnvironment(loader=theme_env.loader, autoescape=True, trim_blocks=True,
                                      lstrip_blocks=True, auto_reload=True, bytecode_cache=cache)
        self.env.filters["hyphenate"] = hyphenate
        self.labels_template = labels_template
        self._labels_uptodate = None
        self.refresh()

    def refresh(self) -> None:
        if self._labels_uptodate is not None and self._labels_uptodate():
            return
        source, _, self._labels_uptodate = self.env.loader.get_source(self.env, self.labels_template)
        self.labels = yaml.load(source, Loader=Loader)

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)

    def t(self, lang: str) -> dict:
        return self.labels.get(lang) or self.labels["nl"]


class PageHelpers(dict):
    """What a template needs to write one page: Markdown of content data as safe HTML, with
    its links to other pages resolved for this page and language."""

    def __init__(self, snippets: Snippets, page_src: str, url_of):
        self.snippets, self.page_src, self.url_of = snippets, page_src, url_of
        super().__init__(md=self.md, inline=self.inline, plain=self.plain, url=self.url)

    def md(self, text, source: str | None = None) -> Markup:
        return Markup(resolve_md_links(self.snippets.block(text), source or self.page_src, self.url_of))

    def inline(self, text, source: str | None = None) -> Markup:
        return Markup(resolve_md_links(self.snippets.inline(text), source or self.page_src, self.url_of))

    def plain(self, text) -> str:
        return Markup(self.snippets.inline(text)).striptags()

    def url(self, src_uri: str) -> str | None:
        return self.url_of(src_uri)


def url_resolver(page, files):
    """target src_uri (Dutch name) -> its address relative to ``page`` in this language."""
    # mkdocs-static-i18n's lookup of the file of a language is slow; remember it per build.
    found = files.__dict__.setdefault("_kb_files", {})

    def url_of(target: str):
        if target not in found:
            found[target] = files.get_file_from_path(target)
        file = found[target]
        return file.url_relative_to(page.file) if file is not None else None
    return url_of


def relative_link(from_src: str, to_src: str) -> str:
    """A Markdown link target from one source file to another (MkDocs resolves it)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
