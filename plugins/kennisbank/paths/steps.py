"""The steps of a learning path resolved against the content model, and their checks."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import ContentError, allowed_hint


@dataclass(frozen=True)
class Step:
    number: int  # 1-based
    target: str  # entry id
    anchor: str  # section id, or ""
    minutes: int
    why: str | None


def steps_of(meta: dict) -> list[Step]:
    out = []
    for number, step in enumerate(meta.get("stappen") or [], 1):
        target, _, anchor = step["naar"].partition("#")
        out.append(Step(number, target, anchor, step["minuten"], step.get("waarom")))
    return out


def _list(value) -> list:
    """A list field as written, or nothing when it is not a list (the schema reports that)."""
    return value if isinstance(value, list) else []


def check_paths(model) -> list[ContentError]:
    """Unknown targets, targets missing in a language of the path, lesson-plan parts that
    name a step the path does not have."""
    errors = []
    # Not model.of_type(), which sorts by title: this check also runs on models with errors.
    for entry in sorted((e for e in model.entries.values() if e.type == "leerroute"), key=lambda e: e.id):
        version = entry.default
        marks = version.front.meta
        meta = entry.meta[model.default_language]
        steps = meta.get("stappen") or []
        for index, step in enumerate(steps):
            if not isinstance(step, dict) or not isinstance(step.get("naar"), str):
                continue
            target = step["naar"].partition("#")[0]
            line = marks.line_of(["stappen", index, "naar"])
            hit = model.entries.get(target)
            if hit is None:
                errors.append(ContentError(version.file, line, (
                    f"stappen[{index}].naar: {target!r} is not a page id {allowed_hint(target, model.ids())}")))
                continue
            if hit.id == entry.id:
                errors.append(ContentError(version.file, line, f"stappen[{index}].naar: a path cannot be a step of itself"))
                continue
            hit.referrers.add(entry.id)
            for lang in entry.versions:
                if lang not in hit.versions:
                    errors.append(ContentError(version.file, line, (
                        f"stappen[{index}].naar: {target!r} has no {lang} version, but this path has one "
                        f"({version.file.rsplit('.', 1)[0]}.{lang}.md); translate {hit.default.file} first "
                        "or choose another step")))
        for s, session in enumerate(_list(meta.get("sessies"))):
            for p, part in enumerate(_list(session.get("onderdelen")) if isinstance(session, dict) else []):
                for k, number in enumerate(_list(part.get("stappen")) if isinstance(part, dict) else []):
                    if isinstance(number, int) and number > len(steps):
                        errors.append(ContentError(version.file, marks.line_of(["sessies", s, "onderdelen", p, "stappen", k]), (
                            f"sessies[{s}].onderdelen[{p}].stappen: step {number} does not exist "
                            f"(the path has {len(steps)} steps)")))
    return errors
