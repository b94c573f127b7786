from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ContentConfig(Config):
    enabled = c.Type(bool, default=True)
    # Periods that group the canon windows (relative to mkdocs.yml).
    periods = c.Type(str, default="data/canon-perioden.yml")
    # Interface labels of the generated page parts, looked up in the theme's templates.
    labels = c.Type(str, default="kb/labels.yml")
    # Words per minute for the reading times (study reading at B1/B2 level).
    reading_speed = c.Type(int, default=170)
