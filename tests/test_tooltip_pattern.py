"""The glossary's trie-shaped pattern (kennisbank.glossary.tooltips) gives the same tooltips as
Python-Markdown's own abbr extension, for any set of terms and any text (hypothesis), and on
the site's real glossary and pages."""
from __future__ import annotations

import re
from pathlib import Path

import markdown
from hypothesis import given, settings, strategies as st

from kennisbank.glossary.plugin import load_glossary, tooltip_glossary
from kennisbank.glossary.tooltips import TrieAbbr, term_pattern, trie_regex

ROOT = Path(__file__).resolve().parent.parent
# Few letters, spaces and hyphens: terms that are prefixes of each other and of the text's
# words, multi-word terms and word boundaries inside terms, the cases where a pattern can go wrong.
word = st.text(alphabet="abé -", min_size=1, max_size=7).map(str.strip).filter(bool)


def alternation(words) -> re.Pattern:
    """The abbr extension's own pattern (markdown/extensions/abbr.py)."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ordered) + r")\b")


@settings(max_examples=400, deadline=None, database=None)
@given(st.sets(word, min_size=1, max_size=12), st.text(alphabet="abé -.x", max_size=40))
def test_trie_pattern_matches_what_the_alternation_matches(words, text):
    expected = [(m.start(), m.group(0)) for m in alternation(words).finditer(text)]
    found = [(m.start(), m.group(0)) for m in term_pattern(frozenset(words)).finditer(text)]
    assert found == expected


def test_trie_regex_prefers_the_longest_term():
    pattern = re.compile(r"\b(?:" + trie_regex(["buurt", "buurtwerk", "buurtwerkplaats"]) + r")\b")
    assert [m.group(0) for m in pattern.finditer("buurtwerkplaats, buurtwerk en buurt; buurtwerkers")] == [
        "buurtwerkplaats", "buurtwerk", "buurt"]


def _html(text: str, glossary: dict, trie: bool) -> str:
    extensions = ["abbr", TrieAbbr()] if trie else ["abbr"]
    return markdown.Markdown(extensions=extensions, extension_configs={"abbr": {"glossary": glossary}}).convert(text)


def test_site_pages_get_the_same_tooltips_as_with_plain_abbr():
    terms, _, errors = load_glossary(ROOT / "data" / "begrippen.yml", "data/begrippen.yml")
    assert not errors
    pages = sorted((ROOT / "docs").rglob("*.md"))
    compared = 0
    for lang, chosen in (("nl", [p for p in pages if not p.name.endswith(".en.md")]),
                         ("en", [p for p in pages if p.name.endswith(".en.md")])):
        glossary = tooltip_glossary(terms, lang)
        for page in chosen:
            text = page.read_text(encoding="utf-8").split("---", 2)[-1]
            plain, trie = _html(text, glossary, False), _html(text, glossary, True)
            assert trie == plain, page
            compared += plain.count("<abbr")
    assert compared > 100  # the pages do have tooltips to compare
