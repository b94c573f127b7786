"""kennisbank.background: the work a build runs in a second process, as `mkdocs serve` uses it
(the build does not wait; the result is written when ready, unless a newer build replaced it)
and as `mkdocs build` uses it (the build waits)."""
from __future__ import annotations

import gc
import json
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from kennisbank.background import SHARED, Background, LanguageJobs
from kennisbank.search.files import language_files
from kennisbank.search.stream import PageStream, StreamAborted


@pytest.fixture(autouse=True)
def private_temp(tmp_path, monkeypatch):
    """Temporary files of this test's jobs in a folder of its own (worker processes are forked
    after this, so they use it too): builds of other test workers write theirs meanwhile."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def slow_square(n: int, seconds: float) -> int:
    time.sleep(seconds)
    return n * n


class _I18n:
    def __init__(self, lang):
        self.current_language = lang


def config(lang: str = "nl"):
    return SimpleNamespace(plugins={"i18n": _I18n(lang)})


def test_a_build_waits_for_its_result():
    jobs, written = LanguageJobs(), []
    jobs.begin(config())
    jobs.submit("nl", True, slow_square, 3, 0.3)
    jobs.deliver(config(), lambda lang, result: written.append((lang, result)), wait=True)
    assert written == [("nl", 9)]
    assert SHARED.background is None  # the worker processes stopped with the last delivery


def test_during_serve_the_build_ends_before_the_result_and_it_is_written_when_ready():
    jobs, written, done = LanguageJobs(), [], threading.Event()

    def write(lang, result):
        written.append((lang, result))
        done.set()

    jobs.begin(config())
    jobs.submit("nl", True, slow_square, 4, 1.5)
    started = time.perf_counter()
    jobs.deliver(config(), write, wait=False)
    assert time.perf_counter() - started < 1.0, "the build waited for the background work"
    assert written == []
    assert done.wait(30)
    assert written == [("nl", 16)]


def test_during_serve_a_newer_build_wins_over_an_older_result():
    jobs, written, newest = LanguageJobs(), [], threading.Event()

    def write(lang, result):
        written.append(result)
        if result == 4:
            newest.set()

    jobs.begin(config())
    jobs.submit("nl", True, slow_square, 1, 2.0)  # the first build's index: slow
    jobs.deliver(config(), write, wait=False)
    jobs.begin(config())
    jobs.submit("nl", True, slow_square, 2, 0.2)  # an edit's build: done first
    jobs.deliver(config(), write, wait=False)
    before = kb_temp_files()
    assert newest.wait(30)
    time.sleep(2.5)  # the older result arrives meanwhile and is dropped
    assert written == [4]
    assert kb_temp_files() - before == set(), "the dropped result's file was left behind"


def kb_temp_files() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("kb-job-*")}


def test_a_result_waits_in_a_file_until_asked_for_and_the_file_goes_after():
    before = kb_temp_files()
    background = Background(parallel=True)
    try:
        future = background.submit(slow_square, 5, 0.0)
        while not future.done():
            time.sleep(0.05)
        waiting = kb_temp_files() - before
        assert len(waiting) == 1, "the finished result should wait in one temporary file"
        assert future.result() == 25
        assert future.result() == 25  # asked twice: read once
        assert kb_temp_files() - before == set()
        unread = background.submit(slow_square, 6, 0.0)
        while not unread.done():
            time.sleep(0.05)
        del unread  # a result nobody asks for (a cancelled serve build) leaves no file
        gc.collect()
        assert kb_temp_files() - before == set()
    finally:
        background.close()


def test_pages_reach_the_index_process_while_they_render_and_their_file_goes_after_reading():
    pages = [(f"p{n}.md", f"p{n}/", f"Pagina {n}", f"<p>buurt {n}</p><h2 id='a'>Wijk {n}</h2><p>bewoners</p>", 1.0)
             for n in range(3)]
    before = {p.name for p in Path(tempfile.gettempdir()).glob("kb-search-*")}
    background = Background(parallel=True)
    try:
        stream = PageStream()
        future = background.submit(language_files, "nl", stream, (2, 3), {}, 320, True, None)
        for page in pages:  # the index process is reading meanwhile
            time.sleep(0.2)
            stream.add(page)
        assert not future.done()
        # The end gives the order of the navigation (here another than the order of rendering).
        stream.end(order=["p2.md", "p0.md", "p1.md"], synonyms={"buurt": ["wijk"]})
        streamed = future.result(timeout=60)
    finally:
        background.close()
    listed = language_files("nl", [pages[n][1:] for n in (2, 0, 1)], (2, 3), {"buurt": ["wijk"]}, 320, True, None)
    assert (streamed.manifest_json, streamed.files, streamed.full_json) == (listed.manifest_json, listed.files, listed.full_json)
    assert json.loads(streamed.manifest_json)["synonyms"] == {"buurt": ["wijk"]}
    assert {p.name for p in Path(tempfile.gettempdir()).glob("kb-search-*")} == before


def test_an_aborted_stream_stops_its_index_process_with_a_reason():
    background = Background(parallel=True)
    try:
        stream = PageStream()
        future = background.submit(language_files, "nl", stream, (2, 3), {}, 320, False, None)
        stream.add(("a.md", "a/", "A", "<p>tekst</p>", 1.0))
        stream.abort()
        with pytest.raises(StreamAborted, match="stopped before its last page"):
            future.result(timeout=60)
    finally:
        background.close()


def test_a_stream_that_nobody_reads_leaves_no_file():
    stream = PageStream.of([("a.md", "a/", "A", "<p>tekst</p>", 1.0)])
    path = Path(stream.path)
    assert path.exists()
    del stream
    gc.collect()
    assert not path.exists()


def test_a_new_build_removes_the_files_of_a_killed_build_and_keeps_those_of_a_running_one(tmp_path):
    import subprocess
    import sys

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a build that was killed: its process no longer exists
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        orphans = [tmp_path / f"kb-search-{gone.pid}-abc.pages", tmp_path / f"kb-job-{gone.pid}-def.pickle"]
        kept = [tmp_path / f"kb-search-{running.pid}-ghi.pages", tmp_path / "kb-notes.txt"]
        for path in orphans + kept:
            path.write_text("x")
        Background(parallel=False)
        assert [p.exists() for p in orphans] == [False, False]
        assert [p.exists() for p in kept] == [True, True]
    finally:
        running.kill()
        running.wait()
