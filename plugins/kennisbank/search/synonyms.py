"""Query expansion from the glossary: any term, synonym or English term of an entry, typed
in either language, adds the entry's phrases in the language of the index searched
("bonding" finds "verbinden" on the Dutch pages, "verbinden" finds "bonding" on the English).

Only the index's own language is added: English words added to a Dutch query match little
but the few Dutch pages that use English names ("samenlevingsopbouw" + "community development"
put ABCD above the page that explains samenlevingsopbouw)."""
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


def _phrases(texts) -> list[str]:
    return list(dict.fromkeys(normalise(t) for t in texts if t and t.strip()))


def synonym_groups(terms: list[dict], lang: str) -> dict[str, list[str]]:
    """{phrase in either language: [the entry's other phrases in lang]}, lowercase and
    space-joined; phrases that add nothing are left out."""
    groups: dict[str, list[str]] = {}
    for term in terms:
        dutch = _phrases([term["term"], *(term.get("synoniemen") or [])])
        english = _phrases([term["engels"], *(term.get("synoniemen_en") or [])])
        target = dutch if lang == "nl" else english
        for phrase in _phrases(dutch + english):
            others = groups.setdefault(phrase, [])
            others += [p for p in target if p != phrase and p not in others]
    return {phrase: others for phrase, others in groups.items() if others}


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
