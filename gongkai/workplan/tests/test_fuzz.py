"""Whatever is uploaded, the import either makes a draft plan or refuses with a Chinese message; nothing else."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.workplan import services
from gongkai.workplan.models import WorkPlan

pytestmark = pytest.mark.django_db

HEADS = [
    b"",
    b"PK\x03\x04",
    b"%PDF-1.4\n",
    b"\xd0\xcf\x11\xe0",
    b"<html><body>",
    "一、总体要求\n（一）".encode(),
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=st.sampled_from(HEADS), body=st.binary(max_size=400) | st.text(max_size=300).map(str.encode))
def test_import_never_crashes(office, head, body):
    before = WorkPlan.objects.count()
    try:
        plan = services.import_document(actor=office, data=head + body, filename="upload.bin", year=2026)
    except services.WorkPlanError as exc:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))
        assert WorkPlan.objects.count() == before
    else:
        assert plan.items.exists()
