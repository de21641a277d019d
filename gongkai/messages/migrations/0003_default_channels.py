# The office's starting channels (县长信箱 … 12345) on every install, not only in the demo: without them a fresh
# county's public form has nowhere to write. The list is messages.vocab.DEFAULT_CHANNELS (local rules, each with its
# source); the office adjusts limits and categories afterwards on /work/messages/channels/.

from django.db import migrations


def create_channels(apps, schema_editor):
    from gongkai.messages.vocab import DEFAULT_CHANNELS

    channel = apps.get_model("gkmessages", "Channel")
    for order, rule in enumerate(DEFAULT_CHANNELS):
        channel.objects.get_or_create(
            code=rule.code,
            defaults={
                "name": rule.name,
                "reply_days": rule.reply_days,
                "rule_source": rule.source,
                "public_by_default": rule.public_by_default,
                "categories": list(rule.categories),
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("gkmessages", "0002_reminder")]

    operations = [migrations.RunPython(create_channels, migrations.RunPython.noop)]
