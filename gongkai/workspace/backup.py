"""Backup and restore of a whole installation (备份与恢复): ``gongkai backup OUT`` and ``gongkai restore IN``.

A backup is one tar file (``.tar.gz``/``.tgz`` compressed) holding

- ``manifest.json``: when, from which database, how it was dumped, the number of rows of every table, the audit
  chain's head (``audit verify``: events checked, last hash), every file's size and SHA-256, and **where** the FOI
  master key lives (the key itself is never written: keep it apart from the backups, see docs/security.md);
- ``database/``: SQLite through its online backup API (a consistent copy while the site runs), PostgreSQL through
  ``pg_dump --format=custom`` when the program is installed, otherwise — and with ``--django-dump`` — Django's
  ``dumpdata`` (portable between engines); the manifest says which;
- ``files/media/`` and ``files/private/``: ``MEDIA_ROOT`` (encrypted FOI uploads, work-plan files) and
  ``GONGKAI_PRIVATE_MEDIA_ROOT`` (publication attachments and their masked copies).

``restore`` puts the database and both file trees back, then checks the result against the manifest (row counts,
audit head, every file's hash) and says whether FOI files can be decrypted with the key it finds.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.utils import timezone as dj_timezone

from gongkai.audit import services as audit
from gongkai.audit.models import AuditChainHead
from gongkai.common import storedfiles
from gongkai.core.errors import ServiceError

FORMAT = 1
MANIFEST = "manifest.json"
Progress = Callable[[str], None]


class BackupError(ServiceError):
    pass


def _roots() -> dict[str, Path]:
    """The file trees a backup holds, by the name they have in the archive."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.GONGKAI_PRIVATE_MEDIA_ROOT)}


def _key_location() -> str:
    if settings.GONGKAI_FOI_FILE_KEY:
        return "环境变量 GONGKAI_FOI_FILE_KEY"
    return str(Path(settings.GONGKAI_FOI_KEY_FILE or (Path(settings.VAR_DIR) / "foi_file.key")))


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def table_counts() -> dict[str, int]:
    """Rows of every concrete model, ``app_label.Model`` → count."""
    counts = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        counts[meta.label] = model._base_manager.count()
    return dict(sorted(counts.items()))


def audit_head() -> dict:
    result = audit.verify()
    head = AuditChainHead.objects.filter(pk=1).first()
    return {
        "ok": result.ok,
        "events": result.checked,
        "last_hash": head.last_hash if head else "",
        "problem": result.problem or "",
    }


def _file_list() -> dict[str, dict]:
    files = {}
    for key, root in _roots().items():
        if not root.is_dir():
            continue
        for dirpath, _dirs, names in os.walk(root):
            for name in sorted(names):
                path = Path(dirpath) / name
                rel = path.relative_to(root).as_posix()
                files[f"{key}/{rel}"] = {"size": path.stat().st_size, "sha256": _sha256_file(path)}
    return dict(sorted(files.items()))


# --- database dumps -------------------------------------------------------------------------------------------------
def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    env = dict(os.environ)  # environment handed to a subprocess
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return [*args, "--dbname", str(db["NAME"])], env


def _dump_database(folder: Path, *, django_dump: bool) -> dict:
    vendor = connection.vendor
    if not django_dump and vendor == "sqlite":
        target = folder / "sqlite.db"
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return {"engine": vendor, "method": "sqlite-backup", "file": "database/sqlite.db"}
    if not django_dump and vendor == "postgresql" and shutil.which("pg_dump"):
        args, env = _pg_env()
        target = folder / "postgres.dump"
        done = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode == 0:
            return {"engine": vendor, "method": "pg_dump", "file": "database/postgres.dump"}
        # A pg_dump older than the server refuses: fall back to the portable dump, and say so.
        reason = (done.stderr.strip().splitlines() or ["pg_dump 失败"])[-1]
    else:
        reason = "" if django_dump else f"{vendor} 没有可用的专用备份程序"
    _portable_dump(folder / "data.json")
    return {"engine": vendor, "method": "dumpdata", "file": "database/data.json", "fallback_reason": reason}


def _json_value(value):
    """Full precision: Django's own JSON encoder cuts datetimes to milliseconds, which would break the audit chain's
    hashes (they cover the event time to the microsecond)."""
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode()
    raise TypeError(f"cannot dump {type(value).__name__}")


