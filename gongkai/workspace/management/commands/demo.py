"""``gongkai demo``: build the demo county (示范县) so every workflow is populated.

Each capability contributes a ``demo.py`` module with ``load(out)``; they run in the order of DEMO_MODULES.
Deterministic and safe to run twice: loaders create what is missing and leave what exists.
"""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai.audit.context import audit_context

DEMO_MODULES = [
    "gongkai.calendar.demo",
    "gongkai.orgs.demo",
    "gongkai.publishing.demo",
    "gongkai.foi.demo",
    "gongkai.foi.demo_history",
    "gongkai.workplan.demo",
    "gongkai.policies.demo",
    "gongkai.participation.demo",
    "gongkai.messages.demo",
    "gongkai.sentiment.demo",
    "gongkai.policies.demo_history",
    "gongkai.reports.demo",
    "gongkai.sitecheck.demo",
    "gongkai.gazette.demo",
    "gongkai.errata.demo",
    "gongkai.registers.demo",
    "gongkai.assessment.demo",
]


class Command(BaseCommand):
    help = "创建演示县（示范县）的单位、人员、日历及各业务的演示数据；可重复执行。"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="数据库中已有单位时只打印登录信息")

    def handle(self, *args, if_empty=False, **options):
        from gongkai.orgs.models import Unit

        with audit_context(channel="cli"):
            if not (if_empty and Unit.objects.exists()):
                for name in DEMO_MODULES:
                    module = importlib.import_module(name)
                    with transaction.atomic():
                        module.load(self.stdout)
        from gongkai.orgs.demo import print_logins

        print_logins(self.stdout)
