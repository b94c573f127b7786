"""Soft hyphens in long words, for narrow columns (the canon timeline, the glossary's term
list). Chromium on Linux has no Dutch hyphenation of its own, so a long compound such as
"doelgroepenemancipatie" would otherwise break at any letter; pyphen's LibreOffice patterns
break it where a Dutch reader expects ("doelgroepen-emancipatie")."""
from __future__ import annotations

import functools
import re

import pyphen

SOFT_HYPHEN = "\u00ad"
LONG_WORD = re.compile(r"[^\W\d_]{12,}")  # shorter words fit any column of the site
DICTIONARIES = {"nl": "nl_NL", "en": "en_US"}


@functools.lru_cache(maxsize=None)
def _dictionary(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=DICTIONARIES.get(lang, "nl_NL"))


@functools.lru_cache(maxsize=4096)
def _word(word: str, lang: str) -> str:
    return _dictionary(lang).inserted(word, hyphen=SOFT_HYPHEN)


def hyphenate(text, lang: str = "nl") -> str:
    """The text with soft hyphens in its long words (escaping is left to the template)."""
    return LONG_WORD.sub(lambda m: _word(m.group(0), lang), str(text or ""))
