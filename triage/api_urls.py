from django.urls import path

from triage import api

app_name = "triage_api"

urlpatterns = [
    path("self-check/", api.self_check, name="self_check"),
]
