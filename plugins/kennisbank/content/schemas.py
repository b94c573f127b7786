"""Per-type JSON Schemas built from schemas/pages.yml."""
from __future__ import annotations

import copy
from functools import cached_property
from pathlib import Path

from ..schema import load_schema

SCHEMA_FILE = Path(__file__).parent / "schemas" / "pages.yml"


class PageSchemas:
    """Each type's schemas are built once and shared: treat them as read-only."""

    def __init__(self, path: Path = SCHEMA_FILE):
        self.source = load_schema(path)
        self._built: dict[tuple[str, str], dict] = {}

    def _once(self, kind: str, page_type: str, make) -> dict:
        # Built for every page of a build before (a deep copy each: a tenth of the model's time).
        key = (kind, page_type)
        if key not in self._built:
            self._built[key] = make(page_type)
        return self._built[key]

    @cached_property
    def types(self) -> list[str]:
        return sorted(self.source["types"])

    def translatable(self, page_type: str) -> set[str]:
        common = self.source["common"].get("translate", [])
        own = self.source["types"][page_type].get("translate", [])
        return set(common) | set(own)

    def fields(self, page_type: str) -> set[str]:
        return set(self.source["common"]["properties"]) | set(
            self.source["types"][page_type]["properties"])

    def for_type(self, page_type: str) -> dict:
        """The flat schema of a Dutch (default-language) page."""
        return self._once("page", page_type, self._for_type)

    def for_translation(self, page_type: str) -> dict:
        """The schema of a translation: only translatable fields; the rest is inherited."""
        return self._once("translation", page_type, self._for_translation)

    def _for_type(self, page_type: str) -> dict:
        common, own = self.source["common"], self.source["types"][page_type]
        schema = {k: copy.deepcopy(v) for k, v in own.items()
                  if k not in ("properties", "required", "translate")}
        schema.update({
            "$defs": copy.deepcopy(self.source["$defs"]),
            "type": "object",
            "properties": {**copy.deepcopy(common["properties"]), **copy.deepcopy(own["properties"])},
            "required": list(dict.fromkeys(common["required"] + own["required"])),
            "additionalProperties": False,
        })
        return schema

    def _for_translation(self, page_type: str) -> dict:
        full = self.for_type(page_type)
        translatable = self.translatable(page_type)
        properties = {}
        for name, spec in full["properties"].items():
            if name in translatable:
                properties[name] = spec if not isinstance(spec, dict) or "x-hint" in spec else {
                    **spec, "x-hint": "translate the text of the Dutch page"}
            else:
                properties[name] = {"not": {}, "x-hint": (
                    "is inherited from the Dutch page (remove it from the translation)")}
        if "vragen" in properties:
            properties["vragen"] = {"type": "array", "items": {"$ref": "#/$defs/vraag_vertaling"}}
        if "stappen" in properties:
            properties["stappen"] = {"type": "array", "items": {"$ref": "#/$defs/stap_vertaling"}}
        return {
            "$defs": full["$defs"],
            "type": "object",
            "properties": properties,
            "required": [f for f in full["required"] if f in translatable],
            "additionalProperties": False,
        }
