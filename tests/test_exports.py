"""The QTI 1.2 and Moodle XML exports that `make build` writes for trainers, read by independent
readers: pyslet's QTI 1.2 object model (and its migration to QTI 2, run to score answers) and a
reader that follows Moodle's own importer (tests/moodle_reader.py)."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
import zipfile
from functools import lru_cache

import pytest

import qti_reader as qti
from conftest import SITE_URL
from kennisbank.address import public_site_url
from kennisbank.exercises.export import shown_order
from moodle_reader import MoodleXmlImport, split_category_path
from test_site import DOCS, front_matter, pages_of_type

from kennisbank.exercises import export

# pyslet (2017) warns about old names of its own functions that it still calls itself.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pyslet")
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
SETS = {p.stem: front_matter(p) for p in pages_of_type("oefening")}
QTI_TYPES = {"enkel": "multiple_choice_question", "meer": "multiple_answers_question",
             "juist-onjuist": "true_false_question", "paren": "matching_question",
             "volgorde": "matching_question", "reflectie": "essay_question"}
MOODLE_TYPES = {"enkel": "multichoice", "meer": "multichoice", "juist-onjuist": "truefalse",
                "paren": "match", "volgorde": "match", "reflectie": "essay"}
LANGS = {"nl": "", "en": "en/"}
TEXT_FIELDS = ("vraag", "feedback_juist", "feedback_onjuist", "modelantwoord", "rubric", "items")


@lru_cache(maxsize=None)
def questions(set_id: str, lang: str) -> tuple[dict, ...]:
    """The questions of a set in a language: the English texts over the Dutch structure
    (options, items and pairs matched by position, as the build does)."""
    dutch = SETS[set_id]["vragen"]
    if lang == "nl":
        return tuple(shown_order({"vragen": dutch})["vragen"])
    english = front_matter(DOCS / "oefeningen" / f"{set_id}.en.md")["vragen"]
    merged = []
    for nl, en in zip(dutch, english):
        q = {**nl, **{k: en[k] for k in TEXT_FIELDS if k in en}}
        if "opties" in nl:
            q["opties"] = [{**o, **{k: e[k] for k in ("tekst", "feedback") if k in e}}
                           for o, e in zip(nl["opties"], en["opties"])]
        if "paren" in nl:
            q["paren"] = [{**p, **e} for p, e in zip(nl["paren"], en["paren"])]
        merged.append(q)
    # The exports show the options in the site's balanced order, not the author's.
    return tuple(shown_order({"vragen": merged})["vragen"])


def title(set_id: str, lang: str) -> str:
    path = DOCS / "oefeningen" / (f"{set_id}.md" if lang == "nl" else f"{set_id}.en.md")
    return front_matter(path).get("title") or SETS[set_id]["title"]


def words(markdown_or_html: str) -> str:
    """The words of a text, without Markdown or HTML markup: to compare a source text with what
    an LMS imports."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_or_html)
    text = re.sub(r"</?(?:p|li|ul|ol|br|div|h\d)\b[^>]*>", " ", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return " ".join(re.sub(r"[*`]", "", text).split())


def right_pairs(q: dict) -> list[tuple[str, str]]:
    if q["soort"] == "volgorde":
        return [(item, str(n)) for n, item in enumerate(q["items"], 1)]
    return [(p["links"], p["rechts"]) for p in q["paren"]]


def test_there_are_exercise_sets():
    assert len(SETS) >= 16


# -- QTI 1.2 ---------------------------------------------------------------------------------------

def qti_files(site) -> list[tuple[str, str, str]]:
    """(language, zip, assessment path) of every QTI file: per set and all sets."""
    out = []
    for lang, prefix in LANGS.items():
        for name in [*SETS, "alle-oefeningen"]:
            path = site / f"{prefix}oefeningen/export/{name}.qti.zip"
            with zipfile.ZipFile(path) as archive:
                out += [(lang, str(path), n) for n in archive.namelist() if n != "imsmanifest.xml"]
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_qti_package_holds_every_set_and_question(site, lang):
    path = site / f"{LANGS[lang]}oefeningen/export/alle-oefeningen.qti.zip"
    with zipfile.ZipFile(path) as archive:
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        resources = manifest.findall(f"{CP}resources/{CP}resource")
        assert {r.get("identifier") for r in resources} == set(SETS)
        for resource in resources:
            assert resource.get("type") == "imsqti_xmlv1p2"
            set_id = resource.get("identifier")
            doc = qti.parse(archive.read(resource.get("href")))
            assert qti.assessment(doc).title == title(set_id, lang)
            items = qti.items(doc)
            assert [i.ident for i in items] == [q["id"] for q in questions(set_id, lang)]
            for item, q in zip(items, questions(set_id, lang)):
                assert qti.metadata(item)["question_type"] == QTI_TYPES[q["soort"]]
                assert words(qti.texts(item.Presentation)[0]) == words(q["vraag"])


def test_qti_package_per_set(site):
    for lang, prefix in LANGS.items():
        for set_id in SETS:
            with zipfile.ZipFile(site / f"{prefix}oefeningen/export/{set_id}.qti.zip") as archive:
                assert set(archive.namelist()) == {"imsmanifest.xml", f"{set_id}/{set_id}.xml"}
                assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in archive.infolist())


