"""Behind the README's reverse proxy every request comes from the proxy's socket address: the audit log, the login
lockout and the public rate limits must all see the client's address (``gongkai.common.clientaddr``), and a client
must not choose its own by writing X-Forwarded-For when no proxy is trusted."""

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.orgs.models import LoginFailure, Membership, Unit, User
from gongkai.roles import Role

PROXY = "127.0.0.1"
PASSWORD = "Proxy2026tested"


@pytest.fixture
def behind_proxy(settings):
    settings.GONGKAI_TRUSTED_PROXIES = 1
    settings.GONGKAI_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"


def _via_proxy(client_address: str, sent_by_client: str = "") -> dict:
    """What nginx passes on: the header the client sent with the peer appended, from the proxy's socket."""
    chain = f"{sent_by_client}, {client_address}" if sent_by_client else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


@pytest.fixture
def staff(db):
    unit = Unit.objects.create(name="测试县司法局", short_name="县司法局")
    user = User.objects.create_user("sfj_editor", password=PASSWORD, full_name="王芳")
    Membership.objects.create(user=user, unit=unit, role=Role.EDITOR)
    return user


def _login(client, username, password, **meta):
    return client.post(reverse("workspace:login"), {"username": username, "password": password}, **meta)


def test_guessing_from_one_client_does_not_lock_out_the_others(client, staff, behind_proxy, settings):
    for attempt in range(settings.LOGIN_MAX_FAILURES * 4 + 1):
        _login(client, f"made-up-{attempt}", "Wrong-password-1", **_via_proxy("203.0.113.66"))
    assert set(LoginFailure.objects.values_list("client_ip", flat=True)) == {"203.0.113.66"}
    response = _login(client, "sfj_editor", PASSWORD, **_via_proxy("198.51.100.20"))
    assert response.status_code == 302, response.content.decode()[:500]
    login = AuditEvent.objects.get(action="auth.login")
    assert login.client_ip == "198.51.100.20"


def test_a_made_up_forwarded_for_entry_is_not_the_clients_address(client, staff, behind_proxy):
    _login(client, "sfj_editor", "Wrong-password-1", **_via_proxy("203.0.113.66", sent_by_client="9.9.9.9"))
    assert AuditEvent.objects.get(action="auth.login_failed").client_ip == "203.0.113.66"
    assert LoginFailure.objects.get().client_ip == "203.0.113.66"


def test_without_a_trusted_proxy_the_header_is_ignored(client, staff, settings):
    settings.GONGKAI_TRUSTED_PROXIES = 0
    _login(
        client, "sfj_editor", "Wrong-password-1", REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR="9.9.9.9"
    )
    assert AuditEvent.objects.get(action="auth.login_failed").client_ip == "198.51.100.20"


def test_one_citizens_wrong_tracking_queries_do_not_block_another(client, db, behind_proxy, settings):
    settings.GONGKAI_FOI_TRACK_PER_10MIN = 3
    url = reverse("foi_public:track")
    wrong = {"tracking_code": "YSQ-2026-000000", "verification_code": "ABCDEF"}
    codes = [client.post(url, wrong, **_via_proxy("203.0.113.66")).status_code for _ in range(4)]
    assert codes[-1] == 429 and 429 not in codes[:3]
    # The same client cannot escape by sending its own X-Forwarded-For.
    assert client.post(url, wrong, **_via_proxy("203.0.113.66", sent_by_client="1.2.3.4")).status_code == 429
    assert client.post(url, wrong, **_via_proxy("198.51.100.20")).status_code != 429


def test_the_client_address_is_read_in_one_place():
    """Nothing but gongkai/common/clientaddr.py (with its rule in core) reads the socket address or a forwarding header."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "gongkai"
    readers = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path.name != "settings.py"
        and any(name in path.read_text() for name in ("REMOTE_ADDR", "X_FORWARDED_FOR", "X-Forwarded-For"))
    )
    assert readers == ["common/clientaddr.py", "core/clientaddr.py"]
