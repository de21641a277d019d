"""Extension points for apps whose records are publications with more to them (政策文件, 政策解读).

Publishing does not import those apps; they register here from their ``ready``:

- ``ready_checks``: ``fn(pub) -> list[str]`` of what is still missing before the item can go to review;
- ``state_listeners``: ``fn(pub, action)`` after each state change, inside its transaction;
- ``detail_panels``: ``fn(pub) -> (template, context) | None`` shown under the item on its public page;
- ``validity_owners``: ``fn(pub) -> str | None``, a Chinese reason when 有效性 is derived elsewhere and must
  not be set by hand;
- ``staff_links``: ``fn(pub) -> list[(label, url)]`` shown on the item's workspace page (e.g. "政策文件库中的记录").
"""

from __future__ import annotations

ready_checks: list = []
state_listeners: list = []
detail_panels: list = []
validity_owners: list = []
staff_links: list = []


def add(registry: list, fn) -> None:
    """Register once (``ready`` may run more than once in tests)."""
    if fn not in registry:
        registry.append(fn)


def missing_before_review(pub) -> list[str]:
    return [problem for check in ready_checks for problem in check(pub)]


def state_changed(pub, action: str) -> None:
    for listener in state_listeners:
        listener(pub, action)


def panels(pub) -> list[tuple[str, dict]]:
    return [panel for fn in detail_panels if (panel := fn(pub))]


def validity_owner(pub) -> str | None:
    for fn in validity_owners:
        if reason := fn(pub):
            return reason
    return None


def links(pub) -> list[tuple[str, str]]:
    return [link for fn in staff_links for link in fn(pub)]
