from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("data.json", views.data_export, name="data_export"),
    path("feeds/reset/", views.feed_tokens_reset, name="feed_tokens_reset"),
    path("delete/", views.account_delete_view, name="delete"),
    path("approvals/", views.approvals, name="approvals"),
    path("waiting/", views.waiting_for_approval, name="waiting"),
]
