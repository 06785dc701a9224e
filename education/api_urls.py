from django.urls import path

from education import api

app_name = "education_api"

urlpatterns = [
    path("articles/", api.articles, name="articles"),
    path("articles/<str:slug>/", api.article, name="article"),
    path("lookup/", api.lookup, name="lookup"),
    path("openapi.json", api.openapi, name="openapi"),
]
