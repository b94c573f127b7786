"""kb-content: validates the content model and renders the page parts generated from it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.dates import format_date
from markupsafe import Markup

import yaml
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from ..address import published_url
from ..collector import LongLivedObjects
from ..base import KeptAcrossRebuilds
from ..gitdates import last_changes
from ..hyphenate import keep_dictionaries_in
from .. import i18n
from ..errors import ContentError, report
from ..serve import keep_serving
from ..snippets import Snippets
from ..templates import PageHelpers, Renderer, bytecode_cache, url_resolver
from ..toc import rebuild_toc
from ..schema import load_schema, validate
from ..yamlmarks import YamlSyntaxError, load_marked_file
from .config import ContentConfig
from .links import check_links, check_nav
from .model import Model, build_model, read_front_matter
from .schemas import PageSchemas

log = get_plugin_logger(__name__)
PERIODS_SCHEMA = Path(__file__).parent / "schemas" / "perioden.yml"


def load_periods(path: Path, label: str) -> tuple[list[dict], list[ContentError]]:
    """The periods of the canon, in time order, and what is wrong with them."""
    try:
        marked = load_marked_file(path)
    except FileNotFoundError:
        return [], [ContentError(label, 1, "periods file not found (set 'periods' of kb-content)")]
    except YamlSyntaxError as exc:
        return [], [ContentError(label, exc.line, exc.message("not valid YAML"))]
    if not isinstance(marked.data, list):
        return [], [ContentError(label, 1, "the periods file must be a list of periods (start each period with '- id: ...')")]
    schema, errors, periods, seen = load_schema(PERIODS_SCHEMA), [], [], {}
    for index, period in enumerate(marked.data):
        found = validate(period, schema, marked.item(index), label)
        errors += found
        if found:
            continue
        line = marked.line_of([index, "id"])
        if period["id"] in seen:
            errors.append(ContentError(label, line, (
                f"id: {period['id']!r} is already used on line {seen[period['id']]} (ids must be unique: give this period another id)")))
            continue
        seen[period["id"]] = line
        if period["tot"] < period["van"]:
            errors.append(ContentError(label, marked.line_of([index, "tot"]), (
                f"tot: {period['tot']} is before van {period['van']} (the last year comes after the first)")))
            continue
        periods.append((period, index))
    periods.sort(key=lambda pair: pair[0]["van"])
    errors += [ContentError(label, marked.line_of([i, "van"]), (
        f"van: period {b['id']!r} ({b['van']}-{b['tot']}) overlaps {a['id']!r} ({a['van']}-{a['tot']}) "
        "(let each period start after the one before it ends)"))
        for (a, _), (b, i) in zip(periods, periods[1:]) if b["van"] <= a["tot"]]
    return [period for period, _ in periods], errors


def check_window_years(model: Model, periods: list[dict], label: str) -> list[ContentError]:
    """A window whose year lies in no period is left out of the canon's timeline."""
    if not periods:
        return []
    errors = []
    names = ", ".join(f"{p['id']} {p['van']}-{p['tot']}" for p in periods)
    for entry in model.entries.values():
        if entry.type != "venster" or entry.id in model.broken:
            continue
        meta, marks = entry.meta[model.default_language], entry.default.front.meta
        year, path = meta.get("jaar"), ["jaar"]
        if not isinstance(year, int) and isinstance(meta.get("periode"), dict):
            year, path = meta["periode"].get("van"), ["periode", "van"]
        if isinstance(year, int) and not isinstance(year, bool) and not any(
                p["van"] <= year <= p["tot"] for p in periods):
            errors.append(ContentError(entry.default.file, marks.line_of(path), (
                f"{'.'.join(path)}: {year} lies in no period of {label} ({names}), so the window would "
                f"not be on the timeline (check the year, or add a period for it in {label})")))
    return errors


