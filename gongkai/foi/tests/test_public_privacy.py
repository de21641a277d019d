"""No applicant's personal data on any public page: crawl the public site of a seeded database (the demo county)
and look for every applicant's name, ID number, phone, e-mail and address — including the status pages that
the applicants themselves open with their codes."""

import re
from collections import deque
from urllib.parse import urljoin, urlparse

import pytest

from gongkai.foi.demo import DEMO_VERIFICATION
from gongkai.foi.models import InfoRequest

pytestmark = pytest.mark.django_db
SKIP = ("/work/", "/sysadmin/", "/static/", "/media/")
HREF = re.compile(r"""href=["']([^"'#]+)""")


def secrets_of_applicants() -> set[str]:
    values = set()
    for row in InfoRequest.objects.values(
        "applicant_name", "id_number", "phone", "email", "address", "legal_rep", "contact_person"
    ):
        values.update(v for v in row.values() if v and len(v) >= 2)
    return values


def crawl(client, start="/", limit=400):
    seen, queue, pages = set(), deque([start]), {}
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        pages[url] = body
        for href in HREF.findall(body):
            target = urljoin(url, href)
            parsed = urlparse(target)
            if parsed.scheme not in ("", "http", "https") or (
                parsed.netloc and parsed.netloc != "testserver"
            ):
                continue  # mailto:, tel:, other sites
            path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            if path.startswith(SKIP) or path in seen:
                continue
            queue.append(path)
    return pages


def test_public_pages_never_show_applicants_personal_data(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.GONGKAI_FOI_TRACK_PER_10MIN = 1000
    settings.GONGKAI_FOI_KEY_FILE = str(tmp_path / "foi.key")
    from io import StringIO

    from gongkai.audit.context import audit_context
    from gongkai.calendar import demo as calendar_demo
    from gongkai.foi import demo as foi_demo
    from gongkai.orgs import demo as orgs_demo

    with audit_context(channel="cli"):  # the loaders this module's data needs (the whole demo may grow)
        for module in (calendar_demo, orgs_demo, foi_demo):
            module.load(StringIO())
    secrets = secrets_of_applicants()
    assert len(secrets) > 40  # names, IDs, phones, e-mails, addresses of the demo applicants
    pages = crawl(client)
    assert "/ysqgk/" in pages and "/ysqgk/new/" in pages and "/ysqgk/track/" in pages
    # The status page of every demo case, as its applicant sees it.
    for case in InfoRequest.objects.all():
        r = client.post(
            "/ysqgk/track/", {"tracking_code": case.tracking_code, "verification_code": DEMO_VERIFICATION}
        )
        assert r.status_code == 200, case.tracking_code
        pages[f"track:{case.tracking_code}"] = r.content.decode()
    leaks = [(url, s) for url, body in pages.items() for s in secrets if s in body]
    assert not leaks, leaks[:10]
    # Sanity: the crawl did see real content (so the test can fail).
    assert any("部分公开" in body for url, body in pages.items() if url.startswith("track:"))
