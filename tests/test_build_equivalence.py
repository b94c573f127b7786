"""The faster build gives readers the same site (issue 11). Each fast path is compared with the
slow one it replaced, on the real content:

- tooltips: the abbr extension's glossary option vs. the glossary appended to every page as
  Markdown abbreviation lines (`*[term]: definition`);
- export snippets: one safe converter (kennisbank.snippets.Snippets, reset, memoized, plain texts
  without a Markdown run) with links resolved per page, vs. a new converter per snippet;
- search index: the cached builder vs. lunr's own Builder, the index built in a second
  process vs. in the build process, and its parts split from the index itself vs. from lunr's
  serialized form (tests/test_background.py: pages streamed while they render vs. a list).
"""
from __future__ import annotations

import random

import markdown
import pytest
import yaml
from lunr.builder import Builder

from conftest import ROOT
from test_site import DOCS, front_matter, pages_of_type

from kennisbank.background import Background
from kennisbank.exercises.export import Texts
from kennisbank.glossary.plugin import first_tooltips_only, tooltip_glossary
from kennisbank.search import files as search_files
from kennisbank.search import split as search_split
from kennisbank.search.index import _dutch_builder, _english_builder, build_index
from kennisbank.snippets import Snippets, is_plain

SAMPLE = ["strategieen/verbinden", "strategieen/overbruggen", "praktijkvoorbeelden/de-buren",
          "praktijkvoorbeelden/zuid-doet-samen", "canon/1925-opbouw-drenthe", "canon/2000-bowling-alone",
          "methoden/abcd", "themas/sociale-basis", "inleiding/wat-is-samenlevingsopbouw", "index"]


@pytest.fixture(scope="module")
def site_markdown():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


@pytest.fixture(scope="module")
def terms():
    return yaml.safe_load((ROOT / "data" / "begrippen.yml").read_text(encoding="utf-8"))


def body(path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("---", 2)[2] if text.startswith("---") else text


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", SAMPLE)
def test_tooltips_are_the_same_as_with_abbreviation_lines(site_markdown, terms, name, lang):
    extensions, configs = site_markdown
    source = DOCS / (f"{name}.md" if lang == "nl" else f"{name}.en.md")
    text = body(source)
    glossary = tooltip_glossary(terms, lang)
    fast = markdown.Markdown(extensions=extensions,
                             extension_configs={**configs, "abbr": {"glossary": glossary}}).convert(text)
    lines = "\n".join(f"*[{word}]: {definition}" for word, definition in glossary.items())
    slow = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text + "\n\n" + lines)
    assert "<abbr" in fast, f"{source.name}: no glossary term found, the comparison would be empty"
    assert first_tooltips_only(fast) == first_tooltips_only(slow)


def snippets() -> list[tuple[str, str]]:
    """(source page, text) of every text of every exercise set, both languages."""
    found = []
    for path in pages_of_type("oefening"):
        src_uri = path.relative_to(DOCS).as_posix()
        for file in (path, path.with_suffix(".en.md")):
            for q in front_matter(file).get("vragen", []):
                texts = [q.get(k) for k in ("vraag", "feedback_juist", "feedback_onjuist", "modelantwoord")]
                texts += [o.get(k) for o in q.get("opties", []) for k in ("tekst", "feedback")]
                texts += q.get("rubric") or []
                found += [(src_uri, t) for t in texts if t]
    return found


def test_one_converter_for_all_snippets_equals_a_new_converter_per_snippet():
    texts = snippets()
    assert len(texts) > 300
    assert any("](" in t for _, t in texts), "the texts must include links"
    shared = Snippets()
    order = texts + random.Random(1).sample(texts, len(texts))  # every text twice, in another order
    url = "https://kennisbank.example.org/"
    fast = [Texts(src, url, "en/", shared).html(t) for src, t in order]
    # Reference: a fresh converter per snippet, always through Markdown (no cache, no plain path).
    reference = [Texts(src, url, "en/", Snippets())._links(Snippets().md.convert(t.strip())) for src, t in order]
    assert fast == reference
    assert any('href="https://kennisbank.example.org/en/' in h for h in fast)


@pytest.fixture(scope="module")
def search_pages(site):
    pages = []
    for name in SAMPLE:
        html = (site / ("" if name == "index" else name) / "index.html").read_text(encoding="utf-8")
        article = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
        pages.append((f"{name}/", name, article))
    return pages


@pytest.fixture(scope="module")
def search_docs(search_pages):
    return search_files.documents(search_pages, (2, 3))


