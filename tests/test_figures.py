"""kb-figures (issue 16, "see it at a glance"): the map, the canon timeline, the strategy
matrix, the strategies diagram and the home page's entrances, in the built HTML; and the
label placement of the map as a pure function, with a hundred generated cases."""
from __future__ import annotations

import itertools
import json
import random
import re
from pathlib import Path

import jinja2
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, run_build
from kennisbank.figures.geo import fit, inside, load_map
from kennisbank.figures.labels import Box, Label, place_labels
from kennisbank.figures.views import LABELS_UP_TO, NAMES_UP_TO, map_view, timeline_view
from test_site import CASES, DOCS, STRATEGIES, WINDOWS, article, front_matter, resolves_to, url_of

MAP = load_map(ROOT / "data" / "kaart" / "nederland.json")
LANGS = ["nl", "en"]
CASE_OVERVIEW = DOCS / "praktijkvoorbeelden" / "index.md"
CANON = DOCS / "canon" / "index.md"
STRATEGY_OVERVIEW = DOCS / "strategieen" / "index.md"
HOME = DOCS / "index.md"
NUMBER = r"-?\d+(?:\.\d+)?"


def rings_of(path_d: str) -> list[list[tuple[float, float]]]:
    """The rings of an SVG path written as M x,y L x,y ... Z (as kb-figures writes them)."""
    return [[tuple(map(float, point.split(","))) for point in ring.split("L")]
            for ring in re.findall(r"M([^MZ]+)Z", path_d)]


def provinces_in(svg) -> dict[str, list]:
    return {path.title.get_text(): rings_of(path["d"]) for path in svg.select("path.kb-map__province")}


