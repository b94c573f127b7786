"""Content errors: what is wrong, where (file and line) and how to fix it."""
from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass

from mkdocs.exceptions import PluginError


@dataclass(frozen=True, order=True)
class ContentError:
    file: str  # path as the author sees it, e.g. docs/praktijkvoorbeelden/de-buren.md
    line: int
    message: str  # "field: what is wrong (what is allowed)"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def allowed_hint(value: str, allowed, kind: str = "allowed") -> str:
    """'(allowed: a, b, c)' for short lists; the closest matches for long ones."""
    allowed = sorted(allowed)
    if len(allowed) <= 12:
        return f"({kind}: {', '.join(allowed) or 'none defined yet'})"
    close = difflib.get_close_matches(str(value), allowed, n=3, cutoff=0.5)
    if close:
        return f"(did you mean {', '.join(repr(c) for c in close)}? {len(allowed)} values are known)"
    return f"({len(allowed)} values are known, e.g. {', '.join(allowed[:5])})"


LAST_ERRORS: list[str] = []  # the messages of the last failed check


def report(errors: list[ContentError], log: logging.Logger, what: str) -> None:
    """Log every error, then stop the build: a wrong page must never be published."""
    if not errors:
        return
    for error in sorted(set(errors)):
        log.error(str(error))
    count = len(set(errors))
    failure = PluginError(
        f"{count} {what} error{'s' if count != 1 else ''} (listed above); fix them and build again."
    )
    LAST_ERRORS[:] = [str(error) for error in sorted(set(errors))]  # for `mkdocs serve` (serve.py)
    raise failure
