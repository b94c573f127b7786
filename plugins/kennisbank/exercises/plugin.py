"""kb-exercises: self-assessment exercises (page type ``oefening``), the progress page, the
trainers' overview and the QTI 1.2 / Moodle XML exports."""
from __future__ import annotations

import posixpath
from collections import Counter
from pathlib import Path

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from ..base import KeptAcrossRebuilds
from .. import i18n
from ..address import published_url
from ..background import LanguageJobs
from ..errors import ContentError, allowed_hint, report
from . import export
from .config import ExercisesConfig
from .questions import crowded_position, prepare_set

log = get_plugin_logger(__name__)


class ExercisesPlugin(KeptAcrossRebuilds, BasePlugin[ExercisesConfig]):
    def __init__(self):
        self.model = None
        self.content = None
        self._jobs = LanguageJobs()  # language -> its export files

    def _sets(self):
        return self.model.of_type("oefening") if self.model else []

    @event_priority(45)  # after kb-content built the model
    def on_files(self, files, config):
        if not self.config.enabled:
            return files
        self.content = config.plugins.get("kb-content")
        self.model = self.content.model if self.content else None
        if self.model is None:
            return files
        errors, seen = [], {}
        for entry in self._sets():
            version = entry.default
            meta, marks = entry.meta[self.model.default_language], version.front.meta
            subject = meta.get("onderwerp")
            if subject in self.model.entries:
                self.model.entries[subject].referrers.add(entry.id)
            elif isinstance(subject, str):
                errors.append(ContentError(version.file, marks.line_of(["onderwerp"]), (
                    f"onderwerp: {subject!r} is not a page id {allowed_hint(subject, self.model.ids())}")))
            for index, question in enumerate(meta.get("vragen") or []):
                see = question.get("zie") if isinstance(question, dict) else None
                if isinstance(see, str) and see.partition("#")[0] not in self.model.entries:
                    target = see.partition("#")[0]
                    errors.append(ContentError(version.file, marks.line_of(["vragen", index, "zie"]), (
                        f"vragen[{index}].zie: {target!r} is not a page id {allowed_hint(target, self.model.ids())}")))
                qid = question.get("id") if isinstance(question, dict) else None
                if not qid:
                    continue
                here = f"{version.file}:{marks.line_of(['vragen', index, 'id'])}"
                if qid in seen:
                    errors.append(ContentError(version.file, marks.line_of(["vragen", index, "id"]), (
                        f"vragen[{index}].id: {qid!r} is already used by {seen[qid]} "
                        "(question ids must be unique across the site)")))
                else:
                    seen[qid] = here
        for entry in self._sets():
            crowded = crowded_position(prepare_set(entry.meta[self.model.default_language].get("vragen") or []))
            if crowded:
                position, count, total = crowded
                errors.append(ContentError(entry.default.file, entry.default.front.meta.line_of(["vragen"]), (
                    f"vragen: {count} of the set's {total} right answers are shown as option {position + 1}; "
                    "a reader who always picks that option passes (add options or questions, or vary them)")))
        report(errors, log, "exercise")
        self.content.anchor_sources["kb-exercises"] = self._see_anchors
        return files

    def _see_anchors(self):
        for entry in self._sets():
            marks = entry.default.front.meta
            for index, q in enumerate(entry.meta[self.model.default_language].get("vragen") or []):
                target, _, anchor = (q.get("zie") or "").partition("#")
                if anchor:
                    yield None, target, anchor, entry.default.file, marks.line_of(["vragen", index, "zie"]), f"vragen[{index}].zie"

    @event_priority(55)  # the exercise form right after the page's own text (kb-content: 50)
    def on_page_content(self, html, page, config, files):
        if not self.config.enabled or self.model is None:
            return html
        meta = page.meta
        if meta.get("type") == "oefening":
            context = self.content.context(page, config, files)
            questions = prepare_set(meta["vragen"])
            for q in questions:
                self._see_also(q, context)
            return html + self.content.renderer.render(
                "kb/html/exercise.html", **context, questions=questions, source=self.model.entries[meta["id"]].src_uri,
                set={"id": meta["id"], "title": meta["title"]})
        return html

    @event_priority(45)  # lists of overview pages, before kb-content's bottom parts (42)
    def _lists(self, html, page, config, files):
        meta = page.meta
        if not self.config.enabled or self.model is None or meta.get("type") != "overzicht" \
                or meta.get("lijst") not in ("oefeningen", "voortgang"):
            return html
        context = self.content.context(page, config, files)
        lang, prefix = context["lang"], self._prefix(config, context["lang"])
        here = page.url if page.url.endswith("/") else posixpath.dirname(page.url)

        def download(name):
            return posixpath.relpath(f"{prefix}{self.config.export_dir}/{name}", here or ".")

        sets = self._rows(context)
        for row in sets:
            row["qti"], row["moodle"] = download(f"{row['id']}.qti.zip"), download(f"{row['id']}.moodle.xml")
        bank = []
        if meta["lijst"] == "voortgang":  # every question, for review of the ones missed
            for row in sets:
                questions = prepare_set(self.model.entries[row["id"]].meta_for(lang)["vragen"])
                for q in questions:
                    self._see_also(q, context)
                bank.append({**row, "questions": questions})
        return html + self.content.renderer.render(
            f"kb/html/lists/{meta['lijst']}.html", **context, sets=sets, bank=bank, export={
                "qti_all": download("alle-oefeningen.qti.zip"), "moodle_all": download("alle-oefeningen.moodle.xml")})

    on_page_content = CombinedEvent(on_page_content, _lists)

    def _see_also(self, q: dict, context: dict) -> None:
        """The address and title of the section that explains the answer (field ``zie``)."""
        if not q.get("zie"):
            return
        target, _, anchor = q["zie"].partition("#")
        ref = context["ref"](target) if target in self.model.entries else None
        if ref and ref["url"]:
            q["zie_url"] = ref["url"] + (f"#{anchor}" if anchor else "")
            q["zie_title"] = ref["title"]

    def _rows(self, context):
        rows = []
        lang, ref = context["lang"], context["ref"]
        for entry in self._sets():
            meta = entry.meta_for(lang)
            kinds = Counter(q["soort"] for q in meta["vragen"])
            rows.append({
                **ref(entry.id),
                "module": ref(meta["onderwerp"]) if meta.get("onderwerp") in self.model.entries else None,
                "questions": len(meta["vragen"]), "scored": sum(n for k, n in kinds.items() if k != "reflectie"),
                "kinds": sorted(kinds.items()),
            })
        return rows

    def _prefix(self, config, lang) -> str:
        return "" if lang == i18n.languages(config)[0] else f"{lang}/"

    def on_pre_build(self, config):
        self._jobs.begin(config, self.config.parallel)

    @event_priority(-100)
    def on_env(self, env, config, files):
        """The model is complete: compute the exports of every language in a second process
        while the pages are written (once per build, at the first language)."""
        if not self.config.enabled or not self.config.export or self.model is None or self._jobs.started():
            return env
        for lang in i18n.languages(config):
            prefix = self._prefix(config, lang)
            sets = [({"id": e.id, "title": e.meta_for(lang)["title"], "vragen": e.meta_for(lang)["vragen"]}, e.src_uri)
                    for e in self._sets()]
            self._jobs.submit(
                lang, self.config.parallel, export.language_exports, sets, dict(self.content.renderer.t(lang)["ex"]),
                published_url(config), prefix, self._site_name(config, lang))
        return env

    @staticmethod
    def _site_name(config, lang) -> str:
        """The site's name in a language (mkdocs-static-i18n's per-language site_name): the
        exports of every language are computed in the first language's build."""
        plugin = config.plugins.get("i18n")
        for language in plugin.config.languages if plugin is not None else []:
            if language.locale == lang and getattr(language, "site_name", None):
                return language.site_name
        return config.site_name

    def on_post_build(self, config):
        """Write the exports of the language just built (during serve: once they are ready)."""
        self._jobs.deliver(config, lambda lang, files: self._write(config, lang, files), wait=not self.serving)

    def _write(self, config, lang: str, files: dict[str, bytes]) -> None:
        folder = Path(config.site_dir) / self._prefix(config, lang) / self.config.export_dir
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)

    def on_build_error(self, error):
        self._jobs.cancel()
