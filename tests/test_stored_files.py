"""Issue 11 items 6 and 13: one helper writes every stored file (a rolled-back transaction leaves none), every
file column is listed for ``gongkai check-files``, and the command finds missing, altered and orphan files."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.db import models, transaction

from gongkai.common import storedfiles

ROOT = Path(__file__).resolve().parents[1] / "gongkai"
# Writing a file any other way than through storedfiles: a FieldFile.save, a storage's save, a ContentFile.
DIRECT_WRITE = re.compile(r"ContentFile\(|storage\.save\(|\b(?:file|\w+_file)\.save\(")


def test_no_file_is_written_around_the_helper():
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if "/tests/" in rel or "/migrations/" in rel or rel == "common/storedfiles.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if DIRECT_WRITE.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{rel}:{number}: {line.strip()}")
    assert not offenders, "write stored files with gongkai.common.storedfiles:\n" + "\n".join(offenders)


def test_every_file_field_is_listed_for_check_files():
    listed = {(entry.model, entry.name_field) for entry in storedfiles.registered()}
    fields = {
        (model._meta.label, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    }
    assert fields and fields <= listed, fields - listed
    assert ("foi.Attachment", "blob") in listed  # a storage name in a text column, listed by hand


@pytest.fixture
def storage(tmp_path):
    return FileSystemStorage(location=tmp_path / "store")


def _names(storage) -> list[str]:
    root = Path(storage.location)
    return (
        sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        if root.exists()
        else []
    )


@pytest.mark.django_db
def test_rollback_removes_what_the_block_wrote(storage):
    with pytest.raises(RuntimeError), storedfiles.atomic():
        name, digest = storedfiles.save_blob("a/one.bin", b"one", storage=storage)
        assert _names(storage) == ["a/one.bin"] and len(digest) == 64
        raise RuntimeError("rollback")
    assert _names(storage) == []


@pytest.mark.django_db
def test_nested_block_hands_its_files_to_the_outer_one(storage):
    with pytest.raises(RuntimeError), storedfiles.atomic():
        with storedfiles.atomic():
            storedfiles.save_blob("inner.bin", b"inner", storage=storage)
        storedfiles.save_blob("outer.bin", b"outer", storage=storage)
        raise RuntimeError("rollback")
    assert _names(storage) == []
    with storedfiles.atomic():
        with pytest.raises(ValueError), storedfiles.atomic():  # the inner block rolls back alone
            storedfiles.save_blob("gone.bin", b"gone", storage=storage)
            raise ValueError
        storedfiles.save_blob("kept.bin", b"kept", storage=storage)
    assert _names(storage) == ["kept.bin"]


@pytest.mark.django_db
def test_set_rollback_also_removes_the_files(storage):
    with storedfiles.atomic():
        storedfiles.save_blob("x.bin", b"x", storage=storage)
        transaction.set_rollback(True)
    assert _names(storage) == []


@pytest.mark.django_db
def test_writing_inside_a_plain_transaction_is_refused(storage):
    with pytest.raises(RuntimeError, match=r"storedfiles\.atomic"), transaction.atomic():
        storedfiles.save_blob("plain.bin", b"plain", storage=storage)
    assert _names(storage) == []


@pytest.mark.django_db
def test_check_files_reports_missing_altered_and_orphan_files(settings, tmp_path):
    from gongkai.workplan.models import WorkPlan

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = tmp_path / "private"  # uploaded 工作要点 are private files
    out = StringIO()
    call_command("check-files", stdout=out)
    assert "已检查 0 个文件" in out.getvalue()

    plans = []
    for year, data in ((2024, b"first"), (2025, b"second"), (2026, b"third")):
        with storedfiles.atomic():
            plan = WorkPlan(year=year, title=f"{year}年工作要点")
            plan.source_sha256 = storedfiles.save_file(plan.source_file, f"plan{year}.txt", data)
            plan.save()
        plans.append(plan)
    call_command("check-files", stdout=StringIO())  # all present and intact: no error

    Path(plans[0].source_file.path).unlink()
    Path(plans[1].source_file.path).write_bytes(b"changed")
    orphan = Path(settings.GONGKAI_PRIVATE_MEDIA_ROOT) / "workplan" / "left-behind.bin"
    orphan.write_bytes(b"no row")
    out = StringIO()
    with pytest.raises(CommandError, match="1 个文件缺失、1 个文件被改动"):
        call_command("check-files", stdout=out)
    text = out.getvalue()
    assert "已检查 3 个文件：缺失 1，哈希不符 1，未记录哈希 0，孤立文件 1。" in text
    assert f"WorkPlan#{plans[0].pk}" in text and f"WorkPlan#{plans[1].pk}" in text
    assert "left-behind.bin" in text
    # A young orphan may be an upload in progress: --delete-orphans leaves it; an old one goes.
    with pytest.raises(CommandError):
        call_command("check-files", "--delete-orphans", stdout=StringIO())
    assert orphan.exists()
    import os
    import time

    old = time.time() - 7200
    os.utime(orphan, (old, old))
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check-files", "--delete-orphans", stdout=out)
    assert not orphan.exists() and "已删除 1 个孤立文件" in out.getvalue()
