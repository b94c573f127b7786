"""Work of a build that can run beside it in a second process (the search index, the exports),
so that it overlaps with rendering the pages and the next language."""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import pickle
import re
import tempfile
import weakref
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from . import i18n

log = get_plugin_logger(__name__)


def _give_back_memory() -> None:
    """Return the freed memory of a finished job to the system. A worker lives as long as the
    build; without this it keeps the peak of its largest job (an index of 2,000 pages: about
    300 MiB) while the other worker builds the next language's."""
    gc.collect()
    name = ctypes.util.find_library("c")
    if name:
        try:
            ctypes.CDLL(name).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc: its allocator returns memory its own way
            pass


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


# Temporary files of a build (pages on their way to the index, finished results) are named
# after the build's process: those of a build that was killed before it could remove them
# are removed by the next build that starts.
ORPHAN = re.compile(r"^kb-(?:job|search)-(\d+)-")


def temp_file(kind: str, suffix: str, build_pid: int | None = None) -> tuple[int, str]:
    """mkstemp() for a file of the build whose process is ``build_pid`` (this process)."""
    return tempfile.mkstemp(prefix=f"kb-{kind}-{build_pid or os.getpid()}-", suffix=suffix)


def remove_orphans() -> None:
    """Remove the temporary files of builds whose process is gone (killed, e.g. a stopped
    `mkdocs serve` with results still on their way)."""
    for path in Path(tempfile.gettempdir()).glob("kb-*"):
        match = ORPHAN.match(path.name)
        if not match or int(match.group(1)) == os.getpid():
            continue
        try:
            os.kill(int(match.group(1)), 0)
        except ProcessLookupError:
            _unlink(str(path))
        except (PermissionError, OverflowError):
            pass  # another user's process, or no process at all: not ours to judge


def _run(function, *args) -> str:
    """Run a job in a worker and leave its result in a temporary file (its path is returned):
    the build reads it when the language's build ends, instead of holding every finished
    result (the exports of both languages, an index) from the moment it arrives."""
    try:
        value = function(*args)
        fd, path = temp_file("job", ".pickle", os.getppid())  # named after the build that forked this worker
        with os.fdopen(fd, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        del value
        return path
    finally:
        _give_back_memory()


class _FromFile:
    """The future of a job run by ``_run``: its result is read from the file when asked for,
    once. The file goes when it has been read, or with this object."""

    def __init__(self, inner: Future):
        self._inner = inner
        self._value = self._missing = object()
        state = self._state = {"gone": False}

        def discard(done: Future) -> None:  # a result nobody will ask for any more
            if state["gone"] and not done.cancelled() and done.exception() is None:
                _unlink(done.result())

        def gone() -> None:
            state["gone"] = True
            if inner.done():
                discard(inner)

        weakref.finalize(self, gone)
        inner.add_done_callback(discard)

    def done(self) -> bool:
        return self._inner.done()

    def cancelled(self) -> bool:
        return self._inner.cancelled()

    def exception(self, timeout=None):
        return self._inner.exception(timeout)

    def add_done_callback(self, function) -> None:
        self._inner.add_done_callback(lambda _: function(self))

    def discard(self) -> None:
        """The result is not wanted (a newer build's replaced it): its file goes now."""
        if self._inner.done() and not self._inner.cancelled() and self._inner.exception() is None:
            _unlink(self._inner.result())

    def result(self, timeout=None):
        if self._value is self._missing:
            path = self._inner.result(timeout)
            try:
                with open(path, "rb") as spool:
                    self._value = pickle.load(spool)
            finally:
                _unlink(path)
        return self._value


class Background:
    """Runs functions in forked worker processes. Fork, because the child then starts
    with lunr, nltk's stemmer and the term cache already loaded; a build without fork (or with
    `parallel: false`) computes in the MkDocs process itself.

    The workers are forked as soon as the pool is made (at the start of a build, while the
    build's memory is still small), with the objects of that moment frozen out of the garbage
    collector: a process forked after the pages were rendered, or whose collector walks the
    build's objects, makes its own copy of the build's memory page by page (measured: a second
    build's worth per worker). Everything a job needs travels in its arguments."""

    def __init__(self, parallel: bool, workers: int = 1):
        self.pool = None
        remove_orphans()
        if parallel and "fork" in multiprocessing.get_all_start_methods():
            self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
            gc.freeze()
            try:
                self.pool.submit(int).result()  # the first job forks every worker
            finally:
                gc.unfreeze()

    def submit(self, function, *args) -> "Future | _FromFile":
        if self.pool is not None:
            return _FromFile(self.pool.submit(_run, function, *args))
        future: Future = Future()
        future.set_result(function(*args))
        return future

    def close(self, wait: bool = True) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=wait)  # without wait, queued work still runs to its end
            self.pool = None


