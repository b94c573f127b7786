"""The QTI 1.2 and Moodle XML exports that `make build` writes for trainers."""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from test_site import DOCS, front_matter, pages_of_type

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
SETS = {p.stem: front_matter(p) for p in pages_of_type("oefening")}
QTI_TYPES = {"enkel": "multiple_choice_question", "meer": "multiple_answers_question",
             "juist-onjuist": "true_false_question", "paren": "matching_question",
             "volgorde": "matching_question", "reflectie": "essay_question"}
MOODLE_TYPES = {"enkel": "multichoice", "meer": "multichoice", "juist-onjuist": "truefalse",
                "paren": "matching", "volgorde": "matching", "reflectie": "essay"}


def test_there_are_exercise_sets():
    assert len(SETS) >= 16


@pytest.mark.parametrize("lang", ["", "en/"])
def test_qti_package_holds_every_set_and_question(site, lang):
    path = site / f"{lang}oefeningen/export/alle-oefeningen.qti.zip"
    with zipfile.ZipFile(path) as archive:
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        resources = manifest.findall(f"{CP}resources/{CP}resource")
        assert {r.get("identifier") for r in resources} == set(SETS)
        for resource in resources:
            assert resource.get("type") == "imsqti_xmlv1p2"
            meta = SETS[resource.get("identifier")]
            root = ET.fromstring(archive.read(resource.get("href")))
            items = root.findall(f".//{QTI}item")
            assert [i.get("ident") for i in items] == [q["id"] for q in meta["vragen"]]
            for item, q in zip(items, meta["vragen"]):
                fields = {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry")
                          for f in item.iter(f"{QTI}qtimetadatafield")}
                assert fields["question_type"] == QTI_TYPES[q["soort"]]
                assert item.find(f".//{QTI}presentation/{QTI}material/{QTI}mattext").text
                if q["soort"] == "enkel":
                    right = [n for n, o in enumerate(q["opties"]) if o.get("juist")][0]
                    scoring = [c for c in item.iter(f"{QTI}respcondition")
                               if c.find(f"{QTI}setvar") is not None]
                    assert scoring[0].find(f".//{QTI}varequal").text == f"{q['id']}-{right}"
                    feedback = item.findall(f"{QTI}itemfeedback")
                    assert len(feedback) == len(q["opties"])
                    assert all(f.find(f".//{QTI}mattext").text for f in feedback)
                if q["soort"] in ("paren", "volgorde"):
                    n = len(q.get("paren") or q.get("items"))
                    assert len(item.findall(f".//{QTI}response_lid")) == n


def test_qti_package_per_set(site):
    for set_id in SETS:
        with zipfile.ZipFile(site / f"oefeningen/export/{set_id}.qti.zip") as archive:
            assert f"{set_id}/{set_id}.xml" in archive.namelist()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_moodle_xml_holds_every_question_with_answers_and_feedback(site, lang):
    quiz = ET.parse(site / f"{lang}oefeningen/export/alle-oefeningen.moodle.xml").getroot()
    nodes = {q.findtext("idnumber"): q for q in quiz.findall("question") if q.get("type") != "category"}
    expected = {q["id"]: q for meta in SETS.values() for q in meta["vragen"]}
    assert sorted(nodes) == sorted(expected)
    categories = [c.findtext("category/text") for c in quiz.findall("question[@type='category']")]
    assert len(categories) == len(SETS)
    for qid, q in expected.items():
        node = nodes[qid]
        assert node.get("type") == MOODLE_TYPES[q["soort"]]
        assert node.findtext("questiontext/text")
        if q["soort"] in ("enkel", "meer"):
            answers = node.findall("answer")
            assert len(answers) == len(q["opties"])
            assert all(a.findtext("feedback/text") for a in answers)
            full = [a for a in answers if a.get("fraction") == "100"]
            assert (len(full) == 1) if q["soort"] == "enkel" else all(
                float(a.get("fraction")) > 0 for a, o in zip(answers, q["opties"]) if o.get("juist"))
        if q["soort"] == "juist-onjuist":
            right = [a.findtext("text") for a in node.findall("answer") if a.get("fraction") == "100"]
            assert right == ["true" if q["antwoord"] else "false"]
        if q["soort"] in ("paren", "volgorde"):
            assert len(node.findall("subquestion")) == len(q.get("paren") or q.get("items"))
        if q["soort"] == "reflectie":
            assert node.findtext("graderinfo/text")


def test_exported_links_are_absolute(site):
    text = (site / "oefeningen/export/alle-oefeningen.moodle.xml").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]+)"', text.replace("&quot;", '"'))
    assert hrefs, "feedback links are kept"
    assert all(h.startswith("http") for h in hrefs), [h for h in hrefs if not h.startswith("http")][:5]


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
