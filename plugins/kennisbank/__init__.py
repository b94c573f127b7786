"""MkDocs plugins of the Kennisbank Opbouwwerk.

- ``kb-content``: the content model (front matter per page type), its validation and the
  pages and page parts generated from it.
- ``kb-sources``: the bibliography, in-text citations and per-page source lists.
- ``kb-glossary``: the glossary page and tooltips for glossary terms.
"""
