from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.publishing.catalog import create_template

    create_template(apps.get_model("publishing", "CatalogNode"))


class Migration(migrations.Migration):
    dependencies = [("publishing", "0002_search_index")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
