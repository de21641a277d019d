"""Issue 11 item 13: an attachment whose transaction rolls back leaves no file behind."""

from pathlib import Path

import pytest

from gongkai.publishing import services
from gongkai.publishing.actions import drafts
from gongkai.publishing.models import Attachment

from .factories import Upload
from .test_workflow import draft

pytestmark = pytest.mark.django_db


def _files(root) -> list[Path]:
    root = Path(root)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_rolled_back_upload_leaves_no_file(world, settings, monkeypatch):
    pub = draft(world)
    kept = services.add_attachment(pub, actor=world.editor, uploaded=Upload(b"%PDF-1.4\n%%EOF", "first.pdf"))
    before = _files(settings.GONGKAI_PRIVATE_MEDIA_ROOT)
    assert len(before) == 1 and kept.sha256

    def fail_after_the_file_is_written(*args, **kwargs):
        raise RuntimeError("forced failure after the save")

    # The scan now runs after the transaction (request_scan): fail on the audit record, written after the file.
    monkeypatch.setattr(drafts, "record", fail_after_the_file_is_written)
    with pytest.raises(RuntimeError, match="forced failure"):
        services.add_attachment(pub, actor=world.editor, uploaded=Upload(b"%PDF-1.4\n%%EOF 2", "second.pdf"))
    assert _files(settings.GONGKAI_PRIVATE_MEDIA_ROOT) == before
    assert Attachment.objects.filter(publication=pub).count() == 1
    with pytest.raises(RuntimeError, match="forced failure"):
        services.replace_attachment(
            kept, actor=world.editor, uploaded=Upload(b"%PDF-1.4\n%%EOF 3", "third.pdf")
        )
    assert _files(settings.GONGKAI_PRIVATE_MEDIA_ROOT) == before


def test_replaced_file_is_removed_once_the_change_commits(
    world, settings, django_capture_on_commit_callbacks
):
    pub = draft(world)
    att = services.add_attachment(pub, actor=world.editor, uploaded=Upload(b"%PDF-1.4\n%%EOF", "first.pdf"))
    old = Path(att.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        att = services.replace_attachment(
            att, actor=world.editor, uploaded=Upload(b"%PDF-1.4\n%%EOF 2", "b.pdf")
        )
    assert not old.exists()
    assert _files(settings.GONGKAI_PRIVATE_MEDIA_ROOT) == [Path(att.file.path)]
