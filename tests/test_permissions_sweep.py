"""Every staff URL, tried by a member of another unit.

Each app declares in ``gongkai/<app>/tests/access_rules.py`` how a staff member of unit A must be treated on each of
its URLs under ``/work/`` (see ``tests/access.py`` for the rule kinds). This test walks the URL configuration, fails
for any staff URL nobody declared, and for each declared URL logs in as a member of unit A holding every unit-level
role, then GETs and POSTs it:

- ``other_unit``: the URL names an object of unit B → must answer 403 or 404 (never 200, never a redirect to
  success);
- ``office_only`` / ``sys_admin_only``: must answer 403 or 404 for unit staff;
- ``any_staff``: may answer, but no response may contain unit B's private marker text;
- ``public_info``: unit B's public information may be read (GET), never changed (POST → 403/404/405).
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import gongkai
from tests.access import DENIED, Ctx, build_ctx


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + str(p.pattern), f"{namespace}{p.name}"


def staff_url_names() -> list[str]:
    return sorted({name for route, name in _walk(get_resolver().url_patterns) if route.startswith("work/")})


def _rule_modules():
    for module in pkgutil.iter_modules(gongkai.__path__):
        try:
            yield importlib.import_module(f"gongkai.{module.name}.tests.access_rules")
        except ModuleNotFoundError as exc:
            if not (exc.name and exc.name.endswith(("access_rules", ".tests"))):
                raise


def declared_rules() -> dict:
    rules = {}
    for mod in _rule_modules():
        rules.update(mod.RULES)
    return rules


def setups() -> list:
    """Optional ``setup(ctx)`` per app: creates unit B's private objects carrying ``ctx.marker``."""
    return [mod.setup for mod in _rule_modules() if hasattr(mod, "setup")]


# Login and logout are the only staff URLs meant for anyone.
EXEMPT = {"workspace:login", "workspace:logout"}


def test_every_staff_url_declares_its_outsider_rule():
    missing = [n for n in staff_url_names() if n not in EXEMPT and n not in declared_rules()]
    assert not missing, f"declare these URLs in <app>/tests/access_rules.py: {missing}"


def test_declared_rules_name_real_urls():
    stale = [n for n in declared_rules() if n not in staff_url_names()]
    assert not stale, f"rules for URLs that no longer exist: {stale}"


@pytest.fixture
def ctx(db, client) -> Ctx:
    return build_ctx(client, setups())


@pytest.mark.parametrize("name", [n for n in staff_url_names() if n not in EXEMPT])
def test_outsider_is_kept_out(ctx, name):
    rule = declared_rules().get(name)
    if rule is None:
        pytest.fail(f"{name} has no access rule")
    url = ctx.url(name, rule)
    get = ctx.client.get(url)
    post = ctx.client.post(url, {})
    for method, response in (("GET", get), ("POST", post)):
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode(errors="replace") if response.status_code == 200 else ""
        assert ctx.marker not in body, f"{method} {url} shows unit B's private data"
        assert response.status_code < 500, f"{method} {url} crashed ({response.status_code})"
    if rule.kind in ("other_unit", "office_only", "sys_admin_only"):
        assert get.status_code in DENIED | {405}, f"GET {url} answered {get.status_code} to an outsider"
        assert post.status_code in DENIED | {405}, f"POST {url} answered {post.status_code} to an outsider"
    elif rule.kind == "public_info":
        assert post.status_code in DENIED | {405}, f"POST {url} answered {post.status_code} to an outsider"
    else:
        assert rule.kind == "any_staff", rule.kind


def test_forged_post_without_csrf_token_is_refused(db):
    """A cross-site form post (no CSRF token) to a staff URL is refused with 403."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    ctx = build_ctx(client, [])
    response = client.post("/work/logout/", {})
    assert response.status_code == 403
    assert ctx.marker not in response.content.decode()
