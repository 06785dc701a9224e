from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = "Self-check"

    def ready(self) -> None:
        from triage import checks  # noqa: F401  (registers the system checks)