def boxes_overlap(a: dict, b: dict) -> bool:
    return not (a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"]
                or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"])


def rect(tag) -> dict:
    return {k: float(tag[k]) for k in ("x", "y")} | {"w": float(tag["width"]), "h": float(tag["height"])}


# -- the map ------------------------------------------------------------------------------------

def test_map_data_has_the_twelve_provinces_and_names_its_public_domain_source():
    data = json.loads((ROOT / "data" / "kaart" / "nederland.json").read_text(encoding="utf-8"))
    assert len(data["provincies"]) == 12
    assert "Natural Earth" in data["bron"] and "domein" in data["licentie"].lower()
    readme = (ROOT / "data" / "kaart" / "README.md").read_text(encoding="utf-8")
    assert "public domain" in readme and "tools/kaart_nederland.py" in readme
    assert (ROOT / "tools" / "kaart_nederland.py").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_case_overview_map_has_one_linked_marker_per_case_inside_the_netherlands(page, lang):
    base = url_of(CASE_OVERVIEW, lang)
    figure = article(page(base)).select_one("figure.kb-map--overview")
    assert figure is not None, "no map on the case overview"
    svg = figure.select_one("svg.kb-map__svg")
    assert svg.get("role") == "group" and svg.title.get_text(strip=True) and svg.desc.get_text(strip=True)
    provinces = provinces_in(svg)
    assert len(provinces) == 12
    markers = svg.select("a.kb-map__case")
    assert len(markers) == len(CASES)
    targets = {}
    for marker in markers:
        target = resolves_to(base, marker["href"])
        targets[target] = marker
        # Its <title> is the link's accessible name (and tooltip); it starts with the visible label.
        name = marker.title.get_text(strip=True) if marker.title else ""
        assert name, "a marker without an accessible name"
        dot = marker.select_one("circle.kb-map__dot")
        x, y = float(dot["cx"]), float(dot["cy"])
        assert any(inside(x, y, rings) for rings in provinces.values()), f"{name}: ({x}, {y}) lies outside the outline"
        label = marker.select_one("text.kb-map__label").get_text(" ", strip=True)
        assert re.match(r"^\d+\b", label), f"{name}: the visible label has no number"
        assert name.startswith(label), f"the name {name!r} does not start with the visible label {label!r}"
    for case in CASES:
        meta = front_matter(case)
        marker = targets.get(url_of(case, lang))
        assert marker is not None, f"{case.stem} has no marker"
        dot = marker.select_one("circle.kb-map__dot")
        x, y = float(dot["cx"]), float(dot["cy"])
        assert inside(x, y, provinces[meta["provincie"]]), f"{case.stem} is not in {meta['provincie']} on the map"
        assert meta["plaats"] in marker.title.get_text() and meta["title"] in marker.title.get_text()
    # The numbered list with the map is its text alternative: every case, in the markers' order.
    legend = figure.select("ol.kb-map__legend > li")
    assert [int(li["value"]) for li in legend] == list(range(1, len(CASES) + 1))
    assert [resolves_to(base, li.a["href"]) for li in legend] == [resolves_to(base, m["href"]) for m in markers]
    assert "Natural Earth" in figure.get_text()


def test_markers_sit_where_the_projection_puts_the_coordinates(page):
    svg = article(page(url_of(CASE_OVERVIEW))).select_one("svg.kb-map__svg")
    width, height = map(float, svg["viewbox"].split()[2:])
    projection = fit(MAP.bounds, 400, 14)
    assert (round(projection.width, 1), round(projection.height, 1)) == (width, height)
    for marker in svg.select("a.kb-map__case"):
        case = next(c for c in CASES if resolves_to(url_of(CASE_OVERVIEW), marker["href"]) == url_of(c))
        lat, lon = front_matter(case)["coordinaten"]["lat"], front_matter(case)["coordinaten"]["lon"]
        x, y = projection(lon, lat)
        dot = marker.select_one("circle.kb-map__dot")
        assert abs(float(dot["cx"]) - x) < 0.1 and abs(float(dot["cy"]) - y) < 0.1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_each_case_page_shows_the_map_with_this_case_marked(page, case, lang):
    base = url_of(case, lang)
    figure = article(page(base)).select_one("figure.kb-map--case")
    assert figure is not None
    markers = figure.select("svg a.kb-map__case")
    assert len(markers) == len(CASES)
    current = figure.select("svg a.kb-map__case[aria-current=page]")
    assert len(current) == 1 and resolves_to(base, current[0]["href"]) == base
    meta = front_matter(case)
    marked = figure.select("path.kb-map__province--current")
    assert [p.title.get_text() for p in marked] == [meta["provincie"]]
    assert meta["plaats"] in figure.select_one("figcaption").get_text()
    assert len(figure.select("details ol.kb-map__legend > li")) == len(CASES)


def test_no_two_labels_overlap_on_the_real_map(page):
    for url in [url_of(CASE_OVERVIEW), url_of(CASES[0])]:
        svg = article(page(url)).select_one("svg.kb-map__svg")
        badges = [rect(r) for r in svg.select("rect.kb-map__badge")]
        dots = [(float(c["cx"]), float(c["cy"]), float(c["r"])) for c in svg.select("circle.kb-map__dot")]
        assert len(badges) == len(CASES)
        for a, b in itertools.combinations(badges, 2):
            assert not boxes_overlap(a, b), (url, a, b)
        for box in badges:
            for x, y, r in dots:
                assert not boxes_overlap(box, {"x": x - r, "y": y - r, "w": 2 * r, "h": 2 * r}), (url, box, (x, y))


# -- label placement: a pure function, tested with a hundred generated cases -------------------

def generated_cases(count: int, seed: int = 16, at: tuple[float, float] | None = None) -> list[dict]:
    """``count`` cases at random places in the Netherlands (or all at one place)."""
    rng = random.Random(seed)
    lon_min, lat_min, lon_max, lat_max = MAP.bounds
    cases = []
    while len(cases) < count:
        lon, lat = at or (rng.uniform(lon_min, lon_max), rng.uniform(lat_min, lat_max))
        province = MAP.province_of(lon, lat)
        if province is None:
            continue
        n = len(cases) + 1
        cases.append({"id": f"case-{n}", "title": f"Voorbeeld {n}", "url": f"../case-{n}/",
                      "meta": {"coordinaten": {"lat": lat, "lon": lon}, "plaats": f"Plaats {n}",
                               "provincie": province.name}})
    return cases


def assert_readable(view: dict) -> None:
    bounds = {"x": 0, "y": 0, "w": view["width"], "h": view["height"]}
    boxes = [m["box"] for m in view["markers"]]
    for m in view["markers"]:
        box = m["box"]
        assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["w"] <= bounds["w"] + 0.1 \
            and box["y"] + box["h"] <= bounds["h"] + 0.1, f"label {m['n']} leaves the map"
        for other in view["markers"]:
            r = other["dot"]
            assert not boxes_overlap(box, {"x": other["x"] - r, "y": other["y"] - r, "w": 2 * r, "h": 2 * r}), \
                f"label {m['n']} covers the dot of {other['n']}"
        if "leader" not in m:  # a label without a leader line touches its own dot
            cx = min(max(m["x"], box["x"]), box["x"] + box["w"])
            cy = min(max(m["y"], box["y"]), box["y"] + box["h"])
            assert ((cx - m["x"]) ** 2 + (cy - m["y"]) ** 2) ** 0.5 < m["dot"] * 2 + 4, f"label {m['n']} is far from its dot"
    overlapping = [(a, b) for (a, b) in itertools.combinations(range(len(boxes)), 2) if boxes_overlap(boxes[a], boxes[b])]
    assert not overlapping, f"{len(overlapping)} pairs of labels overlap, e.g. {overlapping[:3]}"


def lon_lat_of(cases, marker):
    meta = cases[marker["n"] - 1]["meta"]["coordinaten"]
    return meta["lon"], meta["lat"]


@pytest.mark.parametrize("variant", ["overview", "case"])
def test_a_hundred_generated_cases_get_labels_that_never_overlap(variant):
    cases = generated_cases(100)
    view = map_view(MAP, cases, variant, current=cases[0]["id"] if variant == "case" else None)
    assert len(view["markers"]) == 100
    for m in view["markers"]:
        assert MAP.province_of(*lon_lat_of(cases, m)) is not None
        assert not m["label_place"], "with 100 cases the labels are numbers only"
    assert_readable(view)


def test_a_hundred_cases_in_one_city_spread_out_with_leader_lines():
    view = map_view(MAP, generated_cases(100, at=(4.90, 52.37)), "overview")
    assert_readable(view)
    assert sum("leader" in m for m in view["markers"]) >= 90


def article_of_map(view) -> str:
    """The map's SVG as the site's template writes it."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")), autoescape=True)
    return str(env.get_template("kb/html/figures/macros.html").module.map_svg(view, "t", "Kaart", "Alle gevallen"))


@pytest.mark.parametrize("variant", ["overview", "case"])
def test_a_map_with_more_cases_than_labels_fit_keeps_every_case_as_a_named_link(variant):
    """Beyond LABELS_UP_TO the dots stay (links with a name and detail), the page's own case
    keeps its label, and the build does not stop for want of room."""
    cases = generated_cases(LABELS_UP_TO + 50, seed=5)
    current = cases[7]["id"] if variant == "case" else None
    view = map_view(MAP, cases, variant, current=current)
    assert len(view["markers"]) == LABELS_UP_TO + 50
    assert all(m["detail"]["text"].startswith(m["title"]) for m in view["markers"])
    labelled = [m for m in view["markers"] if m.get("box")]
    assert [m["id"] for m in labelled] == ([current] if current else [])
    html = article_of_map(view)
    assert len(re.findall(r'<a class="kb-map__case[ "]', html)) == LABELS_UP_TO + 50
    assert html.count("<title>") >= LABELS_UP_TO + 50


def test_a_dozen_cases_keep_their_place_names_on_the_map():
    view = map_view(MAP, generated_cases(NAMES_UP_TO, seed=3), "overview")
    assert all(m["label_place"] for m in view["markers"])
    assert_readable(view)


def test_place_labels_is_pure_and_complete():
    labels = [Label(str(i), 50 + (i % 10) * 3, 50 + (i // 10) * 3, 22, 14) for i in range(100)]
    bounds = Box(0, 0, 400, 480)
    first = place_labels(labels, bounds)
    assert first == place_labels(labels, bounds), "the same input gives the same placement"
    assert [p.key for p in first] == [lab.key for lab in labels]
    for a, b in itertools.combinations(first, 2):
        assert not a.box.overlaps(b.box)
    assert all(p.box.within(bounds) for p in first)
    with pytest.raises(ValueError):
        place_labels([Label(str(i), 10, 10, 30, 14) for i in range(20)], Box(0, 0, 60, 40))


# -- the canon timeline ------------------------------------------------------------------------------

def window_year(path: Path) -> int:
    meta = front_matter(path)
    return meta.get("jaar") or meta["periode"]["van"]


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_shows_every_window_in_year_order_in_its_period(page, lang):
    base = url_of(CANON, lang)
    soup = article(page(base))
    figure = soup.select_one("figure.kb-tl")
    assert figure is not None, "no timeline on the canon overview"
    # It comes before the list, which stays as its text alternative.
    assert soup.select_one("ol.kb-timeline") is not None
    assert figure.sourceline < soup.select_one("ol.kb-timeline").sourceline
    periods = yaml.safe_load((ROOT / "data" / "canon-perioden.yml").read_text(encoding="utf-8"))
    by_url = {url_of(w, lang): w for w in WINDOWS}
    seen, years = [], []
    for li in figure.select("ol.kb-tl__periods > li.kb-tl__period"):
        anchor = li.select_one("a.kb-tl__name")["href"]
        period = next(p for p in periods if anchor == f"#periode-{p['id']}")
        assert soup.select_one(f"h2#periode-{period['id']}") is not None, f"{anchor} leads nowhere"
        # What a reader sees: soft hyphens only mark where a long word may break.
        shown = li.select_one("a.kb-tl__name").get_text(strip=True).replace("\u00ad", "")
        assert shown == (period["titel"] if lang == "nl" else period["titel_en"])
        for link in li.select("ol.kb-tl__windows a.kb-tl__window"):
            window = by_url[resolves_to(base, link["href"])]
            year = window_year(window)
            assert period["van"] <= year <= period["tot"], f"{window.stem} is not in {period['id']}"
            assert link.select_one(".kb-tl__year").get_text(strip=True).startswith(str(year))
            seen.append(window)
            years.append(year)
    assert sorted(seen) == sorted(WINDOWS) and len(seen) == len(WINDOWS), "not every window, or one twice"
    assert years == sorted(years), "the windows are not in year order"


def test_timeline_view_places_windows_inside_their_period():
    periods = yaml.safe_load((ROOT / "data" / "canon-perioden.yml").read_text(encoding="utf-8"))
    windows = [{"id": w.stem, "meta": front_matter(w)} for w in sorted(WINDOWS, key=window_year)]

    def period_of(w):
        year = w["meta"].get("jaar") or w["meta"]["periode"]["van"]
        return next(p for p in periods if p["van"] <= year <= p["tot"])

    view = timeline_view(periods, windows, period_of, "nl")
    assert sum(len(p["windows"]) for p in view) == len(WINDOWS)
    for p in view:
        ats = [w["at"] for w in p["windows"]]
        assert ats == sorted(ats) and all(0 <= a <= 1 for a in ats)


# -- cases x strategies ------------------------------------------------------------------------------

def matrix_of(soup, base):
    figure = soup.select_one("figure.kb-matrix")
    assert figure is not None
    table = figure.select_one("table.kb-matrix__table")
    headers = table.select("thead th.kb-matrix__strategy")
    rows = {}
    for tr in table.select("tbody tr"):
        case = resolves_to(base, tr.select_one("th a")["href"])
        cells = {td["data-strategy"]: td for td in tr.select("td.kb-matrix__cell")}
        methods = {resolves_to(base, a["href"]) for a in tr.select("td.kb-matrix__methods a")}
        rows[case] = (cells, methods)
    return figure, headers, rows


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("where", ["overview"] + [s.stem for s in STRATEGIES])
def test_matrix_matches_the_case_data(page, where, lang):
    source = STRATEGY_OVERVIEW if where == "overview" else DOCS / "strategieen" / f"{where}.md"
    base = url_of(source, lang)
    figure, headers, rows = matrix_of(article(page(base)), base)
    assert len(headers) == 3 and len(rows) == len(CASES)
    labels = yaml.safe_load((ROOT / "overrides" / "kb" / "labels.yml").read_text(encoding="utf-8"))[lang]["figures"]["matrix"]
    for case in CASES:
        meta = front_matter(case)
        cells, methods = rows[url_of(case, lang)]
        for strategy in STRATEGIES:
            cell = cells[strategy.stem]
            text = cell.get_text(" ", strip=True)
            if meta["hoofdstrategie"] == strategy.stem:
                assert cell["data-kind"] == "main" and "●" in text and labels["main"] in text
            elif strategy.stem in (meta.get("nevenstrategieen") or []):
                assert cell["data-kind"] == "side" and "○" in text and labels["side"] in text
            else:
                assert cell["data-kind"] == "none" and labels["none"] in text
        method_urls = {url_of(DOCS / "methoden" / f"{m}.md", lang) for m in meta.get("methoden") or []}
        assert methods == method_urls, case.stem
    current = figure.select("thead th.kb-matrix__current")
    if where == "overview":
        assert not current
    else:
        assert len(current) == 1 and current[0].a is None, "this strategy's column is marked (and not a link)"
        marked = figure.select("tbody td.kb-matrix__current")
        assert len(marked) == len(CASES) and all(td["data-strategy"] == where for td in marked)


# -- the three strategies -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("where", ["strategies", "home"])
def test_diagram_links_each_part_and_its_text_alternative_names_them_all(page, where, lang):
    source = STRATEGY_OVERVIEW if where == "strategies" else HOME
    base = url_of(source, lang)
    soup = article(page(base))
    svg = soup.select_one("svg.kb-diagram__svg")
    assert svg is not None, f"no diagram on {base or 'the home page'}"
    labels = yaml.safe_load((ROOT / "overrides" / "kb" / "labels.yml").read_text(encoding="utf-8"))[lang]["figures"]["diagram"]
    democracy = labels["democracy"]
    alternatives = [svg.title.get_text() + " " + svg.desc.get_text()]
    if where == "strategies":
        alternatives.append(soup.select_one("figure.kb-diagram figcaption").get_text(" "))
    parts = svg.select("a.kb-diagram__part")
    assert len(parts) == 4
    targets = {resolves_to(base, a["href"]) for a in parts}
    for strategy in STRATEGIES:
        assert url_of(strategy, lang) in targets
        meta = front_matter(strategy)
        for text in alternatives:
            assert meta["naam"].lower() in text.lower() and meta["engelse_term"] in text, (strategy.stem, text)
    for text in alternatives:
        assert democracy.lower() in text.lower()
    assert any("#lokale-democratie" in a["href"] for a in parts)
    for a in parts:
        name = a.title.get_text(strip=True)
        visible = a.select_one("text.kb-diagram__name").get_text(strip=True)
        assert name.startswith(visible), (name, visible)


# -- home page ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_home_page_offers_a_start_per_audience_and_the_figures_as_entrances(page, lang):
    base = url_of(HOME, lang)
    soup = article(page(base))
    start = soup.select_one("nav.kb-audiences")
    assert start is not None and start.get("aria-labelledby")
    audiences = {li["class"][1].removeprefix("kb-audience--"): {resolves_to(base, a["href"]) for a in li.select("a")}
                 for li in start.select("li.kb-audience")}
    paths = DOCS / "leerroutes"
    assert audiences == {
        "student": {url_of(paths / "eerstejaars.md", lang)},
        "professional": {url_of(paths / "nieuwe-opbouwwerker.md", lang)},
        "trainer": {url_of(paths / "seminar-strategieen.md", lang), url_of(paths / "voor-docenten.md", lang)},
    }
    glance = soup.select_one(".kb-glance")
    assert glance is not None
    links = {resolves_to(base, a["href"]) for a in glance.select("h3 a")}
    assert links == {url_of(STRATEGY_OVERVIEW, lang), url_of(CASE_OVERVIEW, lang), url_of(CANON, lang)}
    pictures = glance.select("svg[role=img]")
    assert len(pictures) == 2 and all(svg.title.get_text(strip=True) and svg.desc.get_text(strip=True) for svg in pictures)
    # The page's own text is kept, and the entrances come before its first section.
    assert soup.select_one("h2#kb-in-een-oogopslag").find_next("h2").get("id") in ("hoe-lees-je-deze-site", "how-to-read-this-site")


def test_figures_load_nothing_and_run_no_script(page):
    for url in ["praktijkvoorbeelden/", "canon/", "strategieen/", "strategieen/koppelen/", "", "en/",
                "praktijkvoorbeelden/de-buren/"]:
        parts = article(page(url)).select("figure.kb-fig, nav.kb-audiences, .kb-glance")
        assert parts, url
        for part in parts:
            assert not part.select("script, img, image, iframe, object, use, foreignobject"), url
            for tag in part.find_all(True):
                for name, value in tag.attrs.items():
                    assert not str(value).startswith(("http:", "https:", "//")), (url, tag.name, name, value)
                    assert not name.startswith("on"), (url, tag.name, name)


# -- build checks -----------------------------------------------------------------------------------

@pytest.mark.parametrize("coordinates, province, expected", [
    ("{lat: 52.37, lon: 4.90}", "Zuid-Holland", "coordinaten: 52.37, 4.9 lies in Noord-Holland, not in Zuid-Holland"),
    ("{lat: 53.3, lon: 3.6}", "Zuid-Holland", "coordinaten: 53.3, 3.6 lies outside the Netherlands on the map"),
])
def test_a_case_whose_coordinates_do_not_match_its_province_stops_the_build(tmp_path, coordinates, province, expected):
    from test_broken_content import make_site

    site = make_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "  - kb-trainer\n", f"  - kb-trainer\n  - kb-figures:\n      map: {ROOT / 'data' / 'kaart' / 'nederland.json'}\n"))
    case = site / "docs" / "praktijkvoorbeelden" / "de-buren.md"
    text = re.sub(r"coordinaten: \{[^}]*\}", f"coordinaten: {coordinates}", case.read_text(encoding="utf-8"))
    case.write_text(re.sub(r"provincie: .*", f"provincie: {province}", text), encoding="utf-8")
    result = run_build(config, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    line = next(i for i, l in enumerate(case.read_text(encoding="utf-8").splitlines(), 1) if l.startswith("coordinaten:"))
    assert f"docs/praktijkvoorbeelden/de-buren.md:{line}: {expected}" in output, output


def test_with_many_cases_a_case_page_shows_a_locator_map_of_its_nearest_cases(tmp_path):
    """Beyond CASE_MAP_ALL_UP_TO cases a case page's map shows its own case and the
    CASE_MAP_NEAREST nearest (each page drawing every case made the build quadratic); the
    caption says so and names the total, and the overview's map still shows them all."""
    from test_broken_content import make_site
    from kennisbank.figures.plugin import CASE_MAP_ALL_UP_TO, CASE_MAP_NEAREST

    site = make_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "  - kb-trainer\n", f"  - kb-trainer\n  - kb-figures:\n      map: {ROOT / 'data' / 'kaart' / 'nederland.json'}\n"))
    folder = site / "docs" / "praktijkvoorbeelden"
    original = (folder / "de-buren.md").read_text(encoding="utf-8")
    total = CASE_MAP_ALL_UP_TO + 6
    for n in range(1, total):  # along a line eastwards from De Buren: case n is n steps away
        text = original.replace("id: de-buren", f"id: kopie-{n:02d}").replace(
            "title: Buurtwerkplaats De Buren", f"title: Kopie {n:02d}").replace(
            "plaats: Schiedam", f"plaats: Plaats {n:02d}").replace("lon: 4.41}", f"lon: {4.41 + n * 0.004:.3f}}}")
        (folder / f"kopie-{n:02d}.md").write_text(text, encoding="utf-8")
    result = run_build(config, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BeautifulSoup((tmp_path / "out" / "praktijkvoorbeelden" / "de-buren" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    figure = soup.select_one("figure.kb-map--case")
    shown = [a.select_one("title").get_text() for a in figure.select("svg a.kb-map__case")]
    assert len(shown) == CASE_MAP_NEAREST + 1
    assert {s.split(": ", 1)[1].rsplit(" (", 1)[0] for s in shown} == {"Buurtwerkplaats De Buren", *(f"Kopie {n:02d}" for n in range(1, CASE_MAP_NEAREST + 1))}
    caption = figure.select_one("figcaption").get_text(" ", strip=True)
    assert f"{CASE_MAP_NEAREST} praktijkvoorbeelden die het dichtst bij liggen" in caption
    assert f"Alle {total} voorbeelden" in caption
    assert len(figure.select("details ol.kb-map__legend > li")) == CASE_MAP_NEAREST + 1
    assert "dichtst bij" in figure.select_one("svg desc").get_text()
