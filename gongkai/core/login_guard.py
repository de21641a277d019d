"""Login protection rules (登录保护): who may try a password now, framework-free.

Failed logins are counted three ways within a window (``GONGKAI_LOGIN_LOCKOUT_MINUTES``):

- **account and address**: ``max_failures`` failures of one account from one client address lock that address out of
  that account for the window. Someone guessing ``admin``'s password from one place stops there, and the owner,
  elsewhere, is not locked out by it;
- **address**: ``address_factor`` × ``max_failures`` failures from one address across accounts lock that address
  (the slack is for an office behind one NAT address);
- **account**: from ``max_failures`` failures of an account, from anywhere, every further try must wait a delay that
  doubles with each failure (``delay_seconds``, 2×, 4× …, at most ``delay_max_seconds``) after the latest failure.
  Guessing from many addresses slows to a crawl, and the owner waits seconds, not the whole window.

Tries refused by these rules check no password and are not counted as failures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Reason = Literal["account_and_address", "address", "delay"]
ACCOUNT_AND_ADDRESS: Final = "account_and_address"
ADDRESS: Final = "address"
DELAY: Final = "delay"


@dataclass(frozen=True)
class LoginPolicy:
    max_failures: int = 5
    window_seconds: int = 15 * 60
    address_factor: int = 4
    delay_seconds: int = 1
    delay_max_seconds: int = 60


@dataclass(frozen=True)
class Refusal:
    """Why a try is refused now and how many seconds until it may be made again."""

    reason: Reason
    wait_seconds: int


def account_delay(failures: int, policy: LoginPolicy) -> int:
    """Seconds an account's next try must wait after its latest failure, given its failures in the window."""
    if failures < policy.max_failures or policy.delay_seconds <= 0:
        return 0
    doublings = min(failures - policy.max_failures, 32)
    return int(min(policy.delay_seconds * 2**doublings, policy.delay_max_seconds))


def decide(
    *,
    pair_failures: int,
    address_failures: int,
    account_failures: int,
    seconds_since_account_failure: float | None,
    policy: LoginPolicy,
) -> Refusal | None:
    """The refusal for a try, or None when the password may be checked.

    The counts are those within the window; ``seconds_since_account_failure`` is the age of the account's latest
    failure (None: none)."""
    if policy.max_failures > 0:
        if pair_failures >= policy.max_failures:
            return Refusal(ACCOUNT_AND_ADDRESS, policy.window_seconds)
        if address_failures >= policy.max_failures * policy.address_factor:
            return Refusal(ADDRESS, policy.window_seconds)
    delay = account_delay(account_failures, policy) if policy.max_failures > 0 else 0
    if delay and seconds_since_account_failure is not None and seconds_since_account_failure < delay:
        return Refusal(DELAY, max(1, int(delay - seconds_since_account_failure + 0.999)))
    return None
