"""Non-page routes under /{lang}/practices/; the library itself is a Wagtail page."""

from django.urls import path

from . import exports, views
from .feeds import PracticesFeed

app_name = "practices"

# These words cannot be practice slugs (see models.RESERVED_SLUGS).
urlpatterns = [
    path("new/", views.practice_create, name="create"),
    path("mine/", views.practices_mine, name="mine"),
    path("review/", views.review_queue, name="review"),
    path("review/<id:pk>/", views.review_detail, name="review_detail"),
    path("feed/", PracticesFeed(), name="feed"),
    path("feed/<slug:theme>/", PracticesFeed(), name="feed_theme"),
    path("export.csv", exports.export_csv, name="export_csv"),
    path("export.json", exports.export_json, name="export_json"),
    path("collections/", views.collections_list, name="collections"),
    path("collections/<slug:slug>/", views.collection_detail, name="collection"),
    path("<id:pk>/edit/", views.practice_edit, name="edit"),
    path("<id:pk>/preview/", views.practice_preview, name="preview"),
    path("<id:pk>/submit/", views.practice_submit, name="submit"),
    path("<id:pk>/reviewed/", views.practice_mark_reviewed, name="mark_reviewed"),
    path("<id:pk>/adopt/", views.practice_adopt, name="adopt"),
    path(
        "<id:pk>/adopt/withdraw/", views.practice_adopt_withdraw, name="adopt_withdraw"
    ),
]
