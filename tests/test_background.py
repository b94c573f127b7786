"""kennisbank.background: the work a build runs in a second process, as `mkdocs serve` uses it
(the build does not wait; the result is written when ready, unless a newer build replaced it)
and as `mkdocs build` uses it (the build waits)."""
from __future__ import annotations

import threading
import time
from types import SimpleNamespace

from kennisbank.background import SHARED, LanguageJobs


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
