from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class GlossaryConfig(Config):
    enabled = c.Type(bool, default=True)
    glossary = c.Type(str, default="data/begrippen.yml")
    # Show a tooltip on glossary terms in page text (Markdown's abbr extension renders them).
    tooltips = c.Type(bool, default=True)
