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


FIX = "check indentation, and quote values that contain ': ' or start with a special character"
SEPARATOR = re.compile("[\x85\u2028\u2029]")
MAX_VALUES = 1_000_000  # values in one file, aliases expanded: beyond this an alias repeats itself


class YamlSyntaxError(Exception):
    """A file that cannot be read: the line where the fix is, what is wrong and what to do.
    ``field`` names the field (or 'file') when the problem is not the YAML syntax itself."""

    def __init__(self, line: int, problem: str, fix: str = FIX, field: str | None = None):
        super().__init__(problem)
        self.line = line
        self.problem = problem
        self.fix = fix
        self.field = field

    def message(self, what: str = "front matter is not valid YAML") -> str:
        """'what: problem (fix)', or 'field: problem (fix)' for a problem of one field."""
        return f"{self.field if self.field is not None else what}: {self.problem} ({self.fix})"


@dataclass
class MarkedYaml:
    """A YAML value plus the 1-based file line of every key and item, by path."""

    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    first_line: int = 1

    def item(self, index: int) -> "MarkedYaml":
        """The marks of one item of a top-level list (a bibliography or glossary entry)."""
        # Grouped once: filtering every mark for every item made a long list quadratic.
        groups = self.__dict__.get("_items")
        if groups is None:
            groups = self.__dict__["_items"] = {}
            for key, line in self.lines.items():
                if key and isinstance(key[0], int):
                    groups.setdefault(key[0], {})[key[1:]] = line
        prefix = (index,)
        return MarkedYaml(self.data[index], dict(groups.get(index, {})), self.lines.get(prefix, self.first_line))

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


def _field(path) -> str:
    """'a.b[0].c'; without the index of a top-level list entry (its line tells which one)."""
    path = path[1:] if path and isinstance(path[0], int) else path
    return ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in path).replace(".[", "[")


def _walk(node: yaml.Node, path: tuple, offset: int, lines: dict, inside: frozenset = frozenset()) -> None:
    if len(lines) > MAX_VALUES:
        raise YamlSyntaxError(node.start_mark.line + offset, (
            f"the file holds more than {MAX_VALUES:,} values once its aliases (*name) are filled in"),
            "write the values out instead of repeating aliases")
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in inside:  # an alias to a value that contains it: a list inside itself
            raise YamlSyntaxError(node.start_mark.line + offset, (
                "an alias (*name) stands inside the value it refers to"), "write the value out instead")
        inside = inside | {id(node)}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = path + (key.value if isinstance(key, yaml.ScalarNode) else "?",)
            if sub in lines:
                # YAML lets the second one win silently; an author meant only one of them.
                raise YamlSyntaxError(key.start_mark.line + offset, (
                    f"is given twice, also on line {lines[sub]}"), "keep one of them", field=_field(sub))
            lines[sub] = key.start_mark.line + offset
            _walk(value, sub, offset, lines, inside)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            sub = path + (index,)
            lines[sub] = item.start_mark.line + offset
            _walk(item, sub, offset, lines, inside)


def _bad_scalar(node):
    """(0-based line, field path, node) of the first scalar that YAML cannot construct."""
    constructor = yaml.constructor.SafeConstructor()
    stack, seen = [((), node)], set()
    while stack:
        path, current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            try:
                constructor.construct_object(current, deep=True)
            except Exception:
                return current.start_mark.line, path, current
        elif isinstance(current, yaml.MappingNode):
            for key, value in reversed(current.value):
                stack.append((path + (getattr(key, "value", "?"),), value))
                stack.append((path, key))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((path + (i,), item) for i, item in reversed(list(enumerate(current.value))))
    return None


