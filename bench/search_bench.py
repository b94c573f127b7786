"""Search benchmark: this site's search against Pagefind and Material's built-in search.

    make bench-search            (or: .venv/bin/python bench/search_bench.py [--pages 2000] [--runs 5])

Builds the real site and a synthetic Dutch corpus (bench/corpus.py) twice each: with the
project's search (kb-search) and with plain Material search; runs Pagefind on the Material
build (same HTML). Then, in headless Debian chromium, it opens each engine cold (new browser
context, no cache) with a query and measures the time from navigation start to the first
result on screen and the bytes transferred until then (gzip, as a web server sends them).
After one discarded load each, the engines take turns load by load.
It prints a table and the ratios to Pagefind and Material. Nothing here is a test: it prints.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_corpus  # noqa: E402
from server import serve  # noqa: E402

PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUERIES = {"real": ["buurthuis", "Kanaleneiland", "bewoners"], "corpus": ["buurthuis", "Kanaleneiland", "bewoners"]}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# Pagefind runs in a copy of the same Material home page, with Material's script, as on a
# site that uses Pagefind with this theme: Material's search box is taken out of the copy
# (as if its search plugin were off), so Material neither mounts its search nor downloads
# its index. Pagefind's script starts from the head, as this site's search does, and
# shows the first result above the content.
PAGEFIND_SCRIPT = """<script type="module" async>
const q = new URLSearchParams(location.search).get("q");
const pagefind = await import("./pagefind/pagefind.js");
const search = await pagefind.search(q);
const first = await search.results[0].data();
if (document.readyState === "loading") await new Promise((done) => addEventListener("DOMContentLoaded", done));
const el = document.createElement("article");
el.className = "pf-result";
el.innerHTML = `<a href="${first.url}">${first.meta.title}</a><p>${first.excerpt}</p>`;
document.querySelector("article").prepend(el);
</script>"""


def pagefind_page(material_home: str, theme_script: bool = True) -> str:
    """The page Pagefind is measured in; without theme_script also without Material's script
    (no real site runs so, but it shows what the theme's own start-up costs)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(material_home, "html.parser")
    for element in soup.select(".md-search, label.md-header__button[for='__search']"):
        element.decompose()
    if not theme_script:
        for script in soup.select("script[src*='bundle.']"):
            script.decompose()
    soup.head.append(BeautifulSoup(PAGEFIND_SCRIPT, "html.parser"))
    return str(soup)


def timed(cmd, cwd=None, env=None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env or ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def build(config: Path, out: Path, kb: bool) -> float:
    env = {**ENV, "KB_SEARCH": "true" if kb else "false"}
    return timed([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)], env=env)


def kb_index_time(site: Path) -> float:
    """Time of the project's index build alone: sections of every page, lunr, split."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from kennisbank.search.index import build_index
    from kennisbank.search.split import split_index
    from kennisbank.search.text import sections

    start = time.perf_counter()
    for lang in ("nl", "en"):
        pages = [p for p in site.rglob("index.html") if (lang == "en") == p.relative_to(site).as_posix().startswith("en/")]
        if not pages:
            continue
        docs = []
        for page in pages:
            parent = len(docs)
            for s in sections(page.read_text(encoding="utf-8")):
                docs.append({"l": "", "t": s["title"], "p": -1 if not s["id"] else parent, "x": s["text"][:320],
                             "body": s["text"]})
        index = build_index(lang, [{"ref": str(n), "title": d["t"], "text": d["body"]} for n, d in enumerate(docs)])
        split_index(index, docs)
    return time.perf_counter() - start


def measure(browser, url: str, selector: str) -> tuple[float, int, float]:
    """(ms from navigation start to the first result, bytes received until then, ms to the
    page's DOMContentLoaded: the theme's own start-up, which no search shown in it can beat)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.add_init_script("""
      new MutationObserver(() => {
        if (!window.__first && document.querySelector(%r)) window.__first = performance.now();
      }).observe(document, {subtree: true, childList: true});
    """ % selector)
    received = []
    page.on("requestfinished", lambda r: received.append(r))
    page.goto(url)
    page.wait_for_function("window.__first !== undefined", timeout=60000)
    first = page.evaluate("window.__first")
    origin = page.evaluate("performance.timeOrigin")
    page.wait_for_load_state("domcontentloaded")
    ready = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    total = 0
    for request in list(received):
        timing = request.timing
        # startTime is wall-clock ms, responseEnd ms after it: keep what ended before the result.
        if timing["startTime"] <= 0 or timing["responseEnd"] < 0:
            continue
        if timing["startTime"] - origin + timing["responseEnd"] > first:
            continue
        try:
            sizes = request.sizes()
        except Exception:
            continue
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    context.close()
    return first, total, ready


def run(args):
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    rows = []
    try:
        corpora = {"real": ROOT / "mkdocs.yml"}
        if args.pages:
            corpus = work / "corpus"
            config = write_corpus(corpus, args.pages)
            corpora["corpus"] = config
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, config in corpora.items():
                kb_site, material_site = work / f"{name}-kb", work / f"{name}-material"
                print(f"building {name} ...", file=sys.stderr)
                build(config, kb_site, kb=True)
                build(config, material_site, kb=False)
                kb_build = kb_index_time(kb_site)
                pagefind_build = timed([PYTHON, "-m", "pagefind", "--site", str(material_site)])
                home = (material_site / "index.html").read_text(encoding="utf-8")
                (material_site / "pagefind-bench.html").write_text(pagefind_page(home), encoding="utf-8")
                (material_site / "pagefind-bare.html").write_text(pagefind_page(home, False), encoding="utf-8")
                servers = {}
                engines = {"kennisbank": (kb_site, ".md-search-result__item", "?q={q}", kb_build),
                           "pagefind": (material_site, ".pf-result", "pagefind-bench.html?q={q}", pagefind_build),
                           "material": (material_site, ".md-search-result__item", "?q={q}", None),
                           "pagefind (page without Material's script)":
                               (material_site, ".pf-result", "pagefind-bare.html?q={q}", pagefind_build)}
                urls = {}
                for engine, (site, selector, path, _) in engines.items():
                    if str(site) not in servers:
                        servers[str(site)] = serve(site)
                    urls[engine] = servers[str(site)][1] + path
                # One discarded load per engine (a fresh browser is slower at first), then
                # the engines take turns, so that a slow moment of the machine hits all alike.
                for engine, (_, selector, _, _) in engines.items():
                    measure(browser, urls[engine].format(q=QUERIES[name][0]), selector)
                samples = {engine: ([], [], []) for engine in engines}
                for _ in range(args.runs):
                    for query in QUERIES[name]:
                        for engine, (_, selector, _, _) in engines.items():
                            for sample, value in zip(samples[engine],
                                                     measure(browser, urls[engine].format(q=query), selector)):
                                sample.append(value)
                for engine, (_, _, _, build_time) in engines.items():
                    times, sizes, ready = samples[engine]
                    rows.append({"corpus": name, "engine": engine, "ms": statistics.median(times),
                                 "bytes": statistics.median(sizes), "ready": statistics.median(ready),
                                 "build": build_time})
                for httpd, _ in servers.values():
                    httpd.shutdown()
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(rows, args)


def report(rows, args):
    print(f"\nSearch benchmark ({args.runs} cold loads x {len(QUERIES['real'])} queries per engine; "
          f"corpus of {args.pages} pages; median values)\n")
    print("| corpus | engine | first result (ms) | page ready (ms) | bytes until first result (KB) | index build (s) | time vs Pagefind | time vs Material | bytes vs Pagefind |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        ref = {r["engine"]: r for r in rows if r["corpus"] == row["corpus"]}
        build = f"{row['build']:.1f}" if row["build"] is not None else "in the browser"
        print(f"| {row['corpus']} | {row['engine']} | {row['ms']:.0f} | {row['ready']:.0f} | {row['bytes'] / 1024:.0f} | {build} | "
              f"{row['ms'] / ref['pagefind']['ms']:.2f} | {row['ms'] / ref['material']['ms']:.2f} | "
              f"{row['bytes'] / ref['pagefind']['bytes']:.2f} |")
    print("\npage ready: the page's DOMContentLoaded, i.e. the end of the theme's own start-up.")
    print("\nTargets for this site's search (issue 6):")
    for corpus in dict.fromkeys(r["corpus"] for r in rows):
        ref = {r["engine"]: r for r in rows if r["corpus"] == corpus}
        kb, bytes_limit = ref["kennisbank"], 1.0 if corpus == "real" else 1.5
        checks = [("time <= 0.8x Pagefind", kb["ms"] / ref["pagefind"]["ms"], 0.8),
                  ("time <= 0.2x Material", kb["ms"] / ref["material"]["ms"], 0.2),
                  (f"bytes <= {bytes_limit}x Pagefind", kb["bytes"] / ref["pagefind"]["bytes"], bytes_limit)]
        for label, value, limit in checks:
            print(f"  {corpus:6} {label:24} {value:5.2f}  {'met' if value <= limit else 'NOT MET'}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages in the synthetic corpus (0: real site only)")
    parser.add_argument("--runs", type=int, default=5, help="cold loads per query")
    run(parser.parse_args())
