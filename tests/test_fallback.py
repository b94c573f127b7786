"""An English page that is not translated yet says so and marks its text as Dutch."""
from bs4 import BeautifulSoup

from conftest import run_build
from test_broken_content import make_site


def test_untranslated_page_says_so_and_has_lang_nl(tmp_path):
    site = make_site(tmp_path)
    out = tmp_path / "out"
    assert run_build(site / "mkdocs.yml", out).returncode == 0
    fallback = BeautifulSoup((out / "en/strategieen/overbruggen/index.html").read_text(), "html.parser")
    assert fallback.html["lang"] == "en"
    notice = fallback.select_one(".kb-fallback")
    assert notice is not None and "not been translated" in notice.get_text()
    dutch = fallback.select_one("article div[lang=nl]")
    assert dutch is not None and "Overbruggen" in dutch.h1.get_text()
    translated = BeautifulSoup((out / "en/strategieen/verbinden/index.html").read_text(), "html.parser")
    assert translated.select_one(".kb-fallback") is None
    assert translated.select_one("article [lang=nl]") is None
    assert translated.h1.get_text(strip=True) == "Bonding"
