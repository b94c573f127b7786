"""The table of contents of a page whose generated parts were added as HTML after Markdown:
MkDocs took the headings from the Markdown alone, so the sidebar and the anchor check would
miss "Gerelateerd", "Bronnen" and the headings of the overview lists."""
from __future__ import annotations

import re

from markupsafe import Markup
from mkdocs.structure.toc import AnchorLink, TableOfContents

HEADING = re.compile(r'<h([2-6]) id="([^"]+)"([^>]*)>(.*?)</h\1>', re.S)
HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
ID = re.compile(r'\sid="([^"]+)"')


def rebuild_toc(page, html: str) -> None:
    """Set ``page.toc`` from the headings of the final HTML, keeping MkDocs' own entries
    (their titles may hold markup the HTML no longer shows the same way)."""
    known = {}

    def walk(items):
        for item in items:
            known[item.id] = item.title
            walk(item.children)

    walk(page.toc or [])
    roots: list[AnchorLink] = []
    stack: list[AnchorLink] = []
    for level, anchor, attributes, inner in HEADING.findall(html):
        if 'data-kb-toc="no"' in attributes:  # trainer notes: not in the learner's contents
            continue
        title = known.get(anchor) or Markup(HEADERLINK.sub("", inner)).striptags()
        link = AnchorLink(str(Markup.escape(title)) if anchor not in known else title, anchor, int(level))
        while stack and stack[-1].level >= link.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(link)
        stack.append(link)
    toc = TableOfContents(roots)
    if roots:
        roots[0].active = True
    page.toc = toc
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= set(ID.findall(html))
