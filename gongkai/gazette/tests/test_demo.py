"""The gazette's demo: three issues (two published with their distribution log, one being composed); idempotent."""

import io

import pytest
from django.test import Client

from gongkai.gazette import demo
from gongkai.gazette.models import Distribution, Issue


@pytest.mark.django_db
def test_demo_three_issues_and_a_second_run_adds_nothing(world):
    from .factories import published_document

    for i in range(4):
        published_document(
            world,
            f"示范县演示管理办法{i}",
            "第一条　为规范管理，制定本办法。",
            doc_number=f"城政规〔2026〕{i + 1}号",
        )
    published_document(world, "示范县稳就业措施", "一、支持就业。", unit=world.dept, kind="policy")
    demo.load(io.StringIO())
    assert Issue.objects.count() == 3
    assert Issue.objects.filter(state="published").count() == 2
    assert Distribution.objects.count() == 6
    assert all(i.entries.exists() for i in Issue.objects.all())
    page = Client().get("/xxgk/zfgb/").content.decode()
    assert page.count('class="gazette-issue"') == 2
    demo.load(io.StringIO())
    assert Issue.objects.count() == 3 and Distribution.objects.count() == 6
