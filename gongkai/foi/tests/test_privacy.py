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
from django.core.management import call_command
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
    ).request


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
    call_command("foi", "rewrap-keys", stdout=StringIO())
    settings.GONGKAI_FOI_FILE_KEY = new
    att.refresh_from_db()
    assert crypto.decrypt_from_storage(att.blob, att.wrapped_key) == PDF
    settings.GONGKAI_FOI_FILE_KEY = Fernet.generate_key().decode()
    with pytest.raises(crypto.KeyMissing, match="无法解密"):
        crypto.decrypt_from_storage(att.blob, att.wrapped_key)


def test_identity_documents_are_deleted_on_the_retention_schedule(county, today):
    today(D(2026, 11, 30))
    services.update_policy(county.admin, id_retention_days=90)
    old = case_with_id(county, on=D(2026, 3, 2))
    recent = case_with_id(county, on=D(2026, 10, 12))
    for req, sent in ((old, D(2026, 3, 20)), (recent, D(2026, 10, 20))):
        reply = services.draft_reply(county.officer, req, "grant", on=sent)
        services.send_reply(county.officer, reply, on=sent)
    services.close(county.officer, old, on=D(2026, 3, 23))
    out = StringIO()
    call_command("foi", "purge-files", "--dry-run", stdout=out)
    assert "将删除" in out.getvalue() and "1 个" in out.getvalue()
    blob = old.attachments.get().blob
    assert default_storage.exists(blob)
    call_command("foi", "purge-files", stdout=StringIO())
    gone, kept = old.attachments.get(), recent.attachments.get()
    assert gone.purged_at and not gone.wrapped_key and not default_storage.exists(blob)
    assert kept.purged_at is None and default_storage.exists(kept.blob)
    assert AuditEvent.objects.filter(action="foi.attachment_purged", object_id=str(old.pk)).exists()
    with pytest.raises(Exception, match="已按保存期限删除"):
        services.read_attachment(county.officer, gone)


def test_attachment_download_is_audited_and_limited(client, county, today):
    today(D(2026, 3, 10))
    req = case_with_id(county)
    att = req.attachments.get()
    assert client.login(username=county.editor.username, password=PASSWORD)
    assert client.get(reverse("foi:attachment", args=[req.pk, att.pk])).status_code == 403
    client.logout()
    assert client.login(username=county.officer.username, password=PASSWORD)
    r = client.get(reverse("foi:attachment", args=[req.pk, att.pk]))
    assert r.status_code == 200 and r.content == PDF and r["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(action="foi.personal_data_viewed", reason__contains="下载附件").exists()


def test_assignment_notifies_in_the_workspace_and_by_email(
    county, today, settings, django_capture_on_commit_callbacks, client
):
    today(D(2026, 10, 20))
    settings.GONGKAI_FOI_EMAIL_NOTIFY = True
    req = services.submit_online(person(), unit=county.office).request
    with django_capture_on_commit_callbacks(execute=True):
        services.assign(county.admin, req, county.zrzy, county.officer, on=D(2026, 10, 20))
    note = Notification.objects.get(user=county.officer, request=req)
    assert req.serial in note.text
    assert [m.to for m in mail.outbox] == [[county.officer.email]]
    assert client.login(username=county.officer.username, password=PASSWORD)
    page = client.get(reverse("foi:notifications")).content.decode()
    assert note.text in page
    client.get(reverse("foi:case", args=[req.pk]))
    note.refresh_from_db()
    assert note.read_at is not None


def test_remind_command(county, today):
    today(D(2026, 10, 27))
    req = services.submit_online(
        person(), unit=county.zrzy, now=datetime(2026, 9, 28, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    ).request
    services.assign(county.officer, req, county.zrzy, county.officer, on=D(2026, 9, 28))
    out = StringIO()
    call_command("foi", "remind", "--date", "2026-10-27", stdout=out)
    assert "1 条" in out.getvalue()
    assert Notification.objects.filter(user=county.officer, text__contains="临近答复期限").exists()
