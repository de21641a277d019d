import io

import pytest

from gongkai.orgs.models import Membership, Unit, UnitKind, User
from gongkai.roles import Role

PASSWORD = "Correct2026horse"


@pytest.fixture
def demo(db):
    from gongkai.orgs import demo as demo_module

    demo_module.load(io.StringIO())
    return {u.key: Unit.objects.get(name=u.name) for u in demo_module.DEMO_UNITS}


def make_user(username, unit=None, *roles, superuser=False):
    user = User.objects.create_user(username, password=PASSWORD, full_name=f"测试{username}")
    if superuser:
        user.is_superuser = user.is_staff = True
        user.save()
    for role in roles:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def county(db):
    gov = Unit.objects.create(name="测试县人民政府", short_name="县政府", kind=UnitKind.GOVERNMENT)
    office = Unit.objects.create(
        name="测试县人民政府办公室", short_name="县政府办", kind=UnitKind.OFFICE, parent=gov
    )
    fgw = Unit.objects.create(
        name="测试县发展和改革委员会", short_name="县发改委", parent=gov, aliases=["发改委"], sort_order=10
    )
    czj = Unit.objects.create(name="测试县财政局", short_name="县财政局", parent=gov, sort_order=20)
    return {"gov": gov, "office": office, "fgw": fgw, "czj": czj}


@pytest.fixture
def office_admin(county):
    return make_user("office", county["office"], Role.OFFICE_ADMIN)


@pytest.fixture
def sys_admin(county):
    return make_user("admin", county["office"], superuser=True)


@pytest.fixture
def editor(county):
    return make_user("fgw_editor", county["fgw"], Role.EDITOR)
