"""Add the groups and themes the research singles out, named in four languages.

The research (DOMAIN.md, seeds/) names (former) unaccompanied minors, women and
mothers (activation, childcare as a condition), victims of human trafficking,
students and people under temporary protection; and as fields of work childcare
and family, and mental health and trauma. Rows a coordinator already made (same
slug) are left as they are: coordinators keep editing them as snippets.
"""

from django.db import migrations
from django.db.models import Max

THEMES = [
    ("childcare-family", "Kinderopvang en gezin", "Garde d'enfants et famille", "Kinderbetreuung und Familie", "Childcare and family"),
    ("mental-health-trauma", "Psychisch welzijn en trauma", "Santé mentale et traumatismes", "Psychische Gesundheit und Trauma", "Mental health and trauma"),
]

TARGET_GROUPS = [
    ("unaccompanied-minors", "(Ex-)niet-begeleide minderjarigen", "(Anciens) mineurs étrangers non accompagnés", "(Ehemalige) unbegleitete Minderjährige", "(Former) unaccompanied minors"),
    ("women-mothers", "Vrouwen en moeders", "Femmes et mères", "Frauen und Mütter", "Women and mothers"),
    ("trafficking-victims", "Slachtoffers van mensenhandel", "Victimes de la traite des êtres humains", "Opfer von Menschenhandel", "Victims of human trafficking"),
    ("students", "Studenten", "Étudiants", "Studierende", "Students"),
    ("temporary-protection", "Tijdelijk beschermden", "Bénéficiaires de la protection temporaire", "Vorübergehend Schutzberechtigte", "People under temporary protection"),
]


def add(apps, schema_editor):
    for model_name, rows in (("Theme", THEMES), ("TargetGroup", TARGET_GROUPS)):
        model = apps.get_model("taxonomy", model_name)
        order = (model.objects.aggregate(m=Max("sort_order"))["m"] or 0) + 1
        for slug, nl, fr, de, en in rows:
            _obj, created = model.objects.get_or_create(
                slug=slug,
                defaults={"name_nl": nl, "name_fr": fr, "name_de": de, "name_en": en,
                          "sort_order": order},
            )
            order += created


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0002_seed_themes_and_target_groups")]
    # Going back keeps the rows: practices and questions may already use them.
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
