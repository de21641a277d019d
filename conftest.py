"""Suite-wide pytest configuration."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded one (`playwright install` is not used)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS, "headless": True}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _jobs_run_immediately(settings):
    """Ordinary tests stay synchronous: a job started by a service runs at enqueue, in the test's process.
    The jobs app's own tests run the real huey consumer (``gongkai/jobs/tests/fixtures.py``)."""
    settings.GONGKAI_JOBS_IMMEDIATE = True


@pytest.fixture(autouse=True)
def _portal_cache_off(settings):
    """Tests that change data between two GETs of a page expect the second to show it: the page cache is off
    except in the tests of the cache itself (``gongkai/portal/tests/test_page_cache.py``), which turn it on."""
    settings.GONGKAI_PORTAL_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
