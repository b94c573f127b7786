"""kennisbank.background: the work a build runs in a second process, as `mkdocs serve` uses it
(the build does not wait; the result is written when ready, unless a newer build replaced it)
and as `mkdocs build` uses it (the build waits)."""
from __future__ import annotations

import gc
import pickle
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

from kennisbank.background import SHARED, Background, LanguageJobs
from kennisbank.search.files import PageSpool


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
    assert newest.wait(30)
    time.sleep(2.5)  # the older result arrives meanwhile and is dropped
    assert written == [4]


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


def test_pages_reach_the_index_process_one_at_a_time_and_their_file_goes_after_reading():
    pages = [(f"p{n}/", f"Pagina {n}", f"<p>tekst {n}</p>", 1.0) for n in range(3)]
    spool = PageSpool(pages)
    path = Path(spool.path)
    assert path.exists()
    copy = pickle.loads(pickle.dumps(spool))  # as the worker receives it
    assert list(copy) == pages
    assert not path.exists()
    unread = PageSpool(pages)
    path = Path(unread.path)
    del unread
    gc.collect()
    assert not path.exists()
