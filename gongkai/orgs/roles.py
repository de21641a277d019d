"""Moved to :mod:`gongkai.roles` (below audit, so that audit need not import orgs). This name stays importable for
code written against the old place; new code imports ``gongkai.roles``."""

from gongkai.roles import COUNTY_WIDE_ROLES, Role

__all__ = ["COUNTY_WIDE_ROLES", "Role"]
