"""Self-tests that cannot be passed without reading (issue 14): in the HTML no answer position
holds more than half of a set's right answers, and true and false statements are balanced."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from test_site import article, front_matter, pages_of_type, url_of

SETS = pages_of_type("oefening")


def positions(form) -> list[int]:
    kind = form["data-kb-kind"]
    answer = json.loads(form["data-kb-answer"])
    if kind in ("enkel", "meer"):
        shown = [int(i["value"]) for i in form.select(".kb-q__choices input")]
        return [shown.index(a) for a in answer]
    if kind == "paren":
        choices = [o["value"] for o in form.select("select")[0].select("option") if o["value"]]
        return [choices.index(a) for a in answer]
    return []


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("source", SETS, ids=lambda p: p.stem)
def test_no_answer_position_holds_more_than_half_of_a_sets_right_answers(page, source, lang):
    forms = article(page(url_of(source, lang))).select("form[data-kb-q]")
    counts = Counter(p for form in forms for p in positions(form))
    total = sum(counts.values())
    if total >= 4:
        position, most = counts.most_common(1)[0]
        assert most <= total / 2, f"option {position + 1} holds {most} of {total} right answers"


def test_source_order_does_not_leak_into_the_page(page):
    """Authors tend to write the right option first; the page must not show it first."""
    first_right = 0
    choice = 0
    for source in SETS:
        for form in article(page(url_of(source))).select("form[data-kb-kind='enkel']"):
            choice += 1
            first_right += positions(form) == [0]
    assert choice >= 20 and first_right <= choice / 2


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_true_and_false_statements_are_balanced(page, lang):
    answers = []
    for source in SETS:
        for form in article(page(url_of(source, lang))).select("form[data-kb-kind='juist-onjuist']"):
            answers.append(json.loads(form["data-kb-answer"]) == "true")
    assert len(answers) >= 10
    share = sum(answers) / len(answers)
    assert 0.4 <= share <= 0.6, f"{sum(answers)} of {len(answers)} statements are true"


def test_question_texts_show_no_literal_markdown(page):
    for source in SETS:
        for lang in ("nl", "en"):
            for text in article(page(url_of(source, lang))).select(".kb-q__text, .kb-q__choice span"):
                words = text.get_text()
                assert "*" not in words and "[@" not in words, f"{source.name}: {words}"


def test_the_build_check_finds_a_crowded_answer_position():
    from kennisbank.exercises.questions import crowded_position

    def question(position):
        return {"soort": "enkel", "shown": [{"juist": n == position} for n in range(3)]}

    assert crowded_position([question(0), question(0), question(0), question(1)]) == (0, 3, 4)
    assert crowded_position([question(0), question(1), question(2), question(0)]) is None
