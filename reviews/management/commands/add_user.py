"""manage.py add_user USERNAME --role editor|fact-checker [--queue SLUG ...] [--email E] [--password]"""

import getpass

from django.core.management.base import BaseCommand, CommandError

from claims.errors import WorkflowError
from reviews.team import ROLES, team_member_save


class Command(BaseCommand):
    help = "Create or update a newsroom member with a role and queue memberships."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--role",
            action="append",
            choices=sorted(ROLES),
            required=True,
            dest="roles",
            help="fact-checker or editor; repeat for both",
        )
        parser.add_argument(
            "--queue",
            action="append",
            default=[],
            dest="queues",
            help="slug of a queue to work; repeat for several (fact-checkers take from these)",
        )
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password",
            action="store_true",
            help="ask for a password (otherwise a new user must set one via the admin)",
        )

    def handle(self, *args, username, roles, queues, email, password, **options):
        secret = None
        if password:
            secret = getpass.getpass("Password: ")
            if secret != getpass.getpass("Password (again): "):
                raise CommandError("The passwords differ.")
        try:
            user, created = team_member_save(
                username=username, roles=roles, queues=queues, email=email, password=secret
            )
        except WorkflowError as error:
            raise CommandError(error.detail) from None
        verb = "Created" if created else "Updated"
        queue_text = ", ".join(queues) if queues else "no queue"
        self.stdout.write(f"{verb} {user.get_username()}: {', '.join(roles)}; {queue_text}.")
