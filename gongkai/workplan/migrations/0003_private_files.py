# Work-plan uploads move out of MEDIA_ROOT (reachable under /media/) into the private storage; evidence files are
# renamed by their sniffed kind (an ``.html`` that starts with ``%PDF-`` becomes ``.pdf``, anything else not
# accepted becomes ``.bin`` and is served as application/octet-stream).

from pathlib import PurePosixPath

import gongkai.common.storage
from django.db import migrations, models

EVIDENCE_KINDS = ("pdf", "jpeg", "png", "docx", "xlsx", "doc", "xls", "ofd")


def _evidence_extension(data: bytes) -> str:
    from gongkai.core.filetype import sniff

    kind = sniff(data).value
    return f".{kind}" if kind in EVIDENCE_KINDS else ".bin"


def _move(model, field: str, rename: bool) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from gongkai.common.storage import private_storage

    for row in model.objects.exclude(**{field: ""}).only("pk", field):
        name = getattr(row, field).name
        if not name or not default_storage.exists(name):
            continue
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
        target = name
        if rename:
            path = PurePosixPath(name)
            target = str(path.with_suffix(_evidence_extension(data)))
        saved = private_storage.save(target, ContentFile(data))
        model.objects.filter(pk=row.pk).update(**{field: saved})
        default_storage.delete(name)


def forwards(apps, schema_editor):
    _move(apps.get_model("workplan", "ProgressReport"), "evidence_file", rename=True)
    _move(apps.get_model("workplan", "WorkPlan"), "source_file", rename=False)


class Migration(migrations.Migration):
    dependencies = [
        ("workplan", "0002_file_hashes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="progressreport",
            name="evidence_file",
            field=models.FileField(
                blank=True,
                storage=gongkai.common.storage.PrivateStorage(),
                upload_to="workplan/evidence/%Y/",
                verbose_name="佐证材料",
            ),
        ),
        migrations.AlterField(
            model_name="workplan",
            name="source_file",
            field=models.FileField(
                blank=True,
                storage=gongkai.common.storage.PrivateStorage(),
                upload_to="workplan/sources/%Y/",
                verbose_name="原文件",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
