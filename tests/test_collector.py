"""kennisbank.collector: the build's long-lived objects are kept out of the garbage collector's
walks while the build runs, and handed back when the outermost build ends or fails, so that
a process that builds many times does not keep earlier builds' garbage."""
from __future__ import annotations

import gc
import json
import subprocess
import sys

from conftest import ENV, ROOT

from kennisbank.collector import LongLivedObjects

# Builds in this interpreter and reports the collector's frozen count at moments of the build.
PROBE = r"""
import gc, json, sys
from mkdocs.plugins import PluginCollection
seen = []
run_event = PluginCollection.run_event
def probe(self, name, *args, **kwargs):
    result = run_event(self, name, *args, **kwargs)
    if name in ("env", "post_build"):
        seen.append([name, self["i18n"].current_language, gc.get_freeze_count()])
    return result
PluginCollection.run_event = probe
from mkdocs.__main__ import cli
try:
    cli(["build", "-q", "-f", sys.argv[1], "-d", sys.argv[2]], standalone_mode=False)
finally:
    print(json.dumps({"seen": seen, "after": gc.get_freeze_count()}))
"""


def test_the_model_is_frozen_while_both_languages_build_and_released_after(tmp_path):
    result = subprocess.run([sys.executable, "-c", PROBE, str(ROOT / "mkdocs.yml"), str(tmp_path / "site")],
                            capture_output=True, text=True, env=ENV, timeout=600)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    during = {(name, lang): count for name, lang, count in report["seen"]}
    assert during[("env", "nl")] > 10_000 and during[("env", "en")] > 10_000, during
    assert report["after"] == 0, "the long-lived objects were not handed back to the collector"


def test_nested_builds_release_at_the_end_of_the_outermost_or_on_an_error():
    gc.unfreeze()
    keeper = LongLivedObjects()
    try:
        keeper.begin()  # the first language
        keeper.freeze()
        keeper.begin()  # mkdocs-static-i18n builds the next one inside it
        keeper.end()
        assert gc.get_freeze_count() > 0, "released when the inner build ended"
        keeper.end()
        assert gc.get_freeze_count() == 0
        keeper.begin()
        keeper.freeze()
        keeper.release()  # a build error
        assert gc.get_freeze_count() == 0 and keeper.depth == 0
    finally:
        gc.unfreeze()
