"""Soft hyphens in long words, for narrow columns (the canon timeline, the glossary's term
list). Chromium on Linux has no Dutch hyphenation of its own, so a long compound such as
"doelgroepenemancipatie" would otherwise break at any letter; pyphen's LibreOffice patterns
break it where a Dutch reader expects ("doelgroepen-emancipatie")."""
from __future__ import annotations

import functools
import pickle
import re
from pathlib import Path

import pyphen

SOFT_HYPHEN = "\u00ad"
LONG_WORD = re.compile(r"[^\W\d_]{12,}")  # shorter words fit any column of the site
DICTIONARIES = {"nl": "nl_NL", "en": "en_US"}


_cache_folder: Path | None = None


def keep_dictionaries_in(folder: Path | None) -> None:
    """Keep pyphen's parsed patterns in ``folder`` between builds (None: not at all): parsing
    a language's LibreOffice dictionary takes about 60 ms, reading it back about 10."""
    global _cache_folder
    _cache_folder = folder


def _parsed(name: str) -> None:
    """Put the parsed patterns of dictionary ``name`` in pyphen's own cache, from our folder
    when they are there (named by pyphen's version and the dictionary file's size and time)."""
    path = pyphen.LANGUAGES[name]
    if _cache_folder is None or path in pyphen.hdcache:
        return
    stat = path.stat()
    kept = _cache_folder / f"pyphen-{pyphen.__version__}-{name}-{stat.st_size}-{stat.st_mtime_ns}.pickle"
    try:
        pyphen.hdcache[path] = pickle.loads(kept.read_bytes())
        return
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass  # not kept yet, or by another pyphen: parse it
    pyphen.hdcache[path] = pyphen.HyphDict(path)
    try:
        _cache_folder.mkdir(parents=True, exist_ok=True)
        partial = kept.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(pyphen.hdcache[path], protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(kept)  # whole or not at all, should two builds run at once
    except OSError:
        pass  # a read-only checkout builds as well, only slower


@functools.lru_cache(maxsize=None)
def _dictionary(lang: str) -> pyphen.Pyphen:
    name = DICTIONARIES.get(lang, "nl_NL")
    _parsed(name)
    return pyphen.Pyphen(lang=name)


@functools.lru_cache(maxsize=4096)
def _word(word: str, lang: str) -> str:
    return _dictionary(lang).inserted(word, hyphen=SOFT_HYPHEN)


def hyphenate(text, lang: str = "nl") -> str:
    """The text with soft hyphens in its long words (escaping is left to the template)."""
    return LONG_WORD.sub(lambda m: _word(m.group(0), lang), str(text or ""))
