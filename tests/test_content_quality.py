"""Content a lecturer can hand out (issue 15): citable source hosts, headings in order, no
Markdown left in the text, strategies that tell cases apart."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT
from test_site import pages_of_type

NOT_CITABLE = ("wikiwand", "wiki2", "scribd", "docplayer", "studocu", "yumpu", "fdocuments", "5dok", "issuu",
               "dokumen", "pdfcoffee", "documents.pub", "slideshare")


def source_urls():
    for path in sorted((ROOT / "data" / "bronnen").glob("*.yml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if entry.get("url"):
                yield entry["id"], entry["url"]


def test_every_source_host_is_on_the_allow_list_with_a_reason():
    allowed = yaml.safe_load((ROOT / "data" / "source-hosts.yml").read_text(encoding="utf-8"))
    assert all(isinstance(reason, str) and len(reason) > 20 for reason in allowed.values())
    assert not [h for h in allowed if any(bad in h for bad in NOT_CITABLE)]
    unknown = [f"{source}: {url}" for source, url in source_urls() if urlparse(url).netloc not in allowed]
    assert unknown == [], "hosts not on data/source-hosts.yml:\n" + "\n".join(unknown)


def built_pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text or path.parts[len(site.parts)] == "assets":
            continue
        soup = BeautifulSoup(text, "html.parser")
        article = soup.select_one("article.md-content__inner")
        if article is not None:
            yield path.relative_to(site).as_posix(), article


def test_headings_are_in_order_on_every_page(site):
    skipped = []
    for name, article in built_pages(site):
        level = 1
        for heading in article.find_all(re.compile(r"^h[1-6]$")):
            new = int(heading.name[1])
            if new > level + 1:
                skipped.append(f"{name}: h{level} → h{new} ({heading.get_text(' ', strip=True)[:50]})")
            level = new
    assert skipped == [], "\n".join(skipped[:30])


def test_no_literal_markdown_in_the_text_of_any_page(site):
    found = []
    for name, article in built_pages(site):
        for tag in article.select("pre, code, script, template, textarea"):
            tag.decompose()
        text = article.get_text(" ")
        text = re.sub(r"\S*(?:https?://|www\.)\S*", " ", text)  # addresses may hold _ and *
        for mark in ("[@", "*", "_"):
            if mark in text:
                at = text.index(mark)
                found.append(f"{name}: {mark!r} in …{' '.join(text[max(0, at - 40):at + 40].split())}…")
    assert found == [], "\n".join(found[:30])


def test_no_case_has_every_strategy_as_its_main_one():
    cases = [yaml.safe_load(p.read_text(encoding="utf-8").split("---", 2)[1]) for p in pages_of_type("praktijkvoorbeeld")]
    main = {c["id"]: c["hoofdstrategie"] for c in cases}
    assert set(main.values()) == {"verbinden", "overbruggen", "koppelen"}, main
    for case in cases:
        assert case["hoofdstrategie"] not in (case.get("nevenstrategieen") or [])


def test_no_built_file_shows_a_python_object_instead_of_a_label(site):
    """A label named like a dict method (`copy`, `keys`) once printed "<built-in method copy of
    dict object at 0x…>" on every citation button and on the flash cards."""
    leak = re.compile(r"(?:built-in|bound) method|object at 0x[0-9a-f]+|<function ")
    found = []
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".js") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            match = leak.search(text.replace("&lt;", "<"))
            if match:
                found.append(f"{path.relative_to(site)}: {match.group(0)}")
    assert found == [], "\n".join(found[:20])
    page = (site / "canon" / "1884-toynbee-hall" / "index.html").read_text(encoding="utf-8")
    assert "data-kb-cite-copy hidden>Kopieer de bronvermelding</button>" in page
