"""No value from content data becomes live HTML, script or a broken attribute (issue 17).

Every text field of every content type in the small test site (pages, questions, paths,
trainer notes, glossary, bibliography, periods) gets a payload; the site must still build, and
no page or export may hold an executable script, an event-handler attribute, a javascript:
address, an attribute broken open by a quote, or a template expression that was evaluated."""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import run_build
from test_broken_content import make_site

PAYLOAD = '"><script>alert(1)</script> {{ 7*7 }} <img src=x onerror=alert(1)> \'><b onclick=alert(2)>x</b>'
TEXT_FIELDS = {"title", "samenvatting", "description", "ondertitel", "studievraag", "doel", "doelgroep", "aanpak",
               "werkzame_elementen", "leerdoelen", "kernpunten", "kernidee", "relatie", "plaats", "wijk",
               "doelgroepen", "hoofdstrategie_reden", "vraag", "tekst", "feedback", "feedback_juist",
               "feedback_onjuist", "items", "links", "rechts", "modelantwoord", "rubric", "waarom",
               "voorbereiding", "uitleg", "discussievragen", "misvattingen", "antwoorden", "activiteit", "naam",
               "erkenning", "ontwikkelaars", "definitie", "definitie_en", "titel", "titel_en", "auteurs",
               "uitgever", "tijdschrift", "boektitel", "samenvatting_en"}


def poison(value, key=None):
    """Every text value of a text field gets the payload (lists item by item)."""
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, key) for v in value]
    if isinstance(value, str) and key in TEXT_FIELDS:
        return f"{value} {PAYLOAD}"
    return value


NOTES = {"discussievragen": ["Wat zie je?"], "werkvormen": [{"titel": "Gesprek", "minuten": 10, "uitleg": "Praat."}]}


def poison_page(path: Path, notes: bool = False) -> None:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return
    _, head, body = text.split("---", 2)
    meta = poison(yaml.safe_load(head))
    if notes and "docent" not in meta:
        meta["docent"] = poison(NOTES)  # trainer notes, in both languages
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---" + body,
                    encoding="utf-8")


def poison_data(path: Path) -> None:
    path.write_text(yaml.safe_dump(poison(yaml.safe_load(path.read_text(encoding="utf-8"))),
                                   allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("injection")
    site = make_site(tmp)
    for page in (site / "docs").rglob("*.md"):
        if page.name.endswith(".en.md"):
            continue
        head = page.read_text(encoding="utf-8").split("---", 2)[1]
        notes = (yaml.safe_load(head) or {}).get("type") in ("strategie", "praktijkvoorbeeld", "leerroute")
        for version in (page, page.with_suffix(".en.md")):
            if version.exists():
                poison_page(version, notes)
    for data in [site / "data" / "begrippen.yml", site / "data" / "canon-perioden.yml",
                 *(site / "data" / "bronnen").glob("*.yml")]:
        poison_data(data)
    result = run_build(site / "mkdocs.yml", tmp / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "out"


def html_problems(name: str, html: str) -> list[str]:
    problems = []
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        if script.get("type") == "application/json":
            continue  # data, never run; it cannot end early: '</' is written as '<\/'
        if "alert(" in (script.string or ""):
            problems.append(f"{name}: a script from content: {script.string[:60]!r}")
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute.lower().startswith("on"):
                problems.append(f"{name}: <{tag.name} {attribute}=…>")
            if not re.fullmatch(r"[a-zA-Z_:][-a-zA-Z0-9_:.]*", attribute):
                problems.append(f"{name}: a broken attribute <{tag.name} {attribute!r}>")
            values = value if isinstance(value, list) else [value]
            if attribute in ("href", "src", "action", "formaction") and any(
                    str(v).strip().lower().startswith(("javascript:", "data:text/html")) for v in values):
                problems.append(f"{name}: <{tag.name} {attribute}={value!r}>")
    if "49" in soup.get_text() and "{{ 7*7 }}" not in soup.get_text():
        problems.append(f"{name}: a template expression was evaluated")
    return problems


def test_the_site_with_payloads_everywhere_builds_and_stays_inert(poisoned):
    problems, pages = [], 0
    for path in sorted(poisoned.rglob("*.html")):
        pages += 1
        problems += html_problems(path.relative_to(poisoned).as_posix(), path.read_text(encoding="utf-8"))
    assert pages > 20
    assert problems == [], "\n".join(problems[:30])


def test_the_payload_is_shown_as_text(poisoned):
    soup = BeautifulSoup((poisoned / "praktijkvoorbeelden" / "de-buren" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    text = soup.select_one("article").get_text(" ")
    assert "<script>alert(1)</script>" in text and "{{ 7*7 }}" in text
    description = soup.select_one("meta[name=description]")["content"]
    assert description.startswith("Een buurtwerkplaats.") and "<" not in description.replace("&lt;", "")


def export_documents(site: Path):
    for path in site.rglob("*"):
        if path.suffix == ".xml" and "export" in path.parts:
            yield path.name, path.read_bytes()
        elif path.suffix in (".zip", ".imscc"):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith(".xml"):
                        yield f"{path.name}:{name}", archive.read(name)


def html_nodes(root):
    """The texts a learning environment renders as HTML: QTI's mattext of type text/html,
    Moodle's <text> inside an element with format="html" (names and titles are plain text,
    which XML escaping already keeps plain)."""
    for node in root.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "mattext" and node.get("texttype") == "text/html":
            yield node.text or ""
        elif node.get("format") == "html":
            for child in node:
                if child.tag == "text":
                    yield child.text or ""


def test_exports_hold_no_live_html_from_content(poisoned):
    checked = 0
    for name, data in export_documents(poisoned):
        for text in html_nodes(ET.parse(io.BytesIO(data)).getroot()):
            if "alert(" in text:
                checked += 1
                fragment = BeautifulSoup(text, "html.parser")
                assert not fragment.find_all(["script", "img", "b"]), f"{name}: {text[:120]}"
                assert html_problems(name, text) == []
    assert checked > 10, "the payload did not reach the exports"


def test_a_javascript_address_in_a_url_field_stops_the_build(tmp_path):
    site = make_site(tmp_path)
    sources = site / "data" / "bronnen" / "kern.yml"
    entries = yaml.safe_load(sources.read_text(encoding="utf-8"))
    entries[0]["url"] = "javascript:alert(1)"
    sources.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_build(site / "mkdocs.yml", tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert re.search(r"data/bronnen/kern\.yml:\d+: url: 'javascript:alert\(1\)'", output), output
