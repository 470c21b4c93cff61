"""Bidirectional text cannot disguise names or links.

U+202E in a username or a link text flipped what was shown (`…/‮gnp.exe` displayed as
`…/exe.png`). Names are isolated in <bdi>; bidi controls in addresses and link texts show as
visible ⟨U+202E⟩ marks.
"""

from django.contrib.auth.models import Group, User
from django.template import Context, Template
from django.urls import reverse

from claims.models import ArticleURL, Citation, Evidence
from claims.roles import FACT_CHECKER_GROUP
from reviews.approval import verdict_approve
from reviews.models import Notification, Queue
from tests.conftest import PASSWORD
from tests.factories import SnapshotFactory
from tests.test_public_api import make_article, make_verdict, publish
from tests.workflow_setup import assigned_claim, plain_http, submitted_verdict  # noqa: F401

RLO = "\u202e"


def render(source: str, **context) -> str:
    return Template("{% load web_links %}" + source).render(Context(context))


def test_bidi_controls_in_an_address_are_shown_not_obeyed():
    html = render("{% web_link url %}", url=f"https://files.example.org/{RLO}gnp.exe")

    assert RLO not in html
    assert "⟨U+202E⟩gnp.exe" in html
    assert "<a " not in html  # an address with bidi controls is not one we link


def test_the_filter_marks_every_kind_of_bidi_control():
    text = "a\u202ab\u202bc\u202cd\u202de\u202ef\u2066g\u2067h\u2068i\u2069j\u200ek\u200fl\u061cm"
    shown = render("{{ text|visible_bidi }}", text=text)
    for code in ("202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068", "2069", "200E"):
        assert f"⟨U+{code}⟩" in shown
    assert "⟨U+200F⟩" in shown and "⟨U+061C⟩" in shown


def test_a_snapshot_title_with_an_override_is_shown_visibly(desk_client, checker):
    claim = assigned_claim(checker)
    snapshot = SnapshotFactory(title=f"Annual report {RLO}fdp.exe")
    Citation.objects.create(claim=claim, source=snapshot.source)
    snapshot.source.status = "checked"
    snapshot.source.save()
    Evidence.objects.create(claim=claim, snapshot=snapshot, stance="mentions")

    html = desk_client(checker).get(reverse("desk:claim_evidence", args=[claim.pk])).content
    html = html.decode()

    assert RLO not in html
    assert "⟨U+202E⟩fdp.exe" in html


def test_a_username_with_an_override_is_isolated_everywhere_it_is_shown(desk_client, defaults):
    sneaky = User.objects.create_user(f"eve{RLO}rotide", password=PASSWORD)
    sneaky.groups.add(Group.objects.get(name=FACT_CHECKER_GROUP))
    for queue in Queue.objects.all():
        queue.members.add(sneaky)
    claim = assigned_claim(sneaky)

    html = desk_client(sneaky).get(reverse("desk:claim_workspace", args=[claim.pk])).content
    html = html.decode()

    name = sneaky.get_username()
    assert html.count(name) >= 2
    assert html.count(name) == html.count(f"<bdi>{name}</bdi>")


def test_a_notification_isolates_the_name_it_quotes(checker, editor):
    editor.username = f"ed{RLO}rotide"
    editor.save()
    verdict = submitted_verdict(checker)

    verdict_approve(verdict=verdict, editor=editor)

    message = Notification.objects.get(recipient=checker).message
    assert RLO not in message
    assert message.startswith("\u2068edrotide\u2069 approved")


def test_a_stored_address_with_an_override_is_text_on_the_public_page(client, defaults):
    article = make_article(urls=("https://news.example.org/a",))
    ArticleURL.objects.create(
        article=article, url=f"https://news.example.org/{RLO}lmth.exe", match_key="legacy"
    )
    verdict = publish(make_verdict(article))

    html = client.get(f"/claims/{verdict.claim_id}/verdict/", secure=True).content.decode()

    assert RLO not in html
