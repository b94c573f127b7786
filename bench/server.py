"""A static file server for the benchmark that compresses text responses with gzip, as a
real web server would, so that transferred bytes are comparable between engines."""
from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path

COMPRESS = {".html", ".js", ".css", ".json", ".svg", ".xml", ".wasm", ".txt"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    cache: dict = {}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in COMPRESS or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        key = str(path)
        if key not in self.cache:
            self.cache[key] = gzip.compress(path.read_bytes(), compresslevel=6)
        body = self.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        import io
        return io.BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A page closed after its first result leaves requests unfinished: not an error.
        pass


def serve(directory: Path):
    handler = functools.partial(GzipHandler, directory=str(directory))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"
