"""Shared fixtures: one strict build of the real site per session, a local server, a browser."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
# The address the tests publish the site at (a reserved example domain): citations, permanent
# links, exports and the learning paths' cartridges must use it, never a local address.
SITE_URL = "https://kennisbank.example.org/"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_KEEP_MATERIAL_INDEX": "true",
       "KB_KEEP_FULL_INDEX": "true", "SITE_URL": SITE_URL}


def run_build(config: Path, site_dir: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run([*MKDOCS, "build", "--strict", "-f", str(config), "-d", str(site_dir)],
                          capture_output=True, text=True, env={**ENV, **env}, timeout=600)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once with --strict into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_build(ROOT / "mkdocs.yml", site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture(scope="session")
def page(site):
    """page('praktijkvoorbeelden/de-buren/') -> BeautifulSoup of that built page."""

    @functools.lru_cache(maxsize=None)
    def load(url: str) -> BeautifulSoup:
        path = site / url / "index.html" if not url.endswith(".html") else site / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    return load


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """The built site on http://127.0.0.1:<free port>/."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make test`, which installs it"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    assert path.exists(), "axe-core is missing: run `make install` (npm ci)"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Screenshots land here, to be looked at by a person."""
    path = ROOT / "test-artifacts" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
