"""Valid HTML: the Nu Html Checker (npm vnu-jar, run with Debian's Java) finds no error in any
page that comes from the project's own templates or content. Material's own known errors are
listed below, each with the markup it comes from, and left alone."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message, the markup that causes it): errors in Material for MkDocs' own templates.
MATERIAL = [
    # partials/header.html and main.html: the drawer and search toggles are checkboxes with
    # autocomplete="off" (so Firefox does not restore them), which HTML allows only on text inputs.
    (r"Attribute “autocomplete” is only allowed when the input type is",
     r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">'),
    # partials/nav-item.html: section labels carry tabindex="" when navigation.indexes is off
    # for them.
    (r"Bad value “” for attribute “tabindex” on element “label”",
     r'<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label" tabindex="">'),
    # partials/nav-item.html: the "table of contents" label of the current page points at the
    # __toc checkbox, which Material leaves out of pages without headings in their contents.
    (r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     r'<label class="md-nav__title" for="__toc">'),
]


def validate(paths: list[Path]) -> list[dict]:
    java = shutil.which("java")
    assert java, "Java is missing: run `make test`, which installs Debian's openjdk-17-jre-headless"
    assert VNU.exists(), "vnu-jar is missing: run `make install` (npm ci)"
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--errors-only",
                             "--skip-non-html", *map(str, paths)],
                            capture_output=True, text=True, timeout=600)
    return [m for m in json.loads(result.stderr)["messages"] if m.get("type") == "error"]


def from_material(message: dict) -> bool:
    extract = " ".join((message.get("extract") or "").split())
    return any(re.search(text, message["message"]) and re.search(markup, extract)
               for text, markup in MATERIAL)


def describe(message: dict, site: Path) -> str:
    where = message["url"].removeprefix("file:").removeprefix(str(site) + "/")
    return f"{where}:{message.get('lastLine')}: {message['message']}\n    {' '.join((message.get('extract') or '').split())}"


def test_no_page_has_an_html_error_of_its_own(site):
    errors = validate([site])
    own = [m for m in errors if not from_material(m)]
    assert errors, "the checker ran and saw Material's known errors"
    assert not own, "HTML errors from the site's own templates or content:\n" + "\n".join(
        describe(m, site) for m in own[:30])


def test_the_checker_catches_a_mistake_of_our_own(tmp_path):
    """The filter above lets Material's errors through and nothing else."""
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html lang="nl"><head><title>t</title>'
                    '<meta name="description" content="een "citaat" erin"></head>'
                    '<body><p id="a">x</p><p id="a">y</p></body></html>', encoding="utf-8")
    errors = validate([page])
    assert errors and not any(from_material(m) for m in errors)
    assert any("Duplicate ID" in m["message"] for m in errors)
