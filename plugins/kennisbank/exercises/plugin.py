"""kb-exercises: self-assessment exercises (page type ``oefening``), the progress page, the
trainers' overview and the QTI 1.2 / Moodle XML exports."""
from __future__ import annotations

import posixpath
from collections import Counter
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from ..base import KeptAcrossRebuilds
from .. import i18n
from ..errors import ContentError, allowed_hint, report
from ..templates import relative_link
from . import export
from .config import ExercisesConfig
from .questions import prepare

log = get_plugin_logger(__name__)


class ExercisesPlugin(KeptAcrossRebuilds, BasePlugin[ExercisesConfig]):
    def __init__(self):
        self.model = None
        self.content = None
        # Kept across languages and `mkdocs serve` rebuilds: a snippet is converted once.
        self._converter = export.Converter()

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
        report(errors, log, "exercise")
        return files

    @event_priority(25)  # after kb-content (30), before kb-sources (20) and kb-glossary (10)
    def on_page_markdown(self, markdown, page, config, files):
        if not self.config.enabled or self.model is None:
            return markdown
        lang = i18n.build_language(config)
        renderer = self.content.renderer
        t = renderer.t(lang)
        meta = page.meta
        if meta.get("type") == "oefening":
            questions = [prepare(q) for q in meta["vragen"]]
            part = renderer.render("kb/exercise.md", t=t, lang=lang, questions=questions,
                                   set={"id": meta["id"], "title": meta["title"]})
            return markdown + "\n\n" + part
        if meta.get("type") == "overzicht" and meta.get("lijst") in ("oefeningen", "voortgang"):
            sets = self._rows(page, lang)
            prefix = self._prefix(config, lang)
            here = page.url if page.url.endswith("/") else posixpath.dirname(page.url)

            def download(name):
                return posixpath.relpath(f"{prefix}{self.config.export_dir}/{name}", here or ".")

            for row in sets:
                row["qti"], row["moodle"] = download(f"{row['id']}.qti.zip"), download(f"{row['id']}.moodle.xml")
            part = renderer.render(f"kb/lists/{meta['lijst']}.md", t=t, lang=lang, sets=sets, export={
                "qti_all": download("alle-oefeningen.qti.zip"), "moodle_all": download("alle-oefeningen.moodle.xml")})
            return markdown + "\n\n" + part
        return markdown

    def _rows(self, page, lang):
        rows = []
        for entry in self._sets():
            meta = entry.meta_for(lang)
            subject = self.model.entries.get(meta.get("onderwerp"))
            kinds = Counter(q["soort"] for q in meta["vragen"])
            rows.append({
                "id": entry.id, "title": meta["title"], "link": relative_link(page.file.src_uri, entry.src_uri),
                "module": {"title": subject.title(lang), "link": relative_link(page.file.src_uri, subject.src_uri)}
                if subject else None,
                "questions": len(meta["vragen"]), "scored": sum(n for k, n in kinds.items() if k != "reflectie"),
                "kinds": sorted(kinds.items()),
            })
        return rows

    def _prefix(self, config, lang) -> str:
        return "" if lang == i18n.languages(config)[0] else f"{lang}/"

    def on_post_build(self, config):
        """Write the exports of the language just built (mkdocs-static-i18n builds each)."""
        if not self.config.enabled or not self.config.export or self.model is None:
            return
        lang = i18n.build_language(config)
        prefix = self._prefix(config, lang)
        labels = {**self.content.renderer.t(lang)["ex"]}
        folder = Path(config.site_dir) / prefix / self.config.export_dir
        folder.mkdir(parents=True, exist_ok=True)
        site_url = config.site_url or "/"
        sets = []
        converter = self._converter
        for entry in self._sets():
            meta = entry.meta_for(lang)
            exercise = {"id": entry.id, "title": meta["title"], "vragen": meta["vragen"]}
            texts = export.Texts(entry.src_uri, site_url, prefix, converter)
            sets.append((exercise, texts))
            (folder / f"{entry.id}.qti.zip").write_bytes(export.qti_package([(exercise, texts)], labels))
            (folder / f"{entry.id}.moodle.xml").write_bytes(export.moodle_xml([(exercise, texts)], labels, config.site_name))
        (folder / "alle-oefeningen.qti.zip").write_bytes(export.qti_package(sets, labels))
        (folder / "alle-oefeningen.moodle.xml").write_bytes(export.moodle_xml(sets, labels, config.site_name))
