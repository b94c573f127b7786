"""Glossary tooltips in linear time: Python-Markdown's abbr extension with its pattern of all
terms shaped as a trie.

The abbr extension joins every term into one alternation (`\\b(?:longest|...|short)\\b`) and
compiles it again for every conversion. Python's regular expressions try the alternatives one
by one, so each word of a page costs time in proportion to the glossary: with the glossary
growing with the site, the build grows with the square of its size. A trie-shaped pattern
(`\\b(?:a(?:bc|x(?:yz)?)|...)\\b`) costs about the length of the term at each word, and is
compiled once per set of terms. It matches what the alternation matches: the terms that
match at one place are prefixes of each other, on one path of the trie, and the trie tries
the longer continuation before stopping (as the alternation, sorted longest first, does)."""
from __future__ import annotations

import re
from functools import lru_cache

from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor


def trie_regex(words) -> str:
    """One regular expression (without word boundaries) that matches exactly ``words``,
    preferring the longest at each place."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def render(node: dict) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a shorter word ends here: try the longer ones first (greedy ?)
            return f"(?:{body})?"
        return body

    return render(trie)


@lru_cache(maxsize=16)
def term_pattern(words: frozenset[str]) -> re.Pattern:
    """The compiled pattern of a set of terms (one per language and glossary version)."""
    return re.compile(r"\b(?:" + trie_regex(words) + r")\b")


class TrieAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root):
        if not self.abbrs:
            return
        self.RE = term_pattern(frozenset(self.abbrs))
        self.iter_element(root)


class TrieAbbr(Extension):
    """Put after `abbr` in the extension list: gives abbr's terms the trie pattern."""

    def extendMarkdown(self, md):
        if "abbr" in md.treeprocessors:
            md.treeprocessors.register(TrieAbbrTreeprocessor(md, md.treeprocessors["abbr"].abbrs), "abbr", 7)
