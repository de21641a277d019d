"""Issue 11 item 13: progress evidence whose transaction rolls back leaves no file behind."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.workplan import selectors, services
from gongkai.workplan.models import ProgressReport

from .test_services import _published, unit

pytestmark = pytest.mark.django_db


def _files(root) -> list[Path]:
    root = Path(root)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_rolled_back_progress_report_leaves_no_file(office, fgw_editor, settings, tmp_path, monkeypatch):
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    _published(office)
    fgw = unit("示范县发展和改革委员会")
    task = selectors.visible_tasks(fgw_editor).first()
    before = _files(settings.GONGKAI_PRIVATE_MEDIA_ROOT)
    assert before and all(p.name.startswith("plan") for p in before)  # the plan's source file only

    def fail_after_the_file_is_written(*args, **kwargs):
        raise RuntimeError("forced failure after the save")

    monkeypatch.setattr(selectors, "latest_percents", fail_after_the_file_is_written)
    evidence = SimpleUploadedFile("佐证.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    with pytest.raises(RuntimeError, match="forced failure"):
        services.report_progress(
            task, unit=fgw, actor=fgw_editor, text="已公开", percent=60, evidence=evidence
        )
    assert _files(settings.GONGKAI_PRIVATE_MEDIA_ROOT) == before
    assert not ProgressReport.objects.exists()
    monkeypatch.undo()
    evidence.seek(0)
    report = services.report_progress(
        task, unit=fgw, actor=fgw_editor, text="已公开", percent=60, evidence=evidence
    )
    assert report.evidence_sha256 and len(_files(settings.GONGKAI_PRIVATE_MEDIA_ROOT)) == len(before) + 1
