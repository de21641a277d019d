"""After the holiday table changes (a notice imported or replaced), every stored date derived from it is
recomputed: the "recompute after calendar change" registry (节假日安排变更后重新计算).

The calendar is a base app: it may not import the feature apps that store deadlines (依申请公开 due dates,
publishing's 公开时限…). Each of them registers a hook here from its ``AppConfig.ready``::

    from gongkai.calendar import recompute
    recompute.register("foi", "依申请公开", hook)   # hook(years: set[int], *, actor) -> list[str]

A hook recomputes its records that touch ``years`` with ``gongkai.calendar.services.get_calendar()`` (already
the new table), saves and audits only those whose dates changed, and returns one line per changed record.
Hooks run after the import has committed, each in its own transactions: a failing hook is reported and does
not undo the import (``gongkai calendar recompute`` runs them again).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

Hook = Callable[..., list[str]]
_hooks: dict[str, tuple[str, Hook]] = {}


@dataclass
class Recomputed:
    """What one app recomputed: its label, one line per changed record, or the error that stopped it."""

    app: str
    label: str
    lines: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def changed(self) -> int:
        return len(self.lines)


def register(app: str, label: str, hook: Hook) -> None:
    """Register (or replace) an app's hook; ``label`` is what officials read (e.g. 依申请公开)."""
    _hooks[app] = (label, hook)


def registered() -> list[str]:
    return sorted(_hooks)


def run(years: Iterable[int], *, actor=None) -> list[Recomputed]:
    """Run every hook for ``years``; one ``Recomputed`` per app."""
    wanted = set(years)
    out = []
    for app, (label, hook) in sorted(_hooks.items()):
        try:
            out.append(Recomputed(app, label, list(hook(wanted, actor=actor))))
        except Exception as exc:  # a hook's bug must not hide the others' results; it is logged and shown
            log.exception("recompute hook %s failed", app)
            out.append(Recomputed(app, label, error=f"{type(exc).__name__}: {exc}"))
    return out
