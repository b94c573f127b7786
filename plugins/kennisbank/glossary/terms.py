"""One English rendering per glossary term (issue 15): the term list for translators, and the
check that English pages do not use a rendering the glossary says to avoid (`vermijd_en`)."""
from __future__ import annotations

import re

from ..errors import ContentError
from ..yamlmarks import prose_lines


def _phrase(words: str) -> re.Pattern:
    """A phrase in running text: any whitespace (also a line break) between its words."""
    return re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words.split()) + r"(?![\w-])", re.IGNORECASE)


def check_english(terms: list[dict], versions, glossary_label: str, line_of_term) -> list[ContentError]:
    """Avoided renderings on English pages, with the page's line and the term to use."""
    avoided = [(avoid, term, _phrase(avoid)) for term in terms for avoid in term.get("vermijd_en") or []]
    if not avoided:
        return []
    # One combined pattern finds a page with no avoided rendering (nearly every page) in one
    # scan; only then is the page searched term by term.
    any_avoided = re.compile("|".join(f"(?:{p.pattern})" for _, _, p in avoided), re.IGNORECASE)
    allowed = None
    errors = []
    for version in versions:
        lines = list(prose_lines(version.front.body, version.front.body_first_line))
        lines += [(line, text) for line, text in _meta_texts(version.front.meta.data, version.front.meta)]
        text = "\n".join(t for _, t in lines)
        if not any_avoided.search(text):
            continue
        if allowed is None:
            allowed = [_phrase(w) for term in terms for w in [term["engels"], *(term.get("synoniemen_en") or [])]]
        starts = [0]
        for _, t in lines:
            starts.append(starts[-1] + len(t) + 1)
        inside = [m.span() for p in allowed for m in p.finditer(text)]
        for avoid, term, pattern in avoided:
            for match in pattern.finditer(text):
                if any(a <= match.start() and match.end() <= b for a, b in inside):
                    continue  # part of another term's own English name
                index = max(i for i, s in enumerate(starts[:-1]) if s <= match.start())
                errors.append(ContentError(version.file, lines[index][0], (
                    f"'{' '.join(match.group(0).split())}': write '{term['engels']}', the English term for '{term['term']}' "
                    f"in the glossary ({glossary_label}:{line_of_term(term)})")))
    return errors


def _meta_texts(value, marks, path=()):
    if isinstance(value, str):
        yield marks.line_of(path), value.replace("\n", " ")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _meta_texts(item, marks, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _meta_texts(item, marks, path + (index,))


def term_list(terms: list[dict]) -> list[dict]:
    """Dutch term -> the one English rendering, with the renderings to avoid, by Dutch term."""
    return sorted(({"nl": t["term"], "en": t["engels"], "avoid": t.get("vermijd_en") or []} for t in terms),
                  key=lambda r: r["nl"].lower())
