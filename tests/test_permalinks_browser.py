"""Permanent links, copy-link buttons and the citation in a real browser (issue 13)."""
from __future__ import annotations

from datetime import date

import pytest

from conftest import ROOT, SITE_URL
from test_browser import VIEWPORTS, open_page, run_axe

pytestmark = pytest.mark.browser
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december"]


def permanent_links() -> list[str]:
    lock = (ROOT / "data" / "urls.lock").read_text(encoding="utf-8").split()
    return [url for url in lock if url.startswith(("m/", "en/m/"))]


def one_link_per_kind(server_site) -> list[str]:
    """One permanent link per kind of page and language: every link's target is checked in
    the built HTML (test_permalinks.py); here a real browser follows the redirect itself."""
    chosen: dict[tuple[str, str], str] = {}
    for url in permanent_links():
        redirect = (server_site / url / "index.html").read_text(encoding="utf-8")
        target = redirect.split('url=', 1)[1].split('"', 1)[0].strip("./")
        kind = target.split("/", 1)[0] if "/" in target else "home"
        chosen.setdefault((url.startswith("en/") and "en" or "nl", kind), url)
    return sorted(chosen.values())


def test_permanent_links_of_every_kind_reach_their_page_in_a_browser(browser, server, site):
    links = one_link_per_kind(site)
    assert len(permanent_links()) >= 150 and len(links) >= 10, links
    context = browser.new_context()
    page = context.new_page()
    failed = []
    try:
        for url in links:
            page.goto(server + url, wait_until="domcontentloaded")
            page.wait_for_url(lambda u: "/m/" not in u, timeout=5000)
            page.wait_for_load_state("domcontentloaded")
            if page.locator("article h1").count() != 1:
                failed.append(url)
    finally:
        context.close()
    assert failed == [], failed


def test_a_permanent_link_keeps_the_section(browser, server):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(server + "m/verbinden/#verbinden-en-lokale-democratie")
        page.wait_for_url("**/strategieen/verbinden/#verbinden-en-lokale-democratie")
    finally:
        context.close()


def clipboard_context(browser, server, path, viewport="desktop"):
    context, page, log = open_page(browser, server, path, VIEWPORTS[viewport], "light")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    return context, page, log


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_copy_link_buttons_copy_the_permanent_link_of_their_section(browser, server, lang):
    prefix = "" if lang == "nl" else "en/"
    context, page, log = clipboard_context(browser, server, prefix + "praktijkvoorbeelden/de-buren/")
    try:
        headings = page.locator("article h2[id]")
        assert headings.count() >= 4
        assert page.locator("article h2[id] button.kb-copylink").count() == headings.count(), \
            "a heading without a visible copy-link button"
        heading = headings.nth(1)
        anchor = heading.get_attribute("id")
        button = heading.locator("button.kb-copylink")
        assert button.is_visible() and button.get_attribute("aria-label")
        button.click()
        page.wait_for_function("() => (document.getElementById('kb-announce') || {}).textContent")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == f"{SITE_URL}{prefix}m/de-buren/#{anchor}"
        assert page.locator("#kb-announce").inner_text().endswith(copied)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_cite_button_copies_an_apa_reference_with_todays_date(browser, server, lang):
    prefix = "" if lang == "nl" else "en/"
    context, page, log = clipboard_context(browser, server, prefix + "strategieen/koppelen/", "phone")
    try:
        cite = page.locator("details[data-kb-cite]")
        top = cite.bounding_box()["y"]
        assert top < page.locator("article h2").first.bounding_box()["y"], "the citation is not near the title"
        cite.locator("summary").click()
        cite.locator("[data-kb-cite-copy]").click()
        page.wait_for_function("() => document.querySelector('[data-kb-cite-status]').textContent")
        copied = page.evaluate("navigator.clipboard.readText()")
        today = date.today()
        if lang == "nl":
            expected = f"Geraadpleegd op {today.day} {MONTHS_NL[today.month - 1]} {today.year}, van"
            assert copied.startswith("Kennisbank Opbouwwerk. (")
        else:
            expected = f"Retrieved {today.strftime('%B')} {today.day}, {today.year}, from"
            assert copied.startswith("Community Development Knowledge Base. (")
        assert expected in copied, copied
        assert copied.endswith(f"{SITE_URL}{prefix}m/koppelen/")
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_citation_and_copy_links_have_no_axe_violations(browser, server, axe_source, viewport):
    context, page, log = open_page(browser, server, "canon/1925-opbouw-drenthe/", VIEWPORTS[viewport], "dark")
    try:
        page.locator("details[data-kb-cite] summary").click()
        violations = run_axe(page, axe_source)
        assert violations == [], "\n".join(violations)
    finally:
        context.close()
