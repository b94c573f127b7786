"""Exercises in a real browser: feedback, score, progress, keyboard use, privacy, axe."""
from __future__ import annotations

import json

import pytest

from test_browser import VIEWPORTS, open_page, run_axe

pytestmark = pytest.mark.browser

SET = "oefeningen/oefening-verbinden/"


def first(page, kind):
    return page.locator(f"form[data-kb-kind='{kind}']").first


def answer_choice(form, index):
    form.locator(f"input[value='{index}']").check()
    form.locator("button[type=submit]").click()


def score_text(page):
    return page.locator("[data-kb-score]").inner_text()


def test_right_and_wrong_answers_get_their_own_feedback_and_update_the_score(browser, server):
    context, page, log = open_page(browser, server, SET, VIEWPORTS["desktop"], "light")
    try:
        form = first(page, "enkel")
        right = json.loads(form.get_attribute("data-kb-answer"))[0]
        options = form.locator("input[type=radio]").count()
        wrong = next(i for i in range(options) if i != right)
        feedback = form.locator("[data-kb-feedback]")
        assert "0 van" in score_text(page)

        answer_choice(form, wrong)
        wrong_text = feedback.inner_text()
        assert wrong_text.startswith("✗"), wrong_text
        expected_wrong = form.locator(f"[data-kb-fb='{wrong}']").inner_text().split("\n")[-1].strip()
        assert expected_wrong[:40] in wrong_text
        assert feedback.get_attribute("aria-live") == "polite"
        assert score_text(page).startswith("Score: 0 van")

        answer_choice(form, right)
        right_text = feedback.inner_text()
        assert right_text.startswith("✓"), right_text
        assert right_text != wrong_text
        assert score_text(page).startswith("Score: 1 van")
        assert log["foreign"] == [] and log["failed"] == [] and log["console"] == []
    finally:
        context.close()


def test_arrow_keys_move_between_options_without_checking(browser, server):
    context, page, log = open_page(browser, server, SET, VIEWPORTS["desktop"], "light")
    try:
        form = first(page, "enkel")
        form.locator("input[type=radio]").first.focus()
        page.keyboard.press("Space")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        assert form.locator("[data-kb-feedback]").inner_text() == ""
        assert "0 van" in score_text(page) and "0 van" in score_text(page).split("·")[1]
        assert form.locator("input[value='2']").is_checked()
    finally:
        context.close()


def test_progress_survives_a_reload_and_reset_clears_it(browser, server):
    context, page, log = open_page(browser, server, SET, VIEWPORTS["desktop"], "light")
    try:
        form = first(page, "enkel")
        right = json.loads(form.get_attribute("data-kb-answer"))[0]
        answer_choice(form, right)
        page.reload(wait_until="networkidle")
        form = first(page, "enkel")
        assert form.locator(f"input[value='{right}']").is_checked()
        assert form.locator("[data-kb-feedback]").inner_text().startswith("✓")
        assert score_text(page).startswith("Score: 1 van")
        stored = page.evaluate("localStorage.getItem('kb-oefening:oefening-verbinden')")
        assert stored and json.loads(stored)["score"] == 1

        page.click("[data-kb-reset]")
        assert score_text(page).startswith("Score: 0 van")
        assert not form.locator(f"input[value='{right}']").is_checked()
        page.reload(wait_until="networkidle")
        assert score_text(page).startswith("Score: 0 van")
        assert page.evaluate("localStorage.getItem('kb-oefening:oefening-verbinden')") is None
    finally:
        context.close()


def solve_with_keyboard(page, form, answers):
    """Choose every select's answer with the keyboard alone, then check with Enter."""
    selects = form.locator("select")
    selects.first.focus()
    for n in range(selects.count()):
        if n:
            page.keyboard.press("Tab")
        options = selects.nth(n).evaluate("s => Array.from(s.options).map(o => o.value)")
        target = options.index(str(answers[n]))
        for _ in range(target):
            page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")