class _Shared:
    """One Background for all of a build's LanguageJobs (the search index, the exports, the
    cartridges), made when the first of them begins and closed when the last is collected."""

    def __init__(self):
        self.background: Background | None = None
        self.users: set[int] = set()  # ids of the LanguageJobs with work pending or begun

    def get(self, owner, parallel: bool, workers: int) -> Background:
        if self.background is None:
            self.background = Background(parallel, workers)
        self.users.add(id(owner))
        return self.background

    def release(self, owner, wait: bool = True) -> None:
        self.users.discard(id(owner))
        if not self.users and self.background is not None:
            self.background.close(wait)  # with wait, until the running work is done
            self.background = None


SHARED = _Shared()
WORKERS = 2  # one per language of the site: both languages' indexes are built side by side


class LanguageJobs:
    """What a build computes per language in a Background (the exports, the cartridges, the
    search index), started once and collected when each language's build ends.

    mkdocs-static-i18n builds the next language inside the first language's on_post_build and
    leaves its current language at the last one built, so each build pushes its own language
    in on_pre_build (`begin`) and takes it back in on_post_build (`deliver`)."""

    def __init__(self):
        self._languages: list[str] = []
        self._pending: dict[str, Future] = {}
        self._generation: dict[str, int] = {}  # lang -> number of the newest delivery (serve)
        self._background: Background | None = None

    def _shared(self, parallel: bool) -> Background:
        if self._background is None:
            self._background = SHARED.get(self, parallel, WORKERS)
        return self._background

    def begin(self, config, parallel: bool = True) -> None:
        self._languages.append(i18n.build_language(config))
        self._shared(parallel)

    def started(self, lang: str | None = None) -> bool:
        """Whether work was submitted (for ``lang``, or for any language)."""
        return lang in self._pending if lang is not None else bool(self._pending)

    def in_background(self, parallel: bool = True) -> bool:
        """Whether submitted work runs in another process (else ``submit`` runs it at once)."""
        return parallel and self._shared(parallel).pool is not None

    def submit(self, lang: str, parallel: bool, function, *args) -> None:
        background = self._shared(parallel)
        if not parallel:
            future: Future = Future()
            future.set_result(function(*args))
            self._pending[lang] = future
            return
        self._pending[lang] = background.submit(function, *args)

    def deliver(self, config, write, wait: bool = True) -> None:
        """Hand the result of the language whose build ends to ``write(lang, result)``.

        With ``wait`` (a build) the build waits for it. Without (`mkdocs serve`, where an
        author waits for the edited page, not for the search index or the exports) the build
        ends at once and ``write`` runs when the result is ready, unless a later build has
        started the same work meanwhile (its result would be older)."""
        lang = self._languages.pop() if self._languages else i18n.build_language(config)
        future = self._pending.pop(lang, None)
        last = not self._pending and not self._languages
        if future is not None and not wait and not future.done():
            generation = self._generation[lang] = self._generation.get(lang, 0) + 1

            def ready(done: Future) -> None:
                if done.cancelled() or self._generation.get(lang) != generation:
                    getattr(done, "discard", lambda: None)()
                    return
                if done.exception() is not None:
                    log.error(f"{lang}: background work failed: {done.exception()!r}")
                    return
                try:
                    write(lang, done.result())
                except Exception as exc:  # in the pool's thread: say it, the server goes on
                    log.error(f"{lang}: writing the result of background work failed: {exc!r}")

            future.add_done_callback(ready)
            if last:
                self._background = None
                SHARED.release(self, wait=False)
            return
        if last:
            self._background = None
            SHARED.release(self)
        if future is not None:
            write(lang, future.result())

    def cancel(self) -> None:
        """A failed build (e.g. a content error during `mkdocs serve`) leaves nothing half done."""
        self._pending.clear()
        self._languages.clear()
        self._background = None
        SHARED.release(self)
