"""Learning paths and the trainer view in a real browser (issue 12)."""
from __future__ import annotations

import pytest

from test_browser import VIEWPORTS, open_page, run_axe

pytestmark = pytest.mark.browser
LANGS = {"nl": "", "en": "en/"}


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_following_a_path_shows_the_step_bar_progress_and_total(browser, server, artifacts, viewport, lang):
    prefix = LANGS[lang]
    context, page, log = open_page(browser, server, f"{prefix}leerroutes/eerstejaars/", VIEWPORTS[viewport], "light")
    try:
        steps = page.locator("li.kb-step")
        count = steps.count()
        assert count >= 10
        assert "min" in page.locator(".kb-path__facts").inner_text()
        progress = page.locator("[data-kb-path-progress]")
        assert progress.inner_text().startswith(("0 van", "0 of")), progress.inner_text()
        steps.nth(0).locator("a.kb-step__link").click()
        page.wait_for_load_state("networkidle")
        bar = page.locator("nav.kb-pathbar")
        assert bar.is_visible()
        assert ("Stap 1 van" if lang == "nl" else "Step 1 of") in bar.inner_text()
        page.screenshot(path=str(artifacts / f"path-step-{viewport}-{lang}.png"))
        bar.locator("a.kb-pathbar__next").click()
        page.wait_for_load_state("networkidle")
        assert ("Stap 2 van" if lang == "nl" else "Step 2 of") in page.locator("nav.kb-pathbar").inner_text()
        assert page.locator("nav.kb-pathbar a.kb-pathbar__prev").count() == 1
        # Mark step 2 done here; it stays done after a reload and counts on the path page.
        done = page.locator("nav.kb-pathbar button.kb-pathbar__done")
        done.click()
        assert done.get_attribute("aria-pressed") == "true"
        page.reload(wait_until="networkidle")
        assert page.locator("nav.kb-pathbar button.kb-pathbar__done").get_attribute("aria-pressed") == "true"
        page.locator("nav.kb-pathbar a.kb-pathbar__back").click()
        page.wait_for_load_state("networkidle")
        assert page.locator("[data-kb-path-progress]").inner_text().startswith(("1 van", "1 of"))
        assert "kb-step--done" in (page.locator("li.kb-step").nth(1).get_attribute("class") or "")
        assert no_sideways_scroll(page)
        assert log["console"] == [] and log["failed"] == [] and log["foreign"] == []
    finally:
        context.close()


def test_a_page_in_two_paths_shows_the_bar_of_the_path_it_was_reached_from(browser, server):
    context, page, log = open_page(browser, server, "leerroutes/seminar-strategieen/", VIEWPORTS["desktop"], "light")
    try:
        seminar = page.locator("h1").inner_text()
        page.locator("a.kb-step__link[href*='strategieen/verbinden/']").first.click()
        page.wait_for_load_state("networkidle")
        assert seminar in page.locator("nav.kb-pathbar").inner_text()
        page.goto(server + "leerroutes/eerstejaars/", wait_until="networkidle")
        first = page.locator("h1").inner_text()
        page.locator("a.kb-step__link[href*='strategieen/verbinden/']").first.click()
        page.wait_for_load_state("networkidle")
        text = page.locator("nav.kb-pathbar").inner_text()
        assert first in text and seminar not in text
        # Reached without a path in the address (the menu), the page keeps the last path followed.
        page.goto(server + "strategieen/verbinden/", wait_until="networkidle")
        assert first in page.locator("nav.kb-pathbar").inner_text()
    finally:
        context.close()


def test_a_page_opened_directly_shows_no_step_bar(browser, server):
    context, page, log = open_page(browser, server, "strategieen/verbinden/", VIEWPORTS["phone"], "light")
    try:
        assert page.locator("nav.kb-pathbar").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_trainer_view_shows_notes_and_stays_on_across_pages_and_reloads(browser, server, lang):
    prefix = LANGS[lang]
    context, page, log = open_page(browser, server, f"{prefix}praktijkvoorbeelden/de-buren/", VIEWPORTS["desktop"], "light")
    try:
        notes = page.locator("aside.kb-trainer")
        assert notes.count() == 1 and not notes.is_visible(), "learners see trainer notes by default"
        toggle = page.locator("[data-kb-trainer-toggle]")
        assert toggle.get_attribute("aria-pressed") == "false"
        toggle.click()
        assert notes.is_visible() and toggle.get_attribute("aria-pressed") == "true"
        page.goto(server + f"{prefix}strategieen/verbinden/", wait_until="networkidle")
        assert page.locator("aside.kb-trainer").is_visible()
        page.reload(wait_until="networkidle")
        assert page.locator("aside.kb-trainer").is_visible()
        page.locator("[data-kb-trainer-toggle]").click()
        assert not page.locator("aside.kb-trainer").is_visible()
        page.reload(wait_until="networkidle")
        assert not page.locator("aside.kb-trainer").is_visible()
        assert log["console"] == []
    finally:
        context.close()


@pytest.mark.parametrize("trainer", [False, True], ids=["learner", "trainer"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", ["leerroutes/seminar-strategieen/", "en/leerroutes/eerstejaars/",
                                  "leerroutes/eerstejaars/hand-out-docent/", "leerroutes/"])
def test_path_pages_are_accessible_and_fit_a_phone(browser, server, axe_source, artifacts, path, viewport, trainer):
    context, page, log = open_page(browser, server, path, VIEWPORTS[viewport], "light")
    try:
        if trainer:
            page.locator("[data-kb-trainer-toggle]").click()
        name = path.strip("/").replace("/", "-") + f"-{viewport}-{'trainer' if trainer else 'learner'}"
        page.screenshot(path=str(artifacts / f"{name}.png"), full_page=False)
        assert no_sideways_scroll(page), "the page scrolls sideways"
        violations = run_axe(page, axe_source)
        assert violations == [], "axe violations:\n" + "\n".join(violations)
        assert log["console"] == [] and log["failed"] == []
    finally:
        context.close()
