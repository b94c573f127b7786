"""kb-paths: learning paths (page type ``leerroute``): their checks, the path page, the step
bar on every page reached from a path, handouts and a Common Cartridge module per path."""
from __future__ import annotations

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from ..base import KeptAcrossRebuilds
from ..errors import report
from .config import PathsConfig
from .steps import check_paths

log = get_plugin_logger(__name__)


class PathsPlugin(KeptAcrossRebuilds, BasePlugin[PathsConfig]):
    def __init__(self):
        self.content = None

    @property
    def model(self):
        return self.content.model if self.content else None

    @event_priority(44)  # after kb-content (50) built the model
    def on_files(self, files, config):
        if not self.config.enabled:
            return files
        self.content = config.plugins.get("kb-content")
        if self.model is not None:
            report(check_paths(self.model), log, "learning path")
        return files
