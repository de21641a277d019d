"""Files the platform stores (存储文件): one way to write them, one list of where they are.

**Writing.** Every upload the services keep goes through ``save_file`` (a model's ``FileField``) or ``save_blob`` (a
storage name kept in a text column), called inside ``storedfiles.atomic()`` instead of ``transaction.atomic()``:

    with storedfiles.atomic():
        att = Attachment(...)
        att.sha256 = storedfiles.save_file(att.file, name, data)
        att.save()

The file is written at once (so the code after it can read it back); when the block does not commit (an exception
leaves it, or ``set_rollback(True)``) the files written inside it are deleted, so a refused or failed upload leaves
no file without a row. A block nested in another ``storedfiles.atomic()`` hands its files to the outer block. A
process killed in the middle of a transaction still leaves its file behind: ``gongkai check-files`` reports such
orphans (and ``--delete-orphans`` removes those older than an hour).

**Listing.** Each app registers, in its ``AppConfig.ready``, the columns that name stored files and the column that
holds each file's SHA-256 (``register(StoredFiles(...))``). ``gongkai check-files`` checks every row's file exists
and matches its hash and lists files on disk no row names; ``gongkai backup`` records the hashes in its manifest.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Iterator
from contextlib import ContextDecorator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage, default_storage
from django.db import DEFAULT_DB_ALIAS, connections, transaction

Written = list[tuple[Storage, str]]
_frames: ContextVar[list[Written] | None] = ContextVar("gongkai_storedfiles_frames", default=None)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of(storage: Storage, name: str) -> str:
    """SHA-256 of a stored file, read in 1 MB pieces."""
    digest = hashlib.sha256()
    with storage.open(name, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class atomic(ContextDecorator):  # noqa: N801 — used like transaction.atomic
    """``transaction.atomic()`` that deletes the files ``save_file``/``save_blob`` wrote in it unless it commits."""

    def __init__(self, using: str | None = None) -> None:
        self.using = using or DEFAULT_DB_ALIAS
        self._atomic: Any = None

    def _recreate_cm(self) -> atomic:  # a fresh instance per decorated call (re-entrant, thread-safe)
        return type(self)(self.using)

    def __enter__(self) -> atomic:
        self._atomic = transaction.atomic(using=self.using)
        self._atomic.__enter__()
        frames = _frames.get()
        if frames is None:
            frames = []
            _frames.set(frames)
        frames.append([])
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        frames = _frames.get()
        assert frames, "storedfiles.atomic: frame stack lost"  # entered above in this context
        written = frames.pop()
        rolled_back = exc_type is not None or transaction.get_rollback(self.using)
        try:
            self._atomic.__exit__(exc_type, exc, tb)
        except BaseException:
            _delete(written)  # the commit itself failed
            raise
        if rolled_back:
            _delete(written)
        elif frames:
            frames[-1].extend(written)


def _delete(written: Written) -> None:
    for storage, name in written:
        # Nothing better to do when the delete fails: check-files reports what is left.
        with contextlib.suppress(OSError):
            storage.delete(name)


def _track(storage: Storage, name: str, using: str = DEFAULT_DB_ALIAS) -> None:
    frames = _frames.get()
    if frames:
        frames[-1].append((storage, name))
    elif connections[using].in_atomic_block:
        storage.delete(name)
        raise RuntimeError("写入文件须在 storedfiles.atomic() 内进行，否则事务回滚时会留下孤立文件。")


def save_file(field_file, name: str, data: bytes | File) -> str:
    """Write ``data`` to a ``FileField`` (not saving the row); return the SHA-256 of the bytes written."""
    content = data if isinstance(data, File) else ContentFile(data)
    digest = hashlib.sha256()
    content.seek(0)
    for chunk in content.chunks():
        digest.update(chunk)
    content.seek(0)
    field_file.save(name, content, save=False)
    _track(field_file.storage, field_file.name)
    return digest.hexdigest()


def save_blob(name: str, data: bytes, *, storage: Storage | None = None) -> tuple[str, str]:
    """Write ``data`` under ``name`` (or a free variant of it); return (stored name, SHA-256)."""
    store = storage or default_storage
    stored = store.save(name, ContentFile(data))
    _track(store, stored)
    return stored, sha256_bytes(data)


def delete_on_commit(storage: Storage, name: str) -> None:
    """Remove a file the committed transaction no longer needs (never before: a rollback may still want it)."""
    if name:
        transaction.on_commit(lambda: storage.delete(name) if storage.exists(name) else None)


# --- the list of stored files -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StoredFiles:
    """One column naming stored files: ``model`` (``app_label.Model``), ``name_field`` (a ``FileField`` or a text
    column with the storage name), ``hash_field`` (the SHA-256 of the stored bytes)."""

    label: str
    model: str
    name_field: str
    hash_field: str
    storage: Callable[[], Storage] | None = None  # default: the FileField's storage, else default_storage
    exclude: dict[str, Any] = field(default_factory=dict)  # rows whose file is gone on purpose (purged)

    def model_class(self):
        return apps.get_model(self.model)

    def get_storage(self) -> Storage:
        if self.storage is not None:
            return self.storage()
        model_field = self.model_class()._meta.get_field(self.name_field)
        return getattr(model_field, "storage", default_storage)

    def rows(self):
        """(pk, stored name, recorded hash) of every row that names a file."""
        qs = (
            self.model_class()
            ._default_manager.exclude(**{self.name_field: ""})
            .exclude(**{f"{self.name_field}__isnull": True})
        )
        if self.exclude:
            qs = qs.exclude(**self.exclude)
        return qs.order_by("pk").values_list("pk", self.name_field, self.hash_field).iterator(chunk_size=2000)


_registry: dict[tuple[str, str], StoredFiles] = {}
_probes: dict[str, Callable[[], str]] = {}


def register(entry: StoredFiles) -> None:
    _registry[(entry.model, entry.name_field)] = entry


def registered() -> list[StoredFiles]:
    return list(_registry.values())


def register_probe(name: str, probe: Callable[[], str]) -> None:
    """A check that stored files can be *used*, not just found (the FOI uploads decrypt with the key this
    installation has): returns a Chinese problem, or "" when fine. ``restore`` and ``check-files`` run them."""
    _probes[name] = probe


def probes() -> list[Callable[[], str]]:
    return list(_probes.values())


def storage_root(storage: Storage) -> Path | None:
    """The directory of a file-system storage (``None`` for others, e.g. object storage)."""
    location = getattr(storage, "location", None)
    return Path(location) if location else None


# --- checking -----------------------------------------------------------------------------------------------------
@dataclass
class Problem:
    kind: str  # "missing" | "mismatch" | "unhashed" | "orphan"
    label: str
    path: str
    detail: str = ""


@dataclass
class CheckResult:
    checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, str] = field(
        default_factory=dict
    )  # "root-key/relative path" → sha256 (for the manifest)

    def of_kind(self, kind: str) -> list[Problem]:
        return [p for p in self.problems if p.kind == kind]


def check(*, progress: Callable[[int, str], None] | None = None) -> CheckResult:
    """Every registered row's file: exists, matches its recorded hash; then the files on disk no row names."""
    result = CheckResult()
    named: dict[Path, set[str]] = {}
    for entry in registered():
        storage = entry.get_storage()
        root = storage_root(storage)
        for pk, name, recorded in entry.rows():
            result.checked += 1
            if root is not None:
                named.setdefault(root, set()).add(os.path.normpath(str(name)))
            where = f"{entry.model}#{pk} {name}"
            if not storage.exists(name):
                result.problems.append(Problem("missing", entry.label, where, "文件不存在"))
                continue
            actual = sha256_of(storage, name)
            if not recorded:
                result.problems.append(Problem("unhashed", entry.label, where, "没有记录哈希值"))
            elif actual != recorded:
                result.problems.append(Problem("mismatch", entry.label, where, "内容与记录的哈希值不一致"))
            if progress:
                progress(result.checked, where)
    for root, names in named.items():
        for path in orphans(root, names):
            result.problems.append(Problem("orphan", "孤立文件", str(root / path), "没有任何记录指向它"))
    return result


