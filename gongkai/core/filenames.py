"""Safe names for uploaded files (framework-free): shared by every app that stores an upload."""

import re
from urllib.parse import quote

MAX_NAME = 120


def safe_filename(name: str) -> str:
    """The one file-name cleaner (文件名清理) of every upload: the base name only (no path parts), control and
    reserved characters replaced, at most ``MAX_NAME`` characters (the start of the name and its extension kept)."""
    name = (name or "附件").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f<>:\"|?*]", "_", name).strip(" .") or "附件"
    if len(name) <= MAX_NAME:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 10:
        return name[:MAX_NAME]
    return stem[: MAX_NAME - len(suffix) - 1].rstrip(" .") + "." + suffix


def download_disposition(name: str, fallback: str = "") -> str:
    """``Content-Disposition`` for a download named ``name`` (RFC 5987, so Chinese names survive); ``fallback``
    is an ASCII name for clients that ignore ``filename*``."""
    plain = f'; filename="{fallback}"' if fallback else ""
    return f"attachment{plain}; filename*=UTF-8''{quote(name)}"
