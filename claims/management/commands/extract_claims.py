"""python manage.py extract_claims PATH [--language ar|en] (--json | --format table)

The same as `claimdesk extract` (claims.cli), which `manage.py` runs without loading settings.
"""

from django.core.management.base import BaseCommand, CommandError

from claims.cli import CliError, add_extract_arguments, extraction_output, read_text


class Command(BaseCommand):
    help = "Extract check-worthy claims from a text file ('-' reads stdin). Needs no database."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        add_extract_arguments(parser)

    def handle(self, *args, **options):
        output_format = options["format"] or ("json" if options["json"] else "table")
        try:
            output = extraction_output(
                read_text(options["path"]),
                language=options["language"],
                output_format=output_format,
                color=self.stdout.isatty(),
            )
        except CliError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(output)
