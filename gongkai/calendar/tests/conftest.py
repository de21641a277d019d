import pytest

from gongkai.orgs.models import Membership, Unit, User
from gongkai.roles import Role

PASSWORD = "Calendar2026horse"


def _user(username, role, unit_name):
    unit, _ = Unit.objects.get_or_create(name=unit_name)
    user = User.objects.create_user(username, password=PASSWORD, full_name=username)
    Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def office_admin(db):
    return _user("gkb_admin", Role.OFFICE_ADMIN, "示范县人民政府办公室")


@pytest.fixture
def editor(db):
    return _user("fgw_editor", Role.EDITOR, "示范县发展和改革委员会")


@pytest.fixture
def seeded(db):
    from gongkai.calendar import services

    services.seed_from_package()


@pytest.fixture
def sys_admin(db):
    return _user("sys_admin", Role.SYS_ADMIN, "示范县人民政府办公室")
