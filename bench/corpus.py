"""A synthetic Dutch corpus of N pages made from the site's own text, for the search benchmark.

Paragraphs of the Dutch pages are recombined (seeded, so every run makes the same corpus) into
pages with a title and a few sections, so that the vocabulary and word frequencies are the
site's own, at a larger scale."""
from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def paragraphs() -> list[str]:
    found = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        if md.name.endswith(".en.md"):
            continue
        text = md.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[2]
        for block in re.split(r"\n\s*\n", text):
            block = block.strip()
            if len(block) > 120 and not block.startswith(("#", "!!!", "<", "|", "-", ">", "{", "?")):
                found.append(re.sub(r"\[@[^\]]+\]", "", re.sub(r"\]\([^)]*\)", "]", block)).replace("[", "").replace("]", ""))
    return found


def headings() -> list[str]:
    found = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        if not md.name.endswith(".en.md"):
            found += [h.strip() for h in re.findall(r"^##+ (.+)$", md.read_text(encoding="utf-8"), re.M)]
    return [h for h in found if 3 < len(h) < 80]


CONFIG = """site_name: Corpus
docs_dir: docs
site_url: http://127.0.0.1/
theme:
  name: material
  custom_dir: {overrides}
  language: nl
  font: false
  features: [navigation.prune]
plugins:
  - search:
      lang: nl
  - kb-search:
      enabled: !ENV [KB_SEARCH, true]
      keep_full_index: !ENV [KB_KEEP_FULL_INDEX, false]
markdown_extensions: [toc, attr_list, md_in_html, admonition, abbr]
"""


def write_corpus(folder: Path, pages: int = 2000, seed: int = 7) -> Path:
    """Write the pages and their mkdocs.yml (this site's theme; kb-search unless KB_SEARCH=false)
    and return the config's path. The benchmark and the split-index test share this corpus."""
    rng = random.Random(seed)
    paras, heads = paragraphs(), headings()
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Corpus\n\nSynthetische pagina's voor de zoekbenchmark.\n", encoding="utf-8")
    for n in range(pages):
        lines = [f"# {rng.choice(heads)} {n}", "", rng.choice(paras), ""]
        for _ in range(rng.randint(2, 4)):
            lines += [f"## {rng.choice(heads)}", ""]
            lines += [rng.choice(paras) + "\n" for _ in range(rng.randint(1, 3))]
        folder_n = docs / f"deel-{n // 100:02d}"
        folder_n.mkdir(exist_ok=True)
        (folder_n / f"pagina-{n:04d}.md").write_text("\n".join(lines), encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(CONFIG.format(overrides=ROOT / "overrides"), encoding="utf-8")
    return config
