"""The figures of tables 二 and 四 are counted as of 31 December of the report year; their drill-down links must list
exactly the records counted, also when a document is repealed or an appeal decided in the next year."""

import re
from datetime import date, datetime

from django.utils import timezone

from gongkai.policies.models import PolicyDocument
from gongkai.reports import services

from .fixtures import ALL_PASS, appeal, sample_cases

YEAR = 2025


def _published_doc(county, title, formed, seq, *, publish=True):
    from gongkai.policies import services as policies
    from gongkai.publishing import services as publishing

    doc = policies.create_document(
        county.zrzy,
        actor=county.editor,
        title=title,
        body="<p>第一条　为了规范管理，制定本办法。</p><p>第二条　本办法自发布之日起施行。</p>",
        formed_date=formed,
        topic="国土资源、能源",
        doc_number=f"示自然资规〔{formed.year}〕{seq}号",
        effective_date=formed,
        stated_years=5,
        interpretation_exempt=True,
        exempt_reason="内部管理规定",
    )
    if publish:
        pub = doc.publication
        publishing.submit(pub, actor=county.editor)
        publishing.decide_review(pub, actor=county.reviewer, checks=ALL_PASS, verdict="approved")
        publishing.publish(
            pub,
            actor=county.reviewer,
            now=timezone.make_aware(datetime(formed.year, formed.month, formed.day + 1, 10)),
        )
    return doc


def _titles(page: str, docs) -> set[str]:
    return {doc.publication.title for doc in docs if doc.publication.title in page}


def test_table2_links_list_the_documents_counted_with_their_status_on_31_december(county, client):
    old = _published_doc(county, "示范县自然资源局土地储备管理办法", date(YEAR - 1, 3, 1), 1)
    repealed_next_year = _published_doc(county, "示范县自然资源局耕地保护补偿办法", date(YEAR, 4, 1), 1)
    repealed_this_year = _published_doc(county, "示范县自然资源局矿产资源管理办法", date(YEAR, 6, 1), 2)
    draft = _published_doc(county, "示范县自然资源局测绘管理办法", date(YEAR, 7, 1), 3, publish=False)
    # 废止 dates (as the library records them): one in the report year, one in the next year — today is after both
    PolicyDocument.objects.filter(pk=repealed_next_year.pk).update(ended_on=date(YEAR + 1, 2, 1))
    PolicyDocument.objects.filter(pk=repealed_this_year.pk).update(ended_on=date(YEAR, 10, 1))
    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    assert report.tables["table2"]["normative"] == {"issued": 2, "repealed": 1, "in_force": 2}
    expected = {
        "issued": {repealed_next_year, repealed_this_year},
        "repealed": {repealed_this_year},
        "in_force": {old, repealed_next_year},  # repealed in the next year: in force on 31 December
    }
    everything = [old, repealed_next_year, repealed_this_year, draft]
    client.force_login(county.office)
    for cell, docs in expected.items():
        url = report.urls["table2"]["normative"][cell]
        page = client.get(url).content.decode()
        assert _titles(page, everything) == {d.publication.title for d in docs}, (cell, url)
        assert len(docs) == report.tables["table2"]["normative"][cell]
    in_force_page = client.get(report.urls["table2"]["normative"]["in_force"]).content.decode()
    assert f"有效性按 {YEAR}-12-31 当日计算" in in_force_page
    # today's status (the list without the report's scope) no longer counts the one repealed this February
    today = client.get(
        f"/work/policies/?kind=normative&unit={county.zrzy.pk}&status=%E6%9C%89%E6%95%88"
    ).content.decode()
    assert repealed_next_year.publication.title not in today


def test_table4_links_show_results_known_on_31_december(county, client):
    made = sample_cases(county.zrzy, YEAR)
    upheld = appeal(
        made[4], kind="reconsideration", filed=date(YEAR, 3, 1), result="upheld", decided=date(YEAR, 5, 1)
    )
    decided_later = appeal(
        made[5],
        kind="reconsideration",
        filed=date(YEAR, 4, 1),
        result="corrected",
        decided=date(YEAR + 1, 1, 5),  # closed after 31 December: 尚未审结 in the report
    )
    report = services.generate(county.zrzy, YEAR, actor=county.editor)
    t4 = report.tables["table4"]["reconsideration"]
    assert t4 == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    client.force_login(county.office)
    serial = {upheld.pk: upheld.request.serial, decided_later.pk: decided_later.request.serial}

    def listed(cell):
        page = client.get(report.urls["table4"]["reconsideration"][cell]).content.decode()
        return {pk for pk, s in serial.items() if f">{s}</a>" in page}, page

    shown, page = listed("pending")
    assert shown == {decided_later.pk}
    assert "年报口径" in page and f"{YEAR}-12-31后：结果纠正" in page
    assert listed("corrected")[0] == set()  # counted 0 in the report: the link lists none
    assert listed("upheld")[0] == {upheld.pk}
    assert listed("total")[0] == {upheld.pk, decided_later.pk}
    # the page's own table IV follows the same date
    total_page = client.get(report.urls["table4"]["reconsideration"]["total"]).content.decode()
    row = re.search(r'<th scope="row">行政复议</th>((?:<td class="num">\d+</td>){5})', total_page)
    assert row is not None and re.findall(r"\d+", row.group(1)) == ["1", "0", "0", "1", "2"]
    # without the report's date the list shows today's result
    today = client.get(
        f"/work/foi/appeals/?year={YEAR}&kind=reconsideration&result=corrected"
    ).content.decode()
    assert f">{decided_later.request.serial}</a>" in today
