"""Django admin views of the forum, for support; moderation happens on the site."""

from django.contrib import admin

from .models import Answer, Flag, ImportedAuthor, Question


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "language", "status", "is_hidden", "created_at"]
    list_filter = ["status", "is_hidden", "language", "themes"]
    search_fields = ["title", "external_id"]
    raw_id_fields = ["author", "accepted_answer", "duplicate_of", "municipality"]
    readonly_fields = ["body_html", "answer_count", "vote_score"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["question", "author", "is_hidden", "created_at"]
    list_filter = ["is_hidden"]
    raw_id_fields = ["question", "author", "validated_by"]
    readonly_fields = ["body_html", "vote_score"]


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ["__str__", "reporter", "status", "created_at"]
    list_filter = ["status", "reason"]
    raw_id_fields = ["reporter", "resolved_by"]


@admin.register(ImportedAuthor)
class ImportedAuthorAdmin(admin.ModelAdmin):
    list_display = ["display_name", "created_at"]
    search_fields = ["display_name"]
