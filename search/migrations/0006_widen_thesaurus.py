"""Widen the thesaurus from the research's vocabulary (search/thesaurus.csv):
new concepts (pregnancy, landlord, tenant, internship, employer, school, rural,
information session, public employment service, ...) and more alternatives for
existing ones (diploma recognition, child interpreters, plain language, rental
deposit, caseload). Merged: concepts edited in the admin keep their wording."""

from django.db import migrations


def widen(apps, schema_editor):
    from search.thesaurus import merge_csv

    merge_csv(apps.get_model("search", "Concept"))


class Migration(migrations.Migration):
    dependencies = [("search", "0005_narrow_heap")]

    operations = [migrations.RunPython(widen, migrations.RunPython.noop)]
