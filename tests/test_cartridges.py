"""The IMS Common Cartridge 1.1 of every learning path (issue 13), read without the build's code:
ElementTree on the manifest and web links (as CC 1.1 defines them), pyslet's Common Cartridge
reader and its profile checks on the package, pyslet's QTI 1.2 reader on the assessments."""
from __future__ import annotations

import unittest
import xml.etree.ElementTree as ET
import zipfile
from functools import lru_cache

import pytest

import qti_reader as qti
from conftest import SITE_URL
from test_exports import check_item, questions, right_pairs, words
from test_site import DOCS, front_matter, pages_of_type

from kennisbank.paths import cartridge as cc_module
from kennisbank.paths.plugin import PathsPlugin

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pyslet")
CC = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
LOM = "{http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest}"
WL = "{http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1}"
WEBLINK, ASSESSMENT = "imswl_xmlv1p1", "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"
CC_ITEM_PROFILES = {"enkel": "cc.multiple_choice.v0p1", "meer": "cc.multiple_response.v0p1",
                    "juist-onjuist": "cc.true_false.v0p1", "reflectie": "cc.essay.v0p1",
                    "paren": "cc.multiple_choice.v0p1", "volgorde": "cc.multiple_choice.v0p1"}
PATHS = {front_matter(p)["id"]: p for p in pages_of_type("leerroute")}
LANGS = {"nl": "", "en": "en/"}


@lru_cache(maxsize=None)
def pages() -> dict[str, dict]:
    """{page id: {"nl": title, "en": title, "type": ...}} of every typed page."""
    out = {}
    for path in DOCS.rglob("*.md"):
        if path.name.endswith(".en.md"):
            continue
        meta = front_matter(path)
        if meta.get("id"):
            english = path.with_name(path.name[:-3] + ".en.md")
            out[meta["id"]] = {"nl": meta["title"], "type": meta.get("type"),
                               "en": front_matter(english).get("title", meta["title"]) if english.exists() else meta["title"]}
    return out


def steps(path_id: str) -> list[tuple[str, str]]:
    """(page id, anchor) of the steps of a path, in order."""
    return [tuple((s["naar"].split("#") + [""])[:2]) for s in front_matter(PATHS[path_id])["stappen"]]


def cartridge_file(site, path_id: str, lang: str):
    return site / f"{LANGS[lang]}leerroutes/export/{path_id}.imscc"


def test_there_are_paths_to_export():
    assert len(PATHS) >= 3


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path_id", sorted(PATHS))
def test_path_page_links_its_cartridge(site, page, path_id, lang):
    soup = page(f"{LANGS[lang]}leerroutes/{path_id}/")
    links = [a["href"] for a in soup.select("a[href$='.imscc']")]
    assert links == [f"../export/{path_id}.imscc"]
    assert cartridge_file(site, path_id, lang).is_file()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path_id", sorted(PATHS))
def test_cartridge_is_a_common_cartridge_of_the_path(site, path_id, lang):
    with zipfile.ZipFile(cartridge_file(site, path_id, lang)) as archive:
        names = archive.namelist()
        assert len(names) == len(set(names)) and "imsmanifest.xml" in names
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in archive.infolist()), "fixed dates"
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        assert manifest.tag == f"{CC}manifest"
        assert manifest.findtext(f"{CC}metadata/{CC}schema") == "IMS Common Cartridge"
        assert manifest.findtext(f"{CC}metadata/{CC}schemaversion") == "1.1.0"
        general = manifest.find(f"{CC}metadata/{LOM}lom/{LOM}general")
        assert general.findtext(f"{LOM}title/{LOM}string") == pages()[path_id][lang]
        assert general.find(f"{LOM}title/{LOM}string").get("language") == lang

        resources = {r.get("identifier"): r for r in manifest.iterfind(f"{CC}resources/{CC}resource")}
        assert len(resources) == len(manifest.findall(f"{CC}resources/{CC}resource")), "unique identifiers"
        named = []
        for resource in resources.values():
            assert resource.get("type") in (WEBLINK, ASSESSMENT)
            hrefs = [f.get("href") for f in resource.findall(f"{CC}file")]
            assert len(hrefs) == 1 and "/" in hrefs[0], "one descriptor file, in a folder of its own"
            assert hrefs[0] in names, f"{hrefs[0]} is named in the manifest but not in the package"
            named += hrefs
        assert sorted(named) == sorted(n for n in names if n != "imsmanifest.xml"), "every file belongs to a resource"
        assert len({h.rsplit("/", 1)[0] for h in named}) == len(named)

        (organization,) = manifest.findall(f"{CC}organizations/{CC}organization")
        assert organization.get("structure") == "rooted-hierarchy"
        (root,) = organization.findall(f"{CC}item")
        (module,) = root.findall(f"{CC}item")  # one module or section: the path
        assert root.get("identifierref") is None and module.get("identifierref") is None
        assert module.findtext(f"{CC}title") == pages()[path_id][lang]
        outline = module.findall(f"{CC}item")
        assert all(item.get("identifierref") in resources for item in outline)
        weblinks = [i for i in outline if resources[i.get("identifierref")].get("type") == WEBLINK]
        assessments = [i for i in outline if resources[i.get("identifierref")].get("type") == ASSESSMENT]
        expected = steps(path_id)
        assert [i.findtext(f"{CC}title") for i in weblinks] == [pages()[t][lang] for t, _ in expected], \
            "one item per step, in step order, titled like the step"
        sets = [t for t, _ in expected if pages()[t]["type"] == "oefening"]
        assert len(assessments) == len(sets)
        for item in assessments:  # right after the step of its exercise set
            before = outline[outline.index(item) - 1]
            assert resources[before.get("identifierref")].get("type") == WEBLINK
            assert item.findtext(f"{CC}title").startswith(before.findtext(f"{CC}title"))

        prefix = LANGS[lang]
        for item, (target, anchor) in zip(weblinks, expected):
            href = resources[item.get("identifierref")].find(f"{CC}file").get("href")
            link = ET.fromstring(archive.read(href))
            assert link.tag == f"{WL}webLink"
            assert link.findtext(f"{WL}title") == item.findtext(f"{CC}title")
            url = link.find(f"{WL}url").get("href")
            page_id = url.removeprefix(f"{SITE_URL}{prefix}m/").split("/", 1)[0]
            assert page_id in pages(), f"{url} is not the permanent link of a page of this site"
            assert url == f"{SITE_URL}{prefix}m/{target}/" + (f"#{anchor}" if anchor else "")

        for item, set_id in zip(assessments, sets):
            href = resources[item.get("identifierref")].find(f"{CC}file").get("href")
            check_assessment(archive.read(href), set_id, lang)


