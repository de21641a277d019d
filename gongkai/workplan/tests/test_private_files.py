"""The migration that takes work-plan uploads out of MEDIA_ROOT: moved to the private storage, evidence renamed by
its sniffed kind."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from gongkai.orgs.models import Unit
from gongkai.workplan.models import ProgressReport

from .factories import make_plan, make_report

pytestmark = pytest.mark.django_db


def test_old_public_uploads_move_to_private_storage(settings):
    migration = importlib.import_module("gongkai.workplan.migrations.0003_private_files")
    unit = Unit.objects.create(name="测试县财政局")
    plan, task = make_plan(unit)
    report = make_report(task, unit, with_file=False)
    old = default_storage.save("workplan/evidence/2026/t1.html", ContentFile(b"%PDF-1.4 <script>x</script>"))
    ProgressReport.objects.filter(pk=report.pk).update(evidence_file=old, evidence_name="t1.html")
    source = default_storage.save("workplan/sources/2026/plan1.txt", ContentFile("工作要点".encode()))
    type(plan).objects.filter(pk=plan.pk).update(source_file=source)
    migration.forwards(apps, None)
    report.refresh_from_db()
    plan.refresh_from_db()
    assert not default_storage.exists(old) and not default_storage.exists(source)
    assert report.evidence_file.name == "workplan/evidence/2026/t1.pdf"
    private = Path(settings.GONGKAI_PRIVATE_MEDIA_ROOT).resolve()
    assert Path(report.evidence_file.path).resolve().is_relative_to(private)
    assert Path(plan.source_file.path).read_bytes() == "工作要点".encode()
    migration.forwards(apps, None)  # a second run finds nothing left to move
    report.refresh_from_db()
    assert report.evidence_file.name == "workplan/evidence/2026/t1.pdf"
