"""When each file last changed, from git: one `git log` for the whole tree.

mkdocs-git-revision-date-localized-plugin was tried first: its query for the last change
(`git log --diff-filter=r`) returns nothing with Debian 12's git 2.39, and it asks git once
per page. One pass over the log gives every file's date at once. Without git or history (an
archive, a shallow clone that lacks a file) a file gets no date and the page shows the date
of the build instead."""
from __future__ import annotations

import subprocess
from pathlib import Path


def last_changes(root: Path, *folders: str) -> dict[str, int]:
    """{path relative to root: unix time of the last commit that changed it}."""
    try:
        run = subprocess.run(["git", "-C", str(root), "log", "--format=%x00%ct", "--name-only", "--no-renames",
                              "--", *folders], capture_output=True, text=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, int] = {}
    for block in run.stdout.split("\0")[1:]:
        lines = block.strip("\n").split("\n")
        try:
            stamp = int(lines[0])
        except (ValueError, IndexError):
            continue
        for name in lines[1:]:
            if name and name not in dates:  # newest first: the first date is the last change
                dates[name] = stamp
    return dates
