from django.urls import path

from education import views

app_name = "education"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("search/", views.search, name="search"),
]
