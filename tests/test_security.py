"""A strict Content Security Policy on every page (issue 17)."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from test_browser import VIEWPORTS

ON_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
PAGE_TYPES = ["", "inleiding/wat-is-samenlevingsopbouw/", "strategieen/", "strategieen/verbinden/",
              "praktijkvoorbeelden/", "praktijkvoorbeelden/de-buren/", "canon/", "canon/1925-opbouw-drenthe/",
              "methoden/abcd/", "themas/sociale-basis/", "oefeningen/", "oefeningen/oefening-verbinden/",
              "oefeningen/mijn-voortgang/", "oefeningen/flitskaarten/", "leerroutes/", "leerroutes/eerstejaars/",
              "leerroutes/eerstejaars/hand-out-docent/", "begrippen/", "bronnen/", "over/", "m/verbinden/",
              "404.html", "strategieen/verbinden/?q=bewoners"]


def test_every_page_carries_a_strict_policy_first_and_no_event_handler_attributes(site):
    pages = 0
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(site).as_posix()
        head = BeautifulSoup(text, "html.parser").head
        first = head.find(True)
        assert first and first.get("http-equiv") == "Content-Security-Policy", f"{name}: no policy first in <head>"
        policy = dict(part.strip().split(" ", 1) for part in first["content"].split(";"))
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert not ON_ATTRIBUTE.search(text), f"{name}: an inline event handler"
        pages += 1
    assert pages > 300


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "en/"])
def test_no_page_type_breaks_its_policy_or_logs_an_error(browser, server, lang):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                            " (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    found = []
    try:
        for url in PAGE_TYPES:
            if lang and url in ("m/verbinden/", "404.html"):
                url = "en/" + url
            elif lang:
                url = lang + url
            page = context.new_page()
            errors = []
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(server + url, wait_until="networkidle")
            violations = page.evaluate("window.__csp")
            if violations or errors:
                found.append(f"{url}: {violations} {errors}")
            page.close()
    finally:
        context.close()
    assert found == [], "\n".join(found)
