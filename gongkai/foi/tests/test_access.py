"""Every rule of ``foi/access.py``, role by role, on the test county (zrzy handles the case; fgw is another unit)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.foi import access, selectors, services
from gongkai.foi.errors import FoiAccessRefused, FoiError
from gongkai.foi.models import InfoRequest
from gongkai.orgs.models import Membership
from gongkai.roles import Role

from .conftest import person

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def case(county, today):
    today(D(2026, 10, 20))
    return services.submit_online(
        person(), unit=county.zrzy, now=datetime(2026, 10, 12, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    ).case


def users(county):
    return {
        "office": county.admin,
        "officer": county.officer,
        "leader": county.leader,
        "legal": county.legal,
        "editor": county.editor,
        "other_unit": county.other,  # officer, leader and legal adviser — of fgw
        "system": None,
    }


def allowed(county, rule) -> set[str]:
    return {name for name, user in users(county).items() if rule(user)}


def test_who_sees_and_handles_a_case(county, case):
    assert allowed(county, lambda u: access.can_see(u, case)) == {
        "office",
        "officer",
        "leader",
        "legal",
        "editor",
        "system",
    }
    assert allowed(county, lambda u: access.can_handle(u, case)) == {"office", "officer", "system"}
    assert allowed(county, lambda u: access.can_assign(u, case, county.fgw)) == {
        "office",
        "officer",
        "system",
    }
    assert allowed(county, lambda u: access.can_register(u, county.zrzy)) == {"office", "officer", "system"}
    assert allowed(county, lambda u: access.can_export(u)) == set(users(county))
    # The query form of can_see agrees with it.
    for name, user in users(county).items():
        seen = access.scope(user, InfoRequest.objects.all()).filter(pk=case.pk).exists()
        assert seen == access.can_see(user, case), name


def test_who_approves_countersigns_and_sees_personal_data(county, case):
    assert allowed(county, lambda u: access.can_approve_extension(u, case)) == {"office", "leader", "system"}
    # The office's county-wide role does not stand in for the unit's lawyer.
    assert allowed(county, lambda u: access.can_countersign(u, case)) == {"legal", "system"}
    assert allowed(county, lambda u: access.can_see_personal(u, case)) == {
        "office",
        "officer",
        "legal",
        "system",
    }
    case.officer = county.leader  # the case's own officer sees the applicant whatever their roles
    assert access.can_see_personal(county.leader, case)


def test_settings_and_unit_profiles(county):
    assert allowed(county, access.can_manage) == {"office", "system"}
    assert allowed(county, lambda u: access.can_edit_unit_profile(u, county.zrzy)) == {
        "office",
        "leader",
        "system",
    }
    assert access.is_unit_officer(county.officer, county.zrzy)
    assert not access.is_unit_officer(county.admin, county.zrzy)  # county-wide, not the unit's officer
    assert not access.is_unit_officer(None, county.zrzy)
    candidates = set(access.officer_candidates([county.zrzy]))
    assert candidates == {county.officer, county.officer2}


def test_nobody_decides_their_own_extension_or_countersigns_their_own_reply(county, case):
    # A leader and a legal adviser who also handle applications in their unit.
    for user in (county.leader, county.legal):
        Membership.objects.create(user=user, unit=county.zrzy, role=Role.FOI_OFFICER)
        user.__dict__.pop("_gongkai_memberships", None)
    services.assign(case, actor=county.officer, unit=county.zrzy, officer=county.officer, on=D(2026, 10, 12))
    extension = services.request_extension(
        case, actor=county.leader, days=5, reason="档案量大", on=D(2026, 10, 20)
    )
    assert access.can_approve_extension(county.leader, case)
    assert not access.can_decide_extension(county.leader, extension)
    assert access.can_decide_extension(county.admin, extension)  # the office may
    with pytest.raises(FoiAccessRefused, match="不能审批自己"):
        services.decide_extension(extension, actor=county.leader, approve=True, on=D(2026, 10, 20))
    reply = services.draft_reply(
        case, actor=county.legal, outcome="partial", content="理由", on=D(2026, 10, 20)
    )
    assert not access.can_countersign_reply(county.legal, reply)
    with pytest.raises(FoiAccessRefused, match="拟稿人"):
        services.countersign(reply, actor=county.legal, approve=True)


def test_buttons_follow_the_rules(county, case):
    assert {"reply", "note", "correction", "extension"} <= selectors.case_actions(county.officer, case)
    assert selectors.case_actions(county.editor, case) == set()
    assert selectors.case_actions(county.leader, case) == {"ext_decision"}
    assert selectors.case_actions(county.legal, case) == {"countersign"}


def test_refusals_are_service_errors_with_a_field(county, case):
    with pytest.raises(FoiAccessRefused) as refused:
        services.add_note(case, actor=county.editor, text="x")
    assert isinstance(refused.value, FoiError) and refused.value.code == "forbidden"
    with pytest.raises(FoiError) as refused:
        services.request_extension(case, actor=county.officer, days=21, reason="x", on=D(2026, 10, 20))
    assert refused.value.field == "days" and "本次最多20个工作日" in str(refused.value)
    with pytest.raises(FoiError) as refused:
        services.register(
            county.zrzy,
            actor=county.officer,
            data=person(phone=""),
            channel="in_person",
            submitted_on=D(2026, 10, 20),
        )
    assert refused.value.field == "phone"
