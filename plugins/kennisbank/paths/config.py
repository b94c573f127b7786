from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PathsConfig(Config):
    enabled = c.Type(bool, default=True)
    # Write an IMS Common Cartridge (.imscc) of every path at build time, into the folder
    # `export` beside the path pages (only with a public site_url: SITE_URL).
    cartridge = c.Type(bool, default=True)
    # Compute the cartridges in a second process while the pages are written.
    parallel = c.Type(bool, default=True)
