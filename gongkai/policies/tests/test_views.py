"""The staff pages of the policy library through the test client: who sees what, forms, refusals, flows, exports."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.core.policy.validity import Status
from gongkai.policies import exports, selectors, services
from gongkai.policies.cards import policy_cards
from gongkai.policies.models import Campaign, CampaignItem, ExtensionRequest, Interpretation, PolicyDocument
from gongkai.publishing import services as publishing
from gongkai.publishing.vocab import State

from .factories import (
    SUBSIDY_V1,
    SUBSIDY_V2,
    approve,
    aware,
    html,
    make_document,
    make_interpretation,
    publish_document,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def _doc_post(**overrides) -> dict:
    data = {
        "title": "示范县城关镇农村人居环境整治奖补办法",
        "body": "<p>第一条　为改善农村人居环境，制定本办法。</p>",
        "doc_number": "",
        "kind": "normative",
        "formed_date": "2024-03-01",
        "effective_date": "",
        "stated_years": "",
        "stated_end": "",
        "registration_number": "",
        "topic": "",
        "exempt_reason": "",
    }
    data.update(overrides)
    return data


# --- pages render for the right people ----------------------------------------------------------------------------
def test_pages_render_for_unit_staff_and_office(world, client):
    doc = make_document(world, doc_number="城府发〔2024〕3号")
    interp = make_interpretation(world, [doc])
    q = services.save_question(
        world.town, actor=world.editor, question="补贴标准是多少？", answer="<p>每亩120元。</p>"
    )
    item = services.save_service(
        world.town, actor=world.editor, name="耕地地力保护补贴申领", guide_url="https://zw.example.cn/1"
    )
    for user in (world.editor, world.office):
        client.force_login(user)
        for name, args, expect in (
            ("policies:list", [], doc.title),
            ("policies:new", [], "文号"),
            ("policies:detail", [doc.pk], "城府发〔2024〕3号"),
            ("policies:edit", [doc.pk], doc.title),
            ("policies:interpretations", [], interp.publication.title),
            ("policies:interpretation_new", [], "解读内容要素"),
            ("policies:interpretation_edit", [interp.pk], "新旧政策差异"),
            ("policies:expiring", [], "到期评估"),
            ("policies:campaigns", [], "规范性文件清理"),
            ("policies:rates", [], "解读统计"),
            ("policies:questions", [], q.question),
            ("policies:question_edit", [q.pk], q.question),
            ("policies:question_new", [], "问题"),
            ("policies:services", [], item.name),
            ("policies:service_edit", [item.pk], item.name),
            ("policies:service_new", [], "办事指南链接"),
        ):
            response = client.get(reverse(name, args=args))
            assert response.status_code == 200, (user, name)
            assert expect in _text(response), (user, name)
    client.force_login(world.office)
    for name, expect in (
        ("policies:rules", "解读晚于文件的最长工作日"),
        ("policies:unanswered", "无结果检索"),
        ("policies:packages", "政策包"),
        ("policies:package_new", "网址标识"),
        ("policies:campaign_new", "报送截止日期"),
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200 and expect in _text(response), name
    client.force_login(world.editor)
    for name in ("policies:rules", "policies:unanswered", "policies:packages", "policies:campaign_new"):
        assert client.get(reverse(name)).status_code == 403, name


def test_other_unit_gets_404(world, client):
    doc = make_document(world, doc_number="城府发〔2024〕3号")
    interp = make_interpretation(world, [doc])
    q = services.save_question(
        world.town, actor=world.editor, question="补贴标准是多少？", answer="<p>每亩120元。</p>"
    )
    svc = services.save_service(
        world.town, actor=world.editor, name="补贴申领", guide_url="https://zw.example.cn/1"
    )
    publish_document(world, doc)
    campaign = services.start_campaign(actor=world.office, title="2026年清理", deadline=timezone.localdate())
    item = CampaignItem.objects.get(campaign=campaign, document=doc)
    client.force_login(world.dept_editor)
    for url in (
        reverse("policies:detail", args=[doc.pk]),
        reverse("policies:edit", args=[doc.pk]),
        reverse("policies:interpretation_edit", args=[interp.pk]),
        reverse("policies:question_edit", args=[q.pk]),
        reverse("policies:service_edit", args=[svc.pk]),
    ):
        assert client.get(url).status_code == 404, url
    for url, data in (
        (reverse("policies:edit", args=[doc.pk]), _doc_post()),
        (reverse("policies:admin_basis", args=[doc.pk]), {"value": "1"}),
        (reverse("policies:evaluate", args=[doc.pk]), {"decision": "lapse", "note": "x"}),
        (reverse("policies:question_state", args=[q.pk]), {"state": "retired"}),
        (reverse("policies:campaign_item", args=[item.pk]), {"decision": "repeal", "note": "x"}),
    ):
        assert client.post(url, data).status_code == 404, url
    item.refresh_from_db()
    assert item.decision == "pending"
    # The list pages do not show the other unit's work either.
    assert doc.title not in _text(client.get(reverse("policies:list")))
    assert interp.publication.title not in _text(client.get(reverse("policies:interpretations")))
    page = _text(client.get(reverse("policies:campaign", args=[campaign.pk])))
    assert doc.title not in page and "各单位进度" not in page


# --- document form -----------------------------------------------------------------------------------------------
def test_create_document_and_duplicate_number(world, client):
    client.force_login(world.editor)
    r = client.post(
        reverse("policies:new"),
        _doc_post(doc_number="城府发[2024]7号", co_issuers=[str(world.dept.pk)], is_major="on"),
    )
    doc = PolicyDocument.objects.get()
    assert r.status_code == 302 and r.url == reverse("policies:detail", args=[doc.pk])
    assert doc.doc_number == "城府发〔2024〕7号" and doc.is_major
    assert list(doc.co_issuers.all()) == [world.dept]
    assert doc.publication.unit == world.town and doc.expires_on == date(2029, 2, 28)
    # The same 文号 again: refused with a clear message, the typed title kept.
    r = client.post(
        reverse("policies:new"), _doc_post(title="另一个文件标题XYZ", doc_number="城府发〔2024〕7号")
    )
    page = _text(r)
    assert r.status_code == 200 and PolicyDocument.objects.count() == 1
    assert "已被《示范县城关镇农村人居环境整治奖补办法》使用" in page and "另一个文件标题XYZ" in page


def test_effective_before_formed_and_bad_date_keep_input(world, client):
    client.force_login(world.editor)
    r = client.post(
        reverse("policies:new"),
        _doc_post(title="日期错误的文件ABC", formed_date="2024-03-01", effective_date="2024-02-01"),
    )
    page = _text(r)
    assert "早于成文日期" in page and "日期错误的文件ABC" in page and 'value="2024-02-01"' in page
    r = client.post(reverse("policies:new"), _doc_post(title="坏日期文件DEF", formed_date="2024-13-45"))
    page = _text(r)
    assert "日期格式不正确" in page and "坏日期文件DEF" in page and "2024-13-45" in page
    assert not PolicyDocument.objects.exists()


def test_edit_document_metadata(world, client):
    doc = make_document(world)
    client.force_login(world.editor)
    data = _doc_post(title=doc.title, stated_years="2", formed_date="2024-01-02")
    r = client.post(reverse("policies:edit", args=[doc.pk]), data)
    assert r.status_code == 302
    doc.refresh_from_db()
    assert doc.stated_years == 2 and doc.expires_on == date(2026, 1, 1)


def test_admin_basis_refused_until_published(world, client):
    doc = make_document(world, doc_number="城府发〔2024〕8号")
    client.force_login(world.editor)
    r = client.post(reverse("policies:admin_basis", args=[doc.pk]), {"value": "1"}, follow=True)
    assert any("未公开的文件不得作为行政管理依据" in m for m in _messages(r))
    doc.refresh_from_db()
    assert not doc.is_admin_basis
    publish_document(world, doc)
    r = client.post(reverse("policies:admin_basis", args=[doc.pk]), {"value": "1"}, follow=True)
    doc.refresh_from_db()
    assert doc.is_admin_basis and "行政管理依据" in _text(r)


# --- relations and diff --------------------------------------------------------------------------------------------
def test_relation_add_shows_diff_and_remove(world, client):
    old = make_document(world, doc_number="城府发〔2023〕1号", formed_date=date(2023, 1, 2))
    new = make_document(
        world, title="示范县耕地地力保护补贴管理办法（修订）", text=SUBSIDY_V2, doc_number="城府发〔2024〕9号"
    )
    client.force_login(world.editor)
    # The picker finds the old document by its 文号.
    page = _text(client.get(reverse("policies:detail", args=[new.pk]), {"find": "2023〕1号"}))
    assert f'name="other" value="{old.pk}"' in page
    r = client.post(
        reverse("policies:relation_add", args=[new.pk]),
        {"kind": "replaces", "other": old.pk, "effective_date": "2024-02-01", "clauses": "", "basis": ""},
    )
    assert r.status_code == 302
    rel = old.relations_in.get()
    assert rel.source == new
    page = _text(client.get(reverse("policies:detail", args=[new.pk])))
    assert "新旧政策差异" in page and "每亩120元" in page and "新增" in page
    # Clause that does not exist: refused with the service's message.
    r = client.post(
        reverse("policies:relation_add", args=[new.pk]),
        {"kind": "amends", "other": old.pk, "effective_date": "2024-02-01", "clauses": "第九十条"},
    )
    assert r.status_code == 400 and "找不到第九十条" in _text(r)
    # Remove needs a reason.
    r = client.post(
        reverse("policies:relation_remove", args=[rel.pk]), {"doc": new.pk, "reason": ""}, follow=True
    )
    assert old.relations_in.exists() and any("原因" in m for m in _messages(r))
    client.post(reverse("policies:relation_remove", args=[rel.pk]), {"doc": new.pk, "reason": "登记错误"})
    assert not old.relations_in.exists()


def test_suggestions_are_offered(world, client):
    old = make_document(world, doc_number="城府发〔2023〕1号", formed_date=date(2023, 1, 2))
    text = SUBSIDY_V2 + "\n第八条　《示范县耕地地力保护补贴管理办法》（城府发〔2023〕1号）同时废止。"
    new = make_document(world, title="新办法", text=text, doc_number="城府发〔2024〕9号")
    client.force_login(world.editor)
    page = _text(client.get(reverse("policies:detail", args=[new.pk])))
    assert "正文中提到的文件" in page and f'name="other" value="{old.pk}"' in page


# --- interpretations -----------------------------------------------------------------------------------------------
def _interp_post(doc, **overrides) -> dict:
    data = {
        "unit": world_unit(doc),
        "title": "图解：补贴办法",
        "body": "<p>一图读懂。</p>",
        "documents": [str(doc.pk)],
        "form": "text",
        "media_url": "",
        "interpreter_name": "",
        "interpreter_title": "",
        "formed_date": "2024-01-02",
    }
    data.update(overrides)
    return data


def world_unit(doc):
    return doc.publication.unit_id


def test_interpretation_new_prefills_difference_and_submit_refused_until_elements(world, client):
    old = make_document(world, doc_number="城府发〔2023〕1号", formed_date=date(2023, 1, 2))
    new = make_document(world, title="补贴办法（修订）", text=SUBSIDY_V2, doc_number="城府发〔2024〕9号")
    services.add_relation(old, actor=world.editor, kind="replaces", source=new)
    client.force_login(world.editor)
    page = _text(client.get(reverse("policies:interpretation_new"), {"doc": new.pk}))
    assert "每亩120元" in page and f'<option value="{new.pk}" selected' in page
    # Save with only seven of the eight elements marked.
    data = _interp_post(new)
    for key in ("background", "goals", "content", "scope", "standards", "benefits", "differences"):
        data[f"el_{key}_state"] = "present"
    r = client.post(reverse("policies:interpretation_new"), data)
    interp = Interpretation.objects.get()
    assert r.status_code == 302
    # The empty 新旧政策差异 note was filled from the diff.
    assert "120" in interp.elements["differences"]["note"]
    r = client.post(reverse("publishing:submit", args=[interp.publication.pk]), follow=True)
    msgs = " ".join(_messages(r))
    assert "办理流程" in msgs
    interp.publication.refresh_from_db()
    assert interp.publication.state == State.DRAFT
    # Mark the last one (不适用) on the edit page: the submission now goes through.
    data["el_procedure_state"] = "na"
    data["el_procedure_note"] = "不涉及办理事项"
    r = client.post(reverse("policies:interpretation_edit", args=[interp.pk]), data)
    assert r.status_code == 302
    # The unit leader signs it off (审定) before it may go to review.
    client.force_login(world.leader)
    r = client.post(
        reverse("policies:interpretation_signoff", args=[interp.pk]), {"approve": "1", "note": ""}
    )
    assert r.status_code == 302
    client.force_login(world.editor)
    r = client.post(reverse("publishing:submit", args=[interp.publication.pk]), follow=True)
    interp.publication.refresh_from_db()
    assert interp.publication.state == State.SUBMITTED, _messages(r)


def test_interpretation_without_document_refused(world, client):
    doc = make_document(world)
    client.force_login(world.editor)
    r = client.post(reverse("policies:interpretation_new"), _interp_post(doc, documents=[]))
    assert "请至少选择一份被解读的政策文件" in _text(r) and "图解：补贴办法" in _text(r)


# --- evaluation ----------------------------------------------------------------------------------------------------
def test_evaluation_extend_moves_expires_on(world, client):
    today = timezone.localdate()
    doc = make_document(
        world,
        doc_number="城府发〔2022〕5号",
        formed_date=today - timedelta(days=600),
        stated_end=today + timedelta(days=60),
    )
    publish_document(world, doc)
    assert doc.expires_on == today + timedelta(days=60)
    client.force_login(world.reviewer)
    page = _text(client.get(reverse("policies:expiring")))
    assert doc.title in page and f'id="doc-{doc.pk}"' in page
    assert any(c.title == "到期待评估的政策文件" for c in policy_cards(world.editor, today))
    # Note is required.
    new_end = today + timedelta(days=400)
    r = client.post(
        reverse("policies:evaluate", args=[doc.pk]),
        {"decision": "extend", "extended_until": new_end.isoformat(), "note": "", "next": "expiring"},
        follow=True,
    )
    assert any("评估意见" in m for m in _messages(r))
    r = client.post(
        reverse("policies:evaluate", args=[doc.pk]),
        {"decision": "extend", "extended_until": new_end.isoformat(), "note": "实施效果良好，需继续执行。"},
    )
    assert r.status_code == 302
    # The leader approves, the editor drafts the notice, the reviewer reviews and publishes it.
    ext = ExtensionRequest.objects.get(document=doc)
    client.force_login(world.leader)
    client.post(reverse("policies:extension_decide", args=[ext.pk]), {"approve": "1", "note": ""})
    client.force_login(world.editor)
    r = client.post(reverse("policies:extension_notice", args=[ext.pk]))
    ext.refresh_from_db()
    assert r.status_code == 302 and r["Location"] == reverse("publishing:detail", args=[ext.notice_id])
    approve(world, ext.notice)
    publishing.publish(ext.notice, actor=world.reviewer)
    client.force_login(world.reviewer)
    doc.refresh_from_db()
    assert doc.expires_on == new_end
    assert f'id="doc-{doc.pk}"' not in _text(client.get(reverse("policies:expiring")))
    assert "延续有效期" in _text(client.get(reverse("policies:detail", args=[doc.pk])))


# --- cleanup campaign ----------------------------------------------------------------------------------------------
def test_campaign_start_decide_close_repeals(world, client):
    today = timezone.localdate()
    doc = publish_document(
        world, make_document(world, doc_number="城府发〔2024〕2号", formed_date=today - timedelta(days=30))
    )
    keep = publish_document(
        world,
        make_document(
            world, title="保留的文件", doc_number="城府发〔2024〕4号", formed_date=today - timedelta(days=30)
        ),
    )
    client.force_login(world.office)
    r = client.post(
        reverse("policies:campaign_new"),
        {
            "title": "2026年规范性文件清理",
            "deadline": (today + timedelta(days=20)).isoformat(),
            "scope_note": "",
        },
    )
    campaign = Campaign.objects.get()
    assert r.status_code == 302 and campaign.items.count() == 2
    client.force_login(world.reviewer)
    assert any("待确认的文件" in c.title for c in policy_cards(world.reviewer, today))
    item = campaign.items.get(document=doc)
    # Repeal without a reason is refused.
    r = client.post(
        reverse("policies:campaign_item", args=[item.pk]), {"decision": "repeal", "note": ""}, follow=True
    )
    assert any("请说明理由" in m for m in _messages(r))
    client.post(
        reverse("policies:campaign_item", args=[item.pk]), {"decision": "repeal", "note": "上位法已废止"}
    )
    client.post(
        reverse("policies:campaign_item", args=[campaign.items.get(document=keep).pk]), {"decision": "keep"}
    )
    client.force_login(world.office)
    page = _text(client.get(reverse("policies:campaign", args=[campaign.pk])))
    assert "各单位进度" in page and "100%" in page
    r = client.post(reverse("policies:campaign_close", args=[campaign.pk]), {"effective": today.isoformat()})
    assert r.status_code == 302, _text(r)
    campaign.refresh_from_db()
    assert not campaign.is_open
    assert selectors.staff_documents(world.office).get(pk=doc.pk).live_status == Status.REPEALED.value
    assert selectors.staff_documents(world.office).get(pk=keep.pk).live_status == Status.VALID.value
    assert services.validity_of(PolicyDocument.objects.get(pk=doc.pk)).status == Status.REPEALED


# --- rates ---------------------------------------------------------------------------------------------------------
def _rated_world(world):
    year = timezone.localdate().year
    jan = date(year, 1, 5)
    a = make_document(world, doc_number=f"城府发〔{year}〕1号", formed_date=jan, is_major=True)
    b = make_document(world, title="乡村公益岗位管理办法", doc_number=f"城府发〔{year}〕2号", formed_date=jan)
    c = make_document(
        world,
        title="县发改委价格监测办法",
        text=SUBSIDY_V1,
        unit=world.dept,
        doc_number=f"县发改发〔{year}〕1号",
        formed_date=jan,
    )
    for d in (a, b, c):
        publish_document(world, d, when=jan)
    ia = make_interpretation(world, [a], form="graphic", formed_date=jan)
    from .factories import approve

    reviewer = approve(world, ia.publication)
    from gongkai.publishing import services as publishing

    publishing.publish(ia.publication, actor=reviewer, now=aware(jan + timedelta(days=30)))
    return year, a, b, c


def test_rates_page_and_xlsx_match_selector(world, client):
    from openpyxl import load_workbook

    year, a, b, c = _rated_world(world)
    expected = selectors.year_rates(year)
    client.force_login(world.office)
    page = _text(client.get(reverse("policies:rates"), {"year": year}))
    assert "全县" in page and "rate-below" in page and b.title in page and "尚无解读" in page
    r = client.get(reverse("policies:rates_xlsx"), {"year": year})
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames[:2] == ["汇总", "三同步明细"]
    ws = wb["汇总"]
    headers = [cell.value for cell in ws[1]]
    assert headers == list(exports.SUMMARY_HEADERS)
    rows = {row[0]: dict(zip(headers, row, strict=True)) for row in ws.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {r.unit for r in expected.units} | {"全县"}
    county = rows["全县"]
    assert county["文件数"] == expected.county.documents == 3
    assert county["解读率"] == pytest.approx(expected.county.interpretation_rate) == pytest.approx(1 / 3)
    assert county["重大政策解读率"] == pytest.approx(expected.county.major_rate) == 1
    assert county["多元化解读比例"] == pytest.approx(expected.county.diverse_rate) == 1
    assert county["三同步率"] == pytest.approx(expected.county.sync_rate or 0)
    assert county["解读滞后数"] == expected.county.late
    assert ws.cell(ws.max_row, headers.index("解读率") + 1).number_format == "0.0%"
    for unit_row in expected.units:
        assert rows[unit_row.unit]["已解读文件数"] == unit_row.interpreted
    detail = wb["三同步明细"]
    dheaders = [cell.value for cell in detail[1]]
    assert dheaders == list(exports.DETAIL_HEADERS)
    drows = [dict(zip(dheaders, row, strict=True)) for row in detail.iter_rows(min_row=2, values_only=True)]
    assert len(drows) == len(expected.results) == 3
    by_title = {d["文件标题"]: d for d in drows}
    assert by_title[a.title]["重大政策"] == "是" and by_title[a.title]["解读形式"] == "图解"
    assert by_title[a.title]["同步发布"] == "否" and isinstance(by_title[a.title]["同步发布相差工作日"], int)
    assert by_title[b.title]["解读标题"] in ("", None) and by_title[b.title]["滞后工作日"] > 3


def test_unit_sees_only_its_own_rates(world, client):
    year, a, b, c = _rated_world(world)
    client.force_login(world.dept_editor)
    page = _text(client.get(reverse("policies:rates"), {"year": year}))
    assert c.publication.unit.display_name in page and a.title not in page and "全县" not in page
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(client.get(reverse("policies:rates_xlsx"), {"year": year}).content))
    names = [row[0] for row in wb["汇总"].iter_rows(min_row=2, values_only=True)]
    assert world.town.display_name not in names
    titles = [row[1] for row in wb["三同步明细"].iter_rows(min_row=2, values_only=True)]
    assert titles == [c.title]
    # The unit's card lists its document published without an interpretation.
    cards = policy_cards(world.dept_editor)
    assert any(card.title == "已发布但尚无解读的政策文件" and card.count == 1 for card in cards)
    office_cards = policy_cards(world.office)
    assert any(card.title == "全县解读滞后的政策文件" and card.count >= 2 for card in office_cards)


# --- rules, Q&A, unanswered, packages ------------------------------------------------------------------------------
def test_rules_update_and_refusal(world, client):
    client.force_login(world.office)
    data = {
        "default_years": 5,
        "provisional_years": 7,
        "evaluation_months": 6,
        "sync_working_days": 3,
        "interpretation_target": 100,
        "major_target": 100,
        "diverse_target": 70,
        "sync_target": 100,
    }
    r = client.post(reverse("policies:rules"), data)
    assert "不能长于" in _text(r)
    data["provisional_years"] = 2
    data["diverse_target"] = 80
    assert client.post(reverse("policies:rules"), data).status_code == 302
    assert selectors.rules().diverse_target == 80


def test_question_unanswered_and_package(world, client):
    from gongkai.policies.models import Package, Question, UnansweredSearch

    services.log_unanswered("个体户补贴怎么申请")
    entry = UnansweredSearch.objects.get()
    doc = publish_document(world, make_document(world, doc_number="城府发〔2024〕2号"))
    client.force_login(world.office)
    page = _text(client.get(reverse("policies:unanswered")))
    assert entry.query in page
    r = client.post(reverse("policies:unanswered_handle", args=[entry.pk]), {"note": ""}, follow=True)
    assert any("处理说明" in m for m in _messages(r))
    # The town editor writes a question and publishes it.
    client.force_login(world.editor)
    r = client.post(
        reverse("policies:question_new"),
        {
            "unit": world.town.pk,
            "question": "个体户怎么申请补贴？",
            "answer": "<p>到镇便民服务中心申请。</p>",
            "documents": [doc.pk],
        },
    )
    q = Question.objects.get()
    assert r.status_code == 302 and list(q.documents.all()) == [doc]
    client.post(reverse("policies:question_state", args=[q.pk]), {"state": "published"})
    q.refresh_from_db()
    assert q.state == "published"
    client.force_login(world.office)
    client.post(
        reverse("policies:unanswered_handle", args=[entry.pk]), {"note": "已补充问答", "question": q.pk}
    )
    entry.refresh_from_db()
    assert entry.handled_at and entry.answered_by == q
    r = client.post(
        reverse("policies:package_new"),
        {
            "title": "企业开办政策包",
            "slug": "qiye-kaiban",
            "theme": "企业开办",
            "summary": "",
            "sort_order": 0,
            "is_published": "on",
            "documents": [doc.pk],
            "questions": [q.pk],
        },
    )
    assert r.status_code == 302
    package = Package.objects.get()
    assert package.is_published and list(package.documents.all()) == [doc]
    r = client.post(
        reverse("policies:package_new"),
        {"title": "重复", "slug": "qiye-kaiban", "theme": "其他", "sort_order": 0},
    )
    assert "已被其他政策包使用" in _text(r)


def test_service_form_rejects_bad_url(world, client):
    client.force_login(world.editor)
    r = client.post(
        reverse("policies:service_new"),
        {"unit": world.town.pk, "name": "补贴申领", "guide_url": "zw.example"},
    )
    assert "http://" in _text(r) and "补贴申领" in _text(r)


def test_body_html_is_not_rendered_raw(world, client):
    doc = make_document(world, title="<script>alert(1)</script>标题", text="第一条　正文")
    client.force_login(world.editor)
    page = _text(client.get(reverse("policies:detail", args=[doc.pk])))
    assert "<script>alert(1)</script>" not in page
    assert html("x") == "<p>x</p>"


@pytest.mark.parametrize("prefix", ["", "\t", "\r"])
def test_rates_xlsx_never_writes_a_formula(world, client, prefix):
    from openpyxl import load_workbook

    from gongkai.publishing.models import Publication

    year, a, b, c = _rated_world(world)
    payload = prefix + '=HYPERLINK("http://evil.example/","点击")'
    Publication.objects.filter(pk=b.publication.pk).update(title=payload)
    client.force_login(world.office)
    wb = load_workbook(io.BytesIO(client.get(reverse("policies:rates_xlsx"), {"year": year}).content))
    cells = [cell for sheet in wb.worksheets for row in sheet.iter_rows() for cell in row]
    assert "'" + payload in [cell.value for cell in cells]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
