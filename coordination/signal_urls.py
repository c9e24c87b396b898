from django.urls import path

from . import signal_views

app_name = "signals"

urlpatterns = [
    path("", signal_views.signal_list, name="index"),
    path("new/", signal_views.signal_create, name="create"),
    path("<id:pk>/", signal_views.signal_detail, name="detail"),
    path("<id:pk>/follow/", signal_views.signal_follow, name="follow"),
    path("<id:pk>/<slug:action>/", signal_views.signal_action, name="action"),
]
