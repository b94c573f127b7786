"""Soft hyphens for narrow columns: only in long words, never changing what a reader reads."""
from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from kennisbank.hyphenate import SOFT_HYPHEN, hyphenate  # noqa: E402


def test_long_dutch_compounds_get_break_points_short_words_none():
    out = hyphenate("Categoraal opbouwwerk en doelgroepenemancipatie")
    assert out.replace(SOFT_HYPHEN, "") == "Categoraal opbouwwerk en doelgroepenemancipatie"
    word = out.split()[-1]
    assert SOFT_HYPHEN in word
    assert "doelgroepen" + SOFT_HYPHEN in word or SOFT_HYPHEN + "emancipatie" in word or \
        word.count(SOFT_HYPHEN) >= 3, word
    assert hyphenate("Het NIMO en Jo Boer") == "Het NIMO en Jo Boer"


def test_markup_in_a_title_stays_text_for_the_template_to_escape():
    assert hyphenate("<script>samenlevingsopbouw</script>").startswith("<script>")


@given(st.text())
def test_hyphenating_never_changes_the_letters(text):
    assert hyphenate(text).replace(SOFT_HYPHEN, "") == text.replace(SOFT_HYPHEN, "")


def test_patterns_kept_between_builds_hyphenate_as_freshly_parsed_ones_and_a_damaged_copy_is_parsed_again(tmp_path, monkeypatch):
    import pyphen

    from kennisbank import hyphenate as module

    words = ["doelgroepenemancipatie", "samenlevingsopbouw", "buurtbewoners", "opbouwwerkers"]
    path = pyphen.LANGUAGES["nl_NL"]
    fresh = pyphen.HyphDict(path)
    expected = [fresh.positions(w) for w in words]
    monkeypatch.setattr(pyphen, "hdcache", {})
    module.keep_dictionaries_in(tmp_path)
    try:
        module._parsed("nl_NL")  # parsed and kept
        kept = list(tmp_path.glob("pyphen-*-nl_NL-*.pickle"))
        assert len(kept) == 1
        monkeypatch.setattr(pyphen, "hdcache", {})
        module._parsed("nl_NL")  # read back
        assert [pyphen.hdcache[path].positions(w) for w in words] == expected
        kept[0].write_bytes(b"not a pickle")
        monkeypatch.setattr(pyphen, "hdcache", {})
        module._parsed("nl_NL")  # damaged: parsed again, and kept again
        assert [pyphen.hdcache[path].positions(w) for w in words] == expected
        assert kept[0].read_bytes() != b"not a pickle"
    finally:
        module.keep_dictionaries_in(None)
