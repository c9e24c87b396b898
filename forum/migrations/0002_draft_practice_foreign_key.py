"""``Question.draft_practice`` becomes a foreign key (it was a bare integer).

The values are kept; an id whose practice no longer exists becomes NULL. Works the
same on SQLite and PostgreSQL: a new column is filled, the old one dropped, and the
new one renamed to the old column name (``draft_practice_id``).
"""

import django.db.models.deletion
from django.db import migrations, models


def copy_existing_ids(apps, schema_editor):
    Question = apps.get_model("forum", "Question")
    PracticePage = apps.get_model("practices", "PracticePage")
    existing = set(PracticePage.objects.values_list("pk", flat=True))
    rows = Question.objects.exclude(draft_practice_id__isnull=True).values_list(
        "pk", "draft_practice_id"
    )
    for pk, practice_id in rows:
        if practice_id in existing:
            Question.objects.filter(pk=pk).update(draft_practice_new_id=practice_id)


def copy_back(apps, schema_editor):
    Question = apps.get_model("forum", "Question")
    for pk, practice_id in Question.objects.exclude(
        draft_practice_new_id__isnull=True
    ).values_list("pk", "draft_practice_new_id"):
        Question.objects.filter(pk=pk).update(draft_practice_id=practice_id)


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0001_initial"),
        ("practices", "0002_review_workflow_and_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="question",
            name="draft_practice_new",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="practices.practicepage",
            ),
        ),
        migrations.RunPython(copy_existing_ids, copy_back),
        migrations.RemoveField(model_name="question", name="draft_practice_id"),
        migrations.RenameField(
            model_name="question",
            old_name="draft_practice_new",
            new_name="draft_practice",
        ),
        migrations.AlterField(
            model_name="question",
            name="draft_practice",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="draft_of_questions",
                to="practices.practicepage",
                verbose_name="draft practice",
            ),
        ),
    ]
