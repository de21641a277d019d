"""Django's ``flush``, letting the SQLite audit triggers allow the deletes it issues (see gongkai/audit/guard.py).

Flushing empties every table, the audit log and its chain head included: it is the operator resetting the
database (and what TransactionTestCase / ``live_server`` tests do between tests), not an edit of the log.
"""

from django.core.management.commands import flush

from gongkai.audit import guard


class Command(flush.Command):
    def handle(self, **options):
        with guard.flushing():
            return super().handle(**options)
