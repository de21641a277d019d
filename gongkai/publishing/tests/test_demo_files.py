"""The demo shows the legacy/OFD/scanned attachments (issue 13, part 3) in each of their states."""

import io

import pytest

from gongkai.publishing import demo
from gongkai.publishing.models import Publication

pytestmark = pytest.mark.django_db


def test_demo_attachments_in_every_state():
    from gongkai.calendar import services as calendar
    from gongkai.orgs import demo as orgs_demo

    calendar.seed_from_package()
    orgs_demo.load(io.StringIO())
    demo.load(io.StringIO())
    pub = Publication.objects.get(title__contains="农村危房改造补助对象审核结果公示")
    atts = {att.name: att for att in pub.attachments.all()}
    xls = atts["危房改造补助对象名单.xls"]
    assert xls.kind == "xls" and xls.masked_file.name.endswith(".xlsx") and "369901" in xls.text
    assert (
        "369901" not in xls.masked_text and pub.findings.filter(attachment=xls, status="masked").count() >= 8
    )
    ofd = atts["审核结果公告.ofd"]
    assert ofd.kind == "ofd" and "审核结果公告" in ofd.text and ofd.needs_replacement
    scan = atts["入户核查表（扫描件）.pdf"]
    assert scan.kind == "pdf" and "没有文字层" in scan.text_error
    count = Publication.objects.count()
    demo.load(io.StringIO())
    assert Publication.objects.count() == count
