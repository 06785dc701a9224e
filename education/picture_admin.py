"""Pictures in the admin: upload with its words, which are required, checked and scaled on the way in."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html

from education import pictures
from education.pictures import Picture


class PictureForm(forms.ModelForm):
    class Meta:
        model = Picture
        fields = ["key", "image", "alt", "caption", "description", "alt_es", "caption_es", "description_es"]

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if upload and hasattr(upload, "read") and not getattr(upload, "_committed", False):
            self.stored = pictures.store(upload.name, upload.read())
        return upload


@admin.register(Picture)
class PictureAdmin(admin.ModelAdmin):
    form = PictureForm
    list_display = ["key", "thumbnail", "alt"]
    search_fields = ["key", "alt", "caption"]
    readonly_fields = ["thumbnail"]

    @admin.display(description="Picture")
    def thumbnail(self, obj):
        if not obj or not obj.image:
            return "–"
        return format_html(
            '<img src="/media/{}" alt="{}" style="max-width: 12rem; height: auto">', obj.image.name, obj.alt
        )

    def save_model(self, request, obj, form, change):
        stored = getattr(form, "stored", None)
        if stored:
            # Already checked, scaled and saved under its content's name.
            obj.image, obj.width, obj.height = stored
        super().save_model(request, obj, form, change)
