"""Load the project's thesaurus (search/thesaurus.csv) into Concept rows."""

from django.db import migrations


def load(apps, schema_editor):
    from search.thesaurus import load_csv

    load_csv(apps.get_model("search", "Concept"))


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
