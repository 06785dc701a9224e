from django.urls import path

from triage import views

app_name = "triage"


def patterns(wrap=lambda view: view):
    return [
        path("", wrap(views.start), name="start"),
        path("questions/<slug:slug>/", wrap(views.step), name="step"),
        path("check-your-answers/", wrap(views.check), name="check"),
        path("result/", wrap(views.result), name="result"),
        path("emergency/", wrap(views.emergency), name="emergency"),
        path("clear/", wrap(views.clear), name="clear"),
        path("how-well-it-works/", views.evidence, name="evidence"),
    ]


urlpatterns = patterns()
