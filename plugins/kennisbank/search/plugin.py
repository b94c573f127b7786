"""kb-search: a prebuilt lunr index per language, loaded by a Web Worker that speaks the
protocol of Material's search interface (SETUP -> READY, QUERY -> RESULT).

Material's own worker builds its index in the browser on every visit and mixes the languages
of mkdocs-static-i18n. Here the index is built once per language at build time; Material's
`search_index.json` is replaced by a stub so the browser does not download the full texts."""
from __future__ import annotations

import html as html_module
import json
from pathlib import Path

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from ..base import KeptAcrossRebuilds
from .. import i18n
from ..offline import SHIM, is_offline
from .config import SearchConfig
from ..background import LanguageJobs
from .files import language_files
from .stream import PageStream
from .synonyms import synonym_groups

log = get_plugin_logger(__name__)
INDEX_FILE = "search/kb-index.{lang}.json"
JS = "assets/javascripts"
# What the worker of a language needs, in load order (paths inside the built site).
WORKER_PARTS = {"nl": [f"{JS}/vendor/lunr-2.3.9.min.js", f"{JS}/lunr/min/lunr.stemmer.support.min.js",
                       f"{JS}/lunr/min/lunr.nl.min.js", f"{JS}/kb-search-core.js", f"{JS}/kb-search-worker.js"],
                "en": [f"{JS}/vendor/lunr-2.3.9.min.js", f"{JS}/kb-search-core.js", f"{JS}/kb-search-worker.js"]}


