"""Issue 11 item 13: an application whose transaction rolls back leaves no encrypted file behind."""

from datetime import date as D
from pathlib import Path

import pytest
from django.conf import settings

from gongkai.foi.actions import intake
from gongkai.foi.models import Attachment, InfoRequest

from .test_privacy import case_with_id


def _files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_rolled_back_application_leaves_no_file(county, today, monkeypatch):
    today(D(2026, 3, 10))
    case = case_with_id(county)
    attachment = case.attachments.get()
    before = _files()
    assert len(before) == 1 and attachment.blob_sha256 and attachment.sha256 != attachment.blob_sha256

    def fail_after_the_file_is_written(*args, **kwargs):
        raise RuntimeError("forced failure after the save")

    monkeypatch.setattr(intake, "event", fail_after_the_file_is_written)
    with pytest.raises(RuntimeError, match="forced failure"):
        case_with_id(county)
    assert _files() == before
    assert InfoRequest.objects.count() == 1 and Attachment.objects.count() == 1
