"""python manage.py preflight: clear messages for bad configuration before anything starts."""

from django.core.management.base import BaseCommand, CommandError

from config.health import broker_status, database_status


class Command(BaseCommand):
    help = "Check that the database and the broker answer; exit 1 with a readable reason if not."
    requires_system_checks = []
    requires_migrations_checks = False

    def handle(self, *args, **options):
        from django.conf import settings

        problems = []
        database = database_status()
        if database:
            url = settings.DATABASE_URL.split("@")[-1]
            problems.append(f"The database at {url} cannot be reached: {database}")
        broker = broker_status()
        if broker:
            where = "Redis at REDIS_URL" if settings.REDIS_URL else "the embedded broker under var/"
            problems.append(f"The Celery broker ({where}) cannot be reached: {broker}")
        if problems:
            raise CommandError("\n".join(problems))
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        broker_name = "redis" if settings.REDIS_URL else "embedded filesystem broker"
        self.stdout.write(f"preflight ok: database={engine} broker={broker_name}")
