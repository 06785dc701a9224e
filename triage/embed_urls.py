"""The self-check inside a clinic's page: the same pages, with the answers carried in their forms."""

from triage.form_state import carried_in_form
from triage.urls import patterns

app_name = "triage"

urlpatterns = patterns(carried_in_form)
