"""Self-tests in a real browser (issues 5 and 14): feedback after the attempt, one more try,
shuffled options per attempt, the end summary, spaced review, flashcards, saving and restoring
progress, keyboard use, phones, privacy and axe."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from test_browser import VIEWPORTS, open_page, run_axe

pytestmark = pytest.mark.browser

SET = "oefeningen/oefening-verbinden/"
PROGRESS = "oefeningen/mijn-voortgang/"
CARDS = "oefeningen/flitskaarten/"
LANGS = {"nl": "", "en": "en/"}


def first(page, kind):
    return page.locator(f"form[data-kb-kind='{kind}']").first


def answer_of(form):
    return json.loads(form.get_attribute("data-kb-answer"))


def answer_choice(form, index):
    form.locator(f"input[value='{index}']").check()
    form.locator("button[type=submit]").click()


def wrong_choice(form):
    right = answer_of(form)[0]
    return next(i for i in range(form.locator("input[type=radio]").count()) if i != right)


def score_text(page):
    return page.locator("[data-kb-score]").inner_text()


def answer(form, right=True):
    """Answer any question, right or (where possible) wrong, and check it."""
    kind = form.get_attribute("data-kb-kind")
    value = answer_of(form)
    if kind == "reflectie":
        form.locator("textarea").fill("Mijn eigen antwoord.")
    elif kind == "enkel":
        form.locator(f"input[value='{value[0] if right else wrong_choice(form)}']").check()
    elif kind == "juist-onjuist":
        choice = value if right else ("false" if value == "true" else "true")
        form.locator(f"input[value='{choice}']").check()
    elif kind == "meer":
        count = form.locator("input").count()
        choose = value if right else (value[:1] if len(value) > 1 else
                                      [next(i for i in range(count) if i not in value)])
        for i in choose:
            form.locator(f"input[value='{i}']").check()
    else:
        selects = form.locator("select")
        answers = [str(v) for v in value]
        if not right:
            answers = answers[1:] + answers[:1]
        for n, v in enumerate(answers):
            selects.nth(n).select_option(v)
    form.locator("button[type=submit]").click()


def option_order(page):
    return page.evaluate("""() => [...document.querySelectorAll('form[data-kb-q]')].map(f =>
        [...f.querySelectorAll('.kb-q__choices[data-kb-shuffle] input, select[data-kb-shuffle] option')]
          .map(e => e.value).filter(v => v).join(','))""")


def test_answers_stay_closed_until_the_first_check_then_one_more_try(browser, server):
    context, page, log = open_page(browser, server, SET, VIEWPORTS["desktop"], "light")
    try:
        form = first(page, "enkel")
        details = form.locator("details.kb-q__answer")
        assert not details.is_visible(), "the answer can be opened before answering"
        feedback = form.locator("[data-kb-feedback]")
        answer_choice(form, wrong_choice(form))
        assert feedback.inner_text().startswith("✗") and "nog één keer" in feedback.inner_text()
        assert not details.is_visible(), "a first wrong try gives the answer away"
        assert score_text(page).startswith("Score: 0 van")
        answer_choice(form, answer_of(form)[0])
        assert feedback.inner_text().startswith("✓"), feedback.inner_text()
        assert details.is_visible(), "after the last try the answer and explanation open"
        assert score_text(page).startswith("Score: 0 van"), "only the first try counts"
        # A third check changes nothing: the question is finished until "Begin opnieuw".
        answer_choice(form, wrong_choice(form))
        assert feedback.inner_text().startswith("✓")
        right_first = page.locator("form[data-kb-kind='enkel']").nth(1)
        answer_choice(right_first, answer_of(right_first)[0])
        assert right_first.locator("[data-kb-feedback]").inner_text().startswith("✓")
        assert score_text(page).startswith("Score: 1 van")
        assert log["foreign"] == [] and log["failed"] == [] and log["console"] == []
    finally:
        context.close()


def test_two_attempts_show_another_option_order_and_reset_asks_first(browser, server):
    context, page, log = open_page(browser, server, SET, VIEWPORTS["desktop"], "light")
    try:
        first_attempt = option_order(page)
        page.reload(wait_until="networkidle")
        assert option_order(page) == first_attempt, "the order changed within one attempt"
        form = first(page, "enkel")
        answer_choice(form, answer_of(form)[0])
        page.click("[data-kb-reset]")
        assert page.locator(".kb-confirm").is_visible(), "reset does not ask first"
        page.locator(".kb-confirm button:not(.md-button--primary)").click()
        assert form.locator("[data-kb-feedback]").inner_text().startswith("✓"), "'no' wiped the answers"
        page.click("[data-kb-reset]")
        page.locator(".kb-confirm button.md-button--primary").click()
        assert score_text(page).startswith("Score: 0 van")
        assert option_order(page) != first_attempt, "a new attempt shows the same order"
        assert not first(page, "enkel").locator("details.kb-q__answer").is_visible()
    finally:
        context.close()


def test_end_of_a_set_sums_up_and_links_each_missed_question_to_its_section(browser, server):
    context, page, log = open_page(browser, server, SET, VIEWPORTS["desktop"], "light")
    try:
        forms = page.locator("form[data-kb-q]").all()
        missed = []
        for n, form in enumerate(forms):
            wrong = n % 2 == 0 and form.get_attribute("data-kb-kind") != "reflectie"
            answer(form, right=not wrong)
            if wrong:
                answer(form, right=False)  # the second try, wrong as well
                missed.append(form.get_attribute("data-kb-see"))
        end = page.locator("[data-kb-end]")
        assert end.is_visible()
        scored = int(page.locator("section[data-kb-set]").get_attribute("data-kb-scored"))
        assert f"{scored - len(missed)} van de {scored}" in end.inner_text()
        sees = end.locator("a.kb-end__see").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert sees == missed and all(sees)
        for href in sorted(set(sees)):
            target = page.evaluate("(h) => new URL(h, location.href).href", href)
            check = context.new_page()
            check.goto(target, wait_until="domcontentloaded")
            anchor = target.split("#", 1)[1] if "#" in target else None
            assert anchor is None or check.locator(f"[id='{anchor}']").count() == 1, target
            check.close()
        assert end.locator("a[href$='mijn-voortgang/']").count() == 1
    finally:
        context.close()


def test_a_missed_question_comes_back_in_review_until_right_twice_on_later_days(browser, server):
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    try:
        page.clock.set_fixed_time(start)
        page.goto(server + SET, wait_until="networkidle")
        form = first(page, "enkel")
        qid = form.get_attribute("data-kb-q")
        answer_choice(form, wrong_choice(form))
        page.goto(server + PROGRESS, wait_until="networkidle")
        status = page.locator("[data-kb-review-status]")
        assert "Er staan geen vragen klaar" in status.inner_text() and "Later komen er nog 1" in status.inner_text()

        def review_on(day, right):
            page.clock.set_fixed_time(start + dt.timedelta(days=day))
            page.reload(wait_until="networkidle")
            assert "1 vraag" in page.locator("[data-kb-review-status]").inner_text(), f"not due on day {day}"
            page.click("[data-kb-review-start]")
            card = page.locator("[data-kb-review-area] form[data-kb-q]")
            assert card.get_attribute("data-kb-q") == qid
            answer(card, right=right)
            return card.locator("[data-kb-feedback]").inner_text()

        assert "Nog 1 keer goed nodig" in review_on(1, True)
        page.reload(wait_until="networkidle")
        assert "Er staan geen vragen klaar" in page.locator("[data-kb-review-status]").inner_text()
        assert "Deze vraag ken je nu" in review_on(4, True)
        page.clock.set_fixed_time(start + dt.timedelta(days=30))
        page.reload(wait_until="networkidle")
        text = page.locator("[data-kb-review-status]").inner_text()
        assert "Er staan geen vragen klaar" in text and "Later" not in text
    finally:
        context.close()


@pytest.mark.parametrize("kind", ["volgorde", "paren"])
def test_ordering_and_matching_work_with_the_keyboard_alone(browser, server, kind):
    context, page, log = open_page(browser, server, SET, VIEWPORTS["desktop"], "light")
    try:
        form = first(page, kind)
        answers = answer_of(form)
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
        assert form.locator("[data-kb-feedback]").inner_text().startswith("✓")
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_flashcards_work_with_the_keyboard_alone(browser, server, lang):
    context, page, log = open_page(browser, server, LANGS[lang] + CARDS, VIEWPORTS["desktop"], "light")
    try:
        status = page.locator("[data-kb-cards-status]")
        before = status.inner_text()
        flip = page.locator("[data-kb-card-flip]")
        flip.focus()
        page.keyboard.press("Space")
        assert page.locator("[data-kb-card-back]").is_visible()
        front = page.locator("[data-kb-card-front]").inner_text()
        page.keyboard.press("1")
        assert page.locator("[data-kb-card-front]").inner_text() != front
        assert status.inner_text() != before
        page.keyboard.press("Enter")
        page.keyboard.press("2")
        stored = json.loads(page.evaluate("localStorage.getItem('kb-flitskaarten')"))
        rights = sorted(c["rights"] for c in stored["cards"].values())
        assert rights == [0, 1]
        page.reload(wait_until="networkidle")
        assert ("1 van" if lang == "nl" else "1 of") not in page.locator("[data-kb-cards-status]").inner_text()
        assert log["console"] == []
    finally:
        context.close()


def test_flashcards_work_with_taps_on_a_phone(browser, server):
    context = browser.new_context(viewport=VIEWPORTS["phone"], has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(server + CARDS, wait_until="networkidle")
        page.tap("[data-kb-card-flip]")
        assert page.locator("[data-kb-card-back]").is_visible()
        page.tap("[data-kb-card-unknown]")
        page.tap("[data-kb-card-flip]")
        page.tap("[data-kb-card-known]")
        stored = json.loads(page.evaluate("localStorage.getItem('kb-flitskaarten')"))
        assert len(stored["cards"]) == 2
        page.tap("input[value='meaning']")
        assert page.locator("[data-kb-card-front] .kb-card__text").inner_text().strip()
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    finally:
        context.close()


def test_progress_saved_as_a_file_comes_back_in_a_fresh_browser(browser, server, tmp_path):
    context, page, log = open_page(browser, server, SET, VIEWPORTS["desktop"], "light")
    try:
        for form in page.locator("form[data-kb-q]").all():
            answer(form)
        page.goto(server + PROGRESS, wait_until="networkidle")
        with page.expect_download() as download:
            page.click("[data-kb-save]")
        saved = tmp_path / "voortgang.json"
        download.value.save_as(saved)
        assert json.loads(saved.read_text(encoding="utf-8"))["items"]["kb-oefening:oefening-verbinden"]
    finally:
        context.close()
    fresh, page, log = open_page(browser, server, PROGRESS, VIEWPORTS["desktop"], "light")
    try:
        row = page.locator("tr", has=page.locator("[data-kb-set='oefening-verbinden']"))
        assert row.locator("[data-kb-status]").inner_text() == "Nog niet begonnen"
        with page.expect_file_chooser() as chooser:
            page.click("[data-kb-restore]")
        chooser.value.set_files(str(saved))
        message = page.locator("[data-kb-progress-message]")
        message.wait_for()
        page.wait_for_function("() => document.querySelector('[data-kb-progress-message]').textContent.length > 0")
        assert "teruggezet" in message.inner_text()
        assert row.locator("[data-kb-status]").inner_text() == "Klaar"
        page.goto(server + SET, wait_until="networkidle")
        scored = int(page.locator("section[data-kb-set]").get_attribute("data-kb-scored"))
        assert score_text(page).startswith(f"Score: {scored} van {scored}")
    finally:
        fresh.close()


def test_a_file_from_elsewhere_is_refused_with_a_message(browser, server, tmp_path):
    context, page, log = open_page(browser, server, PROGRESS, VIEWPORTS["desktop"], "light")
    try:
        bad = tmp_path / "ander.json"
        bad.write_text('{"hello": 1}', encoding="utf-8")
        with page.expect_file_chooser() as chooser:
            page.click("[data-kb-restore]")
        chooser.value.set_files(str(bad))
        page.wait_for_function("() => document.querySelector('[data-kb-progress-message]').textContent.length > 0")
        assert "kan ik niet lezen" in page.locator("[data-kb-progress-message]").inner_text()
    finally:
        context.close()


def test_english_exercise_page_speaks_english(browser, server):
    context, page, log = open_page(browser, server, "en/" + SET, VIEWPORTS["phone"], "dark")
    try:
        assert page.locator("form[data-kb-q] button[type=submit]").first.inner_text() == "Check"
        assert score_text(page).startswith("Score: 0 of")
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 320])
def test_an_answered_exercise_set_fits_a_phone_with_a_one_line_score_bar(browser, server, width):
    """Every page, exercises and Mijn voortgang included, is checked unanswered at 320 and
    390 px by test_reflow_browser.py; this one adds the answered state: feedback, the answer
    and the score bar must not push the page sideways."""
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(server + SET, wait_until="load")
        forms = page.locator("section[data-kb-set] form[data-kb-q]")
        answer(forms.first, right=False)
        answer(forms.nth(1), right=True)
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), \
            f"the answered set is {page.evaluate('document.documentElement.scrollWidth')} px wide"
        bar = page.locator(".kb-exercise__bar")
        line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('[data-kb-score]')).lineHeight)")
        assert bar.bounding_box()["height"] <= 2.2 * line + 12, "the score bar takes more than one line"
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("url", [SET, "en/oefeningen/analyse-de-buren/", PROGRESS, CARDS])
def test_no_axe_violations_before_and_after_answering(browser, server, axe_source, artifacts, url, viewport):
    context, page, log = open_page(browser, server, url, VIEWPORTS[viewport], "light")
    try:
        assert run_axe(page, axe_source) == []
        forms = page.locator("section[data-kb-set] form[data-kb-q]")
        if forms.count():
            answer(forms.first, right=False)
            answer(forms.nth(1), right=True)
        elif page.locator("[data-kb-card-flip]").count():
            page.click("[data-kb-card-flip]")
        name = url.strip("/").replace("/", "-")
        page.screenshot(path=str(artifacts / f"{name}-{viewport}-answered.png"), full_page=False)
        violations = run_axe(page, axe_source)
        assert violations == [], "\n".join(violations)
        assert log["console"] == [] and log["failed"] == []
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
        page.goto(server + CARDS)
        assert page.locator("[data-kb-cards-list] dt").count() >= 50, "the cards stay readable as a list"
    finally:
        context.close()
