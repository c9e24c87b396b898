from django.urls import path

from . import views

app_name = "coordination"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("charts/<slug:name>.svg", views.trend_chart, name="chart"),
    path("export/<slug:name>.csv", views.table_csv, name="table_csv"),
    path("audit/", views.audit, name="audit"),
    path("audit/export.csv", views.audit_csv, name="audit_csv"),
]
