"""Synthetic copies of the whole site at a larger scale, for the build benchmark.

A corpus of N pages per language is the real site (every page, the bibliography, the glossary,
the periods) plus copies of its own practice cases, canon windows and exercise sets, in both
languages, each with a new id, title and question ids, listed in the navigation as real pages
are; the glossary grows with the corpus (about as many terms per page as the real site has),
its new terms being words that occur in the corpus' text, so that tooltips are applied. The
same seed gives the same corpus. A bare configuration builds the same pages with Material
alone: same Markdown extensions, navigation and mkdocs-static-i18n, no project plugins, no
overrides."""
from __future__ import annotations

import copy
import re
import shutil
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CLONED_TYPES = {"praktijkvoorbeeld": "Praktijkvoorbeelden", "venster": "Canon", "oefening": "Oefeningen"}
# How copies are grouped in the navigation: a series of NAV_SERIES copies per section (shown
# expanded, as Material's navigation.sections shows the sections of a tab), in parts of
# NAV_PART (collapsed, so navigation.prune leaves their pages out of other pages). A site of
# thousands of pages groups them like this (by period, region, theme); one flat section of
# hundreds of pages makes every page render hundreds of siblings, and Material's build alone
# quadratic (--flat-nav measures that).
NAV_SERIES = 100
NAV_PART = 25


# -- mkdocs.yml with its tags (!ENV, !!python/name) kept ---------------------------------------

class PythonName(str):
    pass


class _Loader(yaml.SafeLoader):
    pass


def _env(loader, node):
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    return values[-1] if len(values) > 1 else None  # the default value: the benchmark sets no variables


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: PythonName(suffix))


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(PythonName, lambda dumper, value: dumper.represent_scalar(
    f"tag:yaml.org,2002:python/name:{value}", ""))


def load_site_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def write_config(config: dict, path: Path) -> Path:
    path.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def bare_config(config: dict) -> dict:
    """The same site for Material alone."""
    bare = copy.deepcopy(config)
    bare["theme"].pop("custom_dir", None)
    bare.pop("extra_css", None)
    bare["plugins"] = [p for p in bare["plugins"]
                       if (next(iter(p)) if isinstance(p, dict) else p) in ("search", "i18n")]
    return bare


# -- front matter --------------------------------------------------------------------------------

def split(text: str) -> tuple[dict, str]:
    _, head, body = text.split("---", 2)
    return yaml.safe_load(head), body


def join(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---" + body


def _clone(meta: dict, n: int, dutch: bool) -> dict:
    meta = copy.deepcopy(meta)
    if dutch:
        meta["id"] = f"{meta['id']}-k{n}"
    meta["title"] = f"{meta['title']} ({n})"
    for question in meta.get("vragen") or []:
        question["id"] = f"{question['id']}-k{n}"
    return meta


def _nav_section(nav: list, name: str) -> list:
    for item in nav:
        if isinstance(item, dict) and name in item:
            return item[name]
    raise KeyError(name)


# -- glossary -------------------------------------------------------------------------------------

def _words(texts, taken: set[str]) -> list[str]:
    counts = Counter(w for t in texts for w in re.findall(r"\b[a-zà-ÿ]{9,}\b", t))
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if w not in taken]


def grow_glossary(data: Path, docs: Path, terms_wanted: int) -> int:
    path = data / "begrippen.yml"
    terms = yaml.safe_load(path.read_text(encoding="utf-8"))
    taken_nl = {w.lower() for t in terms for w in [t["term"], *(t.get("synoniemen") or [])]}
    taken_en = {w.lower() for t in terms for w in [t["engels"], *(t.get("synoniemen_en") or [])]}
    dutch = _words((p.read_text(encoding="utf-8") for p in docs.rglob("*.md") if not p.name.endswith(".en.md")), taken_nl)
    english = _words((p.read_text(encoding="utf-8") for p in docs.rglob("*.en.md")), taken_en)
    extra = min(max(0, terms_wanted - len(terms)), len(dutch), len(english))
    for n in range(extra):
        model = terms[n % len(terms)]
        terms.append({"id": f"corpus-{n}", "term": dutch[n], "engels": english[n],
                      "definitie": model["definitie"], "definitie_en": model["definitie_en"]})
    path.write_text(yaml.safe_dump(terms, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(terms)


# -- the corpus -----------------------------------------------------------------------------------

def _nav_place(section: list, kind: str, copy_number: int, flat: bool) -> list:
    """The list that the ``copy_number``-th copy of this kind goes into: the section itself
    (flat), or part "Deel p" of series "<kind> s" of the section."""
    if flat:
        return section
    series = f"{CLONED_TYPES[kind]} {copy_number // NAV_SERIES + 1}"
    part = f"Deel {copy_number % NAV_SERIES // NAV_PART + 1}"
    for name, inside in ((series, section), (part, None)):
        if inside is None:
            inside = found
        found = next((item[name] for item in inside if isinstance(item, dict) and name in item), None)
        if found is None:
            found = []
            inside.append({name: found})
    return found


def write_site_corpus(folder: Path, pages: int | None = None, flat_nav: bool = False) -> tuple[Path, Path, dict]:
    """Write a corpus of ``pages`` pages per language (None: the real site as it is) and
    return (this site's config, the bare Material config, counts). The copies are listed in
    subsections of NAV_GROUP pages, or all in their type's section with ``flat_nav``."""
    docs, data = folder / "docs", folder / "data"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(ROOT / "data", data)
    config = load_site_config()
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["validation"]["omitted_files"] = "warn"
    for plugin in config["plugins"]:
        if isinstance(plugin, dict):
            for name, options in plugin.items():
                for key in ("bibliography", "glossary", "periods"):
                    if options and key in options:
                        options[key] = str(data / Path(options[key]).relative_to("data"))
    dutch = sorted(p for p in docs.rglob("*.md") if not p.name.endswith(".en.md"))
    real = len(dutch)
    templates = []
    for path in dutch:
        meta, _ = split(path.read_text(encoding="utf-8"))
        if meta.get("type") in CLONED_TYPES and path.with_suffix(".en.md").exists():
            templates.append((path, meta["type"]))
    wanted = real if pages is None else pages
    copies: Counter = Counter()
    for n in range(max(0, wanted - real)):
        path, kind = templates[n % len(templates)]
        round_ = n // len(templates) + 1
        for file, is_dutch in ((path, True), (path.with_suffix(".en.md"), False)):
            meta, body = split(file.read_text(encoding="utf-8"))
            stem = file.name.split(".")[0]
            target = file.with_name(f"{stem}-k{round_}" + file.name[len(stem):])
            target.write_text(join(_clone(meta, round_, is_dutch), body), encoding="utf-8")
        section = _nav_place(_nav_section(config["nav"], CLONED_TYPES[kind]), kind, copies[kind], flat_nav)
        copies[kind] += 1
        section.append(path.relative_to(docs).with_name(f"{path.stem}-k{round_}.md").as_posix())
    # About as many glossary terms per page as the real site has.
    real_terms = len(yaml.safe_load((ROOT / "data" / "begrippen.yml").read_text(encoding="utf-8")))
    terms = grow_glossary(data, docs, round(real_terms * wanted / real))
    site = write_config(config, folder / "mkdocs.yml")
    bare = write_config(bare_config(config), folder / "mkdocs-bare.yml")
    return site, bare, {"pages": max(wanted, real), "terms": terms}
