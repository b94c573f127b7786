from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class FiguresConfig(Config):
    enabled = c.Type(bool, default=True)
    # Outlines of the Dutch provinces (relative to mkdocs.yml); tools/kaart_nederland.py makes it.
    map = c.Type(str, default="data/kaart/nederland.json")
    # Glossary id of local democracy: the diagram links it to its entry on the glossary page.
    democracy = c.Type(str, default="lokale-democratie")
    # Page ids of the home page and of the learning paths and guide it offers per audience.
    home = c.Type(str, default="start")
    audiences = c.Type(dict, default={
        "student": ["eerstejaars"],
        "professional": ["nieuwe-opbouwwerker"],
        "trainer": ["seminar-strategieen", "voor-docenten"],
    })
