"""街道 get the 第二十一条 township list (the template's ``art21t-*`` items now apply to subdistricts too), and the
template gains the two items behind /xxgk/zhidu/ and /xxgk/nianbao/ (the 年报 item the reports app created on first
use, if any, is given its code instead of a twin)."""

from django.db import migrations


def forward(apps, schema_editor):
    from gongkai.publishing.catalog import TOWNSHIP_KINDS, create_template

    node_model = apps.get_model("publishing", "CatalogNode")
    for node in node_model.objects.filter(unit__isnull=True, code__startswith="art21t-"):
        if node.applies_to != TOWNSHIP_KINDS:
            node.applies_to = list(TOWNSHIP_KINDS)
            node.save(update_fields=["applies_to"])
    create_template(node_model)


def backward(apps, schema_editor):
    node_model = apps.get_model("publishing", "CatalogNode")
    for node in node_model.objects.filter(unit__isnull=True, code__startswith="art21t-"):
        node.applies_to = ["township"]
        node.save(update_fields=["applies_to"])


class Migration(migrations.Migration):
    dependencies = [("publishing", "0007_revision")]

    operations = [migrations.RunPython(forward, backward)]
