import pytest

from gongkai.orgs.models import Membership, Unit, User
from gongkai.roles import Role


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


def make_user(username, unit, *roles, full_name=""):
    user = User.objects.create_user(username, password="Testpass2026x", full_name=full_name or username)
    for role in roles:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def world(db):
    return build_world()


def build_world():
    from gongkai.publishing import services

    services.ensure_template()
    town = Unit.objects.create(
        name="示范县城关镇人民政府", short_name="城关镇", kind="township", index_prefix="014500001"
    )
    dept = Unit.objects.create(name="示范县发展和改革委员会", short_name="县发改委", kind="department")

    class W:
        pass

    w = W()
    w.town, w.dept = town, dept
    w.editor = make_user("town_editor", town, Role.EDITOR, full_name="曾丽萍")
    w.reviewer = make_user("town_reviewer", town, Role.REVIEWER, full_name="彭海军")
    w.both = make_user("town_both", town, Role.EDITOR, Role.REVIEWER, full_name="许春花")
    w.dept_editor = make_user("dept_editor", dept, Role.EDITOR, full_name="李明")
    w.dept_reviewer = make_user("dept_reviewer", dept, Role.REVIEWER, full_name="赵雪梅")
    w.office = make_user(
        "office", Unit.objects.create(name="示范县人民政府办公室", kind="office"), Role.OFFICE_ADMIN
    )
    return w
