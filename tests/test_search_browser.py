"""Search in a real browser: Material's interface answered by the prebuilt index."""
from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest

from test_browser import VIEWPORTS, open_page, run_axe

pytestmark = pytest.mark.browser


def search(page, query):
    page.keyboard.press("/")
    # The whole query at once: typed letter by letter, the first results on screen could be
    # those of a prefix ("Kan") still on their way, and the test would read them.
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")   # Material reads the box on keyup
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return [urlparse(a.get_attribute("href")).path.lstrip("/")
            for a in page.locator(".md-search-result__item > a.md-search-result__link").all()]


def test_dutch_search_finds_the_page_with_synonyms_and_stays_in_dutch(browser, server, site, artifacts):
    context, page, log = open_page(browser, server, "", VIEWPORTS["desktop"], "light")
    try:
        results = search(page, "bonding")
        assert results[0] == "strategieen/verbinden/", results[:5]
        assert not [r for r in results if r.startswith("en/")], "English pages in Dutch results"
        assert page.locator(".md-search-result mark").count() > 0, "query terms are highlighted"
        page.screenshot(path=str(artifacts / "search-desktop-light.png"))
        fetched = [urlparse(u).path for u in log["requests"] if "/search/" in u]
        # The manifest travels inside the worker script: no request before the query's parts.
        assert "/search/nl/manifest.json" not in fetched
        assert not [u for u in fetched if u.startswith("/search/en/") or "kb-index" in u or "material" in u]
        parts = [u for u in fetched if u.startswith("/search/nl/t")]
        total = json.loads((site / "search" / "nl" / "manifest.json").read_text())["shards"]
        assert 0 < len(parts) <= 3 and len(parts) < total / 2, f"one query loaded {parts} of {total} parts"
        assert log["foreign"] == [] and log["failed"] == [] and log["console"] == []
    finally:
        context.close()


def test_english_search_returns_english_pages_only(browser, server):
    context, page, log = open_page(browser, server, "en/", VIEWPORTS["phone"], "dark")
    try:
        page.click("label.md-header__button[for='__search']")
        results = search(page, "tensions")
        assert results and all(r.startswith("en/") for r in results), results
        assert "en/themas/spanningsvelden/" in results[:3], results[:5]
    finally:
        context.close()


def result_paths(page):
    return [urlparse(a.get_attribute("href")).path.lstrip("/")
            for a in page.locator(".md-search-result__item > a.md-search-result__link").all()]


@pytest.mark.parametrize("path, query, expected", [
    ("?q=klussendienst", "Kanaleneiland", ("praktijkvoorbeelden/de-buren/", "praktijkvoorbeelden/krachtstation-kanaleneiland/")),
    ("en/?q=bonding", "klussendienst", ("en/strategieen/verbinden/", "en/praktijkvoorbeelden/de-buren/")),
])
def test_shareable_query_url_opens_the_results_and_search_goes_on(browser, server, path, query, expected):
    """A ?q= link starts the search worker from the page's head; Material takes over that
    same worker, so there is one worker, the result list and count appear, and a new
    query typed afterwards is answered too."""
    context, page, log = open_page(browser, server, path, VIEWPORTS["desktop"], "light")
    try:
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert result_paths(page)[0] == expected[0], result_paths(page)[:5]
        assert page.locator(".md-search-result__meta").inner_text().strip()[:1].isdigit()
        workers = [u for u in log["requests"] if "kb-search-worker" in u]
        assert len(workers) == 1 and "&q=" in workers[0], workers
        page.fill("input.md-search__input", query)
        page.keyboard.press("End")   # Material reads the box on keyup
        page.wait_for_function(
            "(path) => [...document.querySelectorAll('.md-search-result__item > a')].slice(0, 3)"
            ".some((a) => new URL(a.href).pathname.endsWith(path))", arg=expected[1], timeout=15000)
        assert log["console"] == [] and log["failed"] == []
    finally:
        context.close()


def test_pages_found_through_a_synonym_do_not_call_the_word_missing(browser, server):
    """Material strikes out query words a result lacks ("Ontbreekt: ..."). A page found
    through a glossary synonym (buurtcentrum for buurthuis) does not lack the word."""
    context, page, log = open_page(browser, server, "", VIEWPORTS["desktop"], "light")
    try:
        search(page, "buurthuis")
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 8")
        missing = page.locator(".md-search-result del").all_inner_texts()
        assert missing == [], f"results say they miss {missing}"
        # A word that is really absent is still reported.
        page.fill("input.md-search__input", "buurthuis xylofoon")
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result del", timeout=15000)
    finally:
        context.close()


def test_arrow_keys_move_through_the_results(browser, server):
    context, page, log = open_page(browser, server, "", VIEWPORTS["desktop"], "light")
    try:
        search(page, "Kanaleneiland")
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
        assert focused, "ArrowDown does not move into the results"
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_open_search_results_have_no_axe_violations(browser, server, axe_source, viewport):
    context, page, log = open_page(browser, server, "", VIEWPORTS[viewport], "light")
    try:
        if viewport == "phone":
            page.click("label.md-header__button[for='__search']")
        search(page, "opbouwwerk")
        assert run_axe(page, axe_source) == []
    finally:
        context.close()


def test_results_appear_while_typing_a_word(browser, server):
    context, page, log = open_page(browser, server, "", VIEWPORTS["desktop"], "light")
    try:
        results = search(page, "Kanalenei")
        assert "praktijkvoorbeelden/krachtstation-kanaleneiland/" in results[:3], results[:5]
    finally:
        context.close()


@pytest.mark.parametrize("path, query, expected, heading", [
    ("praktijkvoorbeelden/de-buren/", "Jane Addams", "canon/1889-hull-house/", "Hull House"),
    ("en/canon/1889-hull-house/", "Kanaleneiland", "en/praktijkvoorbeelden/krachtstation-kanaleneiland/",
     "Krachtstation"),
    ("404.html", "klussendienst", "praktijkvoorbeelden/de-buren/", "De Buren"),
    ("en/404.html", "odd-jobs service", "en/praktijkvoorbeelden/de-buren/", "De Buren"),
])
def test_search_from_a_deep_page_leads_to_the_result(browser, server, path, query, expected, heading):
    """Search works on every page, not only the home page: from a page two folders deep, or
    the "not found" page, on a phone, results lead to the right page of the reader's language."""
    context, page, log = open_page(browser, server, path, VIEWPORTS["phone"], "light")
    try:
        page.click("label.md-header__button[for='__search']")
        results = search(page, query)
        assert expected in results[:3], results[:5]
        page.locator(".md-search-result__item > a.md-search-result__link").nth(results.index(expected)).click()
        page.wait_for_url(f"**/{expected}*")
        assert heading in page.locator("h1").first.inner_text()
        assert log["console"] == [] and log["failed"] == [] and log["foreign"] == []
    finally:
        context.close()
