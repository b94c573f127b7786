"""Whether this build is the copy that works from a folder (file://): `make offline` turns on
Material's offline plugin, which also turns off directory URLs."""
from __future__ import annotations

SHIM = "assets/javascripts/vendor/iframe-worker-1.0.4.js"


def is_offline(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)
