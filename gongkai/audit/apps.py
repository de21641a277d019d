from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "gongkai.audit"
    label = "audit"
    verbose_name = "审计日志"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import guard

        connection_created.connect(guard.register_sqlite_function, dispatch_uid="gongkai_audit_sqlite_guard")