def check_item(item, q: dict, choices_plain: bool = True) -> None:
    """What a QTI 1.2 player needs to read an item right, checked on pyslet's reading of it:
    every declared feedback is shown by some condition (and only declared ones are named);
    the score's maximum is what its conditions can reach (integer points); the right answer
    scores the maximum and shows its feedback, a wrong one less."""
    kind = q["soort"]
    declared, displayed = qti.declared_feedback(item), qti.displayed_feedback(item)
    assert declared and set(declared) == set(displayed), (item.ident, declared, displayed)
    low, high = qti.score_range(item)
    changes = qti.score_changes(item)
    assert all(re.fullmatch(r"-?\d+", v) for _, v, _ in changes), (item.ident, changes)
    if kind == "reflectie":
        assert (low, high, changes) == ("0", "0", []), "an essay is not scored: its maximum is 0"
    else:
        assert (low, high) == ("0", "100")
        adds = [int(v) for a, v, _ in changes if a == "Add"]
        sets = [int(v) for a, v, _ in changes if a == "Set"]
        assert not (adds and sets), "one way of scoring per item"
        if adds:  # points per part: their sum is the maximum, and every part is counted
            assert sum(a for a in adds if a > 0) == int(high)
            assert all(go_on for a, _, go_on in changes if a == "Add"), "a part's condition must not stop processing"
            assert max(adds) - min(adds) <= 1
        else:
            assert sets == [int(high)]

    score, log = qti.scorer(item)
    responses = qti.responses(item)
    feedback = qti.feedback_html(item)
    if kind in ("enkel", "meer"):
        (response,) = responses
        labels = list(responses[response])
        right = [labels[n] for n, o in enumerate(q["opties"]) if o.get("juist")]
        answer = right if kind == "meer" else right[0]
        got, shown = score({response: answer})
        assert got == 100 and shown == {f"{ident}_fb" for ident in right}
        for label, option in zip(labels, q["opties"]):
            assert words(feedback[f"{label}_fb"]) == words(option["feedback"])
            assert words(responses[response][label]) == words(option["tekst"])
        wrong = [labels[n] for n, o in enumerate(q["opties"]) if not o.get("juist")]
        if wrong:
            got, shown = score({response: (right + wrong[:1]) if kind == "meer" else wrong[0]})
            assert got < 100 and f"{wrong[0]}_fb" in shown
        if kind == "meer":
            assert qti.cardinality(item, response) == "Multiple"
            assert score({response: right[:-1]})[0] < 100 if len(right) > 1 else True
    elif kind == "juist-onjuist":
        (response,) = responses
        true, false = list(responses[response])
        got, shown = score({response: true if q["antwoord"] else false})
        assert (got, shown) == (100, {"correct_fb"})
        got, shown = score({response: false if q["antwoord"] else true})
        assert (got, shown) == (0, {"general_incorrect_fb"})
        assert words(feedback["correct_fb"]) == words(q["feedback_juist"])
        assert words(feedback["general_incorrect_fb"]) == words(q["feedback_onjuist"])
    elif kind in ("paren", "volgorde"):
        pairs = right_pairs(q)
        assert len(responses) == len(pairs)
        answer = {}
        for (response, labels), (left, right) in zip(responses.items(), pairs):
            assert qti.cardinality(item, response) == "Single"
            (ident,) = [i for i, text in labels.items() if words(text) == words(right)]
            answer[response] = ident
        assert score(answer) == (100, {"correct_fb"})
        first = next(iter(answer))
        other = next(i for i in responses[first] if i != answer[first])
        got, shown = score({**answer, first: other})
        assert 0 < got < 100 and shown == {"general_incorrect_fb"}, (item.ident, got, shown)
        assert words(feedback["correct_fb"]) == words(q["feedback_juist"])
        assert words(feedback["general_incorrect_fb"]) == words(q["feedback_onjuist"])
    elif kind == "reflectie":
        assert score({})[1] == {"general_fb"}
        assert words(q.get("modelantwoord") or "")[:40] in words(feedback["general_fb"])
    assert not [line for line in log if line.startswith("Error")], log


