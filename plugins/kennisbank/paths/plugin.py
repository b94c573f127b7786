"""kb-paths: learning paths (page type ``leerroute``): their checks, the path page with its
steps, total time and progress, the list of paths, and on every page reached from a path the
data for its step bar (which path, which step, previous and next)."""
from __future__ import annotations

import json
import posixpath
from pathlib import Path

import yaml
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from .. import i18n
from ..background import LanguageJobs
from ..base import KeptAcrossRebuilds
from ..errors import report
from ..address import published_url
from . import cartridge
from .config import PathsConfig
from .steps import check_paths, steps_of

log = get_plugin_logger(__name__)
ROUTE_PARAMETER = "leerroute"  # ?leerroute=<id>&stap=<n>: the path a page was reached from
HANDOUTS = {"learner": "hand-out", "trainer": "hand-out-docent"}  # page names beside the path page
EXPORT_DIR = "export"  # folder of the cartridges, beside the path pages
HANDOUT_TITLES = {"nl": {"learner": "Hand-out", "trainer": "Hand-out voor docenten"},
                  "en": {"learner": "Handout", "trainer": "Handout for trainers"}}


class PathsPlugin(KeptAcrossRebuilds, BasePlugin[PathsConfig]):
    def __init__(self):
        self.content = None
        self._files = None
        self._site_url: str | None = None  # the public address; None: no cartridges
        self._jobs = LanguageJobs()  # language -> its cartridges

    @property
    def model(self):
        return self.content.model if self.content else None

    @event_priority(44)  # after kb-content (50) built the model
    def on_files(self, files, config):
        if not self.config.enabled:
            return files
        self.content = config.plugins.get("kb-content")
        self._site_url = published_url(config) if self.config.cartridge else None
        if self.model is not None:
            report(check_paths(self.model), log, "learning path")
            self.content.anchor_sources["kb-paths"] = self._step_anchors
        return files

    def _step_anchors(self):
        for path in self.model.of_type("leerroute"):
            marks = path.default.front.meta
            for index, step in enumerate(steps_of(path.meta[self.model.default_language])):
                if step.anchor:
                    yield None, step.target, step.anchor, path.default.file, marks.line_of(["stappen", index, "naar"]), \
                        f"stappen[{index}].naar"

    @event_priority(-110)  # after mkdocs-static-i18n (-100) chose the files of this language
    def _add_handouts(self, files, config):
        """Two printable pages per path, made by MkDocs like any page (theme, language, search
        box), outside the navigation: for learners and for trainers. Added after i18n, which
        only handles files in docs/, beside the path page of this language."""
        if not self.config.enabled or self.model is None:
            return files
        lang = i18n.build_language(config)
        for path in self.model.of_type("leerroute"):
            page_file = files.get_file_from_path(path.src_uri)
            if page_file is None or lang not in path.versions:
                continue
            folder = (posixpath.dirname(page_file.dest_uri) if config.use_directory_urls
                      else posixpath.splitext(page_file.dest_uri)[0])  # leerroutes/<id>
            base = path.src_uri[: -len(".md")]
            for kind, name in HANDOUTS.items():
                meta = {"title": f"{HANDOUT_TITLES[lang][kind]}: {path.title(lang)}", "hide": ["navigation", "toc"],
                        "search": {"exclude": True}, "kb_handout": {"path": path.id, "kind": kind}}
                text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
                file = File.generated(config, f"{base}/{name}.md", content=text, inclusion=InclusionLevel.NOT_IN_NAV)
                file.dest_uri = f"{folder}/{name}/index.html" if config.use_directory_urls else f"{folder}/{name}.html"
                file.url = f"{folder}/{name}/" if config.use_directory_urls else file.dest_uri
                file.abs_dest_path = posixpath.join(config.site_dir, file.dest_uri)
                files.append(file)
        return files

    on_files = CombinedEvent(on_files, _add_handouts)

    def handout_links(self, path_id: str, page, url_of) -> dict:
        """Addresses of a path's handouts and of its cartridge (None when the build writes
        none: no public address), relative to the path page."""
        written = self._site_url is not None and self.model is not None and path_id in self.model.entries
        base = self.model.entries[path_id].src_uri[: -len(".md")]  # leerroutes/<id>
        export = posixpath.join(posixpath.dirname(base), EXPORT_DIR, f"{path_id}.imscc")
        here = base if page.url.endswith("/") else posixpath.dirname(base)  # directory URLs or not
        return {kind: url_of(f"{base}/{name}.md") for kind, name in HANDOUTS.items()} | {
            "cartridge": posixpath.relpath(export, here) if written else None}

    # -- the steps of a path, for one page ---------------------------------------------------

    def step_refs(self, page, context) -> list[dict]:
        """The steps of the path shown on ``page`` (empty for other pages)."""
        meta = page.meta
        if meta.get("type") != "leerroute" or self.model is None:
            return []
        return self._steps(meta["id"], context)

    def _steps(self, path_id: str, context) -> list[dict]:
        path = self.model.entries[path_id]
        out = []
        for step in steps_of(path.meta_for(context["lang"])):
            ref = context["ref"](step.target)
            query = f"?{ROUTE_PARAMETER}={path_id}&stap={step.number}"
            out.append({**ref, "n": step.number, "minutes_step": step.minutes, "why": step.why,
                        "anchor": step.anchor, "href": (ref["url"] or "") + query + (f"#{step.anchor}" if step.anchor else ""),
                        "set": step.target if ref["type"] == "oefening" else None})
        return out

    # -- path pages and the list of paths ------------------------------------------------------

    @event_priority(55)  # the steps right after the path's own introduction (kb-content: 50)
    def on_page_content(self, html, page, config, files):
        if not self.config.enabled or self.model is None:
            return html
        meta = page.meta
        if meta.get("type") == "leerroute":
            context = self.content.context(page, config, files)
            steps = self._steps(meta["id"], context)
            return html + self.content.renderer.render("kb/html/path.html", **context, steps=steps,
                                                       total=sum(s["minutes_step"] for s in steps),
                                                       handouts=self.handout_links(meta["id"], page, context["url"]))
        if meta.get("kb_handout"):
            return html + self._handout(page, config, files, **meta["kb_handout"])
        if meta.get("type") == "overzicht" and meta.get("lijst") == "leerroutes":
            context = self.content.context(page, config, files)
            return html + self.content.renderer.render("kb/html/lists/leerroutes.html", **context)
        return html

    def _handout(self, page, config, files, path, kind) -> str:
        from ..exercises.questions import prepare_set

        context = self.content.context(page, config, files)
        entry = self.model.entries[path]
        lang = context["lang"]
        steps = self._steps(path, context)
        for step in steps:
            target = self.model.entries[step["id"]]
            step["questions"] = prepare_set(target.meta_for(lang)["vragen"]) if target.type == "oefening" else []
            step["notes"] = target.meta_for(lang).get("docent") if kind == "trainer" else None
        return self.content.renderer.render(
            "kb/html/handout.html", **context, path=self.content.context(page, config, files)["ref"](path),
            path_meta=entry.meta_for(lang), steps=steps, trainer=kind == "trainer",
            total=sum(s["minutes_step"] for s in steps))

    # -- the step bar ----------------------------------------------------------------------

    def on_page_context(self, context, page, config, nav):
        """The paths this page is a step of, for the step bar (kb-paths.js)."""
        if not self.config.enabled or self.model is None:
            return context
        hit = self.model.lookup(page.file.src_uri)
        if not hit or hit[0] is None:
            return context
        entry = hit[0]
        paths = [p for p in self.model.of_type("leerroute") if any(s.target == entry.id for s in steps_of(
            p.meta[self.model.default_language]))]
        if not paths:
            return context
        parts = self.content.context(page, config, self._files)
        data = []
        for path in paths:
            steps = self._steps(path.id, parts)
            data.append({"id": path.id, "title": path.title(parts["lang"]), "url": parts["ref"](path.id)["url"],
                         "steps": [{"n": s["n"], "title": s["title"], "href": s["href"], "here": s["id"] == entry.id}
                                   for s in steps]})
        context["kb_paths"] = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
        return context

    # -- the cartridges -----------------------------------------------------------------------

    def on_pre_build(self, config):
        self._jobs.begin(config, self.config.parallel)

    def _prefix(self, config, lang) -> str:
        return "" if lang == i18n.languages(config)[0] else f"{lang}/"

    @event_priority(-100)
    def on_env(self, env, config, files):
        """The model is complete: compute every language's cartridges in a second process while
        the pages are written (once per build, at the first language)."""
        self._files = files
        if not self.config.enabled or self._site_url is None or self.model is None or self._jobs.started():
            return env
        for lang in i18n.languages(config):
            paths, sets = [], {}
            for path in self.model.of_type("leerroute"):
                if lang not in path.versions:
                    continue
                steps = []
                for step in steps_of(path.meta_for(lang)):
                    target = self.model.entries[step.target]
                    steps.append({"n": step.number, "target": step.target, "anchor": step.anchor,
                                  "title": target.title(lang)})
                    if target.type == "oefening":
                        meta = target.meta_for(lang)
                        sets[target.id] = ({"id": target.id, "title": meta["title"], "vragen": meta["vragen"]},
                                           target.src_uri)
                paths.append({"id": path.id, "title": path.title(lang), "src_uri": path.src_uri,
                              "description": path.meta_for(lang).get("samenvatting"), "steps": steps})
            self._jobs.submit(
                lang, self.config.parallel, cartridge.language_cartridges, paths, sets, dict(self.content.renderer.t(lang)["ex"]),
                self._site_url, lang, self._prefix(config, lang))
        return env

    def on_post_build(self, config):
        """Write the cartridges of the language just built, beside its path pages (during
        serve: once they are ready)."""
        self._jobs.deliver(config, lambda lang, files: self._write(config, lang, files), wait=not self.serving)

    def _write(self, config, lang: str, cartridges: dict[str, bytes]) -> None:
        for path_id, data in cartridges.items():
            entry = self.model.entries.get(path_id) if self.model else None
            if entry is None:  # removed by a later edit during serve
                continue
            folder = posixpath.dirname(entry.src_uri)
            target = Path(config.site_dir) / self._prefix(config, lang) / folder / EXPORT_DIR / f"{path_id}.imscc"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def on_build_error(self, error):
        self._jobs.cancel()
