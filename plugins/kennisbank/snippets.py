"""Markdown written in content data (summaries, definitions, feedback, trainer notes, ...) to
safe HTML, and its links to other pages resolved.

Content data is not trusted to be HTML: raw HTML in it is shown as text (Python-Markdown's
HTML block and inline HTML processors are switched off), and a link or image whose address
is not http(s), mailto, an anchor or a relative path loses its address. A snippet is
converted once per language (the glossary's tooltips differ per language) and reused on
every page, in every export and in every later build of `mkdocs serve`.
"""
from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as ET

import markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.serializers import _escape_attrib_html
from markdown.treeprocessors import Treeprocessor

from .glossary.tooltips import TrieAbbr, term_pattern

SAFE_URL = re.compile(r"^(?:https?:|mailto:|#|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)
MD_HREF = re.compile(r'href="([^"#:]+?\.md)(#[^"]*)?"')
ONE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.S)
# Text that Markdown turns into one paragraph of itself: no markup character, no blank line
# or hard line break, no line that starts a block (list, quote, heading rule, code).
MARKUP = re.compile(r"[*_\[\]<>`&\\!#|{}~:]|\n\s*\n|  \n|^(?:\s*(?:[-+>=]|\d+[.)])|    |\t)", re.M)


def is_plain(text: str) -> bool:
    return not MARKUP.search(text)


def safe_url(url: str) -> bool:
    """http(s), mailto, an anchor or a relative address; not javascript:, data: and the like."""
    return bool(SAFE_URL.match(html.unescape(url).strip().replace("\t", "").replace("\n", "")))


class _SafeLinks(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not safe_url(value):
                    del element.attrib[attribute]


class _SafeMarkdown(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "kb_safe_links", 0)


class _Tooltips(AbbrExtension):
    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        TrieAbbr().extendMarkdown(md)


class Snippets:
    """Markdown -> HTML for short texts of one language."""

    def __init__(self, glossary: dict[str, str] | None = None):
        extensions: list = [_SafeMarkdown(), "attr_list"]
        if glossary:
            extensions.append(_Tooltips(glossary=glossary))
        self.md = markdown.Markdown(extensions=extensions)
        self.cache: dict[str, str] = {}
        self.glossary = {word: title for word, title in (glossary or {}).items() if title}

    def block(self, text: str | None) -> str:
        """Paragraphs, lists and the like."""
        if not text:
            return ""
        text = str(text).strip()
        if text not in self.cache:
            self.cache[text] = self._plain(text) if is_plain(text) else self.md.reset().convert(text)
        return self.cache[text]

    def _plain(self, text: str) -> str:
        """What Markdown makes of text without markup (most summaries and options), without
        running it: one paragraph, with the glossary's tooltips (checked against Markdown on
        all of the site's texts by a test)."""
        pattern = self._tooltip_pattern()
        if pattern is not None:
            text = pattern.sub(lambda m: f'<abbr title="{_escape_attrib_html(self.glossary[m.group(0)])}">'
                                         f"{m.group(0)}</abbr>", text)
        return f"<p>{text}</p>"

    def _tooltip_pattern(self):
        if not self.glossary:
            return None
        return term_pattern(frozenset(self.glossary))

    def inline(self, text: str | None) -> str:
        """One line of text: the paragraph around it left out."""
        out = self.block(text)
        match = ONE_PARAGRAPH.match(out)
        return match.group(1) if match and "<p>" not in match.group(1) else out


def resolve_md_links(fragment: str, source_uri: str, url_of) -> str:
    """Turn links to Markdown files (relative to the file the text was written in,
    ``source_uri``) into the addresses ``url_of(target_src_uri)`` gives (None: leave it)."""
    base = posixpath.dirname(source_uri)

    def replace(match):
        target = posixpath.normpath(posixpath.join(base, html.unescape(match.group(1))))
        url = url_of(target)
        if url is None:
            return match.group(0)
        return f'href="{html.escape(url + (match.group(2) or ""), quote=True)}"'

    return MD_HREF.sub(replace, fragment)
