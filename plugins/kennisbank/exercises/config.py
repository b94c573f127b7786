from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ExercisesConfig(Config):
    enabled = c.Type(bool, default=True)
    # Write QTI 1.2 and Moodle XML files of every exercise set at build time.
    export = c.Type(bool, default=True)
    # Folder (inside each language's site) that receives the exports.
    export_dir = c.Type(str, default="oefeningen/export")
    # Compute the exports in a second process while the pages are written.
    parallel = c.Type(bool, default=True)
