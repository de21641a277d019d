"""The in-process fetcher must not close the caller's database connection (the demo and the job crawl inside a
transaction; closing it there broke `gongkai demo` with "Cannot operate on a closed database")."""

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, connection, transaction

from gongkai.orgs.models import Unit
from gongkai.sitecheck import crawler


@pytest.mark.django_db(transaction=True)
def test_fetching_pages_inside_a_transaction_keeps_its_connection():
    # In a real process Django closes stale connections when a request finishes; the test runner unhooks that, so
    # hook it again here (what `gongkai demo` and the job worker have).
    hooked = request_finished.connect(close_old_connections) is None and close_old_connections in [
        r[1]() for r in request_finished.receivers
    ]
    assert hooked
    try:
        fetch = crawler.inprocess_fetch()
        with transaction.atomic():
            Unit.objects.create(name="巡检测试单位", short_name="巡检测试", kind="department")
            for path in ("/", "/xxgk/", "/no-such-page/"):
                fetched = fetch("https://portal.internal" + path)
                assert fetched.status in (200, 404)
            # "Cannot operate on a closed database" here before the fix
            assert Unit.objects.filter(short_name="巡检测试").exists()
            assert connection.in_atomic_block
    finally:
        request_finished.disconnect(close_old_connections)
