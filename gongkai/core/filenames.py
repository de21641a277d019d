"""Safe names for uploaded files (framework-free): shared by every app that stores an upload."""

import re
from urllib.parse import quote


def safe_filename(name: str) -> str:
    """The base name only, control and reserved characters replaced, at most 120 characters (the end kept)."""
    name = (name or "附件").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f<>:\"|?*]", "_", name).strip(" .") or "附件"
    return name[-120:]


def download_disposition(name: str, fallback: str = "") -> str:
    """``Content-Disposition`` for a download named ``name`` (RFC 5987, so Chinese names survive); ``fallback``
    is an ASCII name for clients that ignore ``filename*``."""
    plain = f'; filename="{fallback}"' if fallback else ""
    return f"attachment{plain}; filename*=UTF-8''{quote(name)}"
