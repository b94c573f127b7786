"""What the templates, the browser and the exports need to know of one question."""
from __future__ import annotations

import hashlib

SCORED = {"enkel", "meer", "juist-onjuist", "volgorde", "paren"}


def _stable_shuffle(values: list, seed: str) -> list[int]:
    """Indexes of ``values`` in a fixed, seed-dependent order that is never the right order."""
    order = sorted(range(len(values)), key=lambda i: hashlib.sha1(f"{seed}:{i}".encode()).hexdigest())
    if order == list(range(len(values))):
        order = order[1:] + order[:1]
    return order


def prepare(question: dict) -> dict:
    """The question with what rendering needs: answer key, shuffled items, choices."""
    q = dict(question)
    kind = q["soort"]
    q["scored"] = kind in SCORED
    if kind in ("enkel", "meer"):
        q["answer"] = [i for i, o in enumerate(q["opties"]) if o.get("juist")]
    elif kind == "juist-onjuist":
        q["answer"] = "true" if q["antwoord"] else "false"
    elif kind == "volgorde":
        # Shown shuffled; the answer gives each shown item its right position (1-based).
        q["shown"] = [{"index": i, "text": q["items"][i]} for i in _stable_shuffle(q["items"], q["id"])]
        q["answer"] = [item["index"] + 1 for item in q["shown"]]
    elif kind == "paren":
        q["choices"] = sorted({p["rechts"] for p in q["paren"]}, key=str.lower)
        q["answer"] = [p["rechts"] for p in q["paren"]]
    return q
