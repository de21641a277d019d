"""The role model moved to ``gongkai.roles``; the old names under ``gongkai.orgs`` are the same objects."""

import inspect

import gongkai.roles
from gongkai.orgs import permissions as old_permissions
from gongkai.orgs import roles as old_roles
from gongkai.roles import permissions


def test_old_names_are_the_role_model_itself():
    assert old_roles.Role is gongkai.roles.Role
    assert old_roles.COUNTY_WIDE_ROLES is gongkai.roles.COUNTY_WIDE_ROLES
    offered = {
        name
        for name, value in vars(permissions).items()
        if inspect.isfunction(value) and value.__module__ == permissions.__name__ and not name.startswith("_")
    }
    assert set(old_permissions.__all__) == offered
    for name in offered:
        assert getattr(old_permissions, name) is getattr(permissions, name)
