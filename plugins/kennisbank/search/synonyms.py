"""Query expansion from the glossary: every term, synonym and English term of an entry
finds the others, in both languages ("bonding" finds "verbinden" and back)."""
from __future__ import annotations

import re

WORD = re.compile(r"[^\s\-]+")
# Query syntax and punctuation that lunr would misread ("field:term", "term^2", quotes).
STRIP = re.compile(r"[:^~+*()\[\]{}\"'“”‘’,.;!?/\\]")


def words(text: str) -> list[str]:
    """Lowercase words of a query or phrase, without punctuation (as kb-search-core.js)."""
    return [w for w in (STRIP.sub("", raw).lower() for raw in WORD.findall(text)) if w]


def normalise(text: str) -> str:
    return " ".join(words(text))


def synonym_groups(terms: list[dict]) -> dict[str, list[str]]:
    """{phrase: [other phrases of the same entry]} with lowercase, space-joined phrases."""
    groups: dict[str, list[str]] = {}
    for term in terms:
        phrases = [term["term"], *(term.get("synoniemen") or []), term["engels"],
                   *(term.get("synoniemen_en") or [])]
        phrases = list(dict.fromkeys(normalise(p) for p in phrases if p.strip()))
        for phrase in phrases:
            others = [p for p in phrases if p != phrase]
            groups.setdefault(phrase, [])
            groups[phrase] += [p for p in others if p not in groups[phrase]]
    return groups


def expand(query: str, groups: dict[str, list[str]]) -> str:
    """The query plus the words of every synonym of a phrase it contains.

    Mirrors expandQuery() in overrides/assets/javascripts/kb-search-core.js; the parity test
    runs both on the same queries.
    """
    own = words(query)
    text = " " + " ".join(own) + " "
    extra: list[str] = []
    for phrase in sorted(groups, key=lambda p: (-len(p), p)):
        if f" {phrase} " in text:
            for other in groups[phrase]:
                for word in other.split(" "):
                    if word not in own and word not in extra:
                        extra.append(word)
    return " ".join(own + extra)
