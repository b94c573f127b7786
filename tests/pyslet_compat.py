"""pyslet 0.7.20170805 (PyPI `pyslet`, 2017) on current Python: the few fixes it needs, applied
when the tests import this module (site-packages stays as installed).

1. ``Element.get_or_add_child`` calls ``generator.next()`` (Python 2): use ``next()``.
2. ``Assessment.get_children`` names ``self.QTIAssessProcExtension``, an attribute that does
   not exist (the element is kept as ``AssessProcExtension``): walking or writing an
   assessment fails.
3. The enumerations of the QTI 1.2 DTD have defaults (rcardinality 'Single', setvar action
   'Set', decvar vartype 'Integer', feedbacktype 'Response', feedbackstyle 'Complete') that
   pyslet sets through a Python 2 metaclass only; on Python 3 they are None, and migrating a
   response_lid without rcardinality to QTI 2 fails.
"""
from __future__ import annotations

from pyslet.qtiv1 import assessment, core
from pyslet.xml import structures


def _get_or_add_child(self, child_class):
    for child in self.find_children_depth_first(child_class, max_depth=1):
        return child
    return self.add_child(child_class)


_assessment_children = assessment.Assessment.get_children


def _assessment_get_children(self):
    self.QTIAssessProcExtension = self.AssessProcExtension
    return _assessment_children(self)


structures.Element.get_or_add_child = _get_or_add_child
assessment.Assessment.get_children = _assessment_get_children
for _enum, _default in ((core.RCardinality, "Single"), (core.Action, "Set"), (core.VarType, "Integer"),
                        (core.FeedbackType, "Response"), (core.FeedbackStyle, "Complete")):
    if _enum.DEFAULT is None:
        _enum.DEFAULT = _enum.decode[_default]
