from django.urls import path

from triage import views

app_name = "triage"

urlpatterns = [
    path("", views.start, name="start"),
    path("questions/<slug:slug>/", views.step, name="step"),
    path("check-your-answers/", views.check, name="check"),
    path("result/", views.result, name="result"),
    path("emergency/", views.emergency, name="emergency"),
    path("clear/", views.clear, name="clear"),
    path("how-well-it-works/", views.evidence, name="evidence"),
]
