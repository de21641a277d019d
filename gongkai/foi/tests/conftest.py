"""Fixtures of the applications tests: the real holiday table, a small county, staff per role, a fixed today."""

from datetime import date

import pytest

from gongkai.core.foi_rules import make_id_card
from gongkai.orgs.models import Membership, Unit, UnitKind, User
from gongkai.roles import Role

PASSWORD = "Foi2026horse!x"
# A land-acquisition lawyer (the story), and a natural person.
LAWYER = {
    "applicant_type": "legal_service",
    "applicant_name": "示范县正衡律师事务所",
    "id_type": "credit_code",
    "id_number": "",  # a valid code is filled in by the fixture
    "legal_rep": "欧阳明",
    "contact_person": "林婉清",
    "phone": "13907990123",
    "email": "lin.wanqing@zhengheng-law.cn",
    "address": "示范县城关镇府前路88号正衡大厦5楼",
    "postcode": "369900",
    "description": "示范县城关镇东城片区2026年土地征收补偿标准及安置方案",
    "doc_number": "",
    "medium": "electronic",
    "delivery": "email",
}


def person(**kw):
    data = {
        "applicant_type": "natural_person",
        "applicant_name": "赵德柱",
        "id_type": "id_card",
        "id_number": make_id_card("36990119800101123"),
        "phone": "13807991234",
        "email": "zhaodezhu@example.cn",
        "address": "示范县东山镇东山街12号",
        "postcode": "369910",
        "description": "2025年度东山镇农村低保对象审批结果及发放标准",
        "doc_number": "",
        "medium": "paper",
        "delivery": "post",
    }
    data.update(kw)
    return data


def valid_credit_code() -> str:
    """A valid 统一社会信用代码 of a law firm (31 = 司法行政机关登记的律师事务所)."""
    from gongkai.core.creditcode import _org_code_check, check_character

    org8 = "MD012345"
    first17 = "31369900" + org8 + _org_code_check(org8)
    return first17 + check_character(first17)


@pytest.fixture
def calendar(db):
    from gongkai.calendar import services

    services.seed_from_package()


@pytest.fixture
def today(monkeypatch):
    """Freeze the foi app's today (default 2026-12-01) so relative checks are stable."""
    from gongkai.foi import deadlines

    holder = {"d": date(2026, 12, 1)}
    monkeypatch.setattr(deadlines, "today", lambda: holder["d"])

    def set_today(d):
        holder["d"] = d

    set_today.value = holder
    return set_today


@pytest.fixture
def county(db, calendar, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_FOI_KEY_FILE = str(tmp_path / "foi.key")
    gov = Unit.objects.create(
        name="示范县人民政府", short_name="县政府", kind=UnitKind.GOVERNMENT, sort_order=1
    )
    office = Unit.objects.create(
        name="示范县人民政府办公室", short_name="县政府办", kind=UnitKind.OFFICE, parent=gov, sort_order=2
    )
    zrzy = Unit.objects.create(name="示范县自然资源局", short_name="县自然资源局", parent=gov, sort_order=10)
    fgw = Unit.objects.create(name="示范县发展和改革委员会", short_name="县发改委", parent=gov, sort_order=11)

    def user(username, unit, *roles, name=""):
        u = User.objects.create_user(
            username, password=PASSWORD, full_name=name or username, email=f"{username}@shifan.gov.cn"
        )
        for r in roles:
            Membership.objects.create(user=u, unit=unit, role=r)
        return u

    class County:
        pass

    c = County()
    c.gov, c.office, c.zrzy, c.fgw = gov, office, zrzy, fgw
    c.admin = user("office", office, Role.OFFICE_ADMIN, name="邱慧琳")
    c.officer = user("zrzy_foi", zrzy, Role.FOI_OFFICER, name="冯立新")
    c.officer2 = user("zrzy_foi2", zrzy, Role.FOI_OFFICER, name="吴海涛")
    c.leader = user("zrzy_leader", zrzy, Role.LEADER, name="杨卫东")
    c.legal = user("zrzy_legal", zrzy, Role.LEGAL_ADVISER, name="程雅琴")
    c.editor = user("zrzy_editor", zrzy, Role.EDITOR, name="郑秀兰")
    c.other = user("fgw_foi", fgw, Role.FOI_OFFICER, Role.LEADER, Role.LEGAL_ADVISER, name="孙国庆")
    c.lawyer = dict(LAWYER, id_number=valid_credit_code())
    return c
