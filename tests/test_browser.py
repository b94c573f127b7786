"""Real-browser checks (Playwright driving Debian's chromium) on the built site."""
from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "case": "praktijkvoorbeelden/krachtstation-kanaleneiland/",
    "window": "canon/1925-opbouw-drenthe/",
    "case-overview": "praktijkvoorbeelden/",
    "home-en": "en/",
    "case-en": "en/praktijkvoorbeelden/de-buren/",
    "not-found": "404.html",
}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
SCHEMES = ["light", "dark"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def open_page(browser, server, path, viewport, scheme):
    """Open a page and record what a privacy- and quality-minded reviewer would check."""
    context = browser.new_context(viewport=viewport, color_scheme=scheme,
                                  device_scale_factor=1, is_mobile=viewport["width"] < 500)
    page = context.new_page()
    log = {"console": [], "failed": [], "foreign": [], "requests": []}
    host = urlparse(server).netloc
    page.on("console", lambda m: m.type == "error" and log["console"].append(m.text))
    page.on("pageerror", lambda e: log["console"].append(str(e)))
    page.on("requestfailed", lambda r: log["failed"].append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and log["failed"].append(f"{r.url} ({r.status})"))

    def check_host(request):
        log["requests"].append(request.url)
        parsed = urlparse(request.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.netloc != host:
            log["foreign"].append(request.url)

    page.on("request", check_host)
    page.goto(server + path, wait_until="networkidle")
    return context, page, log


def settle(page):
    """Judge a page as it settles, not halfway through a transition (Material fades its tabs
    out when a full-page screenshot resizes the window; a busy machine makes such moments
    longer): wait for every finite animation and transition to end."""
    page.evaluate("""() => Promise.all(document.getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime))
        .map((a) => a.finished.catch(() => null)))""")


def run_axe(page, axe_source):
    # Evaluated through the DevTools protocol: the page's Content Security Policy rightly
    # refuses an injected inline <script>.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    settle(page)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else json.dumps(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_page_is_clean_private_and_accessible(browser, server, axe_source, artifacts, name, viewport, scheme):
    context, page, log = open_page(browser, server, PAGES[name], VIEWPORTS[viewport], scheme)
    try:
        page.screenshot(path=str(artifacts / f"{name}-{viewport}-{scheme}.png"), full_page=viewport == "phone")
        violations = run_axe(page, axe_source)
        assert log["foreign"] == [], f"requests to other hosts: {log['foreign']}"
        assert log["failed"] == [], f"failed requests: {log['failed']}"
        assert log["console"] == [], f"console errors: {log['console']}"
        assert violations == [], "axe violations:\n" + "\n".join(violations)
    finally:
        context.close()


def test_phone_tab_order_skips_the_closed_drawer(browser, server):
    """On a phone the first Tab stops reach the page, not the hidden navigation drawer."""
    context, page, log = open_page(browser, server, PAGES["case"], VIEWPORTS["phone"], "light")
    try:
        stops = []
        for _ in range(25):
            page.keyboard.press("Tab")
            stops.append(page.evaluate("""() => {
                const el = document.activeElement;
                // A visually hidden radio (Material's palette switch) shows its focus on its label.
                const shown = el.matches('input.md-option') ? el.nextElementSibling : el;
                const r = shown.getBoundingClientRect();
                return {
                    inDrawer: !!el.closest('.md-sidebar--primary'),
                    inArticle: !!el.closest('article'),
                    visible: r.width > 0 && r.height > 0 && r.right > 0 && r.left < window.innerWidth,
                    text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40),
                };
            }"""))
        assert not [s for s in stops if s["inDrawer"]], f"Tab reached the closed drawer: {stops}"
        assert all(s["visible"] for s in stops), f"Tab reached invisible elements: {stops}"
        assert any(s["inArticle"] for s in stops[:15]), f"the page content is not reached early: {stops}"
        # Opening the drawer makes its links reachable again.
        page.click("label.md-header__button[for='__drawer']")
        page.wait_for_timeout(400)
        assert page.locator(".md-sidebar--primary .md-nav__link").first.is_visible()
    finally:
        context.close()


def test_search_dialog_has_an_accessible_name(page):
    dialog = page("").select_one("[role=dialog].md-search")
    assert dialog is not None and dialog.get("aria-label"), "the search dialog has no accessible name"


def test_language_switcher_leads_to_the_same_page(browser, server):
    context, page, log = open_page(browser, server, PAGES["case"], VIEWPORTS["desktop"], "light")
    try:
        link = page.locator("a.md-select__link[hreflang='en']")
        href = link.get_attribute("href")
        assert href.rstrip("/").endswith("en/praktijkvoorbeelden/krachtstation-kanaleneiland"), href
        page.goto(link.evaluate("a => a.href"), wait_until="networkidle")
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("h1").inner_text() != ""
    finally:
        context.close()


def test_case_table_sorts_and_filters_in_the_browser(browser, server):
    context, page, log = open_page(browser, server, PAGES["case-overview"], VIEWPORTS["desktop"], "light")
    try:
        rows = page.locator("[data-kb-table] tbody tr")
        total = rows.count()
        assert total >= 6
        page.select_option("[data-kb-table] select >> nth=0", label="Koppelen")
        visible = page.locator("[data-kb-table] tbody tr:not([hidden])")
        assert 0 < visible.count() < total or visible.count() == total
        for text in visible.all_inner_texts():
            assert "Koppelen" in text
        status = page.locator("[data-kb-table] [role=status]").inner_text()
        assert re.search(rf"{visible.count()} van {total}", status), status
        page.select_option("[data-kb-table] select >> nth=0", label="Alle")
        page.fill("[data-kb-table] input[type=search]", "Arnhem")
        assert visible.count() == 1 and "Vitale Verbindingen" in visible.first.inner_text()
        page.fill("[data-kb-table] input[type=search]", "")
        page.click("[data-kb-table] th button >> nth=1")  # sort by place
        places = [r.split("\t")[1] for r in visible.all_inner_texts()]
        assert places == sorted(places, key=str.lower)
    finally:
        context.close()


def test_case_table_is_a_list_of_cards_on_a_phone(browser, server, artifacts):
    """On a phone nothing of the case table needs a sideways swipe: each case is a card whose
    lines name their column, and filtering and sorting still work."""
    context, page, log = open_page(browser, server, PAGES["case-overview"], VIEWPORTS["phone"], "light")
    try:
        table = page.locator("[data-kb-table] table")
        width = page.evaluate("document.documentElement.clientWidth")
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (box, width)
        overflow = page.evaluate("""() => [...document.querySelectorAll('[data-kb-table] *')]
            .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
            .map((el) => el.className || el.tagName)""")
        assert overflow == [], f"sideways scrolling in {overflow}"
        # Each line of a card is labelled with its column (CSS ::before from data-label).
        labels = page.locator("[data-kb-table] tbody tr").first.locator("td").evaluate_all(
            "cells => cells.map(c => [c.dataset.label, getComputedStyle(c, '::before').content])")
        assert [label for label, _ in labels[1:4]] == ["Plaats", "Provincie", "Hoofdstrategie"], labels
        assert all(content == f'"{label}: "' for label, content in labels[1:]), labels
        assert page.get_by_role("cell").count() >= 6 * 6, "cells keep their table role"
        page.select_option("[data-kb-table] select >> nth=1", index=1)
        visible = page.locator("[data-kb-table] tbody tr:not([hidden])")
        hidden = page.locator("[data-kb-table] tbody tr[hidden]")
        assert visible.count() >= 1 and hidden.count() >= 1
        assert all(not h for h in hidden.evaluate_all("rows => rows.map(r => r.offsetHeight)")), "filtered cards stay visible"
        page.screenshot(path=str(artifacts / "case-overview-phone-cards.png"), full_page=True)
        assert log["console"] == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 1920])
