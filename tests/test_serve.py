"""`mkdocs serve` as authors use it (make serve): a bad edit neither freezes the server nor
loses the pages, its message reaches the page, and fixing the file brings the site back."""
from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request

from conftest import ENV, MKDOCS
from test_broken_content import make_site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:  # not listening yet
        return 0, ""


def wait_for(check, seconds: float = 60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_a_bad_edit_keeps_the_last_good_pages_served_and_a_fix_recovers(tmp_path):
    site = make_site(tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([*MKDOCS, "serve", "--dirty", "--no-strict", "-f", str(site / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}"], env={**ENV, "SITE_URL": ""},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = site / "docs" / "praktijkvoorbeelden" / "de-buren.md"
    good = page.read_text(encoding="utf-8")
    try:
        wait_for(lambda: fetch(base + "praktijkvoorbeelden/de-buren/", 2)[0] == 200, 120)
        time.sleep(1.5)
        page.write_text(good.replace("provincie: Zuid-Holland", "provincie: Zuid Holland"), encoding="utf-8")
        errors = wait_for(lambda: (lambda r: r[0] == 200 and json.loads(r[1]))(fetch(base + "kb-build-error.json", 5)))
        assert any("de-buren.md:" in m and "provincie" in m for m in errors["messages"]), errors
        started = time.time()
        status, html = fetch(base + "praktijkvoorbeelden/de-buren/", 10)
        assert status == 200 and "Buurtwerkplaats De Buren" in html, "the last good page is no longer served"
        assert time.time() - started < 5, "the server holds requests after a failed build"
        assert "kb-serve.js" in html, "pages do not load the script that shows the build error"
        page.write_text(good.replace("Bewoners werken samen", "Bewoners werken nu samen"), encoding="utf-8")
        wait_for(lambda: fetch(base + "kb-build-error.json", 5)[0] == 404)
        wait_for(lambda: "Bewoners werken nu samen" in fetch(base + "praktijkvoorbeelden/de-buren/", 5)[1])
    finally:
        page.write_text(good, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def test_during_serve_an_edit_reaches_the_page_and_then_the_search_index(tmp_path):
    """During serve the build does not wait for the search index and the exports (they are
    written when the second process has them): the edited page shows first, with its content
    security policy, and the edit is then found by the search index of its language."""
    from kennisbank.search.index import stem

    site = make_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("plugins:\n", "plugins:\n  - search\n  - kb-search\n  - kb-csp\n", 1))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([*MKDOCS, "serve", "--dirty", "--no-strict", "-f", str(config),
                               "-a", f"127.0.0.1:{port}"], env={**ENV, "SITE_URL": ""},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = site / "docs" / "praktijkvoorbeelden" / "de-buren.md"
    good = page.read_text(encoding="utf-8")
    word = "kwartiermakerswerkplaats"

    def indexed() -> bool:
        status, manifest = fetch(base + "search/nl/manifest.json", 5)
        if status != 200:
            return False
        parts = range(json.loads(manifest)["shards"])
        return any(f'"{stem("nl", word)}"' in fetch(base + f"search/nl/t{n}.json", 5)[1] for n in parts)

    try:
        wait_for(lambda: fetch(base + "praktijkvoorbeelden/de-buren/", 2)[0] == 200, 120)
        wait_for(lambda: fetch(base + "search/nl/manifest.json", 2)[0] == 200, 60)
        assert not indexed()
        time.sleep(1.5)
        page.write_text(good.replace("Bewoners werken samen", f"Bewoners werken samen in een {word}"), encoding="utf-8")
        html = wait_for(lambda: (lambda text: word in text and text)(fetch(base + "praktijkvoorbeelden/de-buren/", 5)[1]))
        # kb-csp treats only the files a build wrote: the rebuilt page has its policy too.
        assert 'http-equiv="Content-Security-Policy"' in html
        wait_for(indexed)
    finally:
        page.write_text(good, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
