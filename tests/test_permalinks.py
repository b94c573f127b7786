"""Citable and linkable (issue 13): permanent links, the lock of published addresses, the
published address in every built file, the date of last change and the citation."""
from __future__ import annotations

import re
import zipfile
from datetime import date

import pytest

from conftest import ROOT, SITE_URL, run_build
from test_broken_content import make_site
from test_site import DOCS, article, front_matter, pages_of_type, url_of

CONTENT = [p for t in ("praktijkvoorbeeld", "venster", "strategie", "methode", "thema", "inleiding", "oefening",
                       "leerroute") for p in pages_of_type(t)]


def test_removing_a_published_page_needs_a_redirect(tmp_path):
    site = make_site(tmp_path)
    (site / "docs" / "over.md").unlink()
    result = run_build(site / "mkdocs.yml", tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    lock = (site / "data" / "urls.lock").read_text(encoding="utf-8").splitlines()
    line = lock.index("m/over/") + 1
    assert (f"data/urls.lock:{line}: 'm/over/' was published but no page has this address any more: add a "
            "redirect to data/redirects.yml, e.g. `m/over/: <id of the page that replaces it>`") in output
    (site / "data" / "redirects.yml").write_text("over/: start\nm/over/: start\nen/over/: start\n"
                                                  "en/m/over/: start\n", encoding="utf-8")
    result = run_build(site / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    moved = (tmp_path / "out" / "m" / "over" / "index.html").read_text(encoding="utf-8")
    assert 'url=../../"' in moved, "the old permanent link leads to the page that replaces it"


def test_a_publishing_build_without_site_url_stops_with_one_line(tmp_path):
    site = make_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - kb-permalinks\n", "  - kb-permalinks:\n      require_site_url: true\n"))
    result = run_build(config, tmp_path / "out", SITE_URL="")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert errors[0].endswith("SITE_URL is not set: a publishing build needs the address the site will have, "
                              "e.g. SITE_URL=https://www.example.org/kennisbank/ make build"), errors


def built_texts(site):
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".js", ".txt"):
            yield path.relative_to(site), path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix in (".zip", ".imscc") or path.name.endswith(".gz"):
            if path.suffix == ".gz":
                import gzip
                yield path.relative_to(site), gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
                continue
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    yield f"{path.relative_to(site)}:{name}", archive.read(name).decode("utf-8", "replace")


def test_with_site_url_no_built_file_holds_a_local_address(site):
    local = re.compile(r"127\.0\.0\.1|localhost|0\.0\.0\.0")
    found = [str(name) for name, text in built_texts(site) if local.search(text)]
    assert found == [], found[:10]


def test_every_permanent_link_in_the_lock_leads_to_a_page_with_a_title(site):
    lock = (ROOT / "data" / "urls.lock").read_text(encoding="utf-8").split()
    links = [url for url in lock if url.startswith(("m/", "en/m/"))]
    assert len(links) >= 150
    for url in links:
        redirect = (site / url / "index.html").read_text(encoding="utf-8")
        target = re.search(r'url=([^"]+)"', redirect).group(1)
        resolved = (site / url / target).resolve() / "index.html"
        assert resolved.is_file(), f"{url} leads to {target}, which was not built"
        html = resolved.read_text(encoding="utf-8")
        assert len(re.findall(r"<h1[ >]", html)) == 1, f"{url}: its page has no single title"


def test_permanent_links_lead_to_their_pages(site):
    lock = (ROOT / "data" / "urls.lock").read_text(encoding="utf-8").split()
    for source in CONTENT:
        entry_id = front_matter(source)["id"]
        for lang, prefix in (("nl", ""), ("en", "en/")):
            assert f"{prefix}m/{entry_id}/" in lock, f"{prefix}m/{entry_id}/ is not in the lock"
            redirect = (site / prefix / "m" / entry_id / "index.html").read_text(encoding="utf-8")
            target = re.search(r'url=([^"]+)"', redirect).group(1)
            resolved = (site / prefix / "m" / entry_id / target).resolve()
            assert resolved == (site / url_of(source, lang)).resolve(), entry_id


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("source", CONTENT[::3], ids=lambda p: p.relative_to(DOCS).as_posix())
def test_pages_show_their_last_change_and_an_apa_citation_near_the_title(page, source, lang):
    soup = article(page(url_of(source, lang)))
    meta = soup.select_one(".kb-page-meta")
    when = meta.select_one("time[datetime]")
    assert date.fromisoformat(when["datetime"]) <= date.today()
    cite = meta.select_one("details[data-kb-cite] [data-kb-cite-text]").get_text(" ", strip=True)
    title = soup.select_one("h1").get_text(strip=True) if soup.select_one("h1") else None
    entry_id = front_matter(source)["id"]
    permalink = f"{SITE_URL}{'en/' if lang == 'en' else ''}m/{entry_id}/"
    year = when["datetime"][:4]
    site_name = "Kennisbank Opbouwwerk" if lang == "nl" else "Community Development Knowledge Base"
    assert cite.startswith(f"{site_name}. ({year}, "), cite
    assert permalink in cite and ("Geraadpleegd op" if lang == "nl" else "Retrieved") in cite
    if title:
        assert title in cite