def test_every_qti_item_reads_right_in_pyslet(site):
    """Every item of every QTI export (per set and all sets, both languages)."""
    files = qti_files(site)
    assert len(files) == 2 * 2 * len(SETS)
    checked = 0
    for lang, path, name in files:
        with zipfile.ZipFile(path) as archive:
            doc = qti.parse(archive.read(name))
        set_id = qti.assessment(doc).ident
        for item, q in zip(qti.items(doc), questions(set_id, lang), strict=True):
            check_item(item, q)
            checked += 1
    assert checked == 4 * sum(len(s["vragen"]) for s in SETS.values())


def test_matching_points_are_integers_that_add_up_exactly():
    assert export.integer_shares(100, 3) == [33, 33, 34]
    for count in range(1, 30):
        shares = export.integer_shares(100, count)
        assert sum(shares) == 100 and max(shares) - min(shares) <= 1


# -- Moodle XML ------------------------------------------------------------------------------------

def moodle_files(site) -> list[tuple[str, object]]:
    return [(lang, site / f"{prefix}oefeningen/export/{name}.moodle.xml")
            for lang, prefix in LANGS.items() for name in [*SETS, "alle-oefeningen"]]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_moodle_imports_every_question_of_every_file(site, lang):
    """Read as Moodle 4.x's importer reads it: no error, no notice, no warning; every question
    with its type, answers, grades and feedback."""
    site_name = "Kennisbank Opbouwwerk" if lang == "nl" else "Community Development Knowledge Base"
    for file_lang, path in moodle_files(site):
        if file_lang != lang:
            continue
        reader = MoodleXmlImport()
        imported = reader.readquestions(path.read_bytes())
        assert reader.problems == [], (path.name, reader.problems[:5])
        set_ids = list(SETS) if path.stem.startswith("alle-oefeningen") else [path.name.split(".")[0]]
        by_title = {title(set_id, lang): set_id for set_id in set_ids}
        seen, pending = [], []
        for qo in imported:
            if qo["qtype"] == "category":
                assert not pending, f"{path.name}: questions missing before {qo['category']}: {pending}"
                root, name, set_title = split_category_path(qo["category"])
                assert (root, name) == ("$course$", site_name)
                seen.append(by_title[set_title])
                pending = list(questions(seen[-1], lang))
                continue
            q = pending.pop(0)
            assert qo["idnumber"] == q["id"]
            check_moodle_question(qo, q)
        assert not pending and sorted(seen) == sorted(set_ids), path.name


