"""kb-permalinks: permanent links and published addresses (issue 13).

- Every page with an id has a permanent link ``<site>/m/<id>/`` (English ``<site>/en/m/<id>/``)
  that always leads to its current address: redirect pages written by mkdocs-redirects, whose
  map this plugin fills per language.
- ``data/urls.lock`` lists every address the site has published. A build in which one of
  them disappears without a redirect (``data/redirects.yml``: old address -> page id) stops
  and says how to add one; new addresses are added to the lock, to be committed.
- A publishing build (``require_site_url``, set by ``make build``) needs SITE_URL.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from .. import i18n
from ..address import published_url
from ..base import KeptAcrossRebuilds
from ..errors import ContentError, allowed_hint, report
from ..yamlmarks import YamlSyntaxError, load_marked_file
from .config import PermalinksConfig

log = get_plugin_logger(__name__)
LOCK_HEADER = ("# Every address this site has published (kb-permalinks). The build adds new ones: commit\n"
               "# this file. An address that disappears needs a redirect in data/redirects.yml.\n")


class PermalinksPlugin(KeptAcrossRebuilds, BasePlugin[PermalinksConfig]):
    def __init__(self):
        self.content = None
        self.old: dict[str, tuple[str, int]] = {}  # old address -> (target, line in redirects file)

    def on_config(self, config):
        if not self.config.enabled:
            return config
        if self.config.require_site_url and published_url(config) is None:
            report([ContentError("mkdocs.yml", 1, (
                "SITE_URL is not set: a publishing build needs the address the site will have, "
                "e.g. SITE_URL=https://www.example.org/kennisbank/ make build"))], log, "configuration")
        root = Path(config.config_file_path).parent
        self.old, errors = self._load_redirects(root / self.config.redirects)
        report(errors, log, "redirect")
        return config

    def _load_redirects(self, path: Path):
        if not path.exists():
            return {}, []
        try:
            marked = load_marked_file(path)
        except YamlSyntaxError as exc:
            return {}, [ContentError(self.config.redirects, exc.line, f"not valid YAML: {exc.problem}")]
        data = marked.data or {}
        if not isinstance(data, dict):
            return {}, [ContentError(self.config.redirects, 1, "write one line per old address: `old/address/: page-id`")]
        return {str(k).strip("/") + "/": (str(v), marked.line_of([k])) for k, v in data.items()}, []

    # -- per language: redirect pages and the lock -----------------------------------------

    @event_priority(-110)  # after mkdocs-static-i18n (-100) chose this language's files
    def on_files(self, files, config):
        if not self.config.enabled:
            return files
        self.content = config.plugins.get("kb-content")
        model = self.content.model if self.content else None
        if model is None:
            return files
        lang = i18n.build_language(config)
        prefix = "" if lang == i18n.languages(config)[0] else f"{lang}/"
        maps, errors = {}, []
        for entry in model.entries.values():
            file = files.get_file_from_path(entry.src_uri)
            if file is not None and file.is_documentation_page():
                maps[f"{prefix}{self.config.prefix}/{entry.id}.md"] = file.src_uri
        for old, (target, line) in self.old.items():
            if not (old.startswith(prefix) if prefix else not old.startswith(tuple(f"{l}/" for l in i18n.languages(config)[1:]))):
                continue
            target_id, _, anchor = target.partition("#")
            entry = model.entries.get(target_id)
            file = files.get_file_from_path(entry.src_uri) if entry else None
            if file is None:
                errors.append(ContentError(self.config.redirects, line, (
                    f"'{target}' is not a page id {allowed_hint(target_id, model.ids())}")))
                continue
            maps[old.rstrip("/") + ".md"] = file.src_uri + (f"#{anchor}" if anchor else "")
        report(errors, log, "redirect")
        redirects = config.plugins.get("redirects")
        if redirects is not None:
            redirects.config["redirect_maps"] = maps
            # mkdocs-redirects listed the pages before i18n chose this language's: again.
            redirects.on_files(files, config=config)
        if config.use_directory_urls:  # the published site's addresses (not the folder copy's)
            current = {f.url for f in files.documentation_pages()} | {m[: -len(".md")] + "/" for m in maps}
            self._check_lock(config, prefix, current, i18n.languages(config))
        return files

    def _check_lock(self, config, prefix: str, current: set[str], languages: list[str]) -> None:
        path = Path(config.config_file_path).parent / self.config.lock
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        published = {line.strip(): n for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")}
        others = tuple(f"{lang}/" for lang in languages[1:])

        def mine(url: str) -> bool:
            return url.startswith(prefix) if prefix else not url.startswith(others)

        missing = sorted(url for url in published if mine(url) and url not in current)
        report([ContentError(self.config.lock, published[url], (
            f"'{url}' was published but no page has this address any more: add a redirect to "
            f"{self.config.redirects}, e.g. `{url}: <id of the page that replaces it>`"))
            for url in missing], log, "published address")
        new = sorted(url for url in current if url not in published)
        if new:
            path.write_text(LOCK_HEADER + "".join(f"{url}\n" for url in sorted(set(published) | set(new))),
                            encoding="utf-8")
            log.info(f"{self.config.lock}: {len(new)} new address(es) added; commit this file")

    # -- the page's own permanent link, for the copy-link buttons ----------------------------

    def permalink(self, page, config) -> str | None:
        """The permanent link of a page: absolute with SITE_URL, else relative to the page."""
        model = self.content.model if self.content else None
        hit = model.lookup(page.file.src_uri) if model else None
        if not hit or hit[0] is None:
            return None
        lang = i18n.build_language(config)
        target = ("" if lang == i18n.languages(config)[0] else f"{lang}/") + f"{self.config.prefix}/{hit[0].id}/"
        site = published_url(config)
        if site:
            return site + target
        return posixpath.relpath(target, page.url.rstrip("/") or ".") + "/"

    def on_page_context(self, context, page, config, nav):
        if self.config.enabled:
            context["kb_permalink"] = self.permalink(page, config)
        return context
