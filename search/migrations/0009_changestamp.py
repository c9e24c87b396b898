"""Change stamps: facet labels are kept while their tables are unchanged.

The triggers that replace the stamp are installed after every ``migrate`` on the
tables of the facets registered then (``search.stamps.install_triggers``)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0008_summary_weight")]

    operations = [
        migrations.CreateModel(
            name="ChangeStamp",
            fields=[
                (
                    "name",
                    models.CharField(max_length=40, primary_key=True, serialize=False),
                ),
                ("stamp", models.BigIntegerField()),
            ],
        ),
    ]
