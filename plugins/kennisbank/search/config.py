from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)
    # Heading levels that start a section of their own in the index.
    section_levels = c.Type(list, default=[2, 3])
    # Characters of text kept per document for the result snippet.
    snippet_length = c.Type(int, default=320)
    # Keep Material's own index as search/material-search-index.json, for the tests and the
    # benchmark that compare relevance and size with Material's built-in search.
    keep_material_index = c.Type(bool, default=False)
    # Also write the unsplit index as search/kb-index.<lang>.json (tests and benchmark only).
    keep_full_index = c.Type(bool, default=False)
    # Weight of a page type's documents in the ranking, unless a page sets search.boost:
    # overviews and exercise sets repeat what the pages they list explain.
    type_boost = c.Type(dict, default={"overzicht": 0.5, "oefening": 0.7})
    # Build the index of one language in a second process while the next one renders.
    parallel = c.Type(bool, default=True)
