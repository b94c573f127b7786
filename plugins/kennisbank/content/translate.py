"""Merging a translation's front matter into the structure of its Dutch page.

Most fields are replaced whole. Exercise questions are merged by question id, and their
options, items and pairs by position, so that correct answers are written only once."""
from __future__ import annotations

import difflib

from ..errors import ContentError

LISTS_BY_POSITION = ("opties", "paren")
INHERITED = {"naar", "minuten"}  # structure of a learning-path step, written once in Dutch


def merge_meta(base: dict, translation: dict, file: str, marks) -> tuple[dict, list[ContentError]]:
    merged = {**base, **translation}
    errors: list[ContentError] = []
    if isinstance(base.get("vragen"), list) and isinstance(translation.get("vragen"), list):
        merged["vragen"], errors = _merge_questions(base["vragen"], translation["vragen"], file, marks)
    if isinstance(base.get("stappen"), list) and isinstance(translation.get("stappen"), list):
        merged["stappen"], more = _merge_by_position("stappen", base["stappen"], translation["stappen"], file, marks)
        errors += more
    return merged, errors


def _merge_by_position(key, base, translated, file, marks):
    """A list whose items the translation gives in the same order (learning-path steps)."""
    if not all(isinstance(item, dict) for item in [*base, *translated]):
        return base, []  # the schema reports the entry that is not a mapping
    if len(translated) != len(base):
        return base, [ContentError(file, marks.line_of([key]), (
            f"{key}: has {len(translated)} entries, the Dutch page has {len(base)} "
            "(translate each one, in the same order)"))]
    errors = [ContentError(file, marks.line_of([key, index]), (
        f"{key}[{index}]: the Dutch page gives {', '.join(sorted(map(str, set(a) - set(b) - INHERITED)))}; "
        "translate it here too"))
        for index, (a, b) in enumerate(zip(base, translated)) if set(a) - set(b) - INHERITED]
    return [{**a, **b} for a, b in zip(base, translated)], errors


def _key(value):
    """A question id as a dict key, whatever the author wrote (the schema checks its form)."""
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def _merge_questions(base, translated, file, marks):
    errors, untranslated = [], []
    by_id = {_key(q.get("id")): (i, q) for i, q in enumerate(translated) if isinstance(q, dict)}
    merged = []
    for question in base:
        if not isinstance(question, dict):
            continue
        hit = by_id.pop(_key(question.get("id")), None)
        if hit is None:
            untranslated.append(question.get("id"))
            merged.append(question)
            continue
        index, own = hit
        result = {**question, **{k: v for k, v in own.items() if k not in LISTS_BY_POSITION}}
        for key in LISTS_BY_POSITION:
            if key not in own:
                continue
            if not isinstance(own[key], list) or not isinstance(question.get(key) or [], list) or not all(
                    isinstance(item, dict) for item in [*own[key], *(question.get(key) or [])]):
                continue  # the schema reports the option or pair that is not a mapping
            if len(own[key]) != len(question.get(key) or []):
                errors.append(ContentError(file, marks.line_of(["vragen", index, key]), (
                    f"vragen[{index}].{key}: has {len(own[key])} entries, the Dutch question has "
                    f"{len(question.get(key) or [])} (translate each one, in the same order)")))
                continue
            result[key] = [{**a, **b} for a, b in zip(question.get(key) or [], own[key])]
        for key in ("items",):
            if key in own and isinstance(own[key], list) and isinstance(question.get(key) or [], list) \
                    and len(own[key]) != len(question.get(key) or []):
                errors.append(ContentError(file, marks.line_of(["vragen", index, key]), (
                    f"vragen[{index}].{key}: has {len(own[key])} items, the Dutch question has "
                    f"{len(question.get(key) or [])} (translate each one, in the same order)")))
        merged.append(result)
    for question_id, (index, _) in by_id.items():
        # A misspelt id: one message, at the id to correct.
        close = difflib.get_close_matches(str(question_id), [str(q) for q in untranslated], n=1)
        if close:
            untranslated = [q for q in untranslated if str(q) != close[0]]
        errors.append(ContentError(file, marks.line_of(["vragen", index, "id"]), (
            f"vragen[{index}].id: {question_id!r} is not a question of the Dutch page "
            + (f"(did you mean {close[0]!r}?)" if close else "(use the id of the Dutch question it translates)"))))
    errors += [ContentError(file, marks.line_of(["vragen"]), (
        f"vragen: question {question_id!r} is not translated (add it with the same id)")) for question_id in untranslated]
    return merged, errors