def check_moodle_question(qo: dict, q: dict) -> None:
    kind = q["soort"]
    assert qo["qtype"] == MOODLE_TYPES[kind] and qo["name"] == q["id"]
    assert words(qo["questiontext"]) == words(q["vraag"])
    assert qo["defaultmark"] == (0 if kind == "reflectie" else 1)
    if kind in ("enkel", "meer"):
        assert qo["single"] == (1 if kind == "enkel" else 0)
        assert [words(a["text"]) for a in qo["answer"]] == [words(o["tekst"]) for o in q["opties"]]
        assert [words(f["text"]) for f in qo["feedback"]] == [words(o["feedback"]) for o in q["opties"]]
        right = [f for f, o in zip(qo["fraction"], q["opties"]) if o.get("juist")]
        wrong = [f for f, o in zip(qo["fraction"], q["opties"]) if not o.get("juist")]
        assert all(f > 0 for f in right) and all(f <= 0 for f in wrong)
        if kind == "enkel":
            assert right == [1.0] and set(wrong) <= {0.0}
        else:
            assert round(sum(right), 2) == 1 and max(right) - min(right) <= 0.05
            assert not wrong or round(sum(wrong), 2) == -1
    elif kind == "juist-onjuist":
        assert qo["correctanswer"] is q["antwoord"]
        right, wrong = (qo["feedbacktrue"], qo["feedbackfalse"]) if q["antwoord"] else (qo["feedbackfalse"], qo["feedbacktrue"])
        assert words(right["text"]) == words(q["feedback_juist"])
        assert words(wrong["text"]) == words(q["feedback_onjuist"])
    elif kind in ("paren", "volgorde"):
        pairs = right_pairs(q)
        assert [words(s["text"]) for s in qo["subquestions"]] == [words(left) for left, _ in pairs]
        assert qo["subanswers"] == [words(right) for _, right in pairs]
        assert words(qo["correctfeedback"]["text"]) == words(q["feedback_juist"])
        assert words(qo["incorrectfeedback"]["text"]) == words(q["feedback_onjuist"])
    elif kind == "reflectie":
        assert words(q.get("modelantwoord") or "")[:40] in words(qo["graderinfo"]["text"])
        if q.get("rubric"):
            assert words(q["rubric"][-1]) in words(qo["graderinfo"]["text"])


def test_moodle_grade_values_of_right_answers_add_up_to_100_percent():
    reader = MoodleXmlImport()
    for count in range(1, 21):
        shares = [float(s) / 100 for s in export.moodle_shares(count)]
        assert all(reader.match_grade_options(s) is not False for s in shares), count
        assert round(sum(shares), 2) == 1, count
    assert export.moodle_shares(3) == ["33.33333"] * 3


# -- texts -----------------------------------------------------------------------------------------

def test_exported_links_are_absolute(site):
    text = (site / "oefeningen/export/alle-oefeningen.moodle.xml").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]+)"', html.unescape(text))
    assert hrefs, "feedback links are kept"
    assert all(h.startswith(SITE_URL) for h in hrefs), [h for h in hrefs if not h.startswith(SITE_URL)][:5]
    english = html.unescape((site / "en/oefeningen/export/alle-oefeningen.moodle.xml").read_text(encoding="utf-8"))
    assert all(h.startswith(SITE_URL + "en/") for h in re.findall(r'href="([^"]+)"', english))


