"""The login protection rules: lock per account and address, lock per address, progressive delay per account."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.login_guard import ACCOUNT_AND_ADDRESS, ADDRESS, DELAY, LoginPolicy, account_delay, decide

POLICY = LoginPolicy(
    max_failures=5, window_seconds=900, address_factor=4, delay_seconds=1, delay_max_seconds=60
)


@pytest.mark.parametrize(
    ("failures", "delay"), [(0, 0), (4, 0), (5, 1), (6, 2), (7, 4), (10, 32), (11, 60), (500, 60)]
)
def test_the_delay_doubles_from_the_limit_up_to_the_cap(failures, delay):
    assert account_delay(failures, POLICY) == delay


def _decide(pair=0, address=0, account=0, since=None):
    return decide(
        pair_failures=pair,
        address_failures=address,
        account_failures=account,
        seconds_since_account_failure=since,
        policy=POLICY,
    )


def test_under_the_limits_the_password_is_checked():
    assert _decide(pair=4, address=19, account=4, since=0.1) is None


def test_the_address_that_failed_is_locked_out_of_that_account():
    refusal = _decide(pair=5, address=5, account=5, since=3600)
    assert (refusal.reason, refusal.wait_seconds) == (ACCOUNT_AND_ADDRESS, 900)


def test_an_address_failing_across_many_accounts_is_locked():
    assert _decide(pair=1, address=20, account=1, since=1).reason == ADDRESS


def test_the_owner_elsewhere_waits_only_the_delay():
    # 5 failures from the attacker's address; the owner comes from another one.
    assert _decide(pair=0, address=0, account=5, since=0.2) == _decide(pair=0, account=5, since=0.2)
    refusal = _decide(pair=0, account=5, since=0.2)
    assert refusal.reason == DELAY and refusal.wait_seconds == 1
    assert _decide(pair=0, account=5, since=1.01) is None
    # Eight addresses × 5 failures: the delay is capped at a minute, never the whole window.
    assert _decide(pair=0, account=40, since=30).wait_seconds == 30
    assert _decide(pair=0, account=40, since=61) is None


def test_zero_max_failures_turns_the_protection_off():
    off = LoginPolicy(max_failures=0)
    assert (
        decide(
            pair_failures=99,
            address_failures=99,
            account_failures=99,
            seconds_since_account_failure=0,
            policy=off,
        )
        is None
    )


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_the_delay_never_shrinks_with_more_failures_and_stays_capped(a, b):
    low, high = sorted((a, b))
    assert account_delay(low, POLICY) <= account_delay(high, POLICY) <= POLICY.delay_max_seconds