class SearchPlugin(KeptAcrossRebuilds, BasePlugin[SearchConfig]):
    def __init__(self):
        self._pages: dict[str, dict[str, tuple]] = {}  # lang -> src_uri -> (url, title, html)
        self._order: dict[str, list[str]] = {}  # lang -> src_uris of the build, in order
        self._jobs = LanguageJobs()  # language -> its LanguageFiles
        # lang -> the pages going to its index process while they render (builds, not serve)
        self._streams: dict[str, PageStream] = {}
        # Terms per field text, per language, kept across `mkdocs serve` rebuilds.
        self._terms: dict[str, dict] = {}

    @event_priority(100)  # before Material's offline plugin would add the shim from a CDN
    def on_config(self, config):
        if self.config.enabled and is_offline(config):
            # From a folder Chromium starts no Web Worker: run it in an iframe (the site's own
            # copy of the shim Material's offline plugin would fetch from unpkg.com).
            polyfills = config.extra.get("polyfills") or []
            config.extra["polyfills"] = [p for p in polyfills if "iframe-worker" not in p] + [SHIM]
        return config

    def on_pre_build(self, config):
        if not self.config.enabled:
            return
        self._jobs.begin(config, self.config.parallel)
        if not self.serving:
            # Each page goes to the index process as soon as it is rendered. During serve a
            # rebuild renders only the edited pages: the index then takes the kept ones too.
            lang = i18n.build_language(config)
            self._streams[lang] = stream = PageStream()
            if self._jobs.in_background(self.config.parallel):
                self._submit(lang, stream, {})

    def on_env(self, env, config, files):
        # The pages of this language's build, in order (after mkdocs-static-i18n chose them).
        if self.config.enabled:
            self._order[i18n.build_language(config)] = [f.src_uri for f in files.documentation_pages()]
        return env

    def on_page_context(self, context, page, config, nav):
        # Templates name the worker of the page's language (config block, early ?q= script).
        if self.config.enabled:
            context["kb_search"] = self._worker(config)
        return context

    def on_template_context(self, context, template_name, config):
        # 404.html is a theme template, not a page: without this its search box would talk
        # to Material's own worker and its empty stub index, and find nothing.
        if self.config.enabled and template_name == "404.html":
            context["kb_search"] = self._worker(config)
        return context

    @staticmethod
    def _worker(config) -> dict:
        lang = i18n.build_language(config)
        return {"worker": f"{JS}/kb-search-worker.{lang}.js", "lang": lang}

    def on_page_markdown(self, markdown, page, config, files):
        # Material's search plugin only draws the search box here; its index (rebuilt from
        # every page's HTML) is replaced by a stub, so spare it the work.
        if self.config.enabled:
            own = page.meta.get("search") or {}
            # The author's wishes (Material's front matter: search.exclude, search.boost)
            # hold for this site's index too.
            default = self.config.type_boost.get(page.meta.get("type"), 1)
            page.meta["kb_search"] = {"exclude": bool(own.get("exclude")), "boost": float(own.get("boost", default))}
            if not self.config.keep_material_index:
                page.meta["search"] = {**own, "exclude": True}
        return markdown

    @event_priority(-50)  # after every other plugin added its parts
    def on_page_content(self, html, page, config, files):
        wishes = page.meta.get("kb_search") or {}
        if not self.config.enabled or page.file.src_uri == "404.md" or wishes.get("exclude"):
            return html
        # Kept per page across `mkdocs serve --dirty` rebuilds, which render only the pages
        # that changed; the index process splits them into sections.
        title = html_module.unescape(str((page.meta or {}).get("title") or page.title or ""))
        lang = i18n.build_language(config)
        stream = self._streams.get(lang)
        if stream is not None:
            stream.add((page.file.src_uri, page.url, title, html, wishes.get("boost", 1.0)))
        else:
            self._pages.setdefault(lang, {})[page.file.src_uri] = (page.url, title, html, wishes.get("boost", 1.0))
        return html

    @event_priority(-100)  # after on_env above recorded the order of the pages
    def _start_index(self, env, config, files):
        """Every page of this language is rendered by now (MkDocs runs on_env between
        rendering the pages and writing them): end its stream, or start its index in a second
        process, while this process writes the pages and mkdocs-static-i18n builds the next
        language."""
        if not self.config.enabled:
            return env
        lang = i18n.build_language(config)
        glossary = config.plugins.get("kb-glossary")
        synonyms = synonym_groups(glossary.terms, lang) if glossary else {}
        order = self._order.get(lang, [])
        stream = self._streams.pop(lang, None)
        if stream is not None:
            stream.end(order=order, synonyms=synonyms)
            if not self._jobs.started(lang):
                self._submit(lang, stream, synonyms)
            return env
        known = self._pages.get(lang, {})
        pages = [(src,) + known[src] for src in order if src in known]
        if not pages:  # nothing to index (a build that rendered no page of this language)
            return env
        self._submit(lang, PageStream.of(pages, synonyms=synonyms), synonyms)
        return env

    def _submit(self, lang: str, stream: PageStream, synonyms: dict) -> None:
        self._jobs.submit(
            lang, self.config.parallel, language_files, lang, stream, tuple(self.config.section_levels), synonyms,
            self.config.snippet_length, self.config.keep_full_index, self._terms.setdefault(lang, {}) if self.serving else None)

    on_env = CombinedEvent(on_env, _start_index)

    @event_priority(-200)  # after Material's search plugin and mkdocs-static-i18n wrote theirs
    def _write_index(self, config):
        if not self.config.enabled:
            return
        # During serve the edited page shows at once; the index follows when it is ready.
        self._jobs.deliver(config, lambda lang, result: self._write_files(config, lang, result), wait=not self.serving)

    def _write_files(self, config, lang: str, result) -> None:
        if result is None:  # the language has no page to index
            return
        if self.serving:
            self._terms.setdefault(lang, {}).update(result.new_terms)
        site = Path(config.site_dir)
        folder = site / "search" / lang
        if folder.exists():
            for old in folder.glob("*.json"):
                old.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "manifest.json").write_text(result.manifest_json, encoding="utf-8")
        for name, text in result.files.items():
            (folder / name).write_text(text, encoding="utf-8")
        if result.full_json is not None:
            (site / INDEX_FILE.format(lang=lang)).write_text(result.full_json, encoding="utf-8")
        # One worker file per language, with the manifest inside, instead of four sequential
        # importScripts requests and a fetch before the first query can start.
        scripts = [(site / part).read_text(encoding="utf-8") for part in WORKER_PARTS[lang]]
        scripts.insert(-1, f"self.kbManifest = {result.manifest_json};")
        if is_offline(config):
            # From a folder the worker can fetch nothing: every part goes into the bundle.
            parts = ",".join(f"{json.dumps(name)}:{text}" for name, text in sorted(result.files.items()))
            scripts.insert(-1, f"self.kbLang = {json.dumps(lang)}; self.kbParts = {{{parts}}};")
        (site / JS / f"kb-search-worker.{lang}.js").write_text("\n;\n".join(scripts), encoding="utf-8")
        # Material's main thread still fetches search_index.json and posts it to the worker;
        # our worker ignores the documents, so give it none.
        stub = site / "search" / "search_index.json"
        if self.config.keep_material_index and stub.exists() and b'"docs":[]' not in stub.read_bytes()[:4000]:
            stub.replace(stub.with_name("material-search-index.json"))
        stub.write_text(json.dumps({"config": {"lang": [lang], "separator": r"[\s\-]+", "pipeline": []},
                                    "docs": []}), encoding="utf-8")

    on_post_build = _write_index

    def on_build_error(self, error):
        for stream in self._streams.values():
            stream.abort()  # its index process stops reading
        self._streams.clear()
        self._jobs.cancel()
