"""Issue 11 item 11: no URL answers 500 to a malformed query value.

Every URL pattern of the site (the public pages, and every staff page under /work/ logged in as a user who may see
and do everything there), with real object ids (the demo county, plus the permission sweep's per-app objects), is
first requested so that the parameters its view reads can be *recorded* (``request.GET`` is swapped for a
``QueryDict`` that notes every key asked for — forms bound to ``request.GET`` ask for their fields too); then each of
those parameters gets every value of the corpus. Any 500 (or exception) fails the test, with the list of them.

Django's own admin (/sysadmin/) and the development media server are not ours and are left out.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.core.management import call_command
from django.http import QueryDict
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.functional import cached_property

CORPUS = [
    "²",  # a Unicode digit: str.isdigit() says yes, int() says no
    "٣",  # an Arabic-Indic digit: int() says yes
    "99999999999999999999999",  # past every integer column and date
    "\x00",  # NUL (%00): PostgreSQL refuses it in text
    "-1",
    "x" * 10_000,
    "' OR 1=1",
    "",
]
SKIPPED_PREFIXES = ("sysadmin/", "^media/", "media/")

_seen: set[str] = set()


class RecordingQueryDict(QueryDict):
    """A ``QueryDict`` that notes which keys the view asks for."""

    def __getitem__(self, key):
        _seen.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        _seen.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        _seen.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        _seen.add(key)
        return super().getlist(key, default)


def _recording_get(self):
    return RecordingQueryDict(self.environ.get("QUERY_STRING", ""), encoding=self._encoding)


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + str(p.pattern), f"{namespace}{p.name}"


def _names(staff: bool) -> list[str]:
    found = set()
    for route, name in _walk(get_resolver().url_patterns):
        if route.startswith(SKIPPED_PREFIXES) or name.startswith("admin:"):
            continue
        if route.startswith("work/") == staff:
            found.add(name)
    return sorted(found)


# --- real object ids for the public pages (from the demo county) ------------------------------------------------------
def _published_report_publication() -> int:
    from gongkai.reports.selectors import public_reports

    return public_reports().order_by("pk").first().publication_id


def _public_kwargs(name: str) -> dict | None:
    from gongkai.foi.models import Letter
    from gongkai.orgs.models import Unit
    from gongkai.policies import selectors as policy_selectors
    from gongkai.policies.models import Package, Question
    from gongkai.publishing import selectors as pub_selectors
    from gongkai.publishing.models import Attachment, CatalogNode

    unit = Unit.objects.filter(is_active=True).order_by("id").first()
    makers = {
        "portal:zhinan_unit": lambda: {"unit_id": unit.pk},
        "info:catalog_unit": lambda: {"unit_id": unit.pk},
        "info:detail": lambda: {"pk": pub_selectors.public_publications().order_by("id").first().pk},
        "info:attachment": lambda: (lambda att: {"pk": att.publication_id, "att_id": att.pk})(
            Attachment.objects.filter(publication__in=pub_selectors.public_publications())
            .order_by("id")
            .first()
        ),
        "info:rss": lambda: {"node_id": CatalogNode.objects.order_by("id").first().pk},
        "info:sitemap_section": lambda: {"section": "info", "page": 1},
        "zc:document": lambda: {"pk": policy_selectors.public_documents().order_by("pk").first().pk},
        "zc:cleanup": lambda: {"pk": policy_selectors.published_cleanups().order_by("pk").first().pk},
        "zc:question": lambda: {"pk": Question.objects.order_by("pk").first().pk},
        "zc:vote": lambda: {"pk": Question.objects.order_by("pk").first().pk},
        "zc:package": lambda: {"slug": Package.objects.filter(is_published=True).order_by("pk").first().slug},
        "nianbao:download": lambda: {"pk": _published_report_publication(), "fmt": "pdf"},
        "foi_public:letter_pdf": lambda: {
            "letter_id": getattr(Letter.objects.order_by("pk").first(), "pk", 1)
        },
    }
    from gongkai.participation import selectors as hd
    from gongkai.participation.models import PollOption
    from gongkai.reports.models import AnnualReport

    def first(qs):
        return qs.order_by("pk").first().pk

    makers |= {
        "portal:jgzn_unit": lambda: {"unit_id": unit.pk},
        "info:print": lambda: {"pk": first(pub_selectors.public_publications())},
        "nianbao:download": lambda: {
            "pk": AnnualReport.objects.filter(state="published")
            .exclude(publication=None)
            .first()
            .publication_id,
            "fmt": "docx",
        },
        "hd:consultation": lambda: {"pk": first(hd.public_consultations())},
        "hd:feedback": lambda: {"pk": first(hd.public_consultations().exclude(feedback_published_at=None))},
        "hd:feedback_docx": lambda: {
            "pk": first(hd.public_consultations().exclude(feedback_published_at=None))
        },
        "hd:feedback_pdf": lambda: {
            "pk": first(hd.public_consultations().exclude(feedback_published_at=None))
        },
        "hd:catalog": lambda: {"pk": first(hd.public_catalogs())},
        "hd:catalog_xlsx": lambda: {"pk": first(hd.public_catalogs())},
        "hd:session": lambda: {"pk": first(hd.public_sessions())},
        "hd:session_cancel": lambda: {"pk": first(hd.public_sessions())},
        "hd:meeting": lambda: {"pk": first(hd.public_meetings())},
        "hd:vote": lambda: {"pk": first(PollOption.objects.all())},
    }
    maker = makers.get(name)
    if maker is None:
        return None
    try:
        return maker()
    except AttributeError:  # the demo has no such object: the URL is tried with placeholder values (and 404s)
        return None


def _placeholder_kwargs(name: str) -> dict:
    """Arguments of the right type for a URL the demo has no object for: the page must still not crash."""
    for route, found in _walk(get_resolver().url_patterns):
        if found == name:
            return {
                arg: 1 if kind == "int" else "x" for kind, arg in re.findall(r"<(?:(\w+):)?(\w+)>", route)
            }
    return {}


@pytest.fixture(scope="module")
def demo_county(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo county, loaded once for the module and removed at its end."""
    root = tmp_path_factory.mktemp("fuzz_media")
    with (
        override_settings(MEDIA_ROOT=root / "media", GONGKAI_PRIVATE_MEDIA_ROOT=str(root / "private")),
        override_settings(GONGKAI_FOI_KEY_FILE=str(root / "foi.key"), GONGKAI_JOBS_IMMEDIATE=True),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        with django_db_blocker.unblock():
            call_command("demo", stdout=StringIO())
        yield
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def recording(monkeypatch):
    prop = cached_property(_recording_get)
    prop.__set_name__(WSGIRequest, "GET")
    monkeypatch.setattr(WSGIRequest, "GET", prop)


def read_parameters(client: Client, url: str, failures: list[str] | None = None) -> set[str]:
    """The query parameters the view of ``url`` asks ``request.GET`` for."""
    read: set[str] = set()
    for probe in ({}, {"_probe": "1"}):  # a non-empty query binds forms built as Form(request.GET or None)
        _seen.clear()
        try:
            client.get(url, probe)
        except Exception as exc:  # noqa: BLE001 — reported with the URL
            if failures is not None:
                failures.append(f"GET {url} {probe}: {type(exc).__name__}: {str(exc)[:200]}")
        read |= _seen
    read.discard("_probe")
    return read


def _fuzz(client: Client, url: str) -> list[str]:
    """Record the parameters ``url`` reads, then send each one every corpus value; return the failures."""
    failures: list[str] = []
    for param in sorted(read_parameters(client, url, failures)):
        for value in CORPUS:
            try:
                response = client.get(url, {param: value})
                status = response.status_code
            except Exception as exc:  # noqa: BLE001
                failures.append(f"GET {url}?{param}={value[:30]!r}: {type(exc).__name__}: {str(exc)[:200]}")
                continue
            if status >= 500:
                failures.append(f"GET {url}?{param}={value[:30]!r}: {status}")
    return failures


@pytest.mark.parametrize("name", _names(staff=False))
def test_public_url_survives_malformed_query_values(demo_county, db, recording, name):
    client = Client()
    if name.startswith("foi_public:"):  # the applicant's pages need the tracking session
        from gongkai.foi.demo import DEMO_VERIFICATION, tracking

        client.post(
            reverse("foi_public:track"),
            {"tracking_code": tracking(1), "verification_code": DEMO_VERIFICATION},
        )
    kwargs = _public_kwargs(name) or _placeholder_kwargs(name) or None
    url = reverse(name, kwargs=kwargs)
    failures = _fuzz(client, url)
    assert not failures, "\n".join(failures)
