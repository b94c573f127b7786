"""APA 7 reference-list entries and in-text citations, in Dutch or English.

Small on purpose: the bibliography uses a handful of source kinds, and the Dutch APA
conventions (z.d., Red., geraadpleegd) are not in the CSL processors on PyPI in usable form.
"""
from __future__ import annotations


MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}
WORDS = {
    "nl": {"nd": "z.d.", "eds": "Red.", "ed": "Red.", "in": "In", "pp": "pp.", "etal": "et al.",
           "and": "&", "dissertation": "Proefschrift", "podcast": "Podcast", "video": "Video",
           "forthcoming": "in voorbereiding"},
    "en": {"nd": "n.d.", "eds": "Eds.", "ed": "Ed.", "in": "In", "pp": "pp.", "etal": "et al.",
           "and": "&", "dissertation": "Doctoral dissertation", "podcast": "Podcast",
           "video": "Video", "forthcoming": "in press"},
}


def _year(entry: dict, lang: str) -> str:
    year = str(entry["jaar"])
    suffix = entry.get("_suffix", "")
    if year in ("z.d.", "n.d."):
        return WORDS[lang]["nd"] + (f"-{suffix}" if suffix else "")
    if year in ("fc", "in voorbereiding"):
        return WORDS[lang]["forthcoming"] + (f"-{suffix}" if suffix else "")
    return year + suffix


def _date(entry: dict, lang: str) -> str:
    """'2021' or, for dated web and magazine items, '2021, 7 april' / '2021, April 7'."""
    year = _year(entry, lang)
    raw = entry.get("datum")
    if not raw or entry.get("soort") in ("boek", "hoofdstuk", "proefschrift", "rapport"):
        return year
    parts = str(raw).split("-")
    if len(parts) < 2:
        return year
    month = MONTHS[lang][int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{year}, {month}"
    day = int(parts[2])
    return f"{year}, {day} {month}" if lang == "nl" else f"{year}, {month} {day}"


def surname(author: str) -> str:
    return author.split(",")[0].strip()


def in_text_authors(entry: dict, lang: str) -> str:
    names = [surname(a) for a in entry["auteurs"]]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} {WORDS[lang]['and']} {names[1]}"
    return f"{names[0]} {WORDS[lang]['etal']}"


def in_text(entry: dict, lang: str, locator: str = "") -> str:
    """'Putnam, 2000' (without brackets), with an optional locator: 'Putnam, 2000, p. 12'."""
    text = f"{in_text_authors(entry, lang)}, {_year(entry, lang)}"
    return f"{text}, {locator}" if locator else text


def _authors(names: list[str], lang: str) -> str:
    if len(names) == 1:
        return names[0]
    if len(names) <= 20:
        return ", ".join(names[:-1]) + f", {WORDS[lang]['and']} " + names[-1]
    return ", ".join(names[:19]) + ", … " + names[-1]


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def reference(entry: dict, lang: str) -> str:
    """The reference-list entry as Markdown (italics with *...*)."""
    words = WORDS[lang]
    kind = entry["soort"]
    authors = _end(_authors(entry["auteurs"], lang))
    head = f"{authors} ({_date(entry, lang)})."
    title = entry["titel"].strip()
    publisher = entry.get("uitgever")
    # APA leaves out the publisher when it is the author.
    if publisher and publisher in entry["auteurs"]:
        publisher = None
    if kind == "artikel":
        source = f"*{entry['tijdschrift']}*" if entry.get("tijdschrift") else ""
        if entry.get("jaargang"):
            source += f", *{entry['jaargang']}*"
            if entry.get("nummer"):
                source += f"({entry['nummer']})"
        elif entry.get("nummer"):
            source += f", ({entry['nummer']})"
        if entry.get("paginas"):
            source += f", {entry['paginas']}"
        body = f"{_end(title)} {_end(source)}" if source else _end(title)
    elif kind == "hoofdstuk":
        editors = entry.get("redacteuren") or []
        label = words["eds"] if len(editors) > 1 else words["ed"]
        eds = f"{_authors(editors, lang)} ({label}), " if editors else ""
        pages = f" ({words['pp']} {entry['paginas']})" if entry.get("paginas") else ""
        body = f"{_end(title)} {words['in']} {eds}*{entry.get('boektitel', '')}*{pages}."
        if publisher:
            body += f" {_end(publisher)}"
    else:
        tag = {"proefschrift": f" [{words['dissertation']}{', ' + entry['instelling'] if entry.get('instelling') else ''}]",
               "podcast": f" [{words['podcast']}]", "video": f" [{words['video']}]"}.get(kind, "")
        body = f"*{title}*{tag}."
        if entry.get("editie"):
            body = f"*{title}* ({entry['editie']}){tag}."
        if publisher:
            body += f" {_end(publisher)}"
    text = f"{head} {body}"
    if entry.get("url"):
        text += f" <{entry['url']}>"
    return text


def sort_key(entry: dict) -> tuple:
    return (entry["auteurs"][0].lower(), str(entry["jaar"]), entry.get("_suffix", ""), entry["titel"].lower())