def _syntax_error(exc: yaml.YAMLError, text: str, offset: int) -> YamlSyntaxError:
    """What an author needs to know of one of PyYAML's (or libyaml's) errors."""
    if isinstance(exc, yaml.reader.ReaderError):  # a control character, e.g. pasted from a PDF
        line = text.count("\n", 0, exc.position) + offset
        return YamlSyntaxError(line, f"this line holds a control character (#x{exc.character:04x}), which YAML does not allow",
                               "delete it; it often comes with text copied from a PDF or a word processor")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem, context = getattr(exc, "problem", None) or str(exc), getattr(exc, "context", None) or ""
    start = getattr(exc, "context_mark", None)
    line = (mark.line + offset) if mark else offset
    source = text.split("\n")
    here = source[mark.line] if mark and mark.line < len(source) else ""
    char = here[mark.column] if mark and mark.column < len(here) else ""
    if "tab character" in problem or char == "\t" or "\t" in here[: len(here) - len(here.lstrip())]:
        return YamlSyntaxError(line, "this line is indented with a tab", "use spaces, not tabs")
    if context.startswith("while scanning a quoted scalar") and start:
        return YamlSyntaxError(start.line + offset, "a quote opened on this line is not closed",
                               "end the value with the same quote, or write two quotes ('') for one inside it")
    if context.startswith("while parsing a flow") and start and mark and mark.line > start.line:
        closing = "]" if "sequence" in context else "}"
        return YamlSyntaxError(start.line + offset, f"the list or mapping opened on this line is not closed with '{closing}'",
                               f"close it with '{closing}' and separate its values with ', '")
    if "cannot start any token" in problem and char:
        return YamlSyntaxError(line, f"a value cannot start with {char!r}", "put the value in quotes")
    if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
        return YamlSyntaxError(line, "a value starts with '!', which YAML reads as a tag", "put the value in quotes")
    if "undefined alias" in problem:
        return YamlSyntaxError(line, "a value starts with '*', which YAML reads as an alias", "put the value in quotes")
    return YamlSyntaxError(line, problem)


def load_marked(text: str, first_line: int = 1) -> MarkedYaml:
    """Parse ``text`` whose first line is line ``first_line`` of its file."""
    offset = first_line  # node marks are 0-based
    separator = SEPARATOR.search(text)
    if separator:  # YAML counts it as a line end, an editor does not: every line after it would be off
        raise YamlSyntaxError(text.count("\n", 0, separator.start()) + offset, (
            f"this line holds an invisible line separator (U+{ord(separator.group()):04X})"),
            "delete it; it often comes with text pasted from a word processor")
    node = None
    loader = Loader(text)
    try:
        # One parse gives both the nodes (with their lines) and the data.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        error = _syntax_error(exc, text, offset)
        error.line = min(error.line, offset + text.count("\n"))  # not past the end of the text
        raise error from None
    except RecursionError:
        raise YamlSyntaxError(first_line, "values are nested too deeply", "write the value with fewer levels") from None
    except (ValueError, TypeError, AttributeError, OverflowError) as exc:
        # An impossible date (2023-02-30) looks like a date to YAML but cannot be built.
        line, path, bad = _bad_scalar(node) if node is not None else (0, (), None)
        value = bad.value if bad is not None else ""
        if bad is None or bad.tag == "tag:yaml.org,2002:timestamp":
            reason = f": {exc}" if isinstance(exc, ValueError) else ""
            raise YamlSyntaxError(line + offset, f"{value!r} is not a real date{reason}", (
                "write a date that exists as YYYY-MM-DD, or put the value in quotes if it is not a date"),
                field=_field(path) or None) from None
        raise YamlSyntaxError(line + offset, f"{value!r} cannot be read as {bad.tag.rsplit(':', 1)[-1]}", (
            "remove the tag (!!...) or fix the value"), field=_field(path) or None) from None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    if node is not None:
        try:
            _walk(node, (), offset, lines)
        except RecursionError:
            raise YamlSyntaxError(first_line, "values are nested too deeply", "write the value with fewer levels") from None
    return MarkedYaml(data, lines, first_line)


def read_text(path: Path) -> str:
    """The text of a UTF-8 file (a byte-order mark and Windows line ends are fine)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlSyntaxError(line, f"byte 0x{raw[exc.start]:02x} on this line is not UTF-8 text", (
            "save the file as UTF-8"), field="file") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_marked_file(path: Path) -> MarkedYaml:
    text = read_text(path)
    marked = load_marked(text, first_line=1)
    if marked.data is None:
        raise YamlSyntaxError(1, "holds no entries", "add the entries, or delete the file", field="file")
    return marked


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
        raise YamlSyntaxError(1, "starts with '---' but has no closing '---' line",
                              "end the front matter with a line '---' before the page's text", field="front matter")
    meta = load_marked("\n".join(lines[1:end]), first_line=2)
    if meta.data is None:
        meta.data = {}
    if not isinstance(meta.data, dict):
        raise YamlSyntaxError(2, "must be lines of 'field: value', not a list or a text",
                              "write one 'field: value' per line, e.g. 'title: ...'", field="front matter")
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
