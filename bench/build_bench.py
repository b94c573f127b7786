"""Build benchmark: this site's build against a bare Material build of the same pages.

    make bench-build         (or: .venv/bin/python bench/build_bench.py [--runs 3] [--sizes 100 500 2000])

For the real site and for synthetic corpora of 100, 500 and 2,000 pages per language
(bench/site_corpus.py: the site's own cases, windows and exercise sets copied, the glossary
growing with the corpus, the copies grouped in navigation series and parts; --flat-nav puts
them all in one section), it builds both languages with this site's configuration and with
Material alone (same Markdown extensions, navigation with navigation.prune, mkdocs-static-i18n;
no project plugins, no overrides), and measures the wall time (median of --runs builds, at least
7 for the real site, the two configurations taking turns, after one unmeasured build of each;
the first build's time is printed too) and the
peak memory of the build's processes together (the sum of their PSS, sampled; the process that
builds the search index is forked from the build and shares most of its pages), with the
largest resident set of the build process alone beside it. It then runs `mkdocs serve --dirty` on the real site and on the
largest corpus and measures the time from saving one page to the rebuilt page being served.
It prints a table, the targets of issue 11 and whether each is met. Nothing here is a test.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from site_corpus import write_site_corpus  # noqa: E402

PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("SITE_URL", None)
# Runs one build in this interpreter and prints the largest resident set (KiB) of the build's
# own process.
MEASURED_BUILD = """
import resource, sys
from mkdocs.__main__ import cli
try:
    cli(["build", "-q", "--strict", "-f", sys.argv[1], "-d", sys.argv[2]], standalone_mode=False)
