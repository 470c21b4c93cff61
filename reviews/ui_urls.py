"""The web UI: login/logout (names `login`, `logout`, as settings.LOGIN_URL expects) and the desk."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from claims import views as claim_views
from reviews import views

DESK_NAMESPACE = "desk"  # not `app_name`: that would namespace login/logout too

# / (desk pages, login required)
desk_patterns = [
    path("", views.home, name="home"),
    path("articles/new/", claim_views.article_submit_view, name="article_submit"),
    path("articles/<int:pk>/", claim_views.article_detail, name="article_detail"),
    path("articles/<int:pk>/live/", claim_views.article_live, name="article_live"),
    path("articles/<int:pk>/claims/", claim_views.claim_add_view, name="claim_add"),
    path("queues/<slug:slug>/", views.queue_detail, name="queue_detail"),
    path("queues/<slug:slug>/next/", views.queue_take_next, name="queue_take_next"),
    path("queues/<slug:slug>/assign/", views.queue_bulk_assign, name="queue_bulk_assign"),
    path("claims/<int:pk>/", views.claim_workspace, name="claim_workspace"),
    path("claims/<int:pk>/evidence/", views.claim_evidence, name="claim_evidence"),
    path("claims/<int:pk>/sources/", views.claim_source_attach, name="claim_source_attach"),
    path("claims/<int:pk>/release/", views.claim_release_view, name="claim_release"),
    path("claims/<int:pk>/draft/", views.verdict_draft, name="verdict_draft"),
    path("claims/<int:pk>/submit/", views.verdict_submit_view, name="verdict_submit"),
    path("claims/<int:pk>/span/", views.claim_span_view, name="claim_span"),
    path("claims/<int:pk>/split/", views.claim_split_view, name="claim_split"),
    path("claims/<int:pk>/dismiss/", views.claim_dismiss_view, name="claim_dismiss"),
    path("claims/<int:pk>/reopen/", views.claim_reopen_view, name="claim_reopen"),
    path("claims/<int:pk>/assign/", views.claim_reassign_view, name="claim_reassign"),
    path("claims/<int:pk>/correction/", views.verdict_correct_view, name="verdict_correct"),
    path("inbox/", views.inbox, name="inbox"),
    path("verdicts/<int:pk>/approve/", views.verdict_approve_view, name="verdict_approve"),
    path("verdicts/<int:pk>/return/", views.verdict_return_view, name="verdict_return"),
    path("notifications/", views.notifications, name="notifications"),
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
