"""kb-figures: "see it at a glance". Figures drawn at build time from the content model, as
inline SVG and HTML in the page (no script, nothing from another host), in both languages:

- a map of the Netherlands with every practice case (case overview and each case page);
- the canon on a time axis, in its periods (canon overview);
- practice cases x the three strategies, with their methods (strategies overview and pages);
- the three strategies and local democracy in one picture (strategies overview, home page);
- on the home page: a start per audience and small versions of the figures as entrances.

Colours come from CSS custom properties (overrides/assets/stylesheets/kb-figures.css), so
the figures follow Material's light and dark palettes.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from ..base import KeptAcrossRebuilds
from ..errors import ContentError, report
from .config import FiguresConfig
from .geo import NetherlandsMap, distance_to_rings, load_map
from .views import diagram_view, map_view, matrix_view, strategy_order, timeline_view

log = get_plugin_logger(__name__)
# A case may lie this close (in degrees, about 1.5 km) outside the simplified outline of its
# province: the map's borders are generalised.
PROVINCE_TOLERANCE = 0.02
# Where the generated parts below a page's text (kb-content's bottom.html) end with
# "test yourself" and "related"; the strategy matrix goes just before them.
GENERATED_TAIL = re.compile(r'<div class="admonition example">|<h2 id="kb-gerelateerd"')
FIRST_SECTION = re.compile(r"<h2[\s>]")
# A case page's map shows every case up to this many; beyond it, its own case and the
# nearest others (a locator map, with a link to the full map on the overview). Every case
# page drawing every case made the pages, and the build, grow with the square of the cases.
CASE_MAP_ALL_UP_TO = 24
CASE_MAP_NEAREST = 11


def nearest_cases(entries: list, current: str, count: int, lang: str) -> list:
    """The case ``current`` and the ``count`` cases nearest to it, in the order of ``entries``."""
    def where(entry) -> tuple[float, float]:
        spot = entry.meta_for(lang)["coordinaten"]
        # Degrees of longitude are about 0.62 of a degree of latitude in the Netherlands.
        return spot["lon"] * 0.62, spot["lat"]

    own = next(e for e in entries if e.id == current)
    x, y = where(own)
    others = sorted((e for e in entries if e is not own),
                    key=lambda e: ((where(e)[0] - x) ** 2 + (where(e)[1] - y) ** 2, e.id))
    chosen = {own.id, *(e.id for e in others[:count])}
    return [e for e in entries if e.id in chosen]


class FiguresPlugin(KeptAcrossRebuilds, BasePlugin[FiguresConfig]):
    def __init__(self):
        self.content = None
        self.glossary = None
        self.map: NetherlandsMap | None = None
        self._map_stamp = None
        self._checked = None

    @property
    def model(self):
        return self.content.model if self.content else None

    # -- build-wide ---------------------------------------------------------------------------

    @event_priority(40)  # after kb-content (50) built the model
    def on_files(self, files, config):
        if not self.config.enabled:
            return files
        self.content = config.plugins.get("kb-content")
        self.glossary = config.plugins.get("kb-glossary")
        path = Path(config.config_file_path).parent / self.config.map
        if not path.exists():
            report([ContentError(self.config.map, 1, "map data not found (run tools/kaart_nederland.py, "
                                                     "or set 'map' of kb-figures)")], log, "figures")
        stamp = path.stat().st_mtime_ns
        if stamp != self._map_stamp:
            self.map, self._map_stamp = load_map(path), stamp
        if self.model is not None and (self.model, stamp) != self._checked:
            report(self.check_places(), log, "map")
            self._checked = (self.model, stamp)
        return files

    def check_places(self) -> list[ContentError]:
        """Every case lies in the Netherlands, in the province its page names."""
        errors = []
        for entry in self.model.of_type("praktijkvoorbeeld"):
            meta = entry.meta[self.model.default_language]
            lat, lon = meta["coordinaten"]["lat"], meta["coordinaten"]["lon"]
            found = self.map.province_of(lon, lat)
            named = self.map.by_name(meta.get("provincie", ""))
            line = entry.default.front.meta.line_of(["coordinaten"])
            if found is None and (named is None or distance_to_rings(lon, lat, named.rings) > PROVINCE_TOLERANCE):
                errors.append(ContentError(entry.default.file, line, (
                    f"coordinaten: {lat}, {lon} lies outside the Netherlands on the map "
                    "(latitude first, then longitude; check them on a map)")))
            elif named is not None and found is not named and \
                    distance_to_rings(lon, lat, named.rings) > PROVINCE_TOLERANCE:
                errors.append(ContentError(entry.default.file, line, (
                    f"coordinaten: {lat}, {lon} lies in {found.name}, not in {named.name} "
                    "(fix coordinaten or provincie)")))
        return errors

    # -- per page -----------------------------------------------------------------------------

    def _ready(self, page) -> bool:
        return bool(self.config.enabled and self.model is not None and self.map is not None
                    and self.content.renderer is not None and page.meta.get("type"))

    @event_priority(60)  # before kb-content (50) puts its parts around the page's own text
    def on_page_content(self, html, page, config, files):
        """Figures that belong with the page's own text: at its start or end."""
        if not self._ready(page):
            return html
        context = self.content.context(page, config, files)
        entry, meta = context["entry"], page.meta
        if entry is None:
            return html
        render = self.content.renderer.render
        if entry.type == "praktijkvoorbeeld":
            return render("kb/html/figures/map-case.html", **context, view=self.case_map(context, entry.id),
                          overview=self.overview(context, "praktijkvoorbeelden")) + html
        if meta.get("lijst") == "praktijkvoorbeelden":
            return render("kb/html/figures/map-overview.html", **context, view=self.case_map(context)) + html
        if meta.get("lijst") == "vensters":
            return html + render("kb/html/figures/timeline.html", **context, view=self.timeline(context))
        if meta.get("lijst") == "strategieen":
            diagram = self.diagram(context)
            return (render("kb/html/figures/diagram.html", **context, view=diagram) if diagram else "") + html
        if entry.id == self.config.home:
            return self.home(context, html)
        return html

    @event_priority(45)  # after kb-content (50) added its parts, before the sources (40)
    def _matrix(self, html, page, config, files):
        """Cases x strategies on the strategies overview and on every strategy page (its
        column marked), after the generated lists and before "test yourself" / "related"."""
        if not self._ready(page):
            return html
        if page.meta.get("type") != "strategie" and page.meta.get("lijst") != "strategieen":
            return html
        context = self.content.context(page, config, files)
        current = context["entry"].id if page.meta.get("type") == "strategie" else None
        view = matrix_view(context["of_type"]("praktijkvoorbeeld"), context["of_type"]("strategie"),
                           context["refs"], current)
        part = self.content.renderer.render("kb/html/figures/matrix.html", **context, view=view)
        tail = GENERATED_TAIL.search(html)
        return html[:tail.start()] + part + html[tail.start():] if tail else html + part

    on_page_content = CombinedEvent(on_page_content, _matrix)

    # -- the figures --------------------------------------------------------------------------

    def case_map(self, context, current: str | None = None, variant: str | None = None) -> dict:
        entries = self.model.of_type("praktijkvoorbeeld")
        total = len(entries)
        nearest = bool(current) and total > CASE_MAP_ALL_UP_TO
        if nearest:
            entries = nearest_cases(entries, current, CASE_MAP_NEAREST, context["lang"])
        cases = [context["ref"](e.id) for e in entries]
        view = map_view(self.map, cases, variant or ("case" if current else "overview"), current)
        view["source"] = self.map.source
        view["total"] = total
        view["nearest"] = nearest
        return view

    def overview(self, context, lijst: str) -> dict | None:
        """The overview page that lists ``lijst`` (as a reference with its address)."""
        found = next((e for e in self.model.of_type("overzicht") if e.meta_for(context["lang"]).get("lijst") == lijst), None)
        return context["ref"](found.id) if found else None

    def timeline(self, context) -> list[dict]:
        return timeline_view(context["periods"], context["timeline"](), context["period_of"], context["lang"])

    def diagram(self, context) -> dict | None:
        view = diagram_view(strategy_order(context["of_type"]("strategie")))
        if view is None:
            return None
        glossary = self.overview(context, "begrippen")
        term = self.config.democracy
        known = self.glossary is not None and term in self.glossary.ids
        view["democracy_url"] = f"{glossary['url']}#{term}" if glossary and known else None
        return view

    def home(self, context, html: str) -> str:
        """A start per audience above the page's text; the figures as entrances before its
        first section."""
        render = self.content.renderer.render
        audiences = [{"key": key, "refs": context["refs"](ids)} for key, ids in self.config.audiences.items()]
        links = {lijst: self.overview(context, lijst) for lijst in ("praktijkvoorbeelden", "vensters", "strategieen")}
        start = render("kb/html/figures/home-start.html", **context, audiences=audiences)
        glance = render("kb/html/figures/home-glance.html", **context, links=links, diagram=self.diagram(context),
                        map=self.case_map(context, variant="small"), canon=self.timeline(context))
        first = FIRST_SECTION.search(html)
        at = first.start() if first else len(html)
        return start + html[:at] + glance + html[at:]
