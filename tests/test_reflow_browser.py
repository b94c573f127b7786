"""Every page on a phone (WCAG 2.1 reflow, 1.4.10): no page of the site is wider than the
screen at 390 px (a common phone) and at 320 px (the width WCAG names). Content that cannot
fit, such as a wide table, scrolls inside its own box and says so."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WIDTHS = (320, 390)

# What sticks out of the screen, with the element that does it, so a failure names the fix.
MEASURE = """async () => {
  // kb-page.js marks wide tables 50 ms after load and after each resize: wait for it only
  // where a table is wide and not marked yet.
  const unmarked = () => [...document.querySelectorAll('.md-typeset__scrollwrap:not(.kb-scrolls)')]
    .some((el) => el.scrollWidth > el.clientWidth + 1);
  for (let i = 0; i < 10 && unmarked(); i++) await new Promise((done) => setTimeout(done, 50));
  const width = document.documentElement.clientWidth;
  const scrollers = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true;
    }
    return false;
  };
  const wide = [...document.querySelectorAll('body *')]
    .filter((el) => el.getClientRects().length && !scrollers(el))
    .filter((el) => { const r = el.getBoundingClientRect(); return r.right > width + 1 || r.left < -1; })
    .filter((el) => getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden], .md-sidebar, .md-nav, .md-search'))
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)} px)`);
  const boxes = [...document.querySelectorAll('article *')]
    .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
    .map((el) => ({name: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`,
                   hint: (el.matches('.kb-scrolls') && getComputedStyle(el, '::before').content.includes('→'))
                         || !!el.closest('pre, .highlight')}));
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 3), boxes};
}"""


def pages(site):
    for html in sorted(site.rglob("*.html")):
        text = html.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text[:2000]:  # a redirect from an old address, not a page
            continue
        yield html.relative_to(site).as_posix()


PARTS = 4  # the pages in four tests, so that the two test workers share them


@pytest.mark.parametrize("part", range(PARTS))
def test_no_page_is_wider_than_a_phone(browser, server, site, part):
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800}, is_mobile=True,
                                  has_touch=True, device_scale_factor=1)
    tab = context.new_page()
    too_wide, unlabelled, seen = [], [], 0
    try:
        for path in list(pages(site))[part::PARTS]:
            tab.set_viewport_size({"width": WIDTHS[0], "height": 800})
            tab.goto(server + path, wait_until="load")
            seen += 1
            for width in WIDTHS:
                if width != WIDTHS[0]:
                    tab.set_viewport_size({"width": width, "height": 800})
                found = tab.evaluate(MEASURE)
                if found["scroll"] > found["width"]:
                    too_wide.append(f"{path} at {width} px: {found['scroll']} px wide, "
                                    f"because of {', '.join(found['wide']) or 'an unknown element'}")
                unlabelled += [f"{path} at {width} px: {box['name']}" for box in found["boxes"]
                               if not box["hint"]]
    finally:
        context.close()
    assert seen > 150 // PARTS, f"only {seen} pages were checked"
    assert not too_wide, "pages wider than the phone:\n" + "\n".join(too_wide[:40])
    assert not unlabelled, ("boxes that scroll sideways without a visible hint:\n"
                            + "\n".join(sorted(set(unlabelled))[:40]))


def test_a_table_too_wide_for_the_phone_scrolls_in_its_own_box_with_a_hint(browser, server):
    """No table of today's content is that wide; this one, put into a real page as an author
    could write it, must scroll inside its box, say so, and be reachable by keyboard."""
    context = browser.new_context(viewport={"width": 320, "height": 800}, is_mobile=True)
    tab = context.new_page()
    try:
        tab.goto(server + "strategieen/verbinden/", wait_until="load")
        tab.evaluate("""() => {
          const wrap = document.createElement('div');
          wrap.className = 'md-typeset__scrollwrap';
          wrap.innerHTML = '<div class="md-typeset__table"><table><tr>' +
            Array.from({length: 8}, (_, i) => `<td>Kolom${i}MetEenHeelLangWoord</td>`).join('') + '</tr></table></div>';
          document.querySelector('article').appendChild(wrap);
          window.dispatchEvent(new Event('resize'));
        }""")
        wrap = tab.locator("article > .md-typeset__scrollwrap").last
        expect(wrap).to_have_class(re.compile(r"\bkb-scrolls\b"))
        found = tab.evaluate(MEASURE)
        assert found["scroll"] <= found["width"], "the page itself does not scroll sideways"
        assert any(box["hint"] for box in found["boxes"]), found["boxes"]
        assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("role") == "region"
        assert "→" in wrap.evaluate("el => getComputedStyle(el, '::before').content")
    finally:
        context.close()
