"""Work of a build that can run beside it in a second process (the search index, the exports),
so that it overlaps with rendering the pages and the next language."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor

from . import i18n


class Background:
    """Runs functions in forked worker processes. Fork, because the child then starts
    with lunr, nltk's stemmer and the term cache already loaded; a build without fork (or with
    `parallel: false`) computes in the MkDocs process itself."""

    def __init__(self, parallel: bool, workers: int = 1):
        self.pool = None
        if parallel and "fork" in multiprocessing.get_all_start_methods():
            self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))

    def submit(self, function, *args) -> Future:
        if self.pool is not None:
            return self.pool.submit(function, *args)
        future: Future = Future()
        future.set_result(function(*args))
        return future

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None


class LanguageJobs:
    """What a build computes per language in a Background (the exports, the cartridges, the
    search index), started once and collected when each language's build ends.

    mkdocs-static-i18n builds the next language inside the first language's on_post_build and
    leaves its current language at the last one built, so each build pushes its own language
    in on_pre_build (`begin`) and takes it back in on_post_build (`finish`)."""

    def __init__(self):
        self._languages: list[str] = []
        self._pending: dict[str, Future] = {}
        self._background: Background | None = None

    def begin(self, config) -> None:
        self._languages.append(i18n.build_language(config))

    def started(self) -> bool:
        return bool(self._pending)

    def submit(self, lang: str, parallel: bool, function, *args, workers: int = 1) -> None:
        if self._background is None:
            self._background = Background(parallel, workers)
        self._pending[lang] = self._background.submit(function, *args)

    def finish(self, config) -> tuple[str, Future | None]:
        """The language whose build ends and its result (None when none was started); the
        worker processes stop once every language is collected."""
        lang = self._languages.pop() if self._languages else i18n.build_language(config)
        future = self._pending.pop(lang, None)
        if not self._pending and self._background is not None:
            self._background.close()  # waits for the running work: `future` is done
            self._background = None
        return lang, future

    def cancel(self) -> None:
        """A failed build (e.g. a content error during `mkdocs serve`) leaves nothing half done."""
        self._pending.clear()
        self._languages.clear()
        if self._background is not None:
            self._background.close()
            self._background = None
