"""Reading time of a page, computed from its text at build time (issue 12).

Counted: the words of the page's own text and of the front-matter texts the page shows
(summary, aim, approach, key points, ...); not counted: link targets, citation keys, HTML
tags and attribute lists. An exercise set is timed by its questions instead, a learning path
by its steps."""
from __future__ import annotations

import math
import re

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
NOT_READ = re.compile(r"\]\([^)]*\)|\[@[^\]]*\]|<[^>]+>|\{:[^}]*\}|^(?:!!!|\?\?\?)\s*\w+", re.M)
SHOWN_FIELDS = ("samenvatting", "doel", "doelgroep", "aanpak", "werkzame_elementen", "kernidee", "leerdoelen",
                "kernpunten", "studievraag", "hoofdstrategie_reden", "relatie", "ondertitel")
# Minutes a learner needs per question, by kind: reading, choosing and reading the feedback.
QUESTION_MINUTES = {"enkel": 1, "meer": 1.5, "juist-onjuist": 1, "volgorde": 2, "paren": 2, "reflectie": 6}


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def count_words(body: str, meta: dict) -> int:
    shown = " ".join(t for name in SHOWN_FIELDS for t in _texts(meta.get(name)))
    return len(WORD.findall(NOT_READ.sub(" ", body + "\n" + shown)))


def minutes(body: str, meta: dict, words_per_minute: int) -> int:
    """Whole minutes, at least one."""
    if meta.get("type") == "leerroute":
        return sum(step.get("minuten", 0) for step in meta.get("stappen") or [] if isinstance(step, dict))
    reading = count_words(body, meta) / words_per_minute
    if meta.get("type") == "oefening":
        reading = count_words(body, {"samenvatting": meta.get("samenvatting")}) / words_per_minute
        reading += sum(QUESTION_MINUTES.get(q.get("soort"), 1) for q in meta.get("vragen") or [] if isinstance(q, dict))
    return max(1, math.ceil(reading))