def lunr_builder(lang) -> Builder:
    """lunr's own Builder with the same pipelines as the site's builders."""
    ours = _dutch_builder() if lang == "nl" else _english_builder()
    builder = Builder()
    builder.pipeline.add(*ours.pipeline._stack)
    builder.search_pipeline.add(*ours.search_pipeline._stack)
    return builder


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_cached_index_builder_serializes_like_lunrs_builder(search_docs, lang):
    docs = [{"ref": str(n), "title": d["t"], "text": d["body"]} for n, d in enumerate(search_docs)]
    reference = lunr_builder(lang)
    reference.ref("ref")
    reference.field("title", boost=10)
    reference.field("text")
    reference.metadata_whitelist = []
    for doc in docs:
        reference.add(doc)
    cache: dict = {}
    build_index(lang, docs[: len(docs) // 2], cache)  # a first build fills part of the cache
    assert build_index(lang, docs, cache).serialize() == reference.build().serialize()


def test_index_built_in_a_second_process_equals_the_index_built_here(search_pages):
    args = ("nl", search_pages, (2, 3), {"buurt": ["wijk"]}, 320, True, {})
    background = Background(parallel=True)
    try:
        there = background.submit(search_files.language_files, *args).result()
    finally:
        background.close()
    here = search_files.language_files(*args)
    assert background.pool is None
    assert (there.manifest_json, there.files, there.full_json) == (here.manifest_json, here.files, here.full_json)


def front_matter_texts() -> list[str]:
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    return sorted({t.strip() for p in DOCS.rglob("*.md") for t in strings(front_matter(p)) if t.strip()})


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_plain_texts_skip_markdown_with_the_same_result(terms, lang):
    """Texts without markup are not run through Markdown; the result must be what Markdown
    (with the glossary's tooltips) makes of them."""
    glossary = tooltip_glossary(terms, lang)
    fast, reference = Snippets(glossary), Snippets(glossary)
    plain = [t for t in front_matter_texts() if is_plain(t)]
    assert len(plain) > 1000
    assert sum("<abbr" in fast.block(t) for t in plain) > 100, "the comparison must include tooltips"
    assert [fast.block(t) for t in plain] == [reference.md.reset().convert(t) for t in plain]


def split_from_serialized(serialized: dict, docs: list[dict], shard_bytes: int = 48_000):
    """The split as it was made before (from lunr's serialized index, a weight table and a
    list per posting): the reference for the split made from the index itself."""
    weights = {}
    for field_ref, vector in serialized["fieldVectors"]:
        field, ref = field_ref.split("/", 1)
        weights[(field, ref)] = dict(zip(vector[0::2], vector[1::2]))
    entries = {}
    for term, posting in serialized["invertedIndex"]:
        entry = {"i": posting["_index"]}
        for field in serialized["fields"]:
            entry[field] = [[int(ref), weights[(field, ref)][posting["_index"]]]
                            for ref in sorted(posting.get(field, {}), key=int)]
        entries[term] = entry
    files, bounds, part, size = {}, [], {}, 0
    for term in sorted(entries, key=lambda t: t.encode("utf-16-be")):
        cost = len(search_split._dumps(entries[term])) + len(term) + 4
        if part and size + cost > shard_bytes:
            files[f"t{len(bounds) - 1}.json"] = search_split._dumps(part)
            part, size = {}, 0
        if not part:
            bounds.append(term)
        part[term] = entries[term]
        size += cost
    if part:
        files[f"t{len(bounds) - 1}.json"] = search_split._dumps(part)
    return bounds, files


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_index_parts_split_from_the_index_equal_those_split_from_its_serialized_form(search_docs, lang):
    docs = [{"ref": str(n), "title": d["t"], "text": d["body"], "boost": d.get("boost", 1.0)}
            for n, d in enumerate(search_docs)]
    small = [{"l": d["l"], "t": d["t"], "p": d["p"], "x": d["body"][:320]} for d in search_docs]
    index = build_index(lang, docs, searchable=False)
    for shard_bytes in (48_000, 2_000):  # the site's size, and small parts: many boundaries
        manifest, files = search_split.split_index(index, small, shard_bytes=shard_bytes)
        bounds, reference = split_from_serialized(index.serialize(), small, shard_bytes)
        assert manifest["bounds"] == bounds and manifest["shards"] == len(bounds)
        assert len(bounds) > 1 or shard_bytes > 2_000, "small parts must give several boundaries"
        assert {k: v for k, v in files.items() if k.startswith("t")} == reference
