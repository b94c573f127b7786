"""QTI 1.2 as an independent reader sees it: pyslet's qtiv1 object model (PyPI `pyslet`, with
the fixes of pyslet_compat), and pyslet's own migration of each item to QTI 2.1 (the way Canvas'
importer reads QTI 1.2) run through pyslet's QTI 2 response processing to score responses."""
from __future__ import annotations

import pyslet_compat  # noqa: F401  (the fixes must come before any parsing)
import pyslet.qtiv1.xml as qtixml
from pyslet.qtiv1 import common, core
from pyslet.qtiv1 import item as qitem
from pyslet.qtiv2 import variables as v2


def parse(data: bytes):
    doc = qtixml.QTIDocument()
    doc.read(src=data)
    return doc


def assessment(doc):
    return doc.root.Assessment


def items(doc) -> list:
    out = []

    def walk(section):
        for child in section.SectionItemMixin:
            if isinstance(child, qitem.Item):
                out.append(child)
            else:
                walk(child)

    for section in assessment(doc).SectionMixin:
        walk(section)
    return out


def metadata(item) -> dict[str, str]:
    if item.ItemMetadata is None:
        return {}
    return {label: values[0][0] for label, values in item.ItemMetadata.metadata.items()}


def texts(element) -> list[str]:
    return [m.get_value() for m in element.find_children_depth_first(common.MatText, False)]


def declared_feedback(item) -> list[str]:
    return [f.ident for f in item.ItemFeedback]


def feedback_html(item) -> dict[str, str]:
    return {f.ident: "".join(texts(f)) for f in item.ItemFeedback}


def conditions(item) -> list:
    return [c for rp in item.ResProcessing for c in rp.ConditionMixin if isinstance(c, qitem.RespCondition)]


def displayed_feedback(item) -> list[str]:
    return [d.linkRefID for c in conditions(item) for d in c.DisplayFeedback]


def score_range(item) -> tuple[str, str]:
    """(minvalue, maxvalue) of the SCORE variable, as written."""
    (decvar,) = [d for rp in item.ResProcessing for d in rp.Outcomes.DecVar if d.varName == "SCORE"]
    return decvar.minValue, decvar.maxValue


def score_changes(item) -> list[tuple[str, str, bool]]:
    """(action, value as written, continue flag) of every setvar of SCORE."""
    out = []
    for c in conditions(item):
        for s in c.SetVar:
            if s.varName == "SCORE":
                out.append((core.Action.to_str(s.action or core.Action.Set), s.get_value().strip(), c.continueFlag))
    return out


def responses(item) -> dict[str, dict[str, str]]:
    """{response ident: {label ident: label text}} of the item's choice responses."""
    return {lid.ident: {label.ident: "".join(texts(label)) for label in
                        lid.find_children_depth_first(qitem.ResponseLabel, False)}
            for lid in item.find_children_depth_first(qitem.ResponseLId, False)}


def cardinality(item, response: str) -> str:
    for lid in item.find_children_depth_first(qitem.ResponseLId, False):
        if lid.ident == response:
            return core.RCardinality.to_str(lid.rCardinality)
    raise KeyError(response)


def scorer(item):
    """The item migrated to QTI 2 once: (score(answers) -> (SCORE, idents of the feedback
    shown), migration log). ``answers``: {response ident: label ident, or a list of them}."""
    output: list = []
    item.migrate_to_v2(output)
    (doc, _, log), = output
    v2item = doc.root

    def score(answers: dict) -> tuple[float, set[str]]:
        state = v2.ItemSessionState(v2item)
        state.begin_session()
        state.begin_attempt()
        for declaration in v2item.ResponseDeclaration:
            if declaration.identifier in answers:
                state[declaration.identifier].set_value(answers[declaration.identifier])
        v2item.ResponseProcessing.run(state)
        feedback = state.map.get("FEEDBACK")
        shown = set(feedback.value) if feedback is not None and feedback.value else set()
        value = state["SCORE"].value
        return (float(value) if value is not None else 0.0), shown

    return score, log
