from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SourcesConfig(Config):
    enabled = c.Type(bool, default=True)
    # A YAML file, or a folder of YAML files, with the bibliography (relative to mkdocs.yml).
    bibliography = c.Type(str, default="data/bronnen")