def year_label(meta: dict) -> str:
    """'1925', or '1950–1970' for a window about a period."""
    if meta.get("jaar"):
        return str(meta["jaar"])
    period = meta.get("periode") or {}
    return f"{period.get('van', '')}–{period.get('tot', '')}".rstrip("–")


class ContentPlugin(KeptAcrossRebuilds, BasePlugin[ContentConfig]):
    def __init__(self):
        self.model: Model | None = None
        self.periods: list[dict] = []
        self.renderer: Renderer | None = None
        self._signature = None
        self._not_found: str | None = None
        self._parsed: dict[Path, tuple] = {}  # path -> (mtime_ns, front matter, error)
        self._checked: dict = {}  # file -> its schema errors, while its front matter is unchanged
        self._schemas = PageSchemas()
        self._snippets: dict[str, Snippets] = {}
        self._glossary_plugin = None
        self._snippets_for = None  # the glossary version the snippets were made with
        self._long_lived = LongLivedObjects()
        self._changed: dict[str, int] = {}  # file under the project root -> last change (git)
        self._anchors: dict[tuple[str, str], set[str]] = {}  # (lang, entry id) -> ids in its HTML
        # name -> callable giving (language or None for all, entry id, anchor, file, line,
        # field) for every section that content data points to (kb-exercises, kb-paths)
        self.anchor_sources: dict = {}

    # -- build-wide work, done once per set of sources --------------------------------------

    def on_pre_build(self, config):
        self._long_lived.begin()

    @event_priority(-300)  # last: after mkdocs-static-i18n built the other languages (-100)
    def on_post_build(self, config):
        self._long_lived.end()

    def on_build_error(self, error):
        self._long_lived.release()

    @event_priority(50)  # before kb-sources and kb-glossary read the model
    def on_files(self, files, config):
        if not self.config.enabled:
            return files
        # The labels are template data in the theme folder, not an asset of the site.
        labels = files.get_file_from_path(self.config.labels)
        if labels is not None:
            files.remove(labels)
        pages = [(f.src_uri, Path(f.abs_src_path)) for f in files.documentation_pages()
                 if f.abs_src_path and not f.generated_by]
        # mkdocs-static-i18n builds once per language; parse the sources only when they changed.
        root = Path(config.config_file_path).parent
        sources = config.plugins.get("kb-sources")
        glossary = config.plugins.get("kb-glossary")
        periods = root / self.config.periods
        signature = (tuple((uri, path.stat().st_mtime_ns) for uri, path in sorted(pages)),
                     periods.stat().st_mtime_ns if periods.exists() else None,
                     getattr(sources, "_signature", None), getattr(glossary, "_signature", None))
        if signature == self._signature and self.model is not None:
            return files
        docs_label = Path(config.docs_dir).relative_to(root).as_posix() if Path(config.docs_dir).is_relative_to(root) else config.docs_dir
        model, errors = build_model(
            pages, docs_label, i18n.languages(config), self._schemas,
            source_ids=sources.ids if sources else None,
            glossary_ids=glossary.ids if glossary else None,
            read=self._read, checked=self._checked,
        )
        link_errors, meta_anchors = check_links(model, {f.src_uri for f in files}, docs_label)
        errors += link_errors + check_nav(config, files, i18n.languages(config))
        self.anchor_sources["kb-content"] = lambda: meta_anchors
        self.periods, period_errors = self._load_periods(root)
        errors += period_errors or check_window_years(model, self.periods, self.config.periods)
        report(errors, log, "content")
        self.model, self._signature = model, signature
        self._changed = last_changes(root, docs_label)
        self._glossary_plugin = glossary
        if getattr(glossary, "_signature", None) != self._snippets_for:
            self._snippets, self._snippets_for = {}, getattr(glossary, "_signature", None)
        self._long_lived.freeze()
        return files

    def _read(self, path: Path):
        """Front matter of one file, parsed again only when the file changed (serve)."""
        stamp = path.stat().st_mtime_ns
        hit = self._parsed.get(path)
        if hit is None or hit[0] != stamp:
            try:
                hit = (stamp, read_front_matter(path), None)
            except (YamlSyntaxError, UnicodeDecodeError) as exc:
                hit = (stamp, None, exc)
            self._parsed[path] = hit
        if hit[2] is not None:
            raise hit[2]
        return hit[1]

    def _load_periods(self, root: Path):
        return load_periods(root / self.config.periods, self.config.periods)

    def on_nav(self, nav, config, files):
        # Pages are rendered before MkDocs' on_env, so the templates get their own theme env,
        # made once: the kb/ templates do not depend on the language pass.
        if self.config.enabled and self.renderer is None:
            # Compiled templates and parsed hyphenation patterns kept in .cache/kennisbank.
            keep_dictionaries_in(self._root(config) / ".cache" / "kennisbank")
            self.renderer = Renderer(config.theme.get_env(), self.config.labels, bytecode_cache(self._root(config)))
        elif self.renderer is not None:
            self.renderer.refresh()
        return nav

    # -- per page --------------------------------------------------------------------------

    @event_priority(30)  # after i18n (50)
    def on_page_markdown(self, markdown, page, config, files):
        if not self.config.enabled or self.model is None:
            return markdown
        hit = self.model.lookup(page.file.src_uri)
        lang = i18n.build_language(config)
        file_lang = hit[1] if hit else lang
        page.meta["kb_fallback"] = file_lang != lang
        page.meta["kb_file_lang"] = file_lang
        if hit and hit[0] is not None:
            page.meta.update(hit[0].meta_for(file_lang))  # translations inherit the structured fields
            if hit[0].type == "venster":  # the year in the navigation, breadcrumbs and tab title
                page.title = f"{year_label(page.meta)} · {page.meta.get('title', page.title)}"
        # Material prints titles as they are (its Jinja does not escape): a title is text, so
        # hand it over escaped. Markup is not escaped twice where a template does escape it.
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = Markup.escape(page.meta["title"])
        if isinstance(page.title, str):
            page.title = Markup.escape(page.title)
        return markdown

    @event_priority(50)  # the parts above the text; forms (55) come right after the text, lists (45) and the bottom parts (42) below
    def on_page_content(self, html, page, config, files):
        """The generated parts above and below the page's own text, as HTML (rendering them
        as Markdown cost more than the pages themselves)."""
        if not self.config.enabled or self.model is None:
            return html
        return self.renderer.render("kb/html/top.html", **self.context(page, config, files)) + html

    @event_priority(42)  # after the forms and lists of the other plugins, before notes and sources
    def _bottom(self, html, page, config, files):
        if not self.config.enabled or self.model is None:
            return html
        return html + self.renderer.render("kb/html/bottom.html", **self.context(page, config, files))

    @event_priority(5)  # after every plugin added its parts, before the search index reads them
    def _table_of_contents(self, html, page, config, files):
        if self.config.enabled:
            rebuild_toc(page, html)
            hit = self.model.lookup(page.file.src_uri) if self.model else None
            if hit and hit[0] is not None:
                # Kept across `mkdocs serve --dirty` rebuilds, which render changed pages only.
                self._anchors[(i18n.build_language(config), hit[0].id)] = set(page.present_anchor_ids or ())
        return html

    @staticmethod
    def _root(config) -> Path:
        return Path(config.config_file_path).parent

    @event_priority(100)  # every page of this language is rendered, none is written yet
    def on_env(self, env, config, files):
        """Sections that content data points to (an exercise's 'zie', a path step) must
        exist in every language: the same link serves the Dutch and the English page."""
        if self.config.enabled:
            env.bytecode_cache = bytecode_cache(self._root(config))  # the theme's templates
        if not self.config.enabled or self.model is None:
            return env
        lang, errors = i18n.build_language(config), []
        for source in self.anchor_sources.values():
            for text_lang, entry_id, anchor, file, line, field in source():
                if text_lang is not None and text_lang != lang:
                    continue
                ids = self._anchors.get((lang, entry_id))
                target = self.model.entries.get(entry_id)
                if ids is None or target is None or anchor in ids:
                    continue
                version = target.versions.get(lang) or target.default
                errors.append(ContentError(file, line, (
                    f"{field}: '#{anchor}' is not a section of {version.file} "
                    f"(give the heading there the id: `## Title {{: #{anchor} }}`, or fix the anchor)")))
        report(errors, log, "anchor")
        return env

    on_page_content = CombinedEvent(on_page_content, _bottom, _table_of_contents)

    @event_priority(-100)  # after every plugin saw the page's output
    def on_post_page(self, output, page, config):
        """The page is written: let go of its HTML, its Markdown and generated parts. mkdocs-static-i18n
        builds the next language while the previous language's pages are still referenced,
        so without this every page of every language stays in memory to the end."""
        page.content = page.markdown = None
        page.__dict__.pop("_kb_context", None)
        return output

    # -- shared with the other plugins ------------------------------------------------------

    def snippets(self, lang: str) -> Snippets:
        """The Markdown converter for content data of one language (with its tooltips)."""
        if lang not in self._snippets:
            glossary = self._glossary_plugin
            terms = glossary.tooltips(lang) if glossary and glossary.config.tooltips else None
            self._snippets[lang] = Snippets(terms)
        return self._snippets[lang]

    def context(self, page, config, files) -> dict:
        """What every generated part of ``page`` may use: labels, the model as references
        with addresses, and the Markdown helpers (made once per page)."""
        cached = page.__dict__.get("_kb_context")
        if cached is None:
            cached = page.__dict__["_kb_context"] = self._make_context(page, config, files)
        return cached

    def _make_context(self, page, config, files) -> dict:
        model, lang = self.model, i18n.build_language(config)
        hit = model.lookup(page.file.src_uri)
        entry = hit[0] if hit else None
        meta = entry.meta_for(page.meta.get("kb_file_lang") or lang) if entry else dict(page.meta)
        url_of = url_resolver(page, files)

        def ref(entry_id: str) -> dict:
            target = model.entries[entry_id]
            return {"id": entry_id, "title": target.title(lang), "type": target.type, "src": target.src_uri,
                    "url": url_of(target.src_uri), "meta": target.meta_for(lang),
                    "minutes": target.minutes(lang, self.config.reading_speed)}

        def refs(ids) -> list[dict]:
            return [ref(i) for i in ids or [] if i in model.entries]

        def of_type(page_type: str) -> list[dict]:
            return [ref(e.id) for e in model.of_type(page_type)]

        def canon_place() -> dict | None:
            """This window's place in the canon and its neighbours: only those two become
            references (every window listing the whole canon made the build quadratic)."""
            place = model.neighbours(entry.id) if entry is not None and entry.type == "venster" else None
            if place is None:
                return None
            index, total, previous, following = place
            return {"n": index + 1, "total": total, "previous": ref(previous) if previous else None,
                    "next": ref(following) if following else None}

        return {
            **PageHelpers(self.snippets(lang), entry.src_uri if entry else page.file.src_uri, url_of),
            "lang": lang, "t": self.renderer.t(lang), "page": page, "entry": entry, "meta": meta,
            "fallback": page.meta.get("kb_fallback", False), "ref": ref, "refs": refs,
            "of_type": of_type, "periods": self.periods, "period_of": self._period_of,
            # Home and overview pages link to everything; they are not "related".
            "referrers": refs(sorted((i for i in entry.referrers if model.entries[i].type not in ("pagina", "overzicht")),
                                     key=lambda i: (model.entries[i].type, model.entries[i].title(lang)))) if entry else [],
            "timeline": lambda: of_type("venster"), "canon_place": canon_place,
            "changed": self._change_date(page, config, lang),
            "cite": self._citation(page, config, lang, entry, meta),
        }

    def _change_date(self, page, config, lang: str) -> dict:
        """The date of the page's last change (git), or of this build without history."""
        root = Path(config.config_file_path).parent
        try:
            path = Path(page.file.abs_src_path).resolve().relative_to(root.resolve()).as_posix()
        except (TypeError, ValueError):
            path = None
        stamp = self._changed.get(path)
        day = (dt.datetime.fromtimestamp(stamp, dt.timezone.utc) if stamp else dt.datetime.now(dt.timezone.utc)).date()
        return {"iso": day.isoformat(), "long": format_date(day, "long", locale=lang),
                "apa": f"{day.year}, " + (format_date(day, "d MMMM", locale=lang) if lang == "nl"
                                          else format_date(day, "MMMM d", locale=lang))}

    def _citation(self, page, config, lang: str, entry, meta) -> dict | None:
        """APA 7 of a page of an organisation's site: the site is the author, the date is the
        last change, the address the permanent link (none without SITE_URL)."""
        if entry is None or entry.id == "start":
            return None
        permalinks = config.plugins.get("kb-permalinks")
        site = published_url(config)
        url = permalinks.permalink(page, config) if permalinks and site else None
        return {"author": config.site_name, "title": meta.get("title") or page.title, "url": url}

    def _period_of(self, window: dict) -> dict | None:
        meta = window["meta"]
        year = meta.get("jaar") or meta.get("periode", {}).get("van")
        return next((p for p in self.periods if p["van"] <= year <= p["tot"]), None)

    def on_serve(self, server, config, builder):
        return keep_serving(server, config.site_dir, log) if self.config.enabled else server

    def on_page_context(self, context, page, config, nav):
        # The template marks untranslated pages (fallbacks) with the language of their text.
        context["kb_fallback"] = page.meta.get("kb_fallback", False)
        context["kb_file_lang"] = page.meta.get("kb_file_lang")
        if self.renderer:
            context["kb_t"] = self.renderer.t(i18n.build_language(config))
        context["kb_serving"] = self.serving
        # mkdocs-static-i18n leaves the language switch of the home pages at root-absolute
        # addresses ("/", "/en/"), which break under a sub-path; point it at the page's file.
        own = getattr(page.file, "alternates", None) or {}
        alternates = getattr(config.extra, "alternate", None)
        if alternates and own:
            config.extra.alternate = [
                {**alt, "link": own[alt["lang"]].url or "./"}
                if str(alt.get("link", "")).startswith("/") and alt.get("lang") in own else alt
                for alt in alternates]
        return context

    def on_template_context(self, context, template_name, config):
        # 404.html is a theme template, not a page: give it the interface text and the home
        # page of its language (its links are absolute, as it is served at any address).
        if template_name == "404.html" and self.renderer:
            lang, default = i18n.build_language(config), i18n.languages(config)[0]
            root = context["base_url"].rstrip("/") + "/"
            home = {code: root + ("" if code == default else f"{code}/") for code in i18n.languages(config)}
            context["kb_t"] = self.renderer.t(lang)
            context["kb_home"] = home[lang]
            # The language selector would otherwise point to the last page of the previous
            # language pass (mkdocs-static-i18n sets it per page); pages reset it themselves.
            # i18n sets it as an attribute, which is what the templates read, not the dict item.
            alternates = getattr(config.extra, "alternate", None)
            if alternates:
                config.extra.alternate = [{**alt, "link": home.get(alt.get("lang"), alt["link"])}
                                          for alt in alternates]
        return context

    def on_post_template(self, output, template_name, config):
        # mkdocs-static-i18n renders the theme's 404.html in every language pass to the same
        # file, so the last language (English) would win. The site's root 404 page stays in
        # the default language; the others go to their own folder (en/404.html).
        if template_name != "404.html":
            return output
        lang = i18n.build_language(config)
        if lang == i18n.languages(config)[0]:
            self._not_found = output
            return output
        target = Path(config.site_dir) / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
        return self._not_found or output
