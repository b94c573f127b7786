"""The course layer in the built HTML (issue 12): learning paths, reading times, trainer notes."""
from __future__ import annotations

import re

import pytest

from kennisbank.search.text import sections
from test_site import DOCS, article, front_matter, pages_of_type, resolves_to, url_of

PATHS = pages_of_type("leerroute")
CONTENT_TYPES = ("praktijkvoorbeeld", "venster", "strategie", "methode", "thema", "inleiding", "oefening", "leerroute")
CONTENT = [p for t in CONTENT_TYPES for p in pages_of_type(t)]
MINUTES = re.compile(r"^(\d+) min")


def test_there_are_the_three_promised_paths():
    ids = {front_matter(p)["id"] for p in PATHS}
    assert {"eerstejaars", "nieuwe-opbouwwerker", "seminar-strategieen"} <= ids
    for path in PATHS:
        assert path.with_suffix(".en.md").exists(), f"{path.name} has no English version"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("source", CONTENT, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_content_page_shows_its_reading_time_under_the_title(page, source, lang):
    soup = page(url_of(source, lang))
    time = article(soup).select_one("h1 ~ .kb-page-meta .kb-page-meta__time, .kb-page-meta .kb-page-meta__time")
    assert time is not None, "no reading time"
    assert MINUTES.match(time.get_text(" ", strip=True)), time.get_text()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("overview", ["canon/", "praktijkvoorbeelden/", "methoden/", "themas/", "oefeningen/",
                                      "strategieen/", "leerroutes/"])
def test_every_overview_shows_times_per_item_and_in_total(page, overview, lang):
    soup = article(page(("en/" if lang == "en" else "") + overview))
    text = soup.get_text(" ", strip=True)
    assert re.search(r"\d+ min", text), "no times"
    if overview not in ("strategieen/", "leerroutes/"):
        total = soup.select_one(".kb-list-total")
        assert total is not None and re.search(r"\d+ min", total.get_text()), "no total"


def test_canon_total_is_the_sum_of_its_windows(page):
    soup = article(page("canon/"))
    times = [int(MINUTES.search(t.get_text(strip=True).lstrip("· ")).group(1))
             for t in soup.select(".kb-timeline__time")]
    total = int(re.search(r"(\d+) min", soup.select_one(".kb-list-total").get_text()).group(1))
    assert len(times) == len(pages_of_type("venster")) and sum(times) == total


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_path_page_lists_its_steps_with_times_and_total(page, path, lang):
    meta = front_matter(path)
    base = url_of(path, lang)
    soup = article(page(base))
    steps = soup.select("ol.kb-path__steps > li.kb-step")
    assert len(steps) == len(meta["stappen"])
    total = sum(s["minuten"] for s in meta["stappen"])
    facts = soup.select_one(".kb-path__facts").get_text(" ", strip=True)
    assert f"{total} min" in facts
    for li, step in zip(steps, meta["stappen"]):
        link = li.select_one("a.kb-step__link")
        assert f"leerroute={meta['id']}" in link["href"]
        target_id, _, anchor = step["naar"].partition("#")
        target = next(p for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md")
                      and front_matter(p).get("id") == target_id)
        assert resolves_to(base, link["href"].split("?")[0]) == url_of(target, lang)
        assert li.select_one(".kb-step__time").get_text().startswith(f"{step['minuten']} min")
    handouts = [a["href"] for a in soup.select(".kb-downloads a")]
    assert "hand-out/" in handouts and "hand-out-docent/" in handouts


def test_paths_overview_lists_every_path_with_its_total(page):
    soup = article(page("leerroutes/"))
    rows = soup.select("table tbody tr")
    assert len(rows) == len(PATHS)
    for path in PATHS:
        meta = front_matter(path)
        total = sum(s["minuten"] for s in meta["stappen"])
        row = next(r for r in rows if r.find("a").get_text(strip=True) == meta["title"])
        assert f"{total} min" in row.get_text(" ")


def trainer_pages():
    return [p for p in pages_of_type("strategie") + pages_of_type("praktijkvoorbeeld") + PATHS]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("source", trainer_pages(), ids=lambda p: p.stem)
def test_strategies_cases_and_paths_have_trainer_notes_outside_contents_and_search(page, source, lang):
    soup = page(url_of(source, lang))
    notes = article(soup).select_one("aside.kb-trainer")
    assert notes is not None, "no trainer notes"
    assert notes.select("h3") and len(notes.get_text(strip=True)) > 300
    toc = {a["href"] for a in soup.select(".md-sidebar--secondary a.md-nav__link")}
    assert "#voor-docenten" not in toc, "trainer notes are listed in the learner's table of contents"
    sample = " ".join(notes.select_one("li, p:not(.kb-trainer__hint)").get_text(" ", strip=True).split()[:8])
    indexed = " ".join(" ".join(s["text"].split()) for s in sections(str(article(soup))))
    assert sample and sample not in indexed, "trainer notes are in the search index"


def test_seminar_path_has_a_lesson_plan_per_session_with_timings(page):
    notes = article(page("leerroutes/seminar-strategieen/")).select_one("aside.kb-trainer")
    plans = notes.select("table.kb-lesson-plan")
    assert len(plans) == 2, "two sessions"
    for plan in plans:
        times = [td.get_text(strip=True) for td in plan.select("tbody td:first-child")]
        assert times[0].startswith("0–") and all(re.match(r"^\d+–\d+$", t) for t in times)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_handouts_hold_every_step_and_only_the_trainers_one_the_answers(page, path, lang):
    meta = front_matter(path)
    base = url_of(path, lang)
    learner = article(page(base + "hand-out/"))
    trainer = article(page(base + "hand-out-docent/"))
    for soup in (learner, trainer):
        assert len(soup.select(".kb-handout__step")) == len(meta["stappen"])
    assert not learner.select(".kb-handout__key"), "the learners' handout shows answers"
    assert not learner.select(".kb-handout__notes, .kb-lesson-plan")
    if any(s["naar"].startswith(("oefening-", "analyse-", "canon-")) for s in meta["stappen"]):
        assert trainer.select(".kb-handout__key"), "the trainers' handout has no answers"
