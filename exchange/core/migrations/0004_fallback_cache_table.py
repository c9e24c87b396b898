"""Create the database cache table of the Redis fallback on sites that use Redis.

Migration 0001 created it only where REDIS_URL was unset; ``createcachetable``
skips tables that exist, so this is safe everywhere.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command(
        "createcachetable", database=schema_editor.connection.alias, verbosity=0
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_coordinators_read_feedback")]
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
