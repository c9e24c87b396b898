from django.urls import path

from . import mailing_views, views

app_name = "coordination"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("charts/<slug:name>.svg", views.trend_chart, name="chart"),
    path("export/<slug:name>.csv", views.table_csv, name="table_csv"),
    path("audit/", views.audit, name="audit"),
    path("audit/export.csv", views.audit_csv, name="audit_csv"),
    path("announcements/", mailing_views.announcements, name="announcements"),
    path("newsletter/", mailing_views.newsletter, name="newsletter"),
    path(
        "newsletter/<int:year>/<int:month>/",
        mailing_views.newsletter,
        name="newsletter_month",
    ),
    path(
        "newsletter/<id:pk>/test/",
        mailing_views.newsletter_test,
        name="newsletter_test",
    ),
    path(
        "newsletter/<id:pk>/send/",
        mailing_views.newsletter_send,
        name="newsletter_send",
    ),
]