def check_assessment(data: bytes, set_id: str, lang: str) -> None:
    """QTI 1.2 in the Common Cartridge profile, read by pyslet: every question of the set, the
    matching and ordering ones as one multiple-choice question per item."""
    doc = qti.parse(data)
    assessment = qti.assessment(doc)
    assert assessment.ident == set_id
    fields = {f.FieldLabel.get_value(): f.FieldEntry.get_value() for m in assessment.QTIMetadata for f in m.QTIMetadataField}
    assert fields["cc_profile"] == "cc.exam.v0p1"
    items = iter(qti.items(doc))
    for q in questions(set_id, lang):
        if q["soort"] in ("paren", "volgorde"):
            pairs = right_pairs(q)
            for n, (left, right) in enumerate(pairs, 1):
                item = next(items)
                assert item.ident == f"{q['id']}-{n}"
                assert qti.metadata(item)["cc_profile"] == CC_ITEM_PROFILES[q["soort"]]
                check_split_item(item, q, left, right)
        else:
            item = next(items)
            assert item.ident == q["id"]
            assert qti.metadata(item)["cc_profile"] == CC_ITEM_PROFILES[q["soort"]]
            check_item(item, q)
    assert next(items, None) is None


def check_split_item(item, q: dict, left: str, right: str) -> None:
    assert set(qti.declared_feedback(item)) == set(qti.displayed_feedback(item)) == {"correct_fb", "general_incorrect_fb"}
    assert qti.score_range(item) == ("0", "100")
    assert [(a, v) for a, v, _ in qti.score_changes(item)] == [("Set", "100")]
    assert words(qti.texts(item.Presentation)[0]) == words(q["vraag"]) + " " + words(left)
    (response, labels), = qti.responses(item).items()
    (right_ident,) = [i for i, text in labels.items() if words(text) == words(right)]
    score, _ = qti.scorer(item)
    assert score({response: right_ident}) == (100, {"correct_fb"})
    wrong = next(i for i in labels if i != right_ident)
    assert score({response: wrong}) == (0, {"general_incorrect_fb"})


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path_id", sorted(PATHS))
def test_cartridge_passes_pyslets_common_cartridge_checks(site, path_id, lang):
    """pyslet's reader of IMS CC 1.1 packages opens it and its profile tests pass (learning
    application objects in folders of their own, associated content, web content)."""
    from pyslet import imscc_profilev1p0, imscc_profilev1p1

    package = imscc_profilev1p1.CommonCartridge(str(cartridge_file(site, path_id, lang)))
    try:
        assert len(package.cp.manifest.root.Resources.Resource) >= len(steps(path_id))
        assert len(package.laoTable) == len(package.cp.manifest.root.Resources.Resource)
        result = unittest.TestResult()
        imscc_profilev1p0.CCTestSuite(package).run(result)
        assert result.testsRun >= 8 and result.wasSuccessful(), result.failures + result.errors
    finally:
        package.close()


def test_no_cartridge_without_a_public_address():
    assert cc_module.language_cartridges([{"id": "x", "title": "X", "src_uri": "leerroutes/x.md", "steps": []}],
                                         {}, {}, None, "nl", "") == {}
    plugin = PathsPlugin()
    assert plugin._site_url is None  # so handout_links() gives no cartridge address


def test_permanent_links():
    assert cc_module.permanent_link(SITE_URL, "", "verbinden") == f"{SITE_URL}m/verbinden/"
    assert cc_module.permanent_link(SITE_URL, "en/", "verbinden", "valkuil") == f"{SITE_URL}en/m/verbinden/#valkuil"
