"""python manage.py check_url URL [--claim-text TEXT] [--language ar|en] --json

The same as `claimdesk check-url` (claims.cli), with the fetch limits from the settings.
"""

from django.core.management.base import BaseCommand, CommandError

from claims.cli import add_check_url_arguments, check_url_output, check_url_problem


class Command(BaseCommand):
    help = (
        "Fetch a URL through the safe fetcher and check a claim against it, as the Celery task "
        "does, storing nothing. Exit status 0 when fetched, 1 when refused or failed."
    )
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        add_check_url_arguments(parser)

    def handle(self, *args, **options):
        from claims.sources import url_check_report

        report = url_check_report(
            options["url"], claim_text=options["claim_text"], language=options["language"]
        )
        output = check_url_output(report, as_json=options["json"])
        if output:
            self.stdout.write(output)
        problem = check_url_problem(options["url"], report)
        if problem:
            raise CommandError(str(problem), returncode=problem.returncode)
