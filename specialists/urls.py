from django.urls import path

from . import network_views, views

app_name = "specialists"

urlpatterns = [
    path("", views.directory, name="index"),
    path("people/<id:pk>/", views.person, name="person"),
    path("people/<id:pk>/vcard/", views.vcard, name="vcard"),
    path("profile/", views.profile_edit, name="profile"),
    path("designations/", views.designations, name="designations"),
    path(
        "designations/request/",
        views.designation_request,
        name="designation_request",
    ),
    path("designations/new/", views.designation_create, name="designation_create"),
    path(
        "designations/<id:pk>/verify/",
        views.designation_verify,
        name="designation_verify",
    ),
    path(
        "designations/<id:pk>/decline/",
        views.designation_decline,
        name="designation_decline",
    ),
    path("designations/<id:pk>/end/", views.designation_end, name="designation_end"),
    path("coverage/", views.coverage, name="coverage"),
    path(
        "coverage/municipalities/",
        views.coverage_municipalities,
        name="coverage_municipalities",
    ),
    path("coverage.csv", views.coverage_csv, name="coverage_csv"),
    path("groups/", network_views.group_list, name="groups"),
    path("groups/<slug:slug>/", network_views.group_detail, name="group"),
    path("groups/<slug:slug>/join/", network_views.group_join, name="group_join"),
    path("groups/<slug:slug>/leave/", network_views.group_leave, name="group_leave"),
    path(
        "groups/<slug:slug>/notices/",
        network_views.notice_create,
        name="notice_create",
    ),
    path(
        "groups/<slug:slug>/events/new/",
        network_views.event_create,
        name="event_create",
    ),
    path("agenda/", network_views.agenda, name="agenda"),
    path("agenda/<str:token>.ics", network_views.agenda_feed, name="agenda_feed"),
]
