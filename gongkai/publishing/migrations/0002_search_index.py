"""Database-specific parts of the full-text index (see gongkai/publishing/search.py and docs/search.md).

SQLite: an FTS5 table over the four token columns of ``publishing_searchentry`` (external content), kept in sync
by triggers, so every ORM write to the entry table updates the index in the same transaction.
PostgreSQL: a ``tsvector`` column with a GIN index (filled by the indexer from the same tokens), and ``pg_trgm``
with a trigram GIN index on the normalized title for substring matches of titles and 文号.
"""

from django.db import migrations

COLUMNS = "title_words, title_grams, body_words, body_grams"
NEW = ", ".join(f"new.{c.strip()}" for c in COLUMNS.split(","))
OLD = ", ".join(f"old.{c.strip()}" for c in COLUMNS.split(","))

SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE publishing_search_fts USING fts5(
        {COLUMNS}, content='publishing_searchentry', content_rowid='id', tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER publishing_searchentry_ai AFTER INSERT ON publishing_searchentry BEGIN
        INSERT INTO publishing_search_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END""",
    f"""CREATE TRIGGER publishing_searchentry_ad AFTER DELETE ON publishing_searchentry BEGIN
        INSERT INTO publishing_search_fts(publishing_search_fts, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); END""",
    f"""CREATE TRIGGER publishing_searchentry_au AFTER UPDATE ON publishing_searchentry BEGIN
        INSERT INTO publishing_search_fts(publishing_search_fts, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD});
        INSERT INTO publishing_search_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS publishing_searchentry_au",
    "DROP TRIGGER IF EXISTS publishing_searchentry_ad",
    "DROP TRIGGER IF EXISTS publishing_searchentry_ai",
    "DROP TABLE IF EXISTS publishing_search_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE publishing_searchentry ADD COLUMN vec tsvector",
    "CREATE INDEX publishing_searchentry_vec ON publishing_searchentry USING gin (vec)",
    "CREATE INDEX publishing_searchentry_title_trgm ON publishing_searchentry USING gin (title_norm gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS publishing_searchentry_title_trgm",
    "DROP INDEX IF EXISTS publishing_searchentry_vec",
    "ALTER TABLE publishing_searchentry DROP COLUMN IF EXISTS vec",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
