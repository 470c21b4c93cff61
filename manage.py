#!/usr/bin/env python
"""Django's command-line utility, with two differences for people at a terminal:

- `extract_claims` and `check_url` need no database and no settings: they run `claimdesk`'s code
  (claims/cli.py) directly, so they work on a fresh clone with nothing configured;
- a missing or malformed setting (SECRET_KEY with DEBUG off, DATABASE_URL, REDIS_URL, a number
  that is not one) stops any command with one sentence on stderr, not a traceback.
"""

import os
import sys

# Asking how to use manage.py needs no settings.
SETTINGS_FREE = {None, "help", "--help", "-h", "version", "--version"}


def main() -> None:
    from django.core.exceptions import ImproperlyConfigured

    from claims.cli import MANAGE_COMMANDS
    from claims.cli import main as claimdesk

    command = sys.argv[1] if len(sys.argv) > 1 else None
    if command in MANAGE_COMMANDS:
        sys.exit(claimdesk([MANAGE_COMMANDS[command], *sys.argv[2:]], prog="manage.py"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    try:
        if command not in SETTINGS_FREE:
            # Django lets some commands (shell, help) run on with broken settings: say it now.
            settings.INSTALLED_APPS  # noqa: B018 - loads every setting
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        where = f"manage.py {command}" if command else "manage.py"
        print(f"{where}: {' '.join(str(error).split())}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
