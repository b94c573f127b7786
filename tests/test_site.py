"""What a reader sees in the built site: generated overviews, reverse links, sources,
tooltips and both languages. The site is built once per session (conftest.site)."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
import yaml

from conftest import ROOT

DOCS = ROOT / "docs"
NL_BBOX = {"lat": (50.75, 53.56), "lon": (3.35, 7.23)}


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}


def pages_of_type(page_type: str) -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md")
                  and front_matter(p).get("type") == page_type)


def url_of(path: Path, lang: str = "nl") -> str:
    rel = path.relative_to(DOCS).with_suffix("").as_posix()
    rel = "" if rel == "index" else rel.removesuffix("/index") + "/"
    return ("en/" if lang == "en" else "") + rel


def article(soup):
    return soup.select_one("article.md-content__inner")


def links(node) -> set[str]:
    return {a["href"] for a in node.select("a[href]")}


def resolves_to(base_url: str, href: str) -> str:
    """The site-relative URL a relative href on page base_url points to."""
    return urlparse(urljoin("http://x/" + base_url, href)).path.lstrip("/")


CASES = pages_of_type("praktijkvoorbeeld")
WINDOWS = pages_of_type("venster")
STRATEGIES = pages_of_type("strategie")
TYPED = [p for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md")
         and front_matter(p).get("type") not in (None, "pagina", "overzicht")]


# -- counts the content issues promise ----------------------------------------------------------

def test_the_site_has_the_promised_content():
    assert len(WINDOWS) >= 25, f"only {len(WINDOWS)} canon windows"
    assert {p.stem for p in CASES} >= {"krachtstation-kanaleneiland", "de-buren", "zuid-doet-samen",
                                       "wijkbedrijf-selwerd", "stadsdorp-elsrijk", "vitale-verbindingen"}
    assert {p.stem for p in STRATEGIES} == {"verbinden", "overbruggen", "koppelen"}


# -- generated overviews ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nl", "en"])
def test_case_overview_lists_every_case(page, lang):
    base = url_of(DOCS / "praktijkvoorbeelden" / "index.md", lang)
    table = page(base).select_one("[data-kb-table] table")
    assert table is not None, "the case overview has no table"
    targets = {resolves_to(base, a["href"]) for a in table.select("tbody a[href]")}
    for case in CASES:
        assert url_of(case, lang) in targets, f"{case.stem} missing from the {lang} case overview"
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    # Case, place, province, main strategy, other strategies, methods, reading time (the
    # themes of a case are on its page: eight columns did not fit a laptop).
    assert len(headers) == 7 and len(table.select("tbody tr")) == len(CASES)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_canon_overview_is_chronological_and_grouped_in_periods(page, lang):
    base = url_of(DOCS / "canon" / "index.md", lang)
    soup = article(page(base))
    items = soup.select("ol.kb-timeline > li")
    assert len(items) == len(WINDOWS)
    years = [int(re.match(r"\d{4}", li.select_one(".kb-timeline__year").get_text(strip=True)).group())
             for li in items]
    assert years == sorted(years), "canon windows are not in time order"
    assert len(soup.select("h2[id^=periode-]")) >= 3, "windows are not grouped in periods"
    targets = {resolves_to(base, a["href"]) for a in soup.select("ol.kb-timeline a[href]")}
    assert targets == {url_of(w, lang) for w in WINDOWS}


def test_window_pages_link_to_their_neighbours_in_time(page):
    base = url_of(DOCS / "canon" / "index.md")
    order = [resolves_to(base, a["href"]) for a in page(base).select("ol.kb-timeline a[href]")]
    for index, url in enumerate(order):
        nav = page(url).select_one("nav.kb-canon-nav")
        assert nav is not None, url
        prev_link = nav.select_one(".kb-canon-nav__prev")
        next_link = nav.select_one(".kb-canon-nav__next")
        if index:
            assert resolves_to(url, prev_link["href"]) == order[index - 1]
        else:
            assert prev_link is None
        if index + 1 < len(order):
            assert resolves_to(url, next_link["href"]) == order[index + 1]
        else:
            assert next_link is None


@pytest.mark.parametrize("window", WINDOWS, ids=lambda p: p.stem)
def test_window_has_year_study_question_and_sources(page, window):
    soup = article(page(url_of(window)))
    year = soup.select_one(".kb-window-date__year")
    assert year and re.match(r"^\d{4}(–(\d{4})?)?$", year.get_text(strip=True)), "no year or period"
    assert soup.select_one(".admonition.question"), "no study question"
    assert soup.select(".kb-source"), "no sources"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_case_card_has_coordinates_in_the_netherlands_and_strategies(page, case):
    soup = article(page(url_of(case)))
    card = soup.select_one(".kb-factcard")
    assert card is not None
    pin = card.select_one("a.kb-map-link")
    lat, lon = float(pin["data-lat"]), float(pin["data-lon"])
    assert NL_BBOX["lat"][0] <= lat <= NL_BBOX["lat"][1] and NL_BBOX["lon"][0] <= lon <= NL_BBOX["lon"][1]
    strategies = [a for a in card.select("dd a[href]") if "strategieen/" in a["href"]]
    assert strategies, "a case names at least one strategy"


def _case_card_targets(page, case, folder):
    url = url_of(case)
    card = article(page(url)).select_one(".kb-factcard")
    return {resolves_to(url, a["href"]) for a in card.select("dd a[href]") if f"{folder}/" in a["href"]}


def test_strategy_pages_list_the_cases_that_use_them(page):
    for case in CASES:
        for strategy_url in _case_card_targets(page, case, "strategieen"):
            heading = article(page(strategy_url)).select_one("#kb-cases")
            assert heading is not None, strategy_url
            section = heading.find_next_siblings(["ul", "p"], limit=3)
            assert url_of(case) in {resolves_to(strategy_url, h) for s in section for h in links(s)}, (
                f"{strategy_url} does not list {case.stem}")


def test_methods_and_themes_link_back_to_the_cases_that_use_them(page):
    for case in CASES:
        for target in _case_card_targets(page, case, "methoden") | _case_card_targets(page, case, "themas"):
            soup = article(page(target))
            related = soup.select_one("#kb-gerelateerd")
            assert related is not None, f"{target} has no 'Gerelateerd' section"
            after = {resolves_to(target, a["href"]) for a in related.find_all_next("a", href=True)}
            assert url_of(case) in after, f"{target} does not link back to {case.stem}"


# -- sources and glossary ----------------------------------------------------------------------------

@pytest.mark.parametrize("source", TYPED, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_content_page_cites_sources_in_both_languages(page, source):
    assert source.with_suffix(".en.md").exists(), f"{source} has no English translation"
    for lang in ("nl", "en"):
        soup = page(url_of(source, lang))
        assert soup.html["lang"] == lang
        assert not soup.select(".kb-fallback"), f"{url_of(source, lang)} is an untranslated fallback"
        assert soup.select("#bronnen ~ .kb-source"), f"{url_of(source, lang)} lists no sources"


def test_citations_link_to_the_page_sources(page):
    cited = 0
    for source in TYPED:
        soup = article(page(url_of(source)))
        for a in soup.select("a[href^='#bron-']"):
            assert soup.select_one(a["href"]) is not None, f"{source}: {a['href']} has no target"
            cited += 1
    assert cited > 20, "pages hardly cite their sources in the text"


def test_bibliography_page_lists_entries_with_the_pages_citing_them(page):
    soup = article(page("bronnen/"))
    entries = soup.select(".kb-source")
    assert len(entries) >= 30
    assert sum(1 for e in entries if e.find("a")) >= 20, "entries do not show where they are cited"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_glossary_has_at_least_50_terms_with_english(page, lang):
    soup = article(page(("en/" if lang == "en" else "") + "begrippen/"))
    terms = soup.select("h3[id]")
    assert len(terms) >= 50


def test_glossary_terms_have_tooltips_on_content_pages(page):
    soup = article(page("strategieen/verbinden/"))
    titles = [abbr.get("title", "") for abbr in soup.select("abbr")]
    assert titles and all(len(t) > 10 for t in titles)
    en = article(page("en/strategieen/verbinden/"))
    assert en.select("abbr"), "no tooltips on the English page"


# -- languages -------------------------------------------------------------------------------------------

def test_language_switcher_links_to_the_same_page_in_both_languages(page):
    soup = page("praktijkvoorbeelden/de-buren/")
    hrefs = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link[hreflang]")}
    assert set(hrefs) == {"nl", "en"}
    assert resolves_to("praktijkvoorbeelden/de-buren/", hrefs["en"]) == "en/praktijkvoorbeelden/de-buren/"
    en = page("en/praktijkvoorbeelden/de-buren/")
    back = {a["hreflang"]: a["href"] for a in en.select("a.md-select__link[hreflang]")}
    assert resolves_to("en/praktijkvoorbeelden/de-buren/", back["nl"]) == "praktijkvoorbeelden/de-buren/"


def test_english_pages_have_english_interface_text(page):
    soup = article(page("en/praktijkvoorbeelden/de-buren/"))
    assert soup.select_one(".admonition.abstract .admonition-title").get_text(strip=True) == "In short"
    assert soup.select_one("#bronnen").get_text(strip=True).startswith("Sources")


@pytest.mark.parametrize("path, lang, title, home", [("404.html", "nl", "Pagina niet gevonden", "/"),
                                                      ("en/404.html", "en", "Page not found", "/en/")])
def test_not_found_page_speaks_its_language_and_leads_home(page, path, lang, title, home):
    """mkdocs-static-i18n would leave the English 404 page at the root: a Dutch reader who
    follows a broken link must get the Dutch one, and English readers have theirs in en/."""
    soup = page(path)
    assert soup.html["lang"] == lang
    content = article(soup)
    assert content.h1.get_text(strip=True) == title
    assert content.select_one(f"p a[href='{home}']"), "no link back to the home page"
    languages = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link[hreflang]")}
    assert languages == {"nl": "/", "en": "/en/"}, "the language selector leads to the home pages"


# -- the whole site --------------------------------------------------------------------------------------

def all_pages(site: Path):
    return sorted(site.rglob("*.html"))


def test_no_resource_from_another_host(site):
    for html in all_pages(site):
        text = html.read_text(encoding="utf-8")
        # Tags that make the browser fetch something (a canonical link fetches nothing).
        loads = re.findall(r'<(?:script|img|iframe|source|audio|video)\b[^>]*?src="([^"]+)"', text)
        loads += [href for rel, href in re.findall(
            r'<link\b[^>]*?rel="([^"]+)"[^>]*?href="([^"]+)"', text)
            if set(rel.split()) & {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest"}]
        for url in loads:
            if url.startswith(("http://", "https://", "//")):
                pytest.fail(f"{html.relative_to(site)} loads {url}")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_every_internal_link_and_anchor_resolves(site):
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))
        return ids[path]

    broken = []
    for html in all_pages(site):
        if html.name == "404.html":
            continue
        for href in re.findall(r'<a\b[^>]*?href="([^"]+)"', html.read_text(encoding="utf-8")):
            if href.startswith(("http://", "https://", "mailto:", "javascript:", "//")):
                continue
            path, _, fragment = href.partition("#")
            path = path.split("?", 1)[0]
            if not path:
                target = html
            elif path.startswith("/"):
                broken.append(f"{html.relative_to(site)} -> {href} (root-absolute: breaks under a sub-path)")
                continue
            else:
                target = (html.parent / unquote(path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{html.relative_to(site)} -> {href}")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in anchors(target):
                broken.append(f"{html.relative_to(site)} -> {href} (no anchor)")
    assert not broken, "\n".join(broken[:30])


def test_no_page_loads_from_the_root_of_the_host(site):
    """The site works under a sub-path (https://host/kennisbank/) and from a folder."""
    found = []
    for html in all_pages(site):
        if html.name == "404.html":  # served at any address, so its links must be absolute
            continue
        for url in re.findall(r'\s(?:src|href|action|poster)="(/[^/"][^"]*)"', html.read_text(encoding="utf-8")):
            found.append(f"{html.relative_to(site)} -> {url}")
    assert not found, "\n".join(found[:30])


# -- length and structure the content issues ask for ---------------------------------------------

def body_words(path: Path) -> int:
    text = path.read_text(encoding="utf-8").split("---", 2)[2]
    text = re.sub(r"\[@[^\]]+\]", "", text)  # citation keys are not prose
    return len(re.findall(r"[0-9A-Za-zÀ-ÿ]+", text))


@pytest.mark.parametrize("strategy", STRATEGIES, ids=lambda p: p.stem)
def test_strategy_page_has_objectives_key_points_and_700_words(page, strategy):
    assert body_words(strategy) >= 700, f"{strategy.stem}: {body_words(strategy)} words"
    soup = article(page(url_of(strategy)))
    objectives = soup.select_one(".admonition.info")
    assert objectives.select_one(".admonition-title").get_text(strip=True) == "Leerdoelen"
    assert len(objectives.select("li")) >= 2
    key_points = soup.select_one(".admonition.success")
    assert key_points.select_one(".admonition-title").get_text(strip=True) == "Kernpunten"
    assert len(key_points.select("li")) >= 3
    # Objectives come before the text, key points after it.
    blocks = soup.select(".admonition.info, h2, .admonition.success")
    assert blocks[0] is objectives and soup.find_all("h2")[0].sourceline > objectives.sourceline


@pytest.mark.parametrize("window", WINDOWS, ids=lambda p: p.stem)
def test_canon_window_has_at_least_150_words_in_both_languages(window):
    assert body_words(window) >= 150
    assert body_words(window.with_suffix(".en.md")) >= 150


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_practice_case_has_at_least_350_words_in_both_languages(case):
    assert body_words(case) >= 350
    assert body_words(case.with_suffix(".en.md")) >= 350


def test_every_content_page_opens_with_a_summary(page):
    for source in TYPED:
        first = article(page(url_of(source))).select_one(".admonition")
        assert first is not None and "abstract" in first["class"], f"{source}: no 'In het kort' box"
