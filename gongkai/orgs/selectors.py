"""Reads of the units and staff app that pages need beyond a queryset: the login protection overview."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from gongkai.core.login_guard import ACCOUNT_AND_ADDRESS, ADDRESS, account_delay

from .backends import policy, recent_failures, refusal
from .models import User


@dataclass
class AccountRow:
    username: str
    account: User | None
    failures: int
    last_time: datetime
    addresses: list[tuple[str, int, bool]] = field(default_factory=list)  # address, failures, locked out
    delay_seconds: int = 0


@dataclass
class AddressRow:
    client_ip: str
    failures: int
    accounts: int
    locked: bool


def login_protection() -> tuple[list[AccountRow], list[AddressRow]]:
    """Accounts and addresses with failed logins within the window, and what is locked or delayed now."""
    now, rules = timezone.now(), policy()
    rows = list(recent_failures().order_by("-time").values("username", "client_ip", "time"))
    accounts: dict[str, AccountRow] = {}
    per_pair: dict[tuple[str, str], int] = {}
    per_address: dict[str, set[str]] = {}
    address_count: dict[str, int] = {}
    for row in rows:
        name = row["username"].lower()
        ip = row["client_ip"] or ""
        entry = accounts.get(name)
        if entry is None:
            entry = accounts[name] = AccountRow(row["username"], None, 0, row["time"])
        entry.failures += 1
        per_pair[(name, ip)] = per_pair.get((name, ip), 0) + 1
        per_address.setdefault(ip, set()).add(name)
        address_count[ip] = address_count.get(ip, 0) + 1
    users = {
        u.username.lower(): u
        for u in User.objects.filter(username__in=[a.username for a in accounts.values()])
    }
    for name, entry in accounts.items():
        entry.account = users.get(name)
        for (pair_name, ip), count in sorted(per_pair.items()):
            if pair_name == name:
                found = refusal(entry.username, ip or None)
                entry.addresses.append(
                    (ip or "未知", count, found is not None and found.reason == ACCOUNT_AND_ADDRESS)
                )
        # The delay anyone (the owner too) meets before the account's next try, from any address.
        elapsed = (now - entry.last_time).total_seconds()
        entry.delay_seconds = max(0, int(account_delay(entry.failures, rules) - elapsed + 0.999))
    addresses = []
    for ip, names in per_address.items():
        found = refusal("", ip or None) if ip else None
        addresses.append(
            AddressRow(ip or "未知", address_count[ip], len(names), bool(found and found.reason == ADDRESS))
        )
    addresses.sort(key=lambda a: -a.failures)
    return sorted(accounts.values(), key=lambda a: a.last_time, reverse=True), addresses
