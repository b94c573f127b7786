"""kb-glossary: the glossary page and tooltips for glossary terms on every page."""
from __future__ import annotations

import difflib
import re
from pathlib import Path

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from ..base import KeptAcrossRebuilds
from .. import i18n
from ..errors import ContentError, allowed_hint, report
from ..schema import load_schema, validate
from ..content.model import language_of
from ..yamlmarks import YamlSyntaxError, load_marked_file
from .tooltips import TrieAbbr
from .config import GlossaryConfig
from .terms import check_english, term_list

log = get_plugin_logger(__name__)
SCHEMA = Path(__file__).parent / "schema.yml"
ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)
# Links and headings keep their own styling; a tooltip there only adds a second underline.
NO_TOOLTIP = re.compile(r"<(a|h[1-6])\b[^>]*>.*?</\1>", re.S)


def load_glossary(path: Path, label: str):
    """(terms, their marks, errors) of the glossary file."""
    errors: list[ContentError] = []
    try:
        marked = load_marked_file(path)
    except FileNotFoundError:
        return [], None, [ContentError(label, 1, "glossary not found (set 'glossary' of kb-glossary)")]
    except YamlSyntaxError as exc:
        return [], None, [ContentError(label, exc.line, exc.message("not valid YAML"))]
    if not isinstance(marked.data, list):
        return [], marked, [ContentError(label, 1, (
            "the glossary must be a list of terms (start each term with '- id: ...')"))]
    schema = load_schema(SCHEMA)
    terms, seen, words = [], {}, {}
    for index, term in enumerate(marked.data):
        sub = marked.item(index)
        found = validate(term, schema, sub, label)
        errors += found
        if found:
            continue
        if term["id"] in seen:
            errors.append(ContentError(label, sub.line_of(["id"]), (
                f"id: {term['id']!r} is already used on line {seen[term['id']]} "
                "(ids must be unique: merge the two terms, or give this one another id)")))
            continue
        seen[term["id"]] = sub.line_of(["id"])
        # One word must not point to two definitions: the tooltip would be ambiguous.
        for field in ("term", "synoniemen"):
            values = term.get(field) or []
            for pos, word in enumerate([values] if isinstance(values, str) else values):
                key = word.lower()
                if key in words and words[key] != term["id"]:
                    path = [field] if field == "term" else [field, pos]
                    errors.append(ContentError(label, sub.line_of(path), (
                        f"{field}: {word!r} is also a term or synonym of {words[key]!r} (use it once)")))
                words[key] = term["id"]
        terms.append(term)
    return terms, marked, errors


