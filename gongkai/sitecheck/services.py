"""Business actions of site inspection (网站检查、政务新媒体): the public names of ``actions/``. Every action runs in
a transaction with an audit event; who may act is ``gongkai.sitecheck.access``; a refusal raises
:class:`SitecheckError`."""

from __future__ import annotations

from .actions.rules import record_event, set_rule
from .errors import SitecheckError

__all__ = ["SitecheckError", "record_event", "set_rule"]
