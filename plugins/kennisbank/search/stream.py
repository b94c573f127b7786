"""Rendered pages on their way to the index process, through a temporary file.

A build adds each page as soon as it is rendered, and the index process reads, splits and
tokenises it meanwhile, so that after the last page only lunr's weights and the split remain
(before, all of the language's work started after its last page). The file also spares both
processes the whole language's HTML as one pickled message (about 70 MiB at 2,000 pages).

Records are length-prefixed pickles: the reader takes a record only once all of it is there.
"""
from __future__ import annotations

import os
import pickle
import struct
import time
import weakref
from typing import Iterator

from ..background import temp_file

HEADER = struct.Struct("<Q")  # the length of the pickled record that follows
# A build that stopped without ending its stream (killed, or an error no event reported):
# the reader gives up instead of holding a worker, and the build's exit, forever.
IDLE_LIMIT_S = 120.0
POLL_S = 0.01


class StreamAborted(Exception):
    """The build ended the stream without its end: there is no index to make."""


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


class PageStream:
    """Written by the build (``add`` per page, then ``end`` or ``abort``), read once by the
    index process (iterating gives the pages; ``details`` then holds what ``end`` gave).
    The file goes when it has been read, or with the writer's object if it never was."""

    def __init__(self):
        fd, self.path = temp_file("search", ".pages")
        self._out = os.fdopen(fd, "wb")
        self._writer = os.getpid()
        self._remove = weakref.finalize(self, _unlink, self.path)
        self.details: dict = {}

    @classmethod
    def of(cls, pages, **details) -> "PageStream":
        """A stream of pages that are all known already (``mkdocs serve``)."""
        stream = cls()
        for page in pages:
            stream.add(page)
        stream.end(**details)
        return stream

    @property
    def writing(self) -> bool:
        return self._out is not None

    def add(self, page: tuple) -> None:
        self._write(("page", page))

    def end(self, **details) -> None:
        self._write(("end", details))
        self._close()

    def abort(self) -> None:
        if self.writing:
            self._write(("abort", None))
            self._close()

    def _write(self, record) -> None:
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        self._out.write(HEADER.pack(len(data)) + data)
        self._out.flush()  # one whole record on disk: the reader may be waiting for it

    def _close(self) -> None:
        self._out.close()
        self._out = None

    def __getstate__(self):
        return {"path": self.path, "writer": self._writer}  # the reader's copy removes the file

    def __setstate__(self, state):
        self.path, self._writer, self._out, self._remove, self.details = state["path"], state["writer"], None, None, {}

    def __iter__(self) -> Iterator[tuple]:
        try:
            with open(self.path, "rb") as source:
                yield from self._records(source)
        finally:
            _unlink(self.path)

    def _records(self, source) -> Iterator[tuple]:
        buffer, start, idle = bytearray(), 0, time.monotonic()
        while True:
            chunk = source.read(1 << 20)
            if chunk:
                buffer += chunk
                idle = time.monotonic()
            while len(buffer) - start >= HEADER.size:
                (length,) = HEADER.unpack_from(buffer, start)
                if len(buffer) - start - HEADER.size < length:
                    break
                kind, value = pickle.loads(buffer[start + HEADER.size:start + HEADER.size + length])
                start += HEADER.size + length
                if kind == "page":
                    yield value
                elif kind == "end":
                    self.details = value
                    return
                else:
                    raise StreamAborted("the build stopped before its last page")
            if start:
                del buffer[:start]
                start = 0
            if not chunk:
                if os.getppid() != self._writer and os.getpid() != self._writer:
                    raise StreamAborted("the build that wrote the pages has ended")
                if time.monotonic() - idle > IDLE_LIMIT_S:
                    raise StreamAborted(f"no page came for {IDLE_LIMIT_S:.0f} s")
                time.sleep(POLL_S)
