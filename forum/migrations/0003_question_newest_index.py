# The question list's newest-first page reads its rows from this index instead of
# sorting every question (issue 13, item 7).
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("forum", "0002_draft_practice_foreign_key")]

    operations = [
        migrations.AddIndex(
            model_name="question",
            index=models.Index(
                models.OrderBy(models.F("created_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="forum_question_newest",
            ),
        ),
    ]