def orphans(root: Path, names: set[str]) -> Iterator[str]:
    """Files under ``root`` (relative paths) not in ``names``."""
    if not root.is_dir():
        return
    for dirpath, _dirs, filenames in os.walk(root):
        for filename in filenames:
            rel = os.path.normpath(os.path.relpath(os.path.join(dirpath, filename), root))
            if rel not in names:
                yield rel


def roots() -> set[Path]:
    """The directories of every registered storage that lives on this machine's disk."""
    found = set()
    for entry in registered():
        root = storage_root(entry.get_storage())
        if root is not None:
            found.add(root)
    return found


def older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime > seconds
    except FileNotFoundError:
        return False


def fill_hashes(model: str, name_field: str, hash_field: str) -> Callable[[Any, Any], None]:
    """A ``RunPython`` step: record the SHA-256 of every existing file whose row has none (missing files stay
    blank, and ``check-files`` reports them)."""

    def forward(apps_registry, schema_editor) -> None:
        model_class = apps_registry.get_model(model)
        model_field = model_class._meta.get_field(name_field)
        storage = getattr(model_field, "storage", None) or default_storage
        qs = model_class._default_manager.using(schema_editor.connection.alias)
        for row in qs.filter(**{hash_field: ""}).exclude(**{name_field: ""}).iterator():
            name = str(getattr(row, name_field) or "")
            if name and storage.exists(name):
                setattr(row, hash_field, sha256_of(storage, name))
                row.save(update_fields=[hash_field])

    return forward
