from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CspConfig(Config):
    enabled = c.Type(bool, default=True)
    # The policy; 'sha256-…' sources for the page's own inline scripts are added per page.
    policy = c.Type(dict, default={
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self' 'unsafe-inline'",  # Material sets styles from its script
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "worker-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
    })
