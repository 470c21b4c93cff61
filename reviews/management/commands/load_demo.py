"""python manage.py load_demo [--password PW]: demo users, queues, rating scale and seed article."""

import secrets
from pathlib import Path

from django.contrib.auth.models import Group, Permission, User
from django.core.management.base import BaseCommand
from django.db import transaction

import claims
from claims import dispatch
from claims.ingest import article_submit
from claims.models import Article
from claims.roles import EDITOR_GROUP, FACT_CHECKER_GROUP
from reviews.defaults import ensure_defaults
from reviews.models import Queue

DEMO_ARTICLE = Path(claims.__file__).resolve().parent / "demo" / "putin-raisi-call.ar.txt"
DEMO_PUBLISHED_URL = "https://news.example.org/2022/07/putin-raisi-call"
DEMO_USERS = [
    ("checker", FACT_CHECKER_GROUP),
    ("checker2", FACT_CHECKER_GROUP),
    ("editor", EDITOR_GROUP),
]


class Command(BaseCommand):
    help = "Create or update the demo users, default queues, rating scale and the seed article."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="password for every demo user (default: generated)")

    @transaction.atomic
    def handle(self, *args, password: str | None = None, **options):
        ensure_defaults()
        password_shown = password or secrets.token_urlsafe(9)
        created_users = []
        for username, group_name in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username)
            if created or password:
                user.set_password(password_shown)
                user.save()
                created_users.append(username)
            user.groups.add(Group.objects.get(name=group_name))
            if group_name == EDITOR_GROUP:  # the demo editor also manages the team
                user.user_permissions.add(
                    Permission.objects.get(
                        content_type__app_label="reviews", codename="manage_team"
                    )
                )
            if group_name == FACT_CHECKER_GROUP:
                for queue in Queue.objects.all():
                    queue.members.add(user)

        body = DEMO_ARTICLE.read_text(encoding="utf-8")
        article, created = article_submit(
            submitted_by=User.objects.get(username="checker"),
            title="بوتين ورئيسي يعربان عن استعدادهما للتعاون لتسوية الوضع في سوريا",
            body=body,
            language="ar",
            publisher="Demo News",
            published_url=DEMO_PUBLISHED_URL,
        )
        state = "loaded" if created else f"already present ({article.get_status_display()})"
        if not created and article.status == Article.Status.FAILED:
            Article.objects.filter(pk=article.pk).update(status=Article.Status.PENDING)
            dispatch.article_extraction_enqueue(article.pk)
        self.stdout.write(f"Demo article {article.pk} {state}: {DEMO_PUBLISHED_URL}")
        if created_users:
            self.stdout.write(self.style.SUCCESS("Demo logins (shown once):"))
            for username in created_users:
                self.stdout.write(f"  {username:<9} {password_shown}")
        else:
            self.stdout.write(
                "Demo users exist; their passwords are unchanged (use --password to reset)."
            )
