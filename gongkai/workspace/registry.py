"""The dashboard (我的待办) plug-in point: each capability registers the queues it adds for a user.

A provider is ``fn(user) -> list[Card]``; register it in the app's ``AppConfig.ready``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Card:
    title: str
    count: int
    url: str = ""
    hint: str = ""
    tone: str = "normal"  # normal / warn / danger
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, url)


_providers: list[tuple[int, Callable]] = []


def register(provider: Callable, order: int = 100) -> None:
    if all(registered is not provider for _, registered in _providers):
        _providers.append((order, provider))
        _providers.sort(key=lambda entry: entry[0])


def cards_for(user) -> list[Card]:
    cards: list[Card] = []
    for _, provider in _providers:
        cards.extend(provider(user))
    return cards
