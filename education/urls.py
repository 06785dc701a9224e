from django.urls import path

from education import views
from education.clinics import views as clinic_views
from education.feeds import ArticleFeed

app_name = "education"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("articles/<slug:slug>/feedback/", views.feedback, name="feedback"),
    path("search/", views.search, name="search"),
    path("go/<str:code>/", clinic_views.go, name="go"),
    path("c/<slug:slug>/", clinic_views.clinic_link, name="clinic"),
    path("for-clinics/", clinic_views.for_clinics, name="for_clinics"),
    path("feed/", ArticleFeed(), name="feed"),
    path("embed/articles/<slug:slug>/", views.article_embed, name="article_embed"),
]
