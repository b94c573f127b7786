"""Build a lunr index with lunr-python that lunr.js 2.3.9 loads as it is.

Dutch uses nltk's Snowball stemmer, as lunr-python does, registered as "stemmer-nl" (the name
lunr-languages' lunr.nl registers in the browser) and the stop-word list of lunr.nl, shipped
here so that the build never calls nltk.download()."""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from pathlib import Path

import lunr
import lunr.languages  # noqa: F401  registers stemmer-<lang> for nltk's Snowball stemmers
from lunr.builder import Builder
from lunr.languages.stemmer import get_language_stemmer
from lunr.languages.trimmer import generate_trimmer
from lunr.pipeline import Pipeline
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import generate_stop_word_filter
from lunr.token import Token
from lunr.tokenizer import SEPARATOR_CHARS

HERE = Path(__file__).parent
SEPARATOR = re.compile("[" + re.escape(SEPARATOR_CHARS) + "]")
STEP_1C = re.compile(r"^(.+?[^aeiou])y$")
# lunr.nl.wordCharacters of lunr-languages, so that both sides trim tokens alike.
NL_WORD_CHARACTERS = ("A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02b8\u02e0-\u02e4\u1d00-\u1d25"
                      "\u1d2c-\u1d5c\u1d62-\u1d65\u1d6b-\u1d77\u1d79-\u1dbe\u1e00-\u1eff\u2071\u207f"
                      "\u2090-\u209c\u212a\u212b\u2132\u214e\u2160-\u2188\u2c60-\u2c7f\ua722-\ua787"
                      "\ua78b-\ua7ad\ua7b0-\ua7b7\ua7f7-\ua7ff\uab30-\uab5a\uab5c-\uab64\ufb00-\ufb06"
                      "\uff21-\uff3a\uff41-\uff5a")


def stop_words(lang: str) -> list[str]:
    return (HERE / f"stopwords-{lang}.txt").read_text(encoding="utf-8").split()


class _PorterAsLunrJs(PorterStemmer):
    """lunr-python's Porter stemmer with step 1c as lunr.js has it: a final y becomes i only
    after a consonant that is not the first letter (cry -> cri, day -> day, by -> by).
    lunr-python turns every y after a vowel into i ("day" -> "dai"), so a query stemmed in
    the browser would miss the index."""

    def step1c(self):
        if STEP_1C.match(self.b[: self.k + 1]):
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1:]


def _memoized(stem_word):
    """A lunr pipeline function that stems each distinct word once: a site repeats its words,
    and stemming was about 40 % of the index build time."""
    cache: dict[str, str] = {}

    def stem_text(text, metadata=None):
        if text not in cache:
            cache[text] = stem_word(text)
        return cache[text]

    def stemmer(token, i=None, tokens=None):
        return token.update(stem_text)

    return stemmer


english_stemmer = _memoized(_PorterAsLunrJs().stem)
dutch_stemmer = _memoized(get_language_stemmer("nl").stem)

# Registered under lunr.js's labels (lunr.js "stemmer", lunr-languages "stemmer-nl"), so
# that an index loads in the browser and in lunr-python (Index.load) with these stemmers.
_quiet = logging.getLogger("lunr.pipeline")
_level, _quiet.level = _quiet.level, logging.ERROR  # it warns about replacing its own stemmers
Pipeline.register_function(english_stemmer, "stemmer")
Pipeline.register_function(dutch_stemmer, "stemmer-nl")
_quiet.setLevel(_level)


NO_METADATA: dict = {}  # read, never written: the metadata whitelist is empty


