from django.contrib import admin
from django.db import models

from education.clinics.models import Clinic


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin):
    change_form_template = "admin/education/clinic/change_form.html"
    list_display = ["name", "slug", "phone", "active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "phone", "booking_url", "opening_hours", "active"]}),
        ("Embedding", {"fields": ["embed_origins"]}),
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
