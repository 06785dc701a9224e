from django import forms


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the guide",
        max_length=100,
        strip=True,
        error_messages={
            "required": "Enter a word to search for, like 'sciatica' or 'swollen calf'.",
            "max_length": "Use 100 characters or fewer.",
        },
    )
