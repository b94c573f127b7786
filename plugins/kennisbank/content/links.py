"""Checks relative links and images in page bodies, and the nav, before MkDocs renders anything.

MkDocs reports a missing link target without a line number; authors need the line.
Anchors are checked once the pages are rendered (kb-content's on_env), before MkDocs' own
`validation.anchors`, which names no line either.
"""
from __future__ import annotations

import difflib
import logging
import posixpath
import re
from urllib.parse import unquote, urlsplit

import yaml

from ..errors import ContentError
from ..yamlmarks import prose_lines

LINK = re.compile(r"(?<!\!)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


def iter_links(body: str, first_line: int, pattern=LINK):
    """(line, target) for every inline Markdown link (or image) outside code blocks."""
    for line, text in prose_lines(body, first_line):
        for match in pattern.finditer(text):
            yield line, match.group(1)


def iter_meta_links(value, marks, path=()):
    """(line, field, target) for every Markdown link in the text values of front matter
    (summaries, feedback, trainer notes): they are rendered as HTML by the plugins, which
    MkDocs' own link check does not see."""
    if isinstance(value, str):
        for match in LINK.finditer(value):
            field = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in path).replace(".[", "[")
            yield marks.line_of(path), field, match.group(1)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_meta_links(item, marks, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_meta_links(item, marks, path + (index,))


def check_links(model, doc_uris: set[str], docs_label: str) -> tuple[list[ContentError], list[tuple]]:
    """Report links and images to missing files; record body links as references between
    entries. Also returns the anchors that links expect: (lang, entry id, anchor, file, line,
    field), checked once the pages are rendered."""
    errors, anchors = [], []
    versions = [v for e in model.entries.values() for v in e.versions.values()]
    versions += list(model.untyped.values())
    for version in versions:
        here = posixpath.dirname(version.src_uri)
        owner = model.lookup(version.src_uri)
        front = version.front
        body = ((line, None, target) for line, target in iter_links(front.body, front.body_first_line))
        images = ((line, "image", target) for line, target in iter_links(front.body, front.body_first_line, IMAGE))
        meta = iter_meta_links(front.meta.data, front.meta)
        for line, field, target in (*body, *images, *meta):
            label = "image" if field == "image" else f"{field}: link" if field else "link"
            scheme = SCHEME.match(target)
            if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
                errors.append(ContentError(version.file, line, (
                    f"{label}: a {scheme.group(1)}: address is not allowed, it leads to no page "
                    "(link to a page of the site, or to a web address starting with https://)")))
                continue
            if EXTERNAL.match(target) and not target.startswith("#"):
                continue
            path, _, anchor = target.split("?", 1)[0].partition("#")
            path = unquote(path)
            if not path:
                # A section of this very page.
                if anchor and owner and owner[0] is not None and field != "image":
                    anchors.append((version.lang, owner[0].id, anchor, version.file, line, field or "link"))
                continue
            resolved = posixpath.normpath(posixpath.join(here, path)) if not path.startswith("/") else path.lstrip("/")
            if resolved in doc_uris:
                hit = model.lookup(resolved)
                if hit and hit[0] is not None and owner and owner[0] is not None and hit[0] is not owner[0]:
                    hit[0].referrers.add(owner[0].id)
                if anchor and hit and hit[0] is not None and field != "image":
                    anchors.append((version.lang, hit[0].id, anchor, version.file, line, field or "link"))
                continue
            if field == "image":
                candidates = sorted(u for u in doc_uris if not u.endswith(".md"))
                close = difflib.get_close_matches(resolved, candidates, n=1, cutoff=0.6)
                fix = (f"did you mean '{posixpath.relpath(close[0], here or '.')}'?" if close
                       else f"put the image in {docs_label}/ and give its path relative to this file")
                errors.append(ContentError(version.file, line, f"image: '{target}' is not a file in {docs_label}/ ({fix})"))
                continue
            # Suggest Dutch file names only: links always point to those.
            candidates = sorted(u for u in doc_uris if model.lookup(u) is None or model.lookup(u)[1] == model.default_language)
            close = difflib.get_close_matches(resolved, candidates, n=1, cutoff=0.6)
            fix = (f"did you mean '{posixpath.relpath(close[0], here or '.')}'?" if close
                   else "link to an existing page with a path relative to this file")
            errors.append(ContentError(version.file, line, f"{label}: '{target}' points to a file that does not exist ({fix})"))
    return errors, anchors


def _nav_leaves(node):
    """(line, path) of every page named in the nav of mkdocs.yml (composed, with its lines)."""
    if isinstance(node, yaml.ScalarNode):
        yield node.start_mark.line + 1, node.value
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_leaves(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _nav_leaves(value)


def check_nav(config, files, languages: list[str]) -> list[ContentError]:
    """Pages in the nav that do not exist and pages missing from it, with the line in
    mkdocs.yml (MkDocs names neither line nor fix)."""
    if not config.nav or not config.config_file_path:
        return []
    from .model import language_of

    label = posixpath.basename(config.config_file_path)
    try:
        with open(config.config_file_path, encoding="utf-8-sig") as stream:
            root = yaml.compose(stream, Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return []
    key, nav = next(((key, value) for key, value in root.value if key.value == "nav"), (None, None)) \
        if isinstance(root, yaml.MappingNode) else (None, None)
    if nav is None:
        return []
    pages = {f.src_uri for f in files.documentation_pages()}
    errors, named = [], set()
    for line, path in _nav_leaves(nav):
        parts = urlsplit(path)
        if parts.scheme or parts.netloc or path.startswith("/"):
            continue
        named.add(posixpath.normpath(path))
        if files.get_file_from_path(path) is None and config.validation.nav.not_found >= logging.WARNING:
            dutch = sorted(p for p in pages if language_of(p, languages)[0] == languages[0])
            close = difflib.get_close_matches(path, dutch, n=1, cutoff=0.6)
            fix = f"did you mean '{close[0]}'?" if close else "give the path of a page relative to the docs folder"
            named.update(close)  # the page meant is not missing from the nav as well
            errors.append(ContentError(label, line, f"nav: '{path}' is not a page of the site ({fix})"))
    if config.validation.nav.omitted_files >= logging.WARNING:
        for file in files.documentation_pages():
            if file.generated_by or not file.inclusion.is_in_nav() or file.src_uri in named \
                    or language_of(file.src_uri, languages)[0] != languages[0]:
                continue
            errors.append(ContentError(label, key.start_mark.line + 1, (
                f"nav: {file.src_uri} is not in the nav (add it to the nav where readers should find it, "
                "or list it under not_in_nav)")))
    return errors
