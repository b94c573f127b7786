"""Search that understands Dutch: the prebuilt index, stemmer and ranking parity between the
build (lunr-python) and the browser (lunr.js + lunr-languages), synonyms and relevance."""
from __future__ import annotations

import gzip
import importlib.util
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_build
from search_engine import PythonSearch

RELEVANCE = yaml.safe_load((Path(__file__).parent / "search" / "relevance.yml").read_text(encoding="utf-8"))
NODE_SCRIPT = Path(__file__).parent / "search" / "node_search.js"
TOKEN = re.compile(r"[^\s\-]+")


def node(command: str, site: Path, lang: str, payload):
    result = subprocess.run(["node", str(NODE_SCRIPT), command, str(site), lang], input=json.dumps(payload),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def engines(site):
    return {lang: PythonSearch(site / "search" / f"kb-index.{lang}.json") for lang in ("nl", "en")}


def test_index_per_language_with_numeric_refs_and_no_positions(site):
    for lang in ("nl", "en"):
        manifest = json.loads((site / "search" / lang / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["lang"] == lang and manifest["shards"] >= 1
        data = json.loads((site / "search" / f"kb-index.{lang}.json").read_text(encoding="utf-8"))
        assert data["lang"] == lang
        refs = [ref for ref, _ in data["index"]["fieldVectors"]]
        assert all(re.fullmatch(r"(title|text)/\d+", r) for r in refs)
        postings = data["index"]["invertedIndex"][0][1]
        assert all(meta == {} for field, docs in postings.items() if field != "_index" for meta in docs.values())
        prefix = "en/" if lang == "en" else ""
        assert all(d["l"].startswith(prefix) and (lang == "en" or not d["l"].startswith("en/"))
                   for d in data["docs"]), "an index holds only its own language"
    # Material's own worker gets an empty document list instead of the full texts.
    stub = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == []


def test_stop_words_are_the_browsers(site):
    served = (site / "assets/javascripts/lunr/min/lunr.nl.min.js").read_text(encoding="utf-8")
    browser = re.search(r'generateStopWordFilter\("([^"]+)"', served).group(1).split()
    shipped = (ROOT / "plugins/kennisbank/search/stopwords-nl.txt").read_text(encoding="utf-8").split()
    assert shipped == browser and len(shipped) == 101


def test_the_build_never_downloads_nltk_data(monkeypatch):
    import nltk

    from kennisbank.search.index import build_index

    def offline(*args, **kwargs):
        raise AssertionError("nltk.download() was called")

    monkeypatch.setattr(nltk, "download", offline)
    index = build_index("nl", [{"ref": "0", "title": "Bewoners", "text": "De bewoners verbinden zich"}])
    assert index.search("bewoner")


def test_sections_leave_out_permalinks_and_admonition_titles():
    from kennisbank.search.text import sections

    html = ('<div class="admonition abstract"><p class="admonition-title">In het kort</p>'
            '<p>Bewoners <a href="x/">verbinden</a> zich.</p></div>'
            '<h2 id="aanpak">Aanpak<a class="headerlink" href="#aanpak">¶</a></h2><p>Eerst luisteren.</p>')
    assert sections(html) == [{"id": "", "title": "", "text": "Bewoners verbinden zich."},
                              {"id": "aanpak", "title": "Aanpak", "text": "Eerst luisteren."}]


@pytest.mark.parametrize("lang, label", [("nl", "Citeer deze pagina"), ("en", "Cite this page")])
def test_no_search_snippet_opens_with_the_line_under_the_title(site, lang, label):
    """Reading time, date and citation box are the same on every page: in the index they
    would open every result's snippet and match every query for 'pagina'."""
    docs = " ".join(path.read_text(encoding="utf-8") for path in (site / "search" / lang).glob("d*.json"))
    assert docs, "no search documents"
    # A guide page may name the button in its text; the box itself is on every page (90+).
    assert docs.count(label) <= 3, f"{docs.count(label)} search sections contain '{label}'"


def site_vocabulary(site: Path, lang: str) -> list[str]:
    from kennisbank.search.text import sections

    words = set()
    for html in site.rglob("*.html"):
        rel = html.relative_to(site).as_posix()
        if (lang == "en") != rel.startswith("en/") or rel.startswith("assets/"):
            continue
        for section in sections(html.read_text(encoding="utf-8")):
            for token in TOKEN.findall(f"{section['title']} {section['text']}".lower()):
                word = re.sub(r"^\W+|\W+$", "", token)
                if word:
                    words.add(word)
    return sorted(words)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_stemmer_parity_over_the_whole_vocabulary(site, lang):
    from kennisbank.search.index import stem

    words = site_vocabulary(site, lang)
    assert len(words) > 3000
    python = [stem(lang, w) for w in words]
    browser = node("stem", site, lang, words)
    differ = [(w, p, b) for w, p, b in zip(words, python, browser) if p != b]
    assert not differ, f"{len(differ)} of {len(words)} words stem differently: {differ[:20]}"


def test_every_page_has_the_search_box_and_the_worker_of_its_language(site):
    """Search works on every page: each page has Material's search form, and its config names
    an existing worker script of the page's own language (relative to that page)."""
    from bs4 import BeautifulSoup

    checked = 0
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        if soup.select_one("meta[http-equiv=refresh]"):  # a permanent link's redirect page
            continue
        lang = soup.html["lang"]
        assert soup.select_one("form[name='search'] input.md-search__input"), f"{rel}: no search box"
        config = json.loads(soup.select_one("#__config").string)
        worker = config["search"].split("?")[0]
        assert worker.endswith(f"kb-search-worker.{lang}.js"), f"{rel} ({lang}): worker {worker}"
        # 404.html is served at any address, so its links start at the site's root.
        target = site / worker.lstrip("/") if worker.startswith("/") else html.parent / worker
        assert target.resolve().is_file(), f"{rel}: {worker} does not exist"
        checked += 1
    assert checked > 100


EXTRA_QUERIES = {"nl": ["opbouwwerk in de wijk", "bewoners organiseren zich", "gemeente subsidie",
                        "vrijwilligers en professionals", "armoede", "Verwey-Jonker", "1925"],
                 "en": ["residents organise", "volunteers and professionals", "poverty"]}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_ranking_parity_between_lunr_python_and_lunr_js(site, engines, lang):
    from kennisbank.search.synonyms import expand

    queries = [c["q"] for c in RELEVANCE[lang]] + EXTRA_QUERIES[lang]
    browser = node("lunr", site, lang, queries)
    for query, js in zip(queries, browser):
        assert js["expanded"] == expand(query, engines[lang].data["synonyms"]), query
        python = engines[lang].rank(query)
        assert [r for r, _ in python] == [r for r, _ in js["ranks"]], f"ranking differs for {query!r}"
        for (_, a), (_, b) in zip(python, js["ranks"]):
            assert abs(a - b) <= 1e-9 * max(1.0, abs(a)), f"score differs for {query!r}"


def test_synonyms_add_phrases_in_the_language_of_the_index():
    from kennisbank.search.synonyms import expand, synonym_groups

    terms = [{"term": "Samenlevingsopbouw", "synoniemen": ["gemeenschapsopbouw"],
              "engels": "community development", "synoniemen_en": ["community building"]}]
    dutch, english = synonym_groups(terms, "nl"), synonym_groups(terms, "en")
    assert expand("community building", dutch) == "community building samenlevingsopbouw gemeenschapsopbouw"
    assert expand("samenlevingsopbouw", dutch) == "samenlevingsopbouw gemeenschapsopbouw"
    assert expand("samenlevingsopbouw", english) == "samenlevingsopbouw community development building"
    assert expand("community development", english) == "community development building"


# The words of issue 6 and their counterparts: each must find its page in either language.
SYNONYM_CASES = [("bonding", "verbinden", "strategieen/verbinden/"),
                 ("bridging", "overbruggen", "strategieen/overbruggen/"),
                 ("linking", "koppelen", "strategieen/koppelen/"),
                 ("community building", "samenlevingsopbouw", "inleiding/wat-is-samenlevingsopbouw/"),
                 ("third places", "derde plekken", "themas/ontmoetingsplekken/"),
                 ("ABCD", "asset based community development", "methoden/abcd/")]


@pytest.mark.parametrize("english, dutch, page", SYNONYM_CASES)
def test_synonyms_find_pages_in_both_languages(engines, english, dutch, page):
    for lang, prefix in (("nl", ""), ("en", "en/")):
        for query in (english, dutch):
            found = engines[lang].pages(query)[:3]
            assert prefix + page in found, f"{lang}: {query!r} -> {found}"


def top3_rate(search_pages, cases) -> tuple[float, list[str]]:
    misses = []
    for case in cases:
        if not any(page in search_pages(case["q"])[:3] for page in case["expect"]):
            misses.append(case["q"])
    return 1 - len(misses) / len(cases), misses


class MaterialLikeSearch:
    """Material's built-in search as configured here (lang: nl, its default pipeline of
    stop-word filters only, title boost 1000, b=0, trailing wildcards, both languages in one
    index), run with lunr-python on Material's own search_index.json of the same build."""

    def __init__(self, path: Path):
        from lunr.builder import Builder
        from lunr.stop_word_filter import generate_stop_word_filter, stop_word_filter

        from kennisbank.search.index import stop_words

        data = json.loads(path.read_text(encoding="utf-8"))
        builder = Builder()
        builder.pipeline.add(generate_stop_word_filter(stop_words("nl"), language="nl-material"), stop_word_filter)
        builder.ref("location")
        builder.field("title", boost=1000)
        builder.field("text")
        builder.b(0)
        for doc in data["docs"]:
            builder.add({"location": doc["location"], "title": doc["title"],
                         "text": re.sub(r"<[^>]+>", " ", doc["text"])})
        self.index = builder.build()

    def pages(self, query: str) -> list[str]:
        terms = " ".join(f"{w}*" for w in (re.sub(r"[:^~+*\-]", "", t) for t in query.lower().split()) if w)
        seen = []
        for result in self.index.search(terms):
            page = result["ref"].split("#")[0]
            if page not in seen:
                seen.append(page)
        return seen


def test_relevance_top3_at_least_90_percent(site, engines, artifacts):
    assert len(RELEVANCE["nl"]) >= 30 and len(RELEVANCE["en"]) >= 10
    material = MaterialLikeSearch(site / "search" / "material-search-index.json")
    lines = ["Relevance: expected page in the top 3", "engine              nl      en"]
    ours = {lang: top3_rate(engines[lang].pages, RELEVANCE[lang]) for lang in ("nl", "en")}
    theirs = {lang: top3_rate(material.pages, RELEVANCE[lang]) for lang in ("nl", "en")}
    lines.append(f"kennisbank (lunr)   {ours['nl'][0]:.0%}    {ours['en'][0]:.0%}")
    lines.append(f"Material built-in   {theirs['nl'][0]:.0%}    {theirs['en'][0]:.0%}")
    for lang in ("nl", "en"):
        lines += [f"missed ({lang}): {query!r}" for query in ours[lang][1]]
    report = "\n".join(lines)
    (artifacts.parent / "search-relevance.txt").write_text(report + "\n", encoding="utf-8")
    print("\n" + report)
    for lang in ("nl", "en"):
        assert ours[lang][0] >= 0.9, f"{lang}: misses {ours[lang][1]}"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_split_index_ranks_exactly_like_the_whole_lunr_index(site, engines, lang):
    """The browser's engine loads only the parts a query needs and must still rank as lunr."""
    from kennisbank.search.synonyms import expand

    queries = [c["q"] for c in RELEVANCE[lang]] + EXTRA_QUERIES[lang]
    loaded = []
    manifest = json.loads((site / "search" / lang / "manifest.json").read_text(encoding="utf-8"))
    split = node("split", site, lang, queries)
    for query, result in zip(queries, split):
        whole = engines[lang].rank(query)
        assert [r for r, _ in whole] == [r for r, _ in result["ranks"]], f"ranking differs for {query!r}"
        for (_, a), (_, b) in zip(whole, result["ranks"]):
            assert abs(a - b) <= 1e-9 * max(1.0, abs(a)), f"score differs for {query!r}"
        # Each term lives in exactly one part: a query never loads more parts than it has terms.
        shards = [p for p in result["parts"] if p.startswith("t")]
        terms = set(expand(query, engines[lang].data["synonyms"]).split())
        assert len(shards) <= len(terms), f"{query!r} loaded {len(shards)} parts for {len(terms)} terms"
        loaded.append(len(shards))
    assert min(loaded) == 1 and sorted(loaded)[len(loaded) // 2] < manifest["shards"] / 2, (
        f"queries load too much of the index: {loaded} of {manifest['shards']} parts")


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory) -> Path:
    """The benchmark's synthetic corpus: 2,000 Dutch pages made of the site's own text."""
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    bench_corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_corpus)
    folder = tmp_path_factory.mktemp("corpus")
    config = bench_corpus.write_corpus(folder, 2000)
    result = run_build(config, folder / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def test_at_2000_pages_a_query_loads_a_small_part_and_ranks_like_lunr(corpus_site):
    """Issue 6, scale: the whole index is too big to load per query, so the browser loads
    only the parts it needs, and must still rank exactly as the unsplit lunr index."""
    folder = corpus_site / "search" / "nl"
    engine = PythonSearch(corpus_site / "search" / "kb-index.nl.json")
    index = json.dumps(engine.data["index"], separators=(",", ":")).encode()
    assert len(gzip.compress(index)) > 300_000, "the corpus index is small enough to load whole: nothing to prove"
    whole = gzipped(corpus_site / "search" / "kb-index.nl.json")  # index and snippets
    parts = {p.name: gzipped(p) for p in folder.glob("*.json") if p.name != "manifest.json"}

    queries = [c["q"] for c in RELEVANCE["nl"]] + EXTRA_QUERIES["nl"]
    split = node("split", corpus_site, "nl", queries)
    loads, found = [], 0
    for query, result in zip(queries, split):
        expected = engine.rank(query)
        assert [r for r, _ in expected] == [r for r, _ in result["ranks"]], f"ranking differs for {query!r}"
        for (_, a), (_, b) in zip(expected, result["ranks"]):
            assert abs(a - b) <= 1e-9 * max(1.0, abs(a)), f"score differs for {query!r}"
        found += bool(expected)
        loads.append(sum(parts[name] for name in result["parts"]))
    # The comparison means something only if most queries find pages in the corpus.
    assert found >= len(queries) * 0.7, f"only {found} of {len(queries)} queries find anything"
    loads.sort()
    # No query loads more than the size at which an index gets split (about 300 KB gzipped);
    # a typical one loads a few percent of the whole.
    assert loads[-1] <= 300_000 and loads[len(loads) // 2] <= whole / 20, (
        f"queries load too much: median {loads[len(loads) // 2]} B, max {loads[-1]} B of {whole} B gzipped")