finally:
    print(f"KB_PEAK_KIB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
"""
REAL_RUNS = 7  # builds of the real site per configuration (at least)
TARGETS = {"real_s": 10.0, "ratio": 2.0, "serve_s": 3.0, "growth": 22.0, "memory_mib": 1024.0}


class TreeMemory(threading.Thread):
    """The peak of the memory a process and its children use together: the sum of their
    proportional set sizes (PSS, /proc/<pid>/smaps_rollup), sampled every 50 ms. A forked
    child shares most of its pages with the build, so adding the processes' resident sets
    would count those pages twice; PSS divides each shared page between its processes."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self.done = pid, 0, threading.Event()

    @staticmethod
    def _tree(pid: int) -> list[int]:
        found, todo = [], [pid]
        while todo:
            current = todo.pop()
            found.append(current)
            try:
                todo += [int(c) for c in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
            except OSError:
                pass
        return found

    @staticmethod
    def _pss_kib(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak_kib = max(self.peak_kib, sum(self._pss_kib(p) for p in self._tree(self.pid)))


def build_once(config: Path, out: Path) -> tuple[float, float, float]:
    """Wall time, peak memory of the build's processes together (PSS, MiB) and the largest
    resident set of the build process itself (MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen([PYTHON, "-c", MEASURED_BUILD, str(config), str(out)], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(proc.pid)
    memory.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    memory.done.set()
    memory.join()
    if proc.returncode != 0:
        sys.exit(f"build of {config} failed:\n{stdout}\n{stderr}")
    own = int(next(line for line in stderr.splitlines() if line.startswith("KB_PEAK_KIB")).split()[1])
    return seconds, memory.peak_kib / 1024, own / 1024


def measure(site: Path, bare: Path, work: Path, runs: int) -> tuple[tuple, tuple, float]:
    """(time, peak, rss) of this site and of Material alone: the medians of ``runs`` builds
    each, taken in turns, so that a slow moment of the machine hits both (run apart, Material's
    time on the real site swung between 2.1 and 2.8 s); and the time of this site's first build.

    Each configuration builds once before the measured runs, unmeasured: this site's first
    build in a new folder also compiles the templates and parses the hyphenation patterns it
    keeps in .cache/kennisbank, and would otherwise be one of the few samples of the median
    (Material alone keeps nothing). Its time is returned for the table's first-build column."""
    first = build_once(site, work / f"out-{site.stem}-first")[0]
    build_once(bare, work / f"out-{bare.stem}-first")
    results: dict[Path, list] = {site: [], bare: []}
    for n in range(runs):
        for config in (site, bare):
            results[config].append(build_once(config, work / f"out-{config.stem}-{n}"))

    def summary(rows):
        return statistics.median(r[0] for r in rows), max(r[1] for r in rows), max(r[2] for r in rows)

    return summary(results[site]), summary(results[bare]), first


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_edit_time(config: Path, page: Path, url_path: str, edits: int = 3) -> float:
    """Median time from saving ``page`` to `mkdocs serve --dirty` serving the new text."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{url_path}"
    proc = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-f", str(config),
                             "-a", f"127.0.0.1:{port}"], env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)

    def fetch() -> str:
        try:
            return urllib.request.urlopen(url, timeout=60).read().decode("utf-8")
        except OSError:
            return ""

    original = page.read_text(encoding="utf-8")
    times = []
    try:
        deadline = time.time() + 600
        while "<html" not in fetch():
            if time.time() > deadline or proc.poll() is not None:
                sys.exit(f"mkdocs serve did not start for {config}")
            time.sleep(0.2)
        time.sleep(2)  # let the watcher settle after the first build
        for n in range(edits):
            marker = f"kb-bench-{n}-{time.time_ns()}"
            start = time.perf_counter()
            page.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
            while marker not in fetch():
                if time.perf_counter() - start > 120:
                    sys.exit("the edit did not appear within two minutes")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
            time.sleep(1.5)
    finally:
        page.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=30)
    return statistics.median(times)


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per configuration (median)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 500, 2000], help="pages per language")
    parser.add_argument("--flat-nav", action="store_true",
                        help="list all copies of a type in one navigation section (quadratic for Material too)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="kb-bench-build-") as tmp:
        tmp = Path(tmp)
        corpora = {}
        for size in [None, *args.sizes]:
            folder = tmp / (f"corpus-{size}" if size else "real")
            site, bare, counts = write_site_corpus(folder, size, flat_nav=args.flat_nav)
            corpora[size] = (site, folder)
            # The real site is quick and its ratio is a target on the line: more runs, a steadier median.
            runs = max(args.runs, REAL_RUNS) if size is None else args.runs if size < 2000 else max(1, args.runs - 1)
            (kb_time, kb_peak, kb_rss), (bare_time, bare_peak, _), first = measure(site, bare, tmp, runs)
            rows.append({"name": "real site" if size is None else f"{size} pages", "size": size, **counts,
                         "kb": kb_time, "kb_peak": kb_peak, "kb_rss": kb_rss, "bare": bare_time, "bare_peak": bare_peak,
                         "first": first, "runs": runs})
            print(f"  measured {rows[-1]['name']}: {kb_time:.1f} s / bare {bare_time:.1f} s", flush=True)
        serve = {}
        for size in [None, max(args.sizes) if args.sizes else None]:
            if size in serve:
                continue
            site, folder = corpora[size]
            serve[size] = serve_edit_time(site, folder / "docs" / "themas" / "doenvermogen.md", "themas/doenvermogen/")

    print()
    print("| corpus | pages per language | glossary terms | this site (s) | Material alone (s) | ratio | runs | "
          "first build (s) | peak memory (MiB) | build process alone (MiB) | Material peak (MiB) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['name']} | {r['pages']:,} | {r['terms']:,} | {r['kb']:.1f} | {r['bare']:.1f} | "
              f"{r['kb'] / r['bare']:.2f} | {r['runs']} | {r['first']:.1f} | {r['kb_peak']:.0f} | {r['kb_rss']:.0f} | "
              f"{r['bare_peak']:.0f} |")
    print()
    for size, seconds in serve.items():
        print(f"mkdocs serve --dirty, {'real site' if size is None else f'{size} pages'}: "
              f"edit visible after {seconds:.2f} s (median of 3 edits)")
    real = rows[0]
    print()
    print("Targets (issue 11):")
    print(f"- real site under {TARGETS['real_s']:.0f} s: {real['kb']:.1f} s, {verdict(real['kb'] < TARGETS['real_s'])}")
    print(f"- real site at most {TARGETS['ratio']:.0f}x Material alone: {real['kb'] / real['bare']:.2f}x, "
          f"{verdict(real['kb'] / real['bare'] <= TARGETS['ratio'])}")
    print(f"- an edit visible under {TARGETS['serve_s']:.0f} s during mkdocs serve: {serve[None]:.2f} s, "
          f"{verdict(serve[None] < TARGETS['serve_s'])}")
    by_size = {r["size"]: r for r in rows}
    if 100 in by_size and 2000 in by_size:
        growth = by_size[2000]["kb"] / by_size[100]["kb"]
        print(f"- 2,000 pages at most {TARGETS['growth']:.0f}x the time of 100: {growth:.1f}x, "
              f"{verdict(growth <= TARGETS['growth'])}")
        peak = by_size[2000]["kb_peak"]
        print(f"- peak memory under 1 GiB at 2,000 pages: {peak:.0f} MiB, {verdict(peak < TARGETS['memory_mib'])}")


if __name__ == "__main__":
    main()
