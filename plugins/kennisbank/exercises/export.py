"""Exports of exercise sets for learning environments: QTI 1.2 (Canvas, Brightspace,
Blackboard) and Moodle XML. Built with ElementTree; texts are rendered from Markdown to HTML
with links made absolute, because an LMS shows them outside the site.

Ordering questions become matching questions (item -> position) in both formats: neither
QTI 1.2 as Canvas reads it nor every Moodle installation has an ordering type.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
import xml.etree.ElementTree as ET

import markdown

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
LINK = re.compile(r"\]\(([^)\s]+?\.md)(#[^)\s]*)?\)")
MOODLE_FRACTIONS = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                    16.66667, 14.28571, 12.5, 11.11111, 10, 5]


class Converter:
    """One Markdown converter for all snippets of a build, reset between snippets, with each
    distinct snippet converted once (the same texts go to the page, QTI and Moodle XML, per
    set and for all sets). A new converter per snippet cost more than the conversion."""

    def __init__(self):
        self.md = markdown.Markdown()
        self.cache: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if text not in self.cache:
            self.cache[text] = self.md.reset().convert(text)
        return self.cache[text]


class Texts:
    """Markdown -> HTML for one exercise page, with site links made absolute."""

    def __init__(self, src_uri: str, site_url: str, lang_prefix: str, converter: Converter | None = None):
        self.src_uri, self.site_url, self.prefix = src_uri, site_url.rstrip("/") + "/", lang_prefix
        self.convert = converter or Converter()

    def html(self, text: str | None) -> str:
        if not text:
            return ""

        def absolute(match):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(self.src_uri), match.group(1)))
            page = target[:-3]
            page = "" if page == "index" else page.removesuffix("/index") + "/"
            return f"]({self.site_url}{self.prefix}{page}{match.group(2) or ''})"

        return self.convert(LINK.sub(absolute, text.strip()))


def _moodle_fraction(share: float) -> str:
    best = min(MOODLE_FRACTIONS, key=lambda f: abs(f - share))
    return f"{best:g}"


# -- QTI 1.2 -------------------------------------------------------------------------------------

def _mat(parent, html: str):
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", texttype="text/html").text = html
    return material


def _meta(parent, fields: dict):
    meta = ET.SubElement(ET.SubElement(parent, "itemmetadata"), "qtimetadata")
    for label, entry in fields.items():
        field = ET.SubElement(meta, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = str(entry)


def _feedback(item, ident: str, html: str):
    fb = ET.SubElement(item, "itemfeedback", ident=ident)
    _mat(ET.SubElement(fb, "flow_mat"), html)


def _choice_item(section, q, texts: Texts):
    kind = q["soort"]
    qtype = {"enkel": "multiple_choice_question", "meer": "multiple_answers_question",
             "juist-onjuist": "true_false_question"}[kind]
    item = ET.SubElement(section, "item", ident=q["id"], title=q["id"])
    _meta(item, {"question_type": qtype, "points_possible": 1})
    presentation = ET.SubElement(item, "presentation")
    _mat(presentation, texts.html(q["vraag"]))
    lid = ET.SubElement(presentation, "response_lid", ident="response1",
                        rcardinality="Multiple" if kind == "meer" else "Single")
    choice = ET.SubElement(lid, "render_choice")
    if kind == "juist-onjuist":
        options = [{"tekst": q["_true"], "juist": q["antwoord"]}, {"tekst": q["_false"], "juist": not q["antwoord"]}]
    else:
        options = q["opties"]
    idents = [f"{q['id']}-{i}" for i in range(len(options))]
    for ident, option in zip(idents, options):
        label = ET.SubElement(choice, "response_label", ident=ident)
        _mat(label, texts.html(option["tekst"]))
    processing = ET.SubElement(item, "resprocessing")
    outcomes = ET.SubElement(processing, "outcomes")
    ET.SubElement(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    if kind != "juist-onjuist":
        for ident in idents:
            cond = ET.SubElement(processing, "respcondition", attrib={"continue": "Yes"})
            ET.SubElement(ET.SubElement(cond, "conditionvar"), "varequal", respident="response1").text = ident
            ET.SubElement(cond, "displayfeedback", feedbacktype="Response", linkrefid=f"{ident}_fb")
    right = [ident for ident, o in zip(idents, options) if o.get("juist")]
    cond = ET.SubElement(processing, "respcondition", attrib={"continue": "No"})
    var = ET.SubElement(cond, "conditionvar")
    if kind == "meer":
        both = ET.SubElement(var, "and")
        for ident, option in zip(idents, options):
            target = both if option.get("juist") else ET.SubElement(both, "not")
            ET.SubElement(target, "varequal", respident="response1").text = ident
    else:
        ET.SubElement(var, "varequal", respident="response1").text = right[0]
    ET.SubElement(cond, "setvar", action="Set", varname="SCORE").text = "100"
    if kind == "juist-onjuist":
        ET.SubElement(cond, "displayfeedback", feedbacktype="Response", linkrefid="correct_fb")
        wrong = ET.SubElement(processing, "respcondition", attrib={"continue": "Yes"})
        ET.SubElement(ET.SubElement(wrong, "conditionvar"), "other")
        ET.SubElement(wrong, "displayfeedback", feedbacktype="Response", linkrefid="general_incorrect_fb")
        _feedback(item, "correct_fb", texts.html(q["feedback_juist"]))
        _feedback(item, "general_incorrect_fb", texts.html(q["feedback_onjuist"]))
    else:
        for ident, option in zip(idents, options):
            _feedback(item, f"{ident}_fb", texts.html(option["feedback"]))


def _matching_item(section, q, texts: Texts, pairs: list[tuple[str, str]], choices: list[str]):
    item = ET.SubElement(section, "item", ident=q["id"], title=q["id"])
    _meta(item, {"question_type": "matching_question", "points_possible": 1})
    presentation = ET.SubElement(item, "presentation")
    _mat(presentation, texts.html(q["vraag"]))
    choice_ids = {c: f"{q['id']}-c{i}" for i, c in enumerate(choices)}
    for n, (left, _) in enumerate(pairs):
        lid = ET.SubElement(presentation, "response_lid", ident=f"response_{n}")
        _mat(lid, texts.html(left))
        render = ET.SubElement(lid, "render_choice")
        for c in choices:
            _mat(ET.SubElement(render, "response_label", ident=choice_ids[c]), texts.html(c))
    processing = ET.SubElement(item, "resprocessing")
    ET.SubElement(ET.SubElement(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0",
                  varname="SCORE", vartype="Decimal")
    for n, (_, right) in enumerate(pairs):
        cond = ET.SubElement(processing, "respcondition")
        ET.SubElement(ET.SubElement(cond, "conditionvar"), "varequal", respident=f"response_{n}").text = choice_ids[right]
        ET.SubElement(cond, "setvar", varname="SCORE", action="Add").text = f"{100 / len(pairs):.2f}"
    _feedback(item, "correct_fb", texts.html(q["feedback_juist"]))
    _feedback(item, "general_incorrect_fb", texts.html(q["feedback_onjuist"]))


def _essay_item(section, q, texts: Texts, model_html: str):
    item = ET.SubElement(section, "item", ident=q["id"], title=q["id"])
    _meta(item, {"question_type": "essay_question", "points_possible": 0})
    presentation = ET.SubElement(item, "presentation")
    _mat(presentation, texts.html(q["vraag"]))
    response = ET.SubElement(presentation, "response_str", ident="response1", rcardinality="Single")
    ET.SubElement(response, "render_fib", fibtype="String", prompt="Box")
    processing = ET.SubElement(item, "resprocessing")
    ET.SubElement(ET.SubElement(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0",
                  varname="SCORE", vartype="Decimal")
    cond = ET.SubElement(processing, "respcondition", attrib={"continue": "No"})
    ET.SubElement(ET.SubElement(cond, "conditionvar"), "other")
    ET.SubElement(cond, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    _feedback(item, "general_fb", model_html)


def _positions(q) -> tuple[list[tuple[str, str]], list[str]]:
    positions = [str(n) for n in range(1, len(q["items"]) + 1)]
    return list(zip(q["items"], positions)), positions


def model_answer_html(q, texts: Texts, rubric_label: str) -> str:
    html = texts.html(q.get("modelantwoord"))
    if q.get("rubric"):
        html += f"<p><strong>{rubric_label}</strong></p><ul>" + "".join(
            f"<li>{texts.html(r)[3:-4]}</li>" for r in q["rubric"]) + "</ul>"
    return html


def qti_assessment(exercise: dict, texts: Texts, labels: dict) -> bytes:
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    assessment = ET.SubElement(root, "assessment", ident=exercise["id"], title=exercise["title"])
    meta = ET.SubElement(assessment, "qtimetadata")
    field = ET.SubElement(meta, "qtimetadatafield")
    ET.SubElement(field, "fieldlabel").text = "cc_maxattempts"
    ET.SubElement(field, "fieldentry").text = "unlimited"
    section = ET.SubElement(assessment, "section", ident="root_section")
    for q in exercise["vragen"]:
        q = {**q, "_true": labels["true"], "_false": labels["false"]}
        kind = q["soort"]
        if kind in ("enkel", "meer", "juist-onjuist"):
            _choice_item(section, q, texts)
        elif kind == "paren":
            pairs = [(p["links"], p["rechts"]) for p in q["paren"]]
            _matching_item(section, q, texts, pairs, sorted({r for _, r in pairs}, key=str.lower))
        elif kind == "volgorde":
            pairs, positions = _positions(q)
            _matching_item(section, q, texts, pairs, positions)
        elif kind == "reflectie":
            _essay_item(section, q, texts, model_answer_html(q, texts, labels["rubric"]))
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")


def write_entry(archive: zipfile.ZipFile, path: str, data: bytes) -> None:
    """A zip entry with a fixed date, so that the same content gives the same file."""
    info = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def qti_package(exercises: list[tuple[dict, Texts]], labels: dict) -> bytes:
    """An IMS content package (zip) with one QTI 1.2 assessment per exercise set."""
    manifest = ET.Element("manifest", identifier="kennisbank-opbouwwerk-oefeningen", xmlns=CP_NS)
    ET.SubElement(manifest, "organizations")
    resources = ET.SubElement(manifest, "resources")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for exercise, texts in exercises:
            path = f"{exercise['id']}/{exercise['id']}.xml"
            write_entry(archive, path, qti_assessment(exercise, texts, labels))
            resource = ET.SubElement(resources, "resource", identifier=exercise["id"],
                                     type="imsqti_xmlv1p2", href=path)
            ET.SubElement(resource, "file", href=path)
        ET.indent(manifest)
        write_entry(archive, "imsmanifest.xml", b'<?xml version="1.0" encoding="UTF-8"?>\n' +
                    ET.tostring(manifest, encoding="utf-8"))
    return buffer.getvalue()


# -- Moodle XML ----------------------------------------------------------------------------------

def _text(parent, tag: str, html: str, fmt: str = "html"):
    node = ET.SubElement(parent, tag, format=fmt) if fmt else ET.SubElement(parent, tag)
    ET.SubElement(node, "text").text = html
    return node


def moodle_xml(exercises: list[tuple[dict, Texts]], labels: dict, category_root: str) -> bytes:
    quiz = ET.Element("quiz")
    for exercise, texts in exercises:
        category = ET.SubElement(quiz, "question", type="category")
        ET.SubElement(ET.SubElement(category, "category"), "text").text = f"$course$/{category_root}/{exercise['title']}"
        for q in exercise["vragen"]:
            kind = q["soort"]
            qtype = {"enkel": "multichoice", "meer": "multichoice", "juist-onjuist": "truefalse",
                     "paren": "matching", "volgorde": "matching", "reflectie": "essay"}[kind]
            node = ET.SubElement(quiz, "question", type=qtype)
            ET.SubElement(ET.SubElement(node, "name"), "text").text = f"{q['id']}"
            _text(node, "questiontext", texts.html(q["vraag"]))
            ET.SubElement(node, "idnumber").text = q["id"]
            ET.SubElement(node, "defaultgrade").text = "0" if kind == "reflectie" else "1"
            if kind in ("enkel", "meer"):
                ET.SubElement(node, "single").text = "true" if kind == "enkel" else "false"
                ET.SubElement(node, "shuffleanswers").text = "1"
                ET.SubElement(node, "answernumbering").text = "abc"
                right = sum(1 for o in q["opties"] if o.get("juist"))
                wrong = len(q["opties"]) - right
                for option in q["opties"]:
                    if kind == "enkel":
                        fraction = "100" if option.get("juist") else "0"
                    elif option.get("juist"):
                        fraction = _moodle_fraction(100 / right)
                    else:
                        fraction = "-" + _moodle_fraction(100 / wrong) if wrong else "0"
                    answer = _text(node, "answer", texts.html(option["tekst"]))
                    answer.set("fraction", fraction)
                    _text(answer, "feedback", texts.html(option["feedback"]))
            elif kind == "juist-onjuist":
                for value in (True, False):
                    answer = ET.SubElement(node, "answer", fraction="100" if q["antwoord"] == value else "0",
                                           format="moodle_auto_format")
                    ET.SubElement(answer, "text").text = "true" if value else "false"
                    fb = q["feedback_juist"] if q["antwoord"] == value else q["feedback_onjuist"]
                    _text(answer, "feedback", texts.html(fb))
            elif kind in ("paren", "volgorde"):
                pairs = ([(p["links"], p["rechts"]) for p in q["paren"]] if kind == "paren" else _positions(q)[0])
                ET.SubElement(node, "shuffleanswers").text = "1"
                for left, right in pairs:
                    sub = _text(node, "subquestion", texts.html(left))
                    ET.SubElement(ET.SubElement(sub, "answer"), "text").text = right
                _text(node, "correctfeedback", texts.html(q["feedback_juist"]))
                _text(node, "incorrectfeedback", texts.html(q["feedback_onjuist"]))
            elif kind == "reflectie":
                ET.SubElement(node, "responseformat").text = "editor"
                ET.SubElement(node, "responserequired").text = "1"
                ET.SubElement(node, "responsefieldlines").text = "10"
                _text(node, "graderinfo", model_answer_html(q, texts, labels["rubric"]))
                _text(node, "generalfeedback", model_answer_html(q, texts, labels["rubric"]))
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8")


# -- all files of one language -------------------------------------------------------------------

def language_exports(sets: list[tuple[dict, str]], labels: dict, site_url: str, prefix: str,
                     site_name: str) -> dict[str, bytes]:
    """{file name: content} of every set and of all sets together; sets: [(exercise, src_uri)].
    Pure, so that a build can compute it in a second process."""
    converter = Converter()
    exercises = [(exercise, Texts(src_uri, site_url, prefix, converter)) for exercise, src_uri in sets]
    out: dict[str, bytes] = {}
    for exercise, texts in exercises:
        out[f"{exercise['id']}.qti.zip"] = qti_package([(exercise, texts)], labels)
        out[f"{exercise['id']}.moodle.xml"] = moodle_xml([(exercise, texts)], labels, site_name)
    out["alle-oefeningen.qti.zip"] = qti_package(exercises, labels)
    out["alle-oefeningen.moodle.xml"] = moodle_xml(exercises, labels, site_name)
    return out
