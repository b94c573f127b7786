"""Each kind of broken content stops the build with one precise message and no traceback;
harmless variants of the way a file is written (Windows line ends, a byte-order mark, a very
large file, raw HTML in a text) build."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_build

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.name for p in (FIXTURES / "broken").iterdir() if p.is_dir())
# A log line of MkDocs or a plugin: 'ERROR   -  kennisbank: docs/x.md:3: ...'
LOG_LINE = re.compile(r"^(?:ERROR|WARNING)\s+-\s+(?:kennisbank: )?(.*)$")


def make_site(tmp_path: Path, overlay: Path | None = None) -> Path:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", site)
    if overlay:
        shutil.copytree(overlay, site, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../overrides", str(ROOT / "overrides")))
    return site


def first_message(output: str) -> str | None:
    """The first error or warning the build printed: what the author reads first."""
    for line in output.splitlines():
        match = LOG_LINE.match(line)
        if match:
            return match.group(1)
    return None


def test_valid_fixture_builds(tmp_path):
    site = make_site(tmp_path)
    result = run_build(site / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "praktijkvoorbeelden" / "de-buren" / "index.html").exists()


def test_at_least_fifty_cases():
    assert len(CASES) >= 50


@pytest.mark.parametrize("case", CASES)
def test_broken_content_stops_the_build(tmp_path, case):
    folder = FIXTURES / "broken" / case
    expected = (folder / "expected.txt").read_text(encoding="utf-8").strip()
    site = make_site(tmp_path, folder)
    result = run_build(site / "mkdocs.yml", tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: the build did not stop\n{output}"
    assert "Traceback" not in output, output
    assert first_message(output) == expected, f"{case}: expected first\n  {expected}\nin\n{output}"


# -- harmless variants: each must just build -------------------------------------------------

def _windows_line_ends(site: Path):
    for path in (site / "docs").rglob("*.md"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    for path in (site / "data").rglob("*.yml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def _byte_order_mark(site: Path):
    for path in [*(site / "docs").rglob("*.md"), *(site / "data").rglob("*.yml")]:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def _very_large_file(site: Path):
    page = site / "docs" / "praktijkvoorbeelden" / "de-buren.md"
    paragraph = ("Bewoners werken samen aan wijkeconomie in de werkplaats. Zie ook "
                 "[verbinden](../strategieen/verbinden.md) [@putnam-2000, p. 3].\n\n")
    elements = "".join(f"  - Element {n} van de aanpak\n" for n in range(2000))
    text = page.read_text(encoding="utf-8").replace("werkzame_elementen: [Samen klussen]\n",
                                                    "werkzame_elementen:\n" + elements)
    page.write_text(text + "".join(f"## Deel {n}\n\n{paragraph * 20}" for n in range(100)), encoding="utf-8")


def _raw_html_in_texts(site: Path):
    # Allowed: texts from front matter are shown escaped, as the text the author wrote.
    page = site / "docs" / "praktijkvoorbeelden" / "de-buren.md"
    text = page.read_text(encoding="utf-8").replace(
        "samenvatting: Een buurtwerkplaats.", "samenvatting: \"Een <script>alert(1)</script> <b>buurtwerkplaats</b>.\"")
    page.write_text(text, encoding="utf-8")


VARIANTS = {"windows-line-ends": _windows_line_ends, "byte-order-mark": _byte_order_mark,
            "very-large-file": _very_large_file, "raw-html-in-texts": _raw_html_in_texts}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_harmless_variants_build(tmp_path, variant):
    site = make_site(tmp_path)
    VARIANTS[variant](site)
    result = run_build(site / "mkdocs.yml", tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert first_message(output) is None, output
    if variant == "raw-html-in-texts":
        html = (tmp_path / "out" / "praktijkvoorbeelden" / "de-buren" / "index.html").read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