SAMPLE = {"id": "oefening-test", "title": "Oefening / test", "vragen": [
    {"id": "t-1", "soort": "enkel", "vraag": "Wat zegt *Bowling alone*? <script>alert(1)</script>",
     "opties": [{"tekst": "**Vet**", "juist": True, "feedback": "Lees [Verbinden](../strategieen/verbinden.md#valkuil)."},
                {"tekst": "Niet", "feedback": "Zie [dit](javascript:alert(1)) en [de site](https://example.org/)."}]},
    {"id": "t-2", "soort": "paren", "vraag": "Koppel.", "feedback_juist": "Ja.", "feedback_onjuist": "Nee.",
     "paren": [{"links": "A", "rechts": "*Verbinden*"}, {"links": "B", "rechts": "Koppelen & zo"}]},
]}
LABELS = {"true": "Juist", "false": "Onjuist", "rubric": "Een goed antwoord"}


@pytest.mark.parametrize("site_url", [SITE_URL, None])
def test_export_texts_are_safe_markdown_with_site_links_absolute_or_left_out(site_url):
    files = export.language_exports([(SAMPLE, "oefeningen/oefening-test.md")], LABELS, site_url, "en/", "Kennisbank")
    moodle = files["oefening-test.moodle.xml"].decode()
    with zipfile.ZipFile(__import__("io").BytesIO(files["oefening-test.qti.zip"])) as archive:
        doc = qti.parse(archive.read("oefening-test/oefening-test.xml"))
    (single, matching) = qti.items(doc)
    question = qti.texts(single.Presentation)[0]
    assert "<em>Bowling alone</em>" in question, "Markdown is converted"
    assert "&lt;script&gt;" in question and "<script" not in question, "raw HTML stays text"
    feedback = qti.feedback_html(single)
    # The options come in the site's balanced order: find each one's feedback by its text.
    right = next(f for k, f in feedback.items() if k.startswith("t-1-") and "Verbinden" in f)
    wrong = next(f for k, f in feedback.items() if k.startswith("t-1-") and "example.org" in f)
    assert "javascript:" not in wrong and "dit" in wrong, "an unsafe link keeps only its text"
    assert '<a href="https://example.org/">de site</a>' in wrong, "links to other sites stay"
    if site_url:
        assert f'<a href="{SITE_URL}en/strategieen/verbinden/#valkuil">Verbinden</a>' in right
    else:
        assert right == "<p>Lees Verbinden.</p>", "no public address: the link's text without a link"
    choices = {text for labels in qti.responses(matching).values() for text in labels.values()}
    assert choices == {"Verbinden", "Koppelen & zo"}, "matching choices as plain text"
    imported = MoodleXmlImport().readquestions(files["oefening-test.moodle.xml"])
    assert split_category_path(imported[0]["category"]) == ["$course$", "Kennisbank", "Oefening / test"]
    assert imported[2]["subanswers"] == ["Verbinden", "Koppelen & zo"]
    assert ("kennisbank.example.org" in moodle) == bool(site_url)
    assert "<script" not in html.unescape(moodle).replace("&lt;script&gt;", "")


def test_no_public_address_without_site_url():
    assert public_site_url(None) is None
    assert public_site_url("http://127.0.0.1:8000/") is None  # mkdocs.yml without SITE_URL, mkdocs serve
    assert public_site_url("http://localhost:8000/kb/") is None
    assert public_site_url("http://0.0.0.0:8000/") is None
    assert public_site_url("https://kennisbank.example.org") == "https://kennisbank.example.org/"


def test_trainer_overview_lists_every_set_with_downloads(page):
    soup = page("oefeningen/")
    rows = soup.select("article table tbody tr")
    assert len(rows) == len(SETS)
    for row in rows:
        cells = row.find_all("td")
        set_id = cells[1].get_text(strip=True)
        meta = SETS[set_id]
        assert int(cells[4].get_text(strip=True)) == len(meta["vragen"])
        assert cells[5].get_text(strip=True).endswith("min"), "working time of the set"
        downloads = [a["href"] for a in cells[6].find_all("a")]
        assert downloads == [f"export/{set_id}.qti.zip", f"export/{set_id}.moodle.xml"]
