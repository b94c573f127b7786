"""Work of a build that can run beside it in a second process (the search index, the exports),
so that it overlaps with rendering the pages and the next language."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor


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
