"""Issue 11 item 6: ``gongkai backup`` then ``gongkai restore`` gives back the same installation — row counts, the
audit chain's head, every file's hash, and FOI uploads that decrypt to the same bytes — on SQLite and PostgreSQL
(the native dump of each engine, and Django's portable dump)."""

from __future__ import annotations

import shutil
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from gongkai.audit.models import AuditEvent
from gongkai.common import storedfiles
from gongkai.foi import crypto
from gongkai.foi import services as foi
from gongkai.foi.models import Attachment as FoiAttachment
from gongkai.foi.tests.conftest import person
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Attachment
from gongkai.publishing.tests.conftest import build_world
from gongkai.publishing.tests.factories import Upload, subsidy_rows, xlsx_bytes
from gongkai.publishing.tests.test_workflow import draft
from gongkai.workplan.models import WorkPlan
from gongkai.workspace import backup

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def installation(settings, tmp_path, transactional_db, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.GONGKAI_FOI_KEY_FILE = str(tmp_path / "keys" / "foi.key")
    from gongkai.calendar import services as calendar

    calendar.seed_from_package()
    world = build_world()
    pub = draft(world)
    publishing.add_attachment(
        pub, actor=world.editor, uploaded=Upload(xlsx_bytes(subsidy_rows(3)), "名单.xlsx")
    )
    publishing.mask_publication(pub, actor=world.editor)
    case = foi.submit_online(
        person(), files={"id_proof": [SimpleUploadedFile("身份证.pdf", PDF, content_type="application/pdf")]}
    ).case
    with storedfiles.atomic():
        plan = WorkPlan(year=2026, title="2026年工作要点")
        plan.source_sha256 = storedfiles.save_file(plan.source_file, "plan.txt", "一、总体要求".encode())
        plan.save()
    return {"case": case, "tmp": tmp_path, "settings": settings}


def _state() -> dict:
    checked = storedfiles.check()
    return {
        "counts": backup.table_counts(),
        "audit": backup.audit_head(),
        "files": backup._file_list(),
        "problems": [(p.kind, p.path) for p in checked.problems],
        "checked": checked.checked,
        "plain": [
            crypto.decrypt_from_storage(a.blob, a.wrapped_key) for a in FoiAttachment.objects.order_by("pk")
        ],
    }


def _wipe(settings) -> None:
    call_command("flush", interactive=False, verbosity=0)
    for root in (settings.MEDIA_ROOT, settings.GONGKAI_PRIVATE_MEDIA_ROOT):
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("portable", [False, True], ids=["native", "dumpdata"])
def test_round_trip_gives_back_the_same_installation(installation, portable):
    settings, tmp = installation["settings"], installation["tmp"]
    out = tmp / "backups" / "gongkai.tar.gz"
    out.parent.mkdir()
    printed = StringIO()
    call_command("backup", str(out), *(["--django-dump"] if portable else []), stdout=printed)
    before = _state()
    assert before["checked"] == 4 and before["problems"] == [] and before["plain"] == [PDF]
    assert before["counts"]["publishing.Attachment"] == 1 and before["counts"]["foi.Attachment"] == 1
    assert len(before["files"]) == 4  # original and masked copy, the encrypted ID proof, the plan's source
    manifest = backup.read_manifest(out)
    expected_method = (
        "dumpdata" if portable else {"sqlite": "sqlite-backup", "postgresql": "pg_dump"}[connection.vendor]
    )
    assert manifest["database"]["method"] == expected_method
    assert manifest["counts"] == before["counts"] and manifest["files"] == before["files"]
    assert manifest["audit"]["last_hash"] == before["audit"]["last_hash"] and manifest["audit"]["ok"]
    # The key's location is named; the key itself is nowhere in the archive.
    key = Path(settings.GONGKAI_FOI_KEY_FILE).read_bytes().strip()
    assert manifest["foi_key"] == {"location": settings.GONGKAI_FOI_KEY_FILE, "included": False}
    with tarfile.open(out) as tar:
        for member in tar.getmembers():
            if member.isfile():
                fh = tar.extractfile(member)
                assert fh is not None and key not in fh.read(), member.name
    assert "SQLite 在线备份接口" in printed.getvalue() or "pg_dump" in printed.getvalue() or portable

    _wipe(settings)
    assert AuditEvent.objects.count() == 0 and not Path(settings.MEDIA_ROOT).exists()
    printed = StringIO()
    call_command("restore", str(out), stdout=printed)
    assert "核对通过" in printed.getvalue()

    after = _state()
    assert after["files"] == before["files"]
    assert after["problems"] == [] and after["checked"] == before["checked"]
    assert after["plain"] == before["plain"] == [PDF]
    counts = dict(after["counts"])
    counts["audit.AuditEvent"] -= 1  # the restore's own event, appended to the restored chain
    counts.pop("sessions.Session"), before["counts"].pop("sessions.Session")
    assert counts == before["counts"]
    assert after["audit"]["ok"] and after["audit"]["events"] == before["audit"]["events"] + 1
    last_before = AuditEvent.objects.order_by("id")[before["audit"]["events"] - 1]
    assert last_before.hash == before["audit"]["last_hash"]
    assert AuditEvent.objects.order_by("-id").first().action == "backup.restored"
    case = installation["case"]
    assert FoiAttachment.objects.get(request_id=case.pk).sha256 == storedfiles.sha256_bytes(PDF)
    assert Attachment.objects.get().masked_file


def test_restore_refuses_to_overwrite_data_and_names_a_wrong_key(installation):
    settings, tmp = installation["settings"], installation["tmp"]
    out = tmp / "b.tar"
    call_command("backup", str(out), stdout=StringIO())
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(out), stdout=StringIO())
    # Restored with another master key: the files come back but cannot be decrypted, and restore says so.
    Path(settings.GONGKAI_FOI_KEY_FILE).unlink()
    crypto.master_keys()  # a new key is generated (development)
    err = StringIO()
    with pytest.raises(CommandError, match="不符"):
        call_command("restore", str(out), "--replace", stdout=StringIO(), stderr=err)
    assert "无法解密" in err.getvalue()


def test_restore_refuses_what_is_not_a_backup(installation):
    tmp = installation["tmp"]
    bogus = tmp / "x.tar"
    with tarfile.open(bogus, "w") as tar:
        tar.add(__file__, arcname="../../etc/evil")
    with pytest.raises(CommandError, match="不是 gongkai backup"):
        call_command("restore", str(bogus), stdout=StringIO())
