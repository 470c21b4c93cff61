"""Who may open which desk page: login first, then the newsroom role; CSRF on every form."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import ArticleFactory, ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db

# (url name, needs an object, method, roles allowed: "checker", "editor")
DESK_VIEWS = [
    ("desk:home", None, "get", {"checker", "editor"}),
    ("desk:article_submit", None, "get", {"checker", "editor"}),
    ("desk:article_detail", "article", "get", {"checker", "editor"}),
    ("desk:article_live", "article", "get", {"checker", "editor"}),
    ("desk:queue_detail", "queue", "get", {"checker", "editor"}),
    ("desk:queue_take_next", "queue", "post", {"checker"}),
    ("desk:claim_workspace", "claim", "get", {"checker", "editor"}),
    ("desk:claim_evidence", "claim", "get", {"checker", "editor"}),
    ("desk:claim_source_attach", "claim", "post", {"checker"}),
    ("desk:claim_release", "claim", "post", {"checker"}),
    ("desk:verdict_draft", "claim", "post", {"checker"}),
    ("desk:verdict_submit", "claim", "post", {"checker"}),
    ("desk:inbox", None, "get", {"editor"}),
    ("desk:verdict_approve", "verdict", "post", {"editor"}),
    ("desk:verdict_return", "verdict", "post", {"editor"}),
    ("desk:notifications", None, "get", {"checker", "editor"}),
    ("desk:queue_bulk_assign", "queue", "post", {"editor"}),
    ("desk:claim_take", "claim", "post", {"checker"}),
    ("desk:claim_skip", "claim", "post", {"checker"}),
    ("desk:articles_list", None, "get", {"checker", "editor"}),
    ("desk:claims_list", None, "get", {"checker", "editor"}),
    ("desk:claims_bulk", None, "post", {"editor"}),
    ("desk:search", None, "get", {"checker", "editor"}),
    ("desk:saved_view_save", None, "post", {"checker", "editor"}),
    ("desk:saved_view_delete", "any", "post", {"checker", "editor"}),
    ("desk:claim_add", "article", "post", {"checker"}),
    ("desk:claim_promote", "claim", "post", {"checker", "editor"}),
    ("desk:claim_checked_before", "claim", "get", {"checker", "editor"}),
    ("desk:claim_link", "claim", "post", {"checker"}),
    ("desk:claim_comment", "claim", "post", {"checker", "editor"}),
    ("desk:claim_span", "claim", "post", {"checker"}),
    ("desk:claim_split", "claim", "post", {"checker"}),
    ("desk:claim_dismiss", "claim", "post", {"checker", "editor"}),
    ("desk:claim_reopen", "claim", "post", {"checker", "editor"}),
    ("desk:claim_reassign", "claim", "post", {"editor"}),
    ("desk:verdict_correct", "claim", "post", {"checker"}),
    ("desk:outcome_submit", "claim", "post", {"checker"}),
    ("desk:outcome_accept", "claim", "post", {"checker"}),
    ("desk:team", None, "get", {"editor"}),  # editors with the manage-team permission
    ("desk:feeds", None, "get", {"checker", "editor"}),
    ("desk:feed_toggle", "any", "post", {"editor"}),
    ("desk:webhooks", None, "get", {"editor"}),
    ("desk:webhook_enable", "any", "post", {"editor"}),
    ("desk:webhook_resend", "any", "post", {"editor"}),
    ("desk:morning", None, "get", {"checker", "editor"}),
    ("desk:repeats", None, "get", {"checker", "editor"}),
]


@pytest.fixture
def objects(checker):
    claim = ClaimFactory()
    verdict = VerdictFactory(claim=claim, author=checker)
    return {
        "article": [claim.article_id],
        "claim": [claim.pk],
        "verdict": [verdict.pk],
        "queue": [claim.queue.slug],
        "any": [999_999],  # refused by role before the object is looked up
        None: [],
    }


def _url(name, kind, objects):
    return reverse(name, args=objects[kind])


@pytest.mark.parametrize(("name", "kind", "method", "roles"), DESK_VIEWS)
def test_it_sends_anonymous_visitors_to_the_login_page(
    desk_client, objects, name, kind, method, roles
):
    url = _url(name, kind, objects)
    response = getattr(desk_client(), method)(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(("name", "kind", "method", "roles"), DESK_VIEWS)
def test_it_shows_outsiders_a_403_page(desk_client, objects, outsider, name, kind, method, roles):
    response = getattr(desk_client(outsider), method)(_url(name, kind, objects))
    assert response.status_code == 403
    assert b"You can't open this page" in response.content


@pytest.mark.parametrize(
    ("name", "kind", "method", "roles"), [view for view in DESK_VIEWS if len(view[3]) == 1]
)
def test_it_refuses_the_other_role(
    desk_client, objects, checker, editor, name, kind, method, roles
):
    other = editor if roles == {"checker"} else checker
    response = getattr(desk_client(other), method)(_url(name, kind, objects))
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("name", "kind"),
    [(name, kind) for name, kind, method, roles in DESK_VIEWS if method == "get"],
)
def test_it_opens_every_page_for_a_newsroom_role(desk_client, objects, checker, editor, name, kind):
    roles = next(view[3] for view in DESK_VIEWS if view[0] == name)
    user = checker if "checker" in roles else editor
    if name == "desk:team":  # the team page wants the editor's "manage team" permission too
        editor.user_permissions.add(Permission.objects.get(codename="manage_team"))
    response = desk_client(user).get(_url(name, kind, objects))
    assert response.status_code == 200


def test_it_lists_every_desk_view_with_the_roles_it_admits():
    from reviews.desk.urls import desk_patterns

    routes = {f"desk:{pattern.name}" for pattern in desk_patterns if pattern.name}

    assert routes == {view[0] for view in DESK_VIEWS}


def test_it_answers_the_login_page_and_logs_in(desk_client, checker):
    client = desk_client()
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert b'name="csrfmiddlewaretoken"' in page.content
    response = client.post(
        reverse("login"), {"username": "checker", "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:home")


def test_it_says_so_when_the_password_is_wrong(desk_client, checker):
    response = desk_client().post(reverse("login"), {"username": "checker", "password": "nope"})
    assert response.status_code == 200
    assert b"didn't match" in response.content


def test_it_logs_out_with_a_post(desk_client, checker):
    client = desk_client(checker)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("desk:home")).status_code == 302


@pytest.mark.parametrize(
    ("name", "kind", "user"),
    [
        ("desk:article_submit", None, "checker"),
        ("desk:queue_take_next", "queue", "checker"),
        ("desk:verdict_draft", "claim", "checker"),
        ("desk:verdict_submit", "claim", "checker"),
        ("desk:claim_source_attach", "claim", "checker"),
        ("desk:claim_release", "claim", "checker"),
        ("desk:verdict_approve", "verdict", "editor"),
        ("desk:verdict_return", "verdict", "editor"),
        ("logout", None, "checker"),
    ],
)
def test_it_refuses_a_post_without_a_csrf_token(
    desk_client, objects, checker, editor, name, kind, user
):
    client = desk_client({"checker": checker, "editor": editor}[user], csrf=True)
    response = client.post(_url(name, kind, objects), {"comment": "x", "body": "text"})
    assert response.status_code == 403
    assert b"CSRF" in response.content


def test_it_accepts_a_post_with_the_csrf_token_from_the_page(desk_client, checker):
    client = desk_client(checker, csrf=True)
    page = client.get(reverse("desk:article_submit"))
    token = page.context["csrf_token"]
    assert f'"X-CSRFToken": "{token}"'.encode() in page.content  # htmx sends it from <body>
    response = client.post(
        reverse("desk:article_submit"), {"body": "", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 400  # past CSRF: the form itself answered


def test_it_shows_the_role_aware_navigation(desk_client, checker, editor):
    checker_home = desk_client(checker).get(reverse("desk:home")).content.decode()
    editor_home = desk_client(editor).get(reverse("desk:home")).content.decode()
    assert reverse("desk:inbox") not in checker_home
    assert reverse("desk:inbox") in editor_home
    assert "Take next" in checker_home
    assert "Take next" not in editor_home


def test_it_lists_only_the_queues_a_checker_belongs_to(desk_client, stranger_checker):
    body = desk_client(stranger_checker).get(reverse("desk:home")).content.decode()
    assert "not a member of any queue" in body
    assert reverse("desk:queue_take_next", args=["triage"]) not in body


def test_it_answers_404_for_an_unknown_article(desk_client, checker):
    article = ArticleFactory()
    response = desk_client(checker).get(reverse("desk:article_detail", args=[article.pk + 99]))
    assert response.status_code == 404
