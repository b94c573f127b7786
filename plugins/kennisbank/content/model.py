"""The content model: every typed page, its translations and the references between them."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, allowed_hint
from ..schema import validate
from ..yamlmarks import FrontMatter, YamlSyntaxError, read_text, split_front_matter
from . import reading
from .schemas import PageSchemas
from .translate import merge_meta

# Reference fields and the page type they point to (None: any typed page).
REFERENCE_FIELDS = {
    "hoofdstrategie": "strategie",
    "nevenstrategieen": "strategie",
    "methoden": "methode",
    "themas": "thema",
    "verwante_vensters": "venster",
    "zie_ook": None,
}
KIND_NAMES = {
    "strategie": "a strategy",
    "methode": "a method",
    "thema": "a theme",
    "venster": "a canon window",
    "praktijkvoorbeeld": "a practice case",
    None: "a page id",
}


@dataclass
class Version:
    """One language version of a page: its file, front matter and body."""

    lang: str
    src_uri: str
    file: str  # path shown in messages, e.g. docs/canon/1925-opbouw-drenthe.md
    front: FrontMatter


@dataclass
class Entry:
    id: str
    type: str
    versions: dict[str, Version] = field(default_factory=dict)
    meta: dict[str, dict] = field(default_factory=dict)  # merged meta per language
    referrers: set[str] = field(default_factory=set)  # ids of pages that refer to this one
    _minutes: dict = field(default_factory=dict, repr=False)

    @property
    def src_uri(self) -> str:
        """The default-language source path: what links point to."""
        return self.default.src_uri

    @property
    def default(self) -> Version:
        return next(iter(self.versions.values()))

    def meta_for(self, lang: str) -> dict:
        return self.meta.get(lang) or next(iter(self.meta.values()))

    def title(self, lang: str) -> str:
        return self.meta_for(lang).get("title", self.id)

    def minutes(self, lang: str, words_per_minute: int) -> int:
        """Reading (or working) time of the page in ``lang``, made once per build."""
        key = (lang, words_per_minute)
        if key not in self._minutes:
            version = self.versions.get(lang) or self.default
            self._minutes[key] = reading.minutes(version.front.body, self.meta_for(lang), words_per_minute)
        return self._minutes[key]

    @property
    def sort_year(self) -> int:
        meta = next(iter(self.meta.values()))
        if "jaar" in meta:
            return meta["jaar"]
        return meta.get("periode", {}).get("van", 0)


class Model:
    def __init__(self, languages: list[str]):
        self.languages = languages  # default language first
        self.entries: dict[str, Entry] = {}
        self.by_src: dict[str, tuple[Entry, str]] = {}  # src_uri -> (entry, lang of file)
        self.untyped: dict[str, Version] = {}  # plain pages without id
        self.broken: set[str] = set()  # ids of pages with errors of their own (checks of others skip them)
        self._of_type: dict[str, list[Entry]] = {}
        self._places: dict[str, dict[str, int]] = {}  # type -> entry id -> index in of_type()

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def of_type(self, page_type: str) -> list[Entry]:
        """The entries of a type in reading order (windows by year, the rest by title). Sorted
        once: a model is not changed after build_model, and pages ask for this on every page."""
        if page_type not in self._of_type:
            found = [e for e in self.entries.values() if e.type == page_type]
            if page_type == "venster":
                found.sort(key=lambda e: (e.sort_year, e.id))
            else:
                found.sort(key=lambda e: e.title(self.default_language).lower())
            self._of_type[page_type] = found
        return list(self._of_type[page_type])

    def neighbours(self, entry_id: str) -> tuple[int, int, str | None, str | None] | None:
        """(place, total, previous id, next id) of an entry among the entries of its type, in
        the order of of_type() (a window's place in the canon); made once per type."""
        entry = self.entries.get(entry_id)
        if entry is None:
            return None
        if entry.type not in self._places:
            self._places[entry.type] = {e.id: i for i, e in enumerate(self.of_type(entry.type))}
        ordered, index = self._of_type[entry.type], self._places[entry.type][entry_id]
        return (index, len(ordered), ordered[index - 1].id if index > 0 else None,
                ordered[index + 1].id if index + 1 < len(ordered) else None)

    def lookup(self, src_uri: str):
        return self.by_src.get(src_uri)

    def ids(self, page_type=None) -> set[str]:
        return {e.id for e in self.entries.values() if page_type is None or e.type == page_type}


def language_of(src_uri: str, languages: list[str]) -> tuple[str, str]:
    """('en', 'x/page.md') for 'x/page.en.md'; the default language otherwise."""
    stem, ext = posixpath.splitext(src_uri)
    for lang in languages[1:]:
        if stem.endswith("." + lang):
            return lang, stem[: -len(lang) - 1] + ext
    return languages[0], src_uri


def read_front_matter(path: Path) -> FrontMatter:
    text = read_text(path)
    if not text.strip():
        raise YamlSyntaxError(1, "is empty", "write the page's front matter and text, or delete the file",
                              field="file")
    return split_front_matter(text)


SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _stem(src_uri: str) -> str:
    return posixpath.splitext(posixpath.basename(src_uri))[0]


ID_LINE = re.compile(r"^id:[ \t]*['\"]?([a-z0-9-]+)", re.MULTILINE)


def _ids_of_unreadable(path: Path, src_uri: str) -> set[str]:
    """The ids a page that could not be read probably has: its file name and its 'id:' line."""
    ids = {posixpath.splitext(posixpath.basename(src_uri))[0]}
    try:
        ids.update(ID_LINE.findall(path.read_bytes().decode("utf-8", "replace")))
    except OSError:
        pass
    return ids


def _meant_type(meta: dict, page_type: str, schemas: PageSchemas) -> str | None:
    """The one other page type whose fields the page has, when it has several that its own
    type does not know (a page written as a strategy but typed 'methode')."""
    fields = {str(name) for name in meta}
    if len(fields - schemas.fields(page_type)) < 2:
        return None
    fitting = [t for t in schemas.types if t != page_type and not fields - schemas.fields(t)]
    complete = [t for t in fitting if set(schemas.for_type(t)["required"]) <= fields]
    return complete[0] if len(complete) == 1 else None


def build_model(pages: list[tuple[str, Path]], docs_label: str, languages: list[str],
                schemas: PageSchemas, source_ids: set[str] | None,
                glossary_ids: set[str] | None, read=read_front_matter,
                checked: dict | None = None) -> tuple[Model, list[ContentError]]:
    """Parse, validate and cross-check every page. ``pages`` holds (src_uri, abs_path);
    ``read`` parses one file (the plugin passes one that remembers unchanged files), and
    ``checked`` keeps each file's schema errors for as long as ``read`` gives the same front
    matter object (during `mkdocs serve`, validating every page again cost seconds per edit)."""
    checked = {} if checked is None else checked

    def validated(meta, schema, marks, file):
        hit = checked.get(file)
        if hit is None or hit[0] is not marks or hit[1] is not schema:
            hit = checked[file] = (marks, schema, validate(meta, schema, marks, file))
        return list(hit[2])

    model = Model(languages)
    errors: list[ContentError] = []
    default = languages[0]
    parsed: dict[str, tuple[str, str, Version]] = {}  # src_uri -> (lang, base_uri, version)
    # Pages with an error of their own. What other pages say about them (a reference to their
    # id, a translation of them) only follows from that error and is not reported apart.
    broken_ids = model.broken
    unread: set[str] = set()  # src_uris of files that could not be read
    broken_files: set[str] = set()

    for src_uri, path in sorted(pages):
        label = f"{docs_label}/{src_uri}"
        try:
            front = read(path)
        except YamlSyntaxError as exc:
            errors.append(ContentError(label, exc.line, exc.message()))
            unread.add(src_uri)
            broken_ids.update(_ids_of_unreadable(path, src_uri))
            continue
        except UnicodeDecodeError:
            errors.append(ContentError(label, 1, "file: is not UTF-8 text (save the file as UTF-8)"))
            unread.add(src_uri)
            broken_ids.update(_ids_of_unreadable(path, src_uri))
            continue
        lang, base = language_of(src_uri, languages)
        parsed[src_uri] = (lang, base, Version(lang, src_uri, label, front))

    # Default-language pages define the entries.
    for src_uri, (lang, base, version) in parsed.items():
        if lang != default:
            continue
        meta, marks = version.front.meta.data, version.front.meta
        page_type = meta.get("type")
        own_ids = {posixpath.splitext(posixpath.basename(src_uri))[0]} | (
            {meta["id"]} if isinstance(meta.get("id"), str) else set())
        if page_type is None:
            if meta:
                errors.append(ContentError(version.file, marks.first_line - 1, (
                    f"type: required field is missing (allowed: {', '.join(schemas.types)})")))
                broken_ids.update(own_ids)
                broken_files.add(version.file)
            model.untyped[src_uri] = version
            model.by_src[src_uri] = (None, lang)
            continue
        if not isinstance(page_type, str) or page_type not in schemas.types:
            errors.append(ContentError(version.file, marks.line_of(["type"]), (
                f"type: {page_type!r} is not a page type {allowed_hint(page_type, schemas.types)}")))
            broken_ids.update(own_ids)
            broken_files.add(version.file)
            continue
        found = validated(meta, schemas.for_type(page_type), marks, version.file)
        meant = _meant_type(meta, page_type, schemas) if found else None
        if meant:  # a wrong type makes every other field look wrong: one message
            found = [ContentError(version.file, marks.line_of(["type"]), (
                f"type: the fields of this page are those of a {meant}, not of a {page_type} "
                f"(did you mean 'type: {meant}'?)"))]
        errors += found
        if found:
            broken_ids.update(own_ids)
            broken_files.add(version.file)
        entry_id = meta.get("id") if isinstance(meta.get("id"), str) and meta.get("id") else posixpath.splitext(src_uri)[0]
        if entry_id in model.entries:
            first = model.entries[entry_id].default
            if _stem(first.src_uri) != entry_id and _stem(src_uri) == entry_id:
                # The page named after the id keeps it: the other one has the id to change.
                del model.entries[entry_id]
                model.by_src.pop(first.src_uri, None)
                first, version = version, first
            broken_ids.update({_stem(version.src_uri)} - {entry_id})
            broken_files.add(version.file)
            stem = _stem(version.src_uri)
            fix = (f"the file name suggests '{stem}'" if SLUG.match(stem) and stem not in model.entries
                   else "rename one")
            errors.append(ContentError(version.file, version.front.meta.line_of(["id"]), (
                f"id: {entry_id!r} is already used by {first.file}:{first.front.meta.line_of(['id'])} "
                f"(ids must be unique across the site; {fix})")))
            if version.src_uri != src_uri:  # the page in hand takes the id
                entry = Entry(entry_id, page_type, {lang: first}, {lang: dict(meta)})
                model.entries[entry_id] = entry
                model.by_src[src_uri] = (entry, lang)
            continue
        entry = Entry(entry_id, page_type, {lang: version}, {lang: dict(meta)})
        model.entries[entry_id] = entry
        model.by_src[src_uri] = (entry, lang)

    # Translations inherit structure from the default-language page.
    for src_uri, (lang, base, version) in parsed.items():
        if lang == default:
            continue
        owner = model.by_src.get(base)
        if owner is None:
            if base not in parsed and base not in unread:
                errors.append(ContentError(version.file, 1, (
                    f"translation without a Dutch page: {docs_label}/{base} does not exist "
                    "(create the Dutch page first, or rename this file)")))
            continue
        entry, _ = owner
        model.by_src[src_uri] = (entry, lang)
        if entry is None:  # untyped plain page
            continue
        marks = version.front.meta
        # A translation is checked against its Dutch page: a Dutch page with errors (a wrong
        # type, a missing list) would make a sound translation look wrong.
        dutch_sound = entry.default.file not in broken_files
        schema = schemas.for_translation(entry.type)
        found = validated(marks.data, schema, marks, version.file) if dutch_sound else []
        # An optional text the Dutch page has and the translation lacks would show in Dutch.
        found += [ContentError(version.file, marks.first_line - 1, (
            f"{name}: the Dutch page has it; translate it here too (or remove it from the Dutch page)"))
            for name in sorted(schemas.translatable(entry.type))
            if dutch_sound and name in entry.meta[default] and name not in marks.data and name != "description"
            and name not in schema["required"]]  # the schema reports those
        errors += found
        entry.versions[lang] = version
        if found:  # merging a translation of the wrong shape gives nothing worth saying
            entry.meta[lang] = dict(entry.meta[default])
            continue
        entry.meta[lang], merge_errors = merge_meta(entry.meta[default], marks.data, version.file, marks)
        errors += merge_errors if dutch_sound else []

    # References between pages and to the bibliography and glossary.
    for entry in model.entries.values():
        version = entry.default
        meta, marks = entry.meta[default], version.front.meta
        for field_name, kind in REFERENCE_FIELDS.items():
            values = meta.get(field_name)
            single = isinstance(values, str)
            if not (single or isinstance(values, list)):
                continue
            allowed = model.ids(kind)
            for index, value in enumerate([values] if single else values):
                path = [field_name] if single else [field_name, index]
                if not isinstance(value, str):
                    continue  # the schema says what is wrong with it
                if value in allowed:
                    model.entries[value].referrers.add(entry.id)
                elif value not in broken_ids:
                    errors.append(ContentError(version.file, marks.line_of(path), (
                        f"{field_name}: {value!r} is not {KIND_NAMES[kind]} {allowed_hint(value, allowed)}")))
        also = meta.get("nevenstrategieen")
        if isinstance(also, list) and isinstance(meta.get("hoofdstrategie"), str) and meta["hoofdstrategie"] in also:
            errors.append(ContentError(version.file, marks.line_of(["nevenstrategieen", also.index(meta["hoofdstrategie"])]), (
                f"nevenstrategieen: {meta['hoofdstrategie']!r} is already the hoofdstrategie "
                "(list only the other strategies here)")))
        for field_name, known, what in (("bronnen", source_ids, "a source in the bibliography (data/bronnen/)"),
                                        ("begrippen", glossary_ids, "a glossary term (data/begrippen.yml)")):
            if known is None or not isinstance(meta.get(field_name), list):
                continue
            for index, value in enumerate(meta[field_name]):
                if isinstance(value, str) and value not in known:
                    errors.append(ContentError(version.file, marks.line_of([field_name, index]), (
                        f"{field_name}: {value!r} is not {what} {allowed_hint(value, known)}")))
    return model, errors
