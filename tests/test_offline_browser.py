"""The offline copy (`make offline`): a folder a student opens from disk (file://), without a
server and without internet. Navigation, the language switch, Dutch search, the exercises and
the progress page must work there as they do on the web."""
from __future__ import annotations

import json
from urllib.parse import urlparse
from pathlib import Path

import pytest

from conftest import ROOT, run_build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site-offline")
    result = run_build(ROOT / "mkdocs.yml", site_dir, KB_OFFLINE="true")
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture
def tab(browser, offline_site):
    """A page in the browser that records errors and every request that leaves the folder."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.errors, page.foreign = [], []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: request.url.startswith(("file:", "data:", "blob:"))
            or page.foreign.append(request.url))
    page.root = offline_site.as_uri() + "/"
    yield page
    assert not page.errors, page.errors
    assert not page.foreign, f"the offline copy asked another place for {page.foreign}"
    context.close()


def test_every_page_is_a_file_and_links_point_at_files(offline_site):
    assert (offline_site / "index.html").exists()
    assert (offline_site / "strategieen" / "verbinden.html").exists()
    assert (offline_site / "en" / "strategieen" / "verbinden.html").exists()
    # From a folder a worker can fetch nothing: each language's bundle carries its index.
    for lang in ("nl", "en"):
        bundle = (offline_site / "assets" / "javascripts" / f"kb-search-worker.{lang}.js").read_text()
        assert f'self.kbLang = "{lang}"; self.kbParts = {{' in bundle


def test_navigation_and_language_switch_work_from_disk(tab):
    tab.goto(tab.root + "index.html")
    tab.locator("nav.md-tabs a", has_text="Strategieën").first.click()
    tab.wait_for_load_state()
    assert tab.url.endswith(".html") and "/strategieen/" in tab.url
    assert tab.locator("h1").first.is_visible()
    english = tab.locator("a.md-select__link[hreflang=en]").first.evaluate("a => a.href")
    tab.goto(english)
    assert "/en/" in tab.url and tab.url.endswith(".html")
    assert tab.locator("html").get_attribute("lang") == "en"


def test_dutch_search_works_from_disk(tab):
    tab.goto(tab.root + "strategieen/verbinden.html")
    tab.wait_for_load_state("networkidle")
    tab.keyboard.press("/")
    tab.keyboard.type("buurthuis")
    results = tab.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert results.count() > 0
    tab.locator(".md-search-result__link").first.click()
    tab.wait_for_load_state()
    assert urlparse(tab.url).path.endswith(".html"), tab.url
    assert tab.locator("h1").first.is_visible()


def test_an_exercise_gives_feedback_and_the_progress_page_remembers_it(tab):
    tab.goto(tab.root + "oefeningen/oefening-verbinden.html")
    form = tab.locator("form[data-kb-kind=enkel]").first
    answer = json.loads(form.get_attribute("data-kb-answer"))[0]
    form.locator(f"input[value='{answer}']").check()
    form.locator("button[type=submit]").click()
    feedback = form.locator("[data-kb-feedback]")
    feedback.wait_for()
    assert feedback.inner_text().strip()
    tab.goto(tab.root + "oefeningen/mijn-voortgang.html")
    row = tab.locator("tr", has=tab.locator("[data-kb-set='oefening-verbinden']"))
    assert row.locator("[data-kb-status]").inner_text().strip() not in ("", "Nog niet begonnen")
