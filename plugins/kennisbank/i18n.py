"""What the project's plugins need to know of mkdocs-static-i18n."""
from __future__ import annotations


def languages(config) -> list[str]:
    """Configured languages, default first (['nl'] without the i18n plugin)."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return [config.theme.get("language") or "nl"]
    langs = [lang.locale for lang in plugin.config.languages]
    default = next((lang.locale for lang in plugin.config.languages if lang.default), langs[0])
    return [default] + [lang for lang in langs if lang != default]


def build_language(config) -> str:
    """The language the current build pass renders (i18n builds once per language)."""
    plugin = config.plugins.get("i18n")
    if plugin is None or plugin.current_language is None:
        return languages(config)[0]
    return plugin.current_language
