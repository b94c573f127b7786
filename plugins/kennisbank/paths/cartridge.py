"""A learning path as one file for a learning environment: an IMS Common Cartridge 1.1
package (.imscc, a zip).

- imsmanifest.xml: the path as the course outline: one item titled like the path, holding one
  item per step in step order, titled like the step; after the step of an exercise set, an
  item with its assessment;
- one web link (imswl_xmlv1p1) per step, to the step's permanent link (`{site}m/<id>/`, the
  English one under `en/`, with the step's anchor), so that the cartridge keeps working when a
  page moves;
- the path's exercise sets as assessments (imsqti_xmlv1p2/imscc_xmlv1p1/assessment): QTI 1.2
  in the Common Cartridge profile (see exercises/export.py).

Each learning application object (web link, assessment) has a folder of its own with its one
descriptor file, as the profile asks. Pure functions of plain data, so that a build can compute
the cartridges in a second process; entries have fixed dates, so the same path gives the same
file.
"""
from __future__ import annotations

import io
import zipfile
import xml.etree.ElementTree as ET

from ..exercises.export import Texts, qti_assessment, shown_order, write_entry
from ..snippets import Snippets

CC_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM_NS = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
WL_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
PROFILE = "http://www.imsglobal.org/profile/cc/ccv1p1/"
SCHEMAS = {
    CC_NS: PROFILE + "ccv1p1_imscp_v1p2_v1p0.xsd",
    LOM_NS: PROFILE + "LOM/ccv1p1_lommanifest_v1p0.xsd",
    WL_NS: PROFILE + "ccv1p1_imswl_v1p1.xsd",
    QTI_NS: PROFILE + "ccv1p1_qtiasiv1p2p1_v1p0.xsd",
}
WEBLINK = "imswl_xmlv1p1"
ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"
QUIZ = {"nl": "toets", "en": "quiz"}  # the assessment after the step of an exercise set


def permanent_link(site_url: str, prefix: str, target: str, anchor: str = "") -> str:
    """The page's permanent link: `{site}m/<id>/` (`{site}en/m/<id>/` in English)."""
    return f"{site_url.rstrip('/')}/{prefix}m/{target}/" + (f"#{anchor}" if anchor else "")


def _xml(root: ET.Element) -> bytes:
    """The document; its elements carry their names as written (unqualified: the root's
    default namespace, `lomimscc:`: the prefix the root declares)."""
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")


def _schema_location(*namespaces: str) -> str:
    return " ".join(f"{ns} {SCHEMAS[ns]}" for ns in namespaces)


def weblink_xml(title: str, url: str) -> bytes:
    root = ET.Element("webLink", {"xmlns": WL_NS, "xmlns:xsi": XSI_NS, "xsi:schemaLocation": _schema_location(WL_NS)})
    ET.SubElement(root, "title").text = title
    ET.SubElement(root, "url", href=url, target="_blank")
    return _xml(root)


def _with_schema_location(qti: bytes) -> bytes:
    """The QTI of an assessment with the profile's schema named on its root."""
    return qti.replace(f'<questestinterop xmlns="{QTI_NS}">'.encode(),
                       f'<questestinterop xmlns="{QTI_NS}" xmlns:xsi="{XSI_NS}" '
                       f'xsi:schemaLocation="{_schema_location(QTI_NS)}">'.encode(), 1)


def _lang_string(parent, tag: str, text: str, lang: str):
    node = ET.SubElement(parent, f"lomimscc:{tag}")
    ET.SubElement(node, "lomimscc:string", language=lang).text = text
    return node


def cartridge(path: dict, sets: dict[str, tuple[dict, str]], labels: dict, site_url: str, lang: str,
              prefix: str, snippets: Snippets | None = None) -> bytes:
    """The .imscc file of one learning path in one language.

    path: {"id", "title", "src_uri", "description" (Markdown), "steps": [{"n", "target", "anchor", "title"}]};
    sets: {set id: (exercise {"id", "title", "vragen"}, src_uri)} of the sets among the steps;
    labels: the exercise labels of the language (true/false, rubric)."""
    snippets = snippets if snippets is not None else Snippets()
    manifest = ET.Element("manifest", {"identifier": f"kb-leerroute-{path['id']}-{lang}", "xmlns": CC_NS,
                                       "xmlns:lomimscc": LOM_NS, "xmlns:xsi": XSI_NS,
                                       "xsi:schemaLocation": _schema_location(CC_NS, LOM_NS)})
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Common Cartridge"
    ET.SubElement(metadata, "schemaversion").text = "1.1.0"
    general = ET.SubElement(ET.SubElement(metadata, "lomimscc:lom"), "lomimscc:general")
    _lang_string(general, "title", path["title"], lang)
    ET.SubElement(general, "lomimscc:language").text = lang
    if path.get("description"):
        description = Texts(path["src_uri"], site_url, prefix, snippets).plain(path["description"])
        _lang_string(general, "description", description, lang)
    organization = ET.SubElement(ET.SubElement(manifest, "organizations"), "organization",
                                 identifier="organization", structure="rooted-hierarchy")
    # The root item holds one item, titled like the path, with the steps: an LMS makes one
    # module (Canvas) or section (Moodle) of it, the steps in order inside.
    outline = ET.SubElement(ET.SubElement(organization, "item", identifier="root"), "item", identifier="leerroute")
    ET.SubElement(outline, "title").text = path["title"]
    resources = ET.SubElement(manifest, "resources")
    files: list[tuple[str, bytes]] = []

    def resource(identifier: str, kind: str, href: str, data: bytes, title: str):
        item = ET.SubElement(outline, "item", identifier=f"item-{identifier}", identifierref=identifier)
        ET.SubElement(item, "title").text = title
        node = ET.SubElement(resources, "resource", identifier=identifier, type=kind)
        ET.SubElement(node, "file", href=href)
        files.append((href, data))

    for step in path["steps"]:
        folder = f"stap-{step['n']:02d}"
        url = permanent_link(site_url, prefix, step["target"], step.get("anchor") or "")
        resource(folder, WEBLINK, f"{folder}/weblink.xml", weblink_xml(step["title"], url), step["title"])
        if step["target"] in sets:
            exercise, src_uri = sets[step["target"]]
            exercise = shown_order(exercise)  # the options in the order the site shows them
            qti = qti_assessment(exercise, Texts(src_uri, site_url, prefix, snippets), labels, cc=True)
            resource(f"{folder}-toets", ASSESSMENT, f"{folder}-toets/assessment_qti.xml", _with_schema_location(qti),
                     f"{step['title']} ({QUIZ.get(lang, QUIZ['en'])})")

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        write_entry(archive, "imsmanifest.xml", _xml(manifest))
        for href, data in files:
            write_entry(archive, href, data)
    return buffer.getvalue()


def language_cartridges(paths: list[dict], sets: dict[str, tuple[dict, str]], labels: dict,
                        site_url: str | None, lang: str, prefix: str) -> dict[str, bytes]:
    """{path id: content of its .imscc} of every path of one language; nothing without a
    public address (the web links would have nowhere to point)."""
    if not site_url:
        return {}
    snippets = Snippets()
    return {path["id"]: cartridge(path, sets, labels, site_url, lang, prefix, snippets) for path in paths}
