"""Each kind of broken content stops the build with a precise message and no traceback."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_build

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.name for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def make_site(tmp_path: Path, overlay: Path | None = None) -> Path:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", site)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../overrides", str(ROOT / "overrides")))
    if overlay:
        shutil.copytree(overlay, site, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    return site


def test_valid_fixture_builds(tmp_path):
    site = make_site(tmp_path)
    result = run_build(site / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "praktijkvoorbeelden" / "de-buren" / "index.html").exists()


@pytest.mark.parametrize("case", CASES)
def test_broken_content_stops_the_build(tmp_path, case):
    folder = FIXTURES / "broken" / case
    expected = (folder / "expected.txt").read_text(encoding="utf-8").strip()
    site = make_site(tmp_path, folder)
    result = run_build(site / "mkdocs.yml", tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: the build did not stop\n{output}"
    assert "Traceback" not in output, output
    assert expected in output, f"{case}: expected\n  {expected}\nin\n{output}"