def _portable_dump(target: Path, chunk: int = 2000) -> None:
    """Every row of every model (sessions aside) as ``loaddata`` JSON, written a chunk at a time."""
    app_list = [(config, None) for config in apps.get_app_configs() if config.label != "sessions"]
    models = serializers.sort_dependencies(app_list, allow_cycles=True)
    with target.open("w", encoding="utf-8") as out:
        out.write("[")
        first = True
        for model in models:
            meta = model._meta
            if meta.proxy or not meta.managed:
                continue
            last = None
            while True:
                qs = model._base_manager.order_by("pk")
                if last is not None:
                    qs = qs.filter(pk__gt=last)
                rows = list(qs[:chunk])
                if not rows:
                    break
                for obj in serializers.serialize("python", rows):
                    out.write(
                        ("\n" if first else ",\n") + json.dumps(obj, ensure_ascii=False, default=_json_value)
                    )
                    first = False
                last = rows[-1].pk
        out.write("\n]\n")


def _restore_database(folder: Path, info: dict, progress: Progress) -> None:
    vendor = connection.vendor
    method = info["method"]
    path = folder / PurePosixPath(info["file"]).name
    if method == "sqlite-backup":
        if vendor != "sqlite":
            raise BackupError(
                f"这份备份来自 SQLite，当前数据库是 {vendor}：请在原环境用 gongkai backup --django-dump 重新备份后恢复。"
            )
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()
        return
    if method == "pg_dump":
        if vendor != "postgresql":
            raise BackupError(
                f"这份备份由 pg_dump 生成，当前数据库是 {vendor}：请在原环境用 gongkai backup --django-dump 重新备份后恢复。"
            )
        if not shutil.which("pg_restore"):
            raise BackupError(
                "恢复这份备份需要 pg_restore（PostgreSQL 客户端程序），请先安装 postgresql-client。"
            )
        connection.close()
        args, env = _pg_env()
        done = subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                *args,
                str(path),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise BackupError(f"pg_restore 失败：{(done.stderr.strip().splitlines() or ['未知错误'])[-1]}")
        return
    # dumpdata: bring the schema to this version, empty every table, load the rows (sequences are reset by loaddata).
    progress("迁移数据库结构……")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    progress("载入数据……")
    call_command("loaddata", str(path), verbosity=0)


# --- files ----------------------------------------------------------------------------------------------------------
def _safe_member(member: tarfile.TarInfo) -> PurePosixPath:
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
        raise BackupError(f"备份文件中有不安全的条目“{member.name}”，已停止恢复：请确认备份来源。")
    return path


def _clear(root: Path) -> None:
    if not root.is_dir():
        return
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


# --- backup ---------------------------------------------------------------------------------------------------------
@dataclass
class BackupReport:
    path: Path
    manifest: dict


