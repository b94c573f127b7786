"""kb-sources: bibliography, in-text citations ``[@id]`` and the "Bronnen" lists."""
from __future__ import annotations

import html
import re
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from ..base import KeptAcrossRebuilds
from .. import i18n
from ..errors import ContentError, allowed_hint, report
from ..yamlmarks import prose_lines
from . import apa
from .bibliography import disambiguate, load_bibliography
from .config import SourcesConfig

log = get_plugin_logger(__name__)

# [@putnam-2000], [@putnam-2000, p. 12], [@a; @b]
CITATION = re.compile(r"\[(@[a-z0-9-]+(?:,[^;\]]*)?(?:;\s*@[a-z0-9-]+(?:,[^;\]]*)?)*)\]")
ONE = re.compile(r"@([a-z0-9-]+)(?:,\s*([^;\]]*))?")
# Whatever looks like a citation: one that CITATION does not take is printed as it stands.
LOOSE = re.compile(r"\[@[^\[\]]*\](?!\()")


def citations(body: str, first_line: int):
    """(line, id, locator) for every citation outside code blocks."""
    for line, text in prose_lines(body, first_line):
        for group in CITATION.finditer(text):
            for one in ONE.finditer(group.group(1)):
                yield line, one.group(1), (one.group(2) or "").strip()


def malformed_citations(body: str, first_line: int):
    """(line, text, fix) for every [@...] outside code blocks that is not a citation."""
    for line, text in prose_lines(body, first_line):
        for match in LOOSE.finditer(text):
            written = match.group(0)
            if CITATION.fullmatch(written):
                continue
            lower = re.sub(r"@([^\s,;\]]+)", lambda m: "@" + m.group(1).lower(), written)
            fix = (f"ids are lowercase: write {lower}" if CITATION.fullmatch(lower)
                   else "write [@id], [@id, p. 12] or [@a; @b], with the ids of data/bronnen/ in lowercase")
            yield line, written, fix


class SourcesPlugin(KeptAcrossRebuilds, BasePlugin[SourcesConfig]):
    def __init__(self):
        self.entries: dict[str, dict] = {}
        self.cited_by: dict[str, set[str]] = {}  # source id -> src_uris of the citing pages
        self._model = None
        self._content = None

    @property
    def ids(self) -> set[str]:
        return set(self.entries)

    def on_config(self, config):
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).parent
        path = root / self.config.bibliography
        # mkdocs-static-i18n runs on_config once per language: load only when files changed.
        files = sorted(path.glob("*.yml")) if path.is_dir() else [path]
        signature = tuple((str(f), f.stat().st_mtime_ns) for f in files if f.exists())
        if signature and signature == getattr(self, "_signature", None):
            return config
        self.entries, errors = load_bibliography(path, self.config.bibliography)
        report(errors, log, "bibliography")
        disambiguate(self.entries)
        self._signature = signature
        return config

    @event_priority(40)  # after kb-content has built the model
    def on_files(self, files, config):
        if not self.config.enabled:
            return files
        content = config.plugins.get("kb-content")
        model = content.model if content else None
        if model is None:
            return files
        errors, cited_by = [], {}
        for entry in model.entries.values():
            for version in entry.versions.values():
                for source_id in entry.meta[model.default_language].get("bronnen") or []:
                    cited_by.setdefault(source_id, set()).add(entry.src_uri)
                for line, source_id, _ in citations(version.front.body, version.front.body_first_line):
                    if source_id not in self.entries:
                        errors.append(ContentError(version.file, line, (
                            f"citation: [@{source_id}] is not in the bibliography "
                            f"{allowed_hint(source_id, self.entries)}; add it to data/bronnen/ or fix the id")))
                    cited_by.setdefault(source_id, set()).add(entry.src_uri)
                for line, written, fix in malformed_citations(version.front.body, version.front.body_first_line):
                    errors.append(ContentError(version.file, line, (
                        f"citation: {written} is not read as a citation and would be printed as it stands ({fix})")))
        report(errors, log, "citation")
        self.cited_by, self._model, self._content = cited_by, model, content
        return files

    @event_priority(20)
    def on_page_markdown(self, markdown, page, config, files):
        if not self.config.enabled:
            return markdown
        lang = i18n.build_language(config)
        cited: list[str] = []

        def replace(match):
            links = []
            for one in ONE.finditer(match.group(1)):
                source_id, locator = one.group(1), (one.group(2) or "").strip()
                entry = self.entries.get(source_id)
                if entry is None:  # reported in on_files
                    return match.group(0)
                if source_id not in cited:
                    cited.append(source_id)
                links.append(f'<a href="#bron-{source_id}">{html.escape(apa.in_text(entry, lang, locator))}</a>')
            return "(" + "; ".join(links) + ")"

        page.meta["kb_cited"] = cited
        return CITATION.sub(replace, markdown)

    @event_priority(40)  # last of the parts: after kb-content's (42) and the trainer notes (41)
    def on_page_content(self, html_text, page, config, files):
        if not self.config.enabled or self._content is None:
            return html_text
        ids = list(dict.fromkeys((page.meta.get("bronnen") or []) + (page.meta.get("kb_cited") or [])))
        full_list = page.meta.get("type") == "overzicht" and page.meta.get("lijst") == "bronnen"
        if full_list:
            return html_text + self._render("kb/html/lists/bronnen.html", page, config, files,
                                                    list(self.entries.values()), cited_on=True)
        if ids:
            return html_text + self._render("kb/html/sources.html", page, config, files,
                                            [self.entries[i] for i in ids if i in self.entries])
        return html_text

    def _render(self, template, page, config, files, entries, cited_on: bool = False):
        context = self._content.context(page, config, files)
        lang, url_of = context["lang"], context["url"]
        items = []
        for entry in sorted(entries, key=apa.sort_key):
            pages = []
            for uri in sorted(self.cited_by.get(entry["id"], ()) if cited_on else ()):
                hit = self._model.lookup(uri) if self._model else None
                title = hit[0].title(lang) if hit and hit[0] else uri
                pages.append({"title": title, "url": url_of(uri)})
            items.append({"id": entry["id"], "html": context["inline"](apa.reference(entry, lang)), "pages": pages})
        return self._content.renderer.render(template, **{**context, "items": items})
