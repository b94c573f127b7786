"""Property-based tests of every parser and validator of content data (hypothesis).

Whatever an author writes, the build's checks answer with a valid model or a list of
ContentError (file, line inside that file, message): never an exception. Inputs are drawn
near the real formats (the real field names, ids that exist, values of the right and the
wrong type, YAML-like text with tabs, quotes and brackets), so that most examples reach the
deeper checks instead of failing on the first line.
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, example, given, settings, strategies as st

from kennisbank.content.links import check_links
from kennisbank.content.model import REFERENCE_FIELDS, build_model
from kennisbank.content.plugin import check_window_years, load_periods
from kennisbank.content.schemas import PageSchemas
from kennisbank.content.translate import merge_meta
from kennisbank.errors import ContentError
from kennisbank.exercises.questions import SCORED, prepare_set
from kennisbank.glossary.plugin import load_glossary, tooltip_glossary
from kennisbank.paths.steps import check_paths, steps_of
from kennisbank.schema import validate
from kennisbank.sources import apa
from kennisbank.sources.bibliography import disambiguate, load_bibliography
from kennisbank.yamlmarks import YamlSyntaxError, load_marked, split_front_matter

# KB_PROPERTY_EXAMPLES=5000 for a longer search (the default keeps the file well under a minute).
SETTINGS = settings(max_examples=int(os.environ.get("KB_PROPERTY_EXAMPLES", 200)), deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])
SCHEMAS = PageSchemas()  # builds each schema once
LANGUAGES = ["nl", "en"]
# One folder for the files of all examples (a new folder per example cost more than the checks):
# files are overwritten, and each check is given the files of its own example.
SCRATCH = Path(tempfile.mkdtemp(prefix="kb-properties-"))
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)

# -- building blocks ---------------------------------------------------------------------------

IDS = ["verbinden", "overbruggen", "de-buren", "abcd", "ontmoetingsplekken", "1925-drenthe",
       "oefening-a", "route", "start", "overzicht", "Verbinden", "x y", ""]
SOURCE_IDS = {"putnam-2000", "engbersen-2021"}
GLOSSARY_IDS = {"verbinden", "wijkeconomie"}
YAML_BITS = ["a", "b: ", ": ", "- ", "  ", "\t", "'", '"', "[", "]", "{", "}", ",", "#", "&x ", "*x",
             "!!", "!x ", "@", "`", "|", ">", "?", "%", "---", "...", "\n", "\r\n", "\ufeff", "\x07",
             "2023-02-30", "1925", "é", "id: ", "type: ", "vragen:\n  - "]
yaml_like_text = st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=4), max_size=40).map("".join)
short_text = st.text(max_size=12)
scalar = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=True),
                   short_text, st.dates(), st.sampled_from(IDS))
any_value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3)
                         | st.dictionaries(st.sampled_from(["id", "tekst", "naar", "van", "x"]) | short_text,
                                           inner, max_size=3), max_leaves=8)


def maybe(good):
    """Mostly a plausible value, sometimes anything at all."""
    return st.one_of(good, good, good, any_value)


def id_list(pool=IDS):
    return st.lists(st.sampled_from(pool), max_size=3)


option = st.fixed_dictionaries({"tekst": maybe(short_text.filter(bool))},
                               optional={"juist": maybe(st.booleans()), "feedback": maybe(short_text.filter(bool))})
question = st.fixed_dictionaries(
    {"id": maybe(st.sampled_from(["q-1", "q-2", "q-3", "Q 4"])),
     "soort": maybe(st.sampled_from(["enkel", "meer", "juist-onjuist", "volgorde", "paren", "reflectie", "slepen"]))},
    optional={"vraag": maybe(short_text), "opties": maybe(st.lists(option, max_size=4)),
              "antwoord": maybe(st.booleans()), "feedback_juist": maybe(short_text),
              "feedback_onjuist": maybe(short_text), "items": maybe(st.lists(short_text.filter(bool), max_size=5)),
              "paren": maybe(st.lists(st.fixed_dictionaries({"links": short_text.filter(bool),
                                                              "rechts": st.sampled_from(["A", "B", "C"])}), max_size=4)),
              "modelantwoord": maybe(short_text), "rubric": maybe(st.lists(short_text, max_size=2)),
              "zie": maybe(st.sampled_from(IDS).map(lambda i: i + "#deel") | st.sampled_from(IDS))})
step = st.fixed_dictionaries({"naar": maybe(st.sampled_from(IDS) | st.sampled_from(IDS).map(lambda i: i + "#deel")),
                              "minuten": maybe(st.integers(-1, 500))},
                             optional={"waarom": maybe(short_text)})
session = st.fixed_dictionaries({"titel": maybe(short_text), "onderdelen": maybe(st.lists(st.fixed_dictionaries(
    {"minuten": maybe(st.integers(0, 100)), "activiteit": maybe(short_text)},
    optional={"stappen": maybe(st.lists(st.integers(-1, 6), max_size=3))}), max_size=3))})

FIELDS = {
    "type": st.sampled_from(SCHEMAS.types + ["praktijkvoorbeel"]),
    "id": st.sampled_from(IDS),
    "title": short_text, "samenvatting": short_text, "description": short_text, "studievraag": short_text,
    "bronnen": id_list(sorted(SOURCE_IDS) + ["onbekend"]), "zie_ook": id_list(), "begrippen": id_list(sorted(GLOSSARY_IDS)),
    "plaats": short_text, "wijk": short_text, "provincie": st.sampled_from(["Drenthe", "Utrecht", "Zuid Holland"]),
    "coordinaten": st.fixed_dictionaries({"lat": st.floats(50, 54), "lon": st.floats(3, 8)}),
    "startjaar": st.integers(1700, 2200), "jaar": st.integers(1700, 2200),
    "periode": st.fixed_dictionaries({"van": st.integers(1700, 2200)}, optional={"tot": st.integers(1700, 2200)}),
    "hoofdstrategie": st.sampled_from(IDS), "hoofdstrategie_reden": short_text, "nevenstrategieen": id_list(),
    "methoden": id_list(), "themas": id_list(), "verwante_vensters": id_list(), "doelgroepen": st.lists(short_text, max_size=2),
    "doel": short_text, "aanpak": short_text, "werkzame_elementen": st.lists(short_text, max_size=2),
    "naam": short_text, "engelse_term": st.sampled_from(["bonding", "bridging", "linking", "binding"]),
    "relatie": short_text, "kernidee": short_text, "leerdoelen": st.lists(short_text, max_size=3),
    "kernpunten": st.lists(short_text, max_size=4), "ondertitel": short_text, "doelgroep": short_text,
    "databank": st.fixed_dictionaries({"naam": short_text}, optional={"url": st.sampled_from(
        ["https://x.nl", "javascript:alert(1)"])}),
    "lijst": st.sampled_from(["praktijkvoorbeelden", "vensters", "gevallen"]),
    "onderwerp": st.sampled_from(IDS), "vragen": st.lists(question, max_size=4),
    "stappen": st.lists(step, max_size=4), "sessies": st.lists(session, max_size=2),
    "docent": st.fixed_dictionaries({}, optional={"discussievragen": st.lists(short_text, max_size=2)}),
    "titel": short_text,  # a misspelt title
}
front_matter = st.fixed_dictionaries({}, optional={name: maybe(value) for name, value in FIELDS.items()})
body = st.lists(st.sampled_from([
    "Tekst.", "[verbinden](../strategieen/verbinden.md)", "[x](../strategieen/verbinden.md#deel)",
    "[weg](../nergens.md)", "[js](javascript:alert(1))", "![foto](../img/foto.png)", "[hier](#deel)",
    "[@putnam-2000]", "[@Putnam-2000]", "```", "## Deel", "<script>x</script>"]), max_size=6).map("\n".join)


def page_text(meta, text_body):
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) if meta else ""
    return f"---\n{dumped}---\n\n{text_body}\n"


page_file = st.one_of(
    st.builds(page_text, front_matter, body),  # YAML that loads, with any field values
    st.builds(page_text, front_matter, body).map(lambda t: t.replace("\n  ", "\n\t", 1)),  # a tab
    yaml_like_text.map(lambda t: "---\n" + t + "\n---\n"),  # front matter that may not load
    yaml_like_text,  # anything
)
PAGE_URIS = ["index.md", "strategieen/verbinden.md", "strategieen/verbinden.en.md", "strategieen/overbruggen.md",
             "praktijkvoorbeelden/de-buren.md", "praktijkvoorbeelden/de-buren.en.md", "methoden/abcd.md",
             "themas/ontmoetingsplekken.md", "canon/1925-drenthe.md", "oefeningen/oefening-a.md",
             "oefeningen/oefening-a.en.md", "leerroutes/route.md", "leerroutes/route.en.md", "themas/los.en.md"]
site_files = st.dictionaries(st.sampled_from(PAGE_URIS), page_file, min_size=1, max_size=8)


def line_count(text: str | bytes) -> int:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def assert_errors(errors, texts: dict[str, str]):
    """Every error is a ContentError about a known file, at a line inside that file."""
    assert isinstance(errors, list)
    for error in errors:
        assert isinstance(error, ContentError), error
        assert error.file in texts, error
        assert 1 <= error.line <= line_count(texts[error.file]), (error, texts[error.file])
        assert isinstance(error.message, str) and error.message and ": " in str(error)


def write(folder: Path, files: dict[str, str | bytes]) -> dict[str, Path]:
    paths = {}
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        paths[rel] = path
    return paths


# -- yamlmarks ------------------------------------------------------------------------------


@SETTINGS
@given(st.one_of(page_file, st.text(max_size=60)))
def test_front_matter_splits_or_says_where(text):
    lines = line_count(text)
    try:
        front = split_front_matter(text)
    except YamlSyntaxError as exc:
        assert 1 <= exc.line <= lines, (exc.line, text)
        assert exc.message() and exc.fix
        return
    assert isinstance(front.meta.data, dict)
    assert 1 <= front.body_first_line <= lines + 1
    assert all(1 <= line <= lines for line in front.meta.lines.values())


# PyYAML itself does not give back control characters and line separators it wrote.
plain_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"],
                                   exclude_characters="\x85"), max_size=12)
json_like = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), plain_text),
                         lambda inner: st.lists(inner, max_size=4) | st.dictionaries(plain_text, inner, max_size=4),
                         max_leaves=20)


@SETTINGS
@given(json_like)
def test_marked_yaml_round_trip_knows_every_line(value):
    text = yaml.safe_dump(value, allow_unicode=True)
    marked = load_marked(text, first_line=1)
    assert marked.data == value
    lines = line_count(text)

    def paths(data, path=()):
        yield path
        if isinstance(data, dict):
            for key, item in data.items():
                yield from paths(item, path + (key,))
        elif isinstance(data, list):
            for index, item in enumerate(data):
                yield from paths(item, path + (index,))

    for path in paths(value):
        assert 1 <= marked.line_of(path) <= lines
        if path:
            assert path in marked.lines


# -- page front matter, the model, links, paths, periods -------------------------------------


@SETTINGS
@given(site_files, st.lists(st.fixed_dictionaries({"id": st.sampled_from(["vroeg", "laat"]),
                                                    "van": st.integers(1800, 2000), "tot": st.integers(1800, 2100),
                                                    "titel": st.just("T"), "titel_en": st.just("T")}), max_size=3))
# Found on a fresh clone: a path whose sessions are not a list.
@example({"index.md": "---\ntype: leerroute\ntitel: ''\ndocent: {}\nsessies: true\n---\n\n\n"}, [])
def test_model_is_valid_or_lists_errors(files, periods):
    paths = write(SCRATCH / "docs", files)
    texts = {f"docs/{rel}": text for rel, text in files.items()}
    model, errors = build_model(sorted(paths.items()), "docs", LANGUAGES, SCHEMAS, SOURCE_IDS, GLOSSARY_IDS)
    assert_errors(errors, texts)
    event("errors" if errors else "a valid model")
    link_errors, anchors = check_links(model, set(files) | {"img/foto.png"}, "docs")
    assert_errors(link_errors, texts)
    for lang, entry_id, anchor, file, line, field in anchors:
        assert file in texts and 1 <= line <= line_count(texts[file]) and anchor
    assert_errors(check_paths(model), texts)
    per_file = SCRATCH / "perioden.yml"
    per_file.write_text(yaml.safe_dump(periods) if periods else "- {id: alles, van: 1800, tot: 2100, titel: A, titel_en: A}\n")
    loaded, period_errors = load_periods(per_file, "perioden.yml")
    assert_errors(period_errors, {"perioden.yml": per_file.read_text()})
    if not period_errors:
        assert all(a["tot"] < b["van"] for a, b in zip(loaded, loaded[1:]))
        assert_errors(check_window_years(model, loaded, "perioden.yml"), texts)
    if errors:
        return
    # A valid model: every page passed its schema, every reference resolves.
    for entry in model.entries.values():
        meta = entry.meta["nl"]
        assert validate(meta, SCHEMAS.for_type(entry.type), entry.default.front.meta, entry.default.file) == []
        for field_name, kind in REFERENCE_FIELDS.items():
            values = meta.get(field_name)
            for value in [values] if isinstance(values, str) else values or []:
                assert value in model.entries and (kind is None or model.entries[value].type == kind)
        assert set(meta.get("bronnen") or []) <= SOURCE_IDS
        for lang in entry.versions:
            assert isinstance(entry.meta[lang], dict)
        if entry.type == "leerroute":
            assert [s.number for s in steps_of(meta)] == list(range(1, len(meta["stappen"]) + 1))


FIXTURE = Path(__file__).parent / "fixtures" / "site"
FIXTURE_PAGES = {p.relative_to(FIXTURE / "docs").as_posix(): p.read_text(encoding="utf-8")
                 for p in sorted((FIXTURE / "docs").rglob("*.md"))}


@st.composite
def one_mistake(draw):
    """The valid fixture site with one field of one page changed, removed or added."""
    rel = draw(st.sampled_from(sorted(FIXTURE_PAGES)))
    front = split_front_matter(FIXTURE_PAGES[rel])
    meta = dict(front.meta.data)
    name = draw(st.sampled_from(sorted(meta)) | st.sampled_from(sorted(FIELDS)))
    if name in meta and draw(st.booleans()):
        del meta[name]
    else:
        meta[name] = draw(maybe(FIELDS.get(name, any_value)))
    return rel, page_text(meta, front.body)


@SETTINGS
@given(one_mistake())
def test_one_mistake_gives_errors_about_its_own_page(mistake):
    rel, text = mistake
    files = {**FIXTURE_PAGES, rel: text}
    paths = write(SCRATCH / "docs", files)
    texts = {f"docs/{name}": content for name, content in files.items()}
    model, errors = build_model(sorted(paths.items()), "docs", LANGUAGES, SCHEMAS, SOURCE_IDS, GLOSSARY_IDS)
    assert_errors(errors, texts)
    event("the page has errors" if errors else "the site stays valid")
    link_errors, _ = check_links(model, set(files), "docs")
    assert_errors(link_errors, texts)
    # A page with an error of its own: what other pages say about it is not a second problem.
    group = {f"docs/{rel}", f"docs/{rel[:-3]}.en.md"}
    if any(e.file in group for e in errors):
        assert all(e.file in group for e in errors), errors
    if not errors:
        assert_errors(check_paths(model), texts)


@SETTINGS
@given(st.sampled_from(SCHEMAS.types), st.dictionaries(st.sampled_from(sorted(FIELDS)) | short_text, any_value, max_size=8))
def test_any_front_matter_against_its_schema(page_type, meta):
    text = page_text(meta, "")
    try:
        marks = split_front_matter(text).meta
    except YamlSyntaxError:
        return
    for schema in (SCHEMAS.for_type(page_type), SCHEMAS.for_translation(page_type)):
        assert_errors(validate(marks.data, schema, marks, "f.md"), {"f.md": text})


# -- translations -----------------------------------------------------------------------------


translation = st.fixed_dictionaries({}, optional={
    "title": maybe(short_text), "vragen": maybe(st.lists(maybe(st.fixed_dictionaries(
        {"id": maybe(st.sampled_from(["q-1", "q-2", "q-3"]))},
        optional={"vraag": maybe(short_text), "opties": maybe(st.lists(maybe(st.fixed_dictionaries(
            {}, optional={"tekst": short_text, "feedback": short_text})), max_size=4)),
                  "items": maybe(st.lists(short_text, max_size=4)),
                  "paren": maybe(st.lists(maybe(st.fixed_dictionaries({}, optional={"links": short_text})), max_size=3))})),
        max_size=4)),
    "stappen": maybe(st.lists(maybe(st.fixed_dictionaries({}, optional={"waarom": short_text})), max_size=4))})


@SETTINGS
@given(front_matter, translation)
# Found on a fresh clone: a Dutch question without pairs, its translation with an empty list.
@example({"vragen": [{"id": "q-1", "soort": "enkel"}]}, {"vragen": [{"id": "q-1", "vraag": "", "paren": []}]})
def test_translation_merges_or_lists_errors(base, translated):
    text = page_text(translated, "")
    try:
        marks = split_front_matter(text).meta
    except YamlSyntaxError:
        return  # reported as such; see test_front_matter_splits_or_says_where
    merged, errors = merge_meta(base, marks.data, "f.en.md", marks)
    assert isinstance(merged, dict)
    assert_errors(errors, {"f.en.md": text})
    assert {k: v for k, v in merged.items() if k not in ("vragen", "stappen")} == \
        {k: v for k, v in {**base, **marks.data}.items() if k not in ("vragen", "stappen")}


# -- bibliography and APA ---------------------------------------------------------------------


source_entry = st.fixed_dictionaries({}, optional={
    "id": maybe(st.sampled_from(["putnam-2000", "putnam-2000b", "engbersen-2021", "Boer-1960"])),
    "soort": maybe(st.sampled_from(["boek", "artikel", "hoofdstuk", "rapport", "webpagina", "proefschrift",
                                    "podcast", "video", "visiedocument", "blog"])),
    "auteurs": maybe(st.lists(st.sampled_from(["Putnam, R. D.", "Movisie", "Boer, J.", ",", " "]), max_size=22)),
    "jaar": maybe(st.integers(1700, 2200) | st.sampled_from(["z.d.", "2001a", "fc", "in voorbereiding", "ooit"])),
    "datum": maybe(st.dates() | st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(1990, 2030),
                                          st.integers(0, 14), st.integers(0, 33))
                   | st.builds("{:04d}-{:02d}".format, st.integers(1990, 2030), st.integers(0, 14))),
    "titel": maybe(short_text), "uitgever": maybe(st.sampled_from(["Movisie", "Boom"])),
    "tijdschrift": maybe(short_text), "jaargang": maybe(st.integers(1, 50)), "nummer": maybe(st.integers(1, 12)),
    "paginas": maybe(st.sampled_from(["1-2", 12])), "redacteuren": maybe(st.lists(short_text, max_size=3)),
    "boektitel": maybe(short_text), "editie": maybe(short_text), "instelling": maybe(short_text),
    "url": maybe(st.sampled_from(["https://a.nl/x", "https://a.nl/x/", "javascript:alert(1)", "www.a.nl"])),
})
data_file = st.one_of(st.lists(maybe(source_entry), max_size=5).map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
                      yaml_like_text, st.just(""), st.just("a: 1\n"))


@SETTINGS
@given(st.lists(data_file, min_size=1, max_size=2), st.sampled_from(["nl", "en"]), short_text)
def test_bibliography_loads_and_formats(files, lang, locator):
    folder = SCRATCH / "bronnen"
    for old in folder.glob("*.yml"):
        old.unlink()
    texts = {f"bronnen/{n}.yml": text for n, text in enumerate(files)}
    write(SCRATCH, texts)
    entries, errors = load_bibliography(folder, "bronnen")
    assert_errors(errors, texts)
    disambiguate(entries)
    for entry in entries.values():
        assert isinstance(apa.reference(entry, lang), str)
        assert apa.in_text(entry, lang, locator).startswith(apa.in_text_authors(entry, lang))
    sorted(entries.values(), key=apa.sort_key)


# -- glossary ----------------------------------------------------------------------------------


term = st.fixed_dictionaries({}, optional={
    "id": maybe(st.sampled_from(["verbinden", "wijkeconomie", "Wijk"])),
    "term": maybe(st.sampled_from(["verbinden", "wijkeconomie", "bonding"])),
    "synoniemen": maybe(st.lists(st.sampled_from(["bonding", "verbinding", "Verbinden"]), max_size=2)),
    "engels": maybe(st.sampled_from(["bonding", "economy"])), "synoniemen_en": maybe(st.lists(short_text, max_size=2)),
    "definitie": maybe(st.text(min_size=8, max_size=30)), "definitie_en": maybe(st.text(min_size=8, max_size=30)),
    "pagina": maybe(st.sampled_from(["strategieen/verbinden.md", "strategieen/verbinden.md#deel", "verbinden"])),
    "bronnen": maybe(id_list(sorted(SOURCE_IDS))),
})


@SETTINGS
@given(st.one_of(st.lists(maybe(term), max_size=5).map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
                 st.dictionaries(short_text, term, max_size=2).map(yaml.safe_dump), yaml_like_text))
def test_glossary_loads_or_lists_errors(text):
    path = SCRATCH / "begrippen.yml"
    path.write_text(text, encoding="utf-8")
    terms, marked, errors = load_glossary(path, "begrippen.yml")
    assert_errors(errors, {"begrippen.yml": text})
    if not errors:
        assert len({t["id"] for t in terms}) == len(terms)
        for lang in ("nl", "en"):
            assert all(isinstance(k, str) and isinstance(v, str) for k, v in tooltip_glossary(terms, lang).items())


# -- periods -------------------------------------------------------------------------------------


period = st.fixed_dictionaries({}, optional={
    "id": maybe(st.sampled_from(["vroeg", "midden", "laat"])), "van": maybe(st.integers(1700, 2200)),
    "tot": maybe(st.integers(1700, 2200)), "titel": maybe(short_text), "titel_en": maybe(short_text),
    "samenvatting": maybe(short_text), "samenvatting_en": maybe(short_text)})


@SETTINGS
@given(st.one_of(st.lists(maybe(period), max_size=4).map(yaml.safe_dump), yaml_like_text, st.just("")))
def test_periods_load_or_list_errors(text):
    path = SCRATCH / "perioden.yml"
    path.write_text(text, encoding="utf-8")
    periods, errors = load_periods(path, "perioden.yml")
    assert_errors(errors, {"perioden.yml": text})
    if not errors:
        assert all(p["van"] <= p["tot"] for p in periods)
        assert all(a["tot"] < b["van"] for a, b in zip(periods, periods[1:]))


# -- exercise questions ---------------------------------------------------------------------------


words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=10)


@st.composite
def valid_question(draw, number):
    kind = draw(st.sampled_from(["enkel", "meer", "juist-onjuist", "volgorde", "paren", "reflectie"]))
    q = {"id": f"q-{number}", "soort": kind, "vraag": draw(words)}
    if kind in ("enkel", "meer"):
        count = draw(st.integers(2, 5))
        right = {draw(st.integers(0, count - 1))} if kind == "enkel" else set(draw(
            st.lists(st.integers(0, count - 1), min_size=1, max_size=count)))
        q["opties"] = [{"tekst": draw(words), "feedback": draw(words), **({"juist": True} if i in right else {})}
                       for i in range(count)]
    elif kind == "juist-onjuist":
        q |= {"antwoord": draw(st.booleans()), "feedback_juist": draw(words), "feedback_onjuist": draw(words)}
    elif kind == "volgorde":
        q |= {"items": draw(st.lists(words, min_size=3, max_size=6)), "feedback_juist": "Ja.", "feedback_onjuist": "Nee."}
    elif kind == "paren":
        q |= {"paren": draw(st.lists(st.fixed_dictionaries({"links": words, "rechts": words}), min_size=2, max_size=5)),
              "feedback_juist": "Ja.", "feedback_onjuist": "Nee."}
    else:
        q |= draw(st.sampled_from([{"modelantwoord": "Een antwoord."}, {"rubric": ["Een punt."]}]))
    return q


@SETTINGS
@given(st.integers(1, 6).flatmap(lambda n: st.tuples(*[valid_question(i) for i in range(n)])))
def test_valid_questions_are_prepared(questions):
    meta = {"type": "oefening", "id": "o", "title": "O", "samenvatting": "S", "bronnen": ["putnam-2000"],
            "onderwerp": "verbinden", "vragen": list(questions)}
    text = page_text(meta, "")
    marks = split_front_matter(text).meta
    assert validate(marks.data, SCHEMAS.for_type("oefening"), marks, "o.md") == []
    prepared = prepare_set(marks.data["vragen"])
    assert [q["id"] for q in prepared] == [q["id"] for q in marks.data["vragen"]]
    for q in prepared:
        assert q["scored"] == (q["soort"] in SCORED)
        if q["soort"] in ("enkel", "meer"):
            assert sorted(o["value"] for o in q["shown"]) == list(range(len(q["opties"])))
            assert q["answer"] == [i for i, o in enumerate(q["opties"]) if o.get("juist")]
            assert len(q["answer"]) == 1 if q["soort"] == "enkel" else len(q["answer"]) >= 1
        if q["soort"] == "volgorde":
            assert sorted(q["answer"]) == list(range(1, len(q["items"]) + 1))
            assert [s["index"] for s in q["shown"]] != list(range(len(q["items"])))
        if q["soort"] == "paren":
            assert sorted(q["choices"]) == sorted(set(p["rechts"] for p in q["paren"]))


@SETTINGS
@given(st.lists(question, min_size=1, max_size=4))
def test_any_questions_are_checked(questions):
    meta = {"type": "oefening", "id": "o", "title": "O", "samenvatting": "S", "bronnen": ["putnam-2000"],
            "onderwerp": "verbinden", "vragen": questions}
    text = page_text(meta, "")
    try:
        marks = split_front_matter(text).meta
    except YamlSyntaxError:
        return
    errors = validate(marks.data, SCHEMAS.for_type("oefening"), marks, "o.md")
    assert_errors(errors, {"o.md": text})
    if not errors:
        prepare_set(marks.data["vragen"])