def create(out: Path, *, django_dump: bool = False, progress: Progress = lambda _msg: None) -> BackupReport:
    """Write a backup of the database and both file trees to ``out`` (a .tar or .tar.gz)."""
    audit.record(
        actor=None,
        action="backup.created",
        object_type="system",
        object_repr="备份",
        after={"file": out.name},
    )
    with tempfile.TemporaryDirectory(prefix="gongkai-backup-", dir=out.parent) as tmp:
        folder = Path(tmp) / "database"
        folder.mkdir()
        progress("导出数据库……")
        # Counts and the audit head are read in the same state the dump captures (nothing else writes meanwhile in
        # a quiet maintenance window; the restore's comparison reveals it if something did).
        counts = table_counts()
        head = audit_head()
        database = _dump_database(folder, django_dump=django_dump)
        progress("计算文件哈希……")
        files = _file_list()
        manifest = {
            "format": FORMAT,
            "created_at": dj_timezone.now().isoformat(),
            "site": settings.GONGKAI_SITE_NAME,
            "database": database,
            "counts": counts,
            "audit": head,
            "files": files,
            "roots": {key: str(root) for key, root in _roots().items()},
            "media_storage": settings.STORAGES["default"]["BACKEND"],
            "foi_key": {"location": _key_location(), "included": False},
        }
        partial = out.with_name(out.name + ".part")
        mode = "w:gz" if out.name.endswith((".tar.gz", ".tgz")) else "w"
        progress("写入备份文件……")
        with tarfile.open(partial, mode) as tar:  # type: ignore[call-overload]  # mode is one of two literals
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(dj_timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(folder / PurePosixPath(database["file"]).name, arcname=database["file"])
            for key, root in _roots().items():
                if root.is_dir():
                    tar.add(root, arcname=f"files/{key}")
        os.replace(partial, out)
    return BackupReport(out, manifest)


# --- restore --------------------------------------------------------------------------------------------------------
@dataclass
class RestoreReport:
    manifest: dict
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: int = 0


def database_is_empty() -> bool:
    try:
        user_model = apps.get_model(settings.AUTH_USER_MODEL)
        return not user_model._base_manager.exists() and not AuditChainHead.objects.exists()
    except DatabaseError:  # not migrated: nothing to lose
        connection.close()
        return True


def read_manifest(src: Path) -> dict:
    if not src.is_file():
        raise BackupError(f"找不到备份文件“{src}”，请检查路径。")
    try:
        with tarfile.open(src, "r:*") as tar:
            member = tar.getmember(MANIFEST)
            fh = tar.extractfile(member)
            assert fh is not None  # a regular file member
            manifest = json.loads(fh.read().decode())
    except (tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"“{src}”不是 gongkai backup 生成的备份文件（{type(exc).__name__}）。") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式版本 {manifest.get('format')} 与本程序（{FORMAT}）不符。")
    return manifest


def restore(src: Path, *, replace: bool = False, progress: Progress = lambda _msg: None) -> RestoreReport:
    manifest = read_manifest(src)
    if not replace and not database_is_empty():
        raise BackupError("当前数据库已有数据：恢复会覆盖全部数据和文件。确认无误后加 --replace 再运行。")
    report = RestoreReport(manifest)
    with tempfile.TemporaryDirectory(prefix="gongkai-restore-") as tmp:
        work = Path(tmp)
        roots = _roots()
        for root in roots.values():
            root.mkdir(parents=True, exist_ok=True)
            _clear(root)
        progress("解开备份文件……")
        with tarfile.open(src, "r:*") as tar:
            for member in tar:
                path = _safe_member(member)
                if path.parts[0] == "database" and member.isfile():
                    tar.extract(member, work, filter="data")
                elif path.parts[0] == "files" and len(path.parts) > 2 and path.parts[1] in roots:
                    target = roots[path.parts[1]].joinpath(*path.parts[2:])
                    if member.isdir():
                        target.mkdir(parents=True, exist_ok=True)
                        continue
                    target.parent.mkdir(parents=True, exist_ok=True)
                    fh = tar.extractfile(member)
                    assert fh is not None  # a regular file member
                    with target.open("wb") as out:
                        shutil.copyfileobj(fh, out)
                    report.files += 1
        progress("恢复数据库……")
        _restore_database(work / "database", manifest["database"], progress)
    progress("核对……")
    compare(report)
    audit.record(
        actor=None,
        action="backup.restored",
        object_type="system",
        object_repr="从备份恢复",
        after={"file": src.name, "created_at": manifest["created_at"], "problems": len(report.problems)},
    )
    return report


def compare(report: RestoreReport) -> None:
    """The restored installation against the manifest: counts, audit head, file hashes; then FOI decryption."""
    manifest = report.manifest
    counts = table_counts()
    for label, expected in manifest["counts"].items():
        actual = counts.get(label)
        if label == "sessions.Session":
            continue  # sessions are not carried by the portable dump; nobody needs them back
        if actual != expected:
            report.problems.append(f"表 {label} 的行数 {actual} 与备份时的 {expected} 不符。")
    head = audit_head()
    expected_head = manifest["audit"]
    if not head["ok"]:
        report.problems.append(f"审计日志校验失败：{head['problem']}")
    if head["events"] < expected_head["events"]:
        report.problems.append(f"审计事件 {head['events']} 条，少于备份时的 {expected_head['events']} 条。")
    files = _file_list()
    for name, info in manifest["files"].items():
        got = files.get(name)
        if got is None:
            report.problems.append(f"文件缺失：{name}")
        elif got["sha256"] != info["sha256"]:
            report.problems.append(f"文件内容与备份时不同：{name}")
    checked = storedfiles.check()
    for problem in checked.problems:
        if problem.kind in ("missing", "mismatch"):
            report.problems.append(f"{problem.label}：{problem.path}（{problem.detail}）")
    report.notes.append(
        f"加密主密钥不在备份中（备份时位于：{manifest['foi_key']['location']}）；现在使用：{_key_location()}。"
    )
    for probe in storedfiles.probes():
        problem = probe()
        if problem:
            report.problems.append(problem)
