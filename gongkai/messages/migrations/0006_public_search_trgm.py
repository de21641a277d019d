"""PostgreSQL: trigram indexes (pg_trgm, installed by publishing 0002) for the portal's reply search, which asks
``col LIKE '%词%'`` on the published subject, message and reply for Chinese words (``selectors._contains``). Terms of
three characters or more use them; SQLite has no such index and scans (bench/messages.py)."""

from django.db import migrations

COLUMNS = ("public_subject", "public_body", "public_reply")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS gkmessages_{column}_trgm ON gkmessages_message "
            f"USING gin ({column} gin_trgm_ops) WHERE published_at IS NOT NULL"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS gkmessages_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("gkmessages", "0005_list_indexes"),
        ("publishing", "0002_search_index"),
    ]

    operations = [migrations.RunPython(forward, backward)]
