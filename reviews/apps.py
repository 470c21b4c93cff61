from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Review workflow"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from reviews import receivers

        receivers.connect()
