"""Make the audit log append-only in the database itself.

1. The actor and unit foreign keys no longer cascade (SET_NULL rewrote hashed rows when a user or unit was deleted).
2. Triggers refuse UPDATE and DELETE of events, DELETE of the chain head, and head updates that do not advance it by
   exactly one linked event. SQLite lets DELETE through only while Django's ``flush`` runs (see gongkai/audit/guard.py);
   PostgreSQL's flush uses TRUNCATE, which fires no row triggers.

Note for later migrations: on SQLite an AlterField on these tables rebuilds the table and drops its triggers; re-run
the SQL below afterwards (gongkai/audit/tests/test_guard.py checks the triggers exist).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

SQLITE_INSTALL = [
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, '审计事件只能追加，不能修改（audit_auditevent 禁止 UPDATE）'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
       WHEN NOT gongkai_audit_flushing()
       BEGIN SELECT RAISE(ABORT, '审计事件只能追加，不能删除（audit_auditevent 禁止 DELETE）'); END""",
    """CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_auditchainhead
       WHEN NOT gongkai_audit_flushing()
       BEGIN SELECT RAISE(ABORT, '审计链头不能删除'); END""",
    """CREATE TRIGGER audit_head_advance BEFORE UPDATE ON audit_auditchainhead
       WHEN NEW.count <> OLD.count + 1 OR NOT EXISTS (
           SELECT 1 FROM audit_auditevent WHERE hash = NEW.last_hash AND prev_hash = OLD.last_hash)
       BEGIN SELECT RAISE(ABORT, '审计链头只能随新事件前进一步'); END""",
]
SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    "DROP TRIGGER IF EXISTS audit_head_no_delete",
    "DROP TRIGGER IF EXISTS audit_head_advance",
]

POSTGRESQL_INSTALL = [
    """CREATE OR REPLACE FUNCTION gongkai_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION USING
           ERRCODE = 'insufficient_privilege',
           MESSAGE = '审计日志只能追加：' || TG_TABLE_NAME || ' 禁止 ' || TG_OP;
       END $$""",
    """CREATE OR REPLACE FUNCTION gongkai_audit_head_advance() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.count <> OLD.count + 1 OR NOT EXISTS (
             SELECT 1 FROM audit_auditevent WHERE hash = NEW.last_hash AND prev_hash = OLD.last_hash) THEN
           RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = '审计链头只能随新事件前进一步';
         END IF;
         RETURN NEW;
       END $$""",
    """CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION gongkai_audit_append_only()""",
    """CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_auditchainhead
       FOR EACH ROW EXECUTE FUNCTION gongkai_audit_append_only()""",
    """CREATE TRIGGER audit_head_advance BEFORE UPDATE ON audit_auditchainhead
       FOR EACH ROW EXECUTE FUNCTION gongkai_audit_head_advance()""",
]
POSTGRESQL_UNINSTALL = [
    "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent",
    "DROP TRIGGER IF EXISTS audit_head_no_delete ON audit_auditchainhead",
    "DROP TRIGGER IF EXISTS audit_head_advance ON audit_auditchainhead",
    "DROP FUNCTION IF EXISTS gongkai_audit_append_only()",
    "DROP FUNCTION IF EXISTS gongkai_audit_head_advance()",
]

SQL = {
    "sqlite": (SQLITE_INSTALL, SQLITE_UNINSTALL),
    "postgresql": (POSTGRESQL_INSTALL, POSTGRESQL_UNINSTALL),
}


def install(apps, schema_editor):
    for statement in SQL.get(schema_editor.connection.vendor, ([], []))[0]:
        schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor):
    for statement in SQL.get(schema_editor.connection.vendor, ([], []))[1]:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_initial'),
        ('orgs', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='actor',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='unit',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.unit'),
        ),
        migrations.RunPython(install, uninstall),
    ]
