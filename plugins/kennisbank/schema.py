"""JSON Schema validation (jsonschema) with author-friendly messages and file lines."""
from __future__ import annotations

import datetime as dt
import difflib
from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml

from .errors import ContentError, allowed_hint
from .yamlmarks import Loader, MarkedYaml


def _not_after_this_year(validator, wanted, instance, schema):
    """Our keyword ``x-not-after-this-year: true``: a year that has not yet come is a typo
    (2052 for 2025), and would put a window or case in the wrong place for years."""
    if wanted and validator.is_type(instance, "integer") and instance > dt.date.today().year:
        yield jsonschema.ValidationError(f"{instance} lies in the future")


Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator,
                                         {"x-not-after-this-year": _not_after_this_year})


def _show(value) -> str:
    """A value as the author wrote it, shortened."""
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


@lru_cache(maxsize=None)
def load_schema(path: Path) -> dict:
    schema = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)  # libyaml: about ten times faster
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _field_name(path) -> str:
    parts = [str(p) if not isinstance(p, int) else f"[{p}]" for p in path]
    return ".".join(parts).replace(".[", "[") or "front matter"


def _missing(error: jsonschema.ValidationError) -> str:
    """The field a 'required' error is about (jsonschema gives one error per missing field)."""
    missing = [f for f in error.validator_value if f not in (error.instance or {})]
    return next((f for f in missing if error.message.startswith(repr(f))), missing[0])


def _message(error: jsonschema.ValidationError) -> tuple[tuple, str]:
    """(path, 'field: message') for one validation error."""
    path = tuple(error.absolute_path)
    hint = error.schema.get("x-hint") if isinstance(error.schema, dict) else None
    v = error.validator
    if v == "required":
        name = _missing(error)
        field = ".".join([_field_name(path), name]) if path else name
        text = f"{field}: required field is missing"
        # The hint of the missing field itself says best what to write.
        own = (error.schema.get("properties") or {}).get(name) if isinstance(error.schema, dict) else None
        hint = (own or {}).get("x-hint") if isinstance(own, dict) else None
        return path, text + f" ({hint or 'add it'})"
    if v == "dependentRequired":
        given, name = next((g, n) for g, needs in error.validator_value.items() if g in error.instance
                           for n in needs if n not in error.instance)
        field = ".".join([_field_name(path), name]) if path else name
        return path, f"{field}: required field is missing (it goes with '{given}')"
    if v == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed), key=str)
        name = extra[0]
        close = difflib.get_close_matches(str(name), allowed, n=1)
        fix = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
        return path + (name,), f"{_field_name(path + (name,))}: unknown field ({fix})"
    field = _field_name(path)
    if v == "enum":
        return path, f"{field}: {_show(error.instance)} is not allowed {allowed_hint(error.instance, map(str, error.validator_value))}"
    if v == "type":
        kinds = {"string": "text", "integer": "a whole number", "number": "a number",
                 "array": "a list", "object": "a mapping of fields", "boolean": "true or false"}
        want = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        text = " or ".join(kinds.get(w, w) for w in want)
        return path, f"{field}: {_show(error.instance)} must be {text}" + (f" ({hint})" if hint else "")
    if v in ("minItems", "minLength"):
        return path, f"{field}: is empty or too short (at least {error.validator_value} needed)" + (
            f"; {hint}" if hint else "")
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return path, f"{field}: {_show(error.instance)} is out of range" + (f" ({hint})" if hint else
                                                                     f" ({v} {error.validator_value})")
    if v == "x-not-after-this-year":
        return path, f"{field}: {error.instance} lies in the future ({hint or 'check the year'})"
    if v == "pattern":
        return path, f"{field}: {_show(error.instance)} has the wrong form" + (f" ({hint})" if hint else
                                                                        f" (pattern {error.validator_value})")
    if v == "uniqueItems":
        # The line of the second occurrence: that is the one to remove.
        seen = []
        for index, item in enumerate(error.instance):
            if item in seen:
                return path + (index,), f"{_field_name(path + (index,))}: {_show(item)} is listed twice (remove one)"
            seen.append(item)
        return path, f"{field}: lists the same value twice (remove one)"
    if v in ("oneOf", "anyOf"):
        # Two alternatives given at once: the fix is at the second one.
        given = [name for branch in error.validator_value if isinstance(branch, dict)
                 for name in branch.get("required", []) if isinstance(error.instance, dict) and name in error.instance]
        if len(given) > 1:
            path = path + (given[-1],)
        return path, f"{_field_name(path)}: " + (hint or error.message)
    if v == "not":
        return path, f"{field}: " + (hint or "is not allowed here")
    return path, f"{field}: {hint or error.message}"


def _consequences(found: list) -> set[int]:
    """Errors that only follow from another one: 'needs an option with juist: true' when the
    options themselves are wrong; 'title: required field is missing' when 'titel' is reported
    as an unknown field that means 'title'."""
    meant: set[tuple] = set()  # (path, field) that an unknown field probably means
    for error in found:
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = sorted(error.schema.get("properties", {}))
            for name in error.instance:
                if name not in known:
                    meant.update((tuple(error.absolute_path), close)
                                 for close in difflib.get_close_matches(str(name), known, n=1))
    drop = set()
    for i, error in enumerate(found):
        path = tuple(error.absolute_path)
        if error.validator in ("contains", "maxContains", "minContains") and any(
                tuple(other.absolute_path)[:len(path)] == path and len(other.absolute_path) > len(path)
                for other in found):
            drop.add(i)
        if error.validator == "required" and (path, _missing(error)) in meant:
            drop.add(i)
    return drop


def validate(data, schema: dict, marked: MarkedYaml, file: str) -> list[ContentError]:
    validator = Validator(schema)
    found = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    errors, alike = [], {}
    for index in sorted(set(range(len(found))) - _consequences(found)):
        error = found[index]
        # Entries of one list with the same mistake (options written as plain text): one message.
        if error.validator == "type" and error.absolute_path and isinstance(error.absolute_path[-1], int):
            key = (tuple(error.absolute_path)[:-1], str(error.validator_value))
            if key in alike:
                alike[key][1] += 1
                continue
            alike[key] = [len(errors), 0]
        path, text = _message(error)
        errors.append(ContentError(file, marked.line_of(path), text))
    for position, more in alike.values():
        if more:
            error = errors[position]
            field, _, rest = error.message.partition(" must be ")
            kind, paren, hint = rest.partition(" (")
            errors[position] = ContentError(error.file, error.line, (
                f"{field} must be {kind}, and so must {more} more entr{'y' if more == 1 else 'ies'} of this list"
                + (f" ({hint}" if paren else "")))
    return errors
