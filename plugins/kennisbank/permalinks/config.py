from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PermalinksConfig(Config):
    enabled = c.Type(bool, default=True)
    # Every address the site has published; a build in which one disappears without a
    # redirect stops. Committed, updated by the build when pages are added.
    lock = c.Type(str, default="data/urls.lock")
    # Old addresses and the page id (or address) that replaces them.
    redirects = c.Type(str, default="data/redirects.yml")
    # Permanent links are <site>/<prefix>/<id>/ (English: <site>/en/<prefix>/<id>/).
    prefix = c.Type(str, default="m")
    # A publishing build (make build) must know the published address: SITE_URL.
    require_site_url = c.Type(bool, default=False)