@pytest.mark.parametrize("kind", ["volgorde", "paren"])
def test_ordering_and_matching_work_with_the_keyboard_alone(browser, server, kind):
    context, page, log = open_page(browser, server, SET, VIEWPORTS["desktop"], "light")
    try:
        form = first(page, kind)
        answers = json.loads(form.get_attribute("data-kb-answer"))
        solve_with_keyboard(page, form, answers)
        assert form.locator("[data-kb-feedback]").inner_text().startswith("✓")
    finally:
        context.close()


def test_my_progress_lists_the_sets_done(browser, server):
    context, page, log = open_page(browser, server, SET, VIEWPORTS["desktop"], "light")
    try:
        for form in page.locator("form[data-kb-q]").all():
            kind = form.get_attribute("data-kb-kind")
            if kind == "reflectie":
                form.locator("textarea").fill("Mijn eigen antwoord.")
                form.locator("button[type=submit]").click()
            elif kind in ("enkel", "juist-onjuist"):
                value = json.loads(form.get_attribute("data-kb-answer"))
                form.locator(f"input[value='{value[0] if isinstance(value, list) else value}']").check()
                form.locator("button[type=submit]").click()
            elif kind == "meer":
                for i in json.loads(form.get_attribute("data-kb-answer")):
                    form.locator(f"input[value='{i}']").check()
                form.locator("button[type=submit]").click()
            else:
                for n, v in enumerate(json.loads(form.get_attribute("data-kb-answer"))):
                    form.locator("select").nth(n).select_option(str(v))
                form.locator("button[type=submit]").click()
        scored = int(page.locator("section[data-kb-set]").get_attribute("data-kb-scored"))
        assert score_text(page).startswith(f"Score: {scored} van {scored}")
        page.goto(server + "oefeningen/mijn-voortgang/", wait_until="networkidle")
        row = page.locator("tr", has=page.locator("[data-kb-set='oefening-verbinden']"))
        assert row.locator("[data-kb-status]").inner_text() == "Klaar"
        assert row.locator("[data-kb-result]").inner_text() == f"{scored} / {scored}"
        other = page.locator("tr", has=page.locator("[data-kb-set='oefening-koppelen']"))
        assert other.locator("[data-kb-status]").inner_text() == "Nog niet begonnen"
        with page.expect_download() as download:
            page.click("[data-kb-download]")
        report = json.loads(open(download.value.path(), encoding="utf-8").read())
        done = {s["id"]: s["status"] for s in report["sets"]}
        assert done["oefening-verbinden"] == "done" and done["oefening-koppelen"] == "new"
        assert log["foreign"] == [] and log["failed"] == [] and log["console"] == []
    finally:
        context.close()


def test_english_exercise_page_speaks_english(browser, server):
    context, page, log = open_page(browser, server, "en/" + SET, VIEWPORTS["phone"], "dark")
    try:
        assert page.locator("form[data-kb-q] button[type=submit]").first.inner_text() == "Check"
        assert score_text(page).startswith("Score: 0 of")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_exercise_page_has_no_axe_violations_after_answering(browser, server, axe_source, artifacts, viewport):
    context, page, log = open_page(browser, server, SET, VIEWPORTS[viewport], "light")
    try:
        form = first(page, "enkel")
        answer_choice(form, json.loads(form.get_attribute("data-kb-answer"))[0])
        page.screenshot(path=str(artifacts / f"exercise-{viewport}-light.png"), full_page=False)
        violations = run_axe(page, axe_source)
        assert violations == [], "\n".join(violations)
    finally:
        context.close()


def test_without_javascript_answers_and_feedback_stay_readable(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server + SET)
        form = page.locator("form[data-kb-q]").first
        assert form.locator("button[type=submit]").is_hidden()
        details = form.locator("details.kb-q__answer")
        details.locator("summary").click()
        assert "Goed antwoord" in details.inner_text()
        assert details.locator("a[href]").count() >= 1
    finally:
        context.close()