class GlossaryPlugin(KeptAcrossRebuilds, BasePlugin[GlossaryConfig]):
    def __init__(self):
        self.terms: list[dict] = []
        self._marked = None

    @property
    def ids(self) -> set[str]:
        return {t["id"] for t in self.terms}

    def on_config(self, config):
        if not self.config.enabled:
            return config
        if self.config.tooltips and "abbr" in config.markdown_extensions and not any(
                isinstance(e, TrieAbbr) for e in config.markdown_extensions):
            config.markdown_extensions.append(TrieAbbr())  # after abbr: see tooltips.py
        root = Path(config.config_file_path).parent
        label = self.config.glossary
        # mkdocs-static-i18n runs on_config once per language: load only when the file changed.
        source = root / label
        signature = source.stat().st_mtime_ns if source.exists() else None
        if signature is not None and signature == getattr(self, "_signature", None):
            return config
        self._abbr_cache = {}
        terms, marked, errors = load_glossary(root / label, label)
        report(errors, log, "glossary")
        self.terms, self._marked, self._signature = terms, marked, signature
        return config

    @event_priority(40)
    def on_files(self, files, config):
        """Check that every term's 'pagina' exists, once the files are known."""
        if not self.config.enabled:
            return files
        uris = {f.src_uri for f in files.documentation_pages()}
        dutch = sorted(u for u in uris if language_of(u, i18n.languages(config))[0] == i18n.languages(config)[0])
        errors = []
        for index, term in enumerate(self.terms):
            page = term.get("pagina", "").split("#")[0]
            if page and page not in uris:
                close = difflib.get_close_matches(page, dutch, n=1, cutoff=0.6)
                errors.append(ContentError(self.config.glossary, self._marked.item(index).line_of(["pagina"]), (
                    f"pagina: {page!r} is not a page " + (f"(did you mean {close[0]!r}?)" if close else
                                                          "(give the path of a Dutch page relative to docs/)"))))
        sources = config.plugins.get("kb-sources")
        if sources:
            for index, term in enumerate(self.terms):
                for pos, source_id in enumerate(term.get("bronnen") or []):
                    if source_id not in sources.ids:
                        errors.append(ContentError(self.config.glossary, self._marked.item(index).line_of(["bronnen", pos]), (
                            f"bronnen: {source_id!r} is not a source in the bibliography {allowed_hint(source_id, sources.ids)}")))
        content = config.plugins.get("kb-content")
        model = content.model if content else None
        if model is not None:
            # Once per model and glossary: mkdocs-static-i18n runs on_files once per language.
            checked = getattr(self, "_english_checked", None)
            if checked is None or checked[0] is not model or checked[1] != getattr(self, "_signature", None):
                english = [v for e in model.entries.values() for lang, v in e.versions.items() if lang == "en"]
                lines = {t["id"]: self._marked.item(i).line_of(["id"]) for i, t in enumerate(self.terms)}
                found = check_english(self.terms, english, self.config.glossary, lambda t: lines[t["id"]])
                checked = self._english_checked = (model, getattr(self, "_signature", None), found)
            errors += checked[2]
        report(errors, log, "glossary")
        return files

    @event_priority(10)  # last: tooltips apply to the generated parts too
    def on_page_markdown(self, markdown, page, config, files):
        if not self.config.enabled:
            return markdown
        lang = i18n.build_language(config)
        if self.config.tooltips:
            # The abbr extension's glossary option applies every term without a line of
            # Markdown per term (appended definitions made each block processor re-scan the
            # page once per line: quadratic in the glossary's size). MkDocs builds the
            # page's Markdown converter right after this event, from these options.
            text_lang = page.meta.get("kb_file_lang") or lang
            config.mdx_configs.setdefault("abbr", {})["glossary"] = self.tooltips(text_lang)
        return markdown

    @event_priority(45)  # the glossary page's list, before kb-content's bottom parts (42)
    def on_page_content(self, html, page, config, files):
        if not self.config.enabled:
            return html
        lijst = page.meta.get("lijst") if page.meta.get("type") == "overzicht" else None
        if lijst in ("begrippen", "flitskaarten"):  # the glossary, and flashcards made from it
            content = config.plugins["kb-content"]
            context = content.context(page, config, files)
            html += content.renderer.render(f"kb/html/lists/{lijst}.html", **context,
                                            terms=self._for_page(context["lang"], context["url"]),
                                            term_list=term_list(self.terms))
        return html

    @event_priority(10)  # last but the search index: every part is in the page by now
    def _first_tooltips(self, html, page, config, files):
        """Keep one tooltip per term: the first in running text. Every occurrence underlined
        makes a B1 text hard to read, and a tooltip inside a link or heading clashes with it."""
        if not self.config.enabled or not self.config.tooltips:
            return html
        return first_tooltips_only(html)

    on_page_content = CombinedEvent(on_page_content, _first_tooltips)

    def _for_page(self, lang: str, url_of) -> list[dict]:
        rows = []
        for term in self.terms:
            head = term["term"] if lang == "nl" else term["engels"]
            other = term["engels"] if lang == "nl" else term["term"]
            rows.append({
                "id": term["id"], "head": head, "letter": head[:1].upper(), "other": other,
                "synonyms": term.get("synoniemen" if lang == "nl" else "synoniemen_en") or [],
                "definition": term["definitie"] if lang == "nl" else term["definitie_en"],
                "link": url_of(term["pagina"].split("#")[0]) + ("#" + term["pagina"].split("#")[1] if "#" in term["pagina"] else "")
                if term.get("pagina") else None,
            })
        return sorted(rows, key=lambda r: r["head"].lower())

    def tooltips(self, lang: str) -> dict[str, str]:
        """{word: definition} for every term and synonym in ``lang``, made once per language
        and glossary version."""
        cache = self.__dict__.setdefault("_abbr_cache", {})
        if lang not in cache:
            cache[lang] = tooltip_glossary(self.terms, lang)
        return cache[lang]


def first_tooltips_only(html: str) -> str:
    """The page's HTML with a tooltip only on the first use of each term, and none in links
    or headings."""
    html = NO_TOOLTIP.sub(lambda m: ABBR.sub(r"\2", m.group(0)), html)
    seen = set()

    def first_only(match):
        if match.group(1) in seen:
            return match.group(2)
        seen.add(match.group(1))
        return match.group(0)

    return ABBR.sub(first_only, html)


def tooltip_glossary(terms: list[dict], lang: str) -> dict[str, str]:
    glossary: dict[str, str] = {}
    for term in terms:
        if lang == "nl":
            words = [term["term"], *(term.get("synoniemen") or [])]
            definition = term["definitie"]
        else:
            words = [term["engels"], *(term.get("synoniemen_en") or [])]
            definition = term["definitie_en"]
        definition = " ".join(definition.split())
        for word in words:
            glossary[word] = definition  # a later entry wins, as a later definition line did
    return glossary
