"""The desk's routes: login/logout (names `login`, `logout`, as settings.LOGIN_URL expects) and
one block per area, each served by its module in reviews/desk/."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from reviews.desk import (
    articles,
    bulk,
    choosing,
    claim_tools,
    discussion,
    finding,
    inbox,
    matching,
    monitoring,
    outcomes,
    queues,
    team,
    workspace,
)

DESK_NAMESPACE = "desk"  # not `app_name`: that would namespace login/logout too

desk_patterns = [
    # / and /queues/ (reviews/desk/queues.py)
    path("", queues.home, name="home"),
    path("queues/<slug:slug>/", queues.queue_detail, name="queue_detail"),
    path("queues/<slug:slug>/assign/", queues.queue_bulk_assign, name="queue_bulk_assign"),
    path("notifications/", queues.notifications, name="notifications"),
    # choosing work: take next with skips, take a chosen claim, skip (reviews/desk/choosing.py)
    path("queues/<slug:slug>/next/", choosing.queue_take_next, name="queue_take_next"),
    path("claims/<int:pk>/take/", choosing.claim_take_view, name="claim_take"),
    path("claims/<int:pk>/skip/", choosing.claim_skip_view, name="claim_skip"),
    # finding work: lists, search, saved views (reviews/desk/finding.py)
    path("articles/", finding.articles_list, name="articles_list"),
    path("claims/", finding.claims_list, name="claims_list"),
    path("claims/bulk/", bulk.claims_bulk_view, name="claims_bulk"),
    path("search/", finding.search, name="search"),
    path("views/", finding.saved_view_save, name="saved_view_save"),
    path("views/<int:pk>/delete/", finding.saved_view_delete, name="saved_view_delete"),
    # /articles/ (reviews/desk/articles.py)
    path("articles/new/", articles.article_submit_view, name="article_submit"),
    path("articles/<int:pk>/", articles.article_detail, name="article_detail"),
    path("articles/<int:pk>/live/", articles.article_live, name="article_live"),
    path("articles/<int:pk>/claims/", articles.claim_add_view, name="claim_add"),
    path("claims/<int:pk>/promote/", articles.claim_promote_view, name="claim_promote"),
    # /claims/{id}/ workspace: sources, release, verdict draft (reviews/desk/workspace.py)
    path("claims/<int:pk>/", workspace.claim_workspace, name="claim_workspace"),
    path("claims/<int:pk>/evidence/", workspace.claim_evidence, name="claim_evidence"),
    path("claims/<int:pk>/sources/", workspace.claim_source_attach, name="claim_source_attach"),
    path("claims/<int:pk>/release/", workspace.claim_release_view, name="claim_release"),
    path("claims/<int:pk>/draft/", workspace.verdict_draft, name="verdict_draft"),
    path("claims/<int:pk>/submit/", workspace.verdict_submit_view, name="verdict_submit"),
    # /claims/{id}/outcome/: an inconsistency resolved, not rated (reviews/desk/outcomes.py)
    path("claims/<int:pk>/outcome/", outcomes.outcome_submit_view, name="outcome_submit"),
    path("claims/<int:pk>/outcome/accept/", outcomes.outcome_accept_view, name="outcome_accept"),
    # /claims/{id}/checked-before/ and links: "Checked before?" (reviews/desk/matching.py)
    path(
        "claims/<int:pk>/checked-before/",
        matching.claim_checked_before,
        name="claim_checked_before",
    ),
    path("claims/<int:pk>/links/", matching.claim_link_view, name="claim_link"),
    path("claims/<int:pk>/comments/", discussion.claim_comment, name="claim_comment"),
    # /claims/{id}/ tools: span, split, dismiss, reopen, reassign, correct (claim_tools.py)
    path("claims/<int:pk>/span/", claim_tools.claim_span_view, name="claim_span"),
    path("claims/<int:pk>/split/", claim_tools.claim_split_view, name="claim_split"),
    path("claims/<int:pk>/dismiss/", claim_tools.claim_dismiss_view, name="claim_dismiss"),
    path("claims/<int:pk>/reopen/", claim_tools.claim_reopen_view, name="claim_reopen"),
    path("claims/<int:pk>/assign/", claim_tools.claim_reassign_view, name="claim_reassign"),
    path("claims/<int:pk>/correction/", claim_tools.verdict_correct_view, name="verdict_correct"),
    # /team/: people, roles, queues (reviews/desk/team.py)
    path("team/", team.team, name="team"),
    # /inbox/ and editorial decisions (reviews/desk/inbox.py)
    path("inbox/", inbox.inbox, name="inbox"),
    path("verdicts/<int:pk>/approve/", inbox.verdict_approve_view, name="verdict_approve"),
    path("verdicts/<int:pk>/return/", inbox.verdict_return_view, name="verdict_return"),
    # /feeds/, /webhooks/, /morning/, /repeats/ (reviews/desk/monitoring.py)
    path("feeds/", monitoring.feeds, name="feeds"),
    path("feeds/<int:pk>/toggle/", monitoring.feed_toggle, name="feed_toggle"),
    path("webhooks/", monitoring.webhooks, name="webhooks"),
    path("webhooks/<int:pk>/enable/", monitoring.webhook_enable, name="webhook_enable"),
    path("webhooks/deliveries/<int:pk>/resend/", monitoring.webhook_resend, name="webhook_resend"),
    path("morning/", monitoring.morning, name="morning"),
    path("repeats/", monitoring.repeats, name="repeats"),
]

# / (authentication: un-namespaced, because LOGIN_URL = "login")
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include((desk_patterns, DESK_NAMESPACE))),
]