class _CachedBuilder(Builder):
    """lunr's Builder with the terms of each field text (tokenised, stop words removed,
    stemmed) kept in ``cache``: during `mkdocs serve` an unchanged page costs no pipeline run.
    Without position metadata (metadata_whitelist is empty) a term is only its string, so
    this is Builder.add of lunr 0.8 minus the metadata; a test checks that both serialize to
    the same index."""

    def __init__(self, cache: dict | None = None):
        super().__init__()
        self.terms_cache = {} if cache is None else cache
        self._word_terms: dict[tuple[str, str], list[str]] = {}
        self.searchable = True

    def _terms(self, field_name: str, value) -> list[str]:
        """lunr's tokenizer and pipeline, per distinct word: the pipeline's functions (trimmer,
        stop words, stemmer) look at one token at a time, so a word always gives the same
        terms, and lunr's tokenizer splits on single separator characters."""
        out: list[str] = []
        for word in SEPARATOR.split(str(value).lower()) if value is not None else ():
            if not word:
                continue
            key = (field_name, word)
            terms = self._word_terms.get(key)
            if terms is None:
                terms = self._word_terms[key] = [str(t) for t in self.pipeline.run([Token(word)], field_name)]
            out.extend(terms)
        return out

    def _create_token_set(self):
        # A serialized index has no token set (lunr.js rebuilds it when it loads the index).
        if self.searchable:
            super()._create_token_set()
        else:
            self.token_set = None

    def add(self, doc, attributes=None):
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        for field_name in self._fields:
            value = doc[field_name]
            key = (field_name, value)
            terms = self.terms_cache.get(key)
            if terms is None:
                terms = self.terms_cache[key] = self._terms(field_name, value)
            field_ref = f"{field_name}/{doc_ref}"
            field_terms = defaultdict(int)
            self.field_term_frequencies[field_ref] = field_terms
            self.field_lengths[field_ref] = len(terms)
            for term in terms:
                field_terms[term] += 1
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                if doc_ref not in posting[field_name]:
                    # Without metadata every document's entry stays empty: one shared dict
                    # instead of a defaultdict per term and document (millions at 2,000 pages).
                    posting[field_name][doc_ref] = NO_METADATA


def _english_builder(cache=None) -> Builder:
    builder = _CachedBuilder(cache)
    builder.pipeline.add(lunr.trimmer.trimmer, lunr.stop_word_filter.stop_word_filter, english_stemmer)
    builder.search_pipeline.add(english_stemmer)
    return builder


_nl_trimmer = generate_trimmer(NL_WORD_CHARACTERS)
Pipeline.register_function(_nl_trimmer, "trimmer-nl")
_nl_stop_filter = generate_stop_word_filter(stop_words("nl"), language="nl")  # registers itself


def _dutch_builder(cache=None) -> Builder:
    builder = _CachedBuilder(cache)
    builder.pipeline.add(_nl_trimmer, _nl_stop_filter, dutch_stemmer)
    builder.search_pipeline.add(dutch_stemmer)
    return builder


def term_filler(lang: str, cache: dict):
    """fill(field, text): put the terms of a field text in ``cache`` ahead of build_index (the
    index process does this for each page as it arrives)."""
    builder = _dutch_builder(cache) if lang == "nl" else _english_builder(cache)

    def fill(field_name: str, value) -> None:
        key = (field_name, value)
        if key not in cache:
            cache[key] = builder._terms(field_name, value)

    return fill


def build_index(lang: str, docs: list[dict], cache: dict | None = None, searchable: bool = True):
    """docs: [{'ref': '0', 'title': ..., 'text': ...}] -> lunr Index. ``cache`` keeps the
    terms of each field text between builds; an index only to be serialized need not be
    ``searchable`` here."""
    builder = _dutch_builder(cache) if lang == "nl" else _english_builder(cache)
    builder.searchable = searchable
    builder.ref("ref")
    builder.field("title", boost=10)
    builder.field("text")
    # No position metadata: it makes the index about 55 % larger and snippets are
    # highlighted by stem in the worker instead.
    builder.metadata_whitelist = []
    for doc in docs:
        boost = doc.get("boost", 1.0)
        builder.add(doc, {"boost": boost} if boost != 1.0 else None)
    return builder.build()


def stem(lang: str, word: str) -> str:
    """One word through the language's indexing stemmer (for the parity test)."""
    fn = Pipeline.registered_functions["stemmer-nl" if lang == "nl" else "stemmer"]
    from lunr.token import Token

    return str(fn(Token(word.lower())))
