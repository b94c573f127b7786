"""JSON Schema validation (jsonschema) with author-friendly messages and file lines."""
from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml

from .errors import ContentError, allowed_hint
from .yamlmarks import MarkedYaml


@lru_cache(maxsize=None)
def load_schema(path: Path) -> dict:
    schema = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _field_name(path) -> str:
    parts = [str(p) if not isinstance(p, int) else f"[{p}]" for p in path]
    return ".".join(parts).replace(".[", "[") or "front matter"


def _message(error: jsonschema.ValidationError) -> tuple[tuple, str]:
    """(path, 'field: message') for one validation error."""
    path = tuple(error.absolute_path)
    hint = error.schema.get("x-hint") if isinstance(error.schema, dict) else None
    v = error.validator
    if v == "required":
        missing = [f for f in error.validator_value if f not in (error.instance or {})]
        field = ".".join([_field_name(path), missing[0]]) if path else missing[0]
        text = f"{field}: required field is missing"
        # The hint of the missing field itself says best what to write.
        own = (error.schema.get("properties") or {}).get(missing[0]) if isinstance(error.schema, dict) else None
        hint = (own or {}).get("x-hint") if isinstance(own, dict) else None
        return path, text + (f" ({hint})" if hint else "")
    if v == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        name = extra[0]
        close = difflib.get_close_matches(name, allowed, n=1)
        fix = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
        return path + (name,), f"{_field_name(path + (name,))}: unknown field ({fix})"
    field = _field_name(path)
    if v == "enum":
        return path, f"{field}: {error.instance!r} is not allowed {allowed_hint(error.instance, error.validator_value)}"
    if v == "type":
        kinds = {"string": "text", "integer": "a whole number", "number": "a number",
                 "array": "a list", "object": "a mapping of fields", "boolean": "true or false"}
        want = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        text = " or ".join(kinds.get(w, w) for w in want)
        return path, f"{field}: {error.instance!r} must be {text}" + (f" ({hint})" if hint else "")
    if v in ("minItems", "minLength"):
        return path, f"{field}: is empty or too short (at least {error.validator_value} needed)" + (
            f"; {hint}" if hint else "")
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return path, f"{field}: {error.instance!r} is out of range" + (f" ({hint})" if hint else
                                                                     f" ({v} {error.validator_value})")
    if v == "pattern":
        return path, f"{field}: {error.instance!r} has the wrong form" + (f" ({hint})" if hint else
                                                                        f" (pattern {error.validator_value})")
    if v == "uniqueItems":
        return path, f"{field}: lists the same value twice"
    if v in ("oneOf", "anyOf"):
        return path, f"{field}: " + (hint or error.message)
    if v == "not":
        return path, f"{field}: " + (hint or "is not allowed here")
    return path, f"{field}: {hint or error.message}"


def validate(data, schema: dict, marked: MarkedYaml, file: str) -> list[ContentError]:
    validator = jsonschema.Draft202012Validator(schema)
    errors = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path, text = _message(error)
        errors.append(ContentError(file, marked.line_of(path), text))
    return errors
