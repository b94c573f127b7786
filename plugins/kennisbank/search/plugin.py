"""kb-search: a prebuilt lunr index per language, loaded by a Web Worker that speaks the
protocol of Material's search interface (SETUP -> READY, QUERY -> RESULT).

Material's own worker builds its index in the browser on every visit and mixes the languages
of mkdocs-static-i18n. Here the index is built once per language at build time; Material's
`search_index.json` is replaced by a stub so the browser does not download the full texts."""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from .. import i18n
from .config import SearchConfig
from .index import build_index
from .split import split_index
from .synonyms import synonym_groups
from .text import sections

log = get_plugin_logger(__name__)
INDEX_FILE = "search/kb-index.{lang}.json"
JS = "assets/javascripts"
# What the worker of a language needs, in load order (paths inside the built site).
WORKER_PARTS = {"nl": [f"{JS}/vendor/lunr-2.3.9.min.js", f"{JS}/lunr/min/lunr.stemmer.support.min.js",
                       f"{JS}/lunr/min/lunr.nl.min.js", f"{JS}/kb-search-core.js", f"{JS}/kb-search-worker.js"],
                "en": [f"{JS}/vendor/lunr-2.3.9.min.js", f"{JS}/kb-search-core.js", f"{JS}/kb-search-worker.js"]}


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self):
        self.docs: dict[str, list[dict]] = {}
        # mkdocs-static-i18n builds the other languages inside the first build's
        # on_post_build and leaves its current language at the last one built, so each
        # build remembers its own language here.
        self._languages: list[str] = []

    def on_pre_build(self, config):
        if self.config.enabled:
            lang = i18n.build_language(config)
            self._languages.append(lang)
            self.docs[lang] = []

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

    def on_page_content(self, html, page, config, files):
        if not self.config.enabled or page.file.src_uri == "404.md":
            return html
        docs = self.docs.setdefault(i18n.build_language(config), [])
        title = (page.meta or {}).get("title") or page.title or ""
        parent = len(docs)
        for section in sections(html, self.config.section_levels):
            if section["id"]:
                docs.append({"l": f"{page.url}#{section['id']}", "t": section["title"], "p": parent,
                             "body": section["text"]})
            else:
                docs.append({"l": page.url, "t": title, "p": -1, "body": section["text"]})
        return html


    @event_priority(-200)  # after Material's search plugin and mkdocs-static-i18n wrote theirs
    def on_post_build(self, config):
        if not self.config.enabled:
            return
        lang = self._languages.pop() if self._languages else i18n.build_language(config)
        docs = self.docs.get(lang, [])
        index = build_index(lang, [{"ref": str(n), "title": d["t"], "text": d["body"]}
                                   for n, d in enumerate(docs)])
        glossary = config.plugins.get("kb-glossary")
        serialized = index.serialize()
        small_docs = [{"l": d["l"], "t": d["t"], "p": d["p"], "x": d["body"][: self.config.snippet_length]}
                      for d in docs]
        synonyms = synonym_groups(glossary.terms, lang) if glossary else {}
        folder = Path(config.site_dir) / "search" / lang
        if folder.exists():
            for old in folder.glob("*.json"):
                old.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        manifest, files = split_index(serialized, small_docs)
        manifest.update({"lang": lang, "synonyms": synonyms})
        manifest_json = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
        (folder / "manifest.json").write_text(manifest_json, encoding="utf-8")
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        if self.config.keep_full_index:
            # The unsplit index, for the tests that compare the split search with lunr itself.
            payload = {"version": 1, "lang": lang, "index": serialized, "docs": small_docs, "synonyms": synonyms}
            target = Path(config.site_dir) / INDEX_FILE.format(lang=lang)
            target.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        # One worker file per language, with the manifest inside, instead of four sequential
        # importScripts requests and a fetch before the first query can start.
        site = Path(config.site_dir)
        scripts = [(site / part).read_text(encoding="utf-8") for part in WORKER_PARTS[lang]]
        scripts.insert(-1, f"self.kbManifest = {manifest_json};")
        bundle = "\n;\n".join(scripts)
        (site / JS / f"kb-search-worker.{lang}.js").write_text(bundle, encoding="utf-8")
        # Material's main thread still fetches search_index.json and posts it to the worker;
        # our worker ignores the documents, so give it none.
        stub = Path(config.site_dir) / "search" / "search_index.json"
        if self.config.keep_material_index and stub.exists() and b'"docs":[]' not in stub.read_bytes()[:4000]:
            stub.replace(stub.with_name("material-search-index.json"))
        stub.write_text(json.dumps({"config": {"lang": [lang], "separator": r"[\s\-]+", "pipeline": []},
                                    "docs": []}), encoding="utf-8")
