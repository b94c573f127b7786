"""What the templates, the browser and the exports need to know of one question, and the fixed
order of its options in the HTML.

Authors write the right option first more often than not; the page must not show that order.
The options of choice and matching questions are put in an order fixed at build time (the
browser shuffles them again per attempt), chosen per set so that no position holds more than
half of the set's right answers: a reader who always picks the first option learns nothing."""
from __future__ import annotations

import hashlib
from collections import Counter

SCORED = {"enkel", "meer", "juist-onjuist", "volgorde", "paren"}
MAX_SHARE = 0.5  # no answer position may hold more than this share of a set's right answers
MIN_ANSWERS = 4  # below this a set is too small to say anything about positions


def _shuffled(count: int, seed: str) -> list[int]:
    return sorted(range(count), key=lambda i: hashlib.sha1(f"{seed}:{i}".encode()).hexdigest())


def _stable_shuffle(values: list, seed: str) -> list[int]:
    """Indexes of ``values`` in a fixed, seed-dependent order that is never the right order."""
    order = _shuffled(len(values), seed)
    if order == list(range(len(values))):
        order = order[1:] + order[:1]
    return order


def prepare(question: dict, salt: int = 0) -> dict:
    """The question with what rendering needs: answer key, options in their shown order."""
    q = dict(question)
    kind = q["soort"]
    q["scored"] = kind in SCORED
    seed = f"{q['id']}:{salt}" if salt else q["id"]
    if kind in ("enkel", "meer"):
        q["shown"] = [{"value": i, **q["opties"][i]} for i in _shuffled(len(q["opties"]), seed)]
        q["answer"] = [i for i, o in enumerate(q["opties"]) if o.get("juist")]
    elif kind == "juist-onjuist":
        q["answer"] = "true" if q["antwoord"] else "false"
    elif kind == "volgorde":
        # Shown shuffled; the answer gives each shown item its right position (1-based).
        q["shown"] = [{"index": i, "text": q["items"][i]} for i in _stable_shuffle(q["items"], q["id"])]
        q["answer"] = [item["index"] + 1 for item in q["shown"]]
    elif kind == "paren":
        choices = list(dict.fromkeys(p["rechts"] for p in q["paren"]))
        q["choices"] = [choices[i] for i in _shuffled(len(choices), seed)]
        q["answer"] = [p["rechts"] for p in q["paren"]]
    return q


def answer_positions(q: dict) -> list[int]:
    """0-based positions, in the shown order, of the right answers of a prepared question."""
    if q["soort"] in ("enkel", "meer"):
        return [n for n, o in enumerate(q["shown"]) if o.get("juist")]
    if q["soort"] == "paren":
        return [q["choices"].index(right) for right in q["answer"]]
    return []


def crowded_position(questions: list[dict]) -> tuple[int, int, int] | None:
    """(position, right answers there, all right answers) when one position holds more than
    MAX_SHARE of them, else None."""
    counts = Counter(p for q in questions for p in answer_positions(q))
    total = sum(counts.values())
    if total < MIN_ANSWERS:
        return None
    position, most = counts.most_common(1)[0]
    return (position, most, total) if most > MAX_SHARE * total else None


def prepare_set(questions: list[dict], tries: int = 200) -> list[dict]:
    """The questions of one set, in the first fixed order in which no position is crowded."""
    for salt in range(tries):
        prepared = [prepare(q, salt) for q in questions]
        if crowded_position(prepared) is None:
            return prepared
    return [prepare(q) for q in questions]
