"""What every plugin of the project shares."""
from __future__ import annotations


class KeptAcrossRebuilds:
    """Mixin for the project's plugins (before BasePlugin in the bases)."""

    serving = False

    def on_startup(self, *, command, dirty):
        # Defining on_startup makes MkDocs keep this plugin instance across `mkdocs serve`
        # rebuilds, and with it the caches of the model, the glossary, the rendered
        # snippets and the search index.
        self.serving = command == "serve"
