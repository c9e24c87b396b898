from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.accessibility_feedback, name="accessibility_feedback"),
    path("thanks/", views.accessibility_feedback_thanks, name="accessibility_thanks"),
]
