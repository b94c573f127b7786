"""Printing (issue 13): handouts as PDF from chromium, and what print leaves out."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from test_browser import VIEWPORTS, open_page
from test_site import front_matter, pages_of_type, url_of

pytestmark = pytest.mark.browser
PATHS = pages_of_type("leerroute")


def pdf_text(page) -> tuple[int, str]:
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    # Words only: PDF text comes back with its own line breaks and spacing; the addresses
    # printed after links are left out to compare with the text on screen.
    text = "".join("".join((p.extract_text() or "").split()) for p in reader.pages)
    return len(reader.pages), re.sub(r"\(https?://[^)]*\)", "", text)


def squeeze(text: str) -> str:
    return "".join(text.split())


def step_titles(page) -> list[str]:
    return [" ".join(t.split(": ", 1)[1].rsplit(" (", 1)[0].split())
            for t in page.locator(".kb-handout__step > h2").all_inner_texts()]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_handouts_print_every_step_and_answers_only_for_trainers(browser, server, artifacts, path, lang):
    base = url_of(path, lang)
    meta = front_matter(path)
    context, page, log = open_page(browser, server, base + "hand-out/", VIEWPORTS["desktop"], "light")
    try:
        titles = step_titles(page)
        assert len(titles) == len(meta["stappen"])
        keys = [" ".join(k.split())[:40] for k in page.context.pages[0].locator(".kb-handout__key").all_inner_texts()]
        assert keys == [], "the learners' handout holds answers on screen"
        learner_pages, learner = pdf_text(page)
        page.goto(server + base + "hand-out-docent/", wait_until="networkidle")
        # Model answers and explanations (not the options, which both versions list).
        answers = [" ".join(k.split()) for k in page.locator("div.kb-handout__key").all_inner_texts() if k.strip()]
        notes = page.locator(".kb-handout__notes, .kb-lesson-plan").count()
        trainer_pages, trainer = pdf_text(page)
        (artifacts / f"handout-{path.stem}-{lang}.txt").write_text(learner, encoding="utf-8")
    finally:
        context.close()
    assert 2 <= learner_pages <= 40, learner_pages
    assert trainer_pages > learner_pages
    for title in titles:
        assert squeeze(title) in learner, f"step '{title}' is missing from the printed handout"
        assert squeeze(title) in trainer
    if answers:
        sample = [a for a in answers if len(a) > 25][:5]
        for answer in sample:
            assert squeeze(answer)[:25] not in learner, f"an answer is printed for learners: {answer[:60]}"
            assert squeeze(answer)[:25] in trainer
    assert notes or not answers
    assert "Kopieerde" not in learner and "Copythe" not in learner, "buttons are printed"


def test_printing_a_page_leaves_out_navigation_and_buttons_and_keeps_tables_whole(browser, server):
    context, page, log = open_page(browser, server, "strategieen/", VIEWPORTS["desktop"], "dark")
    try:
        page.emulate_media(media="print")
        hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.kb-copylink', '.md-footer']
            .map(s => document.querySelector(s)).filter(Boolean)
            .map(e => getComputedStyle(e).display)""")
        assert hidden and set(hidden) == {"none"}
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), background
        # Tables and figures (the strategy matrix among them) stay within the printed page.
        clipped = page.evaluate("""() => [...document.querySelectorAll('article table, article figure')]
            .filter(t => t.getBoundingClientRect().right > document.querySelector('article').getBoundingClientRect().right + 2)
            .map(t => t.className || t.tagName)""")
        assert clipped == [], f"wider than the printed page: {clipped}"
        link = page.locator("article p a[data-kb-href]").first
        after = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert after.startswith('" (http'), after
    finally:
        context.close()


def test_a_printed_case_page_lists_the_cases_its_map_numbers(browser, server):
    """On screen the list of the map's cases is folded; on paper nothing can be unfolded, so
    the numbers on the printed map need the list beside them."""
    context, page, log = open_page(browser, server, "praktijkvoorbeelden/de-buren/", VIEWPORTS["desktop"], "light")
    try:
        legend = page.locator(".kb-map__more .kb-map__legend").first
        assert not legend.is_visible(), "the list is folded on screen"
        page.emulate_media(media="print")
        assert legend.is_visible(), "the printed map numbers cases that the page does not name"
        assert legend.evaluate("ol => ol.getBoundingClientRect().height") > 40
        names = [" ".join(t.split()) for t in legend.locator("a").all_inner_texts()]
        _, text = pdf_text(page)
    finally:
        context.close()
    assert len(names) > 1
    assert [name for name in names if squeeze(name) not in text] == []