def test_case_table_fits_a_laptop_and_a_beamer_without_scrolling(browser, server, width):
    context, page, log = open_page(browser, server, PAGES["case-overview"], {"width": width, "height": 800}, "light")
    try:
        wrap = page.locator("[data-kb-table] .md-typeset__scrollwrap")
        sizes = wrap.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert sizes[0] <= sizes[1] + 1, f"the case table scrolls sideways at {width} px: {sizes}"
        assert "kb-scrolls" not in (wrap.get_attribute("class") or "")
        total = page.locator(".kb-list-total").first.inner_text()
        assert total.startswith("Alles samen:") and "min" in total, total
    finally:
        context.close()


def test_the_strategy_filter_shows_a_different_set_of_cases_per_strategy(browser, server):
    context, page, log = open_page(browser, server, PAGES["case-overview"], VIEWPORTS["desktop"], "light")
    try:
        select = page.locator("[data-kb-table] select").first
        options = [o for o in select.evaluate("s => [...s.options].map(o => o.value)") if o]
        assert len(options) == 3, options
        shown = {}
        for option in options:
            select.select_option(option)
            shown[option] = tuple(page.locator("[data-kb-table] tbody tr:not([hidden]) td:first-child").all_inner_texts())
            assert shown[option], f"no case for {option}"
        assert len(set(shown.values())) == 3, shown
    finally:
        context.close()
