"""YAML loading that remembers where each value stands in its file.

MkDocs parses front matter itself and keeps no line numbers; authors need ``file:line`` in
every error message, so we compose the YAML once more and keep the node marks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class YamlSyntaxError(Exception):
    def __init__(self, line: int, problem: str):
        super().__init__(problem)
        self.line = line
        self.problem = problem


@dataclass
class MarkedYaml:
    """A YAML value plus the 1-based file line of every key and item, by path."""

    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    first_line: int = 1

    def item(self, index: int) -> "MarkedYaml":
        """The marks of one item of a top-level list (a bibliography or glossary entry)."""
        prefix = (index,)
        lines = {k[1:]: v for k, v in self.lines.items() if k[:1] == prefix}
        return MarkedYaml(self.data[index], lines, self.lines.get(prefix, self.first_line))

    def line_of(self, path) -> int:
        """Line of the deepest known node on ``path`` (falls back to its parents)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line


# libyaml's parser when PyYAML has it (about ten times faster), the pure-Python one otherwise.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _walk(node: yaml.Node, path: tuple, offset: int, lines: dict) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = path + (key.value,)
            if sub in lines:
                # YAML lets the second one win silently; an author meant only one of them.
                name = ".".join(str(p) for p in sub)
                raise YamlSyntaxError(key.start_mark.line + offset, (
                    f"'{name}' is given twice (also on line {lines[sub]}); keep one of them"))
            lines[sub] = key.start_mark.line + offset
            _walk(value, sub, offset, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            sub = path + (index,)
            lines[sub] = item.start_mark.line + offset
            _walk(item, sub, offset, lines)


def _bad_scalar(node):
    """(0-based line, text) of the first scalar that YAML cannot construct, if any."""
    constructor = yaml.constructor.SafeConstructor()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            try:
                constructor.construct_object(current, deep=True)
            except ValueError:
                return current.start_mark.line, current.value
        elif isinstance(current, yaml.MappingNode):
            stack.extend(n for pair in reversed(current.value) for n in reversed(pair))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
    return None


def load_marked(text: str, first_line: int = 1) -> MarkedYaml:
    """Parse ``text`` whose first line is line ``first_line`` of its file."""
    offset = first_line  # node marks are 0-based
    loader = Loader(text)
    try:
        # One parse gives both the nodes (with their lines) and the data.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + offset) if mark else first_line
        raise YamlSyntaxError(line, exc.problem or str(exc)) from None
    except ValueError as exc:
        # An impossible date (2023-02-30) looks like a date to YAML but cannot be built.
        line, value = _bad_scalar(node) or (first_line - offset, "")
        raise YamlSyntaxError(line + offset, (
            f"{value!r} is not a real date ({exc}); write a date that exists as YYYY-MM-DD, "
            "or put the value in quotes if it is not a date")) from None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    if node is not None:
        _walk(node, (), offset, lines)
    return MarkedYaml(data, lines, first_line)


def load_marked_file(path: Path) -> MarkedYaml:
    return load_marked(path.read_text(encoding="utf-8"), first_line=1)


@dataclass
class FrontMatter:
    meta: MarkedYaml
    body: str
    body_first_line: int  # file line where the Markdown body starts


def split_front_matter(text: str) -> FrontMatter:
    """Split ``---`` front matter from the body, keeping line numbers.

    Raises YamlSyntaxError for unterminated or invalid front matter.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter(MarkedYaml({}, {}, 1), text, 1)
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        raise YamlSyntaxError(1, "front matter starts with '---' but has no closing '---' line")
    meta = load_marked("\n".join(lines[1:end]), first_line=2)
    if meta.data is None:
        meta.data = {}
    if not isinstance(meta.data, dict):
        raise YamlSyntaxError(2, "front matter must be a mapping of 'field: value' lines")
    return FrontMatter(meta, "\n".join(lines[end + 1:]), end + 2)


FENCE = re.compile(r"^\s*(```|~~~)")


def prose_lines(body: str, first_line: int):
    """(file line, text) for every body line outside fenced code blocks."""
    in_fence = False
    for offset, text in enumerate(body.split("\n")):
        if FENCE.match(text):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield first_line + offset, text
