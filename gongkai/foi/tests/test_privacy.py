"""Privacy: uploads encrypted per file with a key outside the database, key rotation, retention deletion,
notifications (workspace and e-mail)."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.foi import crypto, services
from gongkai.foi.models import Attachment, Notification

from .conftest import PASSWORD, person

pytestmark = pytest.mark.django_db
D = date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def case_with_id(county, on=D(2026, 3, 2)):  # noqa: B008
    files = {
        Attachment.Kind.ID_PROOF: [SimpleUploadedFile("身份证.pdf", PDF, content_type="application/pdf")]
    }
    return services.submit_online(
        person(),
        files=files,
        unit=county.zrzy,
        now=datetime(on.year, on.month, on.day, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
    ).case


def test_each_file_has_its_own_key_and_the_database_alone_reveals_nothing(county, today):
    today(D(2026, 3, 10))
    a = case_with_id(county).attachments.get()
    b = case_with_id(county).attachments.get()
    assert a.wrapped_key != b.wrapped_key
    with default_storage.open(a.blob, "rb") as fh:
        stored = fh.read()
    assert b"%PDF" not in stored
    # The wrapped key cannot be used as a key, and a different master key cannot unwrap it.
    with pytest.raises(Exception):  # noqa: B017
        Fernet(a.wrapped_key.encode()).decrypt(stored)
    assert crypto.decrypt_from_storage(a.blob, a.wrapped_key) == PDF


def test_key_rotation(county, today, settings):
    today(D(2026, 3, 10))
    old = Fernet.generate_key().decode()
    settings.GONGKAI_FOI_FILE_KEY = old
    att = case_with_id(county).attachments.get()
    new = Fernet.generate_key().decode()
    settings.GONGKAI_FOI_FILE_KEY = f"{new},{old}"
    out = StringIO()
    call_command("foi", "rewrap-keys", stdout=out)
    assert "已重新加密 1 个附件密钥" in out.getvalue()
    # Key rotation is a state change: audited (the count, never a key).
    event = AuditEvent.objects.get(action="foi.keys_rewrapped")
    assert event.after == {"count": 1} and event.actor is None
    settings.GONGKAI_FOI_FILE_KEY = new
    att.refresh_from_db()
    assert crypto.decrypt_from_storage(att.blob, att.wrapped_key) == PDF
    settings.GONGKAI_FOI_FILE_KEY = Fernet.generate_key().decode()
    with pytest.raises(crypto.KeyMissing, match="无法解密"):
        crypto.decrypt_from_storage(att.blob, att.wrapped_key)


def test_identity_documents_are_deleted_on_the_retention_schedule(
    county, today, django_capture_on_commit_callbacks
):
    today(D(2026, 11, 30))
    services.update_policy(actor=county.admin, id_retention_days=90)
    old = case_with_id(county, on=D(2026, 3, 2))
    recent = case_with_id(county, on=D(2026, 10, 12))
    for case, sent in ((old, D(2026, 3, 20)), (recent, D(2026, 10, 20))):
        reply = services.draft_reply(case, actor=county.officer, outcome="grant", on=sent)
        services.send_reply(reply, actor=county.officer, on=sent)
    services.close(old, actor=county.officer, on=D(2026, 3, 23))
    out = StringIO()
    call_command("foi", "purge-files", "--dry-run", stdout=out)
    assert "将删除" in out.getvalue() and "1 个" in out.getvalue()
    blob = old.attachments.get().blob
    assert default_storage.exists(blob)
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the purge commits
        call_command("foi", "purge-files", stdout=StringIO())
    gone, kept = old.attachments.get(), recent.attachments.get()
    assert gone.purged_at and not gone.wrapped_key and not default_storage.exists(blob)
    assert kept.purged_at is None and default_storage.exists(kept.blob)
    assert AuditEvent.objects.filter(action="foi.attachment_purged", object_id=str(old.pk)).exists()
    with pytest.raises(Exception, match="已按保存期限删除"):
        services.read_attachment(gone, actor=county.officer)


def test_attachment_download_is_audited_and_limited(client, county, today):
    today(D(2026, 3, 10))
    case = case_with_id(county)
    att = case.attachments.get()
    assert client.login(username=county.editor.username, password=PASSWORD)
    assert client.get(reverse("foi:attachment", args=[case.pk, att.pk])).status_code == 403
    client.logout()
    assert client.login(username=county.officer.username, password=PASSWORD)
    r = client.get(reverse("foi:attachment", args=[case.pk, att.pk]))
    assert r.status_code == 200 and r.content == PDF and r["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(action="foi.personal_data_viewed", reason__contains="下载附件").exists()


def test_assignment_notifies_in_the_workspace_and_by_email(
    county, today, settings, django_capture_on_commit_callbacks, client
):
    today(D(2026, 10, 20))
    settings.GONGKAI_FOI_EMAIL_NOTIFY = True
    case = services.submit_online(person(), unit=county.office).case
    with django_capture_on_commit_callbacks(execute=True):
        services.assign(
            case, actor=county.admin, unit=county.zrzy, officer=county.officer, on=D(2026, 10, 20)
        )
    note = Notification.objects.get(user=county.officer, request=case)
    assert case.serial in note.text
    assert [m.to for m in mail.outbox] == [[county.officer.email]]
    assert client.login(username=county.officer.username, password=PASSWORD)
    page = client.get(reverse("foi:notifications")).content.decode()
    assert note.text in page
    client.get(reverse("foi:case", args=[case.pk]))
    note.refresh_from_db()
    assert note.read_at is not None


def test_remind_command(county, today):
    today(D(2026, 10, 27))
    case = services.submit_online(
        person(), unit=county.zrzy, now=datetime(2026, 9, 28, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    ).case
    services.assign(case, actor=county.officer, unit=county.zrzy, officer=county.officer, on=D(2026, 9, 28))
    out = StringIO()
    call_command("foi", "remind", "--date", "2026-10-27", stdout=out)
    assert "1 条" in out.getvalue()
    assert Notification.objects.filter(user=county.officer, text__contains="临近答复期限").exists()


def test_key_rotation_without_an_old_key_changes_nothing(county, today, settings):
    today(D(2026, 3, 10))
    key_a, key_b, key_c = (Fernet.generate_key().decode() for _ in range(3))
    settings.GONGKAI_FOI_FILE_KEY = key_a
    first = case_with_id(county).attachments.get()
    settings.GONGKAI_FOI_FILE_KEY = key_b
    second = case_with_id(county).attachments.get()
    # Key B was dropped too early: the first file key could be rewrapped, the second cannot — all or none.
    settings.GONGKAI_FOI_FILE_KEY = f"{key_c},{key_a}"
    with pytest.raises(CommandError, match="旧主密钥"):
        call_command("foi", "rewrap-keys", stdout=StringIO())
    after = dict(Attachment.objects.values_list("pk", "wrapped_key"))
    assert after == {first.pk: first.wrapped_key, second.pk: second.wrapped_key}
    assert not AuditEvent.objects.filter(action="foi.keys_rewrapped").exists()
    settings.GONGKAI_FOI_FILE_KEY = f"{key_c},{key_b},{key_a}"
    call_command("foi", "rewrap-keys", stdout=StringIO())
    settings.GONGKAI_FOI_FILE_KEY = key_c
    for stored in Attachment.objects.all():
        assert crypto.decrypt_from_storage(stored.blob, stored.wrapped_key) == PDF
