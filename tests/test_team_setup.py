"""Team set-up without the Django shell: add_user, and the team page for editors who manage it."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.models import AuditEvent
from claims.roles import EDITOR_GROUP, FACT_CHECKER_GROUP
from tests.workflow_setup import plain_http  # noqa: F401

pytestmark = pytest.mark.django_db


def test_it_adds_a_fact_checker_to_a_queue_from_the_command_line(defaults, capsys):
    call_command("add_user", "layla", "--role", "fact-checker", "--queue", "arabic-desk")

    user = User.objects.get(username="layla")
    assert list(user.groups.values_list("name", flat=True)) == [FACT_CHECKER_GROUP]
    assert list(user.queues.values_list("slug", flat=True)) == ["arabic-desk"]
    assert not user.has_usable_password()
    assert "Created layla: fact-checker; arabic-desk." in capsys.readouterr().out


def test_it_changes_roles_and_queues_of_an_existing_user(defaults, checker):
    call_command("add_user", "checker", "--role", "editor", "--role", "fact-checker")

    checker.refresh_from_db()
    assert set(checker.groups.values_list("name", flat=True)) == {EDITOR_GROUP, FACT_CHECKER_GROUP}
    assert not checker.queues.exists()
    assert AuditEvent.objects.filter(action="team.update").exists()


def test_it_says_which_queue_does_not_exist(defaults):
    with pytest.raises(CommandError, match="No such queue: nowhere"):
        call_command("add_user", "omar", "--role", "editor", "--queue", "nowhere")

    assert not User.objects.filter(username="omar").exists()


def test_it_lets_an_editor_who_manages_the_team_add_a_person(client, editor):
    editor.user_permissions.add(Permission.objects.get(codename="manage_team"))
    client.force_login(editor)

    home = client.get(reverse("desk:home"))
    response = client.post(
        reverse("desk:team"),
        {
            "username": "sara",
            "email": "sara@example.org",
            "roles": ["fact-checker"],
            "queues": ["english-desk"],
        },
    )

    assert reverse("desk:team") in home.content.decode()
    assert response.status_code == 302
    sara = User.objects.get(username="sara")
    assert sara.email == "sara@example.org"
    assert list(sara.queues.values_list("slug", flat=True)) == ["english-desk"]
    event = AuditEvent.objects.get(action="team.create")
    assert event.actor_id == editor.pk


def test_it_shows_the_team_form_errors_in_words(client, editor):
    editor.user_permissions.add(Permission.objects.get(codename="manage_team"))
    client.force_login(editor)

    response = client.post(reverse("desk:team"), {"username": "", "email": "not mail"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in body
    assert "Enter a valid email address." in body


def test_it_refuses_the_team_page_to_editors_without_the_permission(client, editor, checker):
    for person in (editor, checker):
        client.force_login(person)
        assert client.get(reverse("desk:team")).status_code == 403
        assert client.post(reverse("desk:team"), {"username": "x"}).status_code == 403
    assert not User.objects.filter(username="x").exists()
