from django.contrib.auth.models import User
from django.core.management import call_command

from claims.models import Article, ArticleURL
from claims.roles import EDITOR_GROUP, FACT_CHECKER_GROUP
from reviews.models import Queue, Rating


def test_it_loads_the_demo_once_and_keeps_existing_data_when_run_again(db, capsys):
    call_command("load_demo", password="demo-password-1")
    first = capsys.readouterr().out
    assert "Demo logins (shown once)" in first and "demo-password-1" in first

    call_command("load_demo")
    second = capsys.readouterr().out
    assert "demo-password-1" not in second
    assert "already present" in second

    assert Article.objects.count() == 1
    assert ArticleURL.objects.count() == 1
    assert set(Queue.objects.values_list("slug", flat=True)) == {
        "arabic-desk",
        "english-desk",
        "inconsistencies",
        "triage",
    }
    assert list(Rating.objects.filter(scale__is_default=True).values_list("slug", flat=True)) == [
        "true",
        "mostly-true",
        "misleading",
        "mostly-false",
        "false",
        "unverifiable",
    ]
    checker = User.objects.get(username="checker")
    assert checker.check_password("demo-password-1")
    assert checker.groups.filter(name=FACT_CHECKER_GROUP).exists()
    assert checker.queues.count() == 4
    assert User.objects.get(username="checker2").queues.count() == 4
    assert User.objects.get(username="editor").groups.filter(name=EDITOR_GROUP).exists()


def test_it_resets_demo_passwords_when_asked(db, capsys):
    call_command("load_demo", password="first-password-9")
    call_command("load_demo", password="second-password-9")
    assert User.objects.get(username="editor").check_password("second-password-9")
