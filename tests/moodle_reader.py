"""A reader of Moodle XML that follows Moodle's own importer, written for the tests.

It mirrors what Moodle 4.x does with a file (question/format/xml/format.php, class
qformat_xml, and the checks of question/format.php importprocess() and of the question types'
save_question_options()): the file is turned into Moodle's xmlize structure (an element is
{'@': attributes, '#': text or {tag: [elements]}}), and every field is read with the same
getpath() paths, defaults and text handling. What Moodle reports while importing (an error,
a notification that stops the import, a debugging message) is collected in `problems`.

Only the question types the site exports are read: category, multichoice, truefalse,
matching, essay. Any other type is a problem ("xmltypeunsupported").
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

FORMATS = {"moodle_auto_format": 0, "html": 1, "plain_text": 2, "wiki_like": 3, "markdown": 4}
FORMAT_NAMES = {v: k for k, v in FORMATS.items()}
FORMAT_MOODLE, FORMAT_HTML, FORMAT_PLAIN = 0, 1, 2
# question_bank::fraction_options_full(): the grades Moodle accepts for an answer.
RAW_FRACTIONS = [0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05]
FRACTION_OPTIONS_FULL = [0.0, 1.0] + RAW_FRACTIONS + [-f for f in reversed(RAW_FRACTIONS)] + [-1.0]


def xmlize(data: bytes) -> dict:
    """lib/xmlize.php: {root tag: element}."""
    root = ET.fromstring(data)

    def node(element) -> dict:
        out: dict = {"@": dict(element.attrib)} if element.attrib else {}
        children = list(element)
        if children:
            grouped: dict = {}
            for child in children:
                grouped.setdefault(child.tag, []).append(node(child))
            out["#"] = grouped
        else:
            out["#"] = element.text or ""
        return out

    return {root.tag: node(root)}


class MoodleXmlImport:
    def __init__(self):
        self.problems: list[str] = []

    # -- qformat_xml helpers -----------------------------------------------------------------

    def error(self, message: str):
        self.problems.append(f"error: {message}")

    def trans_format(self, name: str) -> int:
        name = name.strip()
        if name not in FORMATS:
            self.problems.append(f"debugging: Unrecognised text format '{name}' in the import file. Assuming 'html'.")
            return FORMAT_HTML
        return FORMATS[name]

    @staticmethod
    def trans_single(name) -> int:
        name = str(name).strip()
        return 0 if name == "false" or not name or name == "0" else 1

    @staticmethod
    def get_format(fmt: int) -> str:
        return FORMAT_NAMES.get(fmt, "unknown")

    def getpath(self, xml, path: list, default, istext: bool = False, error: str = ""):
        for index in path:
            if isinstance(xml, dict) and index in xml:
                xml = xml[index]
            elif isinstance(xml, list) and isinstance(index, int) and 0 <= index < len(xml):
                xml = xml[index]
            else:
                if error:
                    self.error(error)
                    return False
                return default
        if istext:
            if not isinstance(xml, str):
                self.error("invalidxml")
                return ""
            xml = xml.strip()
        return xml

    def import_text_with_files(self, data, path: list, defaultvalue: str = "", defaultformat: str = "html") -> dict:
        return {"text": self.getpath(data, path + ["#", "text", 0, "#"], defaultvalue, True),
                "format": self.trans_format(self.getpath(data, path + ["@", "format"], defaultformat))}

    def import_headers(self, question) -> dict:
        qo = {"name": self.getpath(question, ["#", "name", 0, "#", "text", 0, "#"], "", True, "xmlimportnoname")}
        questiontext = self.import_text_with_files(question, ["#", "questiontext", 0])
        qo["questiontext"], qo["questiontextformat"] = questiontext["text"], questiontext["format"]
        qo["idnumber"] = self.getpath(question, ["#", "idnumber", 0, "#"], None)
        generalfeedback = self.import_text_with_files(question, ["#", "generalfeedback", 0], "",
                                                      self.get_format(qo["questiontextformat"]))
        qo["generalfeedback"] = generalfeedback["text"]
        qo["defaultmark"] = float(self.getpath(question, ["#", "defaultgrade", 0, "#"], 1))
        qo["penalty"] = float(self.getpath(question, ["#", "penalty", 0, "#"], 0.3333333))
        return qo

    def import_answer(self, answer, withanswerfiles: bool = False, defaultformat: str = "html") -> dict:
        if withanswerfiles:
            text = self.import_text_with_files(answer, [], "", defaultformat)
        else:
            text = {"text": self.getpath(answer, ["#", "text", 0, "#"], "", True), "format": FORMAT_PLAIN}
        return {"answer": text,
                "feedback": self.import_text_with_files(answer, ["#", "feedback", 0], "", defaultformat),
                "fraction": float(self.getpath(answer, ["@", "fraction"], 0)) / 100}

    def import_combined_feedback(self, qo: dict, question):
        for field in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            qo[field] = self.import_text_with_files(question, ["#", field, 0], "",
                                                    self.get_format(qo["questiontextformat"]))

    # -- question types ----------------------------------------------------------------------

    def import_multichoice(self, question) -> dict:
        qo = self.import_headers(question)
        qo["qtype"] = "multichoice"
        qo["single"] = self.trans_single(self.getpath(question, ["#", "single", 0, "#"], "true"))
        qo["shuffleanswers"] = self.trans_single(self.getpath(question, ["#", "shuffleanswers", 0, "#"], "false"))
        qo["answernumbering"] = self.getpath(question, ["#", "answernumbering", 0, "#"], "abc") or "abc"
        qo["answer"], qo["fraction"], qo["feedback"] = [], [], []
        for answer in question["#"].get("answer", []):
            ans = self.import_answer(answer, True, self.get_format(qo["questiontextformat"]))
            qo["answer"].append(ans["answer"])
            qo["fraction"].append(ans["fraction"])
            qo["feedback"].append(ans["feedback"])
        self.import_combined_feedback(qo, question)
        return qo

    def import_truefalse(self, question) -> dict:
        qo = self.import_headers(question)
        qo["qtype"] = "truefalse"
        first, warning = True, False
        for answer in question["#"].get("answer", []):
            answertext = self.getpath(answer, ["#", "text", 0, "#"], "", True)
            feedback = self.import_text_with_files(answer, ["#", "feedback", 0], "",
                                                   self.get_format(qo["questiontextformat"]))
            if answertext not in ("true", "false"):
                warning = True
                answertext = "true" if first else "false"
            fraction = float(answer.get("@", {}).get("fraction", 0))
            if answertext == "true":
                qo["answer"] = qo["correctanswer"] = fraction == 100
                qo["feedbacktrue"] = feedback
            else:
                qo["answer"] = qo["correctanswer"] = fraction != 100
                qo["feedbackfalse"] = feedback
            first = False
        if warning:
            self.problems.append("notification: truefalseimporterror")
        return qo

    def import_match(self, question) -> dict:
        qo = self.import_headers(question)
        qo["qtype"] = "match"
        qo["shuffleanswers"] = self.trans_single(self.getpath(question, ["#", "shuffleanswers", 0, "#"], 1))
        qo["subquestions"], qo["subanswers"] = [], []
        for subqxml in question["#"].get("subquestion", []):
            qo["subquestions"].append(self.import_text_with_files(subqxml, [], "",
                                                                  self.get_format(qo["questiontextformat"])))
            qo["subanswers"].append(self.getpath(subqxml, ["#", "answer", 0, "#", "text", 0, "#"], "", True))
        self.import_combined_feedback(qo, question)
        return qo

    def import_essay(self, question) -> dict:
        qo = self.import_headers(question)
        qo["qtype"] = "essay"
        qo["responseformat"] = self.getpath(question, ["#", "responseformat", 0, "#"], "editor")
        qo["responsefieldlines"] = self.getpath(question, ["#", "responsefieldlines", 0, "#"], 15)
        qo["responserequired"] = self.getpath(question, ["#", "responserequired", 0, "#"], 1)
        qo["attachments"] = self.getpath(question, ["#", "attachments", 0, "#"], 0)
        qo["graderinfo"] = self.import_text_with_files(question, ["#", "graderinfo", 0], "",
                                                       self.get_format(qo["questiontextformat"]))
        return qo

    def import_category(self, question) -> dict:
        return {"qtype": "category", "category": question["#"]["category"][0]["#"]["text"][0]["#"].strip()}

    def import_question(self, questionxml) -> dict | None:
        qtype = questionxml["@"]["type"]
        reader = {"multichoice": self.import_multichoice, "truefalse": self.import_truefalse,
                  "matching": self.import_match, "match": self.import_match, "essay": self.import_essay,
                  "category": self.import_category}.get(qtype)
        if reader is None:
            self.error(f"xmltypeunsupported: {qtype}")
            return None
        return reader(questionxml)

    # -- question/format.php importprocess() and save_question_options() --------------------

    @staticmethod
    def match_grade_options(grade: float):
        """The 'error' mode: an (almost) exact grade from the list, else False."""
        for value in FRACTION_OPTIONS_FULL:
            if abs(grade - value) < 0.00001:
                return value
        return False

    def save_question_options(self, qo: dict):
        """The checks of the question types' save_question_options() that turn into a notice
        (which stops the import) or an error."""
        if qo["qtype"] == "multichoice":
            answers = [a for a in qo["answer"] if a["text"] != ""]
            if len(answers) < 2:
                self.problems.append(f"notice: {qo['name']}: notenoughanswers")
            positive = sum(f for a, f in zip(qo["answer"], qo["fraction"]) if a["text"] != "" and f > 0)
            highest = max(f for a, f in zip(qo["answer"], qo["fraction"]) if a["text"] != "")
            if qo["single"] and highest != 1:
                self.problems.append(f"notice: {qo['name']}: fractionsnomax {highest * 100}")
            if not qo["single"] and round(positive, 2) != 1:
                self.problems.append(f"notice: {qo['name']}: fractionsaddwrong {round(positive, 2) * 100}")
        if qo["qtype"] == "match":
            for text, answer in zip(qo["subquestions"], qo["subanswers"]):
                if text["text"] != "" and answer.strip() == "":
                    self.problems.append(f"notice: {qo['name']}: nomatchinganswer")

    def readquestions(self, data: bytes) -> list[dict]:
        try:
            xml = xmlize(data)
        except ET.ParseError as exc:
            self.error(str(exc))
            return []
        questions = []
        for questionxml in xml["quiz"]["#"]["question"]:
            qo = self.import_question(questionxml)
            if qo is None:
                continue
            if isinstance(qo.get("fraction"), list):
                matched = [self.match_grade_options(f) for f in qo["fraction"]]
                if any(m is False for m in matched):
                    self.problems.append(f"notification: {qo['name']}: invalidgrade "
                                         f"{[f for f, m in zip(qo['fraction'], matched) if m is False]}")
                    continue
                qo["fraction"] = matched
            questions.append(qo)
        for qo in questions:
            if qo["qtype"] != "category":
                self.save_question_options(qo)
        return questions


def split_category_path(path: str) -> list[str]:
    """qformat_default::split_category_path(): "/" separates names, "//" is a slash."""
    import re
    return [name.replace("//", "/").strip() for name in re.split(r"(?<!/)/(?!/)", path)]
