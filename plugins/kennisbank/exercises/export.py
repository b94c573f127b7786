"""Exports of exercise sets for learning environments: QTI 1.2 (Canvas, Brightspace,
Blackboard), Moodle XML and the QTI 1.2 of the IMS Common Cartridge profile (the assessments
of a learning path's cartridge, see paths/cartridge.py). Built with ElementTree.

Texts are written in Markdown in the content data; they go through the site's safe converter
(kennisbank.snippets: raw HTML shown as text, unsafe link schemes dropped). An LMS shows them
outside the site, so links to site pages become absolute with the published address, or are
left out (their text kept) when the build has no public address.

Scoring, as the formats are read (QTI 1.2 ASI and the Moodle importer, see tests/):
- a QTI item's SCORE maximum is exactly what its conditions can reach: one condition that sets
  the maximum (choice, true/false), or integer points per pair that add up to it (matching);
  every declared itemfeedback is shown by some condition;
- Moodle's grade values are a fixed list; the fractions of the right answers of a question
  with several right answers add up to 100 % as Moodle checks it.

Ordering questions become matching questions (item -> position) in QTI and Moodle XML:
neither QTI 1.2 as Canvas reads it nor every Moodle installation has an ordering type. The
Common Cartridge profile has no matching type at all: there each item of a matching or
ordering question becomes a multiple-choice question of its own.
"""
from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
import xml.etree.ElementTree as ET


from ..snippets import Snippets

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
MAX_SCORE = 100  # SCORE of a fully right answer, as Canvas writes it
# Moodle's grade values (question_bank::fraction_options_full(), positive part) in percent,
# written as its own export writes them; an import checks every fraction against this list.
MOODLE_GRADES = ["100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333", "30",
                 "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5"]
ANCHOR = re.compile(r'<a\b([^>]*?)\shref="([^"]*)"([^>]*)>(.*?)</a>', re.S)
ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


def integer_shares(total: int, count: int) -> list[int]:
    """``total`` in ``count`` integer parts that differ by at most one and add up to it
    exactly (100 over 3: 33, 33, 34)."""
    base, rest = divmod(total, count)
    return [base] * (count - rest) + [base + 1] * rest


def moodle_shares(count: int) -> list[str]:
    """``count`` of Moodle's grade values that add up to 100 % as Moodle's multichoice type
    checks it (the sum of the positive fractions, rounded to two decimals of a fraction, is 1),
    as equal as the list allows (3: 33.33333 three times; 11: 10 nine times and 5 twice)."""
    best = None
    for high in MOODLE_GRADES:
        for low in MOODLE_GRADES:
            if float(low) > float(high):
                continue
            for n_high in range(count + 1):
                total = n_high * float(high) + (count - n_high) * float(low)
                if abs(total - 100) < 1e-3:
                    spread = float(high) - float(low) if 0 < n_high < count else 0.0
                    if best is None or spread < best[0]:
                        best = (spread, [low] * (count - n_high) + [high] * n_high)
    if best is None:
        raise ValueError(f"{count} right answers cannot share 100 % in Moodle's grade values")
    return best[1]


class Texts:
    """Markdown -> safe HTML for the texts of one exercise page (``src_uri``), with links to
    site pages absolute (``site_url``) or left out (``site_url`` None). One Snippets converter
    serves every page of a build: it converts each distinct text once; links are resolved
    afterwards, per page."""

    def __init__(self, src_uri: str, site_url: str | None, lang_prefix: str, snippets: Snippets | None = None):
        self.src_uri, self.prefix = src_uri, lang_prefix
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.snippets = snippets if snippets is not None else Snippets()

    def html(self, text: str | None) -> str:
        """Paragraphs and the like."""
        return self._links(self.snippets.block(text)) if text else ""

    def inline(self, text: str | None) -> str:
        """One line, without the paragraph around it."""
        return self._links(self.snippets.inline(text)) if text else ""

    def plain(self, text: str | None) -> str:
        """Plain text (for fields an LMS shows as text, such as Moodle's matching answers)."""
        return html.unescape(TAG.sub("", self.snippets.inline(text))).strip() if text else ""

    def _url(self, href: str) -> str:
        path, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.src_uri), path or posixpath.basename(self.src_uri)))
        if target.endswith(".md"):
            page = target[:-3]
            target = "" if page == "index" else page.removesuffix("/index") + "/"
        return f"{self.site_url}{self.prefix}{target}" + (f"#{anchor}" if anchor else "")

    def _links(self, fragment: str) -> str:
        def replace(match):
            href = html.unescape(match.group(2))
            if ABSOLUTE.match(href):
                return match.group(0)
            if self.site_url is None:
                return match.group(4)  # no public address: the link's text without a link
            return f'<a{match.group(1)} href="{html.escape(self._url(href), quote=True)}"{match.group(3)}>{match.group(4)}</a>'

        return ANCHOR.sub(replace, fragment) if "<a" in fragment else fragment


