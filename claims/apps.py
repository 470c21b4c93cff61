from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Articles and claims"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the search normaliser on every SQLite connection.
        from claims import search  # noqa: F401
