"""Legacy office files to Office Open XML (格式转换): .doc/.wps → .docx, .xls/.et → .xlsx, with LibreOffice.

LibreOffice runs headless in a subprocess, in a fresh private profile directory (``-env:UserInstallation``) inside
a temporary folder that is removed afterwards, without network (a network namespace of its own when the system
allows one: ``unshare -rn``), with a timeout after which its whole process group is killed, and one conversion at
a time per worker (an exclusive ``flock`` on one lock file, which also keeps the web and job processes of one
server user from converting at once). The source bytes are never changed: a converter that is
missing, times out or crashes raises :class:`ConversionError` with a Chinese message, and the caller still holds
the original. Framework-free: the Django side sets the command and the timeout with :func:`configure` from the
settings ``GONGKAI_SOFFICE`` and ``GONGKAI_CONVERT_TIMEOUT``.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from gongkai.core.filetype import LEGACY, Kind

# kind → (extension LibreOffice reads it by, output filter)
_FILTERS = {
    Kind.DOC: (".doc", "docx:MS Word 2007 XML"),
    Kind.XLS: (".xls", "xlsx:Calc MS Excel 2007 XML"),
}
INSTALL_HINT = (
    "请运行 scripts/bootstrap.sh（或 sudo apt-get install libreoffice-core-nogui libreoffice-writer-nogui "
    "libreoffice-calc-nogui）安装 LibreOffice"
)


class ConversionError(ValueError):
    """The converter could not produce the file. ``code``: ``missing``, ``timeout``, ``crashed``."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Settings:
    soffice: str = "soffice"  # command name (looked up on PATH) or path
    timeout: float = 120.0  # seconds for one conversion, start-up included
    lock_file: str = ""  # empty: gongkai-convert-<uid>.lock in the temporary directory


_settings = Settings()


def configure(**changes: object) -> Settings:
    """Change the converter's settings (the Django side calls it with the ``GONGKAI_*`` settings)."""
    global _settings
    _settings = replace(_settings, **changes)  # type: ignore[arg-type]  # fields checked by dataclasses.replace
    return _settings


def settings() -> Settings:
    return _settings


def available() -> bool:
    return shutil.which(_settings.soffice) is not None


@contextmanager
def _one_at_a_time(lock_file: str) -> Iterator[None]:
    path = lock_file or os.path.join(tempfile.gettempdir(), f"gongkai-convert-{os.getuid()}.lock")
    with open(path, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


_NO_NETWORK: list[str] | None = None


def _no_network_prefix() -> list[str]:
    """``unshare -rn`` when this system lets an unprivileged process have its own (empty) network namespace."""
    global _NO_NETWORK
    if _NO_NETWORK is None:
        unshare = shutil.which("unshare")
        _NO_NETWORK = []
        if unshare:
            try:
                probe = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=10, check=False)
            except (OSError, subprocess.SubprocessError):
                probe = None
            if probe is not None and probe.returncode == 0:
                _NO_NETWORK = [unshare, "-rn"]
    return _NO_NETWORK


# The last few conversions of this process, by content hash: a file is read, scanned and masked in one request,
# converted once.
_CACHE: OrderedDict[str, bytes] = OrderedDict()
_CACHE_ENTRIES = 8


def to_ooxml(data: bytes, kind: Kind, *, name: str = "文件") -> bytes:
    """The .docx (for a .doc/.wps) or .xlsx (for a .xls/.et) LibreOffice makes of ``data``."""
    if kind not in _FILTERS:
        raise ValueError(kind)
    key = hashlib.sha256(data).hexdigest()
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    result = _convert(data, kind, name)
    _CACHE[key] = result
    while len(_CACHE) > _CACHE_ENTRIES:
        _CACHE.popitem(last=False)
    return result


def _convert(data: bytes, kind: Kind, name: str) -> bytes:
    config = _settings
    soffice = shutil.which(config.soffice)
    if soffice is None:
        raise ConversionError(
            f"无法转换“{name}”：服务器未安装格式转换程序 LibreOffice（找不到 {config.soffice}）。{INSTALL_HINT}；"
            "或请用 Word/WPS 将文件另存为 .docx/.xlsx 后再上传。",
            code="missing",
        )
    suffix, output_filter = _FILTERS[kind]
    target = LEGACY[kind].value
    with tempfile.TemporaryDirectory(prefix="gongkai-convert-") as folder:
        work = Path(folder)
        source = work / f"source{suffix}"
        source.write_bytes(data)
        out = work / "out"
        command = [
            *_no_network_prefix(),
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nofirststartwizard",
            "--nolockcheck",
            "--norestore",
            "--convert-to",
            output_filter,
            "--outdir",
            str(out),
            str(source),
        ]
        env = {
            # A clean environment: no proxies, no display, nothing of the server's own.
            "PATH": f"{os.path.dirname(soffice)}:/usr/local/bin:/usr/bin:/bin",
            "HOME": str(work),
            "LANG": "C.UTF-8",
            "TMPDIR": str(work),
        }
        with _one_at_a_time(config.lock_file):
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=work,
                start_new_session=True,  # its own process group: a timeout kills LibreOffice and its helpers
            )
            try:
                output, _ = process.communicate(timeout=config.timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                raise ConversionError(
                    f"转换“{name}”超时（超过 {config.timeout:g} 秒），已停止转换，原文件未改动：文件可能过大或已损坏，"
                    "请用 Word/WPS 另存为 .docx/.xlsx 后再上传。",
                    code="timeout",
                ) from None
        result = out / f"source.{target}"
        if process.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            detail = output.decode("utf-8", errors="replace").strip().splitlines()[-1:] if output else []
            raise ConversionError(
                f"LibreOffice 无法转换“{name}”（{'；'.join(detail) or f'退出码 {process.returncode}'}），原文件未改动："
                "文件可能已损坏或加密，请用 Word/WPS 打开后另存为 .docx/.xlsx 再上传。",
                code="crashed",
            )
        return result.read_bytes()