def model_answer_html(q, texts: Texts, rubric_label: str) -> str:
    out = texts.html(q.get("modelantwoord"))
    if q.get("rubric"):
        out += f"<p><strong>{html.escape(rubric_label)}</strong></p><ul>" + "".join(
            f"<li>{texts.inline(r)}</li>" for r in q["rubric"]) + "</ul>"
    return out


def _pairs(q) -> tuple[list[tuple[str, str]], list[str]]:
    """(left, right) pairs of a matching or ordering question and the choices on the right."""
    if q["soort"] == "volgorde":
        positions = [str(n) for n in range(1, len(q["items"]) + 1)]
        return list(zip(q["items"], positions)), positions
    pairs = [(p["links"], p["rechts"]) for p in q["paren"]]
    return pairs, sorted({r for _, r in pairs}, key=str.lower)


# -- QTI 1.2 -------------------------------------------------------------------------------------

def _mat(parent, content: str, texttype: str = "text/html"):
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", texttype=texttype).text = content
    return material


def _meta(parent, fields: dict):
    meta = ET.SubElement(ET.SubElement(parent, "itemmetadata"), "qtimetadata")
    for label, entry in fields.items():
        field = ET.SubElement(meta, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = str(entry)


def _feedback(item, ident: str, content: str):
    fb = ET.SubElement(item, "itemfeedback", ident=ident)
    _mat(ET.SubElement(fb, "flow_mat"), content)


def _processing(item, maximum: int = MAX_SCORE):
    processing = ET.SubElement(item, "resprocessing")
    ET.SubElement(ET.SubElement(processing, "outcomes"), "decvar", maxvalue=str(maximum), minvalue="0",
                  varname="SCORE", vartype="Decimal")
    return processing


def _condition(processing, go_on: bool, score: tuple[str, int] | None = None, feedback: str | None = None):
    """A respcondition; ``go_on``: its continue flag (QTI 1.2 defaults to "No": processing stops
    at the first condition that holds). Returns its conditionvar."""
    cond = ET.SubElement(processing, "respcondition", attrib={"continue": "Yes" if go_on else "No"})
    var = ET.SubElement(cond, "conditionvar")
    if score is not None:
        ET.SubElement(cond, "setvar", action=score[0], varname="SCORE").text = str(score[1])
    if feedback is not None:
        ET.SubElement(cond, "displayfeedback", feedbacktype="Response", linkrefid=feedback)
    return var


def _equal(parent, respident: str, value: str):
    ET.SubElement(parent, "varequal", respident=respident).text = value


def _item(section, ident: str, title: str, meta: dict):
    item = ET.SubElement(section, "item", ident=ident, title=title)
    _meta(item, meta)
    return item


def _choice_item(section, q, texts: Texts, labels: dict, cc: bool, ident: str | None = None,
                 stem: str | None = None, options: list[dict] | None = None):
    """Single choice, multiple answers or true/false. Each option's feedback is shown when it is
    chosen (conditions that go on); then one condition gives the full score for the right
    answer: the right option, or (multiple answers) all right options and no other."""
    kind = q["soort"]
    ident = ident or q["id"]
    if kind == "juist-onjuist":
        options = [{"tekst": labels["true"], "juist": q["antwoord"]},
                   {"tekst": labels["false"], "juist": not q["antwoord"]}]
    options = options if options is not None else q["opties"]
    meta = ({"cc_profile": {"enkel": "cc.multiple_choice.v0p1", "meer": "cc.multiple_response.v0p1",
                            "juist-onjuist": "cc.true_false.v0p1"}[kind]} if cc else
            {"question_type": {"enkel": "multiple_choice_question", "meer": "multiple_answers_question",
                               "juist-onjuist": "true_false_question"}[kind], "points_possible": 1})
    item = _item(section, ident, ident, meta)
    presentation = ET.SubElement(item, "presentation")
    _mat(presentation, stem if stem is not None else texts.html(q["vraag"]))
    lid = ET.SubElement(presentation, "response_lid", ident="response1",
                        rcardinality="Multiple" if kind == "meer" else "Single")
    choice = ET.SubElement(lid, "render_choice")
    idents = [f"{ident}-{i}" for i in range(len(options))]
    for option_ident, option in zip(idents, options):
        _mat(ET.SubElement(choice, "response_label", ident=option_ident), texts.html(option["tekst"]))
    processing = _processing(item)
    per_option = kind != "juist-onjuist" and all(o.get("feedback") for o in options)
    if per_option:
        for option_ident in idents:
            _equal(_condition(processing, True, feedback=f"{option_ident}_fb"), "response1", option_ident)
    right = _condition(processing, False, ("Set", MAX_SCORE), None if per_option else "correct_fb")
    if kind == "meer":
        both = ET.SubElement(right, "and")
        for option_ident, option in zip(idents, options):
            _equal(both if option.get("juist") else ET.SubElement(both, "not"), "response1", option_ident)
    else:
        _equal(right, "response1", next(i for i, o in zip(idents, options) if o.get("juist")))
    if per_option:
        for option_ident, option in zip(idents, options):
            _feedback(item, f"{option_ident}_fb", texts.html(option["feedback"]))
    else:
        ET.SubElement(_condition(processing, False, feedback="general_incorrect_fb"), "other")
        _feedback(item, "correct_fb", texts.html(q["feedback_juist"]))
        _feedback(item, "general_incorrect_fb", texts.html(q["feedback_onjuist"]))


def _matching_item(section, q, texts: Texts):
    """One response per left item, each with the choices on the right. Each right pair adds its
    integer share of the score (conditions that go on: every pair counts); all pairs right
    shows the feedback for a right answer, otherwise the feedback for a wrong one."""
    pairs, choices = _pairs(q)
    item = _item(section, q["id"], q["id"], {"question_type": "matching_question", "points_possible": 1})
    presentation = ET.SubElement(item, "presentation")
    _mat(presentation, texts.html(q["vraag"]))
    choice_ids = {c: f"{q['id']}-c{i}" for i, c in enumerate(choices)}
    for n, (left, _) in enumerate(pairs):
        lid = ET.SubElement(presentation, "response_lid", ident=f"response_{n}", rcardinality="Single")
        _mat(lid, texts.html(left))
        render = ET.SubElement(lid, "render_choice")
        for c in choices:
            _mat(ET.SubElement(render, "response_label", ident=choice_ids[c]), texts.plain(c), "text/plain")
    processing = _processing(item)
    for n, ((_, right), points) in enumerate(zip(pairs, integer_shares(MAX_SCORE, len(pairs)))):
        _equal(_condition(processing, True, ("Add", points)), f"response_{n}", choice_ids[right])
    every = ET.SubElement(_condition(processing, False, feedback="correct_fb"), "and")
    for n, (_, right) in enumerate(pairs):
        _equal(every, f"response_{n}", choice_ids[right])
    ET.SubElement(_condition(processing, False, feedback="general_incorrect_fb"), "other")
    _feedback(item, "correct_fb", texts.html(q["feedback_juist"]))
    _feedback(item, "general_incorrect_fb", texts.html(q["feedback_onjuist"]))


def _split_matching(section, q, texts: Texts, labels: dict):
    """A matching or ordering question as one multiple-choice question per left item (the
    Common Cartridge profile has no matching type), with the question's feedback."""
    pairs, choices = _pairs(q)
    for n, (left, right) in enumerate(pairs, 1):
        options = [{"tekst": c, "juist": c == right} for c in choices]
        _choice_item(section, {**q, "soort": "enkel"}, texts, labels, cc=True, ident=f"{q['id']}-{n}",
                     stem=texts.html(q["vraag"]) + texts.html(left), options=options)


def _essay_item(section, q, texts: Texts, model_html: str, cc: bool):
    """Not scored (like on the site): the maximum is 0; the model answer is shown as feedback."""
    meta = {"cc_profile": "cc.essay.v0p1"} if cc else {"question_type": "essay_question", "points_possible": 0}
    item = _item(section, q["id"], q["id"], meta)
    presentation = ET.SubElement(item, "presentation")
    _mat(presentation, texts.html(q["vraag"]))
    response = ET.SubElement(presentation, "response_str", ident="response1", rcardinality="Single")
    ET.SubElement(response, "render_fib", fibtype="String", prompt="Box")
    processing = _processing(item, maximum=0)
    ET.SubElement(_condition(processing, False, feedback="general_fb"), "other")
    _feedback(item, "general_fb", model_html)


def qti_assessment(exercise: dict, texts: Texts, labels: dict, cc: bool = False) -> bytes:
    """One exercise set as a QTI 1.2 assessment; ``cc``: in the Common Cartridge profile."""
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    assessment = ET.SubElement(root, "assessment", ident=exercise["id"], title=exercise["title"])
    meta = ET.SubElement(assessment, "qtimetadata")
    fields = {"cc_profile": "cc.exam.v0p1", "qmd_assessmenttype": "Examination"} if cc else {}
    for label, entry in {**fields, "cc_maxattempts": "unlimited"}.items():
        field = ET.SubElement(meta, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry
    section = ET.SubElement(assessment, "section", ident="root_section")
    for q in exercise["vragen"]:
        kind = q["soort"]
        if kind in ("enkel", "meer", "juist-onjuist"):
            _choice_item(section, q, texts, labels, cc)
        elif kind in ("paren", "volgorde"):
            (_split_matching(section, q, texts, labels) if cc else _matching_item(section, q, texts))
        elif kind == "reflectie":
            _essay_item(section, q, texts, model_answer_html(q, texts, labels["rubric"]), cc)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")


def write_entry(archive: zipfile.ZipFile, path: str, data: bytes) -> None:
    """A zip entry with a fixed date, so that the same content gives the same file."""
    info = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
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

def _text(parent, tag: str, content: str, fmt: str = "html"):
    node = ET.SubElement(parent, tag, format=fmt) if fmt else ET.SubElement(parent, tag)
    ET.SubElement(node, "text").text = content
    return node


def _category_name(name: str) -> str:
    """A category name in a Moodle category path, where "/" separates names and "//" is a slash."""
    return name.replace("/", "//")


def _choice_answers(node, q, texts: Texts):
    right = [o for o in q["opties"] if o.get("juist")]
    wrong = [o for o in q["opties"] if not o.get("juist")]
    if q["soort"] == "enkel":
        fractions = {id(o): "100" if o.get("juist") else "0" for o in q["opties"]}
    else:  # right answers share 100 %, wrong ones take it away again
        fractions = dict(zip(map(id, right), moodle_shares(len(right))))
        fractions |= dict(zip(map(id, wrong), ("-" + f for f in moodle_shares(len(wrong))))) if wrong else {}
    for option in q["opties"]:
        answer = _text(node, "answer", texts.html(option["tekst"]))
        answer.set("fraction", fractions[id(option)])
        _text(answer, "feedback", texts.html(option["feedback"]))


def moodle_xml(exercises: list[tuple[dict, Texts]], labels: dict, category_root: str) -> bytes:
    quiz = ET.Element("quiz")
    for exercise, texts in exercises:
        category = ET.SubElement(quiz, "question", type="category")
        ET.SubElement(ET.SubElement(category, "category"), "text").text = (
            f"$course$/{_category_name(category_root)}/{_category_name(exercise['title'])}")
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
                _choice_answers(node, q, texts)
            elif kind == "juist-onjuist":
                for value in (True, False):
                    answer = ET.SubElement(node, "answer", fraction="100" if q["antwoord"] == value else "0",
                                           format="moodle_auto_format")
                    ET.SubElement(answer, "text").text = "true" if value else "false"
                    fb = q["feedback_juist"] if q["antwoord"] == value else q["feedback_onjuist"]
                    _text(answer, "feedback", texts.html(fb))
            elif kind in ("paren", "volgorde"):
                ET.SubElement(node, "shuffleanswers").text = "1"
                for left, right in _pairs(q)[0]:
                    sub = _text(node, "subquestion", texts.html(left))
                    ET.SubElement(ET.SubElement(sub, "answer"), "text").text = texts.plain(right)
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

def shown_order(exercise: dict) -> dict:
    """The set with its options in the order the site shows them (questions.prepare_set):
    an LMS that does not shuffle must not show the author's order, right answer first."""
    from .questions import prepare_set

    questions = []
    for q in prepare_set(exercise["vragen"]):
        q = {k: v for k, v in q.items() if k not in ("scored", "answer", "shown", "choices")} | (
            {"opties": [{k: v for k, v in o.items() if k != "value"} for o in q["shown"]]}
            if q["soort"] in ("enkel", "meer") else {})
        questions.append(q)
    return {**exercise, "vragen": questions}


def language_exports(sets: list[tuple[dict, str]], labels: dict, site_url: str | None, prefix: str,
                     site_name: str) -> dict[str, bytes]:
    """{file name: content} of every set and of all sets together; sets: [(exercise, src_uri)].
    ``site_url``: the published address (None: links to site pages are left out). Pure, so
    that a build can compute it in a second process."""
    snippets = Snippets()
    exercises = [(shown_order(exercise), Texts(src_uri, site_url, prefix, snippets)) for exercise, src_uri in sets]
    out: dict[str, bytes] = {}
    for exercise, texts in exercises:
        out[f"{exercise['id']}.qti.zip"] = qti_package([(exercise, texts)], labels)
        out[f"{exercise['id']}.moodle.xml"] = moodle_xml([(exercise, texts)], labels, site_name)
    out["alle-oefeningen.qti.zip"] = qti_package(exercises, labels)
    out["alle-oefeningen.moodle.xml"] = moodle_xml(exercises, labels, site_name)
    return out
