"""Safe names for uploaded files (framework-free): shared by every app that stores an upload."""

import re


def safe_filename(name: str) -> str:
    """The base name only, control and reserved characters replaced, at most 120 characters (the end kept)."""
    name = (name or "附件").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f<>:\"|?*]", "_", name).strip(" .") or "附件"
    return name[-120:]
