"""Policy library services: 文号, derived status over time, relations, evaluation, cleanup, interpretations, Q&A."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.policies import selectors, services
from gongkai.policies.models import PolicyDocument, Question
from gongkai.policies.services import PolicyError
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Publication

from .factories import (
    SUBSIDY_V2,
    aware,
    extend_through_notice,
    make_document,
    make_interpretation,
    publish_document,
)

AMENDMENT = """关于修改《示范县耕地地力保护补贴管理办法》的决定
一、将第四条修改为：“第四条　补贴标准为每亩120元。”
本决定自2026年3月1日起施行。"""


# --- 文号 ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw",
    [
        "城政〔2024〕1号",
        "城政[2024]1号",
        "城政（2024）1号",
        "城政(2024)第1号",
        "城政〔２０２４〕００１号",
        " 城政 〔2024〕 1 号 ",
    ],
)
def test_doc_number_variants_normalize_to_the_standard_form(raw):
    parsed = publishing.parse_doc_number(raw, error=PolicyError)
    assert (parsed.standard, parsed.issuer_code, parsed.year, parsed.number) == (
        "城政〔2024〕1号",
        "城政",
        2024,
        1,
    )


def test_doc_number_is_unique_per_issuer_and_year_and_a_clash_saves_nothing(world):
    first = make_document(world, doc_number="城政〔2024〕1号")
    pubs = Publication.objects.count()
    with pytest.raises(PolicyError) as exc:
        make_document(world, title="另一份文件", doc_number="城政[2024]第1号")
    assert "城政〔2024〕1号" in str(exc.value) and first.publication.title in str(exc.value)
    assert Publication.objects.count() == pubs  # the publication draft was rolled back too
    # Same number, another year or another issuer: fine.
    make_document(world, title="二〇二五年文件", doc_number="城政〔2025〕1号")
    make_document(world, title="办公室文件", doc_number="城政办〔2024〕1号")


def test_a_malformed_doc_number_is_refused_with_the_expected_form(world):
    with pytest.raises(PolicyError, match="格式不正确.*发文机关代字〔年份〕序号号"):
        make_document(world, doc_number="2024年第一号")


def test_a_normative_document_needs_a_doc_number_before_review(world):
    doc = make_document(world)
    with pytest.raises(publishing.PublishingError, match="文号"):
        publishing.submit(doc.publication, actor=world.editor)


def test_effective_date_before_the_written_date_is_refused(world):
    with pytest.raises(PolicyError, match="施行日期.*早于成文日期"):
        make_document(world, doc_number="城政〔2024〕2号", effective_date=date(2023, 12, 1))


# --- status over time -------------------------------------------------------------------------------------------
def test_status_over_time_not_yet_valid_amended_repealed(world):
    w = world
    doc = make_document(w, doc_number="城政〔2024〕1号", effective_date=date(2024, 2, 1))
    publish_document(w, doc, date(2024, 1, 5))
    assert services.validity_of(doc, date(2024, 1, 31)).status == "尚未生效"
    assert services.validity_of(doc, date(2024, 2, 1)).status == "有效"
    amendment = make_document(
        w,
        title="关于修改《示范县耕地地力保护补贴管理办法》的决定",
        text=AMENDMENT,
        doc_number="城政〔2026〕2号",
        formed_date=date(2026, 2, 10),
        effective_date=date(2026, 3, 1),
    )
    services.add_relation(doc, actor=w.reviewer, kind="amends", source=amendment, clauses=["第4条"])
    # The amendment is a draft: it does not act yet.
    assert services.validity_of(doc, date(2026, 4, 1)).status == "有效"
    publish_document(w, amendment, date(2026, 2, 12))
    doc.refresh_from_db()
    assert doc.amended_on == date(2026, 3, 1)
    assert services.validity_of(doc, date(2026, 2, 28)).status == "有效"
    assert services.validity_of(doc, date(2026, 3, 1)).status == "已修改"
    assert doc.relations_in.get().clauses == ["第四条"]
    # The consolidated text is diffed, not the decision's own words.
    rel = amendment.relations_out.get()
    assert any("每亩100元调整为每亩120元" in line for line in services.relation_diff(rel).summary())
    repeal = make_document(
        w,
        title="关于废止部分规范性文件的决定",
        text="现决定废止下列文件。",
        doc_number="城政〔2026〕5号",
        formed_date=date(2026, 6, 1),
    )
    services.add_relation(
        doc, actor=w.reviewer, kind="repeals", source=repeal, effective_date=date(2026, 7, 1)
    )
    publish_document(w, repeal, date(2026, 6, 2))
    v = services.validity_of(doc, date(2026, 7, 1))
    assert v.status == "已废止" and "城政〔2026〕5号" in v.reason
    doc.publication.refresh_from_db()
    assert doc.publication.validity in ("amended", "repealed")  # synced on publication of the repeal


def test_expired_and_provisional_terms(world):
    w = world
    doc = make_document(
        w, title="示范县农村危房改造补助暂行办法", doc_number="城政〔2022〕3号", formed_date=date(2022, 3, 1)
    )
    publish_document(w, doc, date(2022, 3, 2))
    doc.refresh_from_db()
    assert doc.expires_on == date(2024, 2, 29)  # 暂行: two years
    assert services.validity_of(doc, date(2024, 2, 29)).status == "有效"
    assert services.validity_of(doc, date(2024, 3, 1)).status == "失效"


def test_sql_status_agrees_with_the_core_on_every_day(world):
    """The library filters in SQL; the document page explains with the core. They must never disagree."""
    w = world
    base = make_document(
        w, doc_number="城政〔2021〕1号", formed_date=date(2021, 5, 1), effective_date=date(2021, 6, 1)
    )
    publish_document(w, base, date(2021, 5, 3))
    short = make_document(
        w,
        title="示范县临时救助试行办法",
        doc_number="城政〔2023〕4号",
        formed_date=date(2023, 1, 10),
        stated_end=date(2024, 6, 30),
    )
    publish_document(w, short, date(2023, 1, 11))
    new = make_document(w, text=SUBSIDY_V2, doc_number="城政〔2024〕8号", formed_date=date(2024, 5, 1))
    services.add_relation(base, actor=w.reviewer, kind="amends", source=new, effective_date=date(2024, 5, 10))
    publish_document(w, new, date(2024, 5, 2))
    services.add_relation(  # the system, as the extension flow does once its notice is published
        short,
        actor=None,
        kind="extends",
        effective_date=date(2024, 6, 1),
        extended_until=date(2025, 6, 30),
    )
    services.add_relation(
        new, actor=w.office, kind="declares_expired", effective_date=date(2025, 9, 1), basis="清理结果"
    )
    services.add_relation(
        base, actor=w.office, kind="repeals", effective_date=date(2026, 1, 1), basis="废止决定"
    )
    docs = list(PolicyDocument.objects.all())
    day, seen = date(2021, 4, 1), set()
    while day < date(2027, 1, 1):
        live = dict(selectors.with_status(PolicyDocument.objects.all(), day).values_list("pk", "live_status"))
        for doc in docs:
            expected = services.validity_of(doc, day).status
            assert live[doc.pk] == expected, (doc.publication.title, day)
            seen.add(expected)
        day += timedelta(days=17)
    assert seen == {"尚未生效", "有效", "已修改", "已废止", "失效"}


# --- relations ------------------------------------------------------------------------------------------------
def test_relations_refuse_self_cycles_unknown_clauses_and_duplicates(world):
    w = world
    a = make_document(w, doc_number="城政〔2024〕1号")
    b = make_document(w, text=SUBSIDY_V2, doc_number="城政〔2025〕1号", formed_date=date(2025, 1, 2))
    with pytest.raises(PolicyError, match="自身"):
        services.add_relation(a, actor=w.reviewer, kind="repeals", source=a)
    with pytest.raises(PolicyError, match="找不到第十二条"):
        services.add_relation(a, actor=w.reviewer, kind="amends", source=b, clauses=["第十二条"])
    services.add_relation(a, actor=w.reviewer, kind="replaces", source=b)
    with pytest.raises(PolicyError, match="已登记过"):
        services.add_relation(a, actor=w.reviewer, kind="replaces", source=b)
    with pytest.raises(PolicyError, match="反向"):
        services.add_relation(b, actor=w.reviewer, kind="replaces", source=a)
    # Another unit's staff cannot record relations for our documents.
    with pytest.raises(PolicyError):
        services.add_relation(
            a,
            actor=w.dept_editor,
            kind="extends",
            extended_until=date(2031, 1, 1),
            effective_date=date(2026, 1, 1),
        )


def test_relation_suggestions_from_the_text(world):
    w = world
    old = make_document(w, doc_number="城政〔2020〕7号", formed_date=date(2020, 1, 2))
    new = make_document(
        w,
        text=SUBSIDY_V2 + "\n第八条　《示范县耕地地力保护补贴管理办法》（城政〔2020〕7号）同时废止。",
        doc_number="城政〔2025〕9号",
        formed_date=date(2025, 1, 2),
    )
    assert services.suggest_relations(new) == [(old, "repeals")]


def test_relations_are_audited_with_status_before_and_after(world):
    w = world
    doc = make_document(w, doc_number="城政〔2024〕1号", formed_date=date(2024, 1, 2))
    publish_document(w, doc, date(2024, 1, 3))
    services.add_relation(
        doc, actor=w.reviewer, kind="repeals", effective_date=date(2025, 1, 1), basis="县政府常务会议决定"
    )
    event = AuditEvent.objects.filter(action="policies.relation_add").latest("id")
    assert event.before["status"] == "有效" and event.after["status"] == "已废止"
    assert event.reason == "县政府常务会议决定"


# --- admin basis ------------------------------------------------------------------------------------------------
def test_only_a_published_document_can_be_a_basis_for_administration(world):
    w = world
    doc = make_document(w, doc_number="城政〔2024〕1号")
    with pytest.raises(PolicyError, match="未公开的文件不得作为行政管理依据"):
        services.set_admin_basis(doc, actor=w.editor, value=True)
    publish_document(w, doc)
    services.set_admin_basis(doc, actor=w.editor, value=True)
    doc.refresh_from_db()
    assert doc.basis_effective
    publishing.withdraw(doc.publication, actor=w.reviewer, reason="发现错误，撤回修改")
    doc.refresh_from_db()
    assert not doc.is_admin_basis


def test_validity_of_a_policy_document_cannot_be_typed_in_publishing(world):
    w = world
    doc = publish_document(w, make_document(w, doc_number="城政〔2024〕1号"))
    with pytest.raises(publishing.PublishingError, match="自动计算"):
        publishing.update_lifecycle(
            doc.publication, actor=w.reviewer, review_by=None, expires_on=None, validity="repealed"
        )


# --- expiry alerts and evaluation -------------------------------------------------------------------------------
def test_expiry_alert_window_and_evaluation_decisions(world):
    w = world
    today = timezone.localdate()
    # 施行 a little under 5 years ago: expires within the next six months.
    start = today.replace(year=today.year - 5) + timedelta(days=60)
    doc = make_document(w, doc_number="城政〔2021〕6号", formed_date=start, effective_date=start)
    far = make_document(
        w, title="远未到期的文件", doc_number="城政〔2026〕6号", formed_date=today - timedelta(days=30)
    )
    publish_document(w, doc, start)
    publish_document(w, far, today - timedelta(days=29))
    due = selectors.expiring(today)
    assert [d.pk for d in due] == [doc.pk]
    assert selectors.expiring(today, unit_ids=[w.dept.pk]) == []  # another unit's staff see nothing of it
    doc.refresh_from_db()
    old_end = doc.expires_on
    with pytest.raises(PolicyError, match="延续至的日期应晚于"):
        services.decide_evaluation(
            doc, actor=w.reviewer, decision="extend", note="继续实施", extended_until=old_end
        )
    ext = extend_through_notice(w, doc, until=old_end + timedelta(days=730))
    assert ext.state == "effective"
    doc.refresh_from_db()
    assert doc.expires_on == old_end + timedelta(days=730)
    assert selectors.expiring(today) == []
    assert "延续有效期" in services.validity_of(doc).reason


def test_a_lapse_decision_clears_the_alert_and_the_document_expires(world):
    w = world
    today = timezone.localdate()
    start = today.replace(year=today.year - 5) + timedelta(days=10)
    doc = make_document(w, doc_number="城政〔2021〕7号", formed_date=start)
    publish_document(w, doc, start)
    services.decide_evaluation(doc, actor=w.reviewer, decision="lapse", note="政策目标已完成，到期自然失效")
    assert selectors.expiring(today) == []
    doc.refresh_from_db()
    assert services.validity_of(doc, doc.expires_on + timedelta(days=1)).status == "失效"
    with pytest.raises(PolicyError, match="已作出评估结论"):
        services.decide_evaluation(doc, actor=w.reviewer, decision="reissue", note="改为重新制发")


# --- cleanup campaign ------------------------------------------------------------------------------------------
def test_cleanup_campaign_start_decide_close(world):
    w = world
    today = timezone.localdate()
    keep = publish_document(
        w, make_document(w, doc_number="城政〔2024〕1号", formed_date=today - timedelta(days=400))
    )
    drop = publish_document(
        w,
        make_document(
            w,
            title="示范县集贸市场管理办法",
            doc_number="城政〔2024〕2号",
            formed_date=today - timedelta(days=300),
        ),
    )
    theirs = make_document(
        w,
        title="发改委文件",
        unit=w.dept,
        doc_number="县发改〔2024〕1号",
        formed_date=today - timedelta(days=200),
    )
    publish_document(w, theirs)
    with pytest.raises(PolicyError, match="政务公开办"):
        services.start_campaign(actor=w.editor, title="清理", deadline=today + timedelta(days=30))
    campaign = services.start_campaign(
        actor=w.office, title="2026年行政规范性文件清理", deadline=today + timedelta(days=30)
    )
    items = {i.document_id: i for i in campaign.items.all()}
    assert set(items) == {keep.pk, drop.pk, theirs.pk}
    with pytest.raises(PolicyError):
        services.decide_cleanup(items[theirs.pk], actor=w.editor, decision="keep")  # not the town's document
    with pytest.raises(PolicyError, match="说明理由"):
        services.decide_cleanup(items[drop.pk], actor=w.editor, decision="repeal")
    services.decide_cleanup(items[keep.pk], actor=w.editor, decision="keep")
    services.decide_cleanup(
        items[drop.pk], actor=w.reviewer, decision="expire", note="上位法已废止，不再适用"
    )
    progress = {p.unit.pk: p for p in selectors.campaign_progress(campaign)}
    assert (progress[w.town.pk].decided, progress[w.town.pk].changes) == (2, 1)
    assert progress[w.dept.pk].pending == 1
    services.close_campaign(campaign, actor=w.office, effective=today, accept_pending=True)
    assert services.validity_of(drop).status == "失效"
    assert services.validity_of(keep).status == "有效"
    assert drop.pk not in set(selectors.valid_catalog().values_list("pk", flat=True))
    with pytest.raises(PolicyError, match="已结束"):
        services.decide_cleanup(items[keep.pk], actor=w.editor, decision="amend", note="拟修改")


# --- interpretations, 三同步 and rates --------------------------------------------------------------------------
def test_interpretation_needs_every_element_marked_before_review(world):
    w = world
    doc = make_document(w, doc_number="城政〔2024〕1号")
    interp = make_interpretation(w, [doc], elements={"background": {"state": "present"}})
    with pytest.raises(publishing.PublishingError) as exc:
        publishing.submit(interp.publication, actor=w.editor)
    assert "目标任务" in str(exc.value) and "办理流程" in str(exc.value)
    video = make_interpretation(w, [doc], form="video", title="视频解读", media_url="")
    with pytest.raises(publishing.PublishingError, match="视频解读的媒体文件或链接"):
        publishing.submit(video.publication, actor=w.editor)


def test_another_units_draft_cannot_be_interpreted(world):
    w = world
    theirs = make_document(w, title="发改委草稿", unit=w.dept, doc_number="县发改〔2026〕3号")
    with pytest.raises(PolicyError, match="不是本单位的文件，且尚未发布"):
        services.create_interpretation(
            w.town, actor=w.editor, documents=[theirs], title="解读", body="<p>x</p>"
        )


def test_year_rates_from_the_database_on_the_working_day_calendar(world):
    w = world
    # Published Friday 25 September 2026; National Day holiday 1–7 October.
    synced = make_document(w, doc_number="城政〔2026〕11号", formed_date=date(2026, 9, 20), is_major=True)
    late = make_document(
        w, title="示范县农村公路养护管理办法", doc_number="城政〔2026〕12号", formed_date=date(2026, 9, 20)
    )
    missing = make_document(
        w, title="示范县河道采砂管理办法", doc_number="城政〔2026〕13号", formed_date=date(2026, 9, 20)
    )
    for doc in (synced, late, missing):
        publish_document(w, doc, date(2026, 9, 25))
    on_time = make_interpretation(w, [synced], form="graphic")
    publish_document_like(w, on_time.publication, date(2026, 9, 30))  # 3 working days: in time
    slow = make_interpretation(w, [late], form="text", title="文字解读")
    publish_document_like(w, slow.publication, date(2026, 10, 8))  # 4 working days: late
    # Align the drafting and review steps with the documents' (same days), as a real office would have them.
    for pub in (on_time.publication, slow.publication):
        Publication.objects.filter(pk=pub.pk).update(
            created_at=synced.publication.created_at, approved_at=synced.publication.approved_at
        )
    result = selectors.year_rates(2026, today=date(2026, 11, 23))
    c = result.county
    assert (c.needing, c.interpreted, c.major, c.major_interpreted) == (3, 2, 1, 1)
    assert (c.interpretations, c.diverse, c.synced) == (2, 1, 1)
    assert {r.doc.key for r in c.late_items} == {late.pk, missing.pk}
    # The local limit is a setting: 4 working days makes the slow one synchronised.
    services.update_rules(actor=w.office, sync_working_days=4)
    again = selectors.year_rates(2026, today=date(2026, 11, 23))
    assert again.county.synced == 2, [r.explain() for r in again.results]


def publish_document_like(w, pub, when):
    from .factories import approve

    reviewer = approve(w, pub)
    publishing.publish(pub, actor=reviewer, now=aware(when))


def test_rule_change_recomputes_every_term(world):
    w = world
    doc = publish_document(w, make_document(w, doc_number="城政〔2024〕1号", formed_date=date(2024, 1, 1)))
    doc.refresh_from_db()
    assert doc.expires_on == date(2028, 12, 31)
    with pytest.raises(PolicyError):
        services.update_rules(actor=w.editor, default_years=3)
    services.update_rules(actor=w.office, default_years=3)
    doc.refresh_from_db()
    assert doc.expires_on == date(2026, 12, 31)
    assert AuditEvent.objects.filter(action="policies.rules").exists()


# --- Q&A ----------------------------------------------------------------------------------------------------------
def test_question_search_vote_and_unanswered(world):
    w = world
    q1 = services.save_question(
        w.town,
        actor=w.editor,
        question="耕地地力保护补贴每亩多少钱？",
        answer="<p>自2026年起每亩120元，通过社会保障卡发放。</p>",
    )
    q2 = services.save_question(
        w.town,
        actor=w.editor,
        question="个体工商户如何办理营业执照？",
        answer="<p>可在政务服务网全程网办。</p>",
    )
    for q in (q1, q2):
        services.set_question_state(q, actor=w.reviewer, state="published")
    assert selectors.search_questions("耕地补贴怎么发放") == [q1]
    assert selectors.search_questions("营业执照") == [q2]
    assert selectors.search_questions("宅基地审批") == []
    services.log_unanswered("宅基地审批")
    services.log_unanswered(" 宅基地审批 ")
    from gongkai.policies.models import UnansweredSearch

    assert UnansweredSearch.objects.get().count == 2
    assert services.vote(q1, helpful=True, voter_key="198.51.100.7|Firefox")
    assert not services.vote(q1, helpful=False, voter_key="198.51.100.7|Firefox")  # once a day
    assert services.vote(q1, helpful=True, voter_key="198.51.100.8|Firefox")
    q1.refresh_from_db()
    assert (q1.helpful_yes, q1.helpful_no) == (2, 0)
    assert not Question.objects.filter(answer__contains="<script").exists()
    with pytest.raises(PolicyError):
        services.save_question(w.town, actor=w.dept_editor, question="越权", answer="x")


def test_daily_sync_moves_publication_validity_with_the_date(world):
    w = world
    doc = publish_document(w, make_document(w, doc_number="城政〔2020〕1号", formed_date=date(2020, 1, 1)))
    doc.publication.refresh_from_db()
    assert doc.publication.validity == "expired"  # published today, long expired (2024-12-31)
    assert services.sync_validity(today=date(2023, 6, 1)) == 1
    doc.publication.refresh_from_db()
    assert doc.publication.validity == "valid"
    assert services.sync_validity(today=date(2023, 6, 1)) == 0
    assert services.sync_validity(today=date(2025, 1, 1)) == 1
    doc.publication.refresh_from_db()
    assert doc.publication.validity == "expired"
