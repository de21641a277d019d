"""PostgreSQL: a small tsvector of the title's tokens with its own GIN index.

Broad queries (thousands of hits) list title matches first, newest first: with the title vector small and inline,
PostgreSQL can either use this index or walk the date index checking it cheaply, instead of ranking every hit.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE publishing_searchentry ADD COLUMN title_vec tsvector",
    "UPDATE publishing_searchentry SET title_vec = array_to_tsvector("
    "array_remove(string_to_array(title_grams || ' ' || title_words, ' '), ''))",
    "CREATE INDEX publishing_searchentry_title_vec ON publishing_searchentry USING gin (title_vec)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS publishing_searchentry_title_vec",
    "ALTER TABLE publishing_searchentry DROP COLUMN IF EXISTS title_vec",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("publishing", "0003_catalog_template")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
