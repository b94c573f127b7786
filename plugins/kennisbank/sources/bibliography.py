"""Loading and checking the bibliography files."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import ContentError
from ..schema import load_schema, validate
from ..yamlmarks import YamlSyntaxError, load_marked_file

SCHEMA = Path(__file__).parent / "schema.yml"
DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?$")


def _plain(value):
    """YAML turns 2021-04-07 into a date; the schema and APA code want text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _check_date(value: str, file: str, line: int) -> list[ContentError]:
    """A date the schema lets through (quoted, or year and month) must exist in the calendar."""
    match = DATE.match(value)
    try:
        if match is None:
            raise ValueError("the form is not YYYY-MM-DD")
        dt.date(int(match[1]), int(match[2]), int(match[3] or 1))
    except ValueError as exc:
        return [ContentError(file, line, (
            f"datum: {value!r} is not a real date: {exc} (write a date that exists, as YYYY-MM-DD or YYYY-MM)"))]
    return []


def load_bibliography(path: Path, label: str) -> tuple[dict[str, dict], list[ContentError]]:
    """All entries by id, from one YAML file or every *.yml file in a folder."""
    files = sorted(path.glob("*.yml")) if path.is_dir() else [path]
    if not path.exists():
        return {}, [ContentError(label, 1, "bibliography not found (set 'bibliography' of kb-sources)")]
    schema = load_schema(SCHEMA)
    entries: dict[str, dict] = {}
    where: dict[str, str] = {}
    by_url: dict[str, str] = {}
    errors: list[ContentError] = []
    for file in files:
        name = f"{label}/{file.name}" if path.is_dir() else label
        try:
            marked = load_marked_file(file)
        except YamlSyntaxError as exc:
            errors.append(ContentError(name, exc.line, exc.message("not valid YAML")))
            continue
        data = _plain(marked.data) or []
        if not isinstance(data, list):
            errors.append(ContentError(name, 1, (
                "a bibliography file must be a list of entries (start each entry with '- id: ...')")))
            continue
        for index, entry in enumerate(data):
            entry_errors = validate(entry, schema, marked.item(index), name)
            if not entry_errors and entry.get("datum"):
                entry_errors = _check_date(entry["datum"], name, marked.line_of([index, "datum"]))
            errors += entry_errors
            if entry_errors:
                continue
            line = marked.line_of([index, "id"])
            if entry["id"] in entries:
                errors.append(ContentError(name, line, (
                    f"id: {entry['id']!r} is already used by {where[entry['id']]} "
                    "(ids must be unique: cite that entry, or give this one another id)")))
                continue
            url = (entry.get("url") or "").rstrip("/")
            if url and url in by_url:
                errors.append(ContentError(name, marked.line_of([index, "url"]), (
                    f"url: the same source is already in the bibliography as {by_url[url]!r}; "
                    "cite that id instead of adding it twice")))
                continue
            entries[entry["id"]] = entry
            where[entry["id"]] = f"{name}:{line}"
            if url:
                by_url[url] = entry["id"]
    return entries, errors



def disambiguate(entries: dict[str, dict]) -> None:
    """APA 7: the same author(s) and year get a, b, c ... after the year, ordered by title
    ("Canon Sociaal Werk, z.d.-a"), in citations and in the reference list alike."""
    groups: dict[tuple, list[dict]] = {}
    for entry in entries.values():
        key = (tuple(a.split(",")[0].strip().lower() for a in entry["auteurs"]), str(entry["jaar"]))
        groups.setdefault(key, []).append(entry)
    for group in groups.values():
        if len(group) > 1:
            for letter, entry in zip("abcdefghijklmnopqrstuvwxyz", sorted(group, key=lambda e: e["titel"].lower())):
                entry["_suffix"] = letter
