"""kb-figures in a real browser (issue 16): screenshots on phone, desktop and a wide screen in
light and dark, axe without violations, no sideways scrolling on a phone, the map's markers
reachable with the keyboard with their detail shown, and the timeline turning horizontal."""
from __future__ import annotations

import pytest

from test_browser import VIEWPORTS, open_page, run_axe, settle

pytestmark = pytest.mark.browser

PAGES = {
    "case-overview": "praktijkvoorbeelden/",
    "case": "praktijkvoorbeelden/de-buren/",
    "canon": "canon/",
    "strategies": "strategieen/",
    "home": "",
}
SIZES = {**VIEWPORTS, "wide": {"width": 1920, "height": 1080}}
SCHEMES = ["light", "dark"]


def sideways(page) -> bool:
    settle(page)
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES)
def test_figure_pages_look_right_and_pass_axe(browser, server, axe_source, artifacts, name, size, scheme):
    context, page, log = open_page(browser, server, PAGES[name], SIZES[size], scheme)
    try:
        page.screenshot(path=str(artifacts / f"figures-{name}-{size}-{scheme}.png"), full_page=True)
        assert page.locator("figure.kb-fig, nav.kb-audiences").count() >= 1, "no figure on the page"
        violations = run_axe(page, axe_source)
        assert violations == [], "axe violations:\n" + "\n".join(violations)
        assert log["foreign"] == [] and log["failed"] == [] and log["console"] == [], log
        if size == "phone":
            assert not sideways(page), "the page scrolls sideways on a phone"
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scrolling_on_a_phone(browser, server, name, lang):
    context, page, log = open_page(browser, server, lang + PAGES[name], VIEWPORTS["phone"], "light")
    try:
        assert not sideways(page)
        overflow = page.evaluate("""() => [...document.querySelectorAll('.kb-fig *, .kb-audiences *, .kb-glance *')]
            .filter((el) => el.clientWidth > 1)  // not the visually hidden texts
            .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
            .map((el) => el.className.baseVal ?? el.className)""")
        assert overflow == [], f"a figure scrolls sideways: {overflow}"
    finally:
        context.close()


def test_map_markers_are_links_reached_by_keyboard_with_their_detail(browser, server, artifacts):
    context, page, log = open_page(browser, server, PAGES["case-overview"], VIEWPORTS["desktop"], "light")
    try:
        markers = page.locator("svg.kb-map__svg a.kb-map__case")
        count = markers.count()
        assert count >= 6
        for i in range(count):
            name = markers.nth(i).locator("title").text_content()
            assert page.get_by_role("link", name=name, exact=True).count() >= 1, name
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('a.kb-map__case')"):
                break
        else:
            pytest.fail("Tab never reaches a marker of the map")
        focused = page.locator("a.kb-map__case:focus")
        detail = focused.locator(".kb-map__detail")
        assert detail.evaluate("g => getComputedStyle(g).display") != "none", "no detail on focus"
        box = detail.bounding_box()
        assert box and box["width"] > 20, box
        others = page.locator("a.kb-map__case:not(:focus)").first
        assert float(others.evaluate("a => getComputedStyle(a).opacity")) < 1, "the other markers do not step back"
        page.locator("figure.kb-map").screenshot(path=str(artifacts / "figures-map-focus.png"))
        href = focused.get_attribute("href")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("praktijkvoorbeelden/" + href), (page.url, href)
    finally:
        context.close()


@pytest.mark.parametrize("size, direction", [("phone", "vertical"), ("desktop", "vertical"), ("wide", "horizontal")])
def test_timeline_is_vertical_on_a_phone_and_horizontal_on_a_wide_screen(browser, server, size, direction):
    context, page, log = open_page(browser, server, PAGES["canon"], SIZES[size], "light")
    try:
        boxes = page.locator("li.kb-tl__period").evaluate_all(
            "items => items.map(li => { const r = li.getBoundingClientRect(); return [r.x, r.y]; })")
        assert len(boxes) >= 3
        xs, ys = [round(x) for x, _ in boxes], [round(y) for _, y in boxes]
        if direction == "vertical":
            assert len(set(xs)) == 1 and ys == sorted(ys) and len(set(ys)) == len(ys), boxes
        else:
            assert len(set(ys)) == 1 and xs == sorted(xs) and len(set(xs)) == len(xs), boxes
        # The windows are links in both layouts.
        assert page.locator("a.kb-tl__window").count() == page.locator("ol.kb-timeline > li").count()
    finally:
        context.close()


def test_strategy_page_marks_its_column_not_by_colour_alone(browser, server):
    context, page, log = open_page(browser, server, "strategieen/koppelen/", VIEWPORTS["desktop"], "light")
    try:
        header = page.locator("th.kb-matrix__current")
        assert "deze pagina" in header.inner_text()
        main = page.locator("td.kb-matrix__cell--main").first.inner_text()
        side = page.locator("td.kb-matrix__cell--side").first.inner_text()
        assert "●" in main and "hoofd" in main and "○" in side and "ook" in side
    finally:
        context.close()


def test_light_and_dark_palettes_differ(browser, server):
    fills = {}
    for scheme in SCHEMES:
        context, page, log = open_page(browser, server, PAGES["case-overview"], VIEWPORTS["desktop"], scheme)
        try:
            fills[scheme] = page.locator(".kb-map__province").first.evaluate("p => getComputedStyle(p).fill")
        finally:
            context.close()
    assert fills["light"] != fills["dark"], fills


def test_wide_screen_uses_the_width_with_larger_type_and_short_lines(browser, server):
    context, page, log = open_page(browser, server, PAGES["home"], SIZES["wide"], "light")
    try:
        grid, root, paragraph = page.evaluate("""() => [
            document.querySelector('.md-main .md-grid').getBoundingClientRect().width,
            parseFloat(getComputedStyle(document.documentElement).fontSize),
            document.querySelector('.md-typeset > p').getBoundingClientRect().width /
              parseFloat(getComputedStyle(document.querySelector('.md-typeset > p')).fontSize)]""")
        assert grid > 1600, grid
        assert root > 20, "no larger type for a beamer"
        assert paragraph <= 75 * 0.6, f"lines of {paragraph:.0f} em are too long"
    finally:
        context.close()
