"""Fetching our own portal in process inside a transaction (as ``gongkai demo`` runs the inspection) leaves the
database connection open. (Only PostgreSQL shows the fault: Django never really closes an in-memory SQLite test
database.)"""

import pytest
from django.db import transaction

from gongkai.orgs.models import Unit
from gongkai.sitecheck import crawler


@pytest.mark.django_db(transaction=True)
def test_inprocess_fetch_keeps_the_connection_in_a_transaction():
    with transaction.atomic():
        Unit.objects.create(name="示范县测试局")
        fetch = crawler.inprocess_fetch()
        assert fetch("https://portal.internal/healthz").status == 200
        assert fetch("https://portal.internal/xxgk/").status == 200
        assert Unit.objects.filter(name="示范县测试局").count() == 1
