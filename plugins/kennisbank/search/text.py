"""Split a rendered page into searchable sections (page intro plus one per h2/h3)."""
from __future__ import annotations

import re
from html.parser import HTMLParser

SKIP = {"script", "style", "template"}
# Tags that separate words; inline tags (a, em, abbr, ...) do not.
BLOCK = {"p", "li", "ul", "ol", "div", "section", "article", "br", "td", "th", "tr", "table",
         "dt", "dd", "dl", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "details",
         "legend", "label", "option", "figcaption", "pre", "hr", "nav"}
SPACE = re.compile(r"\s+")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Sections(HTMLParser):
    def __init__(self, levels):
        super().__init__(convert_charrefs=True)
        self.levels = {f"h{n}" for n in levels}
        self.sections = [{"id": "", "title": "", "text": []}]
        self.heading = None  # [tag, id, parts] while inside a section heading
        self.skipping: list[str] = []  # tags whose text is left out, innermost last

    def _gap(self):
        (self.heading[2] if self.heading else self.sections[-1]["text"]).append(" ")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in BLOCK:
            self._gap()
        classes = (attrs.get("class") or "").split()
        # Permalinks (¶) and admonition titles ("In het kort", "Studievraag") are interface
        # labels: they would only clutter the snippets and match every page.
        # Trainer notes (answer keys) are no search result for learners.
        # Figures (map, timeline, matrix, diagram) repeat the page's own lists in another form.
        # The line under the title (reading time, date, citation box) is the same on every page
        # and would open every snippet.
        if tag in SKIP or (tag == "a" and "headerlink" in classes) or "admonition-title" in classes \
                or "kb-trainer" in classes or "kb-fig" in classes or "kb-page-meta" in classes or self.skipping:
            if tag not in VOID:  # they have no end tag that would close the skipped part
                self.skipping.append(tag)
        elif tag in self.levels and attrs.get("id"):
            self.heading = [tag, attrs["id"], []]

    def handle_endtag(self, tag):
        if tag in BLOCK and not self.heading:
            self._gap()
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif self.heading and tag == self.heading[0]:
            title = SPACE.sub(" ", "".join(self.heading[2])).strip()
            self.sections.append({"id": self.heading[1], "title": title, "text": []})
            self.heading = None

    def handle_data(self, data):
        if self.skipping:
            return
        data = data.replace("\u00ad", "")  # soft hyphens (kennisbank.hyphenate) are no letters
        if self.heading:
            self.heading[2].append(data)
        else:
            self.sections[-1]["text"].append(data)


def sections(html: str, levels=(2, 3)) -> list[dict]:
    """[{'id': '' for the intro, 'title', 'text'}, ...] in page order."""
    parser = _Sections(levels)
    parser.feed(html)
    parser.close()
    out = []
    for section in parser.sections:
        text = SPACE.sub(" ", "".join(section["text"])).strip()
        out.append({"id": section["id"], "title": section["title"], "text": text})
    return out
