from django.urls import path, re_path

from . import feeds, views

app_name = "forum"

urlpatterns = [
    path("", views.index, name="index"),
    path("ask/", views.question_ask, name="ask"),
    path("similar/", views.similar, name="similar"),
    path("queue/", views.specialist_queue, name="queue"),
    path("feed/", feeds.NewQuestionsFeed(), name="feed"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("questions/<id:pk>/", views.question_detail, name="question"),
    path("questions/<id:pk>/edit/", views.question_edit, name="question_edit"),
    path("questions/<id:pk>/answer/", views.answer_create, name="answer_create"),
    path(
        "questions/<id:pk>/moderate/",
        views.question_moderate,
        name="question_moderate",
    ),
    path("answers/<id:pk>/edit/", views.answer_edit, name="answer_edit"),
    path("answers/<id:pk>/comment/", views.comment_create, name="comment_create"),
    path("answers/<id:pk>/accept/", views.accept, name="accept"),
    path("answers/<id:pk>/validate/", views.validate, name="validate"),
    path("comments/<id:pk>/edit/", views.comment_edit, name="comment_edit"),
    re_path(
        r"^(?P<kind>question|answer|comment)s/(?P<pk>\d+)/history/$",
        views.history,
        name="history",
    ),
    re_path(r"^(?P<kind>question|answer)s/(?P<pk>\d+)/vote/$", views.vote, name="vote"),
    re_path(
        r"^(?P<kind>question|answer|comment)s/(?P<pk>\d+)/flag/$",
        views.flag,
        name="flag",
    ),
    re_path(
        r"^follow/(?P<kind>question|theme|region)/(?P<key>[\w-]+)/$",
        views.follow,
        name="follow",
    ),
    re_path(
        r"^moderation/(?P<kind>question|answer|comment)/(?P<pk>\d+)/edit/$",
        views.moderate_edit,
        name="moderate_edit",
    ),
    re_path(
        r"^moderation/(?P<kind>question|answer|comment)/(?P<pk>\d+)/(?P<action>[a-z]+)/$",
        views.moderate,
        name="moderate",
    ),
]
